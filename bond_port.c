// SPDX-License-Identifier: GPL-2.0
/*
 * Enslaving and releasing ports, and the receive hook on each port.
 *
 * bond_port_add() is a ladder of short steps, each undone by the label
 * named after it; bond_port_del() undoes them in reverse order.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "bond.h"

static rx_handler_result_t bond_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct bond_port *port = bond_port_get_rcu(skb->dev);

	/* A backup port hands frames only to whoever bound to it exactly
	 * (packet sockets, for instance); link-local ones pass as usual.
	 */
	if (READ_ONCE(port->inactive)) {
		if (is_link_local_ether_addr(eth_hdr(skb)->h_dest))
			return RX_HANDLER_PASS;
		return RX_HANDLER_EXACT;
	}
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;
	*pskb = skb;
	skb->dev = port->bond->dev;
	return RX_HANDLER_ANOTHER;
}

/* The port behind @dev, if @dev is enslaved to a bond of ours.  RTNL. */
struct bond_port *bond_port_get_rtnl(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != bond_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/* Only for a @dev known to be a port, in its receive path */
struct bond_port *bond_port_get_rcu(const struct net_device *dev)
{
	return rcu_dereference(dev->rx_handler_data);
}

struct bond_port *bond_port_find(struct bond *bond, const char *name)
{
	struct bond_port *port;

	ASSERT_RTNL();

	bond_for_each_port(bond, port)
		if (!strcmp(port->dev->name, name))
			return port;
	return NULL;
}

void bond_port_printk(const char *level, const struct bond_port *port,
		      const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	netdev_printk(level, port->bond->dev, "(slave %s): %pV",
		      port->dev->name, &vaf);
	va_end(args);
}

/* Tells the stack (offloading drivers) whether the port is up and sends */
void bond_port_notify_lower(struct bond_port *port)
{
	struct netdev_lag_lower_state_info info;

	ASSERT_RTNL();

	if (!netdev_master_upper_dev_get(port->dev))
		return;
	info.link_up = port->link == BOND_LINK_UP ||
		       port->link == BOND_LINK_FAIL;
	info.tx_enabled = port->state == BOND_STATE_ACTIVE;
	netdev_lower_state_changed(port->dev, &info);
}

/* Sets the port's role: an active port sends, a backup one only listens */
void bond_port_set_state(struct bond_port *port, u8 state)
{
	bool inactive = state == BOND_STATE_BACKUP;

	ASSERT_RTNL();

	if (port->state == state && port->inactive == inactive)
		return;
	port->state = state;
	WRITE_ONCE(port->inactive, inactive);
	bond_port_notify_lower(port);
}

void bond_port_update_speed(struct bond_port *port)
{
	struct ethtool_link_ksettings ks;

	ASSERT_RTNL();

	port->speed = SPEED_UNKNOWN;
	port->duplex = DUPLEX_UNKNOWN;
	if (__ethtool_get_link_ksettings(port->dev, &ks))
		return;
	if (ks.base.speed == 0 || ks.base.speed == (u32)SPEED_UNKNOWN)
		return;
	if (ks.base.duplex != DUPLEX_FULL && ks.base.duplex != DUPLEX_HALF)
		return;
	port->speed = ks.base.speed;
	port->duplex = ks.base.duplex;
}

/* The checks of the tree's driver, in its order, with its errors */
static int bond_port_check(struct bond *bond, struct net_device *dev,
			   struct netlink_ext_ack *extack)
{
	if ((dev->flags & IFF_MASTER) && !bond_dev_is_bond(dev)) {
		NL_SET_ERR_MSG(extack, "Device type (master device) cannot be enslaved");
		return -EPERM;
	}
	if (netdev_is_rx_handler_busy(dev)) {
		NL_SET_ERR_MSG(extack, "Device is in use and cannot be enslaved");
		netdev_err(bond->dev, "%s: Device is in use and cannot be enslaved\n",
			   dev->name);
		return -EBUSY;
	}
	if (dev == bond->dev) {
		NL_SET_ERR_MSG(extack, "Cannot enslave bond to itself.");
		netdev_err(bond->dev, "Cannot enslave bond to itself.\n");
		return -EPERM;
	}
	if (dev->flags & IFF_UP) {
		NL_SET_ERR_MSG(extack, "Device can not be enslaved while up");
		netdev_err(bond->dev, "%s: Device can not be enslaved while up\n",
			   dev->name);
		return -EPERM;
	}
	if (dev->type != ARPHRD_ETHER || !dev->netdev_ops->ndo_set_mac_address) {
		NL_SET_ERR_MSG(extack, "Only Ethernet devices with a settable MAC can be enslaved");
		netdev_err(bond->dev, "%s: only Ethernet devices that can change their MAC address can be enslaved\n",
			   dev->name);
		return -EOPNOTSUPP;
	}
	return 0;
}

static int bond_port_set_mac(struct net_device *dev, const u8 *addr,
			     struct netlink_ext_ack *extack)
{
	struct sockaddr_storage ss;

	memcpy(ss.__data, addr, dev->addr_len);
	ss.ss_family = dev->type;
	return dev_set_mac_address(dev, (struct sockaddr *)&ss, extack);
}

/* The bond takes @dev's address (also SIOCBONDSETHWADDR) */
void bond_steal_addr(struct bond *bond, struct net_device *dev)
{
	ASSERT_RTNL();

	dev_addr_set(bond->dev, dev->dev_addr);
	bond->dev->addr_assign_type = NET_ADDR_STOLEN;
	call_netdevice_notifiers(NETDEV_CHANGEADDR, bond->dev);
}

/* A bond without an address of its own takes its first port's */
static bool bond_take_addr(struct bond *bond, struct net_device *dev)
{
	if (bond_has_ports(bond) ||
	    bond->dev->addr_assign_type != NET_ADDR_RANDOM)
		return false;
	bond_steal_addr(bond, dev);
	return true;
}

/* As in the tree, a bond left without ports gets a new random address */
static void bond_give_back_addr(struct bond *bond)
{
	eth_hw_addr_random(bond->dev);
	call_netdevice_notifiers(NETDEV_CHANGEADDR, bond->dev);
}

static int bond_port_link(struct bond *bond, struct bond_port *port,
			  struct netlink_ext_ack *extack)
{
	struct netdev_lag_upper_info info = {
		.tx_type = bond->mode->lag_tx_type,
		.hash_type = bond_hash_lag_type(bond),
	};
	int err;

	err = netdev_rx_handler_register(port->dev, bond_handle_frame, port);
	if (err)
		return err;
	err = netdev_master_upper_dev_link(port->dev, bond->dev, port, &info,
					   extack);
	if (err)
		netdev_rx_handler_unregister(port->dev);
	return err;
}

static void bond_port_unlink(struct bond *bond, struct bond_port *port)
{
	netdev_upper_dev_unlink(port->dev, bond->dev);
	port->dev->flags &= ~IFF_SLAVE;
	netdev_rx_handler_unregister(port->dev);
}

/**
 * bond_port_add - enslave @dev to @bond
 * @bond: the bond
 * @dev: the device to enslave, down
 * @extack: error report
 */
int bond_port_add(struct bond *bond, struct net_device *dev,
		  struct netlink_ext_ack *extack)
{
	const struct bond_mode_ops *ops = &bond->mode->ops;
	struct bond_port *port;
	bool took_addr;
	int err;

	ASSERT_RTNL();

	err = bond_port_check(bond, dev, extack);
	if (err)
		return err;
	call_netdevice_notifiers(NETDEV_JOIN, dev);
	port = kzalloc(sizeof(*port) + bond->mode->port_priv_size, GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->dev = dev;
	port->bond = bond;
	port->orig_mtu = dev->mtu;
	memcpy(port->perm_hwaddr, dev->dev_addr, dev->addr_len);
	took_addr = bond_take_addr(bond, dev);

	err = dev_set_mtu(dev, bond->dev->mtu);
	if (err) {
		netdev_err(bond->dev, "Error %d calling dev_set_mtu on %s\n",
			   err, dev->name);
		goto err_give_back_addr;
	}
	err = bond_port_set_mac(dev, bond->dev->dev_addr, extack);
	if (err) {
		netdev_err(bond->dev, "Error %d calling set_mac_address on %s\n",
			   err, dev->name);
		goto err_restore_mtu;
	}
	/* IFF_SLAVE before opening keeps IPv6 from configuring the port */
	dev->flags |= IFF_SLAVE;
	err = dev_open(dev, extack);
	if (err) {
		netdev_err(bond->dev, "Opening slave %s failed\n", dev->name);
		goto err_restore_mac;
	}
	dev->priv_flags |= IFF_BONDING;
	if (!(bond->dev->features & NETIF_F_LRO))
		dev_disable_lro(dev);
	bond_stats_port_init(port);
	bond_port_update_speed(port);
	bond_mii_port_init(bond, port);
	bond_port_set_state(port, BOND_STATE_BACKUP);

	err = vlan_vids_add_by_dev(dev, bond->dev);
	if (err) {
		netdev_err(bond->dev, "Couldn't add bond vlan ids to %s\n",
			   dev->name);
		goto err_close;
	}
	if (ops->port_add) {
		err = ops->port_add(bond, port, extack);
		if (err)
			goto err_del_vids;
	}
	err = bond_port_link(bond, port, extack);
	if (err)
		goto err_mode_del;
	bond_port_notify_lower(port);
	err = bond_sysfs_port_add(port);
	if (err)
		goto err_unlink;

	list_add_tail_rcu(&port->list, &bond->ports);
	bond->port_count++;
	if (!bond_uses_active(bond))
		bond_rx_attach(bond, port);
	bond_primary_port_add(bond, port);
	bond_links_changed(bond);
	port_info(port, "Enslaving as %s interface with %s link\n",
		  port->state == BOND_STATE_ACTIVE ? "an active" : "a backup",
		  port->link != BOND_LINK_DOWN ? "an up" : "a down");
	return 0;

err_unlink:
	bond_port_unlink(bond, port);
err_mode_del:
	if (ops->port_del)
		ops->port_del(bond, port);
err_del_vids:
	vlan_vids_del_by_dev(dev, bond->dev);
err_close:
	dev->priv_flags &= ~IFF_BONDING;
	dev_close(dev);
err_restore_mac:
	dev->flags &= ~IFF_SLAVE;
	bond_port_set_mac(dev, port->perm_hwaddr, NULL);
err_restore_mtu:
	dev_set_mtu(dev, port->orig_mtu);
err_give_back_addr:
	if (took_addr)
		bond_give_back_addr(bond);
	kfree(port);
	return err;
}

/* Why a port leaves */
enum bond_port_del_why {
	BOND_DEL_RELEASE,	/* asked to */
	BOND_DEL_UNREGISTER,	/* the port is being unregistered */
	BOND_DEL_BOND_GONE,	/* the bond is: no reselection, no new MAC */
};

static void __bond_port_del(struct bond *bond, struct bond_port *port,
			    enum bond_port_del_why why)
{
	struct net_device *dev = port->dev;
	bool was_active = port->state == BOND_STATE_ACTIVE;

	bond_port_set_state(port, BOND_STATE_BACKUP);
	bond_sysfs_port_del(port);
	bond_port_unlink(bond, port);
	bond_stats_fold(bond, port);
	list_del_rcu(&port->list);
	bond->port_count--;
	/* Serialised with ndo_set_rx_mode by the address list lock */
	bond_rx_detach(bond, port);
	bond_active_port_del(bond, port);
	if (bond->mode->ops.port_del)
		bond->mode->ops.port_del(bond, port);
	if (why != BOND_DEL_BOND_GONE) {
		bond_links_changed(bond);
		if (!bond_has_ports(bond))
			bond_give_back_addr(bond);
	} else {
		bond_update_tx(bond);
	}
	port_info(port, "Releasing %s interface\n",
		  was_active ? "active" : "backup");

	/* Readers in the transmit and receive paths are done with it */
	synchronize_net();

	vlan_vids_del_by_dev(dev, bond->dev);
	dev_close(dev);
	dev->priv_flags &= ~IFF_BONDING;
	bond_port_set_mac(dev, port->perm_hwaddr, NULL);
	/* No MTU notifications while devices are being unregistered */
	if (why == BOND_DEL_RELEASE)
		dev_set_mtu(dev, port->orig_mtu);
	else
		__dev_set_mtu(dev, port->orig_mtu);
	kfree(port);
}

/**
 * bond_port_del - release @dev from @bond
 * @bond: the bond
 * @dev: a port of @bond
 */
int bond_port_del(struct bond *bond, struct net_device *dev)
{
	struct bond_port *port = bond_port_get_rtnl(dev);

	ASSERT_RTNL();

	if (!port || port->bond != bond) {
		netdev_err(bond->dev, "cannot release %s: not a slave of this bond\n",
			   dev->name);
		return -EINVAL;
	}
	__bond_port_del(bond, port, BOND_DEL_RELEASE);
	return 0;
}

/* @dev, a port, is being unregistered */
void bond_port_del_unregistering(struct bond_port *port)
{
	__bond_port_del(port->bond, port, BOND_DEL_UNREGISTER);
}

/* The bond is being unregistered */
void bond_port_del_all(struct bond *bond)
{
	struct bond_port *port, *tmp;

	ASSERT_RTNL();

	bond_for_each_port_safe(bond, port, tmp)
		__bond_port_del(bond, port, BOND_DEL_BOND_GONE);
}
