// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit hash policies (xmit_hash_policy).  The same fields and the same
 * arithmetic as the tree's driver, so a flow leaves through the same port
 * after a driver swap.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/flow_dissector.h>
#include <net/ip.h>

#include "bond.h"

/* What the encap policies dissect: the tree's set of keys */
#define BOND_FLOW_KEY(id, member) {					\
	.key_id = FLOW_DISSECTOR_KEY_##id,				\
	.offset = offsetof(struct flow_keys, member),			\
}

static const struct flow_dissector_key bond_flow_keys[] = {
	BOND_FLOW_KEY(CONTROL, control),
	BOND_FLOW_KEY(BASIC, basic),
	BOND_FLOW_KEY(IPV4_ADDRS, addrs.v4addrs),
	BOND_FLOW_KEY(IPV6_ADDRS, addrs.v6addrs),
	BOND_FLOW_KEY(TIPC, addrs.tipckey),
	BOND_FLOW_KEY(PORTS, ports),
	BOND_FLOW_KEY(ICMP, icmp),
	BOND_FLOW_KEY(VLAN, vlan),
	BOND_FLOW_KEY(FLOW_LABEL, tags),
	BOND_FLOW_KEY(GRE_KEYID, keyid),
};

static struct flow_dissector bond_flow_dissector __read_mostly;

void bond_hash_init(void)
{
	skb_flow_dissector_init(&bond_flow_dissector, bond_flow_keys,
				ARRAY_SIZE(bond_flow_keys));
}

static u32 bond_hash_eth(struct sk_buff *skb)
{
	const struct ethhdr *eth;

	if (!pskb_may_pull(skb, ETH_HLEN))
		return 0;
	eth = (const struct ethhdr *)skb->data;
	return eth->h_dest[5] ^ eth->h_source[5] ^ be16_to_cpu(eth->h_proto);
}

/* vlan+srcmac: the VLAN id and both halves of the source address */
static u32 bond_hash_vlan_srcmac(struct sk_buff *skb)
{
	const struct ethhdr *eth;
	u32 vendor, device;
	u16 vlan = 0;

	if (!pskb_may_pull(skb, ETH_HLEN))
		return 0;
	eth = (const struct ethhdr *)skb->data;
	vendor = eth->h_source[0] << 16 | eth->h_source[1] << 8 |
		 eth->h_source[2];
	device = eth->h_source[3] << 16 | eth->h_source[4] << 8 |
		 eth->h_source[5];
	if (skb_vlan_tag_present(skb))
		vlan = skb_vlan_tag_get(skb);
	return vlan ^ vendor ^ device;
}

/* Reads the IP addresses at *@nhoff (and the ports if @l34) into @fk */
static bool bond_hash_ip(struct sk_buff *skb, struct flow_keys *fk, int *nhoff,
			 int *proto, bool l34)
{
	const struct ipv6hdr *ip6;
	const struct iphdr *ip4;

	if (skb->protocol == htons(ETH_P_IP)) {
		if (!pskb_may_pull(skb, *nhoff + sizeof(*ip4)))
			return false;
		ip4 = (const struct iphdr *)(skb->data + *nhoff);
		iph_to_flow_copy_v4addrs(fk, ip4);
		*nhoff += ip4->ihl << 2;
		if (!ip_is_fragment(ip4))
			*proto = ip4->protocol;
	} else if (skb->protocol == htons(ETH_P_IPV6)) {
		if (!pskb_may_pull(skb, *nhoff + sizeof(*ip6)))
			return false;
		ip6 = (const struct ipv6hdr *)(skb->data + *nhoff);
		iph_to_flow_copy_v6addrs(fk, ip6);
		*nhoff += sizeof(*ip6);
		*proto = ip6->nexthdr;
	} else {
		return false;
	}
	if (l34 && *proto >= 0)
		fk->ports.ports = __skb_flow_get_ports(skb, *nhoff, *proto,
						       skb->data,
						       skb_headlen(skb));
	return true;
}

