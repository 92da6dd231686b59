/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Core types of the bonding driver: the bond, its ports and the API the
 * files of the core export to each other.
 *
 * Locking
 *
 *   lock              protects                                  readers
 *   ----------------  ----------------------------------------  ----------
 *   RTNL              bond->ports (add/del), bond->params,      RTNL
 *                     bond->mode, bond->primary, bond->active,
 *                     port->link, port->state, port->inactive
 *   RCU               bond->ports, bond->active, mode tx state   xmit, rx,
 *                     (writers hold RTNL)                        procfs, the
 *                                                                monitors'
 *                                                                inspection
 *   a monitor's work  port->new_link, port->delay: written by    the work;
 *                     the inspection (RCU), consumed by the      RTNL
 *                     commit (RTNL) of the same work; set under  (reselect,
 *                     RTNL only at enslave, before the port is   messages)
 *                     in bond->ports
 *   bond->stats_lock  bond->stats, the ports' stats_last          -
 *   none: READ_ONCE/  port->last_rx, arp_rx, ns_rx (written on     the ARP
 *   WRITE_ONCE        receive), port->last_tx (by the probes),  work, rx,
 *                     port->arp_ok (the ARP work),              the MII
 *                     bond->arp_watch (RTNL)                    work
 *
 * Order: RTNL, then a bond's stats_lock, then those of its ports (bond
 * ports, nested by lower_level), then RCU.  Delayed works never block on
 * RTNL: they use rtnl_trylock() and re-arm themselves, because
 * bond_close() cancels them synchronously with RTNL held.  sysfs writers
 * likewise use rtnl_trylock() and restart the syscall, as a sysfs file
 * may be removed under RTNL.
 */
#ifndef _BOND_H
#define _BOND_H

#include <linux/if_bonding.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <linux/workqueue.h>
#include <net/netns/generic.h>
#include <net/sch_generic.h>

#include "bond_mode.h"
#include "bond_options.h"

struct bond_mode;
struct seq_file;

/**
 * struct bond_port - one enslaved device
 * @list: entry in bond->ports
 * @dev: the enslaved device
 * @bond: the bond it belongs to
 * @perm_hwaddr: the device's address before it was enslaved
 * @orig_mtu: the device's MTU before it was enslaved
 * @link: BOND_LINK_* as the link monitor sees it
 * @new_link: transition a monitor's inspection proposes for its commit
 * @state: BOND_STATE_ACTIVE (may transmit) or BOND_STATE_BACKUP
 * @inactive: does not receive for the bond: only frames addressed
 *	exactly to this device pass (see bond_port_set_role())
 * @rx_attached: has the bond's receive filters (bond_rx_attach())
 * @delay: monitor ticks left before an up/down transition is committed
 * @link_failure_count: times the link went down while enslaved
 * @speed: last known speed (Mb/s) or SPEED_UNKNOWN
 * @duplex: last known duplex or DUPLEX_UNKNOWN
 * @queue_id: transmit queue id mapped to this port (tc skbedit picks it)
 * @prio: preference among ports for active when no primary is up
 * @ad_port_prio: 802.3ad actor port priority (actor_port_prio)
 * @last_link_up: jiffies of the last transition to up
 * @last_tx: jiffies of the ARP/NS monitor's last probe through the port
 * @last_rx: jiffies of the last frame that counts as a reply for the
 *	ARP/NS monitor (which frames do is arp_validate's choice)
 * @arp_rx: per arp_ip_target, jiffies of its last validated reply
 * @ns_rx: per ns_ip6_target, likewise
 * @arp_ok: the ARP/NS monitor's verdict, when it runs beside the MII
 *	monitor (link_watch_policy any/all), which combines it with carrier
 * @stats_last: the device's counters when bond_stats.c last read them
 * @mode_priv: state private to the bond's mode (mode->port_priv_size)
 */
struct bond_port {
	struct list_head list;
	struct net_device *dev;
	struct bond *bond;
	u8 perm_hwaddr[MAX_ADDR_LEN];
	unsigned int orig_mtu;
	u8 link;
	u8 new_link;
	u8 state;
	bool inactive;
	bool rx_attached;
	int delay;
	u32 link_failure_count;
	u32 speed;
	u8 duplex;
	u16 queue_id;
	s32 prio;
	u16 ad_port_prio;
	unsigned long last_link_up;
	unsigned long last_tx;
	unsigned long last_rx;
	unsigned long arp_rx[BOND_MAX_TARGETS];
	unsigned long ns_rx[BOND_MAX_TARGETS];
	bool arp_ok;
	struct rtnl_link_stats64 stats_last;
	u8 mode_priv[] __aligned(sizeof(void *));
};

