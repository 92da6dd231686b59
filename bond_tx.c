// SPDX-License-Identifier: GPL-2.0
/*
 * What the modes' transmit handlers share: handing a frame to a port,
 * dropping it, the RCU-published array of ports that may send, and the
 * choice of the handler the bond's ndo_start_xmit calls.
 */
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/sch_generic.h>

#include "bond.h"

netdev_tx_t bond_xmit_drop(struct sk_buff *skb, struct bond *bond)
{
	dev_core_stats_tx_dropped_inc(bond->dev);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

/* tc chose a queue (skbedit queue_mapping) that a port's queue_id names:
 * that port sends the frame if its link is up, whatever the mode would
 * choose, backups included, as in the tree.  Otherwise the mode decides.
 */
static netdev_tx_t bond_xmit_by_queue(struct sk_buff *skb, struct bond *bond)
{
	netdev_tx_t (*xmit)(struct sk_buff *skb, struct bond *bond);
	u16 queue = skb_get_queue_mapping(skb);
	struct bond_port *port;

	bond_for_each_port_rcu(bond, port) {
		if (!queue)
			break;
		if (port->queue_id != queue)
			continue;
		if (port->link == BOND_LINK_UP && bond_port_is_up(port))
			return bond_port_xmit(bond, port, skb);
		break;
	}
	xmit = READ_ONCE(bond->mode_xmit);
	return xmit(skb, bond);
}

static bool bond_has_queue_ids(struct bond *bond)
{
	struct bond_port *port;

	bond_for_each_port(bond, port)
		if (port->queue_id)
			return true;
	return false;
}

/**
 * bond_update_tx - install the transmit handler that fits the bond now
 * @bond: the bond
 *
 * The mode's handler when it can send, a dropper otherwise: the transmit
 * path itself then never tests whether anything can send.  Only where a
 * port has a queue_id, in a mode that honours it, does each frame look
 * for a port by its queue first.
 */
void bond_update_tx(struct bond *bond)
{
	const struct bond_mode_ops *ops = &bond->mode->ops;
	netdev_tx_t (*xmit)(struct sk_buff *skb, struct bond *bond);
	bool ready;

	ASSERT_RTNL();

	ready = !ops->update_tx || ops->update_tx(bond);
	xmit = ready ? ops->xmit : bond_xmit_drop;
	WRITE_ONCE(bond->mode_xmit, xmit);
	if ((bond->mode->flags & BOND_MODE_F_QUEUE_OVERRIDE) &&
	    bond_has_queue_ids(bond))
		xmit = bond_xmit_by_queue;
	WRITE_ONCE(bond->xmit, xmit);
}

/**
 * bond_get_xmit_port - ndo_get_xmit_slave: the port @skb would leave by
 * @dev: the bond
 * @skb: the frame
 * @all_ports: choose as if every port's link were up (hashing modes)
 *
 * What the mode's select_port answers; NULL where the mode sends through
 * every port, or none.  RCU.
 */
struct net_device *bond_get_xmit_port(struct net_device *dev,
				      struct sk_buff *skb, bool all_ports)
{
	struct bond *bond = netdev_priv(dev);
	struct bond_port *port = NULL;

	if (bond->mode->ops.select_port)
		port = bond->mode->ops.select_port(bond, skb, all_ports);
	return port ? port->dev : NULL;
}

static bool bond_tx_port_ok(struct bond *bond, struct bond_port *port)
{
	if (bond->mode->ops.port_can_tx)
		return bond->mode->ops.port_can_tx(bond, port);
	return bond_port_can_tx(port);
}

/* Without memory for a new array, the published one loses the ports that
 * may no longer send, in place: readers see either entry of a slot, and
 * a port that leaves is freed only after synchronize_net().  An array
 * never becomes empty in place; NULL is published instead.
 */
static struct bond_tx_ports *bond_tx_ports_shrink(struct bond *bond,
						  struct bond_tx_ports *tx)
{
	unsigned int i, n = 0;

	for (i = 0; tx && i < tx->count; i++)
		if (bond_tx_port_ok(bond, tx->ports[i]))
			WRITE_ONCE(tx->ports[n++], tx->ports[i]);
	if (!n)
		return NULL;
	WRITE_ONCE(tx->count, n);
	return tx;
}

/**
 * bond_tx_ports_update - republish the ports that may send
 * @bond: the bond
 * @slot: where the mode's transmit handler reads the array
 *
 * The mode's port_can_tx (by default bond_port_can_tx()) decides which
 * ports these are.  Returns whether any may send.  RTNL.
 */
bool bond_tx_ports_update(struct bond *bond, struct bond_tx_ports __rcu **slot)
{
	struct bond_tx_ports *old = rtnl_dereference(*slot);
	struct bond_tx_ports *tx;
	struct bond_port *port;

	ASSERT_RTNL();

	tx = kzalloc(struct_size(tx, ports, bond->port_count), GFP_KERNEL);
	if (!tx) {
		tx = bond_tx_ports_shrink(bond, old);
		if (tx)
			return true;
	} else {
		bond_for_each_port(bond, port)
			if (bond_tx_port_ok(bond, port))
				tx->ports[tx->count++] = port;
	}
	rcu_assign_pointer(*slot, tx);
	if (old)
		kfree_rcu(old, rcu);
	return tx && tx->count;
}

/* Unpublishes the array; readers finish with it first.  RTNL. */
void bond_tx_ports_free(struct bond_tx_ports __rcu **slot)
{
	struct bond_tx_ports *old = rtnl_dereference(*slot);

	RCU_INIT_POINTER(*slot, NULL);
	if (old)
		kfree_rcu(old, rcu);
}

/* The port @hash picks among all ports, whatever their links */
static struct bond_port *bond_port_by_hash(struct bond *bond, u32 hash)
{
	unsigned int n = READ_ONCE(bond->port_count);
	struct bond_port *port;

	if (!n)
		return NULL;
	n = hash % n;
	bond_for_each_port_rcu(bond, port)
		if (!n--)
			return port;
	return NULL;
}

/**
 * bond_tx_ports_pick - the port @skb's flow hashes to
 * @bond: the bond
 * @slot: the mode's array of ports that may send
 * @skb: the frame
 * @all_ports: pick among all ports, as if each could send
 *
 * By xmit_hash_policy, for the hashing modes; NULL if no port may send.
 * RCU.
 */
struct bond_port *bond_tx_ports_pick(struct bond *bond,
				     struct bond_tx_ports __rcu **slot,
				     struct sk_buff *skb, bool all_ports)
{
	struct bond_tx_ports *tx = rcu_dereference(*slot);
	unsigned int count = tx ? READ_ONCE(tx->count) : 0;

	if (unlikely(all_ports))
		return bond_port_by_hash(bond, bond_xmit_hash(bond, skb));
	if (unlikely(!count))
		return NULL;
	return READ_ONCE(tx->ports[bond_xmit_hash(bond, skb) % count]);
}
