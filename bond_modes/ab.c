// SPDX-License-Identifier: GPL-2.0
/*
 * active-backup (mode 1): one port transmits and receives, the others wait.
 * The core chooses the active port (bond_active.c); this file only sends.
 */
#include "bond.h"

static bool ab_update_tx(struct bond *bond)
{
	return rtnl_dereference(bond->active);
}

static netdev_tx_t ab_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct bond_port *port = rcu_dereference_bh(bond->active);

	if (unlikely(!port))
		return bond_xmit_drop(skb, bond);
	return bond_port_xmit(bond, port, skb);
}

const struct bond_mode bond_mode_ab = {
	.id		= BOND_MODE_ACTIVEBACKUP,
	.name		= "active-backup",
	.proc_name	= "fault-tolerance (active-backup)",
	.flags		= BOND_MODE_F_ACTIVE_PORT,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_ACTIVEBACKUP,
	.ops = {
		.update_tx	= ab_update_tx,
		.xmit		= ab_xmit,
	},
};