/* No transition proposed (port->new_link) */
#define BOND_LINK_NOCHANGE	0xff

/**
 * struct bond - private data of a bond net_device
 * @dev: the bond's net_device
 * @ports: enslaved ports, in enslave order
 * @port_count: number of entries in @ports
 * @active: port that transmits in modes with an active port
 * @primary: port named by params.primary, if enslaved
 * @force_primary: select the primary at the next reselection
 * @mode: operations of the current mode
 * @mode_priv: state private to the mode
 * @xmit: transmit handler, the mode's or a dropper (see bond_update_tx()),
 *	or bond_xmit_by_queue() in front of it
 * @mode_xmit: what @xmit is, or what bond_xmit_by_queue() falls back to
 * @params: option values, see bond_options.h
 * @mii_work: MII link monitor
 * @arp_work: ARP/NS link monitor
 * @arp_probe_port: with no active port, the port the ARP/NS monitor tries
 *	as the next one (BOND_LINK_BACK while it is tried)
 * @arp_watch: the ARP/NS monitor runs and watches what the ports receive
 * @peer_work: announces the bond's addresses after a failover
 * @igmp_work: has the stack rejoin multicast groups after a failover
 * @peer_notif: monitor ticks of announcing left (bond_peers.c)
 * @igmp_left: IGMP rejoins left
 * @list: entry in the per-netns list of bonds
 * @proc_entry: /proc/net/bonding/<name>
 * @proc_name: name @proc_entry was created with
 * @stats_lock: protects @stats and the ports' stats_last
 * @stats: what the ports counted while enslaved, as last reported
 */
struct bond {
	struct net_device *dev;
	struct list_head ports;
	unsigned int port_count;
	struct bond_port __rcu *active;
	struct bond_port *primary;
	bool force_primary;
	const struct bond_mode *mode;
	netdev_tx_t (*xmit)(struct sk_buff *skb, struct bond *bond);
	netdev_tx_t (*mode_xmit)(struct sk_buff *skb, struct bond *bond);
	struct bond_params params;
	struct delayed_work mii_work;
	struct delayed_work arp_work;
	struct bond_port __rcu *arp_probe_port;
	bool arp_watch;
	struct delayed_work peer_work;
	struct delayed_work igmp_work;
	unsigned int peer_notif;
	u8 igmp_left;
	struct list_head list;
	struct proc_dir_entry *proc_entry;
	char proc_name[IFNAMSIZ];
	spinlock_t stats_lock;	/* @stats, ports' stats_last */
	struct rtnl_link_stats64 stats;
	u8 mode_priv[BOND_MODE_PRIV_SIZE] __aligned(sizeof(void *));
};

/* Messages about a port, in the tree's format (tools grep for them) */
__printf(3, 4)
void bond_port_printk(const char *level, const struct bond_port *port,
		      const char *fmt, ...);
