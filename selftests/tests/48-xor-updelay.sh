#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# balance-xor with updelay after a total outage: while no port can send,
# the first port whose carrier returns is up at once (the tree ignores
# updelay when its usable set is empty), and traffic resumes; a second port
# coming back while one is up still waits for updelay. Timings are taken
# inside the namespace with shell builtins (carrier_timing in lib.sh), so
# the bridge is there too.
#
#   bnd-$$:   bond0 192.0.2.1/24 (balance-xor, miimon 100, updelay 2000)
#              |          |
#             eth0       eth1
#              |          |
#             p0         p1          (pX down = carrier loss on ethX)
#               \        /
#                br0 -- up0
#   ---------------------|--------
#   far-$$:              far 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

UPDELAY=2000
load_bonding max_bonds=0
make_ns NS bnd
make_ns FAR far
must ipn link add br0 type bridge
must ipn link set br0 up
UP_PEER=1 veth_pair up0 "$NS" far "$FAR"
must ip -n "$FAR" addr add 192.0.2.2/24 dev far
must ipn link set up0 master br0
must ipn link set up0 up
for i in 0 1; do
	veth_pair eth$i "$NS" p$i "$NS"
	must ipn link set p$i master br0
	must ipn link set p$i up
done
must ipn link add bond0 type bond mode balance-xor miimon 100 updelay $UPDELAY
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn addr add 192.0.2.1/24 dev bond0
must ipn link set bond0 up
# No ARP: a neighbour entry resolving while the ports were down would only
# retry after retrans_time (1 s), hiding when traffic could flow again
must ipn neigh replace 192.0.2.2 lladdr "$(ip -n "$FAR" -j link show dev far | jq -r '.[0].address')" \
	dev bond0 nud permanent
must ip -n "$FAR" neigh replace 192.0.2.1 lladdr "$(mac bond0)" dev far nud permanent
M0=/sys/class/net/eth0/bonding_slave/mii_status
M1=/sys/class/net/eth1/bonding_slave/mii_status
mii() { nsx cat "/sys/class/net/$1/bonding_slave/mii_status"; }
link() { must ipn link set "$1" "$2"; }
# ping_within T0 MS: a reply comes within MS ms of T0 (now_ms)
ping_within() {
	local t0=$1 ms=$2 el
	while :; do
		el=$(($(now_ms) - t0))
		if nsx ping -q -c 1 -W 0.3 192.0.2.2 >/dev/null 2>&1; then
			echo "reply $el ms after the carrier returned"
			((el <= ms))
			return
		fi
		((el > 5000)) && { echo "no reply in 5 s"; return 1; }
	done
}
# all_down WHAT: both carriers gone, both ports down for the bond
all_down() {
	link p0 down
	link p1 down
	check "$1: eth0 and eth1 mii_status down" wait_for 5 is "down down" sh -c "echo \$(ip netns exec $NS cat $M0 $M1)"
	check "$1: bond0 loses its carrier" wait_for 5 lacks_flag bond0 LOWER_UP
}

check "both ports up" wait_for 10 is "up up" sh -c "echo \$(ip netns exec $NS cat $M0 $M1)"
check "ping through bond0" wait_for 10 ping_ok
check "updelay $UPDELAY" is $UPDELAY bond_attr bond0 updelay

all_down "outage 1"
IFS='|' read -r _ done_ms < <(ns_fn carrier_timing p0 up 0 "$M0" up)
echo "# outage 1: eth0 up $done_ms ms after p0 came back (updelay $UPDELAY)"
check "outage 1: eth0 comes up" ge "$done_ms" 0
check "outage 1: first port back is up at once (<= 500 ms, not updelay)" le "$done_ms" 500
check "bond0 has its carrier again" wait_for 2 has_flag bond0 LOWER_UP
check "ping through eth0 right away" ping_ok

# A second port coming back while one is up: updelay applies
IFS='|' read -r _ done_ms mii1 < <(ns_fn carrier_timing p1 up 300 "$M1" up "$M1")
echo "# eth1 up $done_ms ms after p1 came back, with eth0 up; '$mii1' at 300 ms"
check "eth1 'going back' meanwhile" eq "$mii1" "going back"
check "second port waits for updelay (>= $((UPDELAY - 200)) ms)" ge "$done_ms" $((UPDELAY - 200))

# Traffic: the first reply after a total outage
all_down "outage 2"
t0=$(now_ms)
link p1 up
check "outage 2: a reply within 1500 ms of p1's return (updelay $UPDELAY)" ping_within "$t0" 1500
check "outage 2: eth1 mii_status up" is up mii eth1
