// SPDX-License-Identifier: GPL-2.0
/*
 * The options engine: the table of every option, parsing and
 * validation shared by every front end, the setters with side effects and
 * the module parameters.
 */
#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rtnetlink.h>

#include "bond.h"

static const struct bond_opt_name bond_mode_names[] = {
	{ "balance-rr",    BOND_MODE_ROUNDROBIN },
	{ "active-backup", BOND_MODE_ACTIVEBACKUP },
	{ "balance-xor",   BOND_MODE_XOR },
	{ "broadcast",     BOND_MODE_BROADCAST },
	{ "802.3ad",       BOND_MODE_8023AD },
	{ "balance-tlb",   BOND_MODE_TLB },
	{ "balance-alb",   BOND_MODE_ALB },
	{ }
};

static const struct bond_opt_name bond_off_names[] = {
	{ "off", 0 },
	{ }
};

static const struct bond_opt_name bond_off_on_names[] = {
	{ "off", 0 },
	{ "on",  1 },
	{ }
};

static const struct bond_opt_name bond_reselect_names[] = {
	{ "always",  0 },
	{ "better",  1 },
	{ "failure", 2 },
	{ }
};

static const struct bond_opt_name bond_fom_names[] = {
	{ "none",   BOND_FOM_NONE },
	{ "active", BOND_FOM_ACTIVE },
	{ "follow", BOND_FOM_FOLLOW },
	{ }
};

static const struct bond_opt_name bond_xmit_hash_names[] = {
	{ "layer2",      BOND_XMIT_POLICY_LAYER2 },
	{ "layer3+4",    BOND_XMIT_POLICY_LAYER34 },
	{ "layer2+3",    BOND_XMIT_POLICY_LAYER23 },
	{ "encap2+3",    BOND_XMIT_POLICY_ENCAP23 },
	{ "encap3+4",    BOND_XMIT_POLICY_ENCAP34 },
	{ "vlan+srcmac", BOND_XMIT_POLICY_VLAN_SRCMAC },
	{ }
};

static int bond_opt_check_mode(struct bond *bond,
			       const struct bond_opt_val *val,
			       struct netlink_ext_ack *extack)
{
	if (bond_mode_get(val->num))
		return 0;
	NL_SET_ERR_MSG(extack, "bonding mode not implemented yet");
	netdev_err(bond->dev, "option mode: %s is not implemented yet\n",
		   bond_opt_value_name(BOND_OPT_MODE, val->num));
	return -EOPNOTSUPP;
}

static int bond_opt_set_mode(struct bond *bond, const struct bond_opt_val *val,
			     struct netlink_ext_ack *extack)
{
	bond_mode_switch(bond, val->num);
	return 0;
}

static int bond_opt_set_miimon(struct bond *bond,
			       const struct bond_opt_val *val,
			       struct netlink_ext_ack *extack)
{
	bond->params.miimon = val->num;
	bond_monitors_restart(bond);
	return 0;
}

static int bond_opt_set_primary(struct bond *bond,
				const struct bond_opt_val *val,
				struct netlink_ext_ack *extack)
{
	strscpy(bond->params.primary, val->str, IFNAMSIZ);
	bond_primary_update(bond, true);
	return 0;
}

static int bond_opt_show_primary(struct bond *bond, char *buf)
{
	return bond->primary ? sysfs_emit(buf, "%s\n", bond->primary->dev->name) : 0;
}

static struct net_device *bond_opt_get_primary(struct bond *bond)
{
	return bond->primary ? bond->primary->dev : NULL;
}

static int bond_opt_set_reselect(struct bond *bond,
				 const struct bond_opt_val *val,
				 struct netlink_ext_ack *extack)
{
	bond->params.primary_reselect = val->num;
	bond_links_changed(bond);
	return 0;
}

static int bond_opt_check_active(struct bond *bond,
				 const struct bond_opt_val *val,
				 struct netlink_ext_ack *extack)
{
	if (!val->str[0])
		return 0;
	if (!__dev_get_by_name(dev_net(bond->dev), val->str)) {
		NL_SET_ERR_MSG(extack, "interface does not exist");
		netdev_err(bond->dev, "option active_slave: interface %s does not exist!\n",
			   val->str);
		return -ENODEV;
	}
	return bond_active_check(bond, bond_port_find(bond, val->str),
				 extack);
}

