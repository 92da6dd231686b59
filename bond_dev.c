// SPDX-License-Identifier: GPL-2.0
/*
 * The bond net_device: its operations, set-up and creation.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>
#include <net/neighbour.h>
#include <net/sch_generic.h>

#include "bond.h"

static const struct net_device_ops bond_netdev_ops;

bool bond_dev_is_bond(const struct net_device *dev)
{
	return dev->netdev_ops == &bond_netdev_ops;
}

static netdev_tx_t bond_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);
	netdev_tx_t (*xmit)(struct sk_buff *skb, struct bond *bond);

	xmit = READ_ONCE(bond->xmit);
	return xmit(skb, bond);
}

static u16 bond_select_queue(struct net_device *dev, struct sk_buff *skb,
			     struct net_device *sb_dev)
{
	u16 txq = skb_rx_queue_recorded(skb) ? skb_get_rx_queue(skb) : 0;

	/* Keep what tc chose for the port; the bond's own queue is free */
	qdisc_skb_cb(skb)->slave_dev_queue_mapping = skb_get_queue_mapping(skb);
	/* Rarely needed, and cheaper than a division when it is not */
	while (unlikely(txq >= dev->real_num_tx_queues))
		txq -= dev->real_num_tx_queues;
	return txq;
}

/* Receive filters: promiscuity, allmulti and the address lists of the bond
 * go to the ports that receive for it (port->rx_attached): the active one
 * in modes that have one, every port otherwise.
 */

/* @port starts receiving for the bond.  RTNL. */
void bond_rx_attach(struct bond *bond, struct bond_port *port)
{
	struct net_device *dev = bond->dev;

	ASSERT_RTNL();

	if (port->rx_attached)
		return;
	WRITE_ONCE(port->rx_attached, true);
	if (dev->flags & IFF_PROMISC)
		dev_set_promiscuity(port->dev, 1);
	if (dev->flags & IFF_ALLMULTI)
		dev_set_allmulti(port->dev, 1);
	netif_addr_lock_bh(dev);
	dev_uc_sync_multiple(port->dev, dev);
	dev_mc_sync_multiple(port->dev, dev);
	netif_addr_unlock_bh(dev);
}

/* @port stops receiving for the bond.  RTNL. */
void bond_rx_detach(struct bond *bond, struct bond_port *port)
{
	struct net_device *dev = bond->dev;

	ASSERT_RTNL();

	if (!port->rx_attached)
		return;
	WRITE_ONCE(port->rx_attached, false);
	if (dev->flags & IFF_PROMISC)
		dev_set_promiscuity(port->dev, -1);
	if (dev->flags & IFF_ALLMULTI)
		dev_set_allmulti(port->dev, -1);
	/* These lock both address lists themselves */
	dev_uc_unsync(port->dev, dev);
	dev_mc_unsync(port->dev, dev);
}

/* The bond is being unregistered: its address lists are flushed next,
 * so take them off the ports now.
 */
void bond_rx_detach_all(struct bond *bond)
{
	struct bond_port *port;

	ASSERT_RTNL();

	bond_for_each_port(bond, port)
		bond_rx_detach(bond, port);
}

static void bond_change_rx_flags(struct net_device *dev, int change)
{
	struct bond *bond = netdev_priv(dev);
	int promisc = dev->flags & IFF_PROMISC ? 1 : -1;
	int allmulti = dev->flags & IFF_ALLMULTI ? 1 : -1;
	struct bond_port *port;

	ASSERT_RTNL();

	bond_for_each_port(bond, port) {
		if (!port->rx_attached)
			continue;
		if (change & IFF_PROMISC)
			dev_set_promiscuity(port->dev, promisc);
		if (change & IFF_ALLMULTI)
			dev_set_allmulti(port->dev, allmulti);
	}
}

/* Called with the bond's address lists locked */
static void bond_set_rx_mode(struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);
	struct bond_port *port;

	rcu_read_lock();
	bond_for_each_port_rcu(bond, port) {
		if (!READ_ONCE(port->rx_attached))
			continue;
		dev_uc_sync_multiple(port->dev, dev);
		dev_mc_sync_multiple(port->dev, dev);
	}
	rcu_read_unlock();
}

/* ndo_init: the bond starts from the options stored so far */
static int bond_init(struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);
	struct bond_net *bn = net_generic(dev_net(dev), bond_net_id);

	ASSERT_RTNL();

	if (dev->addr_assign_type == NET_ADDR_PERM &&
	    is_zero_ether_addr(dev->dev_addr))
		eth_hw_addr_random(dev);
	netdev_lockdep_set_classes(dev);
	bond->mode = bond_mode_get(bond->params.mode);
	bond_mode_start(bond);
	list_add_tail(&bond->list, &bn->bonds);
	bond_procfs_add(bond);
	return 0;
}

static void bond_uninit(struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);

	ASSERT_RTNL();

	bond_port_del_all(bond);
	bond_procfs_del(bond);
	list_del(&bond->list);
	bond_mode_stop(bond);
}

