// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs: /sys/class/net/<port>/bonding_slave/, read-only state of a port.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "bond.h"

typedef int (*bond_port_show_fn)(struct bond_port *port, char *buf);

static int state_show(struct bond_port *port, char *buf)
{
	return sysfs_emit(buf, "%s\n", port->state == BOND_STATE_ACTIVE ?
			  "active" : "backup");
}

static int mii_status_show(struct bond_port *port, char *buf)
{
	return sysfs_emit(buf, "%s\n", bond_link_name(port->link));
}

static int link_failure_count_show(struct bond_port *port, char *buf)
{
	return sysfs_emit(buf, "%u\n", port->link_failure_count);
}

static int perm_hwaddr_show(struct bond_port *port, char *buf)
{
	return sysfs_emit(buf, "%*phC\n", port->dev->addr_len,
			  port->perm_hwaddr);
}

static int queue_id_show(struct bond_port *port, char *buf)
{
	return sysfs_emit(buf, "%d\n", port->queue_id);
}

/* The 802.3ad files: "N/A" where the mode has no aggregator for the port */
static int bond_port_ad(struct bond_port *port, struct bond_ad_port_info *info)
{
	const struct bond_mode_ops *ops = &port->bond->mode->ops;

	return ops->ad_port_info ? ops->ad_port_info(port, info) : -ENOENT;
}

static int ad_aggregator_id_show(struct bond_port *port, char *buf)
{
	struct bond_ad_port_info info;

	if (bond_port_ad(port, &info))
		return sysfs_emit(buf, "N/A\n");
	return sysfs_emit(buf, "%u\n", info.aggregator_id);
}

static int ad_actor_oper_port_state_show(struct bond_port *port, char *buf)
{
	struct bond_ad_port_info info;

	if (bond_port_ad(port, &info))
		return sysfs_emit(buf, "N/A\n");
	return sysfs_emit(buf, "%u\n", info.actor_oper_state);
}

static int ad_partner_oper_port_state_show(struct bond_port *port, char *buf)
{
	struct bond_ad_port_info info;

	if (bond_port_ad(port, &info))
		return sysfs_emit(buf, "N/A\n");
	return sysfs_emit(buf, "%u\n", info.partner_oper_state);
}

/* Ours: what the port does in 802.3ad, or why it does not aggregate */
static int ad_reason_show(struct bond_port *port, char *buf)
{
	struct bond_ad_port_info info = { };

	bond_port_ad(port, &info);
	return sysfs_emit(buf, "%s\n", info.status ?: "N/A");
}

static ssize_t bond_port_attr_show(struct device *d,
				   struct device_attribute *attr, char *buf)
{
	bond_port_show_fn show = container_of(attr, struct dev_ext_attribute,
					      attr)->var;
	struct bond_port *port;
	ssize_t len = -ENODEV;

	if (!rtnl_trylock())
		return restart_syscall();
	port = bond_port_get_rtnl(to_net_dev(d));
	if (port)
		len = show(port, buf);
	rtnl_unlock();
	return len;
}

#define BOND_PORT_ATTR(_name)						\
	static struct dev_ext_attribute bond_port_attr_##_name = {	\
		.attr = __ATTR(_name, 0444, bond_port_attr_show, NULL),	\
		.var = _name##_show,					\
	}

BOND_PORT_ATTR(state);
BOND_PORT_ATTR(mii_status);
BOND_PORT_ATTR(link_failure_count);
BOND_PORT_ATTR(perm_hwaddr);
BOND_PORT_ATTR(queue_id);
BOND_PORT_ATTR(ad_aggregator_id);
BOND_PORT_ATTR(ad_actor_oper_port_state);
BOND_PORT_ATTR(ad_partner_oper_port_state);
BOND_PORT_ATTR(ad_reason);

static struct attribute *bond_port_attrs[] = {
	&bond_port_attr_state.attr.attr,
	&bond_port_attr_mii_status.attr.attr,
	&bond_port_attr_link_failure_count.attr.attr,
	&bond_port_attr_perm_hwaddr.attr.attr,
	&bond_port_attr_queue_id.attr.attr,
	&bond_port_attr_ad_aggregator_id.attr.attr,
	&bond_port_attr_ad_actor_oper_port_state.attr.attr,
	&bond_port_attr_ad_partner_oper_port_state.attr.attr,
	&bond_port_attr_ad_reason.attr.attr,
	NULL,
};

static const struct attribute_group bond_port_group = {
	.name = "bonding_slave",
	.attrs = bond_port_attrs,
};

int bond_sysfs_port_add(struct bond_port *port)
{
	return sysfs_create_group(&port->dev->dev.kobj, &bond_port_group);
}

void bond_sysfs_port_del(struct bond_port *port)
{
	sysfs_remove_group(&port->dev->dev.kobj, &bond_port_group);
}