static int bond_opt_set_active(struct bond *bond,
			       const struct bond_opt_val *val,
			       struct netlink_ext_ack *extack)
{
	bond_active_set(bond, val->str[0] ? bond_port_find(bond, val->str) :
					    NULL);
	return 0;
}

static struct net_device *bond_opt_get_active(struct bond *bond)
{
	struct bond_port *port = rtnl_dereference(bond->active);

	return port ? port->dev : NULL;
}

static int bond_opt_show_active(struct bond *bond, char *buf)
{
	struct net_device *dev = bond_opt_get_active(bond);

	return dev ? sysfs_emit(buf, "%s\n", dev->name) : 0;
}

static int bond_opt_set_ports(struct bond *bond, const struct bond_opt_val *val,
			      struct netlink_ext_ack *extack)
{
	char cmd[IFNAMSIZ + 1] = "";
	const char *name = cmd + 1;
	struct net_device *dev;

	if (sscanf(val->str, "%16s", cmd) != 1 ||
	    (cmd[0] != '+' && cmd[0] != '-') || !dev_valid_name(name)) {
		netdev_err(bond->dev, "no command found in slaves file - use +ifname or -ifname\n");
		return -EPERM;
	}
	dev = __dev_get_by_name(dev_net(bond->dev), name);
	if (!dev) {
		netdev_err(bond->dev, "option slaves: interface %s does not exist!\n",
			   name);
		return -ENODEV;
	}
	if (cmd[0] == '+')
		return bond_port_add(bond, dev, extack);
	return bond_port_del(bond, dev);
}

static int bond_opt_show_ports(struct bond *bond, char *buf)
{
	struct bond_port *port;
	int len = 0;

	bond_for_each_port(bond, port)
		len += sysfs_emit_at(buf, len, "%s%s", len ? " " : "",
				     port->dev->name);
	if (len)
		len += sysfs_emit_at(buf, len, "\n");
	return len;
}

const struct bond_opt bond_opts[BOND_OPT_COUNT] = {
	[BOND_OPT_MODE] = {
		.name = "mode", .names = bond_mode_names, BOND_NUM(mode, 0, 0),
		.nla = IFLA_BOND_MODE, .nla_type = NLA_U8,
		.flags = BOND_OPTF_NO_PORTS | BOND_OPTF_DOWN,
		.check = bond_opt_check_mode, .set = bond_opt_set_mode,
	},
	[BOND_OPT_MIIMON] = {
		.name = "miimon", .names = bond_off_names,
		BOND_NUM(miimon, 0, INT_MAX),
		.nla = IFLA_BOND_MIIMON, .nla_type = NLA_U32,
		.set = bond_opt_set_miimon,
	},
	[BOND_OPT_UPDELAY] = {
		.name = "updelay", .label = "up delay",
		BOND_NUM(updelay, 0, INT_MAX),
		.flags = BOND_OPTF_MII_TICKS,
		.nla = IFLA_BOND_UPDELAY, .nla_type = NLA_U32,
	},
	[BOND_OPT_DOWNDELAY] = {
		.name = "downdelay", .label = "down delay",
		BOND_NUM(downdelay, 0, INT_MAX),
		.flags = BOND_OPTF_MII_TICKS,
		.nla = IFLA_BOND_DOWNDELAY, .nla_type = NLA_U32,
	},
	[BOND_OPT_PEER_NOTIF_DELAY] = {
		.name = "peer_notif_delay", .label = "peer notification delay",
		BOND_NUM(peer_notif_delay, 0, 300000),
		.flags = BOND_OPTF_MII_TICKS,
		.nla = IFLA_BOND_PEER_NOTIF_DELAY, .nla_type = NLA_U32,
	},
	[BOND_OPT_USE_CARRIER] = {
		.name = "use_carrier", .names = bond_off_on_names,
		BOND_NUM(use_carrier, 0, 1), .def = 1,
		.nla = IFLA_BOND_USE_CARRIER, .nla_type = NLA_U8,
	},
	[BOND_OPT_PRIMARY] = {
		.name = "primary", BOND_STR(primary),
		.modes = BOND_MODES_ACTIVE_PORT,
		.flags = BOND_OPTF_UNKNOWN_IS_NONE,
		.nla = IFLA_BOND_PRIMARY, .nla_type = NLA_U32,
		.set = bond_opt_set_primary, .show = bond_opt_show_primary,
		.get_port = bond_opt_get_primary,
	},
	[BOND_OPT_PRIMARY_RESELECT] = {
		.name = "primary_reselect", .names = bond_reselect_names,
		BOND_NUM(primary_reselect, 0, 0),
		.nla = IFLA_BOND_PRIMARY_RESELECT, .nla_type = NLA_U8,
		.set = bond_opt_set_reselect,
	},
	[BOND_OPT_FAIL_OVER_MAC] = {
		.name = "fail_over_mac", .names = bond_fom_names,
		BOND_NUM(fail_over_mac, 0, 0),
		.flags = BOND_OPTF_NO_PORTS,
		.nla = IFLA_BOND_FAIL_OVER_MAC, .nla_type = NLA_U8,
	},
	[BOND_OPT_ACTIVE_SLAVE] = {
		.name = "active_slave", .type = BOND_OPT_STR,
		.modes = BOND_MODES_ACTIVE_PORT,
		.nla = IFLA_BOND_ACTIVE_SLAVE, .nla_type = NLA_U32,
		.check = bond_opt_check_active, .set = bond_opt_set_active,
		.show = bond_opt_show_active,
		.get_port = bond_opt_get_active,
	},
	[BOND_OPT_XMIT_HASH_POLICY] = {
		.name = "xmit_hash_policy", .names = bond_xmit_hash_names,
		BOND_NUM(xmit_policy, 0, 0),
		.nla = IFLA_BOND_XMIT_HASH_POLICY, .nla_type = NLA_U8,
	},
	[BOND_OPT_SLAVES] = {
		.name = "slaves", .type = BOND_OPT_STR,
		.set = bond_opt_set_ports, .show = bond_opt_show_ports,
	},
};