static int bond_open(struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);
	int err;

	ASSERT_RTNL();

	if (bond->mode->ops.open) {
		err = bond->mode->ops.open(bond);
		if (err)
			return err;
	}
	bond_links_changed(bond);
	bond_monitors_start(bond);
	return 0;
}

static int bond_close(struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);

	ASSERT_RTNL();

	bond_monitors_stop(bond);
	bond_peers_stop(bond);
	if (bond->mode->ops.stop)
		bond->mode->ops.stop(bond);
	return 0;
}

static int bond_change_mtu(struct net_device *dev, int mtu)
{
	struct bond *bond = netdev_priv(dev);
	struct bond_port *port, *undo;
	int err;

	ASSERT_RTNL();

	bond_for_each_port(bond, port) {
		err = dev_set_mtu(port->dev, mtu);
		if (err) {
			netdev_err(dev, "%s refused MTU %d: %d\n",
				   port->dev->name, mtu, err);
			goto err_restore_mtu;
		}
	}
	dev->mtu = mtu;
	return 0;

err_restore_mtu:
	bond_for_each_port(bond, undo) {
		if (undo == port)
			break;
		dev_set_mtu(undo->dev, dev->mtu);
	}
	return err;
}

/* The bond's address is its ports' too, where they share it; where they
 * keep their own (fail_over_mac), the request succeeds and changes
 * nothing, as in the tree (ifenslave would fail otherwise).
 */
static int bond_set_mac_address(struct net_device *dev, void *addr)
{
	struct bond *bond = netdev_priv(dev);
	struct sockaddr_storage old = { .ss_family = dev->type };
	struct bond_port *port, *undo;
	struct sockaddr *sa = addr;
	int err;

	ASSERT_RTNL();

	if (bond_mode_addr_policy(bond) != BOND_ADDR_SHARED)
		return 0;
	if (!is_valid_ether_addr(sa->sa_data))
		return -EADDRNOTAVAIL;
	memcpy(old.__data, dev->dev_addr, dev->addr_len);
	bond_for_each_port(bond, port) {
		err = dev_set_mac_address(port->dev, sa, NULL);
		if (err)
			goto err_restore_mac;
	}
	eth_hw_addr_set(dev, sa->sa_data);
	return 0;

err_restore_mac:
	bond_for_each_port(bond, undo) {
		if (undo == port)
			break;
		dev_set_mac_address(undo->dev, (struct sockaddr *)&old, NULL);
	}
	return err;
}

/**
 * bond_dev_set_addr_from - the bond takes @dev's address
 * @bond: the bond
 * @dev: a port, or a device about to be one
 *
 * For a bond without an address of its own, fail_over_mac active and
 * SIOCBONDSETHWADDR.  Upper devices may refuse the change.
 */
int bond_dev_set_addr_from(struct bond *bond, struct net_device *dev)
{
	int err;

	ASSERT_RTNL();

	err = dev_pre_changeaddr_notify(bond->dev, dev->dev_addr, NULL);
	if (err)
		return err;
	__dev_addr_set(bond->dev, dev->dev_addr, dev->addr_len);
	bond->dev->addr_assign_type = NET_ADDR_STOLEN;
	call_netdevice_notifiers(NETDEV_CHANGEADDR, bond->dev);
	return 0;
}

/* Neighbours on the bond get the setup of its first port's driver */
static int bond_neigh_init(struct neighbour *n)
{
	struct bond *bond = netdev_priv(n->dev);
	const struct net_device_ops *ops;
	struct neigh_parms parms = { };
	struct bond_port *port;
	int err = 0;

	rcu_read_lock();
	port = list_first_or_null_rcu(&bond->ports, struct bond_port, list);
	ops = port ? port->dev->netdev_ops : NULL;
	if (ops && ops->ndo_neigh_setup) {
		err = ops->ndo_neigh_setup(port->dev, &parms);
		if (!err && parms.neigh_setup)
			err = parms.neigh_setup(n);
	}
	rcu_read_unlock();
	return err;
}

/* Called before the bond has ports, and by upper devices for theirs: only
 * the bond's own parameters get the deferred setup.
 */
static int bond_neigh_setup(struct net_device *dev, struct neigh_parms *parms)
{
	if (parms->dev == dev)
		parms->neigh_setup = bond_neigh_init;
	return 0;
}

/* VLANs on the bond are filtered in by every port */
static int bond_vlan_rx_add_vid(struct net_device *dev, __be16 proto, u16 vid)
{
	struct bond *bond = netdev_priv(dev);
	struct bond_port *port, *undo;
	int err;

	ASSERT_RTNL();

	bond_for_each_port(bond, port) {
		err = vlan_vid_add(port->dev, proto, vid);
		if (err)
			goto err_del_vid;
	}
	return 0;

err_del_vid:
	bond_for_each_port(bond, undo) {
		if (undo == port)
			break;
		vlan_vid_del(undo->dev, proto, vid);
	}
	return err;
}