/* An ICMP error hashes like the packet it is about */
static bool bond_hash_icmp(struct sk_buff *skb, struct flow_keys *fk,
			   int nhoff, int proto, bool l34)
{
	skb_flow_get_icmp_tci(skb, &fk->icmp, skb->data, nhoff,
			      skb_headlen(skb));
	if (proto == IPPROTO_ICMP) {
		if (!icmp_is_err(fk->icmp.type))
			return true;
		nhoff += sizeof(struct icmphdr);
	} else {
		if (!icmpv6_is_err(fk->icmp.type))
			return true;
		nhoff += sizeof(struct icmp6hdr);
	}
	return bond_hash_ip(skb, fk, &nhoff, &proto, l34);
}

static bool bond_hash_dissect(struct bond *bond, struct sk_buff *skb,
			      struct flow_keys *fk)
{
	u32 policy = bond->params.xmit_policy;
	int nhoff = skb_network_offset(skb);
	bool l34 = policy == BOND_XMIT_POLICY_LAYER34;
	int proto = -1;

	if (policy == BOND_XMIT_POLICY_ENCAP23 ||
	    policy == BOND_XMIT_POLICY_ENCAP34) {
		memset(fk, 0, sizeof(*fk));
		return __skb_flow_dissect(dev_net(bond->dev), skb,
					  &bond_flow_dissector, fk, skb->data,
					  skb->protocol, nhoff,
					  skb_headlen(skb), 0);
	}
	fk->ports.ports = 0;
	memset(&fk->icmp, 0, sizeof(fk->icmp));
	if (!bond_hash_ip(skb, fk, &nhoff, &proto, l34))
		return false;
	if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6)
		return bond_hash_icmp(skb, fk, nhoff, proto, l34);
	return true;
}

/**
 * bond_xmit_hash - hash @skb by the bond's xmit_hash_policy
 * @bond: the bond
 * @skb: the frame, its data at the Ethernet header
 */
u32 bond_xmit_hash(struct bond *bond, struct sk_buff *skb)
{
	u32 policy = bond->params.xmit_policy;
	struct flow_keys fk;
	u32 hash;

	if (policy == BOND_XMIT_POLICY_ENCAP34 && skb->l4_hash)
		return skb->hash;
	if (policy == BOND_XMIT_POLICY_VLAN_SRCMAC)
		return bond_hash_vlan_srcmac(skb);
	if (policy == BOND_XMIT_POLICY_LAYER2 ||
	    !bond_hash_dissect(bond, skb, &fk))
		return bond_hash_eth(skb);

	if (policy == BOND_XMIT_POLICY_LAYER23 ||
	    policy == BOND_XMIT_POLICY_ENCAP23)
		hash = bond_hash_eth(skb);
	else if (fk.icmp.id)
		memcpy(&hash, &fk.icmp, sizeof(hash));
	else
		memcpy(&hash, &fk.ports.ports, sizeof(hash));

	hash ^= (__force u32)flow_get_u32_dst(&fk) ^
		(__force u32)flow_get_u32_src(&fk);
	hash ^= hash >> 16;
	hash ^= hash >> 8;
	/* Ports are often even: the lowest bit carries little */
	if (policy == BOND_XMIT_POLICY_LAYER34 ||
	    policy == BOND_XMIT_POLICY_ENCAP34)
		return hash >> 1;
	return hash;
}

/* What upper devices are told about the hash, see netdev_lag_upper_info */
enum netdev_lag_hash bond_hash_lag_type(struct bond *bond)
{
	if (!bond_mode_uses_xmit_hash(bond))
		return NETDEV_LAG_HASH_NONE;
	switch (bond->params.xmit_policy) {
	case BOND_XMIT_POLICY_LAYER2:
		return NETDEV_LAG_HASH_L2;
	case BOND_XMIT_POLICY_LAYER34:
		return NETDEV_LAG_HASH_L34;
	case BOND_XMIT_POLICY_LAYER23:
		return NETDEV_LAG_HASH_L23;
	case BOND_XMIT_POLICY_ENCAP23:
		return NETDEV_LAG_HASH_E23;
	case BOND_XMIT_POLICY_ENCAP34:
		return NETDEV_LAG_HASH_E34;
	case BOND_XMIT_POLICY_VLAN_SRCMAC:
		return NETDEV_LAG_HASH_VLAN_SRCMAC;
	}
	return NETDEV_LAG_HASH_UNKNOWN;
}