static u32 *bond_opt_field(struct bond_params *params,
			   const struct bond_opt *opt)
{
	return (u32 *)((u8 *)params + opt->offset);
}

const char *bond_opt_value_name(enum bond_opt_id id, u32 value)
{
	const struct bond_opt_name *n;

	for (n = bond_opts[id].names; n && n->name; n++)
		if (n->value == value)
			return n->name;
	return NULL;
}

/* The value of a NUM option as the ABI reports it (delays in ms) */
u32 bond_opt_get(const struct bond *bond, enum bond_opt_id id)
{
	const struct bond_opt *opt = &bond_opts[id];
	u32 v = *bond_opt_field((struct bond_params *)&bond->params, opt);

	if (opt->flags & BOND_OPTF_MII_TICKS)
		v *= bond->params.miimon;
	return v;
}

static bool bond_opt_num_ok(const struct bond_opt *opt, u64 v)
{
	const struct bond_opt_name *n;

	if (opt->max && v >= opt->min && v <= opt->max)
		return true;
	for (n = opt->names; n && n->name; n++)
		if (n->value == v)
			return true;
	return false;
}

/* Parses text from sysfs or a module parameter into @val */
static int bond_opt_parse(const struct bond_opt *opt, const char *buf,
			  struct bond_opt_val *val)
{
	const struct bond_opt_name *n;
	char word[BOND_OPT_STRLEN];

	memset(val, 0, sizeof(*val));
	if (opt->type == BOND_OPT_STR) {
		strscpy(val->str, buf, sizeof(val->str));
		strim(val->str);
		return 0;
	}
	if (sscanf(buf, "%63s", word) != 1)
		return -EINVAL;
	strscpy(val->str, word, sizeof(val->str));
	if (isdigit(word[0]))
		return kstrtou64(word, 10, &val->num) ? -EINVAL : 0;
	if (!strcmp(word, "default")) {
		val->num = opt->def;
		return 0;
	}
	for (n = opt->names; n && n->name; n++) {
		if (!strcmp(word, n->name)) {
			val->num = n->value;
			return 0;
		}
	}
	return -EINVAL;
}

