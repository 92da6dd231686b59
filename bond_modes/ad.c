// SPDX-License-Identifier: GPL-2.0
/*
 * 802.3ad (mode 4): dynamic link aggregation with LACP.  The state machines
 * are in lacp.c; this file ties them to the bond: it runs their tick,
 * hands them received PDUs, sends theirs, gives the ports of the active
 * aggregator their roles, and spreads frames over its distributing ports
 * by xmit_hash_policy.
 *
 * Locking: the machines' state is under lb.lock.  Port roles, the transmit
 * array and the carrier change under RTNL only: the tick runs under
 * rtnl_trylock() (re-armed a jiffy later when it fails), and the receive
 * path, which cannot take RTNL, never changes a port's role.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/pkt_sched.h>
#include <linux/seq_file.h>
#include <net/netlink.h>

#include "ad.h"

static_assert(sizeof(struct ad_priv) <= BOND_MODE_PRIV_SIZE);

/* ad_select, in the machines' terms */
static const u8 ad_select_policy[] = {
	[BOND_AD_STABLE]	= LACP_SELECT_STABLE,
	[BOND_AD_BANDWIDTH]	= LACP_SELECT_BANDWIDTH,
	[BOND_AD_COUNT]		= LACP_SELECT_COUNT,
};

static struct bond_port *ad_port_of(struct lacp_port *lp)
{
	return container_of(lp, struct ad_port, lp)->port;
}

/* ------------------------------------------------------------ transmit */

/* Builds and queues a Slow Protocols frame of @len octets from @pdu */
static int ad_send_slow(struct bond_port *port, const u8 *pdu,
			unsigned int len)
{
	struct net_device *dev = port->dev;
	struct sk_buff *skb;
	struct ethhdr *eth;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + ETH_HLEN + len, GFP_ATOMIC);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	eth = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, lacp_slow_addr);
	ether_addr_copy(eth->h_source, port->perm_hwaddr);
	eth->h_proto = htons(ETH_P_SLOW);
	skb_reset_mac_header(skb);
	skb_put_data(skb, pdu, len);
	skb_set_network_header(skb, ETH_HLEN);
	skb->protocol = htons(ETH_P_SLOW);
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	return dev_queue_xmit(skb) == NET_XMIT_SUCCESS ? 0 : -ENOBUFS;
}

static int ad_send_lacpdu(struct lacp_port *lp)
{
	u8 pdu[LACP_PDU_LEN];

	lacp_pdu_build(pdu, lp);
	lacp_count(lp, LACP_STAT_LACPDU_TX);
	return ad_send_slow(ad_port_of(lp), pdu, sizeof(pdu));
}

static const struct lacp_ops ad_lacp_ops = {
	.send = ad_send_lacpdu,
};

static bool ad_port_can_tx(struct bond *bond, struct bond_port *port)
{
	const struct lacp_port *lp = ad_lp(port);

	return lp->distributing && port->link == BOND_LINK_UP &&
	       bond_port_is_up(port);
}

static bool ad_update_tx(struct bond *bond)
{
	return bond_tx_ports_update(bond, &ad_priv(bond)->tx);
}

static struct bond_port *ad_select(struct bond *bond, struct sk_buff *skb,
				   bool all_ports)
{
	return bond_tx_ports_pick(bond, &ad_priv(bond)->tx, skb, all_ports);
}

static netdev_tx_t ad_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct bond_port *port;

	port = bond_tx_ports_pick(bond, &ad_priv(bond)->tx, skb, false);
	if (unlikely(!port))
		return bond_xmit_drop(skb, bond);
	return bond_port_xmit(bond, port, skb);
}

static bool ad_uses_xmit_hash(const struct bond *bond)
{
	return true;
}

/* -------------------------------------------------------- lacp_fallback */

/* Whether some port heard its partner within its timeout */
static bool ad_partner_heard(struct bond *bond)
{
	struct bond_port *port;

	lockdep_assert_held(&ad_priv(bond)->lb.lock);

	bond_for_each_port(bond, port)
		if (ad_lp(port)->rx_state == LACP_RX_CURRENT)
			return true;
	return false;
}

