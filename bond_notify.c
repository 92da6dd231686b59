// SPDX-License-Identifier: GPL-2.0
/*
 * Netdevice events that concern a bond or one of its ports.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "bond.h"

static int bond_event_bond(struct net_device *dev, unsigned long event)
{
	struct bond *bond = netdev_priv(dev);

	switch (event) {
	case NETDEV_CHANGENAME:
		bond_procfs_rename(bond);
		break;
	case NETDEV_UNREGISTER:
		bond_rx_detach_all(bond);
		break;
	}
	return NOTIFY_DONE;
}

static int bond_event_port(struct bond_port *port, unsigned long event)
{
	struct bond *bond = port->bond;

	switch (event) {
	case NETDEV_UNREGISTER:
		bond_port_del_unregistering(port);
		break;
	case NETDEV_UP:
	case NETDEV_CHANGE:
		bond_port_update_speed(port);
		break;
	case NETDEV_CHANGENAME:
		bond_primary_update(bond, false);
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		/* A port must stay Ethernet while enslaved */
		return NOTIFY_BAD;
	}
	return NOTIFY_DONE;
}

static int bond_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct bond_port *port;

	ASSERT_RTNL();

	if (bond_dev_is_bond(dev))
		return bond_event_bond(dev, event);
	port = bond_port_get_rtnl(dev);
	if (port)
		return bond_event_port(port, event);
	return NOTIFY_DONE;
}

static struct notifier_block bond_netdev_notifier = {
	.notifier_call = bond_netdev_event,
};

int bond_notifier_register(void)
{
	return register_netdevice_notifier(&bond_netdev_notifier);
}

void bond_notifier_unregister(void)
{
	unregister_netdevice_notifier(&bond_netdev_notifier);
}
