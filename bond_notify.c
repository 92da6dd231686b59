// SPDX-License-Identifier: GPL-2.0
/*
 * Netdevice events that concern a bond or one of its ports.  A bond may
 * be both: a port of another bond.  Its events then concern it in either
 * role, as a bond first.
 */
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "bond.h"

static void bond_event_bond(struct net_device *dev, unsigned long event)
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
}

/* The last port of a bond that took a non-Ethernet type goes away: as in
 * the tree, the bond goes with it.
 */
static void bond_port_unregistering(struct bond_port *port)
{
	struct bond *bond = port->bond;
	bool destroy = bond->dev->type != ARPHRD_ETHER;

	bond_port_del_unregistering(port);
	if (destroy && !bond_has_ports(bond) && bond_is_registered(bond)) {
		netdev_info(bond->dev, "Destroying bond\n");
		unregister_netdevice(bond->dev);
	}
}

/* The port's speed or duplex may have changed */
static void bond_port_speed_event(struct bond *bond, struct bond_port *port)
{
	u32 speed = port->speed;
	u8 duplex = port->duplex;

	bond_port_update_speed(port);
	if ((speed != port->speed || duplex != port->duplex) &&
	    bond->mode->ops.port_speed_change)
		bond->mode->ops.port_speed_change(bond, port);
}

static void bond_event_port(struct bond_port *port, unsigned long event)
{
	struct bond *bond = port->bond;

	switch (event) {
	case NETDEV_UNREGISTER:
		bond_port_unregistering(port);
		break;
	case NETDEV_UP:
	case NETDEV_CHANGE:
		bond_port_speed_event(bond, port);
		fallthrough;
	case NETDEV_DOWN:
		/* Whether the port may send follows its carrier and IFF_UP
		 * at once, monitor or not; the monitors look at it now.
		 */
		bond_update_tx(bond);
		bond_link_port_event(bond, port);
		break;
	case NETDEV_CHANGENAME:
		bond_primary_update(bond, false);
		break;
	}
}

static int bond_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct bond_port *port;

	ASSERT_RTNL();

	if (bond_dev_is_bond(dev))
		bond_event_bond(dev, event);
	port = bond_port_get_rtnl(dev);
	if (port)
		bond_event_port(port, event);
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
