#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Beyond the tree: lacp_fallback. An 802.3ad bond with min_links 2 behind
# a switch that does not speak LACP has no carrier in the tree. With
# lacp_fallback 4, once no port has had a partner for 4 s, the bond has
# carrier on one port, announces it as active-backup would (again when
# another port takes over), says so in the log, /proc, ad_reason and
# netlink; when a partner (teamd's lacp runner) arrives, both ports
# aggregate and the fallback ends. The cases that pass on the tree too
# (no carrier before the fallback, aggregation with teamd, the release
# message) are plain checks.
#
#   bnd-$$: bond0 192.0.2.1/24 (802.3ad, fast, min_links 2, miimon 100)
#            |eth0        |eth1
#   sw-$$:   tp0          tp1    first in br0 192.0.2.2/24 (no LACP),
#                                then in team0 192.0.2.2/24 (teamd lacp)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
for t in teamd tcpdump "$PY"; do
	command -v "$t" >/dev/null || { skip "lacp_fallback" "no $t"; exit 0; }
done
NLEXT="$(dirname "$0")/../nl-ext.py"

load_bonding max_bonds=0
make_ns NS bnd
make_ns T sw
for i in 0 1; do
	must ip link add "eth$i" netns "$NS" type veth peer name "tp$i" netns "$T"
done
must ip -n "$T" link add br0 type bridge
for i in 0 1; do
	must ip -n "$T" link set "tp$i" master br0
	must ip -n "$T" link set "tp$i" up
done
must ip -n "$T" addr add 192.0.2.2/24 dev br0
must ip -n "$T" link set br0 up

S=/sys/class/net/bond0/bonding
must ipn link add bond0 type bond mode 802.3ad lacp_rate fast miimon 100 min_links 2
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn addr add 192.0.2.1/24 dev bond0
beyond "lacp_fallback 4 (sysfs)" sys_write $S/lacp_fallback 4
beyond "lacp_fallback reads 4" is 4 bond_attr bond0 lacp_fallback
mark=$(kmsg_mark)
must ipn link set bond0 up
bmac=$(mac bond0)

carrier() { nsx cat /sys/class/net/bond0/carrier; }
reason() { nsx cat "/sys/class/net/$1/bonding_slave/ad_reason"; }
nlext() { nsx "$PY" "$NLEXT" "$1" | jq -r "$2"; }
klog_has() { kmsg_since "$mark" | grep -q -- "$1"; }
# carrying: the port whose ad_reason says it carries the traffic alone
carrying() {
	local p
	for p in eth0 eth1; do
		[[ $(reason $p 2>/dev/null) == *"carrying traffic alone (lacp_fallback)" ]] &&
			echo $p
	done
}
carrying_is() { [[ $(carrying) == "$1" ]]; }
carrying_one() { match "$(carrying)" '^eth[01]$'; }

check "min_links 2 and no partner: no carrier at first" is 0 carrier
beyond "after 4 s without a partner: carrier" wait_for 12 is 1 carrier
beyond "log: falling back to one port" wait_for 2 klog_has \
	"bond0: No LACP partner on any port for 4 s: falling back to one port (lacp_fallback)"
beyond "ping through the fallback port" wait_for 10 ping_ok
beyond "/proc: LACP fallback: 4 s (running on one port)" \
	is "4 s (running on one port)" proc_field bond0 "LACP fallback"
beyond "netlink (ours): lacp_fallback 4, active" is "4 1" \
	nlext bond0 '"\(.bond.lacp_fallback) \(.bond.lacp_fallback_active)"'
beyond "one port carries the traffic (ad_reason)" wait_for 5 carrying_one
F=$(carrying)
F=${F:-eth0}
O=eth$((1 - ${F#eth}))
beyond "netlink (ours): $F's ad_reason" \
	is "no LACPDU received (partner silent): carrying traffic alone (lacp_fallback)" \
	nlext "$F" .port.ad_reason
beyond "$O: partner silent, not carrying" \
	is "no LACPDU received (partner silent)" reason "$O"
beyond "log: $F carries the traffic" klog_has "bond0: (slave $F): carries the traffic (lacp_fallback)"

# The carrying port loses its link: the other takes over and is announced
# (num_grat_arp 1: a gratuitous ARP from the bond's address on its peer)
PCAP=$(mktemp)
on_exit "rm -f $PCAP $PCAP.log"
ip netns exec "$T" tcpdump -Z root -i "tp${O#eth}" -U -w "$PCAP" -s 128 arp 2>"$PCAP.log" &
pid=$!
must wait_for 10 grep -q listening "$PCAP.log"
must ip -n "$T" link set "tp${F#eth}" down
beyond "$F down: $O carries the traffic" wait_for 10 carrying_is "$O"
beyond "ping through $O" wait_for 10 ping_ok
sleep 1
kill -INT "$pid"
wait "$pid" 2>/dev/null
garps=$(tcpdump -r "$PCAP" -nn "ether src $bmac and arp[6:2] == 1 and arp[14:4] == arp[24:4]" 2>/dev/null | wc -l)
beyond "a gratuitous ARP from bond0 on $O's peer" ge "$garps" 1
must ip -n "$T" link set "tp${F#eth}" up

# A partner arrives: teamd's lacp runner on the same two links
CONF=$(mktemp)
on_exit "rm -f $CONF"
cat >"$CONF" <<'EOF'
{
	"device": "team0",
	"runner": {"name": "lacp", "active": true, "fast_rate": true},
	"link_watch": {"name": "ethtool"},
	"ports": {"tp0": {}, "tp1": {}}
}
EOF
mark=$(kmsg_mark)
must ip -n "$T" link del br0
for i in 0 1; do must ip -n "$T" link set "tp$i" down; done
must ip netns exec "$T" teamd -d -f "$CONF" -t team0
on_exit "ip netns exec $T teamd -k -t team0"
must wait_for 10 ip -n "$T" link show dev team0
must ip -n "$T" addr add 192.0.2.2/24 dev team0
must ip -n "$T" link set team0 up
states() { echo "$(nsx cat /sys/class/net/eth0/bonding_slave/ad_actor_oper_port_state) $(nsx cat /sys/class/net/eth1/bonding_slave/ad_actor_oper_port_state)"; }
check "teamd partner: both ports collecting and distributing (state 63)" wait_for 20 is "63 63" states
check "ping through the aggregate" wait_for 10 ping_ok
check "carrier with both ports (min_links 2)" is 1 carrier
beyond "log: leaving the fallback" klog_has "bond0: Leaving LACP fallback: a partner answers"
beyond "/proc: LACP fallback: 4 s, not running on one port" \
	is "4 s" proc_field bond0 "LACP fallback"
beyond "netlink (ours): fallback no longer active" is 0 nlext bond0 .bond.lacp_fallback_active
beyond "eth0 aggregating" is aggregating reason eth0
beyond "eth1 aggregating" is aggregating reason eth1

# A distributing port leaves as a backup, as the tree's 802.3ad says
mark=$(kmsg_mark)
must ipn link set eth1 nomaster
check "log: Releasing backup interface (the tree's words)" wait_for 2 klog_has \
	"bond0: (slave eth1): Releasing backup interface"

# Off again: the line leaves /proc, the tree's layout
beyond "lacp_fallback 0" sys_write $S/lacp_fallback 0
check "/proc: no LACP fallback line with it off" is "" proc_field bond0 "LACP fallback"
