// SPDX-License-Identifier: GPL-2.0
/*
 * What the 802.3ad mode shows: its block of /proc/net/bonding/<bond> and
 * of each port there, the IFLA_BOND_AD_INFO nest and the per-port
 * IFLA_BOND_SLAVE_AD_* attributes, and the aggregator behind the ad_*
 * sysfs files, all in the 6.1 driver's formats.  Each takes a consistent
 * picture under lb.lock.
 */
#include <linux/capability.h>
#include <linux/etherdevice.h>
#include <linux/seq_file.h>
#include <net/netlink.h>

#include "ad.h"

static const char *const ad_churn_names[] = {
	[LACP_CHURN_MONITOR]	= "monitoring",
	[LACP_CHURN]		= "churned",
	[LACP_CHURN_NONE]	= "none",
};

static const char *ad_churn_name(u8 state)
{
	return state < ARRAY_SIZE(ad_churn_names) ? ad_churn_names[state] :
						     "unknown";
}

/* Why a port that aggregates nothing does not, by the first cause found */
static const char *ad_port_apart(const struct lacp_port *lp,
				 const struct lacp_agg *active)
{
	if (!(lp->partner.state & LACP_STATE_AGGREGATION))
		return "partner port is individual";
	if (lp->churn_actor == LACP_CHURN || lp->churn_partner == LACP_CHURN)
		return "churned: no agreement with the partner within 60 s";
	if (active && lp->agg && lp->agg != active) {
		if (active->actor_key != lp->agg->actor_key)
			return "key differs from the active aggregator's (speed, duplex, user key)";
		return "partner system or key differs from the active aggregator's";
	}
	if (lp->mux_state == LACP_MUX_WAITING)
		return "waiting for the aggregate timer (2 s)";
	if (lp->lb->select_timer)
		return "waiting for the first aggregator selection";
	if (!(lp->partner.state & LACP_STATE_SYNCHRONIZATION))
		return "partner not in sync";
	return "attached, not yet collecting and distributing";
}

#define AD_SILENT	"no LACPDU received (partner silent)"

/**
 * ad_port_status - what the port does, or why it does not aggregate
 * @lp: the port
 *
 * One of a fixed set of phrases, for /proc, sysfs and netlink, each
 * shorter than BOND_AD_REASON_MAX.
 */
static const char *ad_port_status(const struct lacp_port *lp)
{
	const struct lacp_agg *active = lacp_active_agg(lp->lb);
	bool silent = lp->rx_state != LACP_RX_CURRENT;

	if (!lp->link_up)
		return "link down";
	if (!(lp->actor.key & LACP_KEY_DUPLEX))
		return "port is individual (half duplex or unknown speed)";
	if (silent && !(lp->actor.state & LACP_STATE_LACP_ACTIVITY))
		return "no LACPDU received, and both ends passive (lacp_active off)";
	if (silent)
		return !lp->distributing ? AD_SILENT :
		       lp->lb->fallback ?
		       AD_SILENT ": carrying traffic alone (lacp_fallback)" :
		       AD_SILENT ": carrying traffic alone";
	if (lp->collecting && lp->distributing)
		return "aggregating";
	return ad_port_apart(lp, active);
}

/* The active aggregator, as ad_info reports it.  lb.lock held. */
static int ad_fill_agg_info(struct lacp_bond *lb, struct bond_ad_info *info)
{
	struct lacp_agg *agg = lacp_active_agg(lb);

	if (!agg)
		return -ENOENT;
	info->aggregator_id = agg->id;
	info->ports = lacp_agg_ports_up(agg);
	info->actor_key = agg->actor_key;
	info->partner_key = agg->partner_key;
	ether_addr_copy(info->partner_system, agg->partner_system);
	info->fallback = lb->fallback;
	return 0;
}

int ad_info(struct bond *bond, struct bond_ad_info *info)
{
	struct lacp_bond *lb = &ad_priv(bond)->lb;
	int err;

	spin_lock_bh(&lb->lock);
	err = ad_fill_agg_info(lb, info);
	spin_unlock_bh(&lb->lock);
	return err;
}

