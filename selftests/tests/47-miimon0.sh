#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# miimon 0 (no link monitor): balance-rr, balance-xor and broadcast still
# keep off a port that lost carrier or is admin-down (the tree rebuilds its
# transmit set on the port's NETDEV_UP/DOWN/CHANGE and checks netif_running
# and carrier); active-backup keeps sending on its active port whatever
# happens to it, as nothing ever tells it to fail over. Here balance-rr
# and balance-xor; 47-miimon0-ab.sh runs broadcast and active-backup.
#
#   bnd-$$:   bond0 192.0.2.1/24 (each mode, miimon 0)
#              |          |
#             eth0       eth1       (clsact egress matchall: packets handed
#   ----------|----------|---------  to each port, sent or dropped)
#   sw-$$:    p0         p1          (pX down = carrier loss on ethX)
#              \        /
#               br0 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

N=20
load_bonding max_bonds=0
switch_topology
brmac=$(ip -n "$SW" -j link show dev br0 | jq -r '.[0].address')

# handed DEV: packets the bond handed to DEV (its egress matchall counter;
# a down veth counts no tx_packets, and none for carrier loss at all)
handed() {
	tc -n "$NS" -s -j filter show dev "$1" egress |
		jq '[.[].options.actions[0].stats.packets // empty] | add // 0'
}
# pings: N pings at 10 ms; prints "HANDED0 HANDED1 RECEIVED"
pings() {
	local a0 a1 rx
	a0=$(handed eth0) a1=$(handed eth1)
	rx=$(nsx ping -q -c $N -i 0.01 -W 1 192.0.2.2 | awk '/received/ {print $4}')
	echo "$(($(handed eth0) - a0)) $(($(handed eth1) - a1)) ${rx:-0}"
}
carrier() { nsx cat "/sys/class/net/$1/carrier" 2>/dev/null; }

make_bond() { # MODE
	must ipn link add bond0 type bond mode "$1" miimon 0
	must ipn link set eth0 master bond0
	must ipn link set eth1 master bond0
	local e
	for e in eth0 eth1; do
		must tc -n "$NS" qdisc add dev $e clsact
		must tc -n "$NS" filter add dev $e egress matchall action pass
	done
	must ipn addr add 192.0.2.1/24 dev bond0
	must ipn link set bond0 up
	# no ARP: every counted packet is one of the pings
	must ipn neigh replace 192.0.2.2 lladdr "$brmac" dev bond0 nud permanent
	must ip -n "$SW" neigh replace 192.0.2.1 lladdr "$(mac bond0)" dev br0 nud permanent
}

# handed_is "HANDED_HOT HANDED_COLD REPLIES" WANT: each field against its
# wanted value, "=N" or ">=N"
handed_is() {
	local got want name=(hot cold replies) i bad=
	read -ra got <<<"$1"
	read -ra want <<<"$2"
	for i in 0 1 2; do
		case ${want[i]} in
		">="*) ((got[i] >= ${want[i]#>=})) || bad+=" ${name[i]} ${got[i]} (want ${want[i]})" ;;
		*) ((got[i] == ${want[i]#=})) || bad+=" ${name[i]} ${got[i]} (want ${want[i]})" ;;
		esac
	done
	[[ -z $bad ]] || { echo "got$bad"; return 1; }
}

# run_case MODE: the port that carries the pings (the active one, the one
# the layer2 hash picks) loses carrier, then is set admin-down. Checked:
# the packets handed to that port and to the other one, and the replies.
run_case() {
	local m=$1 d0 d1 rx hot cold i want what
	make_bond "$m"
	check "$m: ping through bond0" wait_for 10 ping_ok
	read -r d0 d1 rx < <(pings)
	echo "# $m, both ports up: handed eth0 $d0, eth1 $d1; $rx/$N replies"
	hot=eth0 cold=eth1 i=0
	((d1 > d0)) && hot=eth1 cold=eth0 i=1
	if [[ $m == active-backup ]]; then
		check "$m: $hot is the active port" is $hot bond_attr bond0 active_slave
		# nothing tells it to fail over: it keeps sending on $hot
		want=">=$N =0 =0"
	else
		want="=0 >=$N =$N"
	fi
	for what in "without carrier" "admin-down"; do
		if [[ $what == admin-down ]]; then
			must ipn link set $hot down
		else
			must ip -n "$SW" link set p$i down
			wait_for 5 is 0 carrier $hot >/dev/null
		fi
		read -r d0 d1 rx < <(pings)
		echo "# $m, $hot $what: handed eth0 $d0, eth1 $d1; $rx/$N replies"
		[[ $hot == eth1 ]] && { local t=$d0; d0=$d1 d1=$t; }
		check "$m, $hot $what: handed to $hot, to $cold, replies: $want" \
			handed_is "$d0 $d1 $rx" "$want"
		[[ $m == active-backup ]] &&
			check "$m, $hot $what: $hot stays the active port" is $hot bond_attr bond0 active_slave
		if [[ $what == admin-down ]]; then
			must ipn link set $hot up
		else
			must ip -n "$SW" link set p$i up
		fi
		check "$m, $hot back from $what: ping" wait_for 10 ping_ok
	done
	must ipn link del bond0
	for i in 0 1; do
		must tc -n "$NS" qdisc del dev eth$i clsact
	done
}

for m in ${MODES:-balance-rr balance-xor}; do
	run_case "$m"
done
