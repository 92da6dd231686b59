// SPDX-License-Identifier: GPL-2.0
/*
 * The LACP state machines of IEEE 802.1AX-2014 clause 6.4: receive (6.4.12),
 * periodic transmission (6.4.13), selection (6.4.14), mux (6.4.15),
 * transmit (6.4.16) and churn detection (6.4.17), stepped by lacp_tick()
 * every 100 ms and by lacp_port_rx() for each LACPDU.
 *
 * Where the 6.1 driver's behaviour and the standard differ, the driver's is
 * kept when partners rely on it (aggregator numbering, the 8 s selection
 * hold after the first port joins, enabling the ports of an aggregator that
 * has no partner so that a bond works without LACP on the other side);
 * churn detection follows the standard and leaves the churn state once the
 * port synchronises, which the driver never does.
 *
 * Every function runs with lb->lock held (see lacp.h).
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>

#include "lacp.h"

#define LACP_FAST_PERIODIC	(1 * LACP_TICKS_PER_SEC)
#define LACP_SLOW_PERIODIC	(30 * LACP_TICKS_PER_SEC)
#define LACP_SHORT_TIMEOUT	(3 * LACP_FAST_PERIODIC)
#define LACP_LONG_TIMEOUT	(3 * LACP_SLOW_PERIODIC)
#define LACP_CHURN_TIME		(60 * LACP_TICKS_PER_SEC)
#define LACP_AGGREGATE_WAIT	(2 * LACP_TICKS_PER_SEC)
#define LACP_TX_SPACING		(LACP_TICKS_PER_SEC / 3) /* 3 PDUs a second */
#define LACP_FIRST_SELECTION	(8 * LACP_TICKS_PER_SEC)

/* Link speeds in Mb/s, indexed by the key's speed code */
static const u32 lacp_speeds[] = {
	0, 1, SPEED_10, SPEED_100, SPEED_1000, SPEED_2500, SPEED_5000,
	SPEED_10000, SPEED_14000, SPEED_20000, SPEED_25000, SPEED_40000,
	SPEED_50000, SPEED_56000, SPEED_100000, SPEED_200000, SPEED_400000,
};

/* The key's speed code for @speed (Mb/s); 0 for a speed LACP lacks */
u8 lacp_speed_code(u32 speed)
{
	u8 i;

	for (i = 2; i < ARRAY_SIZE(lacp_speeds); i++)
		if (lacp_speeds[i] == speed)
			return i;
	return 0;
}

#define lacp_for_each_port(lb, lp) \
	list_for_each_entry(lp, &(lb)->ports, node)
#define lacp_for_each_agg_port(agg, lp) \
	list_for_each_entry(lp, &(agg)->ports, agg_node)

static bool lacp_agg_has_partner(const struct lacp_agg *agg)
{
	return !is_zero_ether_addr(agg->partner_system);
}

/* Ports of @agg whose link is up (the standard's port_enabled) */
unsigned int lacp_agg_ports_up(const struct lacp_agg *agg)
{
	const struct lacp_port *lp;
	unsigned int n = 0;

	lacp_for_each_agg_port(agg, lp)
		n += lp->link_up;
	return n;
}

static u64 lacp_agg_bandwidth(const struct lacp_agg *agg)
{
	const struct lacp_port *first;

	if (list_empty(&agg->ports))
		return 0;
	first = list_first_entry(&agg->ports, struct lacp_port, agg_node);
	if (first->speed_code >= ARRAY_SIZE(lacp_speeds))
		return 0;
	return (u64)lacp_agg_ports_up(agg) * lacp_speeds[first->speed_code];
}

struct lacp_agg *lacp_active_agg(struct lacp_bond *lb)
{
	struct lacp_port *lp;

	lacp_for_each_port(lb, lp)
		if (lp->own.active)
			return &lp->own;
	return NULL;
}

/* --------------------------------------------- collecting, distributing */

static void lacp_enable(struct lacp_port *lp)
{
	if (lp->link_up) {
		lp->collecting = true;
		lp->distributing = true;
	}
}

static void lacp_disable(struct lacp_port *lp)
{
	lp->collecting = false;
	lp->distributing = false;
}

