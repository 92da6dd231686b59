// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs: /sys/class/net/bonding_masters and /sys/class/net/<bond>/bonding/.
 * Every file under bonding/ is an option of the table, with one show and
 * one store for all of them.
 */
#include <linux/capability.h>
#include <linux/device.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "bond.h"

static ssize_t bond_masters_show(struct class *cls,
				 struct class_attribute *attr, char *buf)
{
	struct bond_net *bn = container_of(attr, struct bond_net, masters_attr);
	struct bond *bond;
	int len = 0;

	if (!rtnl_trylock())
		return restart_syscall();
	list_for_each_entry(bond, &bn->bonds, list)
		len += sysfs_emit_at(buf, len, "%s%s", len ? " " : "",
				     bond->dev->name);
	rtnl_unlock();
	if (len)
		len += sysfs_emit_at(buf, len, "\n");
	return len;
}

static int bond_masters_del(struct bond_net *bn, const char *name)
{
	struct net_device *dev;
	int err = 0;

	rtnl_lock();
	dev = __dev_get_by_name(bn->net, name);
	if (dev && bond_dev_is_bond(dev)) {
		pr_info("%s is being deleted...\n", name);
		unregister_netdevice(dev);
	} else {
		pr_err("unable to delete non-existent bond %s\n", name);
		err = -ENODEV;
	}
	rtnl_unlock();
	return err;
}

