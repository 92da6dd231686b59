/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the 802.3ad mode share: ad.c (the mode) and
 * ad_report.c (what /proc, sysfs and netlink show of it).
 */
#ifndef _BOND_AD_H
#define _BOND_AD_H

#include "bond.h"
#include "lacp.h"

/**
 * struct ad_priv - the bond's state: bond->mode_priv
 * @lb: the state machines' side
 * @tick: runs the machines every 100 ms
 * @bond: the bond
 * @tx: the distributing ports, for xmit
 * @silent: ticks since some port last had a partner (lacp_fallback)
 * @fallback_port: the port carrying the traffic in fallback, if any
 */
struct ad_priv {
	struct lacp_bond lb;
	struct delayed_work tick;
	struct bond *bond;
	struct bond_tx_ports __rcu *tx;
	u32 silent;
	struct bond_port *fallback_port;
};

/* A port's state: port->mode_priv */
struct ad_port {
	struct lacp_port lp;
	struct bond_port *port;
	bool was_collecting;
	bool was_distributing;
};

static inline struct ad_priv *ad_priv(struct bond *bond)
{
	return bond_mode_priv(bond);
}

static inline struct lacp_port *ad_lp(struct bond_port *port)
{
	return &((struct ad_port *)bond_port_priv(port))->lp;
}

/* ad_report.c */
void ad_proc_show(struct seq_file *seq, struct bond *bond);
void ad_proc_port_show(struct seq_file *seq, struct bond_port *port);
size_t ad_nl_size(const struct bond *bond);
int ad_fill_info(struct sk_buff *skb, struct bond *bond);
size_t ad_nl_port_size(const struct bond_port *port);
int ad_fill_port_info(struct sk_buff *skb, struct bond_port *port);
int ad_fill_xstats(struct sk_buff *skb, struct bond *bond,
		   struct bond_port *port);
int ad_info(struct bond *bond, struct bond_ad_info *info);
int ad_port_info(struct bond_port *port, struct bond_ad_port_info *info);

#endif /* _BOND_AD_H */
