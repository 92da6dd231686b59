/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The options table: every bond option is one entry of bond_opts[] in
 * bond_opt_table.c, and module parameters, sysfs files, netlink attributes
 * and /proc are all derived from it (bond_options.c, bond_params.c,
 * bond_sysfs.c, bond_netlink.c, bond_procfs.c), as is the option reference
 * in Documentation/bonding.rst (scripts/gen-options-doc.py).  Adding an
 * option means an id below, an entry in the table, and a setter if it has
 * side effects.  Options of a port (queue_id, prio, actor_port_prio) are
 * the smaller table bond_port_opts[].
 */
#ifndef _BOND_OPTIONS_H
#define _BOND_OPTIONS_H

#include <linux/if_bonding.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/in6.h>
#include <linux/netdevice.h>
#include <net/netlink.h>

#include "bond_ext.h"

struct bond;
struct bond_port;
struct seq_file;

/* fail_over_mac values */
enum {
	BOND_FOM_NONE,
	BOND_FOM_ACTIVE,
	BOND_FOM_FOLLOW,
};

/* arp_validate values: the low bits name the port states whose replies are
 * validated; with BOND_ARP_FILTER, unvalidated ports count only ARP and
 * IPv6 frames as replies (instead of any frame)
 */
enum {
	BOND_ARP_VALIDATE_NONE,
	BOND_ARP_VALIDATE_ACTIVE,
	BOND_ARP_VALIDATE_BACKUP,
	BOND_ARP_VALIDATE_ALL,
	BOND_ARP_FILTER,
	BOND_ARP_FILTER_ACTIVE,
	BOND_ARP_FILTER_BACKUP,
};

/* link_watch_policy values (beyond the tree) */
enum {
	BOND_WATCH_OFF,		/* one monitor at a time, the tree's rules */
	BOND_WATCH_ANY,		/* both run: a port is up if either says so */
	BOND_WATCH_ALL,		/* both run: up only if both say so */
};

/* ad_select values */
enum {
	BOND_AD_STABLE,
	BOND_AD_BANDWIDTH,
	BOND_AD_COUNT,
};

#define BOND_MAX_TARGETS	16	/* ARP and NS targets, each */
#define BOND_DEFAULT_MIIMON	100	/* where a monitor is required */

#define BOND_MODES_ALL		GENMASK(BOND_MODE_ALB, BOND_MODE_ROUNDROBIN)
#define BOND_MODES_ACTIVE_PORT	(BIT(BOND_MODE_ACTIVEBACKUP) | \
				 BIT(BOND_MODE_TLB) | BIT(BOND_MODE_ALB))
/* Modes where the tree runs the ARP/NS monitor */
#define BOND_MODES_ARP		(BOND_MODES_ALL & ~(BIT(BOND_MODE_8023AD) | \
				 BIT(BOND_MODE_TLB) | BIT(BOND_MODE_ALB)))

/* Options in the order the tree applies netlink attributes: mode first,
 * miimon before the delays it scales, arp_interval before arp_validate.
 */