/* The mux machine's requests; a port of an aggregator without partner
 * keeps working whatever the mux machine says (see the file comment).
 */
static void lacp_mux_enable(struct lacp_port *lp)
{
	if (lp->agg && lp->agg->active)
		lacp_enable(lp);
}

static void lacp_mux_disable(struct lacp_port *lp)
{
	if (lp->agg && lacp_agg_has_partner(lp->agg))
		lacp_disable(lp);
}

/* --------------------------------------------------- receive machine */

static bool lacp_info_equal(const struct lacp_info *a,
			    const struct lacp_info *b)
{
	return a->port == b->port && a->port_prio == b->port_prio &&
	       ether_addr_equal(a->system, b->system) &&
	       a->sys_prio == b->sys_prio && a->key == b->key &&
	       !((a->state ^ b->state) & LACP_STATE_AGGREGATION);
}

/* The partner assumed when none speaks (the administrative defaults) */
static const struct lacp_info lacp_partner_admin = {
	.sys_prio = 0xffff, .key = 1, .port_prio = 0xff, .port = 1,
};

static void lacp_record_default(struct lacp_port *lp)
{
	lp->partner = lacp_partner_admin;
	lp->actor.state |= LACP_STATE_DEFAULTED;
}

/* recordPDU: the partner as it describes itself; matched when it sees us
 * as we are, or is individual
 */
static void lacp_record_pdu(struct lacp_port *lp, const struct lacp_pdu *pdu)
{
	if (lacp_info_equal(&pdu->partner, &lp->actor) ||
	    !(pdu->actor.state & LACP_STATE_AGGREGATION))
		lp->vars |= LACP_V_MATCHED;
	else
		lp->vars &= ~LACP_V_MATCHED;
	lp->partner = pdu->actor;
	lp->actor.state &= ~LACP_STATE_DEFAULTED;
	if (!(lp->vars & LACP_V_MATCHED) ||
	    !(pdu->actor.state & LACP_STATE_SYNCHRONIZATION))
		lp->partner.state &= ~LACP_STATE_SYNCHRONIZATION;
}

/* updateNTT: the partner's view of us is stale */
static void lacp_update_ntt(struct lacp_port *lp, const struct lacp_pdu *pdu)
{
	const u8 mask = LACP_STATE_LACP_ACTIVITY | LACP_STATE_LACP_TIMEOUT |
			LACP_STATE_SYNCHRONIZATION | LACP_STATE_AGGREGATION;

	if (!lacp_info_equal(&pdu->partner, &lp->actor) ||
	    ((pdu->partner.state ^ lp->actor.state) & mask))
		lp->ntt = true;
}

static void lacp_rx_enter(struct lacp_port *lp, const struct lacp_pdu *pdu)
{
	switch (lp->rx_state) {
	case LACP_RX_INITIALIZE:
		if (lp->actor.key & LACP_KEY_DUPLEX)
			lp->vars |= LACP_V_LACP_ENABLED;
		else
			lp->vars &= ~LACP_V_LACP_ENABLED;
		lp->vars &= ~LACP_V_SELECTED;
		lacp_record_default(lp);
		lp->actor.state &= ~LACP_STATE_EXPIRED;
		lp->rx_state = LACP_RX_PORT_DISABLED;
		fallthrough;
	case LACP_RX_PORT_DISABLED:
		lp->vars &= ~LACP_V_MATCHED;
		lp->partner.state &= ~LACP_STATE_SYNCHRONIZATION;
		break;
	case LACP_RX_LACP_DISABLED:
		lp->vars &= ~LACP_V_SELECTED;
		lacp_record_default(lp);
		lp->partner.state &= ~LACP_STATE_AGGREGATION;
		lp->vars |= LACP_V_MATCHED;
		lp->actor.state &= ~LACP_STATE_EXPIRED;
		break;
	case LACP_RX_EXPIRED:
		lp->vars &= ~LACP_V_MATCHED;
		lp->partner.state &= ~LACP_STATE_SYNCHRONIZATION;
		lp->partner.state |= LACP_STATE_LACP_TIMEOUT;
		lp->rx_timer = LACP_SHORT_TIMEOUT;
		lp->actor.state |= LACP_STATE_EXPIRED;
		lp->vars |= LACP_V_CHURNED;
		break;
	case LACP_RX_DEFAULTED:
		/* update_Default_Selected, then recordDefault */
		if (!lacp_info_equal(&lacp_partner_admin, &lp->partner))
			lp->vars &= ~LACP_V_SELECTED;
		lacp_record_default(lp);
		lp->vars |= LACP_V_MATCHED;
		lp->actor.state &= ~LACP_STATE_EXPIRED;
		break;
	case LACP_RX_CURRENT:
		/* update_Selected: a new partner means a new aggregator */
		if (!lacp_info_equal(&pdu->actor, &lp->partner))
			lp->vars &= ~LACP_V_SELECTED;
		lacp_update_ntt(lp, pdu);
		lacp_record_pdu(lp, pdu);
		lp->rx_timer = (lp->actor.state & LACP_STATE_LACP_TIMEOUT) ?
			       LACP_SHORT_TIMEOUT : LACP_LONG_TIMEOUT;
		lp->actor.state &= ~LACP_STATE_EXPIRED;
		break;
	}
}

