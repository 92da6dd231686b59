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

/* Filled from the options tables at module init */
static struct nla_policy bond_policy[IFLA_BOND_MAX + 1];
static struct netlink_range_validation bond_nla_range[IFLA_BOND_MAX + 1];
static const struct bond_opt *bond_nla_opt[IFLA_BOND_MAX + 1];
static struct nla_policy bond_port_policy[IFLA_BOND_SLAVE_MAX + 1];

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

/* An interface index, 0 for none */
static int bond_nla_ifindex(struct bond *bond, const struct bond_opt *opt,
			    const struct nlattr *attr, struct bond_opt_val *val,
			    struct netlink_ext_ack *extack)
{
	u32 ifindex = nla_get_u32(attr);
	struct net_device *dev;

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

/* Reads attribute @attr of @opt into @val */
static int bond_nla_value(struct bond *bond, const struct bond_opt *opt,
			  const struct nlattr *attr, struct bond_opt_val *val,
			  struct netlink_ext_ack *extack)
{
	memset(val, 0, sizeof(*val));
	switch (opt->type) {
	case BOND_OPT_NUM:
		if (opt->nla_type == NLA_U8)
			val->num = nla_get_u8(attr);
		else if (opt->nla_type == NLA_U16)
			val->num = nla_get_u16(attr);
		else
			val->num = nla_get_u32(attr);
		return 0;
	case BOND_OPT_STR:
		return bond_nla_ifindex(bond, opt, attr, val, extack);
	case BOND_OPT_TARGETS:
		return bond_targets_nla_get(opt, attr, val, extack);
	case BOND_OPT_MAC:
		if (nla_len(attr) != ETH_ALEN) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "invalid MAC address");
			return -EINVAL;
		}
		memcpy(val->mac, nla_data(attr), ETH_ALEN);
		return 0;
	}
	return -EINVAL;
}

static int bond_nla_unsupported(struct nlattr *data[],
				struct netlink_ext_ack *extack)
{
	int type;

	for (type = 1; type <= IFLA_BOND_MAX; type++) {
		if (data[type] && !bond_nla_opt[type] &&
		    type != IFLA_BOND_AD_INFO) {
			NL_SET_ERR_MSG_ATTR(extack, data[type],
					    "bonding option not supported");
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

static bool bond_nla_nonzero(struct nlattr *data[], int type)
{
	return data[type] && nla_get_u32(data[type]);
}

/* The tree refuses both monitors in one request, whatever else is set */
static int bond_nla_monitors(struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	if (!bond_nla_nonzero(data, IFLA_BOND_MIIMON))
		return 0;
	if (bond_nla_nonzero(data, IFLA_BOND_ARP_INTERVAL)) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_BOND_ARP_INTERVAL],
				    "ARP monitoring cannot be used with MII monitoring");
		return -EINVAL;
	}
	if (bond_nla_nonzero(data, IFLA_BOND_ARP_VALIDATE)) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_BOND_ARP_VALIDATE],
				    "ARP validating cannot be used with MII monitoring");
		return -EINVAL;
	}
	return 0;
}

static int bond_nla_check_all(struct bond *bond, struct nlattr *data[],
			      struct bond_opt_val *vals,
			      struct bond_params *next,
			      struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	int err = 0, id;

	for (id = 0; !err && id < BOND_OPT_COUNT; id++) {
		attr = bond_opts[id].nla ? data[bond_opts[id].nla] : NULL;
		if (!attr)
			continue;
		err = bond_nla_value(bond, &bond_opts[id], attr, &vals[id],
				     extack);
		if (!err)
			err = bond_opt_check(bond, id, &vals[id], next, attr,
					     extack);
	}
	return err;
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
	struct bond_params *next;
	struct bond_opt_val *vals;
	int err, id;

	ASSERT_RTNL();

	if (!data)
		return 0;
	err = bond_nla_unsupported(data, extack);
	if (!err)
		err = bond_nla_monitors(data, extack);
	if (err)
		return err;
	/* One value per option would not fit on the stack */
	vals = kvcalloc(BOND_OPT_COUNT, sizeof(*vals), GFP_KERNEL);
	next = kmemdup(&bond->params, sizeof(*next), GFP_KERNEL);
	err = vals && next ? 0 : -ENOMEM;
	if (!err)
		err = bond_nla_check_all(bond, data, vals, next, extack);
	for (id = 0; !err && id < BOND_OPT_COUNT; id++)
		if (bond_opts[id].nla && data[bond_opts[id].nla])
			err = bond_opt_apply(bond, id, &vals[id], extack);
	kfree(next);
	kvfree(vals);
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
	bond_monitors_check(netdev_priv(dev));
	return 0;
}

