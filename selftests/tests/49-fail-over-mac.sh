#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fail_over_mac in active-backup: which addresses the ports and the bond
# carry before and after a failover, and after release.
#   none:   every port carries the bond's address
#   active: ports keep their own; the bond takes the active port's
#   follow: the active port carries the bond's; on failover the old active
#           port takes the new one's former address
#
#   bnd-$$:   bond0 192.0.2.1/24 (active-backup, miimon 100, fail_over_mac X)
#              |          |
#             eth0       eth1
#   ----------|----------|---------
#   sw-$$:    p0         p1          (p0 down = carrier loss on eth0)
#              \        /
#               br0 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
switch_topology
m0=$(mac eth0) m1=$(mac eth1)
active() { bond_attr bond0 active_slave; }

# setup FOM: bond0 over eth0 (active) and eth1, pinging
setup() {
	must ipn link add bond0 type bond mode active-backup miimon 100 fail_over_mac "$1"
	must ipn link set eth0 master bond0
	must ipn link set eth1 master bond0
	must ipn addr add 192.0.2.1/24 dev bond0
	must ipn link set bond0 up
	check "$1: ping through bond0" wait_for 10 ping_ok
	check "$1: eth0 active" is eth0 active
}

# failover: p0 down, wait for eth1, ping; then p0 up
failover() {
	must ip -n "$SW" link set p0 down
	check "$1: p0 down: active moves to eth1" wait_for 5 is eth1 active
	check "$1: ping after failover" wait_for 10 ping_ok
}

teardown() {
	must ip -n "$SW" link set p0 up
	must ipn link del bond0
	check "$1: eth0 has its own address after release" is "$m0" mac eth0
	check "$1: eth1 has its own address after release" is "$m1" mac eth1
}

setup none
check "none: sysfs fail_over_mac" is "none 0" bond_attr bond0 fail_over_mac
check "none: netlink fail_over_mac" is none info bond0 fail_over_mac
check "none: /proc Bonding Mode has no fail_over_mac" \
	is "fault-tolerance (active-backup)" proc_field bond0 "Bonding Mode"
b=$(mac bond0)
check "none: eth0 carries the bond's address" is "$b" mac eth0
check "none: eth1 carries the bond's address" is "$b" mac eth1
check "none: fail_over_mac cannot change with ports (sysfs)" \
	is "Directory not empty" sys_errno /sys/class/net/bond0/bonding/fail_over_mac active
check "none: nor through netlink" not ipn link set bond0 type bond fail_over_mac active
check "none: fail_over_mac unchanged" is "none 0" bond_attr bond0 fail_over_mac
failover none
check "none: bond0 keeps its address" is "$b" mac bond0
teardown none

setup active
check "active: sysfs fail_over_mac" is "active 1" bond_attr bond0 fail_over_mac
check "active: netlink fail_over_mac" is active info bond0 fail_over_mac
check "active: /proc Bonding Mode says fail_over_mac active" \
	is "fault-tolerance (active-backup) (fail_over_mac active)" proc_field bond0 "Bonding Mode"
check "active: eth0 keeps its address" is "$m0" mac eth0
check "active: eth1 keeps its address" is "$m1" mac eth1
check "active: bond0 has eth0's address" is "$m0" mac bond0
failover active
check "active: bond0 takes eth1's address" is "$m1" mac bond0
check "active: eth0 still has its own" is "$m0" mac eth0
check "active: eth1 still has its own" is "$m1" mac eth1
teardown active

setup follow
check "follow: sysfs fail_over_mac" is "follow 2" bond_attr bond0 fail_over_mac
b=$(mac bond0)
check "follow: bond0 took eth0's address (first port)" eq "$b" "$m0"
check "follow: eth0 (active) carries the bond's address" is "$b" mac eth0
check "follow: eth1 keeps its own" is "$m1" mac eth1
failover follow
check "follow: bond0 keeps its address" is "$b" mac bond0
check "follow: eth1 (active) now carries the bond's address" is "$b" mac eth1
check "follow: eth0 took eth1's former address" is "$m1" mac eth0
teardown follow
