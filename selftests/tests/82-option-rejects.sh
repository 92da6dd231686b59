#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad option input over sysfs: the 6.1 driver's errno, and the bond exactly
# as before (every option, over sysfs and netlink, compared).  The same
# classes over netlink, ioctl and without CAP_NET_ADMIN: 82-option-rejects-nl.
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

# sysfs_reject MODE OPT VALUE ERRNO-TEXT [BOND]: a refusal leaves the
# state as it was, which is the state before the next one
sysfs_reject() {
	local m=$1 opt=$2 val=$3 want=$4 b=${5:-bond0} before
	[[ $b != bond0 ]] || set_mode "$m"
	before=$BEFORE
	[[ $b == bond0 && -n $before ]] || before=$(state "$b")
	check "sysfs $opt '$val' (${MODE_NAMES[$m]}): $want" \
		is "$want" sys_errno "/sys/class/net/$b/bonding/$opt" "$val"
	BEFORE=$(state "$b")
	check "  $b unchanged" eq "$BEFORE" "$before"
	[[ $b == bond0 ]] || BEFORE=
}

# Out of range, wrong type, unknown value names
while read -r m opt val want; do
	[[ -n $m ]] && sysfs_reject "$m" "$opt" "$val" "${want//_/ }"
done <<'EOF'
0 miimon -1 Invalid_argument
0 miimon 2147483648 Invalid_argument
0 miimon 1.5 Invalid_argument
0 arp_interval abc Invalid_argument
0 arp_missed_max 0 Invalid_argument
0 arp_missed_max 256 Invalid_argument
0 resend_igmp 256 Invalid_argument
0 num_grat_arp 256 Invalid_argument
0 num_unsol_na -1 Invalid_argument
0 packets_per_slave 65536 Invalid_argument
0 lp_interval 0 Invalid_argument
0 min_links -2 Invalid_argument
0 use_carrier 2 Invalid_argument
0 all_slaves_active 2 Invalid_argument
0 xmit_hash_policy layer5 Invalid_argument
0 arp_validate strict Invalid_argument
0 arp_all_targets most Invalid_argument
0 primary_reselect never Invalid_argument
0 fail_over_mac some Invalid_argument
0 ad_select random Invalid_argument
0 mode 7 Invalid_argument
EOF

# Not valid in the bond's mode
while read -r m opt val; do
	[[ -n $m ]] && sysfs_reject "$m" "$opt" "$val" "Permission denied"
done <<'EOF'
1 packets_per_slave 2
0 primary eth0
0 active_slave eth0
0 lacp_rate fast
0 lacp_active off
0 ad_actor_sys_prio 10
0 ad_user_port_key 1
0 ad_actor_system 02:00:00:00:00:01
0 tlb_dynamic_lb 0
EOF

sysfs_reject 1 active_slave nosuchdev "No such device"
set_mode 0

# Needs the bond down / without ports
sysfs_reject 0 ad_select count "Device or resource busy" bond1
sysfs_reject 0 mode active-backup "Device or resource busy" bond1
must ipn link set eth0 master bond0
BEFORE=
sysfs_reject 0 fail_over_mac active "Directory not empty"
sysfs_reject 0 mode active-backup "Directory not empty"

# Target lists and port options (sysfs)
while read -r opt val want; do
	[[ -n $opt ]] && sysfs_reject 0 "$opt" "$val" "${want//_/ }"
done <<'EOF'
arp_ip_target 192.0.2.1 Operation_not_permitted
arp_ip_target +300.1.1.1 Operation_not_permitted
arp_ip_target +255.255.255.255 Invalid_argument
arp_ip_target +0.0.0.0 Invalid_argument
arp_ip_target -192.0.2.9 Invalid_argument
queue_id eth0:99 Operation_not_permitted
queue_id eth0 Operation_not_permitted
queue_id nosuchdev:1 Operation_not_permitted
queue_id eth1:1 Operation_not_permitted
EOF
check "sysfs +192.0.2.1" sys_write $S/arp_ip_target +192.0.2.1
BEFORE=
sysfs_reject 0 arp_ip_target +192.0.2.1 "Invalid argument"
for i in $(seq 2 16); do
	must sys_write $S/arp_ip_target "+192.0.2.$i"
done
BEFORE=
sysfs_reject 0 arp_ip_target +192.0.2.17 "Invalid argument"
check "  16 targets" is 16 bash -c "wc -w < <(ip netns exec $NS cat $S/arp_ip_target)"
must ipn link set bond0 type bond arp_ip_target ""
check "sysfs eth0:2" sys_write $S/queue_id eth0:2
must ipn link set eth1 master bond0
BEFORE=
sysfs_reject 0 queue_id eth1:2 "Operation not permitted"
must ipn link set eth1 nomaster
must ipn link set eth0 nomaster
exit 0
