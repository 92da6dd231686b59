// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters: the options the tree also takes at load time, read
 * into bond_defaults, which every new bond starts from.  The text of each
 * is kept as given and read once every parameter is known, in the tree's
 * order and with its rules: an unknown value name fails the load, a
 * number out of range is reset with a warning, a value irrelevant in the
 * mode is ignored with a notice.
 */
#include <linux/inet.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "bond.h"

struct bond_params bond_defaults;

static char *bond_param_text[BOND_OPT_COUNT];
static char *arp_ip_target[BOND_MAX_TARGETS];
static int num_peer_notif = 1;

/* An option that is also a module parameter, as text */
#define BOND_PARAM(id, name)						\
	module_param_named(name, bond_param_text[BOND_OPT_##id], charp, 0)

BOND_PARAM(MIIMON, miimon);
MODULE_PARM_DESC(miimon, "Link check interval in milliseconds");
BOND_PARAM(UPDELAY, updelay);
MODULE_PARM_DESC(updelay, "Delay before considering link up, in milliseconds");
BOND_PARAM(DOWNDELAY, downdelay);
MODULE_PARM_DESC(downdelay, "Delay before considering link down, in milliseconds");
BOND_PARAM(USE_CARRIER, use_carrier);
MODULE_PARM_DESC(use_carrier, "Use netif_carrier_ok (vs MII ioctls) in miimon; 0 for off, 1 for on (default)");
BOND_PARAM(MODE, mode);
MODULE_PARM_DESC(mode, "Mode of operation; 0 for balance-rr, 1 for active-backup, 2 for balance-xor, 3 for broadcast, 4 for 802.3ad, 5 for balance-tlb, 6 for balance-alb");
BOND_PARAM(PRIMARY, primary);
MODULE_PARM_DESC(primary, "Primary network device to use");
BOND_PARAM(PRIMARY_RESELECT, primary_reselect);
MODULE_PARM_DESC(primary_reselect, "Reselect primary slave once it comes up; 0 for always (default), 1 for only if speed of primary is better, 2 for only on active slave failure");
BOND_PARAM(LACP_RATE, lacp_rate);
MODULE_PARM_DESC(lacp_rate, "LACPDU tx rate to request from 802.3ad partner; 0 for slow, 1 for fast");
BOND_PARAM(AD_SELECT, ad_select);
MODULE_PARM_DESC(ad_select, "802.3ad aggregation selection logic; 0 for stable (default), 1 for bandwidth, 2 for count");
BOND_PARAM(MIN_LINKS, min_links);
MODULE_PARM_DESC(min_links, "Minimum number of available links before turning on carrier");
BOND_PARAM(XMIT_HASH_POLICY, xmit_hash_policy);
MODULE_PARM_DESC(xmit_hash_policy, "balance-alb, balance-tlb, balance-xor, 802.3ad hashing method; 0 for layer 2 (default), 1 for layer 3+4, 2 for layer 2+3, 3 for encap layer 2+3, 4 for encap layer 3+4, 5 for vlan+srcmac");
BOND_PARAM(ARP_INTERVAL, arp_interval);
MODULE_PARM_DESC(arp_interval, "arp interval in milliseconds");
module_param_array(arp_ip_target, charp, NULL, 0);
MODULE_PARM_DESC(arp_ip_target, "arp targets in n.n.n.n form");
BOND_PARAM(ARP_VALIDATE, arp_validate);
MODULE_PARM_DESC(arp_validate, "validate src/dst of ARP probes; 0 for none (default), 1 for active, 2 for backup, 3 for all");
BOND_PARAM(ARP_ALL_TARGETS, arp_all_targets);
MODULE_PARM_DESC(arp_all_targets, "fail on any/all arp targets timeout; 0 for any (default), 1 for all");
BOND_PARAM(FAIL_OVER_MAC, fail_over_mac);
MODULE_PARM_DESC(fail_over_mac, "For active-backup, do not set all slaves to the same MAC; 0 for none (default), 1 for active, 2 for follow");
BOND_PARAM(ALL_SLAVES_ACTIVE, all_slaves_active);
MODULE_PARM_DESC(all_slaves_active, "Keep all frames received on an interface by setting active flag for all slaves; 0 for never (default), 1 for always.");
BOND_PARAM(RESEND_IGMP, resend_igmp);
MODULE_PARM_DESC(resend_igmp, "Number of IGMP membership reports to send on link failure");
BOND_PARAM(PACKETS_PER_SLAVE, packets_per_slave);
MODULE_PARM_DESC(packets_per_slave, "Packets to send per slave in balance-rr mode; 0 for a random slave, 1 packet per slave (default), >1 packets per slave.");
BOND_PARAM(LP_INTERVAL, lp_interval);
MODULE_PARM_DESC(lp_interval, "The number of seconds between instances where the bonding driver sends learning packets to each slaves peer switch. The default is 1.");
/* Both names set one count, and stay readable, as in the tree */
BOND_PARAM(LINK_WATCH_POLICY, link_watch_policy);
MODULE_PARM_DESC(link_watch_policy, "Run the MII and ARP monitors together: a port is up when any or all of them say so; off (default): one monitor, as the in-tree driver");
BOND_PARAM(LACP_FALLBACK, lacp_fallback);
MODULE_PARM_DESC(lacp_fallback, "Seconds without an LACP partner on any port before an 802.3ad bond runs on one port as if active-backup; 0 (default): off, as the in-tree driver");
module_param_named(num_grat_arp, num_peer_notif, int, 0644);
MODULE_PARM_DESC(num_grat_arp, "Number of peer notifications to send on failover event (alias of num_unsol_na)");
module_param_named(num_unsol_na, num_peer_notif, int, 0644);
MODULE_PARM_DESC(num_unsol_na, "Number of peer notifications to send on failover event (alias of num_grat_arp)");

static u32 *bond_default(enum bond_opt_id id)
{
	return bond_opt_field(&bond_defaults, &bond_opts[id]);
}

/* A parameter given as a value name or number; an invalid one fails */
static int bond_param_named(enum bond_opt_id id)
{
	const struct bond_opt *opt = &bond_opts[id];
	const char *text = bond_param_text[id];
	struct bond_opt_val val;

	if (!text)
		return 0;
	if (bond_opt_parse(opt, text, &val) || !bond_opt_num_ok(opt, val.num)) {
		pr_err("Error: Invalid %s \"%s\"\n", opt->name, text);
		return -EINVAL;
	}
	*bond_default(id) = val.num;
	return 0;
}

/* A parameter the tree reads as an int: out of range means the default */
static int bond_param_int(enum bond_opt_id id)
{
	const struct bond_opt *opt = &bond_opts[id];
	const char *text = bond_param_text[id];
	int v;

	if (!text)
		return 0;
	if (kstrtoint(text, 0, &v)) {
		pr_err("Error: Invalid %s \"%s\"\n", opt->name, text);
		return -EINVAL;
	}
	if (!bond_opt_num_ok(opt, v) || v < 0) {
		pr_warn("Warning: %s module parameter (%d), not in range %u-%u, so it was reset to %u\n",
			opt->name, v, opt->max ? opt->min : 0,
			opt->max ?: 1, opt->def);
		v = opt->def;
	}
	*bond_default(id) = v;
	return 0;
}

/* A parameter that only matters in the table's param_modes: elsewhere it
 * is ignored with a notice, or read with a warning, as in the tree
 */
static int bond_param_for_modes(enum bond_opt_id id)
{
	const struct bond_opt *opt = &bond_opts[id];
	u32 mode = bond_defaults.mode;

	if (!bond_param_text[id] || !opt->param_modes ||
	    (opt->param_modes & BIT(mode)))
		return bond_param_named(id);
	if (opt->flags & BOND_OPTF_PARAM_IGNORE) {
		pr_info("%s param is irrelevant in mode %s\n", opt->name,
			bond_opt_value_name(BOND_OPT_MODE, mode));
		return 0;
	}
	pr_warn("Warning: %s param only affects %s mode\n", opt->name,
		bond_opt_value_name(BOND_OPT_MODE, __ffs(opt->param_modes)));
	return bond_param_named(id);
}

static void bond_params_delays(void)
{
	struct bond_params *d = &bond_defaults;
	u32 *delay[] = { &d->updelay, &d->downdelay };
	int i;

	if (!d->miimon) {
		if (d->updelay || d->downdelay)
			pr_warn("Warning: miimon module parameter not set and updelay (%u) or downdelay (%u) module parameter is set; updelay and downdelay have no effect unless miimon is set\n",
				d->updelay, d->downdelay);
		d->updelay = 0;
		d->downdelay = 0;
		return;
	}
	for (i = 0; i < ARRAY_SIZE(delay); i++) {
		if (*delay[i] % d->miimon)
			pr_warn("Warning: %s (%u) is not a multiple of miimon (%u), %s rounded to %u ms\n",
				i ? "downdelay" : "updelay", *delay[i], d->miimon,
				i ? "downdelay" : "updelay",
				*delay[i] / d->miimon * d->miimon);
		*delay[i] /= d->miimon;
	}
}

static void bond_params_arp_targets(void)
{
	struct bond_params *d = &bond_defaults;
	unsigned int n = 0, j;
	__be32 ip;
	int i;

	for (i = 0; i < BOND_MAX_TARGETS && arp_ip_target[i]; i++) {
		if (!in4_pton(arp_ip_target[i], -1, (u8 *)&ip, -1, NULL) ||
		    ipv4_is_lbcast(ip) || ipv4_is_zeronet(ip)) {
			pr_warn("Warning: bad arp_ip_target module parameter (%s), ARP monitoring will not be performed\n",
				arp_ip_target[i]);
			d->arp_interval = 0;
			continue;
		}
		for (j = 0; j < n && d->arp_targets[j] != ip; j++)
			;
		if (j < n) {
			pr_warn("Warning: duplicate address %pI4 in arp_ip_target, skipping\n",
				&ip);
			continue;
		}
		d->arp_targets[n++] = ip;
	}
	if (d->arp_interval && !n) {
		pr_warn("Warning: arp_interval module parameter (%u) specified without providing an arp_ip_target parameter, arp_interval was reset to 0\n",
			d->arp_interval);
		d->arp_interval = 0;
	}
}

/* The monitors: the tree's rules between miimon, arp_interval and mode */
static int bond_params_monitors(void)
{
	struct bond_params *d = &bond_defaults;

	/* Beyond the tree: a bond watches its links unless told not to */
	if (!bond_param_text[BOND_OPT_MIIMON] &&
	    !bond_param_text[BOND_OPT_ARP_INTERVAL]) {
		d->miimon = BOND_DEFAULT_MIIMON;
		pr_info("no link monitor asked for: MII link monitoring every %u ms, the documented default\n",
			d->miimon);
	}
	if (!(BOND_MODES_ARP & BIT(d->mode)) && !d->miimon) {
		pr_warn("Warning: miimon must be specified, otherwise bonding will not detect link failure, speed and duplex which are essential for 802.3ad operation\n");
		pr_warn("Forcing miimon to 100msec\n");
		d->miimon = BOND_DEFAULT_MIIMON;
	}
	bond_params_delays();
	if (d->miimon && d->arp_interval && !d->link_watch_policy) {
		pr_warn("Warning: miimon (%u) and arp_interval (%u) can't be used simultaneously, disabling ARP monitoring\n",
			d->miimon, d->arp_interval);
		d->arp_interval = 0;
	}
	bond_params_arp_targets();
	if (bond_param_text[BOND_OPT_ARP_VALIDATE] && !d->arp_interval) {
		pr_err("arp_validate requires arp_interval\n");
		return -EINVAL;
	}
	if (bond_param_named(BOND_OPT_ARP_VALIDATE))
		return -EINVAL;
	if (bond_param_named(BOND_OPT_ARP_ALL_TARGETS))
		d->arp_all_targets = 0;
	if (d->miimon)
		pr_info("MII link monitoring set to %u ms\n", d->miimon);
	else if (d->arp_interval)
		pr_info("ARP monitoring set to %u ms, validate %s, with %u target(s)\n",
			d->arp_interval,
			bond_opt_value_name(BOND_OPT_ARP_VALIDATE, d->arp_validate),
			bond_targets_count(d, &bond_opts[BOND_OPT_ARP_IP_TARGET]));
	return 0;
}

static int bond_params_primary(void)
{
	struct bond_params *d = &bond_defaults;
	const char *primary = bond_param_text[BOND_OPT_PRIMARY];

	if (!primary)
		return 0;
	if (!(BOND_MODES_ACTIVE_PORT & BIT(d->mode))) {
		pr_warn("Warning: %s primary device specified but has no effect in %s mode\n",
			primary, bond_opt_value_name(BOND_OPT_MODE, d->mode));
		return 0;
	}
	strscpy(d->primary, primary, IFNAMSIZ);
	/* As in the tree, primary_reselect is read only with a primary */
	return bond_param_named(BOND_OPT_PRIMARY_RESELECT);
}

static int bond_params_ints(void)
{
	static const enum bond_opt_id ids[] = {
		BOND_OPT_MIIMON, BOND_OPT_UPDELAY, BOND_OPT_DOWNDELAY,
		BOND_OPT_USE_CARRIER, BOND_OPT_ARP_INTERVAL,
		BOND_OPT_ALL_SLAVES_ACTIVE, BOND_OPT_RESEND_IGMP,
		BOND_OPT_PACKETS_PER_SLAVE, BOND_OPT_LP_INTERVAL,
		BOND_OPT_MIN_LINKS,
	};
	int i, err = 0;

	for (i = 0; !err && i < ARRAY_SIZE(ids); i++)
		err = bond_param_int(ids[i]);
	if (num_peer_notif < 0 || num_peer_notif > 255) {
		pr_warn("Warning: num_grat_arp/num_unsol_na (%d) not in range 0-255 so it was reset to 1\n",
			num_peer_notif);
		num_peer_notif = 1;
	}
	bond_defaults.num_peer_notif = num_peer_notif;
	return err;
}

/**
 * bond_params_init - read the module parameters into bond_defaults
 *
 * Called once at module load, after the kernel stored every parameter.
 */
int bond_params_init(void)
{
	const struct bond_opt *opt;
	int err;

	for (opt = bond_opts; opt < bond_opts + BOND_OPT_COUNT; opt++)
		if (opt->type == BOND_OPT_NUM)
			*bond_opt_field(&bond_defaults, opt) = opt->def;
	err = bond_param_named(BOND_OPT_MODE);
	if (!err)
		err = bond_param_for_modes(BOND_OPT_XMIT_HASH_POLICY);
	if (!err)
		err = bond_param_for_modes(BOND_OPT_LACP_RATE);
	if (!err)
		err = bond_param_for_modes(BOND_OPT_AD_SELECT);
	if (!err)
		err = bond_params_ints();
	if (!err)
		err = bond_param_named(BOND_OPT_LINK_WATCH_POLICY);
	if (!err)
		err = bond_params_monitors();
	if (!err)
		err = bond_params_primary();
	if (!err)
		err = bond_param_for_modes(BOND_OPT_FAIL_OVER_MAC);
	return err;
}
