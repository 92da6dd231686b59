// SPDX-License-Identifier: GPL-2.0
/*
 * balance-rr (mode 0): each frame goes to the next port that may send,
 * or packets_per_slave frames per port (0: a random port).  The rotation
 * is counted per CPU, as in the tree: a shared counter would be written
 * by every CPU on every frame.  IGMP reports all leave by one port, as
 * the tree sends them, so that the switch sees one member port.
 */
#include <linux/ip.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/reciprocal_div.h>

#include "bond.h"

struct rr_priv {
	struct bond_tx_ports __rcu *tx;
	u32 __percpu *next;
	struct reciprocal_value per_port;
};

static_assert(sizeof(struct rr_priv) <= BOND_MODE_PRIV_SIZE);

static void rr_opt_change(struct bond *bond, enum bond_opt_id id)
{
	struct rr_priv *rr = bond_mode_priv(bond);
	u32 pps = bond->params.packets_per_slave;

	if (id == BOND_OPT_PACKETS_PER_SLAVE)
		rr->per_port = reciprocal_value(pps > 1 ? pps : 1);
}

static void rr_init(struct bond *bond)
{
	rr_opt_change(bond, BOND_OPT_PACKETS_PER_SLAVE);
}

static struct bond_port *rr_igmp_port(struct rr_priv *rr)
{
	struct bond_tx_ports *tx = rtnl_dereference(rr->tx);

	return tx && tx->count ? tx->ports[0] : NULL;
}

/* When the port that sends IGMP changes, the groups are joined again */
static bool rr_update_tx(struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);
	struct bond_port *igmp = rr_igmp_port(rr);
	bool ready = bond_tx_ports_update(bond, &rr->tx);

	if (rr_igmp_port(rr) != igmp && rr_igmp_port(rr))
		bond_peers_resend_igmp(bond);
	return ready;
}

/* The counter is kept from the first open until the mode goes */
static int rr_open(struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);

	if (!rr->next)
		rr->next = alloc_percpu(u32);
	return rr->next ? 0 : -ENOMEM;
}

static void rr_uninit(struct bond *bond)
{
	struct rr_priv *rr = bond_mode_priv(bond);

	bond_tx_ports_free(&rr->tx);
	free_percpu(rr->next);
	rr->next = NULL;
}

static bool rr_is_igmp(struct sk_buff *skb)
{
	int off = skb_network_offset(skb);

	if (skb->protocol != htons(ETH_P_IP) ||
	    unlikely(!pskb_may_pull(skb, off + sizeof(struct iphdr))))
		return false;
	return ip_hdr(skb)->protocol == IPPROTO_IGMP;
}

static u32 rr_next(struct bond *bond, struct rr_priv *rr)
{
	u32 pps = READ_ONCE(bond->params.packets_per_slave);

	if (likely(pps == 1))
		return this_cpu_inc_return(*rr->next);
	if (!pps)
		return get_random_u32();
	return reciprocal_divide(this_cpu_inc_return(*rr->next), rr->per_port);
}

static struct bond_port *rr_select(struct bond *bond, struct sk_buff *skb,
				   bool all_ports)
{
	struct rr_priv *rr = bond_mode_priv(bond);
	struct bond_tx_ports *tx = rcu_dereference(rr->tx);
	unsigned int count = tx ? READ_ONCE(tx->count) : 0;

	if (unlikely(!count || !rr->next))
		return NULL;
	if (unlikely(rr_is_igmp(skb)))
		return READ_ONCE(tx->ports[0]);
	return READ_ONCE(tx->ports[rr_next(bond, rr) % count]);
}

static netdev_tx_t rr_xmit(struct sk_buff *skb, struct bond *bond)
{
	struct bond_port *port = rr_select(bond, skb, false);

	if (unlikely(!port))
		return bond_xmit_drop(skb, bond);
	return bond_port_xmit(bond, port, skb);
}

const struct bond_mode bond_mode_rr = {
	.id		= BOND_MODE_ROUNDROBIN,
	.name		= "balance-rr",
	.proc_name	= "load balancing (round-robin)",
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_ROUNDROBIN,
	.flags		= BOND_MODE_F_QUEUE_OVERRIDE,
	.ops = {
		.init		= rr_init,
		.uninit		= rr_uninit,
		.open		= rr_open,
		.opt_change	= rr_opt_change,
		.update_tx	= rr_update_tx,
		.select_port	= rr_select,
		.xmit		= rr_xmit,
	},
};
