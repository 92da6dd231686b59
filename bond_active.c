// SPDX-License-Identifier: GPL-2.0
/*
 * Which port is active, in the modes that transmit through one port
 * (BOND_MODE_F_ACTIVE_PORT): selection from the links the monitors report,
 * the "primary" preference, and the switch itself.
 */
#include <linux/rtnetlink.h>

#include "bond.h"

enum {
	BOND_RESELECT_ALWAYS,
	BOND_RESELECT_BETTER,
	BOND_RESELECT_FAILURE,
};

/* Whether the primary, up, should take over from @cur, also up */
static bool bond_primary_wins(struct bond *bond, struct bond_port *prim,
			      struct bond_port *cur)
{
	switch (bond->params.primary_reselect) {
	case BOND_RESELECT_BETTER:
		if (prim->speed != cur->speed)
			return prim->speed > cur->speed;
		return prim->duplex > cur->duplex;
	case BOND_RESELECT_FAILURE:
		return false;
	default:
		return true;
	}
}

/* The port with the highest prio whose link is up, the first of equals */
static struct bond_port *bond_prio_port(struct bond *bond)
{
	struct bond_port *port, *best = NULL;

	bond_for_each_port(bond, port)
		if (port->link == BOND_LINK_UP && (!best || port->prio > best->prio))
			best = port;
	return best;
}

/* The primary, if up, else as in the tree the port of highest prio,
 * against the current port by primary_reselect.
 */
static struct bond_port *bond_primary_or_current(struct bond *bond)
{
	struct bond_port *cur = rtnl_dereference(bond->active);
	struct bond_port *prim = bond->primary;
	bool cur_up = cur && cur->link == BOND_LINK_UP;

	if (!prim || prim->link != BOND_LINK_UP) {
		prim = bond_prio_port(bond);
		if (!prim || prim == cur)
			return cur_up ? cur : NULL;
	} else if (bond->force_primary) {
		bond->force_primary = false;
		return prim;
	}
	if (!cur_up)
		return prim;
	return bond_primary_wins(bond, prim, cur) ? prim : cur;
}

/* The port that should be active: the primary or current one if their
 * link allows, else the first port that is up, else the port nearest to
 * the end of its updelay.
 */
static struct bond_port *bond_best_port(struct bond *bond)
{
	struct bond_port *port, *best = bond_primary_or_current(bond);
	int least = INT_MAX;

	if (best)
		return best;
	bond_for_each_port(bond, port) {
		if (port->link == BOND_LINK_UP)
			return port;
		if (port->link == BOND_LINK_BACK && bond_port_is_up(port) &&
		    port->delay < least) {
			least = port->delay;
			best = port;
		}
	}
	return best;
}

/* A new port is active: tell the stack, and have it announce the bond's
 * addresses and multicast groups through the new port (bond_peers.c).
 */
static void bond_active_notify(struct bond *bond)
{
	call_netdevice_notifiers(NETDEV_BONDING_FAILOVER, bond->dev);
	bond_peers_failover(bond);
	bond_peers_resend_igmp(bond);
}

static void bond_active_change(struct bond *bond, struct bond_port *new)
{
	struct bond_port *old = rtnl_dereference(bond->active);

	if (new == old)
		return;
	if (new && new->link == BOND_LINK_BACK) {
		port_info(new, "making interface the new active one %d ms earlier\n",
			  (bond->params.updelay - new->delay) *
			  bond->params.miimon);
		new->link = BOND_LINK_UP;
	}
	/* The ARP monitor gives a new active port time to hear a reply */
	if (new)
		new->last_link_up = jiffies;
	if (old)
		bond_port_set_role(old, false);
	rcu_assign_pointer(bond->active, new);
	if (new) {
		bond_port_set_role(new, true);
		port_info(new, "making interface the new active one\n");
	}
	if (bond->mode->ops.active_change)
		bond->mode->ops.active_change(bond, old, new);
	if (new)
		bond_active_notify(bond);
}

/**
 * bond_active_reselect - make the best port active
 * @bond: the bond
 *
 * A no-op in modes without an active port.
 */
void bond_active_reselect(struct bond *bond)
{
	struct bond_port *old = rtnl_dereference(bond->active);
	struct bond_port *new;

	ASSERT_RTNL();

	if (!bond_uses_active(bond))
		return;
	new = bond_best_port(bond);
	bond_active_change(bond, new);
	if (old && !new)
		netdev_info(bond->dev, "now running without any active interface!\n");
}

/**
 * bond_active_check - may @port be made active on request?
 * @bond: the bond
 * @port: the requested port, NULL if the name is not a port of @bond
 * @extack: error report
 */
int bond_active_check(struct bond *bond, struct bond_port *port,
		      struct netlink_ext_ack *extack)
{
	struct bond_port *cur = rtnl_dereference(bond->active);

	ASSERT_RTNL();

	if (!port) {
		NL_SET_ERR_MSG(extack, "interface is not enslaved");
		netdev_err(bond->dev, "option active_slave: interface is not a slave of this bond\n");
		return -EINVAL;
	}
	if (port != cur &&
	    (!cur || port->link != BOND_LINK_UP || !bond_port_is_up(port))) {
		NL_SET_ERR_MSG(extack, "the interface or its link is down");
		netdev_err(bond->dev, "Could not set %s as active slave; either %s is down or the link is down\n",
			   port->dev->name, port->dev->name);
		return -EINVAL;
	}
	return 0;
}

/**
 * bond_active_set - make @port active on request (active_slave option)
 * @bond: the bond
 * @port: a port bond_active_check() accepted, or NULL to let the bond
 *	choose again
 *
 * A requested port is not weighed against the others (prio, primary):
 * it stays active until the next reselection, as in the tree.
 */
void bond_active_set(struct bond *bond, struct bond_port *port)
{
	ASSERT_RTNL();

	if (!port) {
		bond_active_change(bond, NULL);
		bond_links_changed(bond);
		return;
	}
	bond_active_change(bond, port);
	bond_update_carrier(bond);
	bond_update_tx(bond);
}

/* @port is leaving the bond: forget it as primary and active */
void bond_active_port_del(struct bond *bond, struct bond_port *port)
{
	ASSERT_RTNL();

	if (bond->primary == port)
		WRITE_ONCE(bond->primary, NULL);
	if (rtnl_dereference(bond->active) == port)
		bond_active_change(bond, NULL);
}

/**
 * bond_primary_update - find the primary port again
 * @bond: the bond
 * @force: the primary option was written: make the primary active even
 *	if primary_reselect would keep the current port
 *
 * Called when params.primary or a port's name changed.
 */
void bond_primary_update(struct bond *bond, bool force)
{
	struct bond_port *port = NULL;

	ASSERT_RTNL();

	if (bond->params.primary[0])
		port = bond_port_find(bond, bond->params.primary);
	if (port == bond->primary && !force)
		return;
	WRITE_ONCE(bond->primary, port);
	bond->force_primary = force && port;
	bond_links_changed(bond);
}

/* @port, just enslaved, is the primary if its name is params.primary */
void bond_primary_port_add(struct bond *bond, struct bond_port *port)
{
	ASSERT_RTNL();

	if (!bond_uses_active(bond) || strcmp(port->dev->name,
					      bond->params.primary))
		return;
	WRITE_ONCE(bond->primary, port);
	bond->force_primary = true;
}
