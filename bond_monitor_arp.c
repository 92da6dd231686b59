// SPDX-License-Identifier: GPL-2.0
/*
 * The ARP/NS monitor: every arp_interval ms, probe the targets
 * (bond_probe.c) and judge each port by when it last sent a probe and
 * last received something that counts as a reply.  It sees a failure
 * beyond the switch, which the MII monitor cannot.
 *
 * What counts as a reply is arp_validate's choice, per port state: with
 * validation, only an ARP (or NS/NA) exchange between the bond and a
 * target; without, any frame ("filter": any ARP or IPv6 frame).
 *
 * Two ways of judging, as in the tree:
 *  - with an active port (BOND_MODE_F_ACTIVE_PORT), only the active port
 *    probes.  The backups stay up as long as they hear the active port's
 *    probes through the switches, or the targets' replies.  With no active
 *    port the ports are tried in turn (bond->arp_probe_port, link "going
 *    back") until one gets a reply.
 *  - otherwise every port probes and must both send and receive within
 *    arp_missed_max intervals to stay up.
 * There are no updelay/downdelay here.  Transitions are committed by
 * bond_link_commit(), like the MII monitor's.
 *
 * Beyond the tree, with link_watch_policy any or all the monitor can run
 * beside the MII monitor, in any mode: it then only gives a verdict per
 * port (port->arp_ok), which the MII monitor weighs with the carrier and
 * commits with its own delays.
 */
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "bond.h"

static unsigned long bond_arp_ticks(const struct bond *bond)
{
	return msecs_to_jiffies(bond->params.arp_interval);
}

/* Whether now is within @intervals arp_interval of @t (half an interval of
 * slack for fast networks, one before for clocks read out of order)
 */
static bool bond_arp_within(const struct bond *bond, unsigned long t,
			    unsigned int intervals)
{
	unsigned long d = bond_arp_ticks(bond);

	return time_in_range(jiffies, t - d, t + intervals * d + d / 2);
}

static unsigned long bond_arp_oldest(unsigned long oldest,
				     const unsigned long *rx, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (time_before(READ_ONCE(rx[i]), oldest))
			oldest = READ_ONCE(rx[i]);
	return oldest;
}

/* When @port last heard a reply: with arp_all_targets all, from the
 * target that answered least recently (ARP and NS targets alike)
 */
static unsigned long bond_arp_last_rx(const struct bond *bond,
				      const struct bond_port *port)
{
	const struct bond_params *p = &bond->params;
	unsigned long last = READ_ONCE(port->last_rx);

	if (!p->arp_all_targets)
		return last;
	last = bond_arp_oldest(last, port->arp_rx,
			       bond_targets_count(p, &bond_opts[BOND_OPT_ARP_IP_TARGET]));
	return bond_arp_oldest(last, port->ns_rx,
			       bond_targets_count(p, &bond_opts[BOND_OPT_NS_IP6_TARGET]));
}

/* Receive */

/* Whether @port counts as active for validation: it is, or it is the port
 * being tried while there is no active one
 */
static bool bond_arp_port_active(struct bond *bond, struct bond_port *port)
{
	return port->state == BOND_STATE_ACTIVE ||
	       port == rcu_dereference(bond->arp_probe_port);
}

static void bond_arp_heard(struct bond_port *port, unsigned long *target_rx)
{
	unsigned long now = jiffies;

	WRITE_ONCE(port->last_rx, now);
	WRITE_ONCE(*target_rx, now);
}

static void bond_arp_validate4(struct bond *bond, struct bond_port *port,
			       __be32 target, __be32 ours)
{
	int i;

	if (!target || !bond_probe_has_ip(bond, ours))
		return;
	i = bond_targets_index4(&bond->params, target);
	if (i >= 0)
		bond_arp_heard(port, &port->arp_rx[i]);
}

static void bond_arp_validate6(struct bond *bond, struct bond_port *port,
			       const struct in6_addr *target,
			       const struct in6_addr *ours)
{
	int i;

	if (ipv6_addr_any(target) ||
	    (!ipv6_addr_equal(ours, &in6addr_linklocal_allnodes) &&
	     !bond_probe_has_ip6(bond, ours)))
		return;
	i = bond_targets_index6(&bond->params, target);
	if (i >= 0)
		bond_arp_heard(port, &port->ns_rx[i]);
}

