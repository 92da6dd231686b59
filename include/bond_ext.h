/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Netlink attributes of ours: what this driver reports beyond the kernel's
 * IFLA_BOND_* / IFLA_BOND_SLAVE_* ABI.  A number of our own among the
 * kernel's would collide with the next one the kernel allocates, so each
 * nest lives far above that range (the kernel numbers them from 1 and is
 * in the thirties); iproute2 and every other reader that knows only the
 * kernel's attributes skip them.  They are read-only: options beyond the
 * tree are set through sysfs and module parameters.
 */
#ifndef _BOND_EXT_H
#define _BOND_EXT_H

/* In IFLA_INFO_DATA of a bond: a nest of IFLA_BOND_EXT_* */
#define IFLA_BOND_EXT		0x3f00

enum {
	IFLA_BOND_EXT_UNSPEC,
	IFLA_BOND_EXT_LINK_WATCH_POLICY,	/* u32, BOND_WATCH_* */
	IFLA_BOND_EXT_LACP_FALLBACK,		/* u32, seconds; 0 = off */
	IFLA_BOND_EXT_LACP_FALLBACK_ACTIVE,	/* u8: running on one port */
	__IFLA_BOND_EXT_MAX,
};

/* In IFLA_INFO_SLAVE_DATA of a port: a nest of IFLA_BOND_SLAVE_EXT_* */
#define IFLA_BOND_SLAVE_EXT	0x3f00

enum {
	IFLA_BOND_SLAVE_EXT_UNSPEC,
	IFLA_BOND_SLAVE_EXT_AD_REASON,		/* string: ad_reason */
	__IFLA_BOND_SLAVE_EXT_MAX,
};

#endif /* _BOND_EXT_H */
