/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LACP (IEEE 802.1AX-2014, clause 6) as the 802.3ad mode runs it: the
 * per-port state machines and aggregator selection (lacp.c), written as
 * logic over struct lacp_port and a 100 ms tick so that they can be read
 * against the standard, and the LACPDU / Marker PDU formats (lacp_pdu.c).
 * Nothing here knows about sk_buffs or net_devices except through
 * struct lacp_ops; bond_modes/ad.c is the glue to the bond.
 *
 * Locking: every function below runs with lacp_bond->lock held (the
 * receive path takes it in BH, the tick and the glue with BH off); the
 * entry points of lacp.c assert it.
 */
#ifndef _BOND_LACP_H
#define _BOND_LACP_H

#include <linux/if_bonding.h>
#include <linux/if_ether.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#define LACP_TICKS_PER_SEC	10	/* the state machines' clock: 100 ms */

/* An actor's or partner's parameters, as an LACPDU carries them */
struct lacp_info {
	u16 sys_prio;
	u8 system[ETH_ALEN];
	u16 key;
	u16 port_prio;
	u16 port;
	u8 state;		/* LACP_STATE_* */
};

/* A parsed LACPDU */
struct lacp_pdu {
	struct lacp_info actor;
	struct lacp_info partner;
	u16 collector_max_delay;
};

/* Per-port counters, as the tree reports them (BOND_3AD_STAT_*) */
enum lacp_stat {
	LACP_STAT_LACPDU_RX,
	LACP_STAT_LACPDU_TX,
	LACP_STAT_LACPDU_UNKNOWN_RX,
	LACP_STAT_LACPDU_ILLEGAL_RX,
	LACP_STAT_MARKER_RX,
	LACP_STAT_MARKER_TX,
	LACP_STAT_MARKER_RESP_RX,
	LACP_STAT_MARKER_RESP_TX,
	LACP_STAT_MARKER_UNKNOWN_RX,
	LACP_STAT_COUNT,
};

/* Churn detection states, numbered as the tree reports them */
enum lacp_churn {
	LACP_CHURN_MONITOR,
	LACP_CHURN,
	LACP_CHURN_NONE,
};

enum lacp_rx_state {
	LACP_RX_NONE,
	LACP_RX_INITIALIZE,
	LACP_RX_PORT_DISABLED,
	LACP_RX_LACP_DISABLED,
	LACP_RX_EXPIRED,
	LACP_RX_DEFAULTED,
	LACP_RX_CURRENT,
};

enum lacp_periodic_state {
	LACP_PERIODIC_NONE,
	LACP_PERIODIC_NO,
	LACP_PERIODIC_FAST,
	LACP_PERIODIC_SLOW,
	LACP_PERIODIC_TX,
};

enum lacp_mux_state {
	LACP_MUX_NONE,
	LACP_MUX_DETACHED,
	LACP_MUX_WAITING,
	LACP_MUX_ATTACHED,
	LACP_MUX_COLLECTING,
	LACP_MUX_DISTRIBUTING,
	LACP_MUX_COLL_DIST,	/* coupled control: both at once */
};

/* Aggregator selection (lacp_bond.ad_select), numbered as ad_select */
enum lacp_select {
	LACP_SELECT_STABLE,
	LACP_SELECT_BANDWIDTH,
	LACP_SELECT_COUNT,
};

/* The actor key: user key in bits 6-15, speed in 1-5, full duplex in 0 */
#define LACP_KEY_DUPLEX		0x1
#define LACP_KEY_SPEED		0x3e
#define LACP_KEY_USER_SHIFT	6

/* lacp_port.vars: the standard's per-port variables */
#define LACP_V_BEGIN		BIT(0)
#define LACP_V_LACP_ENABLED	BIT(1)	/* full duplex: LACP runs */
#define LACP_V_CHURNED		BIT(2)	/* restart churn detection */
#define LACP_V_READY		BIT(3)
#define LACP_V_READY_N		BIT(4)
#define LACP_V_MATCHED		BIT(5)
#define LACP_V_STANDBY		BIT(6)
#define LACP_V_SELECTED		BIT(7)

/**
 * struct lacp_agg - an aggregator
 * @id: Aggregator ID, from 1 in the order the ports joined
 * @individual: holds an individual port (not aggregatable)
 * @active: the bond's active aggregator: its ports carry the traffic
 * @actor_key: the key of the ports it holds
 * @partner_key: the partner's key for them
 * @partner_sys_prio: the partner's system priority
 * @partner_system: the partner's system ID (zero: no partner)
 * @ports: the ports attached (lacp_port.agg_node)
 */
struct lacp_agg {
	u16 id;
	bool individual;
	bool active;
	u16 actor_key;
	u16 partner_key;
	u16 partner_sys_prio;
	u8 partner_system[ETH_ALEN];
	struct list_head ports;
};

struct lacp_bond;