/* How far a frame on @port is trusted, as in the tree:
 *  - on a port that counts as active, a reply from a target to the bond;
 *  - on a backup, once the active port has heard replies since it became
 *    active: the active port's request, seen through the switches
 *    (source and target swapped);
 *  - while a port is tried, a reply on any port within an interval of its
 *    probe (the switch may not have learned where the bond is yet).
 * The bond's own requests never validate a port on their own, so a bond
 * cannot keep itself up when no target answers.
 */
enum bond_arp_trust {
	BOND_ARP_NONE,
	BOND_ARP_REPLY,
	BOND_ARP_OUR_REQUEST,
};

static enum bond_arp_trust bond_arp_trust(struct bond *bond,
					  struct bond_port *port, bool reply)
{
	struct bond_port *active = rcu_dereference(bond->active);
	struct bond_port *tried = rcu_dereference(bond->arp_probe_port);

	if (bond_arp_port_active(bond, port))
		return BOND_ARP_REPLY;
	if (active && time_after(bond_arp_last_rx(bond, active),
				 active->last_link_up))
		return BOND_ARP_OUR_REQUEST;
	if (tried && reply &&
	    bond_arp_within(bond, READ_ONCE(tried->last_tx), 1))
		return BOND_ARP_REPLY;
	return BOND_ARP_NONE;
}

/* Sender and target IPv4 addresses of an ARP frame, if it is one for the
 * bond's link layer
 */
static bool bond_arp_addrs(struct bond *bond, const struct sk_buff *skb,
			   __be32 *sip, __be32 *tip, bool *reply)
{
	unsigned int alen = bond->dev->addr_len;
	u8 buf[sizeof(struct arphdr) + 2 * (MAX_ADDR_LEN + 4)];
	const struct arphdr *arp;
	const u8 *p;

	arp = skb_header_pointer(skb, 0, arp_hdr_len(bond->dev), buf);
	if (!arp || arp->ar_hln != alen || arp->ar_pln != 4 ||
	    arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP))
		return false;
	p = (const u8 *)(arp + 1) + alen;
	memcpy(sip, p, 4);
	memcpy(tip, p + 4 + alen, 4);
	*reply = arp->ar_op == htons(ARPOP_REPLY);
	return true;
}

static void bond_arp_rx4(struct bond *bond, struct bond_port *port,
			 const struct sk_buff *skb)
{
	__be32 sip, tip;
	bool reply;

	if (!bond_arp_addrs(bond, skb, &sip, &tip, &reply))
		return;
	switch (bond_arp_trust(bond, port, reply)) {
	case BOND_ARP_REPLY:
		bond_arp_validate4(bond, port, sip, tip);
		break;
	case BOND_ARP_OUR_REQUEST:
		bond_arp_validate4(bond, port, tip, sip);
		break;
	case BOND_ARP_NONE:
		break;
	}
}

/* Neighbour solicitations and advertisements, the NS monitor's replies */
static void bond_arp_rx6(struct bond *bond, struct bond_port *port,
			 const struct sk_buff *skb)
{
	struct {
		struct ipv6hdr ip6;
		struct icmp6hdr icmp6;
	} *hdr, buf;

	hdr = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	if (!hdr || hdr->ip6.nexthdr != NEXTHDR_ICMP ||
	    (hdr->icmp6.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION &&
	     hdr->icmp6.icmp6_type != NDISC_NEIGHBOUR_ADVERTISEMENT))
		return;
	switch (bond_arp_trust(bond, port, true)) {
	case BOND_ARP_REPLY:
		bond_arp_validate6(bond, port, &hdr->ip6.saddr,
				   &hdr->ip6.daddr);
		break;
	case BOND_ARP_OUR_REQUEST:
		bond_arp_validate6(bond, port, &hdr->ip6.daddr,
				   &hdr->ip6.saddr);
		break;
	case BOND_ARP_NONE:
		break;
	}
}

/**
 * bond_arp_rx - a frame arrived on @port: does it count as a reply?
 * @bond: the bond
 * @port: the port it arrived on, before the backup filter
 * @skb: the frame, not modified
 *
 * Called while bond->arp_watch is set.  BH, RCU.
 */
