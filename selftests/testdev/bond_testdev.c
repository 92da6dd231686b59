// SPDX-License-Identifier: GPL-2.0
/*
 * bond_testdev: an Ethernet-like device for the bonding selftests whose
 * statistics are set by hand, so that a test can make a bond's port count
 * backwards (a reset) or wrap at 32 bits.
 *
 *     ip link add tdev0 type bondtest
 *     echo 1000 > /sys/module/bond_testdev/parameters/tx_packets
 *
 * Every device of the kind reports the rx/tx packets and bytes held in the
 * module parameters of those names.  Frames sent to it are dropped without
 * being counted; its carrier is always on.
 */
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>

static unsigned long long rx_packets;
module_param(rx_packets, ullong, 0644);
MODULE_PARM_DESC(rx_packets, "rx_packets of every bondtest device");

static unsigned long long tx_packets;
module_param(tx_packets, ullong, 0644);
MODULE_PARM_DESC(tx_packets, "tx_packets of every bondtest device");

static unsigned long long rx_bytes;
module_param(rx_bytes, ullong, 0644);
MODULE_PARM_DESC(rx_bytes, "rx_bytes of every bondtest device");

static unsigned long long tx_bytes;
module_param(tx_bytes, ullong, 0644);
MODULE_PARM_DESC(tx_bytes, "tx_bytes of every bondtest device");

static netdev_tx_t bond_testdev_xmit(struct sk_buff *skb,
				     struct net_device *dev)
{
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static void bond_testdev_get_stats64(struct net_device *dev,
				     struct rtnl_link_stats64 *stats)
{
	stats->rx_packets = READ_ONCE(rx_packets);
	stats->tx_packets = READ_ONCE(tx_packets);
	stats->rx_bytes = READ_ONCE(rx_bytes);
	stats->tx_bytes = READ_ONCE(tx_bytes);
}

static const struct net_device_ops bond_testdev_ops = {
	.ndo_start_xmit		= bond_testdev_xmit,
	.ndo_get_stats64	= bond_testdev_get_stats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

static void bond_testdev_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &bond_testdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	eth_hw_addr_random(dev);
}

static struct rtnl_link_ops bond_testdev_link_ops __read_mostly = {
	.kind	= "bondtest",
	.setup	= bond_testdev_setup,
};

static int __init bond_testdev_init(void)
{
	return rtnl_link_register(&bond_testdev_link_ops);
}

static void __exit bond_testdev_exit(void)
{
	rtnl_link_unregister(&bond_testdev_link_ops);
}

module_init(bond_testdev_init);
module_exit(bond_testdev_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Ethernet-like test device with settable statistics");
MODULE_ALIAS_RTNL_LINK("bondtest");
