/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The options table: every bond option is one entry of bond_opts[] in
 * bond_options.c, and module parameters, sysfs files, netlink attributes
 * and /proc are all derived from it (bond_options.c, bond_sysfs.c,
 * bond_netlink.c, bond_procfs.c).  Adding an option means an id below,
 * an entry in the table, and a setter if it has side effects.
 */
#ifndef _BOND_OPTIONS_H
#define _BOND_OPTIONS_H

#include <linux/if_bonding.h>
#include <linux/if_link.h>
#include <linux/netdevice.h>
#include <net/netlink.h>

struct bond;

/* fail_over_mac values */
enum {
	BOND_FOM_NONE,
	BOND_FOM_ACTIVE,
	BOND_FOM_FOLLOW,
};

#define BOND_MODES_ACTIVE_PORT	(BIT(BOND_MODE_ACTIVEBACKUP) | \
				 BIT(BOND_MODE_TLB) | BIT(BOND_MODE_ALB))

/* Options in the order the tree applies netlink attributes: mode first,
 * miimon before the delays it scales.
 */
enum bond_opt_id {
	BOND_OPT_MODE,
	BOND_OPT_ACTIVE_SLAVE,
	BOND_OPT_MIIMON,
	BOND_OPT_UPDELAY,
	BOND_OPT_DOWNDELAY,
	BOND_OPT_PEER_NOTIF_DELAY,
	BOND_OPT_USE_CARRIER,
	BOND_OPT_PRIMARY,
	BOND_OPT_PRIMARY_RESELECT,
	BOND_OPT_FAIL_OVER_MAC,
	BOND_OPT_XMIT_HASH_POLICY,
	BOND_OPT_SLAVES,
	BOND_OPT_COUNT
};

/**
 * struct bond_params - option values of one bond
 *
 * Delays are kept in MII ticks, as the ABI reports them as a multiple of
 * miimon: changing miimon scales them.
 */
struct bond_params {
	u32 mode;
	u32 miimon;
	u32 updelay;
	u32 downdelay;
	u32 peer_notif_delay;
	u32 use_carrier;
	u32 primary_reselect;
	u32 fail_over_mac;
	u32 xmit_policy;
	char primary[IFNAMSIZ];
};

/* A numeric option stored as a u32 field of struct bond_params */
#define BOND_NUM(field, lo, hi)						\
	.type = BOND_OPT_NUM,						\
	.offset = offsetof(struct bond_params, field),			\
	.min = (lo), .max = (hi)

/* A string option kept in a char[IFNAMSIZ] field of struct bond_params */
#define BOND_STR(field)							\
	.type = BOND_OPT_STR,						\
	.offset = offsetof(struct bond_params, field)

enum bond_opt_type {
	BOND_OPT_NUM,	/* a number, or one of .names */
	BOND_OPT_STR,	/* a string handled by .set and .show */
};

/* Option flags */
#define BOND_OPTF_NO_PORTS	BIT(0)	/* only while the bond has no ports */
#define BOND_OPTF_DOWN		BIT(1)	/* only while the bond is down */
#define BOND_OPTF_MII_TICKS	BIT(2)	/* ms, stored as multiple of miimon */
#define BOND_OPTF_UNKNOWN_IS_NONE BIT(3) /* netlink: unknown ifindex = none */

#define BOND_OPT_STRLEN		64

struct bond_opt_name {
	const char *name;
	u32 value;
};

/* A value on its way in: @num for BOND_OPT_NUM, @str for BOND_OPT_STR */
struct bond_opt_val {
	u64 num;
	char str[BOND_OPT_STRLEN];
};

/**
 * struct bond_opt - one option
 * @name: ABI name (sysfs file, module parameter)
 * @label: name in messages, if not @name
 * @type: BOND_OPT_NUM or BOND_OPT_STR
 * @names: value names of a NUM option, NULL-terminated; a NUM option
 *	accepts these values and, if @max is set, any number @min..@max
 * @min: lowest number accepted
 * @max: highest number accepted, 0 for names only
 * @def: default value of a NUM option
 * @offset: of the option's field in struct bond_params, if it has one
 * @nla: IFLA_BOND_* attribute, 0 if not in netlink
 * @nla_type: NLA_U8 or NLA_U32; a STR option with NLA_U32 is an ifindex
 * @flags: BOND_OPTF_*
 * @modes: BIT(BOND_MODE_*) where the option may be set, 0 for all
 * @check: validates what the generic checks cannot; no side effects
 * @set: applies a validated value; NULL stores a NUM into @offset
 * @show: formats a STR option for sysfs
 * @get_port: the port a STR option with an ifindex attribute names
 */
struct bond_opt {
	const char *name;
	const char *label;
	enum bond_opt_type type;
	const struct bond_opt_name *names;
	u32 min;
	u32 max;
	u32 def;
	size_t offset;
	u16 nla;
	u8 nla_type;
	u8 flags;
	u32 modes;
	int (*check)(struct bond *bond, const struct bond_opt_val *val,
		     struct netlink_ext_ack *extack);
	int (*set)(struct bond *bond, const struct bond_opt_val *val,
		   struct netlink_ext_ack *extack);
	int (*show)(struct bond *bond, char *buf);
	struct net_device *(*get_port)(struct bond *bond);
};

extern const struct bond_opt bond_opts[BOND_OPT_COUNT];
extern struct bond_params bond_defaults;

int bond_opts_init(void);
int bond_opt_check(struct bond *bond, enum bond_opt_id id,
		   struct bond_opt_val *val, struct bond_params *next,
		   const struct nlattr *attr, struct netlink_ext_ack *extack);
int bond_opt_apply(struct bond *bond, enum bond_opt_id id,
		   const struct bond_opt_val *val,
		   struct netlink_ext_ack *extack);
int bond_opt_set(struct bond *bond, enum bond_opt_id id,
		 struct bond_opt_val *val);
int bond_opt_set_str(struct bond *bond, enum bond_opt_id id,
		     const char *buf);
u32 bond_opt_get(const struct bond *bond, enum bond_opt_id id);
const char *bond_opt_value_name(enum bond_opt_id id, u32 value);
int bond_opt_show(struct bond *bond, const struct bond_opt *opt, char *buf);

#endif /* _BOND_OPTIONS_H */
