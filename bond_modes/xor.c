// SPDX-License-Identifier: GPL-2.0
/*
 * balance-xor (mode 2): a frame leaves through the port its flow hashes to
 * (xmit_hash_policy), among the ports that may send.
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

static struct bond_port *xor_select(struct bond *bond, struct sk_buff *skb,
				    bool all_ports)
{
	struct xor_priv *xor = bond_mode_priv(bond);

	return bond_tx_ports_pick(bond, &xor->tx, skb, all_ports);
}

static netdev_tx_t xor_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct bond_port *port = xor_select(bond, skb, false);

	if (unlikely(!port))
		return bond_xmit_drop(skb, bond);
	return bond_port_xmit(bond, port, skb);
}

static bool xor_uses_xmit_hash(const struct bond *bond)
{
	return true;
}

const struct bond_mode bond_mode_xor = {
	.id		= BOND_MODE_XOR,
	.name		= "balance-xor",
	.proc_name	= "load balancing (xor)",
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_HASH,
	.ops = {
		.uninit		= xor_uninit,
		.update_tx	= xor_update_tx,
		.select_port	= xor_select,
		.xmit		= xor_xmit,
		.uses_xmit_hash	= xor_uses_xmit_hash,
	},
};
