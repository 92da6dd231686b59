/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mode contract.  Each bonding mode is one const struct bond_mode in
 * bond_modes/; the core calls a mode only through it and never tests which
 * mode is in use.  Properties that change core behaviour are flags here.
 */
#ifndef _BOND_MODE_H
#define _BOND_MODE_H

#include <linux/netdevice.h>

struct bond;
struct bond_port;
struct seq_file;

/* The mode transmits through one active port, chosen by the core
 * (bond_active.c) from the ports whose link is up, honouring "primary".
 */
#define BOND_MODE_F_ACTIVE_PORT	BIT(0)
/* The mode spreads flows by xmit_hash_policy */
#define BOND_MODE_F_XMIT_HASH	BIT(1)

/**
 * struct bond_mode_ops - what a mode implements
 * @init: set up bond->mode_priv (zeroed, BOND_MODE_PRIV_SIZE bytes).  It
 *	cannot fail: a mode that needs memory allocates it when the bond
 *	opens.  RTNL.
 * @uninit: undo @init.  RTNL.
 * @port_add: a port joins (port->mode_priv zeroed).  RTNL.  May fail.
 * @port_del: a port leaves; it is already unlinked from bond->ports.  RTNL.
 * @update_tx: ports, links or the active port changed: rebuild whatever
 *	@xmit reads.  Returns true if @xmit can send.  RTNL.
 * @xmit: transmit @skb.  Called under rcu_read_lock_bh() only when the
 *	last @update_tx returned true.
 * @proc_show: optional mode block for /proc/net/bonding/<bond>.  RCU.
 *
 * Every callback but @xmit is optional.
 */
struct bond_mode_ops {
	void (*init)(struct bond *bond);
	void (*uninit)(struct bond *bond);
	int (*port_add)(struct bond *bond, struct bond_port *port,
			struct netlink_ext_ack *extack);
	void (*port_del)(struct bond *bond, struct bond_port *port);
	bool (*update_tx)(struct bond *bond);
	netdev_tx_t (*xmit)(struct sk_buff *skb, struct bond *bond);
	void (*proc_show)(struct seq_file *seq, struct bond *bond);
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

/* Room for a mode's private state inside struct bond; a mode asserts that
 * its state fits with static_assert().  Keeping it inline means a mode
 * switch never allocates and so cannot fail half-way.
 */
#define BOND_MODE_PRIV_SIZE	256

/* bond_modes/modes.c */
const struct bond_mode *bond_mode_get(u32 id);
void bond_mode_start(struct bond *bond);
void bond_mode_stop(struct bond *bond);
void bond_mode_switch(struct bond *bond, u32 id);

/* One per mode file in bond_modes/ */
extern const struct bond_mode bond_mode_rr;
extern const struct bond_mode bond_mode_ab;
extern const struct bond_mode bond_mode_xor;
extern const struct bond_mode bond_mode_broadcast;

#endif /* _BOND_MODE_H */
