/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mode contract.  Each bonding mode is one const struct bond_mode in
 * bond_modes/; the core calls a mode only through it and never tests which
 * mode is in use.  A property that changes core behaviour is a flag below
 * or an operation, documented here; Documentation/design.rst explains
 * each one with its caller.
 */
#ifndef _BOND_MODE_H
#define _BOND_MODE_H

#include <linux/if_ether.h>
#include <linux/netdevice.h>

struct bond;
struct bond_port;
struct seq_file;
enum bond_opt_id;

/* One port is active, chosen by the core (bond_active.c) from the ports
 * whose link is up, honouring primary and primary_reselect.  Only the
 * active port receives for the bond; the others are backups.
 */
#define BOND_MODE_F_ACTIVE_PORT	BIT(0)
/* Every port sends every frame: the bond is as fast as its slowest port */
#define BOND_MODE_F_ALL_SEND	BIT(1)
/* With BOND_MODE_F_ACTIVE_PORT: the ports that are not active still
 * transmit (their state stays BOND_STATE_ACTIVE); only receiving is the
 * active port's.
 */
#define BOND_MODE_F_BACKUP_SENDS	BIT(2)
/* A port whose speed or duplex is unknown counts as down */
#define BOND_MODE_F_NEEDS_SPEED	BIT(3)

/* Tx and rx may pick a port by the queue tc gave a frame (skbedit
 * queue_mapping matching a port's queue_id), as in the tree
 */
#define BOND_MODE_F_QUEUE_OVERRIDE	BIT(4)

/* The mode gives the ports their roles itself (bond_port_set_roles()):
 * they join as backups, neither receiving nor sending for the bond until
 * the mode says so (802.3ad: the active aggregator's ports), and leave as
 * backups ("Releasing backup interface", as the tree's 802.3ad says).
 */
#define BOND_MODE_F_PORT_ROLES	BIT(5)

/* The active 802.3ad aggregator, as sysfs and netlink report it */
struct bond_ad_info {
	u16 aggregator_id;
	u16 ports;
	u16 actor_key;
	u16 partner_key;
	u8 partner_system[ETH_ALEN];
	bool fallback;		/* lacp_fallback: one port, no partner (ours) */
};

/* A port's 802.3ad state, as its sysfs files report it; @status says
 * what the port does or why it does not aggregate (ad_reason, ours)
 */
struct bond_ad_port_info {
	u16 aggregator_id;
	u8 actor_oper_state;
	u8 partner_oper_state;
	const char *status;
};

/* The longest @status phrase, with its NUL */
#define BOND_AD_REASON_MAX	96

/* Which addresses the ports carry (ops.addr_policy) */
enum bond_addr_policy {
	/* Every port carries the bond's address: set when it joins, its own
	 * restored when it leaves, changed with the bond's.
	 */
	BOND_ADDR_SHARED,
	/* Ports keep their own addresses; the mode handles the bond's
	 * (fail_over_mac active: the bond takes the active port's).
	 */
	BOND_ADDR_PORTS_OWN,
	/* Ports keep their own until the mode moves them (fail_over_mac
	 * follow, tlb/alb); each gets its own back when it leaves.
	 */
	BOND_ADDR_MODE_MOVES,
};

/* What a mode's receive hook decides about a frame (ops.rx) */
enum bond_rx {
	BOND_RX_DEFAULT,	/* the core decides: see bond_port.c */
	BOND_RX_DELIVER,	/* deliver to the bond, even on a backup port */
	BOND_RX_CONSUMED,	/* the mode took it (and freed it) */
};

