#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# active-backup with miimon 100: failover on carrier loss, no fail-back
# without a primary, fail-back to the primary, all ports down.
#
#   bnd-$$:   bond0 192.0.2.1/24 (active-backup, miimon 100)
#              |          |
#             eth0       eth1
#   ----------|----------|---------
#   sw-$$:    p0         p1          (p0/p1 down = carrier loss on eth0/eth1)
#              \        /
#               br0 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
switch_topology
must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn addr add 192.0.2.1/24 dev bond0
must ipn link set bond0 up
bmac=$(mac bond0)
active() { bond_attr bond0 active_slave; }
sw_link() { must ip -n "$SW" link set "$1" "$2"; }

check "ping through bond0" wait_for 10 ping_ok
check "active_slave is eth0 (first port)" is eth0 active
check "/proc Currently Active Slave: eth0" is eth0 proc_field bond0 "Currently Active Slave"
check "eth0 state ACTIVE" is ACTIVE slave_info eth0 state
check "eth1 state BACKUP" is BACKUP slave_info eth1 state
check "bond0 mii_status up" is up bond_attr bond0 mii_status

t0=$(now_ms)
sw_link p0 down
check "p0 down: active moves to eth1" wait_for 5 is eth1 active
dt=$(($(now_ms) - t0))
echo "# failover seen after $dt ms (fork-heavy polling; 45-delays times it precisely)"
check "/proc Currently Active Slave: eth1" is eth1 proc_field bond0 "Currently Active Slave"
check "/proc eth0 MII Status: down" is down proc_slave_field bond0 eth0 "MII Status"
check "/proc eth0 Link Failure Count: 1" is 1 proc_slave_field bond0 eth0 "Link Failure Count"
check "netlink eth0 mii_status DOWN" is DOWN slave_info eth0 mii_status
check "eth0 state BACKUP" is BACKUP slave_info eth0 state
check "eth1 state ACTIVE" is ACTIVE slave_info eth1 state
check "bond0 mii_status still up" is up bond_attr bond0 mii_status
check "bond0 MAC unchanged by failover" is "$bmac" mac bond0
check "ping continues over eth1" wait_for 10 ping_ok

sw_link p0 up
check "p0 up: eth0 mii_status back to UP" wait_for 5 is UP slave_info eth0 mii_status
check "no primary: active stays eth1" is eth1 active

check "ip link set bond0 type bond primary eth0" ipn link set bond0 type bond primary eth0
check "primary eth0 becomes active at once" wait_for 5 is eth0 active
check "/proc Primary Slave: eth0 (primary_reselect always)" \
	is "eth0 (primary_reselect always)" proc_field bond0 "Primary Slave"
sw_link p0 down
check "primary loses carrier: active moves to eth1" wait_for 5 is eth1 active
sw_link p0 up
check "primary back: active returns to eth0 (fail-back)" wait_for 5 is eth0 active
check "ping after fail-back" wait_for 10 ping_ok
check "/proc eth0 Link Failure Count: 2" is 2 proc_slave_field bond0 eth0 "Link Failure Count"
check "/proc eth1 Link Failure Count: 0" is 0 proc_slave_field bond0 eth1 "Link Failure Count"

sw_link p0 down
sw_link p1 down
check "all ports down: bond0 mii_status down" wait_for 5 is down bond_attr bond0 mii_status
check "all ports down: bond0 loses LOWER_UP" lacks_flag bond0 LOWER_UP
check "all ports down: no active slave" is "" active
check "/proc Currently Active Slave: None" is None proc_field bond0 "Currently Active Slave"
sw_link p1 up
check "eth1 back first: it becomes active" wait_for 5 is eth1 active
check "bond0 mii_status up again" wait_for 5 is up bond_attr bond0 mii_status
check "ping over eth1 after total outage" wait_for 10 ping_ok
