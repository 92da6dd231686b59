// SPDX-License-Identifier: GPL-2.0
/*
 * active-backup (mode 1): one port transmits and receives, the others wait.
 * The core chooses the active port (bond_active.c); this file sends, and
 * applies fail_over_mac when the active port changes.
 */
#include <linux/etherdevice.h>

#include "bond.h"

static bool ab_update_tx(struct bond *bond)
{
	return rtnl_dereference(bond->active);
}

static struct bond_port *ab_select(struct bond *bond, struct sk_buff *skb,
				   bool all_ports)
{
	return rcu_dereference(bond->active);
}

static netdev_tx_t ab_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct bond_port *port = rcu_dereference_bh(bond->active);

	if (unlikely(!port))
		return bond_xmit_drop(skb, bond);
	return bond_port_xmit(bond, port, skb);
}

static enum bond_addr_policy ab_addr_policy(const struct bond *bond)
{
	switch (bond->params.fail_over_mac) {
	case BOND_FOM_ACTIVE:
		return BOND_ADDR_PORTS_OWN;
	case BOND_FOM_FOLLOW:
		return BOND_ADDR_MODE_MOVES;
	default:
		return BOND_ADDR_SHARED;
	}
}

/* A port that cannot change its address can only work with the bond
 * taking the active port's: the first such port turns fail_over_mac to
 * active, as in the tree; with other ports already there it is refused.
 */
static int ab_port_pre_add(struct bond *bond, struct net_device *dev,
			   struct netlink_ext_ack *extack)
{
	if (dev->netdev_ops->ndo_set_mac_address ||
	    bond->params.fail_over_mac == BOND_FOM_ACTIVE)
		return 0;
	netdev_warn(bond->dev, "(slave %s): The slave device specified does not support setting the MAC address\n",
		    dev->name);
	if (bond_has_ports(bond)) {
		NL_SET_ERR_MSG(extack,
			       "Slave device does not support setting the MAC address, but fail_over_mac is not set to active");
		netdev_err(bond->dev, "(slave %s): Error: Slave device does not support setting the MAC address, but fail_over_mac is not set to active\n",
			   dev->name);
		return -EOPNOTSUPP;
	}
	bond->params.fail_over_mac = BOND_FOM_ACTIVE;
	netdev_warn(bond->dev, "(slave %s): Setting fail_over_mac to active for active-backup mode\n",
		    dev->name);
	return 0;
}

static int ab_set_port_mac(struct bond_port *port, const u8 *addr)
{
	struct sockaddr_storage ss = { .ss_family = port->dev->type };

	memcpy(ss.__data, addr, port->dev->addr_len);
	return dev_set_mac_address(port->dev, (struct sockaddr *)&ss, NULL);
}

/* The port, other than @new, that carries the bond's address */
static struct bond_port *ab_port_with_bond_addr(struct bond *bond,
						struct bond_port *new)
{
	struct bond_port *port;

	bond_for_each_port(bond, port)
		if (port != new &&
		    !memcmp(port->dev->dev_addr, bond->dev->dev_addr,
			    bond->dev->addr_len))
			return port;
	return NULL;
}

/* fail_over_mac follow: the new active port takes the bond's address,
 * and the port that had it takes the new one's.
 */
static void ab_follow(struct bond *bond, struct bond_port *old,
		      struct bond_port *new)
{
	u8 new_addr[MAX_ADDR_LEN];
	int err;

	if (!old)
		old = ab_port_with_bond_addr(bond, new);
	memcpy(new_addr, new->dev->dev_addr, new->dev->addr_len);
	err = ab_set_port_mac(new, old ? old->dev->dev_addr :
					 bond->dev->dev_addr);
	if (err) {
		port_warn(new, "Error %d setting MAC of new active slave\n",
			  -err);
		return;
	}
	if (old && ab_set_port_mac(old, new_addr))
		port_warn(old, "Error setting MAC of old active slave\n");
}

static void ab_active_change(struct bond *bond, struct bond_port *old,
			     struct bond_port *new)
{
	int err;

	if (!new)
		return;
	switch (bond->params.fail_over_mac) {
	case BOND_FOM_ACTIVE:
		err = bond_dev_set_addr_from(bond, new->dev);
		if (err)
			port_warn(new, "Error %d setting bond MAC from slave\n",
				  -err);
		break;
	case BOND_FOM_FOLLOW:
		ab_follow(bond, old, new);
		break;
	}
}

static const char *ab_proc_mode_detail(const struct bond *bond, char *buf,
				       size_t len)
{
	u32 fom = bond->params.fail_over_mac;

	if (fom == BOND_FOM_NONE)
		return NULL;
	snprintf(buf, len, "fail_over_mac %s",
		 bond_opt_value_name(BOND_OPT_FAIL_OVER_MAC, fom));
	return buf;
}

const struct bond_mode bond_mode_ab = {
	.id		= BOND_MODE_ACTIVEBACKUP,
	.name		= "active-backup",
	.proc_name	= "fault-tolerance (active-backup)",
	.flags		= BOND_MODE_F_ACTIVE_PORT | BOND_MODE_F_QUEUE_OVERRIDE,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_ACTIVEBACKUP,
	.ops = {
		.port_pre_add	= ab_port_pre_add,
		.addr_policy	= ab_addr_policy,
		.active_change	= ab_active_change,
		.update_tx	= ab_update_tx,
		.select_port	= ab_select,
		.xmit		= ab_xmit,
		.proc_mode_detail = ab_proc_mode_detail,
	},
};
