// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/bonding/<bond>: the tree's layout, line for line.
 */
#include <linux/ethtool.h>
#include <linux/proc_fs.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <generated/utsrelease.h>
#include <net/net_namespace.h>

#include "bond.h"

/* The tree's first line, which some tools parse */
#define BOND_PROC_BANNER \
	"Ethernet Channel Bonding Driver: v" UTS_RELEASE "\n\n"

static void bond_proc_active(struct seq_file *seq, struct bond *bond)
{
	struct bond_port *active = rcu_dereference(bond->active);
	struct bond_port *prim = READ_ONCE(bond->primary);

	seq_printf(seq, "Primary Slave: %s", prim ? prim->dev->name : "None");
	if (prim)
		seq_printf(seq, " (primary_reselect %s)",
			   bond_opt_value_name(BOND_OPT_PRIMARY_RESELECT,
					       bond->params.primary_reselect));
	seq_printf(seq, "\nCurrently Active Slave: %s\n",
		   active ? active->dev->name : "None");
}

static void bond_proc_mode(struct seq_file *seq, struct bond *bond)
{
	const struct bond_mode_ops *ops = &bond->mode->ops;
	const char *detail = NULL;
	char buf[64];

	if (ops->proc_mode_detail)
		detail = ops->proc_mode_detail(bond, buf, sizeof(buf));
	seq_printf(seq, "Bonding Mode: %s", bond->mode->proc_name);
	if (detail)
		seq_printf(seq, " (%s)", detail);
	seq_putc(seq, '\n');
}

static void bond_proc_bond(struct seq_file *seq, struct bond *bond)
{
	bond_proc_mode(seq, bond);
	if (bond_mode_uses_xmit_hash(bond))
		seq_printf(seq, "Transmit Hash Policy: %s (%u)\n",
			   bond_opt_value_name(BOND_OPT_XMIT_HASH_POLICY,
					       bond->params.xmit_policy),
			   bond->params.xmit_policy);
	if (bond_uses_active(bond))
		bond_proc_active(seq, bond);
	seq_printf(seq, "MII Status: %s\n",
		   netif_carrier_ok(bond->dev) ? "up" : "down");
	seq_printf(seq, "MII Polling Interval (ms): %u\n", bond->params.miimon);
	/* Beyond the tree: only when set, so that the layout stays the tree's */
	if (bond->params.link_watch_policy)
		seq_printf(seq, "Link Watch Policy: %s\n",
			   bond_opt_value_name(BOND_OPT_LINK_WATCH_POLICY,
					       bond->params.link_watch_policy));
	seq_printf(seq, "Up Delay (ms): %u\n",
		   bond_opt_get(bond, BOND_OPT_UPDELAY));
	seq_printf(seq, "Down Delay (ms): %u\n",
		   bond_opt_get(bond, BOND_OPT_DOWNDELAY));
	seq_printf(seq, "Peer Notification Delay (ms): %u\n",
		   bond_opt_get(bond, BOND_OPT_PEER_NOTIF_DELAY));
	bond_targets_proc_show(seq, &bond->params);
	if (bond->mode->ops.proc_show)
		bond->mode->ops.proc_show(seq, bond);
}

static void bond_proc_port(struct seq_file *seq, struct bond_port *port)
{
	seq_printf(seq, "\nSlave Interface: %s\n", port->dev->name);
	seq_printf(seq, "MII Status: %s\n", bond_link_name(port->link));
	if (port->speed == SPEED_UNKNOWN)
		seq_puts(seq, "Speed: Unknown\n");
	else
		seq_printf(seq, "Speed: %u Mbps\n", port->speed);
	if (port->duplex == DUPLEX_UNKNOWN)
		seq_puts(seq, "Duplex: Unknown\n");
	else
		seq_printf(seq, "Duplex: %s\n",
			   port->duplex == DUPLEX_FULL ? "full" : "half");
	seq_printf(seq, "Link Failure Count: %u\n", port->link_failure_count);
	seq_printf(seq, "Permanent HW addr: %*phC\n", port->dev->addr_len,
		   port->perm_hwaddr);
	seq_printf(seq, "Slave queue ID: %d\n", port->queue_id);
	if (port->bond->mode->ops.proc_port_show)
		port->bond->mode->ops.proc_port_show(seq, port);
}

static int bond_proc_show(struct seq_file *seq, void *v)
{
	struct bond *bond = seq->private;
	struct bond_port *port;

	seq_puts(seq, BOND_PROC_BANNER);
	rcu_read_lock();
	bond_proc_bond(seq, bond);
	bond_for_each_port_rcu(bond, port)
		bond_proc_port(seq, port);
	rcu_read_unlock();
	return 0;
}

/* Creates /proc/net/bonding/<bond>.  RTNL. */
void bond_procfs_add(struct bond *bond)
{
	struct bond_net *bn = net_generic(dev_net(bond->dev), bond_net_id);

	ASSERT_RTNL();

	if (!bn->proc_dir)
		return;
	strscpy(bond->proc_name, bond->dev->name, IFNAMSIZ);
	bond->proc_entry = proc_create_single_data(bond->proc_name, 0444,
						   bn->proc_dir,
						   bond_proc_show, bond);
	if (!bond->proc_entry)
		netdev_warn(bond->dev, "Cannot create /proc/net/bonding/%s\n",
			    bond->proc_name);
}

void bond_procfs_del(struct bond *bond)
{
	ASSERT_RTNL();

	proc_remove(bond->proc_entry);
	bond->proc_entry = NULL;
}

void bond_procfs_rename(struct bond *bond)
{
	ASSERT_RTNL();

	bond_procfs_del(bond);
	bond_procfs_add(bond);
}

void bond_procfs_net_init(struct bond_net *bn)
{
	bn->proc_dir = proc_mkdir("bonding", bn->net->proc_net);
	if (!bn->proc_dir)
		pr_warn("Warning: Cannot create /proc/net/bonding\n");
}

void bond_procfs_net_exit(struct bond_net *bn)
{
	if (bn->proc_dir)
		remove_proc_entry("bonding", bn->net->proc_net);
	bn->proc_dir = NULL;
}