static void bond_opt_report(struct bond *bond, const struct bond_opt *opt,
			    int err, const struct bond_opt_val *val,
			    const struct nlattr *attr,
			    struct netlink_ext_ack *extack)
{
	const char *mode = bond_opt_value_name(BOND_OPT_MODE,
					       bond->params.mode);

	switch (err) {
	case -EINVAL:
		NL_SET_ERR_MSG_ATTR(extack, attr, "invalid option value");
		if (val->str[0])
			netdev_err(bond->dev, "option %s: invalid value (%s)\n",
				   opt->name, val->str);
		else
			netdev_err(bond->dev, "option %s: invalid value (%llu)\n",
				   opt->name, val->num);
		if (opt->max)
			netdev_err(bond->dev, "option %s: allowed values %u - %u\n",
				   opt->name, opt->min, opt->max);
		break;
	case -EACCES:
		NL_SET_ERR_MSG_ATTR(extack, attr, "option not supported in mode");
		netdev_err(bond->dev, "option %s: mode dependency failed, not supported in mode %s(%u)\n",
			   opt->name, mode, bond->params.mode);
		break;
	case -ENOTEMPTY:
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "unable to set option because the bond device has slaves");
		netdev_err(bond->dev, "option %s: unable to set because the bond device has slaves\n",
			   opt->name);
		break;
	case -EBUSY:
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "unable to set option because the bond is up");
		netdev_err(bond->dev, "option %s: unable to set because the bond device is up\n",
			   opt->name);
		break;
	}
}

static int bond_opt_check_rules(struct bond *bond, const struct bond_opt *opt,
				const struct bond_params *next)
{
	if (opt->modes && !(opt->modes & BIT(next->mode)))
		return -EACCES;
	if ((opt->flags & BOND_OPTF_NO_PORTS) && bond_has_ports(bond))
		return -ENOTEMPTY;
	if ((opt->flags & BOND_OPTF_DOWN) && (bond->dev->flags & IFF_UP))
		return -EBUSY;
	return 0;
}

/* Converts a delay in ms into MII ticks, as the ABI defines it */
static int bond_opt_to_ticks(struct bond *bond, const struct bond_opt *opt,
			     u32 miimon, u64 *v)
{
	if (!miimon) {
		netdev_err(bond->dev, "Unable to set %s as MII monitoring is disabled\n",
			   opt->label);
		return -EPERM;
	}
	if (*v % miimon)
		netdev_warn(bond->dev, "%s (%llu) is not a multiple of miimon (%u), value rounded to %llu ms\n",
			    opt->label, *v, miimon, *v / miimon * miimon);
	*v /= miimon;
	return 0;
}

/**
 * bond_opt_check - decide whether an option may take a value
 * @bond: the bond
 * @id: which option
 * @val: the value, parsed; delays are converted to MII ticks
 * @next: the parameters the bond will have once the options checked
 *	before this one in the same request are applied; updated with @val
 * @attr: netlink attribute the value came from, or NULL
 * @extack: netlink error report, or NULL
 *
 * Changes nothing but @val and @next, and logs the reason for a refusal
 * (and puts it in @extack).  A value that passes is applied by
 * bond_opt_apply(), which then does not fail for lack of validity.
 */
int bond_opt_check(struct bond *bond, enum bond_opt_id id,
		   struct bond_opt_val *val, struct bond_params *next,
		   const struct nlattr *attr, struct netlink_ext_ack *extack)
{
	const struct bond_opt *opt = &bond_opts[id];
	int err;

	ASSERT_RTNL();

	err = bond_opt_check_rules(bond, opt, next);
	if (!err && opt->type == BOND_OPT_NUM && !bond_opt_num_ok(opt, val->num))
		err = -EINVAL;
	if (!err && (opt->flags & BOND_OPTF_MII_TICKS))
		err = bond_opt_to_ticks(bond, opt, next->miimon, &val->num);
	if (!err && opt->check)
		err = opt->check(bond, val, extack);
	if (err) {
		bond_opt_report(bond, opt, err, val, attr, extack);
		return err;
	}
	if (opt->type == BOND_OPT_NUM)
		*bond_opt_field(next, opt) = val->num;
	return 0;
}