/**
 * struct lacp_port - one port's LACP state
 * @lb: the bond's LACP state
 * @node: entry in lb->ports
 * @own: the aggregator this port brings (each port brings one, as in the
 *	standard; ports with the same key and partner share one of them)
 * @agg: the aggregator the port is attached to, or NULL
 * @agg_node: entry in @agg->ports
 * @actor: the actor's operational parameters
 * @partner: the partner's operational parameters
 * @admin_key: actor key from ad_user_port_key, speed and duplex
 * @speed_code: the key's speed field (0: unknown or link down)
 * @link_up: the port's link, as the bond's monitors see it (port_enabled)
 * @collecting: the port receives for the bond
 * @distributing: the port sends for the bond (the tree's "active" port)
 * @vars: LACP_V_*
 * @ntt: need to transmit
 * @rx_state: receive machine state
 * @periodic_state: periodic transmission machine state
 * @mux_state: mux machine state
 * @churn_actor: actor churn state (enum lacp_churn)
 * @churn_partner: partner churn state
 * @rx_timer: current_while timer, in ticks
 * @periodic_timer: periodic timer
 * @mux_timer: wait_while timer
 * @tx_timer: ticks until the transmit machine may send again
 * @churn_actor_timer: actor churn timer
 * @churn_partner_timer: partner churn timer
 * @churn_actor_count: times the actor churned
 * @churn_partner_count: times the partner churned
 * @stats: counters (lacp_stat)
 */
struct lacp_port {
	struct lacp_bond *lb;
	struct list_head node;
	struct lacp_agg own;
	struct lacp_agg *agg;
	struct list_head agg_node;
	struct lacp_info actor;
	struct lacp_info partner;
	u16 admin_key;
	u8 speed_code;
	bool link_up;
	bool collecting;
	bool distributing;
	u32 vars;
	bool ntt;
	u8 rx_state;
	u8 periodic_state;
	u8 mux_state;
	u8 churn_actor;
	u8 churn_partner;
	u16 rx_timer;
	u16 periodic_timer;
	u16 mux_timer;
	u16 tx_timer;
	u16 churn_actor_timer;
	u16 churn_partner_timer;
	u32 churn_actor_count;
	u32 churn_partner_count;
	atomic64_t stats[LACP_STAT_COUNT];
};

/**
 * struct lacp_ops - what the state machines need of the bond
 * @send: transmit an LACPDU built from @lp's actor and partner
 */
struct lacp_ops {
	int (*send)(struct lacp_port *lp);
};

/**
 * struct lacp_bond - a bond's LACP state
 * @lock: serialises the machines: receive (BH), tick, configuration
 * @ports: the ports, in enslave order
 * @ops: the bond's side
 * @next_agg_id: the last aggregator ID given
 * @select_timer: ticks until the first aggregator selection after start
 * @sys_prio: actor system priority (ad_actor_sys_prio)
 * @system: actor system ID (ad_actor_system, or the bond's address)
 * @user_key: ad_user_port_key: the upper bits of every port's key
 * @ad_select: enum lacp_select
 * @lacp_fast: ask the partner for fast LACPDUs (short timeout)
 * @lacp_active: speak first (LACP activity)
 * @coupled: coupled control: collecting and distributing together
 * @fallback: set by the glue (lacp_fallback): no port has had a partner
 *	for a while, and the active aggregator's one port carries the traffic
 *	whatever min_links says; only reported here (written with
 *	WRITE_ONCE() under @lock, read locklessly by /proc and the glue)
 * @stats: counters of every port, those that left included (lacp_stat)
 */
struct lacp_bond {
	spinlock_t lock;	/* the machines, see above */
	struct list_head ports;
	const struct lacp_ops *ops;
	u16 next_agg_id;
	u16 select_timer;
	u16 sys_prio;
	u8 system[ETH_ALEN];
	u16 user_key;
	u8 ad_select;
	bool lacp_fast;
	bool lacp_active;
	bool coupled;
	bool fallback;
	atomic64_t stats[LACP_STAT_COUNT];
};

/* Counts @stat for @lp and its bond; any context, no lock needed */
static inline void lacp_count(struct lacp_port *lp, enum lacp_stat stat)
{
	atomic64_inc(&lp->stats[stat]);
	atomic64_inc(&lp->lb->stats[stat]);
}

/* lacp.c: the state machines */
void lacp_bond_init(struct lacp_bond *lb, const struct lacp_ops *ops);
void lacp_bond_start(struct lacp_bond *lb);
void lacp_port_init(struct lacp_bond *lb, struct lacp_port *lp, u16 number,
		    u16 port_prio);
void lacp_port_remove(struct lacp_port *lp);
void lacp_port_link(struct lacp_port *lp, bool up, u8 speed_code,
		    bool full_duplex);
int lacp_port_rx(struct lacp_port *lp, const struct lacp_pdu *pdu);
void lacp_tick(struct lacp_bond *lb);
void lacp_actor_changed(struct lacp_bond *lb);
void lacp_actor_state_set(struct lacp_bond *lb, u8 bit, bool on);
struct lacp_agg *lacp_active_agg(struct lacp_bond *lb);
unsigned int lacp_agg_ports_up(const struct lacp_agg *agg);
u8 lacp_speed_code(u32 speed);

/* lacp_pdu.c: the PDUs on the wire */
#define LACP_SLOW_SUBTYPE_LACP		1
#define LACP_SLOW_SUBTYPE_MARKER	2
#define LACP_MARKER_INFO		1
#define LACP_MARKER_RESPONSE		2
#define LACP_PDU_LEN			110	/* octets after the MAC header */

extern const u8 lacp_slow_addr[ETH_ALEN];
void lacp_pdu_build(u8 *buf, const struct lacp_port *lp);
int lacp_pdu_parse(const u8 *buf, unsigned int len, struct lacp_pdu *pdu);
int lacp_marker_check(const u8 *buf, unsigned int len);

#endif /* _BOND_LACP_H */
