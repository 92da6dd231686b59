// SPDX-License-Identifier: GPL-2.0
/*
 * The MII monitor: every miimon ms, look at each port's carrier and walk
 * its link through up -> fail -> down -> back -> up, honouring updelay and
 * downdelay (counted in MII ticks).  Looking needs only RCU; a transition
 * is committed under RTNL, taken with rtnl_trylock() so that bond_close()
 * may cancel the work synchronously while holding RTNL.
 */
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>

#include "bond.h"

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

static bool bond_mii_carrier(struct bond *bond, struct net_device *dev)
{
	if (!netif_running(dev))
		return false;
	if (bond->params.use_carrier || !dev->ethtool_ops->get_link)
		return netif_carrier_ok(dev);
	return dev->ethtool_ops->get_link(dev);
}

/* Sets the link state of a new port from its carrier */
void bond_mii_port_init(struct bond *bond, struct bond_port *port)
{
	port->new_link = BOND_LINK_NOCHANGE;
	port->delay = 0;
	if (!bond->params.miimon) {
		port->link = BOND_LINK_UP;
	} else if (!bond_mii_carrier(bond, port->dev)) {
		port->link = BOND_LINK_DOWN;
	} else if (bond->params.updelay) {
		port->link = BOND_LINK_BACK;
		port->delay = bond->params.updelay;
	} else {
		port->link = BOND_LINK_UP;
	}
	if (port->link != BOND_LINK_DOWN)
		port->last_link_up = jiffies;
}

/* Delays in ms, for messages */
static int bond_mii_ms(struct bond *bond, int ticks)
{
	return ticks * bond->params.miimon;
}

/* Proposes @link unless the port is there already */
static bool bond_mii_propose(struct bond_port *port, u8 link)
{
	if (port->link == link)
		return false;
	port->new_link = link;
	return true;
}

static bool bond_mii_going_down(struct bond *bond, struct bond_port *port,
				bool carrier)
{
	if (carrier) {
		/* Recovered before downdelay expired */
		port_info(port, "link status up again after %d ms\n",
			  bond_mii_ms(bond, bond->params.downdelay - port->delay));
		return bond_mii_propose(port, BOND_LINK_UP);
	}
	if (port->delay-- > 0)
		return bond_mii_propose(port, BOND_LINK_FAIL);
	return bond_mii_propose(port, BOND_LINK_DOWN);
}

static bool bond_mii_going_up(struct bond *bond, struct bond_port *port,
			      bool carrier, bool *no_updelay)
{
	if (!carrier) {
		port_info(port, "link status down again after %d ms\n",
			  bond_mii_ms(bond, bond->params.updelay - port->delay));
		return bond_mii_propose(port, BOND_LINK_DOWN);
	}
	if (*no_updelay)
		port->delay = 0;
	if (port->delay-- > 0)
		return bond_mii_propose(port, BOND_LINK_BACK);
	*no_updelay = false;
	return bond_mii_propose(port, BOND_LINK_UP);
}

/* Proposes the next state of one port; true if it must be committed.
 * @no_updelay: nothing is up, so the first port back skips updelay.
 */
static bool bond_mii_inspect_port(struct bond *bond, struct bond_port *port,
				  bool *no_updelay)
{
	bool carrier = bond_mii_carrier(bond, port->dev);
	struct bond_params *p = &bond->params;

	port->new_link = BOND_LINK_NOCHANGE;
	switch (port->link) {
	case BOND_LINK_UP:
		if (carrier)
			return false;
		port->delay = p->downdelay;
		if (port->delay)
			port_info(port, "link status down for %sinterface, disabling it in %d ms\n",
				  !bond_uses_active(bond) ? "" :
				  port->state == BOND_STATE_ACTIVE ?
				  "active " : "backup ",
				  bond_mii_ms(bond, p->downdelay));
		return bond_mii_going_down(bond, port, carrier);
	case BOND_LINK_FAIL:
		return bond_mii_going_down(bond, port, carrier);
	case BOND_LINK_DOWN:
		if (!carrier)
			return false;
		port->delay = p->updelay;
		if (port->delay)
			port_info(port, "link status up, enabling it in %d ms\n",
				  *no_updelay ? 0 : bond_mii_ms(bond, p->updelay));
		return bond_mii_going_up(bond, port, carrier, no_updelay);
	case BOND_LINK_BACK:
		return bond_mii_going_up(bond, port, carrier, no_updelay);
	}
	return false;
}

static bool bond_mii_inspect(struct bond *bond)
{
	struct bond_port *port;
	bool commit = false;
	bool no_updelay;

	rcu_read_lock();
	no_updelay = bond_uses_active(bond) && !rcu_dereference(bond->active);
	bond_for_each_port_rcu(bond, port)
		commit |= bond_mii_inspect_port(bond, port, &no_updelay);
	rcu_read_unlock();
	return commit;
}

/* Whether @port's new link calls for choosing the active port again */
static bool bond_mii_failover(struct bond *bond, struct bond_port *port)
{
	struct bond_port *active = rtnl_dereference(bond->active);

	if (port->link == BOND_LINK_UP)
		return !active || port == bond->primary;
	return port->link == BOND_LINK_DOWN && port == active;
}

/* Applies the proposed transitions.  Intermediate states (going down,
 * going back) do not move the active port; the final ones may.
 */
static void bond_mii_commit(struct bond *bond)
{
	struct bond_port *port;
	bool failover = false;

	ASSERT_RTNL();

	bond_for_each_port(bond, port) {
		if (port->new_link == BOND_LINK_NOCHANGE)
			continue;
		port->link = port->new_link;
		port->new_link = BOND_LINK_NOCHANGE;
		bond_port_notify_lower(port);
		if (port->link == BOND_LINK_UP) {
			port->last_link_up = jiffies;
			bond_port_update_speed(port);
			port_info(port, "link status definitely up, %u Mbps %s duplex\n",
				  port->speed == SPEED_UNKNOWN ? 0 : port->speed,
				  port->duplex == DUPLEX_FULL ? "full" : "half");
		} else if (port->link == BOND_LINK_DOWN) {
			if (port->link_failure_count < UINT_MAX)
				port->link_failure_count++;
			port_info(port, "link status definitely down, disabling slave\n");
		}
		failover |= bond_mii_failover(bond, port);
	}
	if (failover)
		bond_active_reselect(bond);
	bond_update_carrier(bond);
	bond_update_tx(bond);
}

static void bond_mii_work(struct work_struct *work)
{
	struct bond *bond = container_of(work, struct bond, mii_work.work);
	unsigned long delay = msecs_to_jiffies(bond->params.miimon);

	if (bond_mii_inspect(bond)) {
		if (rtnl_trylock()) {
			bond_mii_commit(bond);
			rtnl_unlock();
		} else {
			/* Look again soon rather than wait on RTNL */
			delay = 1;
		}
	}
	if (bond->params.miimon)
		queue_delayed_work(system_power_efficient_wq, &bond->mii_work,
				   delay);
}

void bond_mii_init(struct bond *bond)
{
	INIT_DELAYED_WORK(&bond->mii_work, bond_mii_work);
}

/* Starts the monitor if miimon is set; the bond is up.  RTNL. */
void bond_mii_start(struct bond *bond)
{
	ASSERT_RTNL();

	if (bond->params.miimon)
		queue_delayed_work(system_power_efficient_wq, &bond->mii_work,
				   0);
}

void bond_mii_stop(struct bond *bond)
{
	ASSERT_RTNL();

	cancel_delayed_work_sync(&bond->mii_work);
}
