// SPDX-License-Identifier: GPL-2.0
/*
 * The options table: every option of the tree's driver with its names,
 * value names and numbers, range, default, rules and netlink attribute,
 * and the setters of those whose change has side effects.  An option
 * whose effect belongs to a mode or monitor not built yet is stored,
 * validated and reported; its mode reads it from bond->params.
 */
#include <linux/etherdevice.h>
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

/* Ranged options: the tree also accepts these words for the bounds */
static const struct bond_opt_name bond_intmax_names[] = {
	{ "off",    0 },
	{ "maxval", INT_MAX },
	{ }
};

static const struct bond_opt_name bond_off_on_names[] = {
	{ "off", 0 },
	{ "on",  1 },
	{ }
};

static const struct bond_opt_name bond_u8_names[] = {
	{ "off",    0 },
	{ "maxval", 255 },
	{ }
};

static const struct bond_opt_name bond_peer_notif_delay_names[] = {
	{ "off",    0 },
	{ "maxval", 300000 },
	{ }
};

static const struct bond_opt_name bond_pps_names[] = {
	{ "maxval", USHRT_MAX },
	{ }
};

static const struct bond_opt_name bond_lp_interval_names[] = {
	{ "minval", 1 },
	{ "maxval", INT_MAX },
	{ }
};

static const struct bond_opt_name bond_sys_prio_names[] = {
	{ "minval", 1 },
	{ "maxval", 65535 },
	{ }
};

static const struct bond_opt_name bond_port_key_names[] = {
	{ "minval", 0 },
	{ "maxval", 1023 },
	{ }
};

