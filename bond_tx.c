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

/**
 * bond_port_xmit - hand @skb to @port
 * @bond: the bond
 * @port: a port of @bond
 * @skb: the frame
 *
 * The queue chosen by bond_select_queue() (tc may have set it to pick a
 * port's queue_id) is restored for the port's own queue selection.
 */
netdev_tx_t bond_port_xmit(struct bond *bond, struct bond_port *port,
			   struct sk_buff *skb)
{
	skb->dev = port->dev;
	skb_set_queue_mapping(skb, qdisc_skb_cb(skb)->slave_dev_queue_mapping);
	return dev_queue_xmit(skb);
}

/**
 * bond_update_tx - install the transmit handler that fits the bond now
 * @bond: the bond
 *
 * The mode's handler when it can send, a dropper otherwise: the transmit
 * path itself then never tests whether anything can send.
 */
void bond_update_tx(struct bond *bond)
{
	const struct bond_mode_ops *ops = &bond->mode->ops;
	bool ready;

	ASSERT_RTNL();

	ready = !ops->update_tx || ops->update_tx(bond);
	WRITE_ONCE(bond->xmit, ready ? ops->xmit : bond_xmit_drop);
}

/* mode op port_add of the modes where every port sends: rr, xor, broadcast */
int bond_port_add_active(struct bond *bond, struct bond_port *port,
			 struct netlink_ext_ack *extack)
{
	bond_port_set_state(port, BOND_STATE_ACTIVE);
	return 0;
}

/**
 * bond_tx_ports_update - republish the ports whose link is up
 * @bond: the bond
 * @slot: where the mode's transmit handler reads the array
 *
 * Returns whether any port may send.  On allocation failure nothing may:
 * an array naming a departed port must never stay published.  RTNL.
 */
bool bond_tx_ports_update(struct bond *bond, struct bond_tx_ports __rcu **slot)
{
	struct bond_tx_ports *tx;
	struct bond_port *port;

	ASSERT_RTNL();

	tx = kzalloc(struct_size(tx, ports, bond->port_count), GFP_KERNEL);
	if (tx) {
		bond_for_each_port(bond, port)
			if (port->link == BOND_LINK_UP)
				tx->ports[tx->count++] = port;
	}
	bond_tx_ports_free(slot);
	rcu_assign_pointer(*slot, tx);
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
