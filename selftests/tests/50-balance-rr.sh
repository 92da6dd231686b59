#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# balance-rr spreads transmitted packets over both ports; with one port down
# everything leaves through the other.
#
#   bnd-$$:   bond0 192.0.2.1/24 (balance-rr, miimon 100)
#              |          |
#             eth0       eth1
#   ----------|----------|---------
#   sw-$$:    p0         p1
#              \        /
#               br0 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
switch_topology
must ipn link add bond0 type bond mode balance-rr miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn addr add 192.0.2.1/24 dev bond0
must ipn link set bond0 up

check "ping through balance-rr bond0" wait_for 10 ping_ok
check "both ports ACTIVE" is "ACTIVE ACTIVE" \
	sh -c "echo \$(ip -n $NS -j -d link show type veth | jq -r '.[].linkinfo.info_slave_data.state')"

N=200
b0=$(tx_packets bond0) e0=$(tx_packets eth0) e1=$(tx_packets eth1)
check "$N pings at 10 ms intervals" nsx ping -q -c "$N" -i 0.01 -W 2 192.0.2.2
db=$(($(tx_packets bond0) - b0)) d0=$(($(tx_packets eth0) - e0)) d1=$(($(tx_packets eth1) - e1))
echo "# tx deltas: bond0 $db, eth0 $d0, eth1 $d1"
check "bond0 sent at least $N packets" ge "$db" "$N"
check "eth0 sent at least 30% of them" ge "$d0" $((N * 30 / 100))
check "eth1 sent at least 30% of them" ge "$d1" $((N * 30 / 100))

must ip -n "$SW" link set p0 down
check "p0 down: eth0 mii_status DOWN" wait_for 5 is DOWN slave_info eth0 mii_status
check "eth0 state stays ACTIVE while down (no backup ports in rr)" is ACTIVE slave_info eth0 state
e0=$(tx_packets eth0) e1=$(tx_packets eth1)
check "50 pings with eth0 down" nsx ping -q -c 50 -i 0.01 -W 2 192.0.2.2
d0=$(($(tx_packets eth0) - e0)) d1=$(($(tx_packets eth1) - e1))
echo "# tx deltas: eth0 $d0, eth1 $d1"
check "nothing sent on the down port" eq "$d0" 0
check "eth1 sent all 50" ge "$d1" 50

must ip -n "$SW" link set p0 up
check "p0 up: eth0 mii_status UP" wait_for 5 is UP slave_info eth0 mii_status
e0=$(tx_packets eth0) e1=$(tx_packets eth1)
check "100 pings with both ports up again" nsx ping -q -c 100 -i 0.01 -W 2 192.0.2.2
d0=$(($(tx_packets eth0) - e0)) d1=$(($(tx_packets eth1) - e1))
echo "# tx deltas: eth0 $d0, eth1 $d1"
check "eth0 carries traffic again (>= 30)" ge "$d0" 30
check "eth1 still carries traffic (>= 30)" ge "$d1" 30
