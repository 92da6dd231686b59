// SPDX-License-Identifier: GPL-2.0
/*
 * The ARP monitor's targets (arp_ip_target, IPv4) and the NS monitor's
 * (ns_ip6_target, IPv6): up to BOND_MAX_TARGETS addresses each, packed
 * from the start of their array in struct bond_params.  sysfs adds or
 * removes one address ("+a.b.c.d", "-a.b.c.d"); netlink replaces the
 * whole list.  Checked against a copy of the list, so a refused request
 * changes nothing.
 */
#include <linux/inet.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <net/ipv6.h>

#include "bond.h"

static bool bond_targets_v6(const struct bond_opt *opt)
{
	return opt == &bond_opts[BOND_OPT_NS_IP6_TARGET];
}

static const char *bond_targets_kind(const struct bond_opt *opt)
{
	return bond_targets_v6(opt) ? "NS" : "ARP";
}

static const __be32 *bond_ip4(const struct bond_params *p)
{
	return p->arp_targets;
}

static const struct in6_addr *bond_ip6(const struct bond_params *p)
{
	return p->ns_targets;
}

unsigned int bond_targets_count(const struct bond_params *params,
				const struct bond_opt *opt)
{
	unsigned int n = 0;

	if (bond_targets_v6(opt)) {
		while (n < BOND_MAX_TARGETS && !ipv6_addr_any(&bond_ip6(params)[n]))
			n++;
	} else {
		while (n < BOND_MAX_TARGETS && bond_ip4(params)[n])
			n++;
	}
	return n;
}

/* The slot of ARP target @ip in @params, or -1 */
int bond_targets_index4(const struct bond_params *params, __be32 ip)
{
	unsigned int i;

	for (i = 0; i < BOND_MAX_TARGETS && params->arp_targets[i]; i++)
		if (params->arp_targets[i] == ip)
			return i;
	return -1;
}

/* The slot of NS target @ip in @params, or -1 */
int bond_targets_index6(const struct bond_params *params,
			const struct in6_addr *ip)
{
	const struct in6_addr *t = params->ns_targets;
	unsigned int i;

	for (i = 0; i < BOND_MAX_TARGETS && !ipv6_addr_any(&t[i]); i++)
		if (ipv6_addr_equal(&t[i], ip))
			return i;
	return -1;
}

/* Where @val's address @i is in @params, or -1 */
static int bond_targets_find(const struct bond_params *params,
			     const struct bond_opt *opt,
			     const struct bond_opt_val *val, unsigned int i)
{
	return bond_targets_v6(opt) ? bond_targets_index6(params, &val->ip6[i]) :
				      bond_targets_index4(params, val->ip4[i]);
}

static bool bond_target_ok(const struct bond_opt *opt,
			   const struct bond_opt_val *val, unsigned int i)
{
	const struct in6_addr *a = &val->ip6[i];

	if (bond_targets_v6(opt))
		return !ipv6_addr_any(a) && !ipv6_addr_loopback(a) &&
		       !ipv6_addr_is_multicast(a);
	return !ipv4_is_lbcast(val->ip4[i]) && !ipv4_is_zeronet(val->ip4[i]);
}

static void bond_target_err(struct bond *bond, const struct bond_opt *opt,
			    const struct bond_opt_val *val, unsigned int i,
			    const char *fmt)
{
	char addr[INET6_ADDRSTRLEN + 1];

	if (bond_targets_v6(opt))
		snprintf(addr, sizeof(addr), "%pI6c", &val->ip6[i]);
	else
		snprintf(addr, sizeof(addr), "%pI4", &val->ip4[i]);
	netdev_err(bond->dev, fmt, bond_targets_kind(opt), addr);
}

/* Whether address @i of @val may join @list; the tree's messages */
static int bond_target_check_add(struct bond *bond, const struct bond_opt *opt,
				 const struct bond_opt_val *val, unsigned int i,
				 const struct bond_params *list)
{
	if (!bond_target_ok(opt, val, i)) {
		bond_target_err(bond, opt, val, i,
				"invalid %s target %s specified for addition\n");
		return -EINVAL;
	}
	if (bond_targets_find(list, opt, val, i) >= 0) {
		bond_target_err(bond, opt, val, i,
				"%s target %s is already present\n");
		return -EINVAL;
	}
	if (bond_targets_count(list, opt) == BOND_MAX_TARGETS) {
		netdev_err(bond->dev, "%s target table is full!\n",
			   bond_targets_kind(opt));
		return -EINVAL;
	}
	return 0;
}