/* lacp_fallback (ours): once no port has had a partner for that many
 * seconds, the bond has carrier with the active aggregator's one port,
 * whatever min_links says, and announces that port as active-backup
 * would.  An aggregator without partner is always a single port, and the
 * tree already lets its port carry traffic; the fallback adds the carrier,
 * the announcements and the report.  A partner heard on any port ends it.
 */
static void ad_fallback_tick(struct bond *bond)
{
	struct ad_priv *ad = ad_priv(bond);
	u32 secs = bond->params.lacp_fallback;
	u32 limit = secs * LACP_TICKS_PER_SEC;

	lockdep_assert_held(&ad->lb.lock);

	if (ad_partner_heard(bond))
		ad->silent = 0;
	else if (ad->silent < limit)
		ad->silent++;
	if (!ad->lb.fallback && limit && ad->silent >= limit) {
		WRITE_ONCE(ad->lb.fallback, true);
		netdev_warn(bond->dev, "No LACP partner on any port for %u s: falling back to one port (lacp_fallback)\n",
			    secs);
	} else if (ad->lb.fallback && (!limit || ad->silent < limit)) {
		WRITE_ONCE(ad->lb.fallback, false);
		netdev_info(bond->dev, "Leaving LACP fallback: %s\n",
			    limit ? "a partner answers" : "lacp_fallback is off");
	}
}

/* The port that carries the traffic in fallback is announced when it
 * changes, as active-backup announces a new active port
 */
static void ad_fallback_sync(struct bond *bond)
{
	struct ad_priv *ad = ad_priv(bond);
	struct bond_port *port, *carrier = NULL;

	ASSERT_RTNL();

	if (!READ_ONCE(ad->lb.fallback)) {
		ad->fallback_port = NULL;
		return;
	}
	bond_for_each_port(bond, port)
		if (bond_port_is_up(port) && READ_ONCE(ad_lp(port)->distributing))
			carrier = port;
	if (!carrier || carrier == ad->fallback_port)
		return;
	ad->fallback_port = carrier;
	port_info(carrier, "carries the traffic (lacp_fallback)\n");
	bond_peers_failover(bond);
}

/* ------------------------------------------- roles, carrier, the tick */

/* Gives the ports the roles the machines chose; refreshes the transmit
 * array when any changed.  RTNL.
 */
static void ad_sync(struct bond *bond)
{
	bool changed = false;
	struct bond_port *port;

	ASSERT_RTNL();

	bond_for_each_port(bond, port) {
		struct ad_port *ap = bond_port_priv(port);
		bool coll = READ_ONCE(ap->lp.collecting);
		bool dist = READ_ONCE(ap->lp.distributing);

		if (coll == ap->was_collecting && dist == ap->was_distributing)
			continue;
		ap->was_collecting = coll;
		ap->was_distributing = dist;
		bond_port_set_roles(port, coll, dist);
		changed = true;
	}
	if (changed)
		bond_update_tx(bond);
	bond_update_carrier(bond);
	ad_fallback_sync(bond);
}

static bool ad_carrier(struct bond *bond)
{
	struct ad_priv *ad = ad_priv(bond);
	struct lacp_agg *agg;
	bool up;

	spin_lock_bh(&ad->lb.lock);
	agg = lacp_active_agg(&ad->lb);
	up = agg && lacp_agg_ports_up(agg) >=
		    (ad->lb.fallback ? 1 : bond->params.min_links);
	spin_unlock_bh(&ad->lb.lock);
	return up;
}

/* ad_actor_port_prio is read here rather than pushed by its setter */
static void ad_refresh_port_prio(struct bond *bond)
{
	struct bond_port *port;

	bond_for_each_port(bond, port) {
		struct lacp_port *lp = ad_lp(port);

		if (lp->actor.port_prio != port->ad_port_prio) {
			lp->actor.port_prio = port->ad_port_prio;
			lp->ntt = true;
		}
	}
}