int ad_port_info(struct bond_port *port, struct bond_ad_port_info *info)
{
	struct lacp_bond *lb = &ad_priv(port->bond)->lb;
	struct lacp_port *lp = ad_lp(port);
	int err = -ENOENT;

	spin_lock_bh(&lb->lock);
	info->status = ad_port_status(lp);
	if (lp->agg) {
		info->aggregator_id = lp->agg->id;
		info->actor_oper_state = lp->actor.state;
		info->partner_oper_state = lp->partner.state;
		err = 0;
	}
	spin_unlock_bh(&lb->lock);
	return err;
}

/* ---------------------------------------------------------------- /proc */

static void ad_proc_agg(struct seq_file *seq, struct bond *bond)
{
	struct bond_ad_info info;

	if (ad_info(bond, &info)) {
		seq_printf(seq, "bond %s has no active aggregator\n",
			   bond->dev->name);
		return;
	}
	seq_puts(seq, "Active Aggregator Info:\n");
	seq_printf(seq, "\tAggregator ID: %d\n", info.aggregator_id);
	seq_printf(seq, "\tNumber of ports: %d\n", info.ports);
	seq_printf(seq, "\tActor Key: %d\n", info.actor_key);
	seq_printf(seq, "\tPartner Key: %d\n", info.partner_key);
	seq_printf(seq, "\tPartner Mac Address: %pM\n", info.partner_system);
}

void ad_proc_show(struct seq_file *seq, struct bond *bond)
{
	const struct bond_params *p = &bond->params;
	struct lacp_bond *lb = &ad_priv(bond)->lb;

	seq_puts(seq, "\n802.3ad info\n");
	seq_printf(seq, "LACP active: %s\n", p->lacp_active ? "on" : "off");
	seq_printf(seq, "LACP rate: %s\n", p->lacp_fast ? "fast" : "slow");
	seq_printf(seq, "Min links: %d\n", p->min_links);
	seq_printf(seq, "Aggregator selection policy (ad_select): %s\n",
		   bond_opt_value_name(BOND_OPT_AD_SELECT, p->ad_select));
	/* Ours, and only when set, so the tree's layout stays */
	if (p->lacp_fallback)
		seq_printf(seq, "LACP fallback: %u s%s\n", p->lacp_fallback,
			   READ_ONCE(lb->fallback) ? " (running on one port)" : "");
	if (!capable(CAP_NET_ADMIN))
		return;
	seq_printf(seq, "System priority: %d\n", lb->sys_prio);
	seq_printf(seq, "System MAC address: %pM\n", lb->system);
	ad_proc_agg(seq, bond);
}

static void ad_proc_lacp_info(struct seq_file *seq, const char *who,
			      const char *key, const struct lacp_info *info)
{
	seq_printf(seq, "details %s lacp pdu:\n", who);
	seq_printf(seq, "    system priority: %d\n", info->sys_prio);
	seq_printf(seq, "    system mac address: %pM\n", info->system);
	seq_printf(seq, "    %s: %d\n", key, info->key);
	seq_printf(seq, "    port priority: %d\n", info->port_prio);
	seq_printf(seq, "    port number: %d\n", info->port);
	seq_printf(seq, "    port state: %d\n", info->state);
}

void ad_proc_port_show(struct seq_file *seq, struct bond_port *port)
{
	struct lacp_bond *lb = &ad_priv(port->bond)->lb;
	struct lacp_port *lp = ad_lp(port);

	spin_lock_bh(&lb->lock);
	if (!lp->agg) {
		seq_puts(seq, "Aggregator ID: N/A\n");
		goto status;
	}
	seq_printf(seq, "Aggregator ID: %d\n", lp->agg->id);
	seq_printf(seq, "Actor Churn State: %s\n",
		   ad_churn_name(lp->churn_actor));
	seq_printf(seq, "Partner Churn State: %s\n",
		   ad_churn_name(lp->churn_partner));
	seq_printf(seq, "Actor Churned Count: %d\n", lp->churn_actor_count);
	seq_printf(seq, "Partner Churned Count: %d\n",
		   lp->churn_partner_count);
	if (capable(CAP_NET_ADMIN)) {
		ad_proc_lacp_info(seq, "actor", "port key", &lp->actor);
		ad_proc_lacp_info(seq, "partner", "oper key", &lp->partner);
	}
status:
	/* Ours: the tree has no such line */
	seq_printf(seq, "Aggregation status: %s\n", ad_port_status(lp));
	spin_unlock_bh(&lb->lock);
}