/* One step of the receive machine, with a PDU or on the tick */
static int lacp_rx_machine(struct lacp_port *lp, const struct lacp_pdu *pdu)
{
	u8 last = lp->rx_state;

	if (lp->vars & LACP_V_BEGIN) {
		lp->rx_state = LACP_RX_INITIALIZE;
		lp->vars |= LACP_V_CHURNED;
	} else if (!lp->link_up) {
		lp->rx_state = LACP_RX_PORT_DISABLED;
	} else if (pdu && (lp->rx_state == LACP_RX_EXPIRED ||
			   lp->rx_state == LACP_RX_DEFAULTED ||
			   lp->rx_state == LACP_RX_CURRENT)) {
		if (lp->rx_state != LACP_RX_CURRENT)
			lp->vars |= LACP_V_CHURNED;
		lp->rx_timer = 0;
		lp->rx_state = LACP_RX_CURRENT;
	} else if (lp->rx_timer && !--lp->rx_timer) {
		if (lp->rx_state == LACP_RX_EXPIRED)
			lp->rx_state = LACP_RX_DEFAULTED;
		else if (lp->rx_state == LACP_RX_CURRENT)
			lp->rx_state = LACP_RX_EXPIRED;
	} else if (lp->rx_state == LACP_RX_PORT_DISABLED) {
		lp->rx_state = (lp->vars & LACP_V_LACP_ENABLED) ?
			       LACP_RX_EXPIRED : LACP_RX_LACP_DISABLED;
	}

	if (lp->rx_state == last && !pdu)
		return 0;
	/* Our own PDU came back: a loop, not a partner */
	if (pdu && lp->rx_state == LACP_RX_CURRENT &&
	    ether_addr_equal(pdu->actor.system, lp->actor.system))
		return -ELOOP;
	lacp_rx_enter(lp, pdu);
	return 0;
}

/* ---------------------------------------- periodic transmission machine */

static void lacp_periodic_machine(struct lacp_port *lp)
{
	bool partner_fast = lp->partner.state & LACP_STATE_LACP_TIMEOUT;
	u8 last = lp->periodic_state;

	if ((lp->vars & LACP_V_BEGIN) || !(lp->vars & LACP_V_LACP_ENABLED) ||
	    !lp->link_up ||
	    !((lp->actor.state | lp->partner.state) &
	      LACP_STATE_LACP_ACTIVITY)) {
		lp->periodic_state = LACP_PERIODIC_NO;
	} else if (lp->periodic_timer) {
		if (!--lp->periodic_timer)
			lp->periodic_state = LACP_PERIODIC_TX;
		else if (lp->periodic_state == LACP_PERIODIC_FAST &&
			 !partner_fast)
			lp->periodic_state = LACP_PERIODIC_SLOW;
		else if (lp->periodic_state == LACP_PERIODIC_SLOW &&
			 partner_fast)
			lp->periodic_state = LACP_PERIODIC_TX;
	} else if (lp->periodic_state == LACP_PERIODIC_NO) {
		lp->periodic_state = LACP_PERIODIC_FAST;
	} else if (lp->periodic_state == LACP_PERIODIC_TX) {
		lp->periodic_state = partner_fast ? LACP_PERIODIC_FAST :
						    LACP_PERIODIC_SLOW;
	}

	if (lp->periodic_state == last)
		return;
	switch (lp->periodic_state) {
	case LACP_PERIODIC_NO:
		lp->periodic_timer = 0;
		break;
	case LACP_PERIODIC_FAST:
		lp->periodic_timer = LACP_FAST_PERIODIC - 1;
		break;
	case LACP_PERIODIC_SLOW:
		lp->periodic_timer = LACP_SLOW_PERIODIC - 1;
		break;
	case LACP_PERIODIC_TX:
		lp->periodic_timer = 0;
		lp->ntt = true;
		break;
	}
}

