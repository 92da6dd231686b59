#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad option input over netlink (bond and port attributes), through
# ifenslave, and without CAP_NET_ADMIN: refused, and the bond exactly as
# before (every option, over sysfs and netlink, compared).  The sysfs
# classes and errnos: 82-option-rejects.
#
#   netns bnd-$$:
#     bond0 (balance-rr by row, down)     bond1 (balance-rr, up)
#      |  eth0 (dummy, a port when the row asks)
#     eth1, eth2 (dummies)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
S=/sys/class/net/bond0/bonding
must ipn link add bond0 type bond
must ipn link add bond1 type bond
must ipn link set bond1 up
for d in eth0 eth1 eth2; do must ipn link add $d type dummy; done

# Everything a refused write must leave as it was
state() { bond_state "$@"; }
MODE_NAMES=("${BOND_MODE_NAMES[@]}")
MODE=0 BEFORE=
set_mode() {
	[[ $MODE == "$1" ]] && return
	must ipn link set bond0 type bond mode "${MODE_NAMES[$1]}"
	MODE=$1 BEFORE=
}

# nl_reject MODE CASE ARGS...: ip link set bond0 type bond ARGS fails
nl_reject() {
	local m=$1 what=$2 before
	shift 2
	set_mode "$m"
	before=$(state)
	check "netlink $what (${MODE_NAMES[$m]}) refused" not ipn link set bond0 type bond "$@"
	check "  bond0 unchanged" is "$before" state
	BEFORE=
}

# netlink: the same classes
nl_reject 0 "arp_missed_max 0" arp_missed_max 0
nl_reject 0 "resend_igmp 256" resend_igmp 256
nl_reject 0 "packets_per_slave 65536" packets_per_slave 65536
nl_reject 0 "lp_interval 0" lp_interval 0
nl_reject 0 "peer_notify_delay 300001" peer_notify_delay 300001
nl_reject 1 "packets_per_slave 2" packets_per_slave 2
nl_reject 0 "lacp_rate fast" lacp_rate fast
nl_reject 0 "ad_actor_system 02:00:00:00:00:01" ad_actor_system 02:00:00:00:00:01
nl_reject 0 "tlb_dynamic_lb 0" tlb_dynamic_lb 0
nl_reject 0 "arp_ip_target 255.255.255.255" arp_ip_target 255.255.255.255
nl_reject 0 "ns_ip6_target ff02::1" ns_ip6_target ff02::1
nl_reject 0 "ns_ip6_target ::1" ns_ip6_target ::1
before=$(state bond1)
check "netlink ad_select count (bond up) refused" not ipn link set bond1 type bond ad_select count
check "  bond1 unchanged" is "$before" state bond1

# A request is refused whole: the tree applies the attributes before the
# bad one (beyond the tree)
# (iproute2 sends at most 16 ARP targets: a 17th is refused over sysfs)
before=$(state)
check "netlink miimon 100 arp_interval 100 refused" not ipn link set bond0 type bond miimon 100 arp_interval 100
beyond "  ... and miimon is not changed" is "$before" state
before=$(state)
check "netlink arp_ip_target twice the same refused" not ipn link set bond0 type bond arp_ip_target 192.0.2.1,192.0.2.1
beyond "  ... and the first is not kept" is "$before" state
before=$(state)
check "netlink miimon 300 arp_missed_max 0 refused" not ipn link set bond0 type bond miimon 300 arp_missed_max 0
beyond "  ... and miimon is not changed either" is "$before" state

# Port options over netlink
must ipn link set eth0 master bond0
port_state() { state && slave_info eth0 queue_id && slave_info eth0 prio; }
before=$(port_state)
check "netlink queue_id 99 refused" not ipn link set dev eth0 type bond_slave queue_id 99
check "netlink prio in balance-rr refused" not ipn link set dev eth0 type bond_slave prio 5
check "  bond0 and eth0 unchanged" is "$before" port_state
must ipn link set eth0 nomaster

# Without CAP_NET_ADMIN: netlink and ioctl (ifenslave) refuse; sysfs too (beyond the
# tree, whose files only check the file mode)
nocap() { nsx capsh --drop=cap_net_admin -- -c "$1"; }
before=$(state)
check "netlink without CAP_NET_ADMIN refused" not nocap "ip link set bond0 type bond miimon 300"
check "ifenslave without CAP_NET_ADMIN refused" \
	not nocap "$(dirname "$0")/../../tools/ifenslave/ifenslave bond0 eth1"
beyond "sysfs write without CAP_NET_ADMIN refused" not nocap "echo 300 > $S/miimon"
check "  bond0 unchanged" is "$before" state
exit 0