static size_t bond_opt_nla_size(const struct bond_opt *opt)
{
	switch (opt->nla_type) {
	case NLA_U8:
		return nla_total_size(sizeof(u8));
	case NLA_U16:
		return nla_total_size(sizeof(u16));
	case NLA_BINARY:
		return nla_total_size(ETH_ALEN);
	case NLA_NESTED:
		return bond_targets_nla_size(opt);
	}
	return nla_total_size(sizeof(u32));
}

/* Under RTNL, or only RCU when rtnetlink sizes a dump */
static size_t bond_get_size(const struct net_device *dev)
{
	const struct bond *bond = netdev_priv(dev);
	const struct bond_opt *opt;
	size_t size = 0;

	if (bond->mode->ops.nl_size)
		size += bond->mode->ops.nl_size(bond);
	for (opt = bond_opts; opt < bond_opts + BOND_OPT_COUNT; opt++) {
		if (opt->nla)
			size += bond_opt_nla_size(opt);
		if (opt->ext_nla)
			size += nla_total_size(sizeof(u32));
	}
	return size + nla_total_size(0) +	/* IFLA_BOND_EXT */
	       nla_total_size(sizeof(u8));	/* LACP_FALLBACK_ACTIVE */
}

static int bond_fill_num(struct sk_buff *skb, struct bond *bond,
			 const struct bond_opt *opt)
{
	u32 v = bond_opt_get(bond, opt - bond_opts);

	switch (opt->nla_type) {
	case NLA_U8:
		return nla_put_u8(skb, opt->nla, v);
	case NLA_U16:
		return nla_put_u16(skb, opt->nla, v);
	}
	return nla_put_u32(skb, opt->nla, v);
}

static int bond_fill_opt(struct sk_buff *skb, struct bond *bond,
			 const struct bond_opt *opt)
{
	struct net_device *dev;

	if (!bond_opt_visible(bond, opt))
		return 0;
	switch (opt->type) {
	case BOND_OPT_NUM:
		return bond_fill_num(skb, bond, opt);
	case BOND_OPT_STR:
		dev = opt->get_port(bond);
		return dev ? nla_put_u32(skb, opt->nla, dev->ifindex) : 0;
	case BOND_OPT_TARGETS:
		return bond_targets_nla_put(skb, &bond->params, opt);
	case BOND_OPT_MAC:
		return nla_put(skb, opt->nla, ETH_ALEN,
			       bond_opt_field(&bond->params, opt));
	}
	return 0;
}