void bond_arp_rx(struct bond *bond, struct bond_port *port,
		 const struct sk_buff *skb)
{
	u32 validate = bond->params.arp_validate;
	bool arp = skb->protocol == htons(ETH_P_ARP);
	bool ip6 = skb->protocol == htons(ETH_P_IPV6);
	/* arp_validate's low bits name the port states it validates */
	if (!(validate & BIT(bond_arp_port_active(bond, port) ?
			     BOND_STATE_ACTIVE : BOND_STATE_BACKUP))) {
		if (!(validate & BOND_ARP_FILTER) || arp || ip6)
			WRITE_ONCE(port->last_rx, jiffies);
		return;
	}
	if (skb->pkt_type == PACKET_OTHERHOST ||
	    skb->pkt_type == PACKET_LOOPBACK)
		return;
	if (arp)
		bond_arp_rx4(bond, port, skb);
	else if (ip6 && ipv6_mod_enabled())
		bond_arp_rx6(bond, port, skb);
}

/* Judging with an active port */

/* Proposes the next link of @port; true if it must be committed.  RCU. */
static bool bond_arp_ab_inspect(struct bond *bond, struct bond_port *port)
{
	unsigned long last_rx = bond_arp_last_rx(bond, port);
	unsigned int missed = bond->params.missed_max;

	port->new_link = BOND_LINK_NOCHANGE;
	if (port->link != BOND_LINK_UP) {
		if (bond_arp_within(bond, last_rx, 1))
			port->new_link = BOND_LINK_UP;
		else if (port->link == BOND_LINK_BACK)
			port->new_link = BOND_LINK_FAIL;
		return port->new_link != BOND_LINK_NOCHANGE;
	}
	/* Just up or just made active: two intervals to hear a reply */
	if (bond_arp_within(bond, port->last_link_up, 2))
		return false;
	if (port->state == BOND_STATE_ACTIVE) {
		/* The active port must have sent and heard recently */
		if (bond_arp_within(bond, READ_ONCE(port->last_tx), missed) &&
		    bond_arp_within(bond, last_rx, missed))
			return false;
	} else if (rcu_access_pointer(bond->arp_probe_port) ||
		   bond_arp_within(bond, last_rx, missed + 1)) {
		/* While ports are tried, only the active one is judged */
		return false;
	}
	port->new_link = BOND_LINK_DOWN;
	return true;
}

/* Commits what inspection proposed; a port that answered, or the loss of
 * the active port, ends the trying of ports.  RTNL.
 */
static void bond_arp_ab_commit(struct bond *bond)
{
	struct bond_port *active = rtnl_dereference(bond->active);
	struct bond_port *port;
	bool done = false;

	ASSERT_RTNL();

	bond_for_each_port(bond, port)
		done |= port->new_link == BOND_LINK_UP ||
			(port->new_link == BOND_LINK_DOWN && port == active) ||
			(port->new_link == BOND_LINK_FAIL && active);
	if (done)
		RCU_INIT_POINTER(bond->arp_probe_port, NULL);
	bond_link_commit(bond);
}

/* With no active port: try the next port whose carrier is up after the
 * one tried last (round the list; after the first port when none was
 * tried yet, as in the tree), and probe through it.  Ports that lost
 * their carrier are taken down on the way.  RTNL.
 */
static void bond_arp_ab_try_next(struct bond *bond)
{
	struct bond_port *last = rtnl_dereference(bond->arp_probe_port);
	struct bond_port *port, *first = NULL, *next = NULL;
	bool past = false, commit = false;

	ASSERT_RTNL();

	if (!last)
		last = list_first_entry_or_null(&bond->ports, struct bond_port,
						list);

	bond_for_each_port(bond, port) {
		bool up = bond_port_is_up(port);

		if (up && !first)
			first = port;
		if (up && past && !next)
			next = port;
		if (!up && port->link == BOND_LINK_UP) {
			port_info(port, "backup interface is now down\n");
			port->new_link = BOND_LINK_DOWN;
			commit = true;
		}
		if (port == last)
			past = true;
	}
	next = next ?: first;
	if (next && next->link != BOND_LINK_BACK) {
		next->new_link = BOND_LINK_BACK;
		commit = true;
	}
	rcu_assign_pointer(bond->arp_probe_port, next);
	if (commit)
		bond_link_commit(bond);
	if (!next)
		return;
	next->last_link_up = jiffies;
	rcu_read_lock();
	bond_probe_send(bond, next);
	rcu_read_unlock();
}