/* -------------------------------------------------- selection logic */

static void lacp_agg_clear(struct lacp_agg *agg)
{
	u16 id = agg->id;

	*agg = (struct lacp_agg) { .id = id };
	INIT_LIST_HEAD(&agg->ports);
}

/* READY: every port attached to @agg has waited its aggregate_wait */
static void lacp_agg_update_ready(struct lacp_agg *agg)
{
	struct lacp_port *lp;
	bool ready = true;

	if (!agg)
		return;
	lacp_for_each_agg_port(agg, lp)
		ready &= !!(lp->vars & LACP_V_READY_N);
	lacp_for_each_agg_port(agg, lp)
		if (ready)
			lp->vars |= LACP_V_READY;
		else
			lp->vars &= ~LACP_V_READY;
}

static bool lacp_agg_link_up(const struct lacp_agg *agg)
{
	return lacp_agg_ports_up(agg) > 0;
}

/* The better of two aggregators by the tree's rules: aggregatable before
 * individual, answered before unanswered, then by ad_select
 */
static struct lacp_agg *lacp_agg_better(struct lacp_bond *lb,
					struct lacp_agg *best,
					struct lacp_agg *cur)
{
	if (!best)
		return cur;
	if (best->individual != cur->individual)
		return best->individual ? cur : best;
	if (lacp_agg_has_partner(best) != lacp_agg_has_partner(cur))
		return lacp_agg_has_partner(cur) ? cur : best;
	if (lb->ad_select == LACP_SELECT_COUNT &&
	    lacp_agg_ports_up(cur) != lacp_agg_ports_up(best))
		return lacp_agg_ports_up(cur) > lacp_agg_ports_up(best) ?
		       cur : best;
	return lacp_agg_bandwidth(cur) > lacp_agg_bandwidth(best) ? cur : best;
}

/* ad_select stable: the active aggregator stays while it carries traffic
 * and nothing with a partner replaces one without
 */
static bool lacp_agg_keep(struct lacp_agg *active, struct lacp_agg *best)
{
	if (!active || list_empty(&active->ports) ||
	    !lacp_agg_ports_up(active))
		return false;
	if (!lacp_agg_has_partner(active) && lacp_agg_has_partner(best))
		return false;
	return active->actor_key || !best->actor_key;
}

/* Chooses the bond's active aggregator */
static void lacp_agg_select(struct lacp_bond *lb)
{
	struct lacp_agg *active = lacp_active_agg(lb), *best;
	struct lacp_port *lp, *p;

	best = active && lacp_agg_link_up(active) ? active : NULL;
	lacp_for_each_port(lb, lp) {
		lp->own.active = false;
		if (lacp_agg_link_up(&lp->own))
			best = lacp_agg_better(lb, best, &lp->own);
	}
	if (best && lb->ad_select == LACP_SELECT_STABLE &&
	    lacp_agg_keep(active, best))
		best = active;
	if (best && best == active) {
		active->active = true;
	} else if (best) {
		best->active = true;
		if (active)
			lacp_for_each_agg_port(active, p)
				lacp_disable(p);
	}
	active = lacp_active_agg(lb);
	if (active && !lacp_agg_has_partner(active))
		lacp_for_each_agg_port(active, p)
			lacp_enable(p);
}

