#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Receive filters follow the bond: promiscuity, allmulti and the multicast
# list of bond0 reach only the active port in active-backup (and move with
# failover), every port in balance-rr, and are taken back on release.
#
# A port's IFF_PROMISC/IFF_ALLMULTI set by its master is visible in its
# promiscuity/allmulti counts (ip -d), and in /sys/class/net/DEV/flags, but
# not in ip link's flag list (which shows only user-requested PROMISC).
#
#   bnd-$$:   bond0 192.0.2.1/24 (active-backup, miimon 100; later balance-rr)
#              |          |
#             eth0       eth1
#   ----------|----------|---------
#   sw-$$:    p0         p1          (p0/p1 down = carrier loss on eth0/eth1)
#              \        /
#               br0 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

MC=33:33:00:00:12:34
IFF_PROMISC=0x100 IFF_ALLMULTI=0x200

load_bonding max_bonds=0
switch_topology
must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn addr add 192.0.2.1/24 dev bond0
must ipn link set bond0 up
active() { bond_attr bond0 active_slave; }
sw_link() { must ip -n "$SW" link set "$1" "$2"; }
# promisc DEV / allmulti DEV: the device's promiscuity / allmulti count
promisc() { link_field "$1" .promiscuity; }
allmulti() { link_field "$1" .allmulti; }
# counts DEV...: "promiscuity/allmulti" of each DEV, space separated
counts() {
	local d out=()
	for d in "$@"; do out+=("$(promisc "$d")/$(allmulti "$d")") || return 1; done
	echo "${out[*]}"
}
# sysflag DEV MASK: 1 if MASK is set in /sys/class/net/DEV/flags, else 0
sysflag() {
	local f
	f=$(nsx cat "/sys/class/net/$1/flags") || return 1
	echo $(((f & $2) != 0))
}
# maddrs DEV ADDR: how many times link-layer ADDR is in DEV's multicast list
maddrs() { ipn maddr show dev "$1" | awk -v a="$2" '$1 == "link" && $2 == a { n++ } END { print n + 0 }'; }

check "eth0 active" wait_for 5 is eth0 active
check "ping through bond0" wait_for 10 ping_ok
check "before: ports promiscuity/allmulti 0/0 0/0" is "0/0 0/0" counts eth0 eth1

# --- (a) promiscuity follows the active port
check "ip link set bond0 promisc on" ipn link set bond0 promisc on
check "bond0 shows PROMISC" has_flag bond0 PROMISC
check "active eth0 promiscuity 1, backup eth1 0" is "1/0 0/0" counts eth0 eth1
check "eth0 IFF_PROMISC set in sysfs flags" is 1 sysflag eth0 $IFF_PROMISC
check "eth1 IFF_PROMISC clear in sysfs flags" is 0 sysflag eth1 $IFF_PROMISC
check "eth0 ip link flags lack PROMISC (set by master, not user)" lacks_flag eth0 PROMISC
sw_link p0 down
check "p0 down: active moves to eth1" wait_for 5 is eth1 active
check "promisc moved: eth0 0, eth1 1" is "0/0 1/0" counts eth0 eth1
check "eth1 IFF_PROMISC set after failover" is 1 sysflag eth1 $IFF_PROMISC
check "eth0 IFF_PROMISC cleared after failover" is 0 sysflag eth0 $IFF_PROMISC
check "ip link set bond0 promisc off" ipn link set bond0 promisc off
check "promisc off: no port promiscuous" is "0/0 0/0" counts eth0 eth1
check "bond0 lost PROMISC" lacks_flag bond0 PROMISC

# --- (a) allmulti follows the active port
check "ip link set bond0 allmulticast on" ipn link set bond0 allmulticast on
check "bond0 shows ALLMULTI" has_flag bond0 ALLMULTI
check "active eth1 allmulti 1, eth0 0" is "0/0 0/1" counts eth0 eth1
check "eth1 IFF_ALLMULTI set in sysfs flags" is 1 sysflag eth1 $IFF_ALLMULTI
sw_link p0 up
check "p0 up: eth0 mii_status UP" wait_for 5 is UP slave_info eth0 mii_status
sw_link p1 down
check "p1 down: active moves to eth0" wait_for 5 is eth0 active
check "allmulti moved: eth0 1, eth1 0" is "0/1 0/0" counts eth0 eth1
check "eth1 IFF_ALLMULTI cleared after failover" is 0 sysflag eth1 $IFF_ALLMULTI
check "ip link set bond0 allmulticast off" ipn link set bond0 allmulticast off
check "allmulticast off: no port allmulti" is "0/0 0/0" counts eth0 eth1
sw_link p1 up
check "p1 up: eth1 mii_status UP" wait_for 5 is UP slave_info eth1 mii_status

