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

/* A frame on a backup port goes only to whoever bound to the port itself
 * (packet sockets, for instance); link-local ones (LLDP, STP) pass on to
 * the port's own stack as on any device.
 */
static rx_handler_result_t bond_rx_backup(struct sk_buff *skb)
{
	if (is_link_local_ether_addr(eth_hdr(skb)->h_dest))
		return RX_HANDLER_PASS;
	return RX_HANDLER_EXACT;
}

static rx_handler_result_t bond_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct bond_port *port = bond_port_get_rcu(skb->dev);
	struct bond *bond = port->bond;
	enum bond_rx verdict = BOND_RX_DEFAULT;

	if (READ_ONCE(bond->arp_watch))
		bond_arp_rx(bond, port, skb);
	if (bond->mode->ops.rx)
		verdict = bond->mode->ops.rx(bond, port, skb);
	if (verdict == BOND_RX_CONSUMED)
		return RX_HANDLER_CONSUMED;
	if (verdict == BOND_RX_DEFAULT && READ_ONCE(port->inactive))
		return bond_rx_backup(skb);
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;
	*pskb = skb;
	skb->dev = bond->dev;
	return RX_HANDLER_ANOTHER;
}

/* The port behind @dev, if @dev is enslaved to a bond of ours.  RTNL. */
struct bond_port *bond_port_get_rtnl(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != bond_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/* As bond_port_get_rtnl(), for callers under RTNL or only RCU: rtnetlink
 * sizes its dumps (rtnl_calcit) under RCU alone.
 */
struct bond_port *bond_port_get_rcu_rtnl(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != bond_handle_frame)
		return NULL;
	return rcu_dereference_rtnl(dev->rx_handler_data);
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

/* A port that does not receive for the bond drops what is not its own */
static bool bond_port_drops(const struct bond_port *port)
{
	return !port->rx_attached && !port->bond->params.all_slaves_active;
}

/**
 * bond_port_set_roles - say whether @port receives and sends for the bond
 * @port: the port
 * @receives: it has the bond's receive filters and delivers to the bond
 * @sends: it may transmit for the bond (its state is then ACTIVE)
 *
 * A port that does not receive only listens for frames addressed to
 * itself.  Which ports a mode transmits on is the mode's own choice
 * (ops.port_can_tx); @sends is what the port's state reports.  RTNL.
 */
void bond_port_set_roles(struct bond_port *port, bool receives, bool sends)
{
	struct bond *bond = port->bond;
	u8 state = sends ? BOND_STATE_ACTIVE : BOND_STATE_BACKUP;

	ASSERT_RTNL();

	if (receives)
		bond_rx_attach(bond, port);
	else
		bond_rx_detach(bond, port);
	if (port->state == state && port->inactive == bond_port_drops(port))
		return;
	port->state = state;
	WRITE_ONCE(port->inactive, bond_port_drops(port));
	bond_port_notify_lower(port);
}

/**
 * bond_port_set_role - make @port receive for the bond, or a backup
 * @port: the port
 * @receives: whether it receives for the bond
 *
 * A port that receives may send; a backup does not, unless the mode lets
 * backups send (BOND_MODE_F_BACKUP_SENDS).  RTNL.
 */
void bond_port_set_role(struct bond_port *port, bool receives)
{
	bond_port_set_roles(port, receives, receives ||
			    (port->bond->mode->flags & BOND_MODE_F_BACKUP_SENDS));
}

/**
 * bond_port_update_inactive - all_slaves_active changed
 * @port: a port
 *
 * A backup delivers to the bond what it receives when all_slaves_active
 * is on (duplicates included), and only frames for itself otherwise.
 * RTNL.
 */
void bond_port_update_inactive(struct bond_port *port)
{
	ASSERT_RTNL();

	WRITE_ONCE(port->inactive, bond_port_drops(port));
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
	if (dev->type == ARPHRD_CAN) {
		NL_SET_ERR_MSG(extack, "CAN devices cannot be enslaved");
		netdev_err(bond->dev, "CAN devices cannot be enslaved\n");
		return -EPERM;
	}
	if ((dev->flags & IFF_MASTER) && !bond_dev_is_bond(dev)) {
		NL_SET_ERR_MSG(extack, "Device type (master device) cannot be enslaved");
		netdev_err(bond->dev, "Device type (master device) cannot be enslaved\n");
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

/* The port carries the bond's address, if the mode's policy says so */
static int bond_port_take_bond_addr(struct bond *bond, struct net_device *dev,
				    struct netlink_ext_ack *extack)
{
	int err;

	if (bond_mode_addr_policy(bond) != BOND_ADDR_SHARED)
		return 0;
	err = bond_port_set_mac(dev, bond->dev->dev_addr, extack);
	if (err)
		netdev_err(bond->dev, "Error %d calling set_mac_address on %s\n",
			   err, dev->name);
	return err;
}

/* Gives a leaving port its own address back, unless it kept it */
static void bond_port_restore_addr(struct bond *bond, struct bond_port *port)
{
	if (bond_mode_addr_policy(bond) != BOND_ADDR_PORTS_OWN)
		bond_port_set_mac(port->dev, port->perm_hwaddr, NULL);
}

/* A bond without an address of its own takes its first port's */
static int bond_take_addr(struct bond *bond, struct net_device *dev,
			  bool *took)
{
	int err;

	*took = false;
	if (bond_has_ports(bond) ||
	    bond->dev->addr_assign_type != NET_ADDR_RANDOM)
		return 0;
	err = bond_dev_set_addr_from(bond, dev);
	*took = !err;
	return err;
}

/* As in the tree, a bond left without ports gets a new random address */
static void bond_give_back_addr(struct bond *bond)
{
	eth_hw_addr_random(bond->dev);
	call_netdevice_notifiers(NETDEV_CHANGEADDR, bond->dev);
	call_netdevice_notifiers(NETDEV_RELEASE, bond->dev);
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

/* A bond enslaved to a bond stays a bond: only other ports lose the flag */
static void bond_port_clear_bonding(struct net_device *dev)
{
	if (!bond_dev_is_bond(dev))
		dev->priv_flags &= ~IFF_BONDING;
}

static struct bond_port *bond_port_alloc(struct bond *bond,
					 struct net_device *dev)
{
	struct bond_port *port;

	port = kzalloc(sizeof(*port) + bond->mode->port_priv_size, GFP_KERNEL);
	if (!port)
		return NULL;
	port->dev = dev;
	port->bond = bond;
	port->orig_mtu = dev->mtu;
	memcpy(port->perm_hwaddr, dev->dev_addr, dev->addr_len);
	/* A backup until the bond gives it a role */
	port->state = BOND_STATE_BACKUP;
	port->inactive = true;
	port->ad_port_prio = 0xff;
	return port;
}

/* Opens @dev as a port: flags, then the device itself.  IFF_SLAVE goes
 * first, so that IPv6 does not configure the port.
 */
static int bond_port_open(struct bond *bond, struct net_device *dev,
			  struct netlink_ext_ack *extack)
{
	int err;

	dev->flags |= IFF_SLAVE;
	err = dev_open(dev, extack);
	if (err) {
		netdev_err(bond->dev, "Opening slave %s failed\n", dev->name);
		dev->flags &= ~IFF_SLAVE;
		return err;
	}
	dev->priv_flags |= IFF_BONDING;
	if (!(bond->dev->features & NETIF_F_LRO))
		dev_disable_lro(dev);
	return 0;
}

static void bond_port_close(struct net_device *dev)
{
	bond_port_clear_bonding(dev);
	dev_close(dev);
	dev->flags &= ~IFF_SLAVE;
}

/* The port is a full member: listed, given its role, announced */
static void bond_port_commit(struct bond *bond, struct bond_port *port)
{
	list_add_tail_rcu(&port->list, &bond->ports);
	bond->port_count++;
	/* Where no port is active, every port receives and sends, unless
	 * the mode gives the roles
	 */
	bond_port_set_role(port, !bond_uses_active(bond) &&
			   !(bond->mode->flags & BOND_MODE_F_PORT_ROLES));
	bond_primary_port_add(bond, port);
	bond_links_changed(bond);
	port_info(port, "Enslaving as %s interface with %s link\n",
		  port->state == BOND_STATE_ACTIVE ? "an active" : "a backup",
		  port->link != BOND_LINK_DOWN ? "an up" : "a down");
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
	if (!err)
		err = bond_type_follow(bond, dev, extack);
	if (err)
		return err;
	if (ops->port_pre_add) {
		err = ops->port_pre_add(bond, dev, extack);
		if (err)
			goto err_undo_type;
	}
	call_netdevice_notifiers(NETDEV_JOIN, dev);
	err = bond_take_addr(bond, dev, &took_addr);
	if (err)
		goto err_undo_type;
	port = bond_port_alloc(bond, dev);
	if (!port) {
		err = -ENOMEM;
		goto err_give_back_addr;
	}
	err = dev_set_mtu(dev, bond->dev->mtu);
	if (err) {
		netdev_err(bond->dev, "Error %d calling dev_set_mtu on %s\n",
			   err, dev->name);
		goto err_free;
	}
	err = bond_port_take_bond_addr(bond, dev, extack);
	if (err)
		goto err_restore_mtu;
	err = bond_port_open(bond, dev, extack);
	if (err)
		goto err_restore_mac;
	bond_stats_port_init(port);
	bond_port_update_speed(port);
	bond_link_port_init(bond, port);

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
	bond_port_commit(bond, port);
	return 0;

err_unlink:
	bond_port_unlink(bond, port);
err_mode_del:
	if (ops->port_del)
		ops->port_del(bond, port);
err_del_vids:
	vlan_vids_del_by_dev(dev, bond->dev);
err_close:
	bond_port_close(dev);
err_restore_mac:
	bond_port_restore_addr(bond, port);
err_restore_mtu:
	dev_set_mtu(dev, port->orig_mtu);
err_free:
	kfree(port);
err_give_back_addr:
	if (took_addr)
		bond_give_back_addr(bond);
err_undo_type:
	bond_type_undo(bond);
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
	/* A mode that gives the roles withdraws them first, as the tree's
	 * 802.3ad does: such a port leaves as a backup
	 */
	bool was_active = port->state == BOND_STATE_ACTIVE &&
			  !(bond->mode->flags & BOND_MODE_F_PORT_ROLES);

	bond_port_set_role(port, false);
	bond_sysfs_port_del(port);
	bond_stats_port_del(bond, port);
	bond_port_unlink(bond, port);
	list_del_rcu(&port->list);
	bond->port_count--;
	bond_active_port_del(bond, port);
	bond_link_port_del(bond, port);
	if (bond->mode->ops.port_del)
		bond->mode->ops.port_del(bond, port);
	if (why != BOND_DEL_BOND_GONE)
		bond_links_changed(bond);
	else
		bond_update_tx(bond);
	port_info(port, "Releasing %s interface\n",
		  was_active ? "active" : "backup");

	/* Readers in the transmit and receive paths are done with it */
	synchronize_net();

	if (why != BOND_DEL_BOND_GONE && !bond_has_ports(bond))
		bond_give_back_addr(bond);
	vlan_vids_del_by_dev(dev, bond->dev);
	bond_port_clear_bonding(dev);
	dev_close(dev);
	bond_port_restore_addr(bond, port);
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