static void lacp_port_detach(struct lacp_port *lp)
{
	struct lacp_agg *agg = lp->agg;

	if (!agg)
		return;
	list_del_init(&lp->agg_node);
	WRITE_ONCE(lp->agg, NULL);
	if (list_empty(&agg->ports))
		lacp_agg_clear(agg);
}

static void lacp_port_attach(struct lacp_port *lp, struct lacp_agg *agg)
{
	list_add(&lp->agg_node, &agg->ports);
	WRITE_ONCE(lp->agg, agg);
	lp->vars |= LACP_V_SELECTED;
}

static bool lacp_agg_fits(const struct lacp_agg *agg,
			  const struct lacp_port *lp)
{
	return agg->actor_key == lp->actor.key &&
	       ether_addr_equal(agg->partner_system, lp->partner.system) &&
	       agg->partner_sys_prio == lp->partner.sys_prio &&
	       agg->partner_key == lp->partner.key &&
	       lacp_agg_has_partner(agg) && !agg->individual;
}

/* Selection logic: attach @lp to the aggregator of its key and partner,
 * or to a free one
 */
static void lacp_port_select(struct lacp_port *lp)
{
	struct lacp_agg *agg, *free_agg = NULL;
	struct lacp_bond *lb = lp->lb;
	struct lacp_port *p;

	if (lp->vars & LACP_V_SELECTED)
		return;
	lacp_port_detach(lp);
	lacp_for_each_port(lb, p) {
		agg = &p->own;
		if (list_empty(&agg->ports)) {
			if (!free_agg)
				free_agg = agg;
		} else if (lacp_agg_fits(agg, lp)) {
			lacp_port_attach(lp, agg);
			break;
		}
	}
	if (!lp->agg) {
		if (WARN_ON_ONCE(!free_agg))
			return;
		agg = free_agg;
		agg->individual = !(lp->actor.key & LACP_KEY_DUPLEX);
		agg->actor_key = lp->actor.key;
		ether_addr_copy(agg->partner_system, lp->partner.system);
		agg->partner_sys_prio = lp->partner.sys_prio;
		agg->partner_key = lp->partner.key;
		lacp_port_attach(lp, agg);
	}
	lacp_agg_update_ready(lp->agg);
	lacp_agg_select(lb);
	if (!lp->agg->active)
		lp->actor.state &= ~LACP_STATE_SYNCHRONIZATION;
}

/* ---------------------------------------------------------- mux machine */

static bool lacp_partner_in_sync(const struct lacp_port *lp)
{
	return lp->partner.state & LACP_STATE_SYNCHRONIZATION;
}

/* Whether a collecting/distributing port must fall back to ATTACHED */
static bool lacp_mux_must_attach(const struct lacp_port *lp)
{
	return !(lp->vars & LACP_V_SELECTED) || (lp->vars & LACP_V_STANDBY) ||
	       !lacp_partner_in_sync(lp) ||
	       !(lp->actor.state & LACP_STATE_SYNCHRONIZATION);
}

static void lacp_mux_detach(struct lacp_port *lp)
{
	lp->vars &= ~LACP_V_READY_N;
	lacp_agg_update_ready(lp->agg);
	lp->mux_state = LACP_MUX_DETACHED;
}

