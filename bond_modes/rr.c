// SPDX-License-Identifier: GPL-2.0
/*
 * balance-rr (mode 0): each frame goes to the next port whose link is up.
 */
#include <linux/slab.h>

#include "bond.h"

/* The ports that may transmit, rebuilt under RTNL, read under RCU */
struct rr_tx {
	struct rcu_head rcu;
	unsigned int count;
	struct bond_port *ports[];
};

struct rr_priv {
	struct rr_tx __rcu *tx;
	u32 next;
};

static_assert(sizeof(struct rr_priv) <= BOND_MODE_PRIV_SIZE);

static void rr_tx_replace(struct rr_priv *rr, struct rr_tx *tx)
{
	struct rr_tx *old = rtnl_dereference(rr->tx);

	rcu_assign_pointer(rr->tx, tx);
	if (old)
		kfree_rcu(old, rcu);
}

static int rr_port_add(struct bond *bond, struct bond_port *port,
		       struct netlink_ext_ack *extack)
{
	bond_port_set_state(port, BOND_STATE_ACTIVE);
	return 0;
}

static bool rr_update_tx(struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);
	struct bond_port *port;
	struct rr_tx *tx;

	tx = kzalloc(struct_size(tx, ports, bond->port_count), GFP_KERNEL);
	if (tx) {
		bond_for_each_port(bond, port)
			if (port->link == BOND_LINK_UP)
				tx->ports[tx->count++] = port;
	}
	rr_tx_replace(rr, tx);
	return tx && tx->count;
}

static void rr_uninit(struct bond *bond)
{
	rr_tx_replace(bond_mode_priv(bond), NULL);
}

static netdev_tx_t rr_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);
	struct rr_tx *tx = rcu_dereference_bh(rr->tx);
	u32 n;

	if (unlikely(!tx || !tx->count))
		return bond_xmit_drop(skb, bond);
	/* A lost update under concurrency only skews the rotation */
	n = READ_ONCE(rr->next);
	WRITE_ONCE(rr->next, n + 1);
	return bond_port_xmit(bond, tx->ports[n % tx->count], skb);
}

const struct bond_mode bond_mode_rr = {
	.id		= BOND_MODE_ROUNDROBIN,
	.name		= "balance-rr",
	.proc_name	= "load balancing (round-robin)",
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_ROUNDROBIN,
	.ops = {
		.uninit		= rr_uninit,
		.port_add	= rr_port_add,
		.update_tx	= rr_update_tx,
		.xmit		= rr_xmit,
	},
};
