// SPDX-License-Identifier: GPL-2.0
/*
 * The bond's link-layer type: Ethernet, or that of its first port.  A bond
 * whose first port is not Ethernet (InfiniBand, or a netlink monitor in a
 * test) takes the port's type, address length and header operations, as
 * the tree's driver does; enslaving an Ethernet device turns it back.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "bond.h"

/* ether_setup() for a bond: what it resets and a bond keeps */
void bond_type_ether_setup(struct net_device *dev)
{
	unsigned int keep = dev->flags & (IFF_SLAVE | IFF_UP);

	ether_setup(dev);
	dev->flags |= IFF_MASTER | keep;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->max_mtu = ETH_MAX_MTU;
}

/* The header operations of the active port's device, for a bond of a
 * non-Ethernet type
 */
static const struct header_ops *bond_port_header_ops(struct bond *bond,
						     struct net_device **dev)
{
	struct bond_port *port = rcu_dereference(bond->active);

	if (!port)
		return NULL;
	*dev = port->dev;
	return READ_ONCE(port->dev->header_ops);
}

static int bond_header_create(struct sk_buff *skb, struct net_device *dev,
			      unsigned short type, const void *daddr,
			      const void *saddr, unsigned int len)
{
	const struct header_ops *ops;
	struct net_device *port_dev;
	int ret = 0;

	rcu_read_lock();
	ops = bond_port_header_ops(netdev_priv(dev), &port_dev);
	if (ops && ops->create)
		ret = ops->create(skb, port_dev, type, daddr, saddr, len);
	rcu_read_unlock();
	return ret;
}

static int bond_header_parse(const struct sk_buff *skb, unsigned char *haddr)
{
	const struct header_ops *ops;
	struct net_device *port_dev;
	int ret = 0;

	rcu_read_lock();
	ops = bond_port_header_ops(netdev_priv(skb->dev), &port_dev);
	if (ops && ops->parse)
		ret = ops->parse(skb, haddr);
	rcu_read_unlock();
	return ret;
}

static const struct header_ops bond_header_ops = {
	.create	= bond_header_create,
	.parse	= bond_header_parse,
};

/* The bond takes the link-layer type of its non-Ethernet first port */
static void bond_type_setup_by_port(struct net_device *dev,
				    struct net_device *port_dev)
{
	bool was_up = dev->flags & IFF_UP;

	dev_close(dev);
	dev->header_ops = port_dev->header_ops ? &bond_header_ops : NULL;
	dev->type = port_dev->type;
	dev->hard_header_len = port_dev->hard_header_len;
	dev->needed_headroom = port_dev->needed_headroom;
	dev->addr_len = port_dev->addr_len;
	memcpy(dev->broadcast, port_dev->broadcast, port_dev->addr_len);
	if (port_dev->flags & IFF_POINTOPOINT) {
		dev->flags &= ~(IFF_BROADCAST | IFF_MULTICAST);
		dev->flags |= IFF_POINTOPOINT | IFF_NOARP;
	}
	if (was_up)
		dev_open(dev, NULL);
}

/**
 * bond_type_follow - give the bond the link-layer type of @port_dev
 * @bond: the bond
 * @port_dev: the device about to join
 * @extack: error report
 *
 * The first port sets the bond's type, the others must have it.  Upper
 * devices may refuse the change (NETDEV_PRE_TYPE_CHANGE).
 */
int bond_type_follow(struct bond *bond, struct net_device *port_dev,
		     struct netlink_ext_ack *extack)
{
	struct net_device *dev = bond->dev;
	int err;

	ASSERT_RTNL();

	if (dev->type == port_dev->type)
		return 0;
	if (bond_has_ports(bond)) {
		NL_SET_ERR_MSG(extack, "Device type is different from other slaves");
		netdev_err(dev, "%s: Device type is different from other slaves\n",
			   port_dev->name);
		return -EINVAL;
	}
	err = call_netdevice_notifiers(NETDEV_PRE_TYPE_CHANGE, dev);
	if (notifier_to_errno(err)) {
		netdev_err(dev, "%s: refused to change device type\n",
			   port_dev->name);
		return -EBUSY;
	}
	dev_uc_flush(dev);
	dev_mc_flush(dev);
	if (port_dev->type != ARPHRD_ETHER)
		bond_type_setup_by_port(dev, port_dev);
	else
		bond_type_ether_setup(dev);
	call_netdevice_notifiers(NETDEV_POST_TYPE_CHANGE, dev);
	return 0;
}

/* A first port failed to join: the bond is Ethernet again */
void bond_type_undo(struct bond *bond)
{
	ASSERT_RTNL();

	if (bond_has_ports(bond) || bond->dev->type == ARPHRD_ETHER)
		return;
	dev_close(bond->dev);
	bond_type_ether_setup(bond->dev);
}
