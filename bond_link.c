// SPDX-License-Identifier: GPL-2.0
/*
 * Port links: the link monitors (MII, ARP/NS) propose transitions, and
 * this file commits them for all of them, then reselects the active
 * port and refreshes the bond's carrier and transmit handler.
 */
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>

#include "bond.h"

static const struct bond_monitor *const bond_monitors[] = {
	&bond_monitor_mii,
	&bond_monitor_arp,
};

const char *bond_link_name(u8 link)
{
	switch (link) {
	case BOND_LINK_UP:
		return "up";
	case BOND_LINK_FAIL:
		return "going down";
	case BOND_LINK_DOWN:
		return "down";
	case BOND_LINK_BACK:
		return "going back";
	default:
		return "unknown";
	}
}

/* A new bond: set up every monitor's work */
void bond_monitors_init(struct bond *bond)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bond_monitors); i++)
		bond_monitors[i]->init(bond);
}

/* The bond is up.  RTNL. */
void bond_monitors_start(struct bond *bond)
{
	unsigned int i;

	ASSERT_RTNL();

	for (i = 0; i < ARRAY_SIZE(bond_monitors); i++)
		bond_monitors[i]->start(bond);
}

/* The bond goes down, or a monitor's options changed: stopped in reverse
 * order, as a later monitor may kick an earlier one's work.  RTNL.
 */
void bond_monitors_stop(struct bond *bond)
{
	unsigned int i;

	ASSERT_RTNL();

	for (i = ARRAY_SIZE(bond_monitors); i-- > 0;)
		bond_monitors[i]->stop(bond);
}

/**
 * bond_monitors_check - warn about a bond that watches no link
 * @bond: the bond, registered
 *
 * With neither miimon nor arp_interval every port stays up whatever
 * happens to it (only its own carrier and IFF_UP are seen when sending):
 * there is no failover.  The tree says nothing; we say it once per
 * configuration that asks for it.  RTNL.
 */
void bond_monitors_check(struct bond *bond)
{
	ASSERT_RTNL();

	if (!bond->params.miimon && !bond->params.arp_interval)
		netdev_warn(bond->dev, "no link monitor (miimon 0, arp_interval 0): link failures will not be detected and will not fail over\n");
}

/* A monitor option changed: run the monitors the options now ask for */
void bond_monitors_restart(struct bond *bond)
{
	ASSERT_RTNL();

	bond_monitors_check(bond);
	if (!netif_running(bond->dev))
		return;
	bond_monitors_stop(bond);
	bond_monitors_start(bond);
}

/* The link of a port that joins, as the monitors see it.  RTNL. */
void bond_link_port_init(struct bond *bond, struct bond_port *port)
{
	unsigned int i;

	ASSERT_RTNL();

	port->new_link = BOND_LINK_NOCHANGE;
	port->delay = 0;
	port->link = BOND_LINK_UP;
	for (i = 0; i < ARRAY_SIZE(bond_monitors); i++)
		bond_monitors[i]->port_init(bond, port);
	if (port->link != BOND_LINK_DOWN)
		port->last_link_up = jiffies;
}

/* @port's carrier or IFF_UP changed: the monitors look at once, so that
 * failover does not wait for the next poll.  RTNL.
 */
void bond_link_port_event(struct bond *bond, struct bond_port *port)
{
	unsigned int i;

	ASSERT_RTNL();

	if (!netif_running(bond->dev))
		return;
	for (i = 0; i < ARRAY_SIZE(bond_monitors); i++)
		if (bond_monitors[i]->port_event)
			bond_monitors[i]->port_event(bond, port);
}

/* @port left the bond: the monitors forget it.  RTNL. */
void bond_link_port_del(struct bond *bond, struct bond_port *port)
{
	unsigned int i;

	ASSERT_RTNL();

	for (i = 0; i < ARRAY_SIZE(bond_monitors); i++)
		if (bond_monitors[i]->port_del)
			bond_monitors[i]->port_del(bond, port);
}

/* Whether @port's new link calls for choosing the active port again */
static bool bond_link_failover(struct bond *bond, struct bond_port *port)
{
	struct bond_port *active = rtnl_dereference(bond->active);

	if (port->link == BOND_LINK_UP)
		return !active || port == bond->primary ||
		       port->prio > active->prio;
	return port->link == BOND_LINK_DOWN && port == active;
}

/* A port coming up in a mode that needs its speed, which is unknown */
static bool bond_link_lacks_speed(struct bond *bond, struct bond_port *port)
{
	if (!(bond->mode->flags & BOND_MODE_F_NEEDS_SPEED) ||
	    port->speed != SPEED_UNKNOWN)
		return false;
	port->link = BOND_LINK_DOWN;
	if (net_ratelimit())
		port_warn(port, "failed to get link speed/duplex\n");
	return true;
}

static void bond_link_set(struct bond *bond, struct bond_port *port)
{
	port->link = port->new_link;
	port->new_link = BOND_LINK_NOCHANGE;
	if (port->link == BOND_LINK_UP) {
		bond_port_update_speed(port);
		if (bond_link_lacks_speed(bond, port))
			return;
	}
	bond_port_notify_lower(port);
	if (port->link == BOND_LINK_UP) {
		port->last_link_up = jiffies;
		port_info(port, "link status definitely up, %u Mbps %s duplex\n",
			  port->speed == SPEED_UNKNOWN ? 0 : port->speed,
			  port->duplex == DUPLEX_FULL ? "full" : "half");
	} else if (port->link == BOND_LINK_DOWN) {
		if (port->link_failure_count < UINT_MAX)
			port->link_failure_count++;
		port_info(port, "link status definitely down, disabling slave\n");
	}
	if (bond->mode->ops.port_link_change)
		bond->mode->ops.port_link_change(bond, port);
}

/**
 * bond_link_commit - apply the transitions the monitors proposed
 * @bond: the bond
 *
 * Intermediate states (going down, going back) do not move the active
 * port; the final ones may.
 */
void bond_link_commit(struct bond *bond)
{
	struct bond_port *port;
	bool failover = false;

	ASSERT_RTNL();

	bond_for_each_port(bond, port) {
		if (port->new_link == BOND_LINK_NOCHANGE)
			continue;
		bond_link_set(bond, port);
		failover |= bond_link_failover(bond, port);
	}
	if (failover)
		bond_active_reselect(bond);
	bond_update_carrier(bond);
	bond_update_tx(bond);
}

/**
 * bond_update_carrier - the bond's carrier, as its mode decides it
 * @bond: the bond
 *
 * By default the bond has carrier while some port's link is up.
 */
void bond_update_carrier(struct bond *bond)
{
	struct bond_port *port;
	bool carrier = false;

	ASSERT_RTNL();

	if (bond->mode->ops.carrier) {
		carrier = bond->mode->ops.carrier(bond);
	} else {
		bond_for_each_port(bond, port)
			carrier |= port->link == BOND_LINK_UP;
	}
	if (carrier && !netif_carrier_ok(bond->dev))
		netif_carrier_on(bond->dev);
	else if (!carrier && netif_carrier_ok(bond->dev))
		netif_carrier_off(bond->dev);
}

/**
 * bond_links_changed - act on a change of ports, links or preferences
 * @bond: the bond
 *
 * Reselects the active port, then refreshes the carrier and the transmit
 * handler.
 */
void bond_links_changed(struct bond *bond)
{
	ASSERT_RTNL();

	bond_active_reselect(bond);
	bond_update_carrier(bond);
	bond_update_tx(bond);
}
