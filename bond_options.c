// SPDX-License-Identifier: GPL-2.0
/*
 * The options engine: parsing and validation shared by every front end,
 * and the two steps every change goes through, bond_opt_check() (nothing
 * changes) and bond_opt_apply() (nothing fails for lack of validity).
 * The table itself is in bond_opt_table.c.
 */
#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

#include "bond.h"

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

bool bond_opt_num_ok(const struct bond_opt *opt, u64 v)
{
	const struct bond_opt_name *n;

	if (opt->max && v >= opt->min && v <= opt->max)
		return true;
	for (n = opt->names; n && n->name; n++)
		if (n->value == v)
			return true;
	return false;
}

static int bond_opt_parse_num(const struct bond_opt *opt, const char *word,
			      struct bond_opt_val *val)
{
	const struct bond_opt_name *n;

	/* A number only if it is all digits: "802.3ad" is a name */
	if (isdigit(word[0]) && !kstrtou64(word, 10, &val->num))
		return 0;
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

/**
 * bond_opt_parse - read text from sysfs or a module parameter into @val
 * @opt: the option
 * @buf: the text; a trailing newline is ignored
 * @val: the value; @val->str keeps the text for messages
 */
int bond_opt_parse(const struct bond_opt *opt, const char *buf,
		   struct bond_opt_val *val)
{
	char word[BOND_OPT_STRLEN];