static void lacp_mux_next(struct lacp_port *lp)
{
	struct lacp_agg *agg = lp->agg;
	bool selected = lp->vars & LACP_V_SELECTED;

	switch (lp->mux_state) {
	case LACP_MUX_DETACHED:
		if (selected || (lp->vars & LACP_V_STANDBY))
			lp->mux_state = LACP_MUX_WAITING;
		break;
	case LACP_MUX_WAITING:
		if (!selected) {
			lacp_mux_detach(lp);
			break;
		}
		if (lp->mux_timer && !--lp->mux_timer)
			lp->vars |= LACP_V_READY_N;
		lacp_agg_update_ready(agg);
		if ((lp->vars & LACP_V_READY) && !lp->mux_timer)
			lp->mux_state = LACP_MUX_ATTACHED;
		break;
	case LACP_MUX_ATTACHED:
		if (selected && lacp_partner_in_sync(lp) &&
		    !lp->lb->select_timer) {
			if (agg->active)
				lp->mux_state = lp->lb->coupled ?
						LACP_MUX_COLL_DIST :
						LACP_MUX_COLLECTING;
		} else if (!selected || (lp->vars & LACP_V_STANDBY)) {
			lacp_mux_detach(lp);
		} else if (agg->active) {
			lp->actor.state |= LACP_STATE_SYNCHRONIZATION;
		}
		break;
	case LACP_MUX_COLL_DIST:
		if (lacp_mux_must_attach(lp))
			lp->mux_state = LACP_MUX_ATTACHED;
		else if (agg->active && !lp->distributing)
			lacp_enable(lp);
		break;
	case LACP_MUX_COLLECTING:
		if (lacp_mux_must_attach(lp))
			lp->mux_state = LACP_MUX_ATTACHED;
		else if (lp->partner.state & LACP_STATE_COLLECTING)
			lp->mux_state = LACP_MUX_DISTRIBUTING;
		else if (agg->active && lp->link_up)
			lp->collecting = true;
		break;
	case LACP_MUX_DISTRIBUTING:
		if (lacp_mux_must_attach(lp) ||
		    !(lp->partner.state & LACP_STATE_COLLECTING))
			lp->mux_state = LACP_MUX_COLLECTING;
		else if (agg && agg->active && !lp->distributing)
			lacp_enable(lp);
		break;
	}
}

static void lacp_mux_enter(struct lacp_port *lp)
{
	u8 *state = &lp->actor.state;

	switch (lp->mux_state) {
	case LACP_MUX_DETACHED:
		*state &= ~(LACP_STATE_SYNCHRONIZATION | LACP_STATE_COLLECTING |
			    LACP_STATE_DISTRIBUTING);
		lacp_mux_disable(lp);
		lp->ntt = true;
		break;
	case LACP_MUX_WAITING:
		lp->mux_timer = LACP_AGGREGATE_WAIT;
		break;
	case LACP_MUX_ATTACHED:
		if (lp->agg->active)
			*state |= LACP_STATE_SYNCHRONIZATION;
		else
			*state &= ~LACP_STATE_SYNCHRONIZATION;
		*state &= ~(LACP_STATE_COLLECTING | LACP_STATE_DISTRIBUTING);
		lacp_mux_disable(lp);
		lp->ntt = true;
		break;
	case LACP_MUX_COLL_DIST:
		*state |= LACP_STATE_SYNCHRONIZATION | LACP_STATE_COLLECTING |
			  LACP_STATE_DISTRIBUTING;
		lacp_mux_enable(lp);
		lp->ntt = true;
		break;
	case LACP_MUX_COLLECTING:
		/* Collecting alone: receive, do not send yet */
		*state |= LACP_STATE_SYNCHRONIZATION | LACP_STATE_COLLECTING;
		*state &= ~LACP_STATE_DISTRIBUTING;
		if (lacp_agg_has_partner(lp->agg))
			lp->distributing = false;
		if (lp->agg->active && lp->link_up)
			lp->collecting = true;
		lp->ntt = true;
		break;
	case LACP_MUX_DISTRIBUTING:
		*state |= LACP_STATE_SYNCHRONIZATION | LACP_STATE_DISTRIBUTING;
		lacp_mux_enable(lp);
		break;
	}
}

static void lacp_mux_machine(struct lacp_port *lp)
{
	u8 last = lp->mux_state;

	if (lp->vars & LACP_V_BEGIN)
		lp->mux_state = LACP_MUX_DETACHED;
	else
		lacp_mux_next(lp);
	if (lp->mux_state != last)
		lacp_mux_enter(lp);
}

/* ------------------------------------------------- transmit machine */

/* A port whose periodic machine is idle (passive, and so is the partner;
 * or LACP off) does not transmit, as 6.4.16 says: what it has to say waits
 * until its partner speaks.  The tree sends on every state change, so that
 * two passive ends aggregate there.
 */
static void lacp_tx_machine(struct lacp_port *lp)
{
	if (lp->periodic_state == LACP_PERIODIC_NO)
		return;
	if (lp->tx_timer && --lp->tx_timer)
		return;
	if (lp->ntt && (lp->vars & LACP_V_LACP_ENABLED) &&
	    lp->lb->ops->send(lp) >= 0)
		lp->ntt = false;
	lp->tx_timer = LACP_TX_SPACING;
}