static void ad_tick(struct work_struct *work)
{
	struct ad_priv *ad = container_of(to_delayed_work(work),
					  struct ad_priv, tick);
	struct bond *bond = ad->bond;

	if (!rtnl_trylock()) {
		queue_delayed_work(system_power_efficient_wq, &ad->tick, 1);
		return;
	}
	spin_lock_bh(&ad->lb.lock);
	ad_refresh_port_prio(bond);
	lacp_tick(&ad->lb);
	ad_fallback_tick(bond);
	spin_unlock_bh(&ad->lb.lock);
	ad_sync(bond);
	queue_delayed_work(system_power_efficient_wq, &ad->tick,
			   msecs_to_jiffies(1000 / LACP_TICKS_PER_SEC));
	rtnl_unlock();
}

/* ------------------------------------------------------- the bond side */

/* The actor's system: ad_actor_system, or the bond's address as it is
 * when the first port joins or the actor options change.  lb.lock held.
 */
static void ad_load_actor(struct bond *bond)
{
	struct lacp_bond *lb = &ad_priv(bond)->lb;
	const struct bond_params *p = &bond->params;

	lb->sys_prio = p->ad_actor_sys_prio;
	if (is_zero_ether_addr(p->ad_actor_system))
		ether_addr_copy(lb->system, bond->dev->dev_addr);
	else
		ether_addr_copy(lb->system, p->ad_actor_system);
}

/* The machines' settings, from the options.  lb.lock held. */
static void ad_load_params(struct bond *bond)
{
	struct lacp_bond *lb = &ad_priv(bond)->lb;
	const struct bond_params *p = &bond->params;

	lb->user_key = p->ad_user_port_key;
	lb->ad_select = ad_select_policy[p->ad_select];
	lb->lacp_fast = p->lacp_fast;
	lb->lacp_active = p->lacp_active;
	lb->coupled = p->coupled_control;
}

static void ad_init(struct bond *bond)
{
	struct ad_priv *ad = ad_priv(bond);

	ad->bond = bond;
	lacp_bond_init(&ad->lb, &ad_lacp_ops);
	INIT_DELAYED_WORK(&ad->tick, ad_tick);
	ad_load_actor(bond);
	ad_load_params(bond);
}

static void ad_uninit(struct bond *bond)
{
	bond_tx_ports_free(&ad_priv(bond)->tx);
}

static int ad_open(struct bond *bond)
{
	struct ad_priv *ad = ad_priv(bond);
	struct bond_port *port;

	bond_for_each_port(bond, port)
		dev_mc_add(port->dev, lacp_slow_addr);
	spin_lock_bh(&ad->lb.lock);
	lacp_bond_start(&ad->lb);
	ad->silent = 0;
	spin_unlock_bh(&ad->lb.lock);
	queue_delayed_work(system_power_efficient_wq, &ad->tick, 0);
	return 0;
}

static void ad_stop(struct bond *bond)
{
	struct ad_priv *ad = ad_priv(bond);
	struct bond_port *port;

	cancel_delayed_work_sync(&ad->tick);
	spin_lock_bh(&ad->lb.lock);
	WRITE_ONCE(ad->lb.fallback, false);
	spin_unlock_bh(&ad->lb.lock);
	ad->fallback_port = NULL;
	bond_for_each_port(bond, port)
		dev_mc_del(port->dev, lacp_slow_addr);
}

static void ad_opt_change(struct bond *bond, enum bond_opt_id id)
{
	struct lacp_bond *lb = &ad_priv(bond)->lb;

	spin_lock_bh(&lb->lock);
	ad_load_params(bond);
	switch (id) {
	case BOND_OPT_LACP_RATE:
		lacp_actor_state_set(lb, LACP_STATE_LACP_TIMEOUT, lb->lacp_fast);
		break;
	case BOND_OPT_LACP_ACTIVE:
		lacp_actor_state_set(lb, LACP_STATE_LACP_ACTIVITY,
				     lb->lacp_active);
		break;
	case BOND_OPT_AD_ACTOR_SYS_PRIO:
	case BOND_OPT_AD_ACTOR_SYSTEM:
		ad_load_actor(bond);
		lacp_actor_changed(lb);
		break;
	default:
		break;
	}
	spin_unlock_bh(&lb->lock);
}

