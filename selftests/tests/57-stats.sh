#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bond0's statistics are the sum of its ports' traffic while enslaved: they
# grow with the traffic, keep a released port's share (no drop on release)
# and do not count a re-enslaved port's earlier traffic again (no jump).
#
#   bnd-$$:   bond0 192.0.2.1/24 (balance-rr, then active-backup; miimon 100)
#              |          |
#             eth0       eth1
#   ----------|----------|---------
#   sw-$$:    p0         p1
#              \        /
#               br0 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

N=100
JUMP=10 # re-enslaving may add a few packets (ARP), not a port's history

load_bonding max_bonds=0
switch_topology
# stat DEV tx_packets|rx_packets|tx_bytes...: /sys/class/net/DEV/statistics
stat() { nsx cat "/sys/class/net/$1/statistics/$2"; }
pings() { nsx ping -q -c "$1" -i 0.01 -W 2 192.0.2.2 >/dev/null; }
make_bond() { # MODE
	must ipn link add bond0 type bond mode "$1" miimon 100
	must ipn link set eth0 master bond0
	must ipn link set eth1 master bond0
	must ipn addr add 192.0.2.1/24 dev bond0
	must ipn link set bond0 up
}

# run_case MODE PORT: N pings, release PORT (it carried traffic), N pings,
# enslave PORT again, N pings; the bond's counters checked at each step.
run_case() {
	local m=$1 port=$2 t0 r0 t1 r1 t2 r2 t3 r3 pt ptabs
	make_bond "$m"
	check "$m: ping through bond0" wait_for 10 ping_ok
	t0=$(stat bond0 tx_packets) r0=$(stat bond0 rx_packets) pt=$(stat "$port" tx_packets)
	check "$m: $N pings" pings $N
	t1=$(stat bond0 tx_packets) r1=$(stat bond0 rx_packets)
	ptabs=$(stat "$port" tx_packets)
	pt=$((ptabs - pt))
	echo "# $m: bond0 tx +$((t1 - t0)) rx +$((r1 - r0)), $port tx +$pt"
	check "$m: bond0 tx_packets grew by >= $N" ge $((t1 - t0)) $N
	check "$m: bond0 rx_packets grew by >= $N" ge $((r1 - r0)) $N
	# An ARP may leave between the two reads
	check "$m: bond0 tx_packets (netlink) - (sysfs) in 0..3" \
		in_range $(($(tx_packets bond0) - t1)) 0 3
	check "$m: $port carried >= $((N / 4)) of them" ge "$pt" $((N / 4))

	check "$m: ip link set $port nomaster" ipn link set "$port" nomaster
	t2=$(stat bond0 tx_packets) r2=$(stat bond0 rx_packets)
	echo "# $m: after release bond0 tx $t1 -> $t2, rx $r1 -> $r2"
	check "$m: release: bond0 tx_packets does not decrease" ge "$t2" "$t1"
	check "$m: release: bond0 rx_packets does not decrease" ge "$r2" "$r1"
	check "$m: $N pings over the remaining port" wait_for 10 pings $N
	t2=$(stat bond0 tx_packets) r2=$(stat bond0 rx_packets)
	check "$m: bond0 tx_packets still grows (>= $N more)" ge $((t2 - t1)) $N
	check "$m: bond0 rx_packets still grows (>= $N more)" ge $((r2 - r1)) $N
	check "$m: released $port's own tx counter is not reset" ge "$(stat "$port" tx_packets)" "$ptabs"

	check "$m: ip link set $port master bond0 again" ipn link set "$port" master bond0
	t3=$(stat bond0 tx_packets) r3=$(stat bond0 rx_packets)
	echo "# $m: after re-enslave bond0 tx $t2 -> $t3, rx $r2 -> $r3"
	check "$m: re-enslave: bond0 tx_packets does not decrease" ge "$t3" "$t2"
	check "$m: re-enslave: bond0 rx_packets does not decrease" ge "$r3" "$r2"
	check "$m: re-enslave: $port's earlier tx not added again (<= +$JUMP)" le $((t3 - t2)) $JUMP
	check "$m: re-enslave: $port's earlier rx not added again (<= +$JUMP)" le $((r3 - r2)) $JUMP
	check "$m: $N pings with $port back" wait_for 10 pings $N
	check "$m: bond0 tx_packets grew by >= $N after re-enslave" ge $(($(stat bond0 tx_packets) - t3)) $N
	must ipn link del bond0
}

run_case balance-rr eth1
run_case active-backup eth0
