// SPDX-License-Identifier: GPL-2.0
/*
 * The table of modes, indexed by the uapi mode number, and mode switching.
 */
#include <linux/rtnetlink.h>

#include "bond.h"

static const struct bond_mode *const bond_modes[BOND_MODE_COUNT] = {
	[BOND_MODE_ROUNDROBIN]		= &bond_mode_rr,
	[BOND_MODE_ACTIVEBACKUP]	= &bond_mode_ab,
};

/* The mode with uapi number @id, or NULL if it is not implemented */
const struct bond_mode *bond_mode_get(u32 id)
{
	return id < BOND_MODE_COUNT ? bond_modes[id] : NULL;
}

/* Starts bond->mode on a zeroed private area.  RTNL or not yet visible. */
void bond_mode_start(struct bond *bond)
{
	memset(bond->mode_priv, 0, sizeof(bond->mode_priv));
	if (bond->mode->ops.init)
		bond->mode->ops.init(bond);
	bond_update_tx(bond);
}

void bond_mode_stop(struct bond *bond)
{
	WRITE_ONCE(bond->xmit, bond_xmit_drop);
	if (bond->mode->ops.uninit)
		bond->mode->ops.uninit(bond);
}

/**
 * bond_mode_switch - change the mode of a bond without ports
 * @bond: the bond
 * @id: uapi mode number
 * @extack: error report
 *
 * The options engine has checked that the bond has no ports and is down.
 */
int bond_mode_switch(struct bond *bond, u32 id, struct netlink_ext_ack *extack)
{
	const struct bond_mode *mode = bond_mode_get(id);

	ASSERT_RTNL();

	if (!mode) {
		NL_SET_ERR_MSG(extack, "bonding mode not implemented yet");
		netdev_err(bond->dev, "option mode: %s is not implemented yet\n",
			   bond_opt_value_name(BOND_OPT_MODE, id));
		return -EOPNOTSUPP;
	}
	if (mode == bond->mode)
		return 0;
	bond_mode_stop(bond);
	bond->mode = mode;
	bond->params.mode = id;
	bond_mode_start(bond);
	return 0;
}
