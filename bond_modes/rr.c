// SPDX-License-Identifier: GPL-2.0
/*
 * balance-rr (mode 0): each frame goes to the next port whose link is up.
 */
#include "bond.h"

struct rr_priv {
	struct bond_tx_ports __rcu *tx;
	u32 next;
};

static_assert(sizeof(struct rr_priv) <= BOND_MODE_PRIV_SIZE);

static bool rr_update_tx(struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);

	return bond_tx_ports_update(bond, &rr->tx);
}

static void rr_uninit(struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);

	bond_tx_ports_free(&rr->tx);
}

static netdev_tx_t rr_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);
	struct bond_tx_ports *tx = rcu_dereference_bh(rr->tx);
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
		.port_add	= bond_port_add_active,
		.update_tx	= rr_update_tx,
		.xmit		= rr_xmit,
	},
};