/* Records a value in bond->params, with no other effect */
static void bond_opt_store(struct bond *bond, const struct bond_opt *opt,
			   const struct bond_opt_val *val)
{
	if (opt->type == BOND_OPT_NUM)
		*bond_opt_field(&bond->params, opt) = val->num;
	else if (opt->offset)
		strscpy((char *)bond_opt_field(&bond->params, opt), val->str,
			IFNAMSIZ);
}

/**
 * bond_opt_apply - apply a value bond_opt_check() accepted
 * @bond: the bond
 * @id: which option
 * @val: the checked value
 * @extack: error report
 *
 * Before the bond is registered (ip link add ... type bond OPTIONS) the
 * value is only stored: ndo_init starts the bond from its params, and a
 * bond whose registration fails is freed without ndo_uninit, so nothing
 * may be built before.  RTNL.
 */
int bond_opt_apply(struct bond *bond, enum bond_opt_id id,
		   const struct bond_opt_val *val, struct netlink_ext_ack *extack)
{
	const struct bond_opt *opt = &bond_opts[id];

	ASSERT_RTNL();

	if (opt->set && bond_is_registered(bond))
		return opt->set(bond, val, extack);
	bond_opt_store(bond, opt, val);
	return 0;
}

/**
 * bond_opt_set - check and apply one option
 * @bond: the bond
 * @id: which option
 * @val: the value, parsed
 *
 * Either the change is applied or nothing is, and a refusal is logged.
 */
int bond_opt_set(struct bond *bond, enum bond_opt_id id,
		 struct bond_opt_val *val)
{
	struct bond_params next = bond->params;
	int err;

	err = bond_opt_check(bond, id, val, &next, NULL, NULL);
	return err ? err : bond_opt_apply(bond, id, val, NULL);
}

/* Sets an option from text (sysfs); RTNL held */
int bond_opt_set_str(struct bond *bond, enum bond_opt_id id, const char *buf)
{
	struct bond_opt_val val;
	int err;

	err = bond_opt_parse(&bond_opts[id], buf, &val);
	if (err) {
		bond_opt_report(bond, &bond_opts[id], err, &val, NULL, NULL);
		return err;
	}
	return bond_opt_set(bond, id, &val);
}

/* Formats an option for its sysfs file */
int bond_opt_show(struct bond *bond, const struct bond_opt *opt, char *buf)
{
	enum bond_opt_id id = opt - bond_opts;
	const char *name;
	u32 v;

	ASSERT_RTNL();

	if (opt->type == BOND_OPT_STR)
		return opt->show(bond, buf);
	v = bond_opt_get(bond, id);
	name = bond_opt_value_name(id, v);
	if (opt->names && !opt->max)
		return sysfs_emit(buf, "%s %u\n", name, v);
	return sysfs_emit(buf, "%u\n", v);
}

/* Module parameters.  Each is parsed when the module is loaded into
 * bond_defaults, which every new bond starts from.  As in the tree, an
 * unknown value name fails the load while a number out of range is reset
 * to the default with a warning.
 */
struct bond_params bond_defaults;
static bool bond_defaults_ready;

static void bond_defaults_prepare(void)
{
	const struct bond_opt *opt;

	if (bond_defaults_ready)
		return;
	for (opt = bond_opts; opt < bond_opts + BOND_OPT_COUNT; opt++)
		if (opt->type == BOND_OPT_NUM)
			*bond_opt_field(&bond_defaults, opt) = opt->def;
	bond_defaults_ready = true;
}

/* Numeric parameters are ints as in the tree: out of range means default */
static int bond_param_set_int(const struct bond_opt *opt, const char *buf)
{
	int v;

	if (kstrtoint(buf, 0, &v))
		return -EINVAL;
	if (v < (s64)opt->min || v > (s64)opt->max) {
		pr_warn("Warning: %s module parameter (%d), not in range %u-%u, so it was reset to %u\n",
			opt->name, v, opt->min, opt->max, opt->def);
		v = opt->def;
	}
	*bond_opt_field(&bond_defaults, opt) = v;
	return 0;
}