/* ---------------------------------------------------------------- ports */

static int ad_port_pre_add(struct bond *bond, struct net_device *dev,
			   struct netlink_ext_ack *extack)
{
	if (dev->type == ARPHRD_ETHER)
		return 0;
	NL_SET_ERR_MSG(extack, "8023AD mode requires Ethernet devices");
	netdev_err(bond->dev, "(slave %s): Error: 8023AD mode requires Ethernet devices\n",
		   dev->name);
	return -EINVAL;
}

/* Tells the machines the port's link, speed and duplex.  lb.lock held. */
static void ad_port_link_load(struct bond_port *port)
{
	lacp_port_link(ad_lp(port), port->link == BOND_LINK_UP,
		       lacp_speed_code(port->speed),
		       port->duplex == DUPLEX_FULL);
}

static int ad_port_add(struct bond *bond, struct bond_port *port,
		       struct netlink_ext_ack *extack)
{
	struct ad_priv *ad = ad_priv(bond);
	struct ad_port *ap = bond_port_priv(port);
	struct bond_port *last;
	u16 number = 1;

	ap->port = port;
	last = bond_has_ports(bond) ?
	       list_last_entry(&bond->ports, struct bond_port, list) : NULL;
	if (last)
		number = ad_lp(last)->actor.port + 1;
	spin_lock_bh(&ad->lb.lock);
	if (!last)
		ad_load_actor(bond);
	lacp_port_init(&ad->lb, &ap->lp, number, port->ad_port_prio);
	ad_port_link_load(port);
	spin_unlock_bh(&ad->lb.lock);
	if (netif_running(bond->dev))
		dev_mc_add(port->dev, lacp_slow_addr);
	return 0;
}

/* The partner hears once more from a leaving port that it is out */
static void ad_port_say_goodbye(struct lacp_port *lp)
{
	lp->actor.state &= ~(LACP_STATE_SYNCHRONIZATION |
			     LACP_STATE_COLLECTING | LACP_STATE_DISTRIBUTING |
			     LACP_STATE_AGGREGATION);
	if (lp->periodic_state != LACP_PERIODIC_NO)
		ad_send_lacpdu(lp);
}

static void ad_port_del(struct bond *bond, struct bond_port *port)
{
	struct ad_priv *ad = ad_priv(bond);
	struct lacp_port *lp = ad_lp(port);

	spin_lock_bh(&ad->lb.lock);
	if (netif_running(bond->dev))
		ad_port_say_goodbye(lp);
	lacp_port_remove(lp);
	spin_unlock_bh(&ad->lb.lock);
	if (ad->fallback_port == port)
		ad->fallback_port = NULL;
	if (netif_running(bond->dev))
		dev_mc_del(port->dev, lacp_slow_addr);
	ad_sync(bond);
}

static void ad_port_link_change(struct bond *bond, struct bond_port *port)
{
	struct ad_priv *ad = ad_priv(bond);

	spin_lock_bh(&ad->lb.lock);
	ad_port_link_load(port);
	spin_unlock_bh(&ad->lb.lock);
	ad_sync(bond);
}

/* -------------------------------------------------------------- receive */

static void ad_rx_lacpdu(struct bond_port *port, const u8 *buf,
			 unsigned int len)
{
	struct lacp_bond *lb = &ad_priv(port->bond)->lb;
	struct lacp_port *lp = ad_lp(port);
	struct lacp_pdu pdu;
	int err;

	if (lacp_pdu_parse(buf, len, &pdu)) {
		lacp_count(lp, LACP_STAT_LACPDU_ILLEGAL_RX);
		return;
	}
	spin_lock(&lb->lock);
	err = lacp_port_rx(lp, &pdu);
	spin_unlock(&lb->lock);
	if (err == -ELOOP && net_ratelimit())
		netdev_err(port->bond->dev, "(slave %s): An illegal loopback occurred on slave\nCheck the configuration to verify that all adapters are connected to 802.3ad compliant switch ports\n",
			   port->dev->name);
}

