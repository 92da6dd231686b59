// SPDX-License-Identifier: GPL-2.0
/*
 * Telling the network that the bond moved: after a failover the stack
 * announces the bond's addresses through the new port (NETDEV_NOTIFY_PEERS:
 * gratuitous ARPs, unsolicited NAs, on VLANs over the bond too) num_grat_arp
 * times, peer_notif_delay apart, and rejoins its multicast groups
 * (NETDEV_RESEND_IGMP) resend_igmp times, 200 ms apart, as the tree does.
 *
 * The announcements are counted in link-monitor ticks, as in the tree:
 * bond->peer_notif starts at num_grat_arp * peer_notif_delay ticks and
 * one announcement goes out each time it is a multiple of the delay.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "bond.h"

/* peer_notif_delay in monitor ticks, at least one */
static unsigned int bond_peers_period(const struct bond *bond)
{
	return max_t(u32, bond->params.peer_notif_delay, 1);
}

/* A tick of the monitor that drives the count, 0 if none runs */
static unsigned long bond_peers_tick(const struct bond *bond)
{
	u32 ms = bond->params.miimon ?: bond->params.arp_interval;

	return ms ? msecs_to_jiffies(ms) : 0;
}

/* Whether an announcement is due, and the active port can make it.  In
 * a mode without an active port (802.3ad's lacp_fallback announces) it
 * leaves by whichever port the mode sends it through.
 */
static bool bond_peers_due(struct bond *bond)
{
	struct bond_port *active = rtnl_dereference(bond->active);

	if (!bond->peer_notif || bond->peer_notif % bond_peers_period(bond) ||
	    !netif_carrier_ok(bond->dev))
		return false;
	if (!bond_uses_active(bond))
		return true;
	return active &&
	       !test_bit(__LINK_STATE_LINKWATCH_PENDING, &active->dev->state);
}

static void bond_peers_step(struct bond *bond)
{
	bool due = bond_peers_due(bond);

	bond->peer_notif--;
	if (due)
		call_netdevice_notifiers(NETDEV_NOTIFY_PEERS, bond->dev);
}

static void bond_peers_work(struct work_struct *work)
{
	struct bond *bond = container_of(to_delayed_work(work), struct bond,
					 peer_work);
	unsigned long tick = bond_peers_tick(bond);

	if (!rtnl_trylock()) {
		schedule_delayed_work(&bond->peer_work, 1);
		return;
	}
	if (bond->peer_notif && tick)
		bond_peers_step(bond);
	if (bond->peer_notif && tick)
		schedule_delayed_work(&bond->peer_work, tick);
	rtnl_unlock();
}

static void bond_peers_igmp_work(struct work_struct *work)
{
	struct bond *bond = container_of(to_delayed_work(work), struct bond,
					 igmp_work);

	if (!rtnl_trylock()) {
		schedule_delayed_work(&bond->igmp_work, 1);
		return;
	}
	if (bond->igmp_left) {
		call_netdevice_notifiers(NETDEV_RESEND_IGMP, bond->dev);
		if (--bond->igmp_left)
			schedule_delayed_work(&bond->igmp_work, HZ / 5);
	}
	rtnl_unlock();
}

void bond_peers_init(struct bond *bond)
{
	INIT_DELAYED_WORK(&bond->peer_work, bond_peers_work);
	INIT_DELAYED_WORK(&bond->igmp_work, bond_peers_igmp_work);
}

/**
 * bond_peers_failover - a new port carries the traffic: start announcing
 * @bond: the bond
 *
 * The first announcement goes out now, if the new port's link event has
 * been processed; the others at the ticks of the link monitor.  RTNL.
 */
void bond_peers_failover(struct bond *bond)
{
	ASSERT_RTNL();

	if (!netif_running(bond->dev))
		return;
	bond->peer_notif = bond->params.num_peer_notif *
			   bond_peers_period(bond);
	if (bond_peers_due(bond))
		bond_peers_step(bond);
	if (bond->peer_notif && bond_peers_tick(bond))
		mod_delayed_work(system_wq, &bond->peer_work,
				 bond_peers_tick(bond));
}

/**
 * bond_peers_resend_igmp - the port that carries multicast joins changed
 * @bond: the bond
 *
 * The stack sends its IGMP reports resend_igmp times.  RTNL.
 */
void bond_peers_resend_igmp(struct bond *bond)
{
	ASSERT_RTNL();

	if (!netif_running(bond->dev) || !bond->params.resend_igmp)
		return;
	bond->igmp_left = bond->params.resend_igmp;
	mod_delayed_work(system_wq, &bond->igmp_work, 1);
}

/* The bond goes down: nothing more is announced.  RTNL. */
void bond_peers_stop(struct bond *bond)
{
	ASSERT_RTNL();

	bond->peer_notif = 0;
	bond->igmp_left = 0;
	cancel_delayed_work_sync(&bond->peer_work);
	cancel_delayed_work_sync(&bond->igmp_work);
}
