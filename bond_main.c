// SPDX-License-Identifier: GPL-2.0
/*
 * Module init and exit: the subsystems in order, and their unwind.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

#include "bond.h"

static int max_bonds = 1;
module_param(max_bonds, int, 0);
MODULE_PARM_DESC(max_bonds, "Max number of bonded devices");

int bond_tx_queues = 16;
module_param_named(tx_queues, bond_tx_queues, int, 0);
MODULE_PARM_DESC(tx_queues, "Max number of transmit queues (default = 16)");

unsigned int bond_net_id __read_mostly;

static int __net_init bond_net_init(struct net *net)
{
	struct bond_net *bn = net_generic(net, bond_net_id);
	int err;

	bn->net = net;
	INIT_LIST_HEAD(&bn->bonds);
	bond_procfs_net_init(bn);
	err = bond_sysfs_net_init(bn);
	if (err)
		bond_procfs_net_exit(bn);
	return err;
}

/* Bonds normally go with their netns or with rtnl_link_unregister(), but
 * one may be created through bonding_masters after that: remove the file
 * first, then what it created, then /proc/net/bonding.
 */
static void __net_exit bond_net_exit_batch(struct list_head *net_list)
{
	struct bond *bond, *tmp;
	struct bond_net *bn;
	struct net *net;
	LIST_HEAD(kill);

	list_for_each_entry(net, net_list, exit_list)
		bond_sysfs_net_exit(net_generic(net, bond_net_id));
	rtnl_lock();
	list_for_each_entry(net, net_list, exit_list) {
		bn = net_generic(net, bond_net_id);
		list_for_each_entry_safe(bond, tmp, &bn->bonds, list)
			unregister_netdevice_queue(bond->dev, &kill);
	}
	unregister_netdevice_many(&kill);
	rtnl_unlock();
	list_for_each_entry(net, net_list, exit_list)
		bond_procfs_net_exit(net_generic(net, bond_net_id));
}

static struct pernet_operations bond_net_ops = {
	.init	= bond_net_init,
	.exit_batch = bond_net_exit_batch,
	.id	= &bond_net_id,
	.size	= sizeof(struct bond_net),
};

static int bond_check_module_params(void)
{
	if (max_bonds < 0) {
		pr_warn("Warning: max_bonds (%d) not in range 0-%d, so it was reset to 1\n",
			max_bonds, INT_MAX);
		max_bonds = 1;
	}
	if (bond_tx_queues < 1 || bond_tx_queues > 255) {
		pr_warn("Warning: tx_queues (%d) should be between 1 and 255, resetting to 16\n",
			bond_tx_queues);
		bond_tx_queues = 16;
	}
	if (!bond_mode_get(bond_defaults.mode)) {
		pr_err("Error: bonding mode %s is not implemented yet\n",
		       bond_opt_value_name(BOND_OPT_MODE, bond_defaults.mode));
		return -EINVAL;
	}
	return 0;
}

static int __init bond_module_init(void)
{
	int err, i;

	err = bond_params_init();
	if (!err)
		err = bond_check_module_params();
	if (err)
		return err;
	bond_sysfs_init();
	bond_netlink_init();
	bond_hash_init();
	err = register_pernet_subsys(&bond_net_ops);
	if (err)
		return err;
	err = rtnl_link_register(&bond_link_ops);
	if (err)
		goto err_unregister_pernet;
	err = bond_notifier_register();
	if (err)
		goto err_unregister_link;
	for (i = 0; i < max_bonds; i++) {
		err = bond_dev_create(&init_net, NULL);
		if (err)
			goto err_unregister_notifier;
	}
	return 0;

err_unregister_notifier:
	bond_notifier_unregister();
err_unregister_link:
	rtnl_link_unregister(&bond_link_ops);
err_unregister_pernet:
	unregister_pernet_subsys(&bond_net_ops);
	return err;
}

static void __exit bond_module_exit(void)
{
	bond_notifier_unregister();
	rtnl_link_unregister(&bond_link_ops);
	unregister_pernet_subsys(&bond_net_ops);
}

module_init(bond_module_init);
module_exit(bond_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Ethernet Channel Bonding Driver (replacement)");
MODULE_AUTHOR("bonding contributors");
MODULE_ALIAS_RTNL_LINK("bond");