static int bond_param_set(const char *buf, const struct kernel_param *kp)
{
	const struct bond_opt *opt = kp->arg;
	struct bond_opt_val val;

	bond_defaults_prepare();
	if (opt->type == BOND_OPT_STR) {
		strscpy((char *)bond_opt_field(&bond_defaults, opt), buf,
			IFNAMSIZ);
		return 0;
	}
	if (opt->max)
		return bond_param_set_int(opt, buf);
	if (bond_opt_parse(opt, buf, &val) || !bond_opt_num_ok(opt, val.num)) {
		pr_err("Error: Invalid %s \"%s\"\n", opt->name, buf);
		return -EINVAL;
	}
	*bond_opt_field(&bond_defaults, opt) = val.num;
	return 0;
}

static const struct kernel_param_ops bond_param_ops = {
	.set = bond_param_set,
};

/* An option that is also a module parameter */
#define BOND_PARAM(id, name)						\
	module_param_cb(name, &bond_param_ops,				\
			(void *)&bond_opts[BOND_OPT_##id], 0)

BOND_PARAM(MODE, mode);
MODULE_PARM_DESC(mode, "Mode of operation; 0 for balance-rr, 1 for active-backup, 2 for balance-xor, 3 for broadcast, 4 for 802.3ad, 5 for balance-tlb, 6 for balance-alb");
BOND_PARAM(MIIMON, miimon);
MODULE_PARM_DESC(miimon, "Link check interval in milliseconds");
BOND_PARAM(UPDELAY, updelay);
MODULE_PARM_DESC(updelay, "Delay before considering link up, in milliseconds");
BOND_PARAM(DOWNDELAY, downdelay);
MODULE_PARM_DESC(downdelay, "Delay before considering link down, in milliseconds");
BOND_PARAM(USE_CARRIER, use_carrier);
MODULE_PARM_DESC(use_carrier, "Use netif_carrier_ok (vs MII ioctls) in miimon; 0 for off, 1 for on (default)");
BOND_PARAM(PRIMARY, primary);
MODULE_PARM_DESC(primary, "Primary network device to use");
BOND_PARAM(XMIT_HASH_POLICY, xmit_hash_policy);
MODULE_PARM_DESC(xmit_hash_policy, "balance-alb, balance-tlb, balance-xor, 802.3ad hashing method; 0 for layer 2 (default), 1 for layer 3+4, 2 for layer 2+3, 3 for encap layer 2+3, 4 for encap layer 3+4, 5 for vlan+srcmac");
BOND_PARAM(FAIL_OVER_MAC, fail_over_mac);
MODULE_PARM_DESC(fail_over_mac, "For active-backup, do not set all slaves to the same MAC; none (default), active or follow");
BOND_PARAM(PRIMARY_RESELECT, primary_reselect);
MODULE_PARM_DESC(primary_reselect, "Reselect primary slave once it comes up; 0 for always (default), 1 for only if speed of primary is better, 2 for only on active slave failure");

static void bond_defaults_to_ticks(u32 *delay, const char *name)
{
	u32 miimon = bond_defaults.miimon;

	if (!*delay || !miimon) {
		if (*delay)
			pr_warn("Warning: miimon module parameter not set and %s (%u) is set; it has no effect unless miimon is set\n",
				name, *delay);
		*delay = 0;
		return;
	}
	if (*delay % miimon)
		pr_warn("Warning: %s (%u) is not a multiple of miimon (%u), %s rounded to %u ms\n",
			name, *delay, miimon, name, *delay / miimon * miimon);
	*delay /= miimon;
}

/* Completes bond_defaults once every module parameter has been parsed */
int bond_opts_init(void)
{
	bond_defaults_prepare();
	bond_defaults_to_ticks(&bond_defaults.updelay, "updelay");
	bond_defaults_to_ticks(&bond_defaults.downdelay, "downdelay");
	if (bond_defaults.primary[0] &&
	    !(BOND_MODES_ACTIVE_PORT & BIT(bond_defaults.mode))) {
		pr_warn("Warning: %s primary device specified but has no effect in %s mode\n",
			bond_defaults.primary,
			bond_opt_value_name(BOND_OPT_MODE, bond_defaults.mode));
		bond_defaults.primary[0] = '\0';
	}
	if (bond_defaults.fail_over_mac &&
	    bond_defaults.mode != BOND_MODE_ACTIVEBACKUP) {
		pr_warn("Warning: fail_over_mac only affects active-backup mode\n");
		bond_defaults.fail_over_mac = BOND_FOM_NONE;
	}
	return 0;
}
