// SPDX-License-Identifier: GPL-2.0
/*
 * balance-rr (mode 0): each frame goes to the next port that may send.
 * The rotation is counted per CPU, as in the tree: a shared counter would
 * be written by every CPU on every frame.
 */
#include <linux/percpu.h>

#include "bond.h"

struct rr_priv {
	struct bond_tx_ports __rcu *tx;
	u32 __percpu *next;
};

static_assert(sizeof(struct rr_priv) <= BOND_MODE_PRIV_SIZE);

static bool rr_update_tx(struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);

	return bond_tx_ports_update(bond, &rr->tx);
}

/* The counter is kept from the first open until the mode goes */
static int rr_open(struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);

	if (!rr->next)
		rr->next = alloc_percpu(u32);
	return rr->next ? 0 : -ENOMEM;
}

static void rr_uninit(struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);

	bond_tx_ports_free(&rr->tx);
	free_percpu(rr->next);
	rr->next = NULL;
}

static struct bond_port *rr_select(struct bond *bond, struct sk_buff *skb,
				   bool all_ports)
{
	struct rr_priv *rr = bond_mode_priv(bond);
	struct bond_tx_ports *tx = rcu_dereference(rr->tx);
	unsigned int count = tx ? READ_ONCE(tx->count) : 0;

	if (unlikely(!count || !rr->next))
		return NULL;
	return READ_ONCE(tx->ports[this_cpu_inc_return(*rr->next) % count]);
}

static netdev_tx_t rr_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct bond_port *port = rr_select(bond, skb, false);

	if (unlikely(!port))
		return bond_xmit_drop(skb, bond);
	return bond_port_xmit(bond, port, skb);
}

const struct bond_mode bond_mode_rr = {
	.id		= BOND_MODE_ROUNDROBIN,
	.name		= "balance-rr",
	.proc_name	= "load balancing (round-robin)",
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_ROUNDROBIN,
	.ops = {
		.uninit		= rr_uninit,
		.open		= rr_open,
		.update_tx	= rr_update_tx,
		.select_port	= rr_select,
		.xmit		= rr_xmit,
	},
};
