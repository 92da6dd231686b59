// SPDX-License-Identifier: GPL-2.0
/*
 * The bond's counters: what its ports counted while enslaved.
 *
 * Every read folds each port's progress since the previous read into
 * bond->stats, so the bond's counters only ever grow: a port whose
 * counters reset or step back (some drivers clear them on down/up)
 * contributes nothing until it counts past where it was, and a counter
 * that a driver keeps in 32 bits is followed across its wrap.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "bond.h"

/* Adds to @sum how far each counter moved from @last to @now */
static void bond_stats_fold_one(struct rtnl_link_stats64 *sum,
				const struct rtnl_link_stats64 *now,
				const struct rtnl_link_stats64 *last)
{
	const u64 *n = (const u64 *)now, *l = (const u64 *)last;
	u64 *s = (u64 *)sum;
	size_t i;
	s64 delta;

	for (i = 0; i < sizeof(*sum) / sizeof(u64); i++) {
		/* Both values fit in 32 bits: a 32-bit counter may wrap */
		if (!((n[i] | l[i]) >> 32))
			delta = (s32)((u32)n[i] - (u32)l[i]);
		else
			delta = n[i] - l[i];
		if (delta > 0)
			s[i] += delta;
	}
}

/* A bond's stats lock nests inside those of the bonds it is a port of */
static void bond_stats_lock(struct bond *bond)
	__acquires(&bond->stats_lock)
{
	spin_lock_nested(&bond->stats_lock,
			 min_t(int, bond->dev->lower_level,
			       MAX_LOCKDEP_SUBCLASSES - 1));
}

/* Folds every port's progress into bond->stats.  Stats lock, RCU. */
static void bond_stats_fold_ports(struct bond *bond)
{
	struct rtnl_link_stats64 now;
	struct bond_port *port;

	bond_for_each_port_rcu(bond, port) {
		dev_get_stats(port->dev, &now);
		bond_stats_fold_one(&bond->stats, &now, &port->stats_last);
		port->stats_last = now;
	}
}

/* @port joins: count from what it has counted so far */
void bond_stats_port_init(struct bond_port *port)
{
	dev_get_stats(port->dev, &port->stats_last);
}

/* @port leaves, still in bond->ports: keep what it counted.  RTNL. */
void bond_stats_port_del(struct bond *bond, struct bond_port *port)
{
	ASSERT_RTNL();

	rcu_read_lock();
	bond_stats_lock(bond);
	bond_stats_fold_ports(bond);
	spin_unlock(&bond->stats_lock);
	rcu_read_unlock();
}

/* ndo_get_stats64 */
void bond_stats_get(struct net_device *dev, struct rtnl_link_stats64 *stats)
{
	struct bond *bond = netdev_priv(dev);

	rcu_read_lock();
	bond_stats_lock(bond);
	bond_stats_fold_ports(bond);
	*stats = bond->stats;
	spin_unlock(&bond->stats_lock);
	rcu_read_unlock();
}