static ssize_t bond_masters_store(struct class *cls,
				  struct class_attribute *attr,
				  const char *buf, size_t count)
{
	struct bond_net *bn = container_of(attr, struct bond_net, masters_attr);
	char cmd[IFNAMSIZ + 1] = "";
	const char *name = cmd + 1;
	int err;

	if (!ns_capable(bn->net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (sscanf(buf, "%16s", cmd) != 1 || !dev_valid_name(name) ||
	    (cmd[0] != '+' && cmd[0] != '-')) {
		pr_err("no command found in bonding_masters - use +ifname or -ifname\n");
		return -EPERM;
	}
	if (cmd[0] == '-') {
		err = bond_masters_del(bn, name);
	} else {
		err = bond_dev_create(bn->net, name);
		if (err == -EEXIST)
			pr_info("%s already exists\n", name);
	}
	return err ? err : count;
}

static const struct class_attribute bond_masters_attr = {
	.attr = { .name = "bonding_masters", .mode = 0644 },
	.show = bond_masters_show,
	.store = bond_masters_store,
};

int bond_sysfs_net_init(struct bond_net *bn)
{
	int err;

	bn->masters_attr = bond_masters_attr;
	sysfs_attr_init(&bn->masters_attr.attr);
	err = netdev_class_create_file_ns(&bn->masters_attr, bn->net);
	if (err == -EEXIST) {
		/* A netdev took the name; as in the tree, carry on without */
		pr_err("network device named %s already exists in sysfs\n",
		       bn->masters_attr.attr.name);
		return 0;
	}
	bn->masters_created = !err;
	return err;
}

void bond_sysfs_net_exit(struct bond_net *bn)
{
	if (bn->masters_created)
		netdev_class_remove_file_ns(&bn->masters_attr, bn->net);
	bn->masters_created = false;
}

static const struct bond_opt *bond_sysfs_opt(struct device_attribute *attr)
{
	return container_of(attr, struct dev_ext_attribute, attr)->var;
}

static ssize_t bond_sysfs_show(struct device *d, struct device_attribute *attr,
			       char *buf)
{
	struct bond *bond = netdev_priv(to_net_dev(d));
	ssize_t len;

	if (!rtnl_trylock())
		return restart_syscall();
	len = bond_opt_show(bond, bond_sysfs_opt(attr), buf);
	rtnl_unlock();
	return len;
}

static ssize_t bond_sysfs_store(struct device *d, struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct bond *bond = netdev_priv(to_net_dev(d));
	int err;

	/* As netlink and the ioctls, not only the file mode */
	if (!ns_capable(dev_net(bond->dev)->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (!rtnl_trylock())
		return restart_syscall();
	err = bond_opt_set_str(bond, bond_sysfs_opt(attr) - bond_opts, buf);
	if (!err)
		call_netdevice_notifiers(NETDEV_CHANGEINFODATA, bond->dev);
	rtnl_unlock();
	return err ? err : count;
}

/* Read-only state that is not an option */
static ssize_t mii_status_show(struct device *d, struct device_attribute *attr,
			       char *buf)
{
	return sysfs_emit(buf, "%s\n", netif_carrier_ok(to_net_dev(d)) ?
			  "up" : "down");
}
static DEVICE_ATTR_RO(mii_status);

/* The active aggregator's ad_* files: empty but in 802.3ad, where some
 * are for CAP_NET_ADMIN only and a bond without aggregator shows 0
 */
static ssize_t bond_sysfs_ad_show(struct device *d, char *buf, int field,
				  bool admin)
{
	struct bond *bond = netdev_priv(to_net_dev(d));
	struct bond_ad_info info;
	ssize_t len = 0;
	int err;

	if (admin && !capable(CAP_NET_ADMIN))
		return 0;
	if (!rtnl_trylock())
		return restart_syscall();
	if (!bond->mode->ops.ad_info)
		goto out;
	err = bond->mode->ops.ad_info(bond, &info);
	if (field < 0) {
		if (!err)
			len = sysfs_emit(buf, "%pM\n", info.partner_system);
		goto out;
	}
	len = sysfs_emit(buf, "%u\n", err ? 0 :
			 field == 0 ? info.aggregator_id :
			 field == 1 ? info.ports :
			 field == 2 ? info.actor_key : info.partner_key);
out:
	rtnl_unlock();
	return len;
}

#define BOND_AD_ATTR(_name, _field, _admin)				\
	static ssize_t _name##_show(struct device *d,			\
				    struct device_attribute *attr,	\
				    char *buf)				\
	{								\
		return bond_sysfs_ad_show(d, buf, _field, _admin);	\
	}								\
	static DEVICE_ATTR_RO(_name)

BOND_AD_ATTR(ad_aggregator, 0, false);
BOND_AD_ATTR(ad_num_ports, 1, false);
BOND_AD_ATTR(ad_actor_key, 2, true);
BOND_AD_ATTR(ad_partner_key, 3, true);
BOND_AD_ATTR(ad_partner_mac, -1, true);

static struct attribute *bond_sysfs_state_attrs[] = {
	&dev_attr_mii_status.attr,
	&dev_attr_ad_aggregator.attr,
	&dev_attr_ad_num_ports.attr,
	&dev_attr_ad_actor_key.attr,
	&dev_attr_ad_partner_key.attr,
	&dev_attr_ad_partner_mac.attr,
};

/* One file per option, built from the table at module init */
static struct dev_ext_attribute bond_opt_attrs[BOND_OPT_COUNT];
static struct attribute *bond_sysfs_attrs[BOND_OPT_COUNT +
					  ARRAY_SIZE(bond_sysfs_state_attrs) + 1];

const struct attribute_group bond_sysfs_group = {
	.name = "bonding",
	.attrs = bond_sysfs_attrs,
};

void bond_sysfs_init(void)
{
	struct dev_ext_attribute *ea;
	int i, n = 0;

	for (i = 0; i < BOND_OPT_COUNT; i++) {
		if (bond_opts[i].flags & BOND_OPTF_NO_SYSFS)
			continue;
		ea = &bond_opt_attrs[i];
		sysfs_attr_init(&ea->attr.attr);
		ea->attr.attr.name = bond_opts[i].name;
		ea->attr.attr.mode = 0644;
		ea->attr.show = bond_sysfs_show;
		ea->attr.store = bond_sysfs_store;
		ea->var = (void *)&bond_opts[i];
		bond_sysfs_attrs[n++] = &ea->attr.attr;
	}
	for (i = 0; i < ARRAY_SIZE(bond_sysfs_state_attrs); i++)
		bond_sysfs_attrs[n++] = bond_sysfs_state_attrs[i];
}