/**
 * struct bond_mode_ops - what a mode implements
 *
 * Every operation but @xmit is optional.  "RTNL" means the core calls it
 * with RTNL held; "RCU" in a read-side critical section.
 *
 * Life of the mode on a bond:
 * @init: set up bond->mode_priv (zeroed, BOND_MODE_PRIV_SIZE bytes).  It
 *	cannot fail: memory a mode needs is allocated in @open.  RTNL.
 * @uninit: undo @init; the bond has no ports.  RTNL.
 * @open: the bond goes up (after its ports' links are known, before the
 *	link monitors start).  May fail, which fails the bond's open.  RTNL.
 * @stop: the bond goes down, after the monitors stopped.  RTNL.
 *
 * Ports:
 * @port_pre_add: @dev is about to join, nothing is changed yet: refuse it
 *	or adapt the mode to it (active-backup turns fail_over_mac to active
 *	for a first port that cannot change its address).  RTNL.
 * @port_add: a port joins (port->mode_priv zeroed); it is not in
 *	bond->ports yet.  May fail.  RTNL.
 * @port_del: a port leaves; it is already unlinked from bond->ports and
 *	is neither active nor primary any more.  RTNL.
 * @port_link_change: the link monitors committed a new port->link.  RTNL.
 * @port_speed_change: port->speed or port->duplex changed.  RTNL.
 * @addr_policy: which addresses the ports carry; NULL means
 *	BOND_ADDR_SHARED.  RTNL.
 * @active_change: the active port changed from @old to @new (either may
 *	be NULL), after receive filters and port states moved.  RTNL.
 * @opt_change: option @id of the registered bond was just set (the value
 *	is in bond->params); the mode refreshes what it derives from it.
 *	RTNL.
 *
 * Receive:
 * @rx: a frame arrived on @port, before the core's backup-port filter.
 *	BH, RCU.
 *
 * Transmit:
 * @port_can_tx: whether @port belongs in the array of ports that send
 *	(bond_tx_ports_update()); NULL means bond_port_can_tx().  RTNL.
 * @update_tx: ports, links or the active port changed: rebuild whatever
 *	@xmit reads.  Returns true if @xmit can send.  RTNL.
 * @select_port: the port @skb would leave through, NULL if none (or, in
 *	BOND_MODE_F_ALL_SEND modes, every port); with @all_ports, chosen as
 *	if every port could send (a hash over all of them).  For the callers
 *	that need only the choice: ndo_get_xmit_slave, and later XDP and
 *	netpoll.  RCU.
 * @xmit: transmit @skb.  Called under rcu_read_lock_bh() only when the
 *	last @update_tx returned true.
 * @uses_xmit_hash: whether the mode spreads flows by xmit_hash_policy in
 *	its current configuration.  RTNL or RCU.
 * @carrier: whether the bond has carrier; NULL means "some port's link is
 *	up".  RTNL.
 *
 * Reporting:
 * @proc_mode_detail: words /proc/net/bonding/<bond> adds in parentheses
 *	to the "Bonding Mode" line, formatted into @buf, or NULL.  RCU.
 * @proc_show: the mode's block of /proc/net/bonding/<bond>.  RCU.
 * @proc_port_show: the mode's lines in a port's block there.  RCU.
 * @nl_size: room @fill_info needs.  RTNL or RCU (rtnetlink sizes dumps
 *	under RCU alone).
 * @fill_info: the mode's IFLA_BOND_* attributes (IFLA_BOND_AD_INFO, ...).
 *	RTNL.
 * @nl_port_size: room @fill_port_info needs.  RTNL or RCU, as @nl_size.
 * @fill_port_info: the mode's IFLA_BOND_SLAVE_* attributes.  RTNL.
 * @fill_xstats: the mode's extended statistics (BOND_XSTATS_3AD, ...)
 *	inside the LINK_XSTATS_TYPE_BOND nest, of the bond or, when @port is
 *	not NULL, of that port; at most BOND_MODE_XSTATS_SIZE bytes.  RTNL.
 * @ad_info: the active aggregator, for the ad_* sysfs files; nonzero if
 *	there is none.  Only 802.3ad has it: without it those files are
 *	empty, as in the tree's other modes.  RTNL.
 * @ad_port_info: a port's aggregator and LACP states, for its ad_* sysfs
 *	files; nonzero if the port has no aggregator ("N/A").  RTNL.
 */
struct bond_mode_ops {
	void (*init)(struct bond *bond);
	void (*uninit)(struct bond *bond);
	int (*open)(struct bond *bond);
	void (*stop)(struct bond *bond);