enum bond_opt_id {
	BOND_OPT_MODE,
	BOND_OPT_ACTIVE_SLAVE,
	BOND_OPT_MIIMON,
	BOND_OPT_UPDELAY,
	BOND_OPT_DOWNDELAY,
	BOND_OPT_PEER_NOTIF_DELAY,
	BOND_OPT_USE_CARRIER,
	BOND_OPT_ARP_INTERVAL,
	BOND_OPT_ARP_IP_TARGET,
	BOND_OPT_NS_IP6_TARGET,
	BOND_OPT_ARP_VALIDATE,
	BOND_OPT_ARP_ALL_TARGETS,
	BOND_OPT_PRIMARY,
	BOND_OPT_PRIMARY_RESELECT,
	BOND_OPT_FAIL_OVER_MAC,
	BOND_OPT_XMIT_HASH_POLICY,
	BOND_OPT_RESEND_IGMP,
	BOND_OPT_NUM_UNSOL_NA,
	BOND_OPT_NUM_GRAT_ARP,
	BOND_OPT_ALL_SLAVES_ACTIVE,
	BOND_OPT_MIN_LINKS,
	BOND_OPT_LP_INTERVAL,
	BOND_OPT_PACKETS_PER_SLAVE,
	BOND_OPT_LACP_ACTIVE,
	BOND_OPT_LACP_RATE,
	BOND_OPT_AD_SELECT,
	BOND_OPT_AD_ACTOR_SYS_PRIO,
	BOND_OPT_AD_USER_PORT_KEY,
	BOND_OPT_AD_ACTOR_SYSTEM,
	BOND_OPT_TLB_DYNAMIC_LB,
	BOND_OPT_ARP_MISSED_MAX,
	BOND_OPT_LINK_WATCH_POLICY,
	BOND_OPT_LACP_FALLBACK,
	BOND_OPT_COUPLED_CONTROL,
	BOND_OPT_QUEUE_ID,
	BOND_OPT_SLAVES,
	BOND_OPT_COUNT
};

/**
 * struct bond_params - option values of one bond
 *
 * Delays are kept in MII ticks, as the ABI reports them as a multiple of
 * miimon: changing miimon scales them.  Target lists are packed from the
 * start; an unused slot is zero.
 */
struct bond_params {
	u32 mode;
	u32 miimon;
	u32 updelay;
	u32 downdelay;
	u32 peer_notif_delay;
	u32 use_carrier;
	u32 arp_interval;
	u32 arp_validate;
	u32 arp_all_targets;
	u32 primary_reselect;
	u32 fail_over_mac;
	u32 xmit_policy;
	u32 resend_igmp;
	u32 num_peer_notif;
	u32 all_slaves_active;
	u32 min_links;
	u32 lp_interval;
	u32 packets_per_slave;
	u32 lacp_active;
	u32 lacp_fast;
	u32 ad_select;
	u32 ad_actor_sys_prio;
	u32 ad_user_port_key;
	u32 tlb_dynamic_lb;
	u32 missed_max;
	u32 link_watch_policy;
	u32 lacp_fallback;
	u32 coupled_control;
	char primary[IFNAMSIZ];
	u8 ad_actor_system[ETH_ALEN];
	__be32 arp_targets[BOND_MAX_TARGETS];
	struct in6_addr ns_targets[BOND_MAX_TARGETS];
};

enum bond_opt_type {
	BOND_OPT_NUM,		/* a number, or one of .names */
	BOND_OPT_STR,		/* text handled by .set and .show */
	BOND_OPT_TARGETS,	/* an address list, see bond_targets.c */
	BOND_OPT_MAC,		/* an Ethernet address in .offset */
};

/* A numeric option stored as a u32 field of struct bond_params */
#define BOND_NUM(field, lo, hi)						\
	.type = BOND_OPT_NUM,						\
	.offset = offsetof(struct bond_params, field),			\
	.min = (lo), .max = (hi)

/* A string option kept in a char[IFNAMSIZ] field of struct bond_params */
#define BOND_STR(field)							\
	.type = BOND_OPT_STR, .flags_str = true,			\
	.offset = offsetof(struct bond_params, field)

/* Option flags */
#define BOND_OPTF_NO_PORTS	BIT(0)	/* only while the bond has no ports */
#define BOND_OPTF_DOWN		BIT(1)	/* only while the bond is down */
#define BOND_OPTF_MII_TICKS	BIT(2)	/* ms, stored as multiple of miimon */
#define BOND_OPTF_UNKNOWN_IS_NONE BIT(3) /* netlink: unknown ifindex = none */
#define BOND_OPTF_SHOW_NAME	BIT(4)	/* sysfs shows "name value" */
#define BOND_OPTF_IFINDEX	BIT(5)	/* netlink: an interface index */
#define BOND_OPTF_PRIVATE	BIT(6)	/* shown only in its modes and to
					 * CAP_NET_ADMIN
					 */