/* One round; returns false if RTNL was busy and it must be retried */
static bool bond_arp_ab_round(struct bond *bond)
{
	struct bond_port *port, *active;
	bool commit = false;

	rcu_read_lock();
	bond_for_each_port_rcu(bond, port)
		commit |= bond_arp_ab_inspect(bond, port);
	active = rcu_dereference(bond->active);
	if (!commit && active) {
		bond_probe_send(bond, active);
		rcu_read_unlock();
		return true;
	}
	rcu_read_unlock();

	if (!rtnl_trylock())
		return false;
	if (commit)
		bond_arp_ab_commit(bond);
	active = rtnl_dereference(bond->active);
	if (active) {
		rcu_read_lock();
		bond_probe_send(bond, active);
		rcu_read_unlock();
	} else {
		bond_arp_ab_try_next(bond);
	}
	rtnl_unlock();
	return true;
}

/* Judging every port on its own */

static bool bond_arp_lb_inspect(struct bond *bond, struct bond_port *port)
{
	unsigned long tx = READ_ONCE(port->last_tx);
	unsigned long rx = READ_ONCE(port->last_rx);
	unsigned int missed = bond->params.missed_max;

	port->new_link = BOND_LINK_NOCHANGE;
	if (port->link != BOND_LINK_UP) {
		if (bond_arp_within(bond, tx, 1) && bond_arp_within(bond, rx, 1))
			port->new_link = BOND_LINK_UP;
	} else if (!bond_arp_within(bond, tx, missed) ||
		   !bond_arp_within(bond, rx, missed)) {
		port->new_link = BOND_LINK_DOWN;
	}
	return port->new_link != BOND_LINK_NOCHANGE;
}

/* Every port whose carrier is up probes, so that each can hear replies.
 * If RTNL is busy the changes wait for the next round, which sees them
 * again.
 */
static void bond_arp_lb_round(struct bond *bond)
{
	struct bond_port *port;
	bool commit = false;

	rcu_read_lock();
	bond_for_each_port_rcu(bond, port) {
		commit |= bond_arp_lb_inspect(bond, port);
		if (bond_port_is_up(port))
			bond_probe_send(bond, port);
	}
	rcu_read_unlock();

	if (commit && rtnl_trylock()) {
		bond_link_commit(bond);
		rtnl_unlock();
	}
}

/* Beside the MII monitor (link_watch_policy any/all) */

/* Whether @port probes: only the active port where there is one, as
 * backups probing with the bond's address would mislead the switches
 */
static bool bond_arp_probes(struct bond *bond, struct bond_port *port,
			    struct bond_port *active)
{
	return !bond_uses_active(bond) || !active || port == active;
}

/* The verdict on @port: it heard a reply within arp_missed_max intervals
 * (one more for a port that does not probe, as for backups above) and,
 * if it probes, also sent; a port just up or just made active has two
 * intervals.  RCU.
 */
static bool bond_arp_verdict(struct bond *bond, struct bond_port *port,
			     bool probes)
{
	unsigned int missed = bond->params.missed_max;

	if (bond_arp_within(bond, port->last_link_up, 2))
		return true;
	if (!bond_arp_within(bond, bond_arp_last_rx(bond, port),
			     probes ? missed : missed + 1))
		return false;
	return !probes || bond_arp_within(bond, READ_ONCE(port->last_tx), missed);
}

/* Judges and probes, and has the MII monitor look at once when a verdict
 * changed: it commits the links
 */
static void bond_arp_beside_mii_round(struct bond *bond)
{
	struct bond_port *port, *active;
	bool changed = false;

	rcu_read_lock();
	active = rcu_dereference(bond->active);
	bond_for_each_port_rcu(bond, port) {
		bool probes = bond_arp_probes(bond, port, active);
		bool ok = bond_arp_verdict(bond, port, probes);

		if (ok != READ_ONCE(port->arp_ok)) {
			WRITE_ONCE(port->arp_ok, ok);
			changed = true;
		}
		if (probes && bond_port_is_up(port))
			bond_probe_send(bond, port);
	}
	rcu_read_unlock();
	if (changed)
		mod_delayed_work(system_power_efficient_wq, &bond->mii_work, 0);
}

/**
 * bond_arp_combine - what the MII monitor should see of @port
 * @bond: the bond
 * @port: the port
 * @mii: its carrier
 *
 * With link_watch_policy any or all and the ARP/NS monitor running, the
 * carrier weighed with that monitor's verdict; else the carrier.  RTNL or
 * RCU.
 */