/* ---------------------------------------------- churn detection */

static void lacp_churn_step(u8 *state, u16 *timer, u32 *count, bool sync)
{
	if (*state == LACP_CHURN && sync) {
		*state = LACP_CHURN_NONE;
		return;
	}
	if (!*timer || --*timer || *state != LACP_CHURN_MONITOR)
		return;
	if (sync) {
		*state = LACP_CHURN_NONE;
	} else {
		*state = LACP_CHURN;
		(*count)++;
	}
}

static void lacp_churn_machine(struct lacp_port *lp)
{
	if (lp->vars & LACP_V_CHURNED) {
		lp->vars &= ~LACP_V_CHURNED;
		lp->churn_actor = LACP_CHURN_MONITOR;
		lp->churn_partner = LACP_CHURN_MONITOR;
		lp->churn_actor_timer = LACP_CHURN_TIME;
		lp->churn_partner_timer = LACP_CHURN_TIME;
		return;
	}
	lacp_churn_step(&lp->churn_actor, &lp->churn_actor_timer,
			&lp->churn_actor_count,
			lp->actor.state & LACP_STATE_SYNCHRONIZATION);
	lacp_churn_step(&lp->churn_partner, &lp->churn_partner_timer,
			&lp->churn_partner_count, lacp_partner_in_sync(lp));
}

/* ----------------------------------------------------------- the API */

void lacp_bond_init(struct lacp_bond *lb, const struct lacp_ops *ops)
{
	int i;

	spin_lock_init(&lb->lock);
	INIT_LIST_HEAD(&lb->ports);
	for (i = 0; i < LACP_STAT_COUNT; i++)
		atomic64_set(&lb->stats[i], 0);
	lb->ops = ops;
}

/* The bond went up: select soon */
void lacp_bond_start(struct lacp_bond *lb)
{
	lb->select_timer = 1;
}

/* A new port: numbered @number, with actor port priority @port_prio */
void lacp_port_init(struct lacp_bond *lb, struct lacp_port *lp, u16 number,
		    u16 port_prio)
{
	int i;

	lockdep_assert_held(&lb->lock);

	if (list_empty(&lb->ports)) {
		lb->next_agg_id = 0;
		lb->select_timer = LACP_FIRST_SELECTION;
	}
	lp->lb = lb;
	INIT_LIST_HEAD(&lp->agg_node);
	lacp_agg_clear(&lp->own);
	lp->own.id = ++lb->next_agg_id;
	lp->admin_key = lb->user_key << LACP_KEY_USER_SHIFT;
	lp->actor = (struct lacp_info) {
		.sys_prio = lb->sys_prio, .key = lp->admin_key,
		.port_prio = port_prio, .port = number,
		.state = LACP_STATE_AGGREGATION,
	};
	ether_addr_copy(lp->actor.system, lb->system);
	if (lb->lacp_active)
		lp->actor.state |= LACP_STATE_LACP_ACTIVITY;
	if (lb->lacp_fast)
		lp->actor.state |= LACP_STATE_LACP_TIMEOUT;
	lacp_record_default(lp);
	lp->actor.state &= ~LACP_STATE_DEFAULTED;
	lp->vars = LACP_V_BEGIN | LACP_V_LACP_ENABLED;
	lp->tx_timer = LACP_TX_SPACING;
	for (i = 0; i < LACP_STAT_COUNT; i++)
		atomic64_set(&lp->stats[i], 0);
	list_add_tail(&lp->node, &lb->ports);
}

/* Moves the other ports attached to @lp's own aggregator to a free one,
 * which keeps the aggregator's ID and role (the tree's renumbering)
 */