#define port_info(port, fmt, ...) \
	bond_port_printk(KERN_INFO, port, fmt, ##__VA_ARGS__)
#define port_warn(port, fmt, ...) \
	bond_port_printk(KERN_WARNING, port, fmt, ##__VA_ARGS__)

#define bond_for_each_port(bond, port) \
	list_for_each_entry(port, &(bond)->ports, list)
#define bond_for_each_port_rcu(bond, port) \
	list_for_each_entry_rcu(port, &(bond)->ports, list)
#define bond_for_each_port_safe(bond, port, tmp) \
	list_for_each_entry_safe(port, tmp, &(bond)->ports, list)

static inline bool bond_has_ports(const struct bond *bond)
{
	return !list_empty(&bond->ports);
}

static inline bool bond_port_is_up(const struct bond_port *port)
{
	return netif_running(port->dev) && netif_carrier_ok(port->dev);
}

/* The mode transmits through one active port, see bond_active.c */
static inline bool bond_uses_active(const struct bond *bond)
{
	return bond->mode->flags & BOND_MODE_F_ACTIVE_PORT;
}

/* Whether @port may send: its link is up and it is not a backup */
static inline bool bond_port_can_tx(const struct bond_port *port)
{
	return port->link == BOND_LINK_UP &&
	       port->state == BOND_STATE_ACTIVE && bond_port_is_up(port);
}

/* Options are only stored until the bond is registered (see
 * bond_opt_apply()); ndo_init starts the bond from them.
 */
static inline bool bond_is_registered(const struct bond *bond)
{
	return bond->dev->reg_state == NETREG_REGISTERED;
}

static inline void *bond_mode_priv(struct bond *bond)
{
	return bond->mode_priv;
}

static inline void *bond_port_priv(struct bond_port *port)
{
	return port->mode_priv;
}

/* bond_dev.c: the net_device */
extern struct rtnl_link_ops bond_link_ops;
extern unsigned int bond_net_id;
int bond_dev_create(struct net *net, const char *name);
void bond_dev_setup(struct net_device *dev);
bool bond_dev_is_bond(const struct net_device *dev);
int bond_dev_set_addr_from(struct bond *bond, struct net_device *dev);
void bond_rx_attach(struct bond *bond, struct bond_port *port);
void bond_rx_detach(struct bond *bond, struct bond_port *port);
void bond_rx_detach_all(struct bond *bond);

/* bond_type.c: the link-layer type */
void bond_type_ether_setup(struct net_device *dev);
int bond_type_follow(struct bond *bond, struct net_device *port_dev,
		     struct netlink_ext_ack *extack);
void bond_type_undo(struct bond *bond);

/* bond_ethtool.c: ethtool and the device ioctls */
extern const struct ethtool_ops bond_ethtool_ops;
int bond_eth_ioctl(struct net_device *dev, struct ifreq *ifr, int cmd);

/* bond_stats.c: the bond's counters */
void bond_stats_port_init(struct bond_port *port);
void bond_stats_port_del(struct bond *bond, struct bond_port *port);
void bond_stats_get(struct net_device *dev, struct rtnl_link_stats64 *stats);

/* bond_tx.c: shared by the modes' transmit handlers */
struct bond_tx_ports {
	struct rcu_head rcu;
	unsigned int count;
	struct bond_port *ports[];
};

netdev_tx_t bond_xmit_drop(struct sk_buff *skb, struct bond *bond);

/**
 * bond_port_xmit - hand @skb to @port
 * @bond: the bond
 * @port: a port of @bond
 * @skb: the frame
 *
 * The queue chosen by bond_select_queue() (tc may have set it to pick a
 * port's queue_id) is restored for the port's own queue selection.
 */
static inline netdev_tx_t bond_port_xmit(struct bond *bond,
					 struct bond_port *port,
					 struct sk_buff *skb)
{
	skb->dev = port->dev;
	skb_set_queue_mapping(skb, qdisc_skb_cb(skb)->slave_dev_queue_mapping);
	return dev_queue_xmit(skb);
}

void bond_update_tx(struct bond *bond);
bool bond_tx_ports_update(struct bond *bond, struct bond_tx_ports __rcu **slot);
void bond_tx_ports_free(struct bond_tx_ports __rcu **slot);
struct bond_port *bond_tx_ports_pick(struct bond *bond,
				     struct bond_tx_ports __rcu **slot,
				     struct sk_buff *skb, bool all_ports);
struct net_device *bond_get_xmit_port(struct net_device *dev,
				      struct sk_buff *skb, bool all_ports);

/* bond_hash.c: xmit_hash_policy */
void bond_hash_init(void);
u32 bond_xmit_hash(struct bond *bond, struct sk_buff *skb);
enum netdev_lag_hash bond_hash_lag_type(struct bond *bond);

/* bond_main.c: module parameters and per network namespace state */
extern int bond_tx_queues;

struct bond_net {
	struct net *net;
	struct list_head bonds;
	struct proc_dir_entry *proc_dir;
	struct class_attribute masters_attr;
	bool masters_created;
};

/* bond_port.c: enslave and release */
int bond_port_add(struct bond *bond, struct net_device *port_dev,
		  struct netlink_ext_ack *extack);
int bond_port_del(struct bond *bond, struct net_device *port_dev);
void bond_port_del_unregistering(struct bond_port *port);
void bond_port_del_all(struct bond *bond);
struct bond_port *bond_port_get_rtnl(const struct net_device *dev);
struct bond_port *bond_port_get_rcu(const struct net_device *dev);
struct bond_port *bond_port_get_rcu_rtnl(const struct net_device *dev);
struct bond_port *bond_port_find(struct bond *bond, const char *name);
void bond_port_set_roles(struct bond_port *port, bool receives, bool sends);
void bond_port_set_role(struct bond_port *port, bool receives);
void bond_port_update_inactive(struct bond_port *port);
void bond_port_notify_lower(struct bond_port *port);
void bond_port_update_speed(struct bond_port *port);

/* bond_notify.c: netdevice events */
int bond_notifier_register(void);
void bond_notifier_unregister(void);

/* bond_active.c: active port selection and failover */
void bond_active_reselect(struct bond *bond);
int bond_active_check(struct bond *bond, struct bond_port *port,
		      struct netlink_ext_ack *extack);
void bond_active_set(struct bond *bond, struct bond_port *port);
void bond_active_port_del(struct bond *bond, struct bond_port *port);
void bond_primary_update(struct bond *bond, bool force);
void bond_primary_port_add(struct bond *bond, struct bond_port *port);

/**
 * struct bond_monitor - a link monitor
 * @name: for messages
 * @init: set up the monitor's state in a new bond (its work)
 * @start: the bond is up: start watching if the options ask for it.  RTNL.
 * @stop: stop watching, synchronously.  RTNL.
 * @port_init: the link state of a port that joins.  RTNL.
 * @port_event: the port's carrier or IFF_UP changed (a netdevice event):
 *	look now rather than at the next poll.  Optional.  RTNL.
 * @port_del: the port left the bond; readers under RCU may still see it.
 *	Optional.  RTNL.
 *
 * A monitor proposes transitions in port->new_link from its work and
 * hands them to bond_link_commit() under RTNL.
 */
struct bond_monitor {
	const char *name;
	void (*init)(struct bond *bond);
	void (*start)(struct bond *bond);
	void (*stop)(struct bond *bond);
	void (*port_init)(struct bond *bond, struct bond_port *port);
	void (*port_event)(struct bond *bond, struct bond_port *port);
	void (*port_del)(struct bond *bond, struct bond_port *port);
};

extern const struct bond_monitor bond_monitor_mii;
extern const struct bond_monitor bond_monitor_arp;

/* bond_monitor_arp.c: the ARP/NS monitor's receive side */
void bond_arp_rx(struct bond *bond, struct bond_port *port,
		 const struct sk_buff *skb);
void bond_arp_targets_changed(struct bond *bond);
bool bond_arp_combine(struct bond *bond, struct bond_port *port, bool mii);

/* bond_probe.c: the ARP/NS monitor's probes */
void bond_probe_send(struct bond *bond, struct bond_port *port);
bool bond_probe_has_ip(struct bond *bond, __be32 ip);
bool bond_probe_has_ip6(struct bond *bond, const struct in6_addr *addr);

/* bond_peers.c: announcing a failover to the network */
void bond_peers_init(struct bond *bond);
void bond_peers_failover(struct bond *bond);
void bond_peers_resend_igmp(struct bond *bond);
void bond_peers_stop(struct bond *bond);

/* bond_link.c: port links, what the monitors share */
const char *bond_link_name(u8 link);
void bond_monitors_init(struct bond *bond);
void bond_monitors_start(struct bond *bond);
void bond_monitors_stop(struct bond *bond);
void bond_monitors_restart(struct bond *bond);
void bond_monitors_check(struct bond *bond);
void bond_link_port_init(struct bond *bond, struct bond_port *port);
void bond_link_port_event(struct bond *bond, struct bond_port *port);
void bond_link_port_del(struct bond *bond, struct bond_port *port);
void bond_link_commit(struct bond *bond);
void bond_links_changed(struct bond *bond);
void bond_update_carrier(struct bond *bond);

/* bond_netlink.c */
void bond_netlink_init(void);
int bond_netlink_changelink(struct net_device *dev, struct nlattr *tb[],
			    struct nlattr *data[],
			    struct netlink_ext_ack *extack);

/* bond_sysfs.c and bond_sysfs_port.c */
extern const struct attribute_group bond_sysfs_group;
void bond_sysfs_init(void);
int bond_sysfs_net_init(struct bond_net *bn);
void bond_sysfs_net_exit(struct bond_net *bn);
int bond_sysfs_port_add(struct bond_port *port);
void bond_sysfs_port_del(struct bond_port *port);

/* bond_procfs.c */
void bond_procfs_add(struct bond *bond);
void bond_procfs_del(struct bond *bond);
void bond_procfs_rename(struct bond *bond);
void bond_procfs_net_init(struct bond_net *bn);
void bond_procfs_net_exit(struct bond_net *bn);

/* bond_ioctl.c */
int bond_ioctl(struct net_device *dev, struct ifreq *ifr, int cmd);
int bond_ioctl_private(struct net_device *dev, struct ifreq *ifr,
		       void __user *data, int cmd);

#endif /* _BOND_H */
