#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What the options do, in the modes that exist: all_slaves_active (a
# backup's frames reach the bond), packets_per_slave (the balance-rr
# spread), queue_id (tc skbedit picks the port), prio (the active port).
# Counted with tc matchall: egress on each port (what the bond handed it),
# ingress on the bond (what reached the bond).
#
#   bnd-$$:   bond0 192.0.2.1/24
#              |          |
#             eth0       eth1     (clsact egress matchall)
#   sw-$$:    p0         p1  -- br0 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
switch_topology
S=/sys/class/net/bond0/bonding

# counter DEV DIR: packets DEV's DIR matchall counted
counter() {
	tc -n "$NS" -s -j filter show dev "$1" "$2" |
		jq '[.[].options.actions[0].stats.packets // empty] | add // 0'
}
count_on() { # DEV DIR: count its IPv4 frames (not ARP)
	must tc -n "$NS" qdisc add dev "$1" clsact
	must tc -n "$NS" filter add dev "$1" "$2" protocol ip matchall action pass
}
# handed N INTERVAL: N pings; prints "ETH0 ETH1" packets handed to each
handed() {
	local a0 a1
	a0=$(counter eth0 egress) a1=$(counter eth1 egress)
	nsx ping -q -c "$1" -i "$2" -W 1 192.0.2.2 >/dev/null
	echo "$(($(counter eth0 egress) - a0)) $(($(counter eth1 egress) - a1))"
}
make_bond() { # MODE OPTIONS...
	ipn link del bond0 2>/dev/null
	must ipn link add bond0 type bond mode "$@"
	must ipn link set eth0 master bond0
	must ipn link set eth1 master bond0
	must ipn link set bond0 up
	must ipn addr add 192.0.2.1/24 dev bond0
	count_on eth0 egress
	count_on eth1 egress
}
unmake_bond() {
	ipn link del bond0
	tc -n "$NS" qdisc del dev eth0 clsact
	tc -n "$NS" qdisc del dev eth1 clsact
}

# all_slaves_active: broadcasts from the switch reach both ports; only
# the active one's reach the bond unless all_slaves_active is on
make_bond active-backup miimon 100
count_on bond0 ingress
check "eth0 active" wait_for 5 is eth0 bond_attr bond0 active_slave
reached() { # prints how many of 5 broadcasts from br0 reached bond0
	local before
	before=$(counter bond0 ingress)
	ip netns exec "$SW" ping -q -b -c 5 -i 0.05 -W 1 192.0.2.255 >/dev/null 2>&1
	echo $(($(counter bond0 ingress) - before))
}
check "all_slaves_active 0: 5 broadcasts reach the bond once" is 5 reached
check "all_slaves_active 1" sys_write $S/all_slaves_active 1
check "  backup eth1 delivers too: 10" is 10 reached
check "all_slaves_active 0 again" sys_write $S/all_slaves_active 0
check "  5 again" is 5 reached
tc -n "$NS" qdisc del dev bond0 clsact

# prio: without a primary, the port of highest prio that is up is active
check "eth1 prio 10" ipn link set dev eth1 type bond_slave prio 10
check "  eth1 becomes active" wait_for 5 is eth1 bond_attr bond0 active_slave
check "eth0 prio 20" ipn link set dev eth0 type bond_slave prio 20
check "  eth0 becomes active" wait_for 5 is eth0 bond_attr bond0 active_slave
check "primary eth1" sys_write $S/primary eth1
check "  primary wins over prio" wait_for 5 is eth1 bond_attr bond0 active_slave

# queue_id: a tc filter on the bond sends ICMP by queue 2 = eth1, even
# from the active-backup bond whose active port is eth0
check "no primary" sys_write $S/primary ""
check "active_slave eth0" sys_write $S/active_slave eth0
must nsx ping -q -c 1 -W 2 192.0.2.2
check "eth1 queue_id 2" sys_write $S/queue_id eth1:2
must tc -n "$NS" qdisc add dev bond0 handle 1 root multiq
must tc -n "$NS" filter add dev bond0 protocol ip parent 1: prio 1 u32 \
	match ip dst 192.0.2.2 action skbedit queue_mapping 2
check "tc queue 2: pings leave by backup eth1" is "0 10" handed 10 0.02
check "eth1 queue_id 0" sys_write $S/queue_id eth1:0
check "  pings leave by active eth0 again" is "10 0" handed 10 0.02
must tc -n "$NS" qdisc del dev bond0 root
unmake_bond

# packets_per_slave in balance-rr: with 3, the echo requests that leave
# by eth0 come in runs of consecutive sequence numbers; with 1 they
# alternate; with 0 the port is random.  One CPU sends (the counter is
# per CPU); tcpdump on eth0 reads the sequence numbers.
PCAP=$(mktemp)
on_exit "rm -f $PCAP $PCAP.log"
# eth0_seqs N: ICMP sequence numbers of N pings that eth0 sent
eth0_seqs() {
	local pid
	ip netns exec "$NS" tcpdump -Z root -i eth0 -Q out -nn -U -w "$PCAP" icmp 2>"$PCAP.log" &
	pid=$!
	wait_for 10 grep -q listening "$PCAP.log" >/dev/null
	pinned_pings "$1" >/dev/null
	sleep 1
	kill -INT "$pid"
	wait "$pid" 2>/dev/null
	tcpdump -r "$PCAP" -nn 'icmp[icmptype] == 8' 2>/dev/null |
		sed -n 's/.* seq \([0-9]*\),.*/\1/p'
}
pinned_pings() { nsx taskset -c 0 ping -q -c "$1" -i 0.02 -W 1 192.0.2.2; }
# eth0_sent CMD...: IPv4 frames eth0 sent while CMD ran (the tc counter,
# which misses none: the capture may drop a frame under load)
eth0_sent() {
	local a0=$(counter eth0 egress)
	"$@" >/dev/null
	echo $(($(counter eth0 egress) - a0))
}
# adjacent: how many of the numbers read follow the one before
adjacent() { awk 'NR > 1 && $1 == p + 1 { n++ } { p = $1 } END { print n + 0 }'; }
make_bond balance-rr miimon 100
must nsx ping -q -c 1 -W 2 192.0.2.2
check "packets_per_slave 1: eth0 sent every other ping" in_range "$(eth0_sent pinned_pings 18)" 8 10
seqs=$(eth0_seqs 18)
check "  the capture read them" ge "$(wc -l <<<"$seqs")" 4
check "  no two in a row (at most one)" le "$(adjacent <<<"$seqs")" 1
check "packets_per_slave 3" ipn link set bond0 type bond packets_per_slave 3
check "  eth0 sent about half" in_range "$(eth0_sent pinned_pings 18)" 6 12
seqs=$(eth0_seqs 18)
check "  in runs of three (4+ pings follow the one before)" ge "$(adjacent <<<"$seqs")" 4
check "packets_per_slave 0 (random)" sys_write $S/packets_per_slave 0
read -r r0 r1 < <(handed 40 0.02)
check "  random: 40 pings over both ports" is 40 echo $((r0 + r1))
check "  random: eth0 used" ge "$r0" 1
check "  random: eth1 used" ge "$r1" 1
unmake_bond
exit 0
