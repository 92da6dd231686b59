// SPDX-License-Identifier: GPL-2.0
/*
 * broadcast (mode 3): every frame leaves through every port that may send.
 */
#include "bond.h"

struct bcast_priv {
	struct bond_tx_ports __rcu *tx;
};

static_assert(sizeof(struct bcast_priv) <= BOND_MODE_PRIV_SIZE);

static bool bcast_update_tx(struct bond *bond)
{
	struct bcast_priv *bcast = bond_mode_priv(bond);

	return bond_tx_ports_update(bond, &bcast->tx);
}

static void bcast_uninit(struct bond *bond)
{
	struct bcast_priv *bcast = bond_mode_priv(bond);

	bond_tx_ports_free(&bcast->tx);
}

static netdev_tx_t bcast_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct bcast_priv *bcast = bond_mode_priv(bond);
	struct bond_tx_ports *tx = rcu_dereference_bh(bcast->tx);
	unsigned int i, count = tx ? READ_ONCE(tx->count) : 0;
	struct sk_buff *copy;
	bool sent = false;

	if (unlikely(!count))
		return bond_xmit_drop(skb, bond);
	for (i = 0; i < count; i++) {
		/* The last port gets the original */
		copy = i + 1 == count ? skb : skb_clone(skb, GFP_ATOMIC);
		if (!copy)
			continue;
		if (bond_port_xmit(bond, READ_ONCE(tx->ports[i]), copy) ==
		    NETDEV_TX_OK)
			sent = true;
	}
	if (sent)
		return NETDEV_TX_OK;
	dev_core_stats_tx_dropped_inc(bond->dev);
	return NET_XMIT_DROP;
}

const struct bond_mode bond_mode_broadcast = {
	.id		= BOND_MODE_BROADCAST,
	.name		= "broadcast",
	.proc_name	= "fault-tolerance (broadcast)",
	.flags		= BOND_MODE_F_ALL_SEND,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_BROADCAST,
	.ops = {
		.uninit		= bcast_uninit,
		.update_tx	= bcast_update_tx,
		.xmit		= bcast_xmit,
	},
};