/* What we report beyond the kernel's ABI (include/bond_ext.h) */
static int bond_fill_ext(struct sk_buff *skb, struct bond *bond)
{
	const struct bond_opt *opt;
	struct bond_ad_info ad;
	struct nlattr *nest;

	nest = nla_nest_start(skb, IFLA_BOND_EXT);
	if (!nest)
		return -EMSGSIZE;
	for (opt = bond_opts; opt < bond_opts + BOND_OPT_COUNT; opt++)
		if (opt->ext_nla && bond_opt_visible(bond, opt) &&
		    nla_put_u32(skb, opt->ext_nla,
				bond_opt_get(bond, opt - bond_opts)))
			goto cancel_nest;
	if (bond->mode->ops.ad_info && !bond->mode->ops.ad_info(bond, &ad) &&
	    nla_put_u8(skb, IFLA_BOND_EXT_LACP_FALLBACK_ACTIVE, ad.fallback))
		goto cancel_nest;
	nla_nest_end(skb, nest);
	return 0;

cancel_nest:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int bond_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct bond *bond = netdev_priv(dev);
	const struct bond_opt *opt;

	ASSERT_RTNL();

	for (opt = bond_opts; opt < bond_opts + BOND_OPT_COUNT; opt++)
		if (opt->nla && bond_fill_opt(skb, bond, opt))
			return -EMSGSIZE;
	if (bond_fill_ext(skb, bond))
		return -EMSGSIZE;
	if (bond->mode->ops.fill_info)
		return bond->mode->ops.fill_info(skb, bond);
	return 0;
}

static unsigned int bond_get_num_tx_queues(void)
{
	return bond_tx_queues;
}

/* Under RTNL, or only RCU when rtnetlink sizes a dump */
static size_t bond_get_port_size(const struct net_device *bond_dev,
				 const struct net_device *dev)
{
	const struct bond *bond = netdev_priv(bond_dev);
	struct bond_port *port = bond_port_get_rcu_rtnl(dev);
	size_t mode_size = 0;

	if (port && bond->mode->ops.nl_port_size)
		mode_size = bond->mode->ops.nl_port_size(port);
	return mode_size +
	       nla_total_size(sizeof(u8)) +	/* STATE */
	       nla_total_size(sizeof(u8)) +	/* MII_STATUS */
	       nla_total_size(sizeof(u32)) +	/* LINK_FAILURE_COUNT */
	       nla_total_size(MAX_ADDR_LEN) +	/* PERM_HWADDR */
	       nla_total_size(sizeof(u16)) +	/* QUEUE_ID */
	       nla_total_size(sizeof(s32)) +	/* PRIO */
	       nla_total_size(sizeof(u16)) +	/* ACTOR_PORT_PRIO */
	       nla_total_size(0) +		/* IFLA_BOND_SLAVE_EXT */
	       nla_total_size(BOND_AD_REASON_MAX);
}

/* What we report of a port beyond the kernel's ABI: why it does not
 * aggregate (the ad_reason file), in the modes that say so
 */
static int bond_fill_port_ext(struct sk_buff *skb, struct bond_port *port)
{
	const struct bond_mode_ops *ops = &port->bond->mode->ops;
	struct bond_ad_port_info info = {};
	struct nlattr *nest;

	if (!ops->ad_port_info)
		return 0;
	/* A port without aggregator still says why: only @status is used */
	ops->ad_port_info(port, &info);
	if (!info.status)
		return 0;
	nest = nla_nest_start(skb, IFLA_BOND_SLAVE_EXT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, IFLA_BOND_SLAVE_EXT_AD_REASON, info.status)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int bond_fill_port_opts(struct sk_buff *skb, struct bond_port *port)
{
	const struct bond_port_opt *opt;
	s64 v;
	int err;

	for (opt = bond_port_opts; opt < bond_port_opts + BOND_PORT_OPT_COUNT;
	     opt++) {
		if (opt->fill_modes &&
		    !(opt->fill_modes & BIT(port->bond->params.mode)))
			continue;
		v = opt->get(port);
		err = opt->nla_type == NLA_S32 ?
		      nla_put_s32(skb, opt->nla, v) :
		      nla_put_u16(skb, opt->nla, v);
		if (err)
			return err;
	}
	return 0;
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
	    bond_fill_port_opts(skb, port) || bond_fill_port_ext(skb, port))
		return -EMSGSIZE;
	if (port->bond->mode->ops.fill_port_info)
		return port->bond->mode->ops.fill_port_info(skb, port);
	return 0;
}

static s64 bond_port_nla_get(const struct bond_port_opt *opt,
			     const struct nlattr *attr)
{
	return opt->nla_type == NLA_S32 ? nla_get_s32(attr) : nla_get_u16(attr);
}