#define BOND_OPTF_NO_SYSFS	BIT(7)	/* netlink only, as in the tree */
#define BOND_OPTF_NLA_RANGE	BIT(8)	/* the netlink policy checks the range */
#define BOND_OPTF_PARAM_IGNORE	BIT(9)	/* module parameter ignored outside
					 * .param_modes (else only a warning)
					 */
#define BOND_OPTF_WATCH_MODES	BIT(10)	/* .modes apply only while
					 * link_watch_policy is off
					 */

#define BOND_OPT_STRLEN		64

struct bond_opt_name {
	const char *name;
	u32 value;
};

/**
 * struct bond_opt_val - a value on its way in
 * @num: a NUM option's value
 * @str: text as given (sysfs, module parameter), or a STR option's value
 * @mac: a MAC option's address
 * @op: a TARGETS change: '+' add, '-' remove (sysfs), '=' replace (netlink)
 * @count: number of addresses in @ip4 or @ip6
 * @ip4: ARP targets
 * @ip6: NS targets
 */
struct bond_opt_val {
	u64 num;
	char str[BOND_OPT_STRLEN];
	u8 mac[ETH_ALEN];
	u8 op;
	u8 count;
	union {
		__be32 ip4[BOND_MAX_TARGETS];
		struct in6_addr ip6[BOND_MAX_TARGETS];
	};
};

/**
 * struct bond_opt - one option
 * @name: ABI name (sysfs file, module parameter)
 * @label: name in messages, if not @name
 * @desc: one line for the option reference
 * @type: enum bond_opt_type
 * @names: value names of a NUM option, NULL-terminated; a NUM option
 *	accepts these values and, if @max is set, any number @min..@max
 * @min: lowest number accepted
 * @max: highest number accepted, 0 for names only
 * @def: default value of a NUM option
 * @offset: of the option's field in struct bond_params, if it has one
 * @nla: IFLA_BOND_* attribute, 0 if not in the kernel's netlink ABI
 * @ext_nla: IFLA_BOND_EXT_* attribute (include/bond_ext.h) of an option
 *	beyond the tree, reported read-only in the IFLA_BOND_EXT nest; 0 if none
 * @nla_type: NLA_U8, NLA_U16, NLA_U32, NLA_NESTED or NLA_BINARY
 * @flags: BOND_OPTF_*
 * @flags_str: a STR option with a char[IFNAMSIZ] field at @offset
 * @modes: BIT(BOND_MODE_*) where the option may be set, 0 for all
 * @param_modes: modes in which the module parameter matters, 0 for all
 *	(see BOND_OPTF_PARAM_IGNORE)
 * @imply: what setting @v implies for other options (the tree's
 *	cross-option rules); pure, applied to the checked and the applied
 *	parameters alike
 * @check: validates what the generic checks cannot, against @next (the
 *	parameters once the options before it in the request apply); no
 *	side effects
 * @set: applies a validated value; NULL stores it
 * @show: formats a STR option for sysfs
 * @get_port: the port a STR option with BOND_OPTF_IFINDEX names
 */
struct bond_opt {
	const char *name;
	const char *label;
	const char *desc;
	enum bond_opt_type type;
	const struct bond_opt_name *names;
	u32 min;
	u32 max;
	u32 def;
	size_t offset;
	u16 nla;
	u8 nla_type;
	u8 ext_nla;
	bool flags_str;
	u16 flags;
	u32 modes;
	u32 param_modes;
	void (*imply)(struct bond_params *next, u64 v);
	int (*check)(struct bond *bond, const struct bond_opt_val *val,
		     const struct bond_params *next,
		     struct netlink_ext_ack *extack);
	int (*set)(struct bond *bond, const struct bond_opt_val *val,
		   struct netlink_ext_ack *extack);
	int (*show)(struct bond *bond, char *buf);
	struct net_device *(*get_port)(struct bond *bond);
};