static void lacp_agg_move(struct lacp_port *lp)
{
	struct lacp_agg *from = &lp->own, *to = NULL;
	struct lacp_port *p, *tmp;

	lacp_for_each_port(lp->lb, p)
		if (p != lp && list_empty(&p->own.ports)) {
			to = &p->own;
			break;
		}
	if (!to)
		return;
	*to = (struct lacp_agg) {
		.id = to->id, .individual = from->individual,
		.active = from->active, .actor_key = from->actor_key,
		.partner_key = from->partner_key,
		.partner_sys_prio = from->partner_sys_prio,
	};
	ether_addr_copy(to->partner_system, from->partner_system);
	INIT_LIST_HEAD(&to->ports);
	list_for_each_entry_safe(p, tmp, &from->ports, agg_node) {
		list_move_tail(&p->agg_node, &to->ports);
		WRITE_ONCE(p->agg, to);
	}
	lacp_agg_clear(from);
}

/* @lp leaves the bond; its aggregator's other ports move elsewhere */
void lacp_port_remove(struct lacp_port *lp)
{
	struct lacp_bond *lb = lp->lb;
	bool was_active;

	lockdep_assert_held(&lb->lock);

	lacp_port_detach(lp);
	was_active = lp->own.active;
	if (!list_empty(&lp->own.ports))
		lacp_agg_move(lp);
	list_del(&lp->node);
	lacp_disable(lp);
	if (was_active || !lacp_active_agg(lb))
		lacp_agg_select(lb);
}

/* The port's link, speed or duplex changed: re-key it and reselect */
void lacp_port_link(struct lacp_port *lp, bool up, u8 speed_code,
		    bool full_duplex)
{
	u16 old = lp->actor.key;
	u8 old_speed = (old & LACP_KEY_SPEED) >> 1;

	lockdep_assert_held(&lp->lb->lock);

	lp->link_up = up;
	lp->speed_code = up ? speed_code : 0;
	lp->actor.key = lp->admin_key & ~(LACP_KEY_SPEED | LACP_KEY_DUPLEX);
	if (up)
		lp->actor.key |= speed_code << 1 | (full_duplex ? 1 : 0);
	if (!up)
		lacp_disable(lp);
	if (lp->actor.key != old) {
		if (lp->actor.key & LACP_KEY_DUPLEX)
			lp->vars |= LACP_V_LACP_ENABLED;
		else
			lp->vars &= ~LACP_V_LACP_ENABLED;
		if (up && speed_code && full_duplex && old_speed != speed_code)
			lp->vars |= LACP_V_BEGIN;
	}
	lp->admin_key = lp->actor.key;
	lacp_agg_select(lp->lb);
}

/* An LACPDU arrived on @lp.  -ELOOP: it is our own. */
int lacp_port_rx(struct lacp_port *lp, const struct lacp_pdu *pdu)
{
	lockdep_assert_held(&lp->lb->lock);

	lacp_count(lp, LACP_STAT_LACPDU_RX);
	return lacp_rx_machine(lp, pdu);
}

/* One 100 ms step of every machine of every port */
void lacp_tick(struct lacp_bond *lb)
{
	struct lacp_port *lp;

	lockdep_assert_held(&lb->lock);

	if (lb->select_timer && !--lb->select_timer)
		lacp_agg_select(lb);
	lacp_for_each_port(lb, lp) {
		lacp_rx_machine(lp, NULL);
		lacp_periodic_machine(lp);
		lacp_port_select(lp);
		lacp_mux_machine(lp);
		lacp_tx_machine(lp);
		lacp_churn_machine(lp);
		lp->vars &= ~LACP_V_BEGIN;
	}
}

/* ad_actor_sys_prio or ad_actor_system changed.  A new ad_user_port_key
 * applies to ports that join later, as in the tree.
 */
void lacp_actor_changed(struct lacp_bond *lb)
{
	struct lacp_port *lp;

	lockdep_assert_held(&lb->lock);

	lacp_for_each_port(lb, lp) {
		lp->actor.sys_prio = lb->sys_prio;
		ether_addr_copy(lp->actor.system, lb->system);
		lp->ntt = true;
	}
}

/* lacp_rate or lacp_active changed: @bit of every actor state follows */
void lacp_actor_state_set(struct lacp_bond *lb, u8 bit, bool on)
{
	struct lacp_port *lp;

	lockdep_assert_held(&lb->lock);

	lacp_for_each_port(lb, lp)
		if (on)
			lp->actor.state |= bit;
		else
			lp->actor.state &= ~bit;
}