# --- (b) the multicast list follows the active port
check "ip maddr add $MC dev bond0" ipn maddr add $MC dev bond0
check "bond0 lists $MC" is 1 maddrs bond0 $MC
check "active eth0 lists $MC" is 1 maddrs eth0 $MC
check "backup eth1 does not list $MC" is 0 maddrs eth1 $MC
sw_link p0 down
check "p0 down: active moves to eth1 (maddr)" wait_for 5 is eth1 active
check "after failover eth1 lists $MC" is 1 maddrs eth1 $MC
check "after failover eth0 no longer lists $MC" is 0 maddrs eth0 $MC
check "ip maddr del $MC dev bond0" ipn maddr del $MC dev bond0
check "maddr del: eth1 no longer lists $MC" is 0 maddrs eth1 $MC
check "re-add $MC" ipn maddr add $MC dev bond0
check "re-added $MC on active eth1" is 1 maddrs eth1 $MC
sw_link p0 up
check "p0 up: eth0 mii_status UP (maddr)" wait_for 5 is UP slave_info eth0 mii_status

# --- (d) release of the active port takes promisc and the list back
check "promisc on again" ipn link set bond0 promisc on
check "eth1 (active) promiscuity 1" is "0/0 1/0" counts eth0 eth1
check "ip link set eth1 nomaster (active port)" ipn link set eth1 nomaster
check "eth0 takes over" wait_for 5 is eth0 active
check "released eth1: promiscuity 0" is 0 promisc eth1
check "released eth1: IFF_PROMISC clear" is 0 sysflag eth1 $IFF_PROMISC
check "released eth1: no $MC" is 0 maddrs eth1 $MC
check "new active eth0: promiscuity 1 and $MC" eq "$(promisc eth0) $(maddrs eth0 $MC)" "1 1"

# --- (c) balance-rr: every port gets the filters
must ipn link del bond0
check "bond deleted: eth0 promiscuity 0" is "0/0 0/0" counts eth0 eth1
check "bond deleted: eth0 no $MC" is 0 maddrs eth0 $MC
must ipn link add bond0 type bond mode balance-rr miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn link set bond0 up
check "rr: both ports up" wait_for 5 is "UP UP" sh -c "echo \$(ip -n $NS -j -d link show type veth | jq -r '.[].linkinfo.info_slave_data.mii_status')"
check "rr: promisc on" ipn link set bond0 promisc on
check "rr: allmulticast on" ipn link set bond0 allmulticast on
check "rr: both ports promiscuity 1, allmulti 1" is "1/1 1/1" counts eth0 eth1
check "rr: ip maddr add $MC dev bond0" ipn maddr add $MC dev bond0
check "rr: eth0 lists $MC" is 1 maddrs eth0 $MC
check "rr: eth1 lists $MC" is 1 maddrs eth1 $MC
sw_link p0 down
check "rr: p0 down: eth0 mii_status DOWN" wait_for 5 is DOWN slave_info eth0 mii_status
check "rr: a port without carrier keeps the filters" is "1/1 1/1" counts eth0 eth1
check "rr: a port without carrier keeps $MC" is 1 maddrs eth0 $MC
sw_link p0 up

# --- (d) release in balance-rr
check "rr: ip link set eth1 nomaster" ipn link set eth1 nomaster
check "rr: released eth1 promiscuity/allmulti 0/0" is "0/0" counts eth1
check "rr: released eth1 IFF_PROMISC clear" is 0 sysflag eth1 $IFF_PROMISC
check "rr: released eth1 no $MC" is 0 maddrs eth1 $MC
check "rr: remaining eth0 keeps 1/1 and $MC" eq "$(counts eth0) $(maddrs eth0 $MC)" "1/1 1"
check "rr: promisc off" ipn link set bond0 promisc off
check "rr: eth0 promiscuity back to 0" is "0/1" counts eth0
check "rr: sysfs -eth0" sys_write /sys/class/net/bond0/bonding/slaves -eth0
check "rr: released eth0 allmulti 0 and no $MC" eq "$(counts eth0) $(maddrs eth0 $MC)" "0/0 0"