static const struct bond_opt_name bond_missed_max_names[] = {
	{ "minval", 1 },
	{ "maxval", 255 },
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

static const struct bond_opt_name bond_arp_validate_names[] = {
	{ "none",          BOND_ARP_VALIDATE_NONE },
	{ "active",        BOND_ARP_VALIDATE_ACTIVE },
	{ "backup",        BOND_ARP_VALIDATE_BACKUP },
	{ "all",           BOND_ARP_VALIDATE_ALL },
	{ "filter",        BOND_ARP_FILTER },
	{ "filter_active", BOND_ARP_FILTER_ACTIVE },
	{ "filter_backup", BOND_ARP_FILTER_BACKUP },
	{ }
};

static const struct bond_opt_name bond_watch_policy_names[] = {
	{ "off", BOND_WATCH_OFF },
	{ "any", BOND_WATCH_ANY },
	{ "all", BOND_WATCH_ALL },
	{ }
};

static const struct bond_opt_name bond_arp_all_targets_names[] = {
	{ "any", 0 },
	{ "all", 1 },
	{ }
};

static const struct bond_opt_name bond_lacp_rate_names[] = {
	{ "slow", 0 },
	{ "fast", 1 },
	{ }
};

static const struct bond_opt_name bond_ad_select_names[] = {
	{ "stable",    BOND_AD_STABLE },
	{ "bandwidth", BOND_AD_BANDWIDTH },
	{ "count",     BOND_AD_COUNT },
	{ }
};

/* The tree's cross-option rules, applied in checking as in setting;
 * link_watch_policy any/all lifts those that keep the ARP monitor apart
 * from the MII monitor and out of the modes the tree refuses it in.
 */
static void bond_imply_mode(struct bond_params *p, u64 mode)
{
	if (!(BOND_MODES_ARP & BIT(mode))) {
		if (!p->link_watch_policy)
			p->arp_interval = 0;
		if (!p->miimon)
			p->miimon = BOND_DEFAULT_MIIMON;
	}
	if (mode == BOND_MODE_ALB)
		p->tlb_dynamic_lb = 1;
	p->arp_validate = BOND_ARP_VALIDATE_NONE;
}

static void bond_imply_miimon(struct bond_params *p, u64 miimon)
{
	if (miimon && p->arp_interval && !p->link_watch_policy) {
		p->arp_interval = 0;
		p->arp_validate = BOND_ARP_VALIDATE_NONE;
	}
}

static void bond_imply_arp_interval(struct bond_params *p, u64 interval)
{
	if (interval && !p->link_watch_policy)
		p->miimon = 0;
}

/* Back to one monitor: the MII monitor stays, as when miimon is set last */
static void bond_imply_watch_policy(struct bond_params *p, u64 policy)
{
	if (policy)
		return;
	if (p->miimon || !(BOND_MODES_ARP & BIT(p->mode))) {
		p->arp_interval = 0;
		p->arp_validate = BOND_ARP_VALIDATE_NONE;
	}
}

static int bond_opt_set_mode(struct bond *bond, const struct bond_opt_val *val,
			     struct netlink_ext_ack *extack)
{
	bond_mode_switch(bond, val->num);
	return 0;
}

static int bond_opt_check_mode(struct bond *bond,
			       const struct bond_opt_val *val,
			       const struct bond_params *next,
			       struct netlink_ext_ack *extack)
{
	if (bond_mode_get(val->num))
		return 0;
	NL_SET_ERR_MSG(extack, "bonding mode not implemented yet");
	netdev_err(bond->dev, "option mode: %s is not implemented yet\n",
		   bond_opt_value_name(BOND_OPT_MODE, val->num));
	return -EOPNOTSUPP;
}

/* A monitor's interval: the monitors start or stop accordingly */
static int bond_opt_set_miimon(struct bond *bond,
			       const struct bond_opt_val *val,
			       struct netlink_ext_ack *extack)
{
	bond->params.miimon = val->num;
	bond_monitors_restart(bond);
	return 0;
}

static int bond_opt_set_arp_interval(struct bond *bond,
				     const struct bond_opt_val *val,
				     struct netlink_ext_ack *extack)
{
	bond->params.arp_interval = val->num;
	bond_monitors_restart(bond);
	return 0;
}

static int bond_opt_set_watch_policy(struct bond *bond,
				     const struct bond_opt_val *val,
				     struct netlink_ext_ack *extack)
{
	bond->params.link_watch_policy = val->num;
	bond_monitors_restart(bond);
	return 0;
}

/* A new target list: each target's replies are timed afresh */
static int bond_opt_set_targets(struct bond *bond, enum bond_opt_id id,
				const struct bond_opt_val *val)
{
	bond_opt_store(&bond->params, &bond_opts[id], val);
	bond_arp_targets_changed(bond);
	return 0;
}

static int bond_opt_set_arp_targets(struct bond *bond,
				    const struct bond_opt_val *val,
				    struct netlink_ext_ack *extack)
{
	return bond_opt_set_targets(bond, BOND_OPT_ARP_IP_TARGET, val);
}

static int bond_opt_set_ns_targets(struct bond *bond,
				   const struct bond_opt_val *val,
				   struct netlink_ext_ack *extack)
{
	return bond_opt_set_targets(bond, BOND_OPT_NS_IP6_TARGET, val);
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
				 const struct bond_params *next,
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

static int bond_opt_set_all_active(struct bond *bond,
				   const struct bond_opt_val *val,
				   struct netlink_ext_ack *extack)
{
	struct bond_port *port;

	bond->params.all_slaves_active = val->num;
	bond_for_each_port(bond, port)
		bond_port_update_inactive(port);
	return 0;
}

static int bond_opt_set_min_links(struct bond *bond,
				  const struct bond_opt_val *val,
				  struct netlink_ext_ack *extack)
{
	bond->params.min_links = val->num;
	bond_update_carrier(bond);
	return 0;
}

/* "port:queue_id" (sysfs): the queue id of a port, see bond_port_opts */
static int bond_opt_parse_queue_id(struct bond *bond, const char *buf,
				   struct bond_port **port, u16 *qid)
{
	char name[IFNAMSIZ + 1];
	const char *colon = strchr(buf, ':');
	struct net_device *dev;

	if (!colon || colon - buf > IFNAMSIZ || kstrtou16(colon + 1, 10, qid))
		return -EPERM;
	memcpy(name, buf, colon - buf);
	name[colon - buf] = '\0';
	dev = dev_valid_name(name) ? __dev_get_by_name(dev_net(bond->dev), name) :
				     NULL;
	*port = dev ? bond_port_get_rtnl(dev) : NULL;
	if (!*port || (*port)->bond != bond)
		return -EPERM;
	return 0;
}

static int bond_opt_check_queue_id(struct bond *bond,
				   const struct bond_opt_val *val,
				   const struct bond_params *next,
				   struct netlink_ext_ack *extack)
{
	struct bond_port *port;
	u16 qid;
	int err;

	err = bond_opt_parse_queue_id(bond, val->str, &port, &qid);
	if (!err)
		err = bond_port_opts[BOND_PORT_OPT_QUEUE_ID].check(port, qid,
								   extack);
	if (err)
		netdev_err(bond->dev, "option queue_id: invalid input (%s), use port:queue_id with an unused id\n",
			   val->str);
	return err;
}

static int bond_opt_set_queue_id(struct bond *bond,
				 const struct bond_opt_val *val,
				 struct netlink_ext_ack *extack)
{
	struct bond_port *port;
	u16 qid;

	if (bond_opt_parse_queue_id(bond, val->str, &port, &qid))
		return -EPERM;
	bond_port_opts[BOND_PORT_OPT_QUEUE_ID].set(port, qid);
	return 0;
}

static int bond_opt_show_queue_id(struct bond *bond, char *buf)
{
	struct bond_port *port;
	int len = 0;

	bond_for_each_port(bond, port)
		len += sysfs_emit_at(buf, len, "%s%s:%u", len ? " " : "",
				     port->dev->name, port->queue_id);
	if (len)
		len += sysfs_emit_at(buf, len, "\n");
	return len;
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

#define BOND_MODES_8023AD	BIT(BOND_MODE_8023AD)
#define BOND_MODES_LB		(BIT(BOND_MODE_TLB) | BIT(BOND_MODE_ALB))

const struct bond_opt bond_opts[BOND_OPT_COUNT] = {
	[BOND_OPT_MODE] = {
		.name = "mode", .desc = "bond device mode",
		.names = bond_mode_names, BOND_NUM(mode, 0, 0),
		.nla = IFLA_BOND_MODE, .nla_type = NLA_U8,
		.flags = BOND_OPTF_NO_PORTS | BOND_OPTF_DOWN |
			 BOND_OPTF_SHOW_NAME,
		.imply = bond_imply_mode,
		.check = bond_opt_check_mode, .set = bond_opt_set_mode,
	},
	[BOND_OPT_ACTIVE_SLAVE] = {
		.name = "active_slave", .desc = "Currently active slave",
		.type = BOND_OPT_STR, .modes = BOND_MODES_ACTIVE_PORT,
		.nla = IFLA_BOND_ACTIVE_SLAVE, .nla_type = NLA_U32,
		.flags = BOND_OPTF_IFINDEX,
		.check = bond_opt_check_active, .set = bond_opt_set_active,
		.show = bond_opt_show_active, .get_port = bond_opt_get_active,
	},
	[BOND_OPT_MIIMON] = {
		.name = "miimon", .desc = "Link check interval in milliseconds",
		.names = bond_intmax_names, BOND_NUM(miimon, 0, INT_MAX),
		.nla = IFLA_BOND_MIIMON, .nla_type = NLA_U32,
		.imply = bond_imply_miimon, .set = bond_opt_set_miimon,
	},
	[BOND_OPT_UPDELAY] = {
		.name = "updelay", .label = "up delay",
		.desc = "Delay before considering link up, in milliseconds",
		.names = bond_intmax_names, BOND_NUM(updelay, 0, INT_MAX),
		.flags = BOND_OPTF_MII_TICKS,
		.nla = IFLA_BOND_UPDELAY, .nla_type = NLA_U32,
	},
	[BOND_OPT_DOWNDELAY] = {
		.name = "downdelay", .label = "down delay",
		.desc = "Delay before considering link down, in milliseconds",
		.names = bond_intmax_names, BOND_NUM(downdelay, 0, INT_MAX),
		.flags = BOND_OPTF_MII_TICKS,
		.nla = IFLA_BOND_DOWNDELAY, .nla_type = NLA_U32,
	},
	[BOND_OPT_PEER_NOTIF_DELAY] = {
		.name = "peer_notif_delay", .label = "peer notification delay",
		.desc = "Delay between each peer notification on failover event, in milliseconds",
		.names = bond_peer_notif_delay_names,
		BOND_NUM(peer_notif_delay, 0, 300000),
		.flags = BOND_OPTF_MII_TICKS | BOND_OPTF_NLA_RANGE,
		.nla = IFLA_BOND_PEER_NOTIF_DELAY, .nla_type = NLA_U32,
	},
	[BOND_OPT_USE_CARRIER] = {
		.name = "use_carrier",
		.desc = "Use netif_carrier_ok (vs MII ioctls) in miimon",
		.names = bond_off_on_names, BOND_NUM(use_carrier, 0, 0),
		.def = 1,
		.nla = IFLA_BOND_USE_CARRIER, .nla_type = NLA_U8,
	},
	[BOND_OPT_ARP_INTERVAL] = {
		.name = "arp_interval", .desc = "arp interval in milliseconds",
		.names = bond_intmax_names, BOND_NUM(arp_interval, 0, INT_MAX),
		.modes = BOND_MODES_ARP, .flags = BOND_OPTF_WATCH_MODES,
		.nla = IFLA_BOND_ARP_INTERVAL, .nla_type = NLA_U32,
		.imply = bond_imply_arp_interval,
		.set = bond_opt_set_arp_interval,
	},
	[BOND_OPT_ARP_IP_TARGET] = {
		.name = "arp_ip_target", .desc = "arp targets in n.n.n.n form",
		.type = BOND_OPT_TARGETS,
		.offset = offsetof(struct bond_params, arp_targets),
		.nla = IFLA_BOND_ARP_IP_TARGET, .nla_type = NLA_NESTED,
		.set = bond_opt_set_arp_targets,
	},
	[BOND_OPT_NS_IP6_TARGET] = {
		.name = "ns_ip6_target",
		.desc = "NS targets in ffff:ffff::ffff:ffff form",
		.type = BOND_OPT_TARGETS,
		.offset = offsetof(struct bond_params, ns_targets),
		.flags = BOND_OPTF_NO_SYSFS,
		.nla = IFLA_BOND_NS_IP6_TARGET, .nla_type = NLA_NESTED,
		.set = bond_opt_set_ns_targets,
	},
	[BOND_OPT_ARP_VALIDATE] = {
		.name = "arp_validate", .desc = "validate src/dst of ARP probes",
		.names = bond_arp_validate_names, BOND_NUM(arp_validate, 0, 0),
		.modes = BOND_MODES_ARP,
		.flags = BOND_OPTF_SHOW_NAME | BOND_OPTF_WATCH_MODES,
		.nla = IFLA_BOND_ARP_VALIDATE, .nla_type = NLA_U32,
	},
	[BOND_OPT_ARP_ALL_TARGETS] = {
		.name = "arp_all_targets",
		.desc = "fail on any/all arp targets timeout",
		.names = bond_arp_all_targets_names,
		BOND_NUM(arp_all_targets, 0, 0), .flags = BOND_OPTF_SHOW_NAME,
		.nla = IFLA_BOND_ARP_ALL_TARGETS, .nla_type = NLA_U32,
	},
	[BOND_OPT_PRIMARY] = {
		.name = "primary", .desc = "Primary network device to use",
		BOND_STR(primary), .modes = BOND_MODES_ACTIVE_PORT,
		.flags = BOND_OPTF_IFINDEX | BOND_OPTF_UNKNOWN_IS_NONE,
		.nla = IFLA_BOND_PRIMARY, .nla_type = NLA_U32,
		.set = bond_opt_set_primary, .show = bond_opt_show_primary,
		.get_port = bond_opt_get_primary,
	},
	[BOND_OPT_PRIMARY_RESELECT] = {
		.name = "primary_reselect",
		.desc = "Reselect primary slave once it comes up",
		.names = bond_reselect_names, BOND_NUM(primary_reselect, 0, 0),
		.flags = BOND_OPTF_SHOW_NAME,
		.nla = IFLA_BOND_PRIMARY_RESELECT, .nla_type = NLA_U8,
		.set = bond_opt_set_reselect,
	},
	[BOND_OPT_FAIL_OVER_MAC] = {
		.name = "fail_over_mac",
		.desc = "For active-backup, do not set all slaves to the same MAC",
		.names = bond_fom_names, BOND_NUM(fail_over_mac, 0, 0),
		.param_modes = BIT(BOND_MODE_ACTIVEBACKUP),
		.flags = BOND_OPTF_NO_PORTS | BOND_OPTF_SHOW_NAME,
		.nla = IFLA_BOND_FAIL_OVER_MAC, .nla_type = NLA_U8,
	},
	[BOND_OPT_XMIT_HASH_POLICY] = {
		.name = "xmit_hash_policy",
		.desc = "balance-xor, 802.3ad, and tlb hashing method",
		.names = bond_xmit_hash_names, BOND_NUM(xmit_policy, 0, 0),
		.flags = BOND_OPTF_SHOW_NAME | BOND_OPTF_PARAM_IGNORE,
		.param_modes = BIT(BOND_MODE_XOR) | BIT(BOND_MODE_8023AD) |
			       BOND_MODES_LB,
		.nla = IFLA_BOND_XMIT_HASH_POLICY, .nla_type = NLA_U8,
	},
	[BOND_OPT_RESEND_IGMP] = {
		.name = "resend_igmp",
		.desc = "Number of IGMP membership reports to send on link failure",
		.names = bond_u8_names, BOND_NUM(resend_igmp, 0, 255), .def = 1,
		.nla = IFLA_BOND_RESEND_IGMP, .nla_type = NLA_U32,
	},
	[BOND_OPT_NUM_UNSOL_NA] = {
		.name = "num_unsol_na",
		.desc = "Number of peer notifications to send on failover event",
		.names = bond_u8_names, BOND_NUM(num_peer_notif, 0, 255),
		.def = 1,
		.nla = IFLA_BOND_NUM_PEER_NOTIF, .nla_type = NLA_U8,
	},
	[BOND_OPT_NUM_GRAT_ARP] = {
		.name = "num_grat_arp",
		.desc = "Number of peer notifications to send on failover event",
		.names = bond_u8_names, BOND_NUM(num_peer_notif, 0, 255),
		.def = 1,
	},
	[BOND_OPT_ALL_SLAVES_ACTIVE] = {
		.name = "all_slaves_active",
		.desc = "Deliver to the bond what backup slaves receive, too",
		.names = bond_off_on_names, BOND_NUM(all_slaves_active, 0, 0),
		.nla = IFLA_BOND_ALL_SLAVES_ACTIVE, .nla_type = NLA_U8,
		.set = bond_opt_set_all_active,
	},
	[BOND_OPT_MIN_LINKS] = {
		.name = "min_links",
		.desc = "Minimum number of available links before turning on carrier",
		.names = bond_intmax_names, BOND_NUM(min_links, 0, INT_MAX),
		.nla = IFLA_BOND_MIN_LINKS, .nla_type = NLA_U32,
		.set = bond_opt_set_min_links,
	},
	[BOND_OPT_LP_INTERVAL] = {
		.name = "lp_interval",
		.desc = "Seconds between learning packets to each slave's switch",
		.names = bond_lp_interval_names,
		BOND_NUM(lp_interval, 1, INT_MAX), .def = 1,
		.nla = IFLA_BOND_LP_INTERVAL, .nla_type = NLA_U32,
	},
	[BOND_OPT_PACKETS_PER_SLAVE] = {
		.name = "packets_per_slave",
		.desc = "Packets to send per slave in RR mode",
		.names = bond_pps_names,
		BOND_NUM(packets_per_slave, 0, USHRT_MAX), .def = 1,
		.modes = BIT(BOND_MODE_ROUNDROBIN),
		.nla = IFLA_BOND_PACKETS_PER_SLAVE, .nla_type = NLA_U32,
	},
	[BOND_OPT_LACP_ACTIVE] = {
		.name = "lacp_active",
		.desc = "Send LACPDUs at the lacp rate, or only when spoken to",
		.names = bond_off_on_names, BOND_NUM(lacp_active, 0, 0),
		.def = 1, .modes = BOND_MODES_8023AD,
		.flags = BOND_OPTF_DOWN | BOND_OPTF_SHOW_NAME,
		.nla = IFLA_BOND_AD_LACP_ACTIVE, .nla_type = NLA_U8,
	},
	[BOND_OPT_LACP_RATE] = {
		.name = "lacp_rate",
		.desc = "LACPDU tx rate to request from 802.3ad partner",
		.names = bond_lacp_rate_names, BOND_NUM(lacp_fast, 0, 0),
		.modes = BOND_MODES_8023AD, .param_modes = BOND_MODES_8023AD,
		.flags = BOND_OPTF_DOWN | BOND_OPTF_SHOW_NAME |
			 BOND_OPTF_PARAM_IGNORE,
		.nla = IFLA_BOND_AD_LACP_RATE, .nla_type = NLA_U8,
	},
	[BOND_OPT_AD_SELECT] = {
		.name = "ad_select", .desc = "803.ad aggregation selection logic",
		.names = bond_ad_select_names, BOND_NUM(ad_select, 0, 0),
		.param_modes = BOND_MODES_8023AD,
		.flags = BOND_OPTF_DOWN | BOND_OPTF_SHOW_NAME,
		.nla = IFLA_BOND_AD_SELECT, .nla_type = NLA_U8,
	},
	[BOND_OPT_AD_ACTOR_SYS_PRIO] = {
		.name = "ad_actor_sys_prio",
		.desc = "System priority of the 802.3ad actor",
		.names = bond_sys_prio_names,
		BOND_NUM(ad_actor_sys_prio, 1, 65535), .def = 65535,
		.modes = BOND_MODES_8023AD, .flags = BOND_OPTF_PRIVATE,
		.nla = IFLA_BOND_AD_ACTOR_SYS_PRIO, .nla_type = NLA_U16,
	},
	[BOND_OPT_AD_USER_PORT_KEY] = {
		.name = "ad_user_port_key",
		.desc = "Upper 10 bits of the 802.3ad port key",
		.names = bond_port_key_names,
		BOND_NUM(ad_user_port_key, 0, 1023),
		.modes = BOND_MODES_8023AD,
		.flags = BOND_OPTF_DOWN | BOND_OPTF_PRIVATE,
		.nla = IFLA_BOND_AD_USER_PORT_KEY, .nla_type = NLA_U16,
	},
	[BOND_OPT_AD_ACTOR_SYSTEM] = {
		.name = "ad_actor_system",
		.desc = "System MAC address of the 802.3ad actor",
		.type = BOND_OPT_MAC,
		.offset = offsetof(struct bond_params, ad_actor_system),
		.modes = BOND_MODES_8023AD, .flags = BOND_OPTF_PRIVATE,
		.nla = IFLA_BOND_AD_ACTOR_SYSTEM, .nla_type = NLA_BINARY,
	},
	[BOND_OPT_TLB_DYNAMIC_LB] = {
		.name = "tlb_dynamic_lb", .desc = "Enable dynamic flow shuffling",
		.names = bond_off_on_names, BOND_NUM(tlb_dynamic_lb, 0, 0),
		.def = 1, .modes = BOND_MODES_LB, .flags = BOND_OPTF_DOWN,
		.nla = IFLA_BOND_TLB_DYNAMIC_LB, .nla_type = NLA_U8,
	},
	[BOND_OPT_ARP_MISSED_MAX] = {
		.name = "arp_missed_max",
		.desc = "Maximum number of missed ARP interval",
		.names = bond_missed_max_names,
		BOND_NUM(missed_max, 1, 255), .def = 2,
		.modes = BOND_MODES_ARP, .flags = BOND_OPTF_WATCH_MODES,
		.nla = IFLA_BOND_MISSED_MAX, .nla_type = NLA_U8,
	},
	/* Beyond the tree, so not in its netlink ABI: no IFLA_BOND_* */
	[BOND_OPT_LINK_WATCH_POLICY] = {
		.name = "link_watch_policy",
		.desc = "MII and ARP monitors together: up if any/all say so",
		.names = bond_watch_policy_names,
		BOND_NUM(link_watch_policy, 0, 0), .flags = BOND_OPTF_SHOW_NAME,
		.ext_nla = IFLA_BOND_EXT_LINK_WATCH_POLICY,
		.imply = bond_imply_watch_policy,
		.set = bond_opt_set_watch_policy,
	},
	[BOND_OPT_LACP_FALLBACK] = {
		.name = "lacp_fallback",
		.desc = "Seconds without an LACP partner until one port carries traffic, 0: off",
		BOND_NUM(lacp_fallback, 0, 3600), .modes = BOND_MODES_8023AD,
		.ext_nla = IFLA_BOND_EXT_LACP_FALLBACK,
	},
	[BOND_OPT_COUPLED_CONTROL] = {
		.name = "coupled_control",
		.desc = "Opt into using coupled control MUX for LACP states",
		.names = bond_off_on_names, BOND_NUM(coupled_control, 0, 0),
		.def = 1, .modes = BOND_MODES_8023AD,
		.flags = BOND_OPTF_DOWN | BOND_OPTF_NO_SYSFS,
		.nla = IFLA_BOND_COUPLED_CONTROL, .nla_type = NLA_U8,
	},
	[BOND_OPT_QUEUE_ID] = {
		.name = "queue_id", .desc = "Queue ID of a slave, as slave:id",
		.type = BOND_OPT_STR,
		.check = bond_opt_check_queue_id, .set = bond_opt_set_queue_id,
		.show = bond_opt_show_queue_id,
	},
	[BOND_OPT_SLAVES] = {
		.name = "slaves", .desc = "Slave membership management",
		.type = BOND_OPT_STR,
		.set = bond_opt_set_ports, .show = bond_opt_show_ports,
	},
};

/* Options of a port */
static int bond_port_check_queue_id(struct bond_port *port, s64 v,
				    struct netlink_ext_ack *extack)
{
	struct bond *bond = port->bond;
	struct bond_port *other;

	/* The tree allows ids up to the queue count, inclusive */
	if (v < 0 || v > bond->dev->real_num_tx_queues) {
		NL_SET_ERR_MSG(extack, "queue id larger than the bond's queues");
		return -EPERM;
	}
	bond_for_each_port(bond, other) {
		if (other != port && v && other->queue_id == v) {
			NL_SET_ERR_MSG(extack, "queue id used by another port");
			return -EPERM;
		}
	}
	return 0;
}

static void bond_port_set_queue_id(struct bond_port *port, s64 v)
{
	port->queue_id = v;
	bond_update_tx(port->bond);
}

static s64 bond_port_get_queue_id(const struct bond_port *port)
{
	return port->queue_id;
}

static void bond_port_set_prio(struct bond_port *port, s64 v)
{
	struct bond *bond = port->bond;

	port->prio = v;
	if (bond->primary)
		port_warn(port, "prio updated, but will not affect failover re-selection as primary slave have been set\n");
	else
		bond_links_changed(bond);
}

static s64 bond_port_get_prio(const struct bond_port *port)
{
	return port->prio;
}

static void bond_port_set_ad_prio(struct bond_port *port, s64 v)
{
	port->ad_port_prio = v;
}

static s64 bond_port_get_ad_prio(const struct bond_port *port)
{
	return port->ad_port_prio;
}

const struct bond_port_opt bond_port_opts[BOND_PORT_OPT_COUNT] = {
	[BOND_PORT_OPT_QUEUE_ID] = {
		.name = "queue_id",
		.nla = IFLA_BOND_SLAVE_QUEUE_ID, .nla_type = NLA_U16,
		.check = bond_port_check_queue_id,
		.set = bond_port_set_queue_id, .get = bond_port_get_queue_id,
	},
	[BOND_PORT_OPT_PRIO] = {
		.name = "prio", .modes = BOND_MODES_ACTIVE_PORT,
		.nla = IFLA_BOND_SLAVE_PRIO, .nla_type = NLA_S32,
		.set = bond_port_set_prio, .get = bond_port_get_prio,
	},
	[BOND_PORT_OPT_ACTOR_PORT_PRIO] = {
		.name = "actor_port_prio", .modes = BOND_MODES_8023AD,
		.nla = IFLA_BOND_SLAVE_ACTOR_PORT_PRIO, .nla_type = NLA_U16,
		.set = bond_port_set_ad_prio, .get = bond_port_get_ad_prio,
		.fill_modes = BOND_MODES_8023AD,
	},
};
