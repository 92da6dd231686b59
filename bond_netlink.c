// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink: "ip link ... type bond" and the IFLA_BOND_* / IFLA_BOND_SLAVE_*
 * attributes, driven by the options table.
 */
#include <linux/etherdevice.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/rtnetlink.h>

#include "bond.h"

/* Filled from the options table at module init */
static struct nla_policy bond_policy[IFLA_BOND_MAX + 1];
static const struct bond_opt *bond_nla_opt[IFLA_BOND_MAX + 1];

static const struct nla_policy bond_port_policy[IFLA_BOND_SLAVE_MAX + 1] = {
};

static int bond_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN)
			return -EINVAL;
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS])))
			return -EADDRNOTAVAIL;
	}
	return 0;
}

/* Reads attribute @attr of @opt into @val */
static int bond_nla_value(struct bond *bond, const struct bond_opt *opt,
			  const struct nlattr *attr, struct bond_opt_val *val,
			  struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	u32 ifindex;

	memset(val, 0, sizeof(*val));
	if (opt->type == BOND_OPT_NUM) {
		val->num = opt->nla_type == NLA_U8 ? nla_get_u8(attr) :
						     nla_get_u32(attr);
		return 0;
	}
	/* A STR option in netlink is an interface index, 0 for none */
	ifindex = nla_get_u32(attr);
	if (!ifindex)
		return 0;
	dev = __dev_get_by_index(dev_net(bond->dev), ifindex);
	if (!dev && (opt->flags & BOND_OPTF_UNKNOWN_IS_NONE))
		return 0;
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "interface does not exist");
		return -ENODEV;
	}
	strscpy(val->str, dev->name, sizeof(val->str));
	return 0;
}

static int bond_nla_unsupported(struct nlattr *data[],
				struct netlink_ext_ack *extack)
{
	int type;

	for (type = 1; type <= IFLA_BOND_MAX; type++) {
		if (data[type] && !bond_nla_opt[type]) {
			NL_SET_ERR_MSG_ATTR(extack, data[type],
					    "bonding option not supported yet");
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

/**
 * bond_netlink_changelink - apply IFLA_BOND_* attributes
 * @dev: the bond
 * @tb: IFLA_* attributes
 * @data: IFLA_BOND_* attributes
 * @extack: error report
 *
 * Every attribute is checked, in table order and against the values of
 * those before it, before any is applied: a refused request changes
 * nothing.
 */
int bond_netlink_changelink(struct net_device *dev, struct nlattr *tb[],
			    struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	struct bond *bond = netdev_priv(dev);
	struct bond_params next = bond->params;
	const struct nlattr *attr;
	struct bond_opt_val *vals;
	int err, id;

	ASSERT_RTNL();

	if (!data)
		return 0;
	err = bond_nla_unsupported(data, extack);
	if (err)
		return err;
	/* One value per option would not fit on the stack */
	vals = kcalloc(BOND_OPT_COUNT, sizeof(*vals), GFP_KERNEL);
	if (!vals)
		return -ENOMEM;
	for (id = 0; !err && id < BOND_OPT_COUNT; id++) {
		attr = bond_opts[id].nla ? data[bond_opts[id].nla] : NULL;
		if (!attr)
			continue;
		err = bond_nla_value(bond, &bond_opts[id], attr, &vals[id],
				     extack);
		if (!err)
			err = bond_opt_check(bond, id, &vals[id], &next, attr,
					     extack);
	}
	for (id = 0; !err && id < BOND_OPT_COUNT; id++)
		if (bond_opts[id].nla && data[bond_opts[id].nla])
			err = bond_opt_apply(bond, id, &vals[id], extack);
	kfree(vals);
	return err;
}

static int bond_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	return bond_netlink_changelink(dev, tb, data, extack);
}

static int bond_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	int err;

	err = bond_netlink_changelink(dev, tb, data, extack);
	if (err)
		return err;
	err = register_netdevice(dev);
	if (err)
		return err;
	netif_carrier_off(dev);
	return 0;
}

static size_t bond_get_size(const struct net_device *dev)
{
	const struct bond *bond = netdev_priv(dev);
	const struct bond_opt *opt;
	size_t size = 0;

	if (bond->mode->ops.nl_size)
		size += bond->mode->ops.nl_size(bond);

	for (opt = bond_opts; opt < bond_opts + BOND_OPT_COUNT; opt++)
		if (opt->nla)
			size += nla_total_size(opt->nla_type == NLA_U8 ? 1 : 4);
	return size;
}

static int bond_fill_opt(struct sk_buff *skb, struct bond *bond,
			 const struct bond_opt *opt)
{
	struct net_device *dev;

	if (opt->type == BOND_OPT_STR) {
		dev = opt->get_port(bond);
		return dev ? nla_put_u32(skb, opt->nla, dev->ifindex) : 0;
	}
	if (opt->nla_type == NLA_U8)
		return nla_put_u8(skb, opt->nla,
				  bond_opt_get(bond, opt - bond_opts));
	return nla_put_u32(skb, opt->nla, bond_opt_get(bond, opt - bond_opts));
}

static int bond_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);
	const struct bond_opt *opt;

	ASSERT_RTNL();

	for (opt = bond_opts; opt < bond_opts + BOND_OPT_COUNT; opt++)
		if (opt->nla && bond_fill_opt(skb, bond, opt))
			return -EMSGSIZE;
	if (bond->mode->ops.fill_info)
		return bond->mode->ops.fill_info(skb, bond);
	return 0;
}