static int bond_vlan_rx_kill_vid(struct net_device *dev, __be16 proto, u16 vid)
{
	struct bond *bond = netdev_priv(dev);
	struct bond_port *port;

	ASSERT_RTNL();

	bond_for_each_port(bond, port)
		vlan_vid_del(port->dev, proto, vid);
	return 0;
}

static int bond_add_port(struct net_device *dev, struct net_device *port_dev,
			 struct netlink_ext_ack *extack)
{
	return bond_port_add(netdev_priv(dev), port_dev, extack);
}

static int bond_del_port(struct net_device *dev, struct net_device *port_dev)
{
	return bond_port_del(netdev_priv(dev), port_dev);
}

static const struct net_device_ops bond_netdev_ops = {
	.ndo_init		= bond_init,
	.ndo_uninit		= bond_uninit,
	.ndo_open		= bond_open,
	.ndo_stop		= bond_close,
	.ndo_start_xmit		= bond_start_xmit,
	.ndo_select_queue	= bond_select_queue,
	.ndo_change_rx_flags	= bond_change_rx_flags,
	.ndo_set_rx_mode	= bond_set_rx_mode,
	.ndo_get_stats64	= bond_stats_get,
	.ndo_change_mtu		= bond_change_mtu,
	.ndo_set_mac_address	= bond_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_vlan_rx_add_vid	= bond_vlan_rx_add_vid,
	.ndo_vlan_rx_kill_vid	= bond_vlan_rx_kill_vid,
	.ndo_add_slave		= bond_add_port,
	.ndo_del_slave		= bond_del_port,
	.ndo_get_xmit_slave	= bond_get_xmit_port,
	.ndo_eth_ioctl		= bond_eth_ioctl,
	.ndo_siocbond		= bond_ioctl,
	.ndo_siocdevprivate	= bond_ioctl_private,
	.ndo_neigh_setup	= bond_neigh_setup,
	.ndo_features_check	= passthru_features_check,
};

static const struct device_type bond_type = {
	.name = "bond",
};

#define BOND_FEATURES	(NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA | \
			 NETIF_F_FRAGLIST | NETIF_F_GSO_SOFTWARE | \
			 NETIF_F_RXCSUM)

/* rtnl_link_ops.setup: a fresh bond from the module parameters */
void bond_dev_setup(struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);

	bond_type_ether_setup(dev);
	SET_NETDEV_DEVTYPE(dev, &bond_type);
	dev->netdev_ops = &bond_netdev_ops;
	dev->ethtool_ops = &bond_ethtool_ops;
	dev->needs_free_netdev = true;
	dev->sysfs_groups[0] = &bond_sysfs_group;
	/* No netpoll yet: netconsole must not transmit through the bond */
	dev->priv_flags |= IFF_BONDING | IFF_NO_QUEUE | IFF_UNICAST_FLT |
			   IFF_DISABLE_NETPOLL;
	dev->priv_flags &= ~IFF_XMIT_DST_RELEASE;
	dev->min_mtu = ETH_MIN_MTU;
	dev->hw_features = BOND_FEATURES | NETIF_F_HW_VLAN_CTAG_RX |
			   NETIF_F_HW_VLAN_CTAG_FILTER |
			   NETIF_F_HW_VLAN_STAG_RX | NETIF_F_HW_VLAN_STAG_FILTER;
	/* Moving a bond would strand its sysfs and /proc entries */
	dev->features = dev->hw_features | NETIF_F_LLTX | NETIF_F_NETNS_LOCAL |
			NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX;
	dev->vlan_features = BOND_FEATURES;

	bond->dev = dev;
	INIT_LIST_HEAD(&bond->ports);
	spin_lock_init(&bond->stats_lock);
	INIT_LIST_HEAD(&bond->list);
	bond->params = bond_defaults;
	bond->mode = bond_mode_get(bond->params.mode);
	bond->xmit = bond_xmit_drop;
	bond->mode_xmit = bond_xmit_drop;
	bond_monitors_init(bond);
	bond_peers_init(bond);
}

/**
 * bond_dev_create - create a bond from the module parameters
 * @net: its network namespace
 * @name: its name, or NULL for the next free bondN
 */
int bond_dev_create(struct net *net, const char *name)
{
	struct net_device *dev;
	int err;

	rtnl_lock();
	dev = alloc_netdev_mq(sizeof(struct bond), name ? name : "bond%d",
			      NET_NAME_UNKNOWN, bond_dev_setup, bond_tx_queues);
	if (!dev) {
		err = -ENOMEM;
		goto out_unlock;
	}
	dev_net_set(dev, net);
	dev->rtnl_link_ops = &bond_link_ops;
	err = register_netdevice(dev);
	if (err) {
		free_netdev(dev);
		goto out_unlock;
	}
	netif_carrier_off(dev);
	bond_monitors_check(netdev_priv(dev));
out_unlock:
	rtnl_unlock();
	return err;
}
