// SPDX-License-Identifier: GPL-2.0
/*
 * The table of modes, indexed by the uapi mode number, and mode switching.
 */
#include <linux/rtnetlink.h>

#include "bond.h"

static const struct bond_mode *const bond_modes[BOND_MODE_COUNT] = {
	[BOND_MODE_ROUNDROBIN]		= &bond_mode_rr,
	[BOND_MODE_ACTIVEBACKUP]	= &bond_mode_ab,
	[BOND_MODE_XOR]			= &bond_mode_xor,
	[BOND_MODE_BROADCAST]		= &bond_mode_broadcast,
	[BOND_MODE_8023AD]		= &bond_mode_8023ad,
};

/* The mode with uapi number @id, or NULL if it is not implemented */
const struct bond_mode *bond_mode_get(u32 id)
{
	return id < BOND_MODE_COUNT ? bond_modes[id] : NULL;
}

/* Starts bond->mode on a zeroed private area.  RTNL. */
void bond_mode_start(struct bond *bond)
{
	ASSERT_RTNL();

	memset(bond->mode_priv, 0, sizeof(bond->mode_priv));
	if (bond->mode->ops.init)
		bond->mode->ops.init(bond);
	bond_update_tx(bond);
}

void bond_mode_stop(struct bond *bond)
{
	ASSERT_RTNL();

	WRITE_ONCE(bond->xmit, bond_xmit_drop);
	WRITE_ONCE(bond->mode_xmit, bond_xmit_drop);
	if (bond->mode->ops.uninit)
		bond->mode->ops.uninit(bond);
}

/**
 * bond_mode_switch - change the mode of a bond without ports
 * @bond: the bond
 * @id: uapi number of an implemented mode
 *
 * The options engine has checked that the bond has no ports and is down,
 * and calls this only once the bond is registered: before that it stores
 * params.mode, from which ndo_init starts the mode.
 */
void bond_mode_switch(struct bond *bond, u32 id)
{
	const struct bond_mode *mode = bond_mode_get(id);

	ASSERT_RTNL();

	bond->params.mode = id;
	if (mode == bond->mode)
		return;
	bond_mode_stop(bond);
	/* Nothing may still read the old mode's state */
	synchronize_net();
	bond->mode = mode;
	bond_mode_start(bond);
}

/* Whether the bond spreads flows by xmit_hash_policy as configured now */
bool bond_mode_uses_xmit_hash(const struct bond *bond)
{
	const struct bond_mode_ops *ops = &bond->mode->ops;

	return ops->uses_xmit_hash && ops->uses_xmit_hash(bond);
}

/* Which addresses the ports carry, see enum bond_addr_policy */
enum bond_addr_policy bond_mode_addr_policy(const struct bond *bond)
{
	const struct bond_mode_ops *ops = &bond->mode->ops;

	return ops->addr_policy ? ops->addr_policy(bond) : BOND_ADDR_SHARED;
}
