#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# An 802.1Q VLAN on top of an active-backup bond: tagged traffic flows and
# survives failover and re-enslaving; bond0 advertises rx-vlan-filter.
#
#   bnd-$$:   bond0.10 198.51.100.1/24 (vlan 10)
#              |
#             bond0 192.0.2.1/24 (active-backup, miimon 100)
#              |          |
#             eth0       eth1
#   ----------|----------|---------
#   sw-$$:    p0         p1          (p0/p1 down = carrier loss on eth0/eth1)
#              \        /
#               br0 192.0.2.2/24 (vlan_filtering 0: tagged frames pass)
#                |
#               br0.10 198.51.100.2/24 (vlan 10)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
switch_topology
must ip -n "$SW" link set br0 type bridge vlan_filtering 0
must ip -n "$SW" link add link br0 name br0.10 type vlan id 10
must ip -n "$SW" addr add 198.51.100.2/24 dev br0.10
must ip -n "$SW" link set br0.10 up
must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn addr add 192.0.2.1/24 dev bond0
must ipn link set bond0 up
active() { bond_attr bond0 active_slave; }
sw_link() { must ip -n "$SW" link set "$1" "$2"; }
ping_vlan() { nsx ping -q -c "${1:-1}" -W 2 198.51.100.2 >/dev/null; }
# vlan_proc FIELD: a counter of /proc/net/vlan/bond0.10 ("total frames transmitted")
vlan_proc() { nsx cat /proc/net/vlan/bond0.10 | awk -v k="$1" 'index($0, k) { print $NF; exit }'; }
# feature DEV NAME: ethtool -k value (on/off, without "[fixed]")
feature() { nsx ethtool -k "$1" | awk -v k="$2:" '$1 == k { print $2 }'; }
sw_rx() { ip -n "$SW" -j -s link show dev br0.10 | jq -r '.[0].stats64.rx.packets'; }

check "bond0 advertises rx-vlan-filter on" is on feature bond0 rx-vlan-filter
check "bond0 has rx-vlan-offload (hw tag accel) on" is on feature bond0 rx-vlan-offload
check "untagged ping through bond0" wait_for 10 ping_ok

check "ip link add link bond0 name bond0.10 type vlan id 10" \
	ipn link add link bond0 name bond0.10 type vlan id 10
check "ip addr add 198.51.100.1/24 dev bond0.10" ipn addr add 198.51.100.1/24 dev bond0.10
check "ip link set bond0.10 up" ipn link set bond0.10 up
check "/proc/net/vlan/bond0.10 exists" nsx test -f /proc/net/vlan/bond0.10
check "/proc/net/vlan/bond0.10 says Device: bond0" is bond0 sh -c "ip netns exec $NS cat /proc/net/vlan/bond0.10 | awk '/^Device:/ { print \$2 }'"
check "/proc/net/vlan/config lists bond0.10 | 10 | bond0" \
	match "$(nsx cat /proc/net/vlan/config)" "bond0\.10 +\| 10 +\| bond0"
check "bond0.10 vlan id 10" is 10 link_field bond0.10 .linkinfo.info_data.id
check "bond0.10 has bond0's MAC" is "$(mac bond0)" mac bond0.10
check "bond0.10 lower device is bond0" is bond0 link_field bond0.10 .link

check "eth0 active" is eth0 active
sw0=$(sw_rx) tx0=$(tx_packets eth0)
check "ping over vlan 10" wait_for 10 ping_vlan
check "5 pings over vlan 10" ping_vlan 5
check "br0.10 (tagged side) received >= 5" ge "$(($(sw_rx) - sw0))" 5
check "eth0 (active) carried them (tx >= 5)" ge "$(($(tx_packets eth0) - tx0))" 5
check "/proc/net/vlan/bond0.10 counts >= 5 frames transmitted" ge "$(vlan_proc "total frames transmitted")" 5
check "/proc/net/vlan/bond0.10 counts >= 5 frames received" ge "$(vlan_proc "total frames received")" 5

sw_link p0 down
check "p0 down: active moves to eth1" wait_for 5 is eth1 active
sw0=$(sw_rx) tx1=$(tx_packets eth1)
check "ping over vlan 10 after failover" wait_for 10 ping_vlan
check "5 pings over vlan 10 after failover" ping_vlan 5
check "eth1 carried them (tx >= 5)" ge "$(($(tx_packets eth1) - tx1))" 5
check "br0.10 received >= 5 after failover" ge "$(($(sw_rx) - sw0))" 5
check "untagged ping still works after failover" wait_for 10 ping_ok
sw_link p0 up
check "p0 up: eth0 mii_status UP" wait_for 5 is UP slave_info eth0 mii_status

# ports released and enslaved again under an existing VLAN
check "release eth0 and eth1" sh -c "ip -n $NS link set eth0 nomaster && ip -n $NS link set eth1 nomaster"
check "bond0 without ports: bond0.10 loses LOWER_UP" wait_for 5 lacks_flag bond0.10 LOWER_UP
check "ping over vlan 10 fails without ports" not ping_vlan
check "enslave eth1 and eth0 again" sh -c "ip -n $NS link set eth1 master bond0 && ip -n $NS link set eth0 master bond0"
check "eth1 (first) active" wait_for 5 is eth1 active
check "ping over vlan 10 after re-enslave" wait_for 10 ping_vlan
check "bond0.10 still present" is 10 link_field bond0.10 .linkinfo.info_data.id

check "ip link del bond0.10" ipn link del bond0.10
check "/proc/net/vlan/bond0.10 gone" not nsx test -e /proc/net/vlan/bond0.10
check "untagged ping after vlan removal" wait_for 10 ping_ok