static void ad_rx_marker(struct bond_port *port, const u8 *buf,
			 unsigned int len)
{
	struct lacp_port *lp = ad_lp(port);
	u8 resp[LACP_PDU_LEN];

	switch (lacp_marker_check(buf, len)) {
	case LACP_MARKER_INFO:
		lacp_count(lp, LACP_STAT_MARKER_RX);
		memcpy(resp, buf, sizeof(resp));
		resp[2] = LACP_MARKER_RESPONSE;
		if (!ad_send_slow(port, resp, sizeof(resp)))
			lacp_count(lp, LACP_STAT_MARKER_RESP_TX);
		break;
	case LACP_MARKER_RESPONSE:
		lacp_count(lp, LACP_STAT_MARKER_RESP_RX);
		break;
	case 0:
		lacp_count(lp, LACP_STAT_MARKER_UNKNOWN_RX);
		break;
	default:
		lacp_count(lp, LACP_STAT_LACPDU_ILLEGAL_RX);
		break;
	}
}

/* Slow Protocols frames to 01-80-C2-00-00-02 are the mode's: LACPDUs and
 * Marker PDUs are consumed, other subtypes counted and passed on
 */
static enum bond_rx ad_rx(struct bond *bond, struct bond_port *port,
			  struct sk_buff *skb)
{
	u8 copy[LACP_PDU_LEN];
	const u8 *buf;

	if (skb->protocol != htons(ETH_P_SLOW) ||
	    !ether_addr_equal(eth_hdr(skb)->h_dest, lacp_slow_addr) ||
	    !netif_running(bond->dev))
		return BOND_RX_DEFAULT;
	/* Both PDUs are 110 octets: anything shorter is illegal, as in the
	 * tree, whatever its subtype
	 */
	buf = skb_header_pointer(skb, 0, sizeof(copy), copy);
	if (!buf) {
		lacp_count(ad_lp(port), LACP_STAT_LACPDU_ILLEGAL_RX);
		return BOND_RX_DEFAULT;
	}
	switch (buf[0]) {
	case LACP_SLOW_SUBTYPE_LACP:
		ad_rx_lacpdu(port, buf, skb->len);
		break;
	case LACP_SLOW_SUBTYPE_MARKER:
		ad_rx_marker(port, buf, skb->len);
		break;
	default:
		lacp_count(ad_lp(port), LACP_STAT_LACPDU_UNKNOWN_RX);
		return BOND_RX_DEFAULT;
	}
	consume_skb(skb);
	return BOND_RX_CONSUMED;
}

const struct bond_mode bond_mode_8023ad = {
	.id		= BOND_MODE_8023AD,
	.name		= "802.3ad",
	.proc_name	= "IEEE 802.3ad Dynamic link aggregation",
	.flags		= BOND_MODE_F_NEEDS_SPEED | BOND_MODE_F_PORT_ROLES,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_HASH,
	.port_priv_size	= sizeof(struct ad_port),
	.ops = {
		.init		= ad_init,
		.uninit		= ad_uninit,
		.open		= ad_open,
		.stop		= ad_stop,
		.port_pre_add	= ad_port_pre_add,
		.port_add	= ad_port_add,
		.port_del	= ad_port_del,
		.port_link_change = ad_port_link_change,
		.port_speed_change = ad_port_link_change,
		.opt_change	= ad_opt_change,
		.rx		= ad_rx,
		.port_can_tx	= ad_port_can_tx,
		.update_tx	= ad_update_tx,
		.select_port	= ad_select,
		.xmit		= ad_xmit,
		.uses_xmit_hash	= ad_uses_xmit_hash,
		.carrier	= ad_carrier,
		.proc_show	= ad_proc_show,
		.proc_port_show	= ad_proc_port_show,
		.nl_size	= ad_nl_size,
		.fill_info	= ad_fill_info,
		.nl_port_size	= ad_nl_port_size,
		.fill_port_info	= ad_fill_port_info,
		.fill_xstats	= ad_fill_xstats,
		.ad_info	= ad_info,
		.ad_port_info	= ad_port_info,
	},
};