static unsigned int bond_get_num_tx_queues(void)
{
	return bond_tx_queues;
}

static size_t bond_get_port_size(const struct net_device *bond_dev,
				 const struct net_device *dev)
{
	const struct bond *bond = netdev_priv(bond_dev);
	struct bond_port *port = bond_port_get_rtnl(dev);
	size_t mode_size = 0;

	if (port && bond->mode->ops.nl_port_size)
		mode_size = bond->mode->ops.nl_port_size(port);
	return mode_size +
	       nla_total_size(sizeof(u8)) +	/* STATE */
	       nla_total_size(sizeof(u8)) +	/* MII_STATUS */
	       nla_total_size(sizeof(u32)) +	/* LINK_FAILURE_COUNT */
	       nla_total_size(MAX_ADDR_LEN) +	/* PERM_HWADDR */
	       nla_total_size(sizeof(u16));	/* QUEUE_ID */
}

static int bond_fill_port_info(struct sk_buff *skb,
			       const struct net_device *bond_dev,
			       const struct net_device *dev)
{
	struct bond_port *port = bond_port_get_rtnl(dev);

	if (!port)
		return 0;
	if (nla_put_u8(skb, IFLA_BOND_SLAVE_STATE, port->state) ||
	    nla_put_u8(skb, IFLA_BOND_SLAVE_MII_STATUS, port->link) ||
	    nla_put_u32(skb, IFLA_BOND_SLAVE_LINK_FAILURE_COUNT,
			port->link_failure_count) ||
	    nla_put(skb, IFLA_BOND_SLAVE_PERM_HWADDR, dev->addr_len,
		    port->perm_hwaddr) ||
	    nla_put_u16(skb, IFLA_BOND_SLAVE_QUEUE_ID, port->queue_id))
		return -EMSGSIZE;
	if (port->bond->mode->ops.fill_port_info)
		return port->bond->mode->ops.fill_port_info(skb, port);
	return 0;
}

struct rtnl_link_ops bond_link_ops __read_mostly = {
	.kind			= "bond",
	.priv_size		= sizeof(struct bond),
	.setup			= bond_dev_setup,
	.maxtype		= IFLA_BOND_MAX,
	.policy			= bond_policy,
	.validate		= bond_validate,
	.newlink		= bond_newlink,
	.changelink		= bond_changelink,
	.get_size		= bond_get_size,
	.fill_info		= bond_fill_info,
	.get_num_tx_queues	= bond_get_num_tx_queues,
	.get_num_rx_queues	= bond_get_num_tx_queues,
	.slave_maxtype		= IFLA_BOND_SLAVE_MAX,
	.slave_policy		= bond_port_policy,
	.get_slave_size		= bond_get_port_size,
	.fill_slave_info	= bond_fill_port_info,
};

/* Derives the attribute policy from the options table */
void bond_netlink_init(void)
{
	const struct bond_opt *opt;

	for (opt = bond_opts; opt < bond_opts + BOND_OPT_COUNT; opt++) {
		if (!opt->nla)
			continue;
		bond_policy[opt->nla].type = opt->nla_type;
		bond_nla_opt[opt->nla] = opt;
	}
}
