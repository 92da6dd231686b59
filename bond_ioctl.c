// SPDX-License-Identifier: GPL-2.0
/*
 * The legacy SIOCBOND* ioctls, as ifenslave uses them, and their old
 * SIOCDEVPRIVATE aliases.  Each maps onto the port and option code that
 * rtnetlink and sysfs use; none sets options of its own.
 */
#include <linux/capability.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <linux/uaccess.h>

#include "bond.h"

static int bond_ioctl_info(struct bond *bond, struct ifbond __user *uinfo)
{
	struct ifbond info;

	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	info.bond_mode = bond->params.mode;
	info.miimon = bond->params.miimon;
	info.num_slaves = bond->port_count;
	return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
}

static int bond_ioctl_port_info(struct bond *bond, struct ifslave __user *uinfo)
{
	struct bond_port *port;
	struct ifslave info;
	int i = 0;

	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	bond_for_each_port(bond, port) {
		if (i++ != info.slave_id)
			continue;
		strscpy(info.slave_name, port->dev->name,
			sizeof(info.slave_name));
		info.link = port->link;
		info.state = port->state;
		info.link_failure_count = port->link_failure_count;
		return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
	}
	return -ENODEV;
}

static int bond_ioctl_change_active(struct bond *bond, struct net_device *dev)
{
	struct bond_opt_val val = { };
	int err;

	strscpy(val.str, dev->name, sizeof(val.str));
	err = bond_opt_set(bond, BOND_OPT_ACTIVE_SLAVE, &val);
	if (!err)
		call_netdevice_notifiers(NETDEV_CHANGEINFODATA, bond->dev);
	return err;
}

/* ndo_siocbond: RTNL held by the core */
int bond_ioctl(struct net_device *bond_dev, struct ifreq *ifr, int cmd)
{
	struct bond *bond = netdev_priv(bond_dev);
	struct net *net = dev_net(bond_dev);
	struct net_device *dev;

	ASSERT_RTNL();

	switch (cmd) {
	case SIOCBONDINFOQUERY:
		return bond_ioctl_info(bond, ifr->ifr_data);
	case SIOCBONDSLAVEINFOQUERY:
		return bond_ioctl_port_info(bond, ifr->ifr_data);
	}

	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	dev = __dev_get_by_name(net, ifr->ifr_slave);
	if (!dev)
		return -ENODEV;

	switch (cmd) {
	case SIOCBONDENSLAVE:
		return bond_port_add(bond, dev, NULL);
	case SIOCBONDRELEASE:
		return bond_port_del(bond, dev);
	case SIOCBONDSETHWADDR:
		return bond_dev_set_addr_from(bond, dev);
	case SIOCBONDCHANGEACTIVE:
		return bond_ioctl_change_active(bond, dev);
	}
	return -EOPNOTSUPP;
}

/* ndo_siocdevprivate: the numbers ifenslave used before SIOCBOND* */
int bond_ioctl_private(struct net_device *bond_dev, struct ifreq *ifr,
		       void __user *data, int cmd)
{
	struct ifreq query = { .ifr_data = data };

	switch (cmd) {
	case BOND_INFO_QUERY_OLD:
		return bond_ioctl(bond_dev, &query, SIOCBONDINFOQUERY);
	case BOND_SLAVE_INFO_QUERY_OLD:
		return bond_ioctl(bond_dev, &query, SIOCBONDSLAVEINFOQUERY);
	case BOND_ENSLAVE_OLD:
		return bond_ioctl(bond_dev, ifr, SIOCBONDENSLAVE);
	case BOND_RELEASE_OLD:
		return bond_ioctl(bond_dev, ifr, SIOCBONDRELEASE);
	case BOND_SETHWADDR_OLD:
		return bond_ioctl(bond_dev, ifr, SIOCBONDSETHWADDR);
	case BOND_CHANGE_ACTIVE_OLD:
		return bond_ioctl(bond_dev, ifr, SIOCBONDCHANGEACTIVE);
	}
	return -EOPNOTSUPP;
}
