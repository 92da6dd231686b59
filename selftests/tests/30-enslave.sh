#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Enslave and release over rtnetlink and sysfs; MAC and MTU rules.
#
#   netns bnd-$$:
#            bond0 (active-backup, miimon 100, fail_over_mac none)
#             |         |
#            eth0      eth1        veth
#             |         |
#           peth0     peth1        peers, up
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
UP_PEER=1 veth_pair eth0 "$NS" peth0 "$NS"
UP_PEER=1 veth_pair eth1 "$NS" peth1 "$NS"
must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link set bond0 up
mac0=$(mac eth0) mac1=$(mac eth1) bmac=$(mac bond0)

# --- ip link set master / nomaster
check "enslaving an UP port is refused" not ipn link set peth0 master bond0
check "refused UP port is not SLAVE" lacks_flag peth0 SLAVE
check "ip link set eth0 master bond0" ipn link set eth0 master bond0
check "eth0 has SLAVE flag" has_flag eth0 SLAVE
check "enslaving brings eth0 up" has_flag eth0 UP
check "bond0 has MASTER flag" has_flag bond0 MASTER
check "eth0 master is bond0" is bond0 master_of eth0
check "sysfs slaves lists eth0" is eth0 bond_attr bond0 slaves
check "eth0 info_slave_kind is bond" is bond link_field eth0 .linkinfo.info_slave_kind
check "eth0 slave state is ACTIVE" is ACTIVE slave_info eth0 state
check "eth0 slave mii_status is UP" is UP slave_info eth0 mii_status
check "eth0 slave perm_hwaddr is its MAC" is "$mac0" slave_info eth0 perm_hwaddr
check "bond0 (random MAC) took first port's MAC" is "$mac0" mac bond0
check "bond0 MAC is no longer the random one" ne "$(mac bond0)" "$bmac"
check "first port keeps its MAC" is "$mac0" mac eth0
check "active_slave is eth0" is eth0 bond_attr bond0 active_slave

# --- sysfs +/-
check "echo +eth1 > slaves" sys_write /sys/class/net/bond0/bonding/slaves +eth1
check "sysfs slaves lists eth0 eth1" is "eth0 eth1" bond_attr bond0 slaves
check "eth1 has SLAVE flag" has_flag eth1 SLAVE
check "eth1 slave state is BACKUP" is BACKUP slave_info eth1 state
check "eth1 slave mii_status is UP" is UP slave_info eth1 mii_status
check "second port gets bond0's MAC" is "$mac0" mac eth1
check "eth1 bonding_slave/perm_hwaddr is its own MAC" is "$mac1" nsx cat /sys/class/net/eth1/bonding_slave/perm_hwaddr
check "eth1 bonding_slave/state is backup" is backup nsx cat /sys/class/net/eth1/bonding_slave/state
check "echo -eth1 > slaves" sys_write /sys/class/net/bond0/bonding/slaves -eth1
check "sysfs slaves lists eth0 only" is eth0 bond_attr bond0 slaves
check "eth1 lost SLAVE" lacks_flag eth1 SLAVE
check "eth1 has no master" is "" master_of eth1
check "eth1 original MAC restored" is "$mac1" mac eth1
check "released eth1 is left down" lacks_flag eth1 UP
check "eth1 has no bonding_slave dir" not nsx test -e /sys/class/net/eth1/bonding_slave

check "ip link set eth0 nomaster" ipn link set eth0 nomaster
check "sysfs slaves empty" is "" bond_attr bond0 slaves
check "eth0 lost SLAVE" lacks_flag eth0 SLAVE
check "eth0 keeps its MAC" is "$mac0" mac eth0
check "empty bond0 gets a new MAC (not eth0's)" ne "$(mac bond0)" "$mac0"
check "empty bond0 keeps MASTER flag" has_flag bond0 MASTER
check "active_slave empty" is "" bond_attr bond0 active_slave

# --- MTU: a port takes the bond's MTU, gets its own back on release
must ipn link set eth0 down
must ipn link set eth1 down
must ipn link set eth0 mtu 1500
must ipn link set bond0 mtu 1400
check "bond0 mtu 1400 before enslave" is 1400 mtu bond0
check "echo +eth0 > slaves (mtu 1500 port)" sys_write /sys/class/net/bond0/bonding/slaves +eth0
check "enslaved port takes bond MTU 1400" is 1400 mtu eth0
check "bond MTU unchanged by enslave" is 1400 mtu bond0
check "ip link set bond0 mtu 1300 with a port" ipn link set bond0 mtu 1300
check "port follows bond MTU change to 1300" is 1300 mtu eth0
check "echo -eth0 > slaves" sys_write /sys/class/net/bond0/bonding/slaves -eth0
check "released port gets its MTU 1500 back" is 1500 mtu eth0
check "eth0 MAC unchanged across MTU cycle" is "$mac0" mac eth0
