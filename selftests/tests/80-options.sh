#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Option round trips: set over rtnetlink, read back over sysfs and netlink;
# set over sysfs, read back over netlink.
#
#   netns bnd-$$:
#     bond0 (active-backup, up)       bond1 (down, no ports: mode changes)
#      |        |
#     eth0     eth1
#      |        |
#    peth0    peth1   (peers, up)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
UP_PEER=1 veth_pair eth0 "$NS" peth0 "$NS"
UP_PEER=1 veth_pair eth1 "$NS" peth1 "$NS"
must ipn link add bond0 type bond mode active-backup
must ipn link add bond1 type bond
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn link set bond0 up
S=/sys/class/net/bond0/bonding

# nl_set OPT VALUE: ip link set bond0 type bond OPT VALUE, then sysfs and
# netlink must both read back WANT (default VALUE).
nl_round_trip() {
	local opt=$1 val=$2 want=${3:-$2}
	check "netlink set $opt $val" ipn link set bond0 type bond "$opt" "$val"
	check "  $opt reads $want over sysfs" is "$want" bond_attr bond0 "$opt"
	check "  $opt reads $want over netlink" is "$want" info bond0 "$opt"
}
# sys_round_trip OPT VALUE [NLWANT]: echo VALUE > sysfs, netlink reads NLWANT.
sys_round_trip() {
	local opt=$1 val=$2 want=${3:-$2}
	check "sysfs set $opt $val" sys_write "$S/$opt" "$val"
	check "  $opt set over sysfs reads $want over netlink" is "$want" info bond0 "$opt"
}

beyond "miimon defaults to 100 (the tree: 0)" is 100 bond_attr bond0 miimon
check "miimon 0" ipn link set bond0 type bond miimon 0
nl_round_trip miimon 200
nl_round_trip updelay 400
nl_round_trip downdelay 600
nl_round_trip use_carrier 0
nl_round_trip use_carrier 1
sys_round_trip miimon 100
check "  updelay now 2 x 100 (kept in miimon units)" is 200 info bond0 updelay
check "  downdelay now 3 x 100" is 300 bond_attr bond0 downdelay
sys_round_trip updelay 500
sys_round_trip downdelay 700
sys_round_trip use_carrier 0
sys_round_trip use_carrier 1

# mode, on bond1 (no ports, down)
if pcheck balance-xor "netlink set mode balance-xor" ipn link set bond1 type bond mode balance-xor; then
	check "  sysfs mode 'balance-xor 2'" is "balance-xor 2" bond_attr bond1 mode
	check "  netlink mode balance-xor" is balance-xor info bond1 mode
fi
sys_round_trip_b1() { # VALUE NLWANT SYSWANT
	pcheck "$2" "sysfs set bond1 mode $1" sys_write /sys/class/net/bond1/bonding/mode "$1" || return 1
	check "  netlink mode $2" is "$2" info bond1 mode
	check "  sysfs mode '$3'" is "$3" bond_attr bond1 mode
}
sys_round_trip_b1 broadcast broadcast "broadcast 3"
sys_round_trip_b1 1 active-backup "active-backup 1"
sys_round_trip_b1 802.3ad 802.3ad "802.3ad 4" &&
	check "  802.3ad forced miimon 100" is 100 bond_attr bond1 miimon
sys_round_trip_b1 balance-tlb balance-tlb "balance-tlb 5"
sys_round_trip_b1 balance-alb balance-alb "balance-alb 6"
sys_round_trip_b1 0 balance-rr "balance-rr 0"

# active_slave (no primary yet)
check "active_slave is eth0" is eth0 bond_attr bond0 active_slave
check "sysfs set active_slave eth1" sys_write $S/active_slave eth1
check "  active_slave eth1 over netlink" is eth1 info bond0 active_slave
check "  eth1 state ACTIVE" is ACTIVE slave_info eth1 state
check "  eth0 state BACKUP" is BACKUP slave_info eth0 state
check "netlink set active_slave eth0" ipn link set bond0 type bond active_slave eth0
check "  active_slave eth0 over sysfs" is eth0 bond_attr bond0 active_slave
check "  /proc Currently Active Slave: eth0" is eth0 proc_field bond0 "Currently Active Slave"

# primary
check "primary empty by default (sysfs)" is "" bond_attr bond0 primary
check "primary absent by default (netlink)" is null info bond0 primary
check "netlink set primary eth1" ipn link set bond0 type bond primary eth1
check "  primary eth1 over sysfs" is eth1 bond_attr bond0 primary
check "  primary eth1 over netlink" is eth1 info bond0 primary
check "  primary eth1 becomes active" wait_for 5 is eth1 bond_attr bond0 active_slave
check "sysfs set primary eth0" sys_write $S/primary eth0
check "  primary eth0 over netlink" is eth0 info bond0 primary
check "  primary eth0 becomes active" wait_for 5 is eth0 info bond0 active_slave
check "sysfs clear primary (empty write)" sys_write $S/primary ""
check "  primary empty over sysfs" is "" bond_attr bond0 primary
check "  primary absent over netlink" is null info bond0 primary
check "  /proc Primary Slave: None" is None proc_field bond0 "Primary Slave"