static int bond_target_check_del(struct bond *bond, const struct bond_opt *opt,
				 const struct bond_opt_val *val,
				 const struct bond_params *next)
{
	if (!bond_target_ok(opt, val, 0)) {
		bond_target_err(bond, opt, val, 0,
				"invalid %s target %s specified for removal\n");
		return -EINVAL;
	}
	if (bond_targets_find(next, opt, val, 0) < 0) {
		bond_target_err(bond, opt, val, 0,
				"unable to remove nonexistent %s target %s\n");
		return -EINVAL;
	}
	if (bond_targets_count(next, opt) == 1 && next->arp_interval)
		netdev_warn(bond->dev, "Removing last %s target with arp_interval on\n",
			    bond_targets_v6(opt) ? "ns" : "arp");
	return 0;
}

/* A netlink list: each address as if added in turn to an empty list */
static int bond_targets_check_list(struct bond *bond,
				   const struct bond_opt *opt,
				   const struct bond_opt_val *val,
				   const struct bond_params *next)
{
	struct bond_params *list;
	struct bond_opt_val *one;
	unsigned int i;
	int err = 0;

	list = kzalloc(sizeof(*list), GFP_KERNEL);
	one = kzalloc(sizeof(*one), GFP_KERNEL);
	if (!list || !one) {
		err = -ENOMEM;
		goto free;
	}
	one->op = '+';
	one->count = 1;
	for (i = 0; !err && i < min_t(unsigned int, val->count, BOND_MAX_TARGETS); i++) {
		err = bond_target_check_add(bond, opt, val, i, list);
		if (bond_targets_v6(opt))
			one->ip6[0] = val->ip6[i];
		else
			one->ip4[0] = val->ip4[i];
		if (!err)
			bond_targets_store(list, opt, one);
	}
	if (!err && val->count > BOND_MAX_TARGETS) {
		netdev_err(bond->dev, "%s target table is full!\n",
			   bond_targets_kind(opt));
		err = -EINVAL;
	}
	if (!err && !val->count && next->arp_interval)
		netdev_warn(bond->dev, "Removing last %s target with arp_interval on\n",
			    bond_targets_v6(opt) ? "ns" : "arp");
free:
	kfree(one);
	kfree(list);
	return err;
}

/* sysfs: "+addr" or "-addr"; the address is read in bond_targets_check() */
int bond_targets_parse(const struct bond_opt *opt, const char *buf,
		       struct bond_opt_val *val)
{
	val->op = buf[0];
	val->count = 1;
	return 0;
}

static int bond_targets_read_text(struct bond *bond, const struct bond_opt *opt,
				  struct bond_opt_val *val)
{
	const char *addr = val->str + 1;
	bool ok;

	if (bond_targets_v6(opt))
		ok = in6_pton(addr, -1, (u8 *)&val->ip6[0], -1, NULL);
	else
		ok = in4_pton(addr, -1, (u8 *)&val->ip4[0], -1, NULL);
	if (!val->str[0] || !ok) {
		netdev_err(bond->dev, "invalid %s target specified\n",
			   bond_targets_kind(opt));
		return -EPERM;
	}
	return 0;
}

/**
 * bond_targets_check - may a target list change as @val says?
 * @bond: the bond
 * @opt: arp_ip_target or ns_ip6_target
 * @val: the change (op '+', '-' or '=')
 * @next: the parameters so far in the request
 * @attr: netlink attribute, or NULL
 * @extack: error report
 */
int bond_targets_check(struct bond *bond, const struct bond_opt *opt,
		       const struct bond_opt_val *val,
		       const struct bond_params *next,
		       const struct nlattr *attr,
		       struct netlink_ext_ack *extack)
{
	struct bond_opt_val *v = (struct bond_opt_val *)val;
	int err;

	if (val->op == '=')
		return bond_targets_check_list(bond, opt, val, next);
	if (val->op != '+' && val->op != '-') {
		netdev_err(bond->dev, "no command found in %s file - use +<addr> or -<addr>\n",
			   bond_targets_v6(opt) ? "ns_ip6_targets" : "arp_ip_targets");
		return -EPERM;
	}
	err = bond_targets_read_text(bond, opt, v);
	if (err)
		return err;
	if (val->op == '+')
		return bond_target_check_add(bond, opt, val, 0, next);
	return bond_target_check_del(bond, opt, val, next);
}

static void bond_targets_remove(struct bond_params *params,
				const struct bond_opt *opt, int at)
{
	unsigned int n = bond_targets_count(params, opt);

	if (bond_targets_v6(opt)) {
		memmove(&params->ns_targets[at], &params->ns_targets[at + 1],
			(n - at - 1) * sizeof(params->ns_targets[0]));
		memset(&params->ns_targets[n - 1], 0,
		       sizeof(params->ns_targets[0]));
	} else {
		memmove(&params->arp_targets[at], &params->arp_targets[at + 1],
			(n - at - 1) * sizeof(params->arp_targets[0]));
		params->arp_targets[n - 1] = 0;
	}
}

