// SPDX-License-Identifier: GPL-2.0
/*
 * balance-xor (mode 2): a frame leaves through the port its flow hashes to
 * (xmit_hash_policy), among the ports whose link is up.
 */
#include "bond.h"

struct xor_priv {
	struct bond_tx_ports __rcu *tx;
};

static_assert(sizeof(struct xor_priv) <= BOND_MODE_PRIV_SIZE);

static bool xor_update_tx(struct bond *bond)
{
	struct xor_priv *xor = bond_mode_priv(bond);

	return bond_tx_ports_update(bond, &xor->tx);
}

static void xor_uninit(struct bond *bond)
{
	struct xor_priv *xor = bond_mode_priv(bond);

	bond_tx_ports_free(&xor->tx);
}

static netdev_tx_t xor_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct xor_priv *xor = bond_mode_priv(bond);
	struct bond_tx_ports *tx = rcu_dereference_bh(xor->tx);

	if (unlikely(!tx || !tx->count))
		return bond_xmit_drop(skb, bond);
	return bond_port_xmit(bond,
			      tx->ports[bond_xmit_hash(bond, skb) % tx->count],
			      skb);
}

const struct bond_mode bond_mode_xor = {
	.id		= BOND_MODE_XOR,
	.name		= "balance-xor",
	.proc_name	= "load balancing (xor)",
	.flags		= BOND_MODE_F_XMIT_HASH,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_HASH,
	.ops = {
		.uninit		= xor_uninit,
		.port_add	= bond_port_add_active,
		.update_tx	= xor_update_tx,
		.xmit		= xor_xmit,
	},
};