	memset(val, 0, sizeof(*val));
	strscpy(val->str, buf, sizeof(val->str));
	strim(val->str);
	switch (opt->type) {
	case BOND_OPT_STR:
		return 0;
	case BOND_OPT_TARGETS:
		return bond_targets_parse(opt, val->str, val);
	case BOND_OPT_MAC:
		return mac_pton(val->str, val->mac) ? 0 : -EINVAL;
	case BOND_OPT_NUM:
		break;
	}
	if (sscanf(buf, "%63s", word) != 1)
		return -EINVAL;
	return bond_opt_parse_num(opt, word, val);
}

static void bond_opt_report_invalid(struct bond *bond,
				    const struct bond_opt *opt,
				    const struct bond_opt_val *val,
				    const struct nlattr *attr,
				    struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG_ATTR(extack, attr, "invalid option value");
	if (opt->type == BOND_OPT_MAC) {
		netdev_err(bond->dev, "Invalid %s MAC address.\n", opt->name);
		return;
	}
	if (opt->type != BOND_OPT_NUM)
		return;
	if (val->str[0])
		netdev_err(bond->dev, "option %s: invalid value (%s)\n",
			   opt->name, val->str);
	else
		netdev_err(bond->dev, "option %s: invalid value (%llu)\n",
			   opt->name, val->num);
	if (opt->max)
		netdev_err(bond->dev, "option %s: allowed values %u - %u\n",
			   opt->name, opt->min, opt->max);
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
		bond_opt_report_invalid(bond, opt, val, attr, extack);
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

/* The tree checks the mode before parsing: a value is not even looked at
 * in a mode that does not have the option.
 */
static int bond_opt_check_rules(struct bond *bond, const struct bond_opt *opt,
				const struct bond_params *next)
{
	if (opt->modes && !(opt->modes & BIT(next->mode)) &&
	    !((opt->flags & BOND_OPTF_WATCH_MODES) && next->link_watch_policy))
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

static int bond_opt_check_value(struct bond *bond, const struct bond_opt *opt,
				struct bond_opt_val *val,
				const struct bond_params *next,
				const struct nlattr *attr,
				struct netlink_ext_ack *extack)
{
	switch (opt->type) {
	case BOND_OPT_NUM:
		if (!bond_opt_num_ok(opt, val->num))
			return -EINVAL;
		if (opt->flags & BOND_OPTF_MII_TICKS)
			return bond_opt_to_ticks(bond, opt, next->miimon,
						 &val->num);
		return 0;
	case BOND_OPT_MAC:
		return is_multicast_ether_addr(val->mac) ? -EINVAL : 0;
	case BOND_OPT_TARGETS:
		return bond_targets_check(bond, opt, val, next, attr, extack);
	case BOND_OPT_STR:
		break;
	}
	return 0;
}

/* Records a value in @params, with no other effect */
void bond_opt_store(struct bond_params *params, const struct bond_opt *opt,
		    const struct bond_opt_val *val)
{
	switch (opt->type) {
	case BOND_OPT_NUM:
		if (opt->imply)
			opt->imply(params, val->num);
		*bond_opt_field(params, opt) = val->num;
		break;
	case BOND_OPT_STR:
		if (opt->flags_str)
			strscpy((char *)bond_opt_field(params, opt), val->str,
				IFNAMSIZ);
		break;
	case BOND_OPT_MAC:
		ether_addr_copy((u8 *)bond_opt_field(params, opt), val->mac);
		break;
	case BOND_OPT_TARGETS:
		bond_targets_store(params, opt, val);
		break;
	}
}

/**
 * bond_opt_check - decide whether an option may take a value
 * @bond: the bond
 * @id: which option
 * @val: the value, parsed; delays are converted to MII ticks
 * @next: the parameters the bond will have once the options checked
 *	before this one in the same request are applied; updated with @val
 *	and what it implies
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
	if (!err)
		err = bond_opt_check_value(bond, opt, val, next, attr, extack);
	if (!err && opt->check)
		err = opt->check(bond, val, next, extack);
	if (err) {
		bond_opt_report(bond, opt, err, val, attr, extack);
		return err;
	}
	bond_opt_store(next, opt, val);
	return 0;
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
	int err;

	ASSERT_RTNL();

	if (!bond_is_registered(bond)) {
		bond_opt_store(&bond->params, opt, val);
		return 0;
	}
	if (!opt->set) {
		bond_opt_store(&bond->params, opt, val);
	} else {
		if (opt->type == BOND_OPT_NUM && opt->imply)
			opt->imply(&bond->params, val->num);
		err = opt->set(bond, val, extack);
		if (err)
			return err;
	}
	if (bond->mode->ops.opt_change)
		bond->mode->ops.opt_change(bond, id);
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
	struct bond_params *next;
	int err;

	next = kmemdup(&bond->params, sizeof(*next), GFP_KERNEL);
	if (!next)
		return -ENOMEM;
	err = bond_opt_check(bond, id, val, next, NULL, NULL);
	kfree(next);
	return err ? err : bond_opt_apply(bond, id, val, NULL);
}

/* Sets an option from text (sysfs, ioctl); RTNL held */
int bond_opt_set_str(struct bond *bond, enum bond_opt_id id, const char *buf)
{
	const struct bond_opt *opt = &bond_opts[id];
	struct bond_opt_val *val;
	int err;

	val = kmalloc(sizeof(*val), GFP_KERNEL);
	if (!val)
		return -ENOMEM;
	/* As in the tree, the mode decides before the value is read */
	err = bond_opt_check_rules(bond, opt, &bond->params);
	if (!err)
		err = bond_opt_parse(opt, buf, val);
	if (err)
		bond_opt_report(bond, opt, err, val, NULL, NULL);
	else
		err = bond_opt_set(bond, id, val);
	kfree(val);
	return err;
}

/* Options shown only in their modes and to CAP_NET_ADMIN (the 802.3ad
 * system identity) are left out otherwise, in sysfs as in netlink.
 */
bool bond_opt_visible(const struct bond *bond, const struct bond_opt *opt)
{
	if (!(opt->flags & BOND_OPTF_PRIVATE))
		return true;
	return (opt->modes & BIT(bond->params.mode)) && capable(CAP_NET_ADMIN);
}

/* Formats an option for its sysfs file */
int bond_opt_show(struct bond *bond, const struct bond_opt *opt, char *buf)
{
	enum bond_opt_id id = opt - bond_opts;
	const char *name;
	u32 v;

	ASSERT_RTNL();

	if (!bond_opt_visible(bond, opt))
		return 0;
	switch (opt->type) {
	case BOND_OPT_STR:
		return opt->show(bond, buf);
	case BOND_OPT_TARGETS:
		return bond_targets_show(&bond->params, opt, buf);
	case BOND_OPT_MAC:
		return sysfs_emit(buf, "%pM\n",
				  bond_opt_field(&bond->params, opt));
	case BOND_OPT_NUM:
		break;
	}
	v = bond_opt_get(bond, id);
	name = bond_opt_value_name(id, v);
	if (opt->flags & BOND_OPTF_SHOW_NAME)
		return sysfs_emit(buf, "%s %u\n", name ?: "", v);
	return sysfs_emit(buf, "%u\n", v);
}

/**
 * bond_port_opt_check - may an option of one port take a value?
 * @port: the port
 * @id: which option
 * @v: the value
 * @attr: netlink attribute it came from, or NULL
 * @extack: error report, or NULL
 *
 * Changes nothing; a refusal is logged.  A value that passes is applied
 * with the option's set.  RTNL.
 */
int bond_port_opt_check(struct bond_port *port, enum bond_port_opt_id id,
			s64 v, const struct nlattr *attr,
			struct netlink_ext_ack *extack)
{
	const struct bond_port_opt *opt = &bond_port_opts[id];
	struct bond *bond = port->bond;
	int err = 0;

	ASSERT_RTNL();

	if (opt->modes && !(opt->modes & BIT(bond->params.mode))) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "option not supported in mode");
		netdev_err(bond->dev, "option %s: mode dependency failed, not supported in mode %s(%u)\n",
			   opt->name,
			   bond_opt_value_name(BOND_OPT_MODE, bond->params.mode),
			   bond->params.mode);
		return -EACCES;
	}
	if (opt->check)
		err = opt->check(port, v, extack);
	if (err)
		netdev_err(bond->dev, "option %s: invalid value (%lld) for %s\n",
			   opt->name, v, port->dev->name);
	return err;
}