/* Applies a change bond_targets_check() accepted to @params */
void bond_targets_store(struct bond_params *params, const struct bond_opt *opt,
			const struct bond_opt_val *val)
{
	unsigned int n = bond_targets_count(params, opt);
	int at;

	switch (val->op) {
	case '=':
		n = min_t(unsigned int, val->count, BOND_MAX_TARGETS);
		if (bond_targets_v6(opt)) {
			memset(params->ns_targets, 0, sizeof(params->ns_targets));
			memcpy(params->ns_targets, val->ip6, n * sizeof(val->ip6[0]));
		} else {
			memset(params->arp_targets, 0, sizeof(params->arp_targets));
			memcpy(params->arp_targets, val->ip4, n * sizeof(val->ip4[0]));
		}
		break;
	case '+':
		if (n == BOND_MAX_TARGETS)
			break;
		if (bond_targets_v6(opt))
			params->ns_targets[n] = val->ip6[0];
		else
			params->arp_targets[n] = val->ip4[0];
		break;
	case '-':
		at = bond_targets_find(params, opt, val, 0);
		if (at >= 0)
			bond_targets_remove(params, opt, at);
		break;
	}
}

int bond_targets_show(const struct bond_params *params,
		      const struct bond_opt *opt, char *buf)
{
	unsigned int n = bond_targets_count(params, opt), i;
	int len = 0;

	for (i = 0; i < n; i++) {
		if (bond_targets_v6(opt))
			len += sysfs_emit_at(buf, len, "%s%pI6c", i ? " " : "",
					     &params->ns_targets[i]);
		else
			len += sysfs_emit_at(buf, len, "%s%pI4", i ? " " : "",
					     &params->arp_targets[i]);
	}
	if (len)
		len += sysfs_emit_at(buf, len, "\n");
	return len;
}

/* A nest of addresses replaces the list; a 17th is refused in checking */
int bond_targets_nla_get(const struct bond_opt *opt, const struct nlattr *attr,
			 struct bond_opt_val *val,
			 struct netlink_ext_ack *extack)
{
	size_t len = bond_targets_v6(opt) ? sizeof(struct in6_addr) :
					    sizeof(__be32);
	const struct nlattr *a;
	int rem;

	val->op = '=';
	nla_for_each_nested(a, attr, rem) {
		if (nla_len(a) < len) {
			if (bond_targets_v6(opt))
				NL_SET_ERR_MSG_ATTR(extack, a, "Invalid IPv6 address");
			else
				NL_SET_ERR_MSG_ATTR(extack, a, "Invalid IPv4 address");
			return -EINVAL;
		}
		if (val->count == BOND_MAX_TARGETS) {
			val->count++;
			break;
		}
		if (bond_targets_v6(opt))
			val->ip6[val->count++] = nla_get_in6_addr(a);
		else
			val->ip4[val->count++] = nla_get_in_addr(a);
	}
	return 0;
}

int bond_targets_nla_put(struct sk_buff *skb, const struct bond_params *params,
			 const struct bond_opt *opt)
{
	unsigned int n = bond_targets_count(params, opt), i;
	struct nlattr *nest;
	int err = 0;

	if (!n)
		return 0;
	/* As the tree: the IPv4 nest without NLA_F_NESTED, the IPv6 with */
	nest = bond_targets_v6(opt) ? nla_nest_start(skb, opt->nla) :
				      nla_nest_start_noflag(skb, opt->nla);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; !err && i < n; i++)
		err = bond_targets_v6(opt) ?
		      nla_put_in6_addr(skb, i, &params->ns_targets[i]) :
		      nla_put_in_addr(skb, i, params->arp_targets[i]);
	if (err) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

size_t bond_targets_nla_size(const struct bond_opt *opt)
{
	size_t one = bond_targets_v6(opt) ? sizeof(struct in6_addr) :
					    sizeof(__be32);

	return nla_total_size(sizeof(struct nlattr)) +
	       nla_total_size(one) * BOND_MAX_TARGETS;
}

/* The ARP monitor's lines in /proc/net/bonding/<bond>, as the tree's */
void bond_targets_proc_show(struct seq_file *seq, const struct bond_params *p)
{
	unsigned int i, n;

	if (!p->arp_interval)
		return;
	seq_printf(seq, "ARP Polling Interval (ms): %u\n", p->arp_interval);
	seq_printf(seq, "ARP Missed Max: %u\n", p->missed_max);
	seq_puts(seq, "ARP IP target/s (n.n.n.n form):");
	n = bond_targets_count(p, &bond_opts[BOND_OPT_ARP_IP_TARGET]);
	for (i = 0; i < n; i++)
		seq_printf(seq, "%s %pI4", i ? "," : "", &p->arp_targets[i]);
	seq_puts(seq, "\nNS IPv6 target/s (xx::xx form):");
	n = bond_targets_count(p, &bond_opts[BOND_OPT_NS_IP6_TARGET]);
	for (i = 0; i < n; i++)
		seq_printf(seq, "%s %pI6c", i ? "," : "", &p->ns_targets[i]);
	seq_putc(seq, '\n');
}