extern const struct bond_opt bond_opts[BOND_OPT_COUNT];
extern struct bond_params bond_defaults;

/**
 * struct bond_port_opt - an option of one port (IFLA_BOND_SLAVE_*)
 * @name: for messages
 * @nla: IFLA_BOND_SLAVE_* attribute
 * @nla_type: NLA_U16 or NLA_S32
 * @modes: BIT(BOND_MODE_*) where it may be set, 0 for all
 * @check: validates a value for @port; no side effects
 * @set: applies a checked value
 * @get: the current value
 * @fill_modes: modes in which the attribute is reported, 0 for all
 */
struct bond_port_opt {
	const char *name;
	u16 nla;
	u8 nla_type;
	u32 modes;
	int (*check)(struct bond_port *port, s64 v,
		     struct netlink_ext_ack *extack);
	void (*set)(struct bond_port *port, s64 v);
	s64 (*get)(const struct bond_port *port);
	u32 fill_modes;
};

enum bond_port_opt_id {
	BOND_PORT_OPT_QUEUE_ID,
	BOND_PORT_OPT_PRIO,
	BOND_PORT_OPT_ACTOR_PORT_PRIO,
	BOND_PORT_OPT_COUNT
};

extern const struct bond_port_opt bond_port_opts[BOND_PORT_OPT_COUNT];

/* bond_options.c: the engine */
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
int bond_opt_parse(const struct bond_opt *opt, const char *buf,
		   struct bond_opt_val *val);
bool bond_opt_num_ok(const struct bond_opt *opt, u64 v);
void bond_opt_store(struct bond_params *params, const struct bond_opt *opt,
		    const struct bond_opt_val *val);
u32 bond_opt_get(const struct bond *bond, enum bond_opt_id id);
const char *bond_opt_value_name(enum bond_opt_id id, u32 value);
bool bond_opt_visible(const struct bond *bond, const struct bond_opt *opt);
int bond_opt_show(struct bond *bond, const struct bond_opt *opt, char *buf);
int bond_port_opt_check(struct bond_port *port, enum bond_port_opt_id id,
			s64 v, const struct nlattr *attr,
			struct netlink_ext_ack *extack);

static inline u32 *bond_opt_field(struct bond_params *params,
				  const struct bond_opt *opt)
{
	return (u32 *)((u8 *)params + opt->offset);
}

/* bond_params.c: module parameters */
int bond_params_init(void);

/* bond_targets.c: arp_ip_target and ns_ip6_target */
int bond_targets_parse(const struct bond_opt *opt, const char *buf,
		       struct bond_opt_val *val);
int bond_targets_check(struct bond *bond, const struct bond_opt *opt,
		       const struct bond_opt_val *val,
		       const struct bond_params *next,
		       const struct nlattr *attr,
		       struct netlink_ext_ack *extack);
void bond_targets_store(struct bond_params *params, const struct bond_opt *opt,
			const struct bond_opt_val *val);
int bond_targets_show(const struct bond_params *params,
		      const struct bond_opt *opt, char *buf);
int bond_targets_nla_get(const struct bond_opt *opt, const struct nlattr *attr,
			 struct bond_opt_val *val,
			 struct netlink_ext_ack *extack);
int bond_targets_nla_put(struct sk_buff *skb, const struct bond_params *params,
			 const struct bond_opt *opt);
size_t bond_targets_nla_size(const struct bond_opt *opt);
unsigned int bond_targets_count(const struct bond_params *params,
				const struct bond_opt *opt);
int bond_targets_index4(const struct bond_params *params, __be32 ip);
int bond_targets_index6(const struct bond_params *params,
			const struct in6_addr *ip);
void bond_targets_proc_show(struct seq_file *seq, const struct bond_params *p);

#endif /* _BOND_OPTIONS_H */