	int (*port_pre_add)(struct bond *bond, struct net_device *dev,
			    struct netlink_ext_ack *extack);
	int (*port_add)(struct bond *bond, struct bond_port *port,
			struct netlink_ext_ack *extack);
	void (*port_del)(struct bond *bond, struct bond_port *port);
	void (*port_link_change)(struct bond *bond, struct bond_port *port);
	void (*port_speed_change)(struct bond *bond, struct bond_port *port);
	enum bond_addr_policy (*addr_policy)(const struct bond *bond);
	void (*active_change)(struct bond *bond, struct bond_port *old,
			      struct bond_port *new);
	void (*opt_change)(struct bond *bond, enum bond_opt_id id);

	enum bond_rx (*rx)(struct bond *bond, struct bond_port *port,
			   struct sk_buff *skb);

	bool (*port_can_tx)(struct bond *bond, struct bond_port *port);
	bool (*update_tx)(struct bond *bond);
	struct bond_port *(*select_port)(struct bond *bond,
					 struct sk_buff *skb, bool all_ports);
	netdev_tx_t (*xmit)(struct sk_buff *skb, struct bond *bond);
	bool (*uses_xmit_hash)(const struct bond *bond);
	bool (*carrier)(struct bond *bond);

	const char *(*proc_mode_detail)(const struct bond *bond, char *buf,
					size_t len);
	void (*proc_show)(struct seq_file *seq, struct bond *bond);
	void (*proc_port_show)(struct seq_file *seq, struct bond_port *port);
	size_t (*nl_size)(const struct bond *bond);
	int (*fill_info)(struct sk_buff *skb, struct bond *bond);
	size_t (*nl_port_size)(const struct bond_port *port);
	int (*fill_port_info)(struct sk_buff *skb, struct bond_port *port);
	int (*fill_xstats)(struct sk_buff *skb, struct bond *bond,
			   struct bond_port *port);
	int (*ad_info)(struct bond *bond, struct bond_ad_info *info);
	int (*ad_port_info)(struct bond_port *port,
			    struct bond_ad_port_info *info);
};

/**
 * struct bond_mode - a bonding mode
 * @id: BOND_MODE_* from linux/if_bonding.h
 * @name: value name, as written to the "mode" option
 * @proc_name: description in /proc/net/bonding/<bond>
 * @flags: BOND_MODE_F_*
 * @lag_tx_type: reported to upper devices in netdev_lag_upper_info
 * @port_priv_size: bytes of port->mode_priv
 * @ops: the operations
 */
struct bond_mode {
	u8 id;
	const char *name;
	const char *proc_name;
	u32 flags;
	enum netdev_lag_tx_type lag_tx_type;
	size_t port_priv_size;
	struct bond_mode_ops ops;
};

#define BOND_MODE_COUNT	(BOND_MODE_ALB + 1)

/* Room any mode's fill_xstats may take: a nest of nine u64 counters */
#define BOND_MODE_XSTATS_SIZE	(nla_total_size(0) + \
				 9 * nla_total_size_64bit(sizeof(u64)))

/* Room for a mode's private state inside struct bond; a mode asserts that
 * its state fits with static_assert().  Keeping it inline means a mode
 * switch never allocates and so cannot fail half-way.
 */
#define BOND_MODE_PRIV_SIZE	512

/* bond_modes/modes.c */
const struct bond_mode *bond_mode_get(u32 id);
void bond_mode_start(struct bond *bond);
void bond_mode_stop(struct bond *bond);
void bond_mode_switch(struct bond *bond, u32 id);
bool bond_mode_uses_xmit_hash(const struct bond *bond);
enum bond_addr_policy bond_mode_addr_policy(const struct bond *bond);

/* One per mode file in bond_modes/ */
extern const struct bond_mode bond_mode_rr;
extern const struct bond_mode bond_mode_ab;
extern const struct bond_mode bond_mode_xor;
extern const struct bond_mode bond_mode_broadcast;
extern const struct bond_mode bond_mode_8023ad;

#endif /* _BOND_MODE_H */