/* ------------------------------------------------------------- netlink */

size_t ad_nl_size(const struct bond *bond)
{
	return nla_total_size(0) +		/* IFLA_BOND_AD_INFO */
	       4 * nla_total_size(sizeof(u16)) + /* ID, ports, keys */
	       nla_total_size(ETH_ALEN);	/* partner MAC */
}

int ad_fill_info(struct sk_buff *skb, struct bond *bond)
{
	struct bond_ad_info info;
	struct nlattr *nest;

	if (ad_info(bond, &info))
		return 0;
	nest = nla_nest_start_noflag(skb, IFLA_BOND_AD_INFO);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, IFLA_BOND_AD_INFO_AGGREGATOR, info.aggregator_id) ||
	    nla_put_u16(skb, IFLA_BOND_AD_INFO_NUM_PORTS, info.ports) ||
	    nla_put_u16(skb, IFLA_BOND_AD_INFO_ACTOR_KEY, info.actor_key) ||
	    nla_put_u16(skb, IFLA_BOND_AD_INFO_PARTNER_KEY, info.partner_key) ||
	    nla_put(skb, IFLA_BOND_AD_INFO_PARTNER_MAC, ETH_ALEN,
		    info.partner_system)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

size_t ad_nl_port_size(const struct bond_port *port)
{
	return 2 * nla_total_size(sizeof(u16)) +	/* aggregator, partner state */
	       3 * nla_total_size(sizeof(u8));		/* actor state, churns */
}

int ad_fill_port_info(struct sk_buff *skb, struct bond_port *port)
{
	struct lacp_bond *lb = &ad_priv(port->bond)->lb;
	struct lacp_port *lp = ad_lp(port);
	int err = 0;

	spin_lock_bh(&lb->lock);
	if (lp->agg &&
	    (nla_put_u16(skb, IFLA_BOND_SLAVE_AD_AGGREGATOR_ID, lp->agg->id) ||
	     nla_put_u8(skb, IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE,
			lp->actor.state) ||
	     nla_put_u16(skb, IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE,
			 lp->partner.state) ||
	     nla_put_u8(skb, IFLA_BOND_SLAVE_AD_CHURN_ACTOR_STATE,
			lp->churn_actor) ||
	     nla_put_u8(skb, IFLA_BOND_SLAVE_AD_CHURN_PARTNER_STATE,
			lp->churn_partner)))
		err = -EMSGSIZE;
	spin_unlock_bh(&lb->lock);
	return err;
}

/* Each counter's attribute */
static const u16 ad_xstats_attr[LACP_STAT_COUNT] = {
	[LACP_STAT_LACPDU_RX]		= BOND_3AD_STAT_LACPDU_RX,
	[LACP_STAT_LACPDU_TX]		= BOND_3AD_STAT_LACPDU_TX,
	[LACP_STAT_LACPDU_UNKNOWN_RX]	= BOND_3AD_STAT_LACPDU_UNKNOWN_RX,
	[LACP_STAT_LACPDU_ILLEGAL_RX]	= BOND_3AD_STAT_LACPDU_ILLEGAL_RX,
	[LACP_STAT_MARKER_RX]		= BOND_3AD_STAT_MARKER_RX,
	[LACP_STAT_MARKER_TX]		= BOND_3AD_STAT_MARKER_TX,
	[LACP_STAT_MARKER_RESP_RX]	= BOND_3AD_STAT_MARKER_RESP_RX,
	[LACP_STAT_MARKER_RESP_TX]	= BOND_3AD_STAT_MARKER_RESP_TX,
	[LACP_STAT_MARKER_UNKNOWN_RX]	= BOND_3AD_STAT_MARKER_UNKNOWN_RX,
};

int ad_fill_xstats(struct sk_buff *skb, struct bond *bond,
		   struct bond_port *port)
{
	const atomic64_t *stats = port ? ad_lp(port)->stats :
					 ad_priv(bond)->lb.stats;
	struct nlattr *nest;
	int i;

	nest = nla_nest_start_noflag(skb, BOND_XSTATS_3AD);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < LACP_STAT_COUNT; i++) {
		if (nla_put_u64_64bit(skb, ad_xstats_attr[i],
				      atomic64_read(&stats[i]),
				      BOND_3AD_STAT_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}
