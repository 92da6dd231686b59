// SPDX-License-Identifier: GPL-2.0
/*
 * The probes of the ARP/NS monitor: an ARP request for each arp_ip_target
 * and a neighbour solicitation for each ns_ip6_target, sent straight
 * through one port.  A target is usually reached through the bond itself,
 * but may be reached through a device stacked on it (a VLAN, a bridge):
 * the probe then carries that device's source address and the VLAN tags
 * of the way down, since a switch port in a VLAN may drop untagged
 * frames.  A target with no route is still probed, from no address, so
 * that some traffic flows (arp_validate none counts any reply).
 */
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/inetdevice.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/route.h>

#include "bond.h"

/* VLAN tags from the bond up to the device a target is reached through,
 * outermost first; at most one per level of stacking.
 */
struct bond_probe_path {
	unsigned int count;
	struct {
		__be16 proto;
		u16 vid;
	} tag[MAX_NEST_DEV];
};

/* Whether @to sits on @from (or is it); collects the VLANs in between */
static bool bond_probe_walk(struct net_device *from, struct net_device *to,
			    struct bond_probe_path *path, unsigned int level)
{
	struct net_device *upper;
	struct list_head *iter;
	unsigned int count = path->count;

	if (from == to)
		return true;
	if (level >= MAX_NEST_DEV)
		return false;
	netdev_for_each_upper_dev_rcu(from, upper, iter) {
		if (is_vlan_dev(upper)) {
			path->tag[path->count].proto = vlan_dev_vlan_proto(upper);
			path->tag[path->count].vid = vlan_dev_vlan_id(upper);
			path->count++;
		}
		if (bond_probe_walk(upper, to, path, level + 1))
			return true;
		path->count = count;
	}
	return false;
}

/* The path from @bond to @dev, false if @dev is not stacked on it.  RCU. */
static bool bond_probe_path(struct bond *bond, struct net_device *dev,
			    struct bond_probe_path *path)
{
	path->count = 0;
	return bond_probe_walk(bond->dev, dev, path, 0);
}

/* Tags @skb for @path: the outermost tag as the port's offload does it,
 * the inner ones in the frame.  False if @skb was freed.
 */
static bool bond_probe_tag(struct sk_buff **pskb,
			   const struct bond_probe_path *path)
{
	unsigned int i;

	if (!path->count)
		return true;
	for (i = path->count - 1; i > 0; i--) {
		*pskb = vlan_insert_tag_set_proto(*pskb, path->tag[i].proto,
						  path->tag[i].vid);
		if (!*pskb) {
			net_err_ratelimited("%s: failed to insert a VLAN tag\n",
					    __func__);
			return false;
		}
	}
	__vlan_hwaccel_put_tag(*pskb, path->tag[0].proto, path->tag[0].vid);
	return true;
}

static void bond_probe_sent(struct bond_port *port)
{
	WRITE_ONCE(port->last_tx, jiffies);
}

static void bond_probe_arp(struct bond_port *port, __be32 target, __be32 src,
			   const struct bond_probe_path *path)
{
	struct net_device *dev = port->dev;
	struct sk_buff *skb;

	skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, target, dev, src, NULL,
			 dev->dev_addr, NULL);
	if (!skb) {
		net_err_ratelimited("%s: no memory for an ARP probe\n",
				    port->bond->dev->name);
		return;
	}
	if (!bond_probe_tag(&skb, path))
		return;
	bond_probe_sent(port);
	arp_xmit(skb);
}

/* An address of @dev: @local if it has it, else (@local 0) one in the
 * subnet of @dst, else 0
 */
static __be32 bond_probe_confirm(struct net_device *dev, __be32 dst,
				 __be32 local)
{
	struct in_device *in_dev = __in_dev_get_rcu(dev);

	return in_dev ? inet_confirm_addr(dev_net(dev), in_dev, dst, local,
					  RT_SCOPE_HOST) : 0;
}

