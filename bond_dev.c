// SPDX-License-Identifier: GPL-2.0
/*
 * The bond net_device: its operations, set-up and creation.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>
#include <net/sch_generic.h>

#include "bond.h"

#define BOND_DRV_NAME		"bonding"
#define BOND_DRV_VERSION	"1.0"

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
	return txq % dev->real_num_tx_queues;
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

static int bond_init(struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);
	struct bond_net *bn = net_generic(dev_net(dev), bond_net_id);

	ASSERT_RTNL();

	if (dev->addr_assign_type == NET_ADDR_PERM &&
	    is_zero_ether_addr(dev->dev_addr))
		eth_hw_addr_random(dev);
	netdev_lockdep_set_classes(dev);
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

	bond_links_changed(bond);
	bond_mii_start(bond);
	return 0;
}

static int bond_close(struct net_device *dev)
{
	bond_mii_stop(netdev_priv(dev));
	return 0;
}

/* Statistics: what the ports counted while enslaved.  A port contributes
 * its counters minus those it had when it joined; a leaving port's share
 * is folded into bond->stats_base, so the bond's counters never go back.
 */
static void bond_stats_add_delta(struct rtnl_link_stats64 *sum,
				 const struct rtnl_link_stats64 *now,
				 const struct rtnl_link_stats64 *start)
{
	const u64 *n = (const u64 *)now, *s = (const u64 *)start;
	u64 *d = (u64 *)sum;
	size_t i;

	for (i = 0; i < sizeof(*sum) / sizeof(u64); i++)
		d[i] += n[i] - s[i];
}

/* A bond's stats lock nests inside those of the bonds it is a port of */
static void bond_stats_lock(struct bond *bond)
	__acquires(&bond->stats_lock)
{
	spin_lock_nested(&bond->stats_lock,
			 min_t(int, bond->dev->lower_level,
			       MAX_LOCKDEP_SUBCLASSES - 1));
}

void bond_stats_port_init(struct bond_port *port)
{
	dev_get_stats(port->dev, &port->stats_start);
}

/* @port is leaving: keep what it counted.  RTNL. */
void bond_stats_fold(struct bond *bond, struct bond_port *port)
{
	struct rtnl_link_stats64 now;

	ASSERT_RTNL();

	dev_get_stats(port->dev, &now);
	bond_stats_lock(bond);
	bond_stats_add_delta(&bond->stats_base, &now, &port->stats_start);
	port->stats_start = now;
	spin_unlock(&bond->stats_lock);
}

static void bond_get_stats64(struct net_device *dev,
			     struct rtnl_link_stats64 *stats)
{
	struct bond *bond = netdev_priv(dev);
	struct rtnl_link_stats64 now;
	struct bond_port *port;

	bond_stats_lock(bond);
	*stats = bond->stats_base;
	rcu_read_lock();
	bond_for_each_port_rcu(bond, port) {
		dev_get_stats(port->dev, &now);
		bond_stats_add_delta(stats, &now, &port->stats_start);
	}
	rcu_read_unlock();
	spin_unlock(&bond->stats_lock);
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

static int bond_set_mac_address(struct net_device *dev, void *addr)
{
	struct bond *bond = netdev_priv(dev);
	struct sockaddr_storage old = { .ss_family = dev->type };
	struct bond_port *port, *undo;
	struct sockaddr *sa = addr;
	int err;

	ASSERT_RTNL();

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
	.ndo_get_stats64	= bond_get_stats64,
	.ndo_change_mtu		= bond_change_mtu,
	.ndo_set_mac_address	= bond_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_vlan_rx_add_vid	= bond_vlan_rx_add_vid,
	.ndo_vlan_rx_kill_vid	= bond_vlan_rx_kill_vid,
	.ndo_add_slave		= bond_add_port,
	.ndo_del_slave		= bond_del_port,
	.ndo_siocbond		= bond_ioctl,
	.ndo_siocdevprivate	= bond_ioctl_private,
};

static void bond_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, BOND_DRV_NAME, sizeof(info->driver));
	strscpy(info->version, BOND_DRV_VERSION, sizeof(info->version));
	snprintf(info->fw_version, sizeof(info->fw_version), "%d",
		 BOND_ABI_VERSION);
}

/* The bond's speed is the sum of its transmitting ports' */
static int bond_get_link_ksettings(struct net_device *dev,
				   struct ethtool_link_ksettings *ks)
{
	struct bond *bond = netdev_priv(dev);
	struct bond_port *port;
	u32 speed = 0;

	ASSERT_RTNL();

	ks->base.duplex = DUPLEX_UNKNOWN;
	ks->base.port = PORT_OTHER;
	bond_for_each_port(bond, port) {
		if (port->state != BOND_STATE_ACTIVE ||
		    port->link != BOND_LINK_UP || port->speed == SPEED_UNKNOWN)
			continue;
		speed += port->speed;
		if (ks->base.duplex == DUPLEX_UNKNOWN)
			ks->base.duplex = port->duplex;
	}
	ks->base.speed = speed ? speed : SPEED_UNKNOWN;
	return 0;
}

static const struct ethtool_ops bond_ethtool_ops = {
	.get_drvinfo		= bond_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= bond_get_link_ksettings,
};

#define BOND_FEATURES	(NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA | \
			 NETIF_F_FRAGLIST | NETIF_F_GSO_SOFTWARE | \
			 NETIF_F_RXCSUM)

/* rtnl_link_ops.setup: a fresh bond from the module parameters */
void bond_dev_setup(struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &bond_netdev_ops;
	dev->ethtool_ops = &bond_ethtool_ops;
	dev->needs_free_netdev = true;
	dev->sysfs_groups[0] = &bond_sysfs_group;
	dev->flags |= IFF_MASTER;
	dev->priv_flags |= IFF_BONDING | IFF_NO_QUEUE | IFF_UNICAST_FLT;
	dev->priv_flags &= ~(IFF_XMIT_DST_RELEASE | IFF_TX_SKB_SHARING);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
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
	bond_mii_init(bond);
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
out_unlock:
	rtnl_unlock();
	return err;
}
