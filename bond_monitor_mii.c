// SPDX-License-Identifier: GPL-2.0
/*
 * The MII monitor: every miimon ms, look at each port's carrier and walk
 * its link through up -> fail -> down -> back -> up, honouring updelay and
 * downdelay (counted in MII ticks).  A port's carrier event makes it look
 * and commit at once, so failover does not wait for the tick (the tree's
 * does).
 * Looking needs only RCU; transitions are committed by bond_link_commit()
 * under RTNL, taken with rtnl_trylock() so that bond_close() may cancel
 * the work synchronously while holding RTNL.
 */
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>

#include "bond.h"

/* What the monitor sees of @port: its carrier, weighed with the ARP/NS
 * monitor's verdict when both run (link_watch_policy)
 */
static bool bond_mii_carrier(struct bond *bond, struct bond_port *port)
{
	struct net_device *dev = port->dev;
	bool carrier;

	if (!netif_running(dev))
		return false;
	if (bond->params.use_carrier || !dev->ethtool_ops->get_link)
		carrier = netif_carrier_ok(dev);
	else
		carrier = dev->ethtool_ops->get_link(dev);
	return bond_arp_combine(bond, port, carrier);
}

/* The link of a new port, from its carrier (bond_link_port_init()) */
static void bond_mii_port_init(struct bond *bond, struct bond_port *port)
{
	if (!bond->params.miimon)
		return;
	if (!bond_mii_carrier(bond, port)) {
		port->link = BOND_LINK_DOWN;
	} else if (bond->params.updelay) {
		port->link = BOND_LINK_BACK;
		port->delay = bond->params.updelay;
	}
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
	bool carrier = bond_mii_carrier(bond, port);
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

/* Whether some port can send for the bond; if none can, the first port
 * whose carrier comes back is taken at once, without its updelay.
 */
static bool bond_mii_any_up(struct bond *bond)
{
	struct bond_port *port;

	if (bond_uses_active(bond))
		return rcu_dereference(bond->active);
	bond_for_each_port_rcu(bond, port)
		if (port->link == BOND_LINK_UP)
			return true;
	return false;
}

static bool bond_mii_inspect(struct bond *bond)
{
	struct bond_port *port;
	bool commit = false;
	bool no_updelay;

	rcu_read_lock();
	no_updelay = !bond_mii_any_up(bond);
	bond_for_each_port_rcu(bond, port)
		commit |= bond_mii_inspect_port(bond, port, &no_updelay);
	rcu_read_unlock();
	return commit;
}

static void bond_mii_work(struct work_struct *work)
{
	struct bond *bond = container_of(work, struct bond, mii_work.work);
	unsigned long delay = msecs_to_jiffies(bond->params.miimon);

	if (bond_mii_inspect(bond)) {
		if (rtnl_trylock()) {
			bond_link_commit(bond);
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

static void bond_mii_init(struct bond *bond)
{
	INIT_DELAYED_WORK(&bond->mii_work, bond_mii_work);
}

/* Starts the monitor if miimon is set; the bond is up.  RTNL. */
static void bond_mii_start(struct bond *bond)
{
	ASSERT_RTNL();

	if (bond->params.miimon)
		queue_delayed_work(system_power_efficient_wq, &bond->mii_work,
				   0);
}

static void bond_mii_stop(struct bond *bond)
{
	ASSERT_RTNL();

	cancel_delayed_work_sync(&bond->mii_work);
}

/* When the carrier contradicts a settled link, inspect and commit at once,
 * under the RTNL the event holds: failover waits neither for the tick nor
 * for the work to get RTNL.  The work is stopped meanwhile, so that two
 * inspections never overlap (it never waits on RTNL, so it can be waited
 * for here), then re-armed for the next tick.  While an updelay or
 * downdelay runs (going down, going back) the ticks count it.
 */
static void bond_mii_port_event(struct bond *bond, struct bond_port *port)
{
	bool carrier;

	ASSERT_RTNL();

	if (!bond->params.miimon)
		return;
	carrier = bond_mii_carrier(bond, port);
	if (!(carrier && port->link == BOND_LINK_DOWN) &&
	    !(!carrier && port->link == BOND_LINK_UP))
		return;
	cancel_delayed_work_sync(&bond->mii_work);
	if (bond_mii_inspect(bond))
		bond_link_commit(bond);
	queue_delayed_work(system_power_efficient_wq, &bond->mii_work,
			   msecs_to_jiffies(bond->params.miimon));
}

const struct bond_monitor bond_monitor_mii = {
	.name		= "mii",
	.init		= bond_mii_init,
	.start		= bond_mii_start,
	.stop		= bond_mii_stop,
	.port_init	= bond_mii_port_init,
	.port_event	= bond_mii_port_event,
};