static void bond_probe_arp_target(struct bond *bond, struct bond_port *port,
				  __be32 target)
{
	struct bond_probe_path path = { };
	struct rtable *rt;
	__be32 src;

	rt = ip_route_output(dev_net(bond->dev), target, 0, RTO_ONLINK, 0);
	if (IS_ERR(rt)) {
		if (bond->params.arp_validate)
			pr_warn_once("%s: no route to arp_ip_target %pI4 and arp_validate is set\n",
				     bond->dev->name, &target);
		bond_probe_arp(port, target, 0, &path);
		return;
	}
	if (bond_probe_path(bond, rt->dst.dev, &path)) {
		src = bond_probe_confirm(rt->dst.dev, target, 0);
		bond_probe_arp(port, target, src, &path);
	}
	ip_rt_put(rt);
}

static void bond_probe_ns(struct bond_port *port, const struct in6_addr *target,
			  const struct in6_addr *src,
			  const struct bond_probe_path *path)
{
	struct in6_addr mcast;
	struct sk_buff *skb;

	skb = ndisc_ns_create(port->dev, target, src, 0);
	if (!skb) {
		net_err_ratelimited("%s: no memory for an NS probe\n",
				    port->bond->dev->name);
		return;
	}
	if (!bond_probe_tag(&skb, path))
		return;
	addrconf_addr_solict_mult(target, &mcast);
	bond_probe_sent(port);
	ndisc_send_skb(skb, &mcast, src);
}

static void bond_probe_ns_target(struct bond *bond, struct bond_port *port,
				 const struct in6_addr *target)
{
	struct bond_probe_path path = { };
	struct flowi6 fl6 = { .daddr = *target };
	struct dst_entry *dst;
	struct in6_addr src;

	dst = ip6_route_output(dev_net(bond->dev), NULL, &fl6);
	if (dst->error) {
		dst_release(dst);
		if (bond->params.arp_validate)
			pr_warn_once("%s: no route to ns_ip6_target %pI6c and arp_validate is set\n",
				     bond->dev->name, target);
		bond_probe_ns(port, target, &in6addr_any, &path);
		return;
	}
	if (bond_probe_path(bond, dst->dev, &path)) {
		if (ipv6_dev_get_saddr(dev_net(dst->dev), dst->dev, target, 0,
				       &src))
			src = in6addr_any;
		bond_probe_ns(port, target, &src, &path);
	}
	dst_release(dst);
}

/**
 * bond_probe_send - probe every target through @port
 * @bond: the bond
 * @port: one of its ports
 *
 * Records the time in port->last_tx.  RCU.
 */
void bond_probe_send(struct bond *bond, struct bond_port *port)
{
	const struct bond_params *p = &bond->params;
	unsigned int i;

	RCU_LOCKDEP_WARN(!rcu_read_lock_held(), "probes need RCU");
	for (i = 0; i < BOND_MAX_TARGETS && p->arp_targets[i]; i++)
		bond_probe_arp_target(bond, port, p->arp_targets[i]);
	if (!ipv6_mod_enabled())
		return;
	for (i = 0; i < BOND_MAX_TARGETS && !ipv6_addr_any(&p->ns_targets[i]);
	     i++)
		bond_probe_ns_target(bond, port, &p->ns_targets[i]);
}

static int bond_probe_upper_has_ip(struct net_device *dev,
				   struct netdev_nested_priv *priv)
{
	__be32 ip = *(__be32 *)priv->data;

	return bond_probe_confirm(dev, 0, ip) == ip;
}

/* Whether @ip is an address of the bond or of a device stacked on it.
 * RCU.
 */
bool bond_probe_has_ip(struct bond *bond, __be32 ip)
{
	struct netdev_nested_priv priv = { .data = &ip };

	return bond_probe_confirm(bond->dev, 0, ip) == ip ||
	       netdev_walk_all_upper_dev_rcu(bond->dev,
					     bond_probe_upper_has_ip, &priv);
}

static int bond_probe_upper_has_ip6(struct net_device *dev,
				    struct netdev_nested_priv *priv)
{
	return ipv6_chk_addr(dev_net(dev), priv->data, dev, 0);
}

/* As bond_probe_has_ip(), for IPv6.  RCU. */
bool bond_probe_has_ip6(struct bond *bond, const struct in6_addr *addr)
{
	struct netdev_nested_priv priv = { .data = (void *)addr };

	return bond_probe_upper_has_ip6(bond->dev, &priv) ||
	       netdev_walk_all_upper_dev_rcu(bond->dev,
					     bond_probe_upper_has_ip6, &priv);
}
