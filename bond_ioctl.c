// SPDX-License-Identifier: GPL-2.0
/*
 * The legacy SIOCBOND* ioctls (ifenslave).  Not implemented yet: the
 * sysfs and netlink interfaces cover every operation.
 */
#include <linux/netdevice.h>

#include "bond.h"

int bond_ioctl(struct net_device *dev, struct ifreq *ifr, int cmd)
{
	return -EOPNOTSUPP;
}