/* ip link set dev PORT type bond_slave ...: all checked, then all set */
static int bond_port_changelink(struct net_device *bond_dev,
				struct net_device *dev, struct nlattr *tb[],
				struct nlattr *data[],
				struct netlink_ext_ack *extack)
{
	struct bond_port *port = bond_port_get_rtnl(dev);
	const struct bond_port_opt *opt;
	int id, err = 0;

	ASSERT_RTNL();

	if (!data || !port)
		return 0;
	for (id = 0; !err && id < BOND_PORT_OPT_COUNT; id++) {
		opt = &bond_port_opts[id];
		if (data[opt->nla])
			err = bond_port_opt_check(port, id,
						  bond_port_nla_get(opt, data[opt->nla]),
						  data[opt->nla], extack);
	}
	for (id = 0; !err && id < BOND_PORT_OPT_COUNT; id++) {
		opt = &bond_port_opts[id];
		if (data[opt->nla])
			opt->set(port, bond_port_nla_get(opt, data[opt->nla]));
	}
	return err;
}

/* Extended statistics (RTM_GETSTATS): a LINK_XSTATS_TYPE_BOND nest with
 * the mode's, for the bond and for each port, as the tree has them
 */
static size_t bond_get_xstats_size(const struct net_device *dev, int attr)
{
	if (attr != IFLA_STATS_LINK_XSTATS &&
	    attr != IFLA_STATS_LINK_XSTATS_SLAVE)
		return 0;
	return nla_total_size(0) + BOND_MODE_XSTATS_SIZE;
}

static int bond_fill_xstats(struct sk_buff *skb, const struct net_device *dev,
			    int *prividx, int attr)
{
	struct bond_port *port = NULL;
	struct nlattr *nest;
	struct bond *bond;
	int err = 0;

	switch (attr) {
	case IFLA_STATS_LINK_XSTATS:
		bond = netdev_priv(dev);
		break;
	case IFLA_STATS_LINK_XSTATS_SLAVE:
		port = bond_port_get_rtnl(dev);
		if (!port)
			return 0;
		bond = port->bond;
		break;
	default:
		return -EINVAL;
	}
	nest = nla_nest_start_noflag(skb, LINK_XSTATS_TYPE_BOND);
	if (!nest)
		return -EMSGSIZE;
	if (bond->mode->ops.fill_xstats)
		err = bond->mode->ops.fill_xstats(skb, bond, port);
	nla_nest_end(skb, nest);
	return err;
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
	.slave_changelink	= bond_port_changelink,
	.get_slave_size		= bond_get_port_size,
	.fill_slave_info	= bond_fill_port_info,
	.get_linkxstats_size	= bond_get_xstats_size,
	.fill_linkxstats	= bond_fill_xstats,
};

/* Derives the attribute policies from the options tables */
void bond_netlink_init(void)
{
	const struct bond_port_opt *popt;
	const struct bond_opt *opt;
	struct nla_policy *pol;

	/* Read-only in the tree too: accepted and ignored */
	bond_policy[IFLA_BOND_AD_INFO].type = NLA_NESTED;
	for (opt = bond_opts; opt < bond_opts + BOND_OPT_COUNT; opt++) {
		if (!opt->nla)
			continue;
		pol = &bond_policy[opt->nla];
		pol->type = opt->nla_type;
		if (opt->nla_type == NLA_BINARY)
			pol->len = ETH_ALEN;
		if (opt->flags & BOND_OPTF_NLA_RANGE) {
			bond_nla_range[opt->nla].min = opt->min;
			bond_nla_range[opt->nla].max = opt->max;
			pol->validation_type = NLA_VALIDATE_RANGE_PTR;
			pol->range = &bond_nla_range[opt->nla];
		}
		bond_nla_opt[opt->nla] = opt;
	}
	for (popt = bond_port_opts; popt < bond_port_opts + BOND_PORT_OPT_COUNT;
	     popt++)
		bond_port_policy[popt->nla].type = popt->nla_type;
}