bool bond_arp_combine(struct bond *bond, struct bond_port *port, bool mii)
{
	if (!READ_ONCE(bond->arp_watch) || !bond->params.miimon)
		return mii;
	switch (bond->params.link_watch_policy) {
	case BOND_WATCH_ANY:
		return mii || READ_ONCE(port->arp_ok);
	case BOND_WATCH_ALL:
		return mii && READ_ONCE(port->arp_ok);
	}
	return mii;
}

/* One round of either kind; false if it must be retried soon */
static bool bond_arp_round(struct bond *bond)
{
	if (!bond_has_ports(bond))
		return true;
	if (bond->params.miimon) {
		bond_arp_beside_mii_round(bond);
		return true;
	}
	if (bond_uses_active(bond))
		return bond_arp_ab_round(bond);
	bond_arp_lb_round(bond);
	return true;
}

static void bond_arp_work(struct work_struct *work)
{
	struct bond *bond = container_of(work, struct bond, arp_work.work);
	unsigned long delay = bond_arp_ticks(bond);

	if (!bond_arp_round(bond))
		delay = 1;
	if (bond->params.arp_interval)
		queue_delayed_work(system_power_efficient_wq, &bond->arp_work,
				   delay);
}

/* The monitor */

static void bond_arp_init(struct bond *bond)
{
	INIT_DELAYED_WORK(&bond->arp_work, bond_arp_work);
}

static void bond_arp_reset_targets(struct bond_port *port, unsigned long t)
{
	unsigned int i;

	for (i = 0; i < BOND_MAX_TARGETS; i++) {
		WRITE_ONCE(port->arp_rx[i], t);
		WRITE_ONCE(port->ns_rx[i], t);
	}
}

/* Beside the MII monitor, the monitor starts trusting every port, each
 * with its intervals to prove it from now: the links the MII monitor
 * committed so far do not all fall at the first round
 */
static void bond_arp_fresh_verdicts(struct bond *bond)
{
	struct bond_port *port;

	bond_for_each_port(bond, port) {
		WRITE_ONCE(port->last_rx, jiffies);
		WRITE_ONCE(port->last_tx, jiffies);
		WRITE_ONCE(port->arp_ok, true);
		bond_arp_reset_targets(port, jiffies);
	}
}

/* Starts the monitor if arp_interval is set; the bond is up.  RTNL. */
static void bond_arp_start(struct bond *bond)
{
	ASSERT_RTNL();

	if (!bond->params.arp_interval)
		return;
	if (bond->params.miimon)
		bond_arp_fresh_verdicts(bond);
	WRITE_ONCE(bond->arp_watch, true);
	queue_delayed_work(system_power_efficient_wq, &bond->arp_work, 0);
}

static void bond_arp_stop(struct bond *bond)
{
	ASSERT_RTNL();

	WRITE_ONCE(bond->arp_watch, false);
	cancel_delayed_work_sync(&bond->arp_work);
	RCU_INIT_POINTER(bond->arp_probe_port, NULL);
}

/* A new port has neither sent nor heard within the last interval; its
 * link is its carrier's until the first round.
 */
static void bond_arp_port_init(struct bond *bond, struct bond_port *port)
{
	unsigned long then = jiffies - bond_arp_ticks(bond) - 1;

	port->last_rx = then;
	port->last_tx = then;
	port->arp_ok = true;
	bond_arp_reset_targets(port, then);
	if (bond->params.arp_interval && !bond->params.miimon)
		port->link = netif_carrier_ok(port->dev) ? BOND_LINK_UP :
							   BOND_LINK_DOWN;
}

static void bond_arp_port_del(struct bond *bond, struct bond_port *port)
{
	ASSERT_RTNL();

	if (rtnl_dereference(bond->arp_probe_port) == port)
		RCU_INIT_POINTER(bond->arp_probe_port, NULL);
}

/**
 * bond_arp_targets_changed - arp_ip_target or ns_ip6_target was set
 * @bond: the bond
 *
 * Every target counts as heard now, so that a new one has its intervals
 * to answer before arp_all_targets all holds it against a port.  RTNL.
 */
void bond_arp_targets_changed(struct bond *bond)
{
	struct bond_port *port;

	ASSERT_RTNL();

	bond_for_each_port(bond, port)
		bond_arp_reset_targets(port, jiffies);
}

const struct bond_monitor bond_monitor_arp = {
	.name		= "arp",
	.init		= bond_arp_init,
	.start		= bond_arp_start,
	.stop		= bond_arp_stop,
	.port_init	= bond_arp_port_init,
	.port_del	= bond_arp_port_del,
};
