#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every option of the 6.1 driver, table-driven: the sysfs file set, each
# file's default text, the whole `ip -d -j` info_data of a new bond, and a
# round trip per option and value: set over netlink, read back over sysfs
# and netlink; set over sysfs, read back over netlink; back to the default.
#
#   netns bnd-$$:  bond0 (the mode of the row; down, ports per row)
#                   |  eth0, eth1 (dummies)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
S=/sys/class/net/bond0/bonding
must ipn link add bond0 type bond
must ipn link add eth0 type dummy
must ipn link add eth1 type dummy

# The tree's files, in its order
BOND_FILES="slaves mode fail_over_mac arp_validate arp_all_targets arp_interval
arp_ip_target downdelay updelay peer_notif_delay lacp_active lacp_rate ad_select
xmit_hash_policy num_grat_arp num_unsol_na miimon primary primary_reselect
use_carrier active_slave mii_status ad_aggregator ad_num_ports ad_actor_key
ad_partner_key ad_partner_mac queue_id all_slaves_active resend_igmp min_links
lp_interval packets_per_slave tlb_dynamic_lb ad_actor_sys_prio ad_actor_system
ad_user_port_key arp_missed_max"
PORT_FILES="state mii_status link_failure_count perm_hwaddr queue_id
ad_aggregator_id ad_actor_oper_port_state ad_partner_oper_port_state"

sorted() { tr ' ' '\n' <<<"$*" | sed '/^$/d' | sort | tr '\n' ' '; }
ls_sorted() { nsx ls "$1" | sort | tr '\n' ' '; }
# Ours adds one to each, beyond the tree (see 66-link-watch, 67-8023ad)
OURS_FILES= OURS_PORT_FILES=
ours && OURS_FILES='link_watch_policy lacp_fallback' OURS_PORT_FILES=ad_reason
check "bonding/ has the tree's files" is "$(sorted $BOND_FILES $OURS_FILES)" ls_sorted "$S"
must ipn link set eth0 master bond0
check "bonding_slave/ has the tree's files" is "$(sorted $PORT_FILES $OURS_PORT_FILES)" \
	ls_sorted /sys/class/net/eth0/bonding_slave
must ipn link set eth0 nomaster

# Default text of each file of a new balance-rr bond ("" = empty file),
# all read in one go (a fork per file is slow in the emulated guest)
FILES=$(nsx grep -r '' "$S/")
file_text() { sed -n "s|^$S/$1:||p" <<<"$FILES"; }
while read -r file text; do
	[[ -n $file ]] || continue
	[[ $text == '""' ]] && text=
	# Ours watches links by default (see 20-create), the tree does not
	[[ $file == miimon ]] && ours && text=100
	check "default $file '$text'" is "$text" file_text "$file"
done <<'EOF'
slaves ""
mode balance-rr 0
fail_over_mac none 0
arp_validate none 0
arp_all_targets any 0
arp_interval 0
arp_ip_target ""
downdelay 0
updelay 0
peer_notif_delay 0
lacp_active on 1
lacp_rate slow 0
ad_select stable 0
xmit_hash_policy layer2 0
num_grat_arp 1
num_unsol_na 1
miimon 0
primary ""
primary_reselect always 0
use_carrier 1
active_slave ""
mii_status down
ad_aggregator ""
ad_num_ports ""
ad_actor_key ""
ad_partner_key ""
ad_partner_mac ""
queue_id ""
all_slaves_active 0
resend_igmp 1
min_links 0
lp_interval 1
packets_per_slave 1
tlb_dynamic_lb 1
ad_actor_sys_prio ""
ad_actor_system ""
ad_user_port_key ""
arp_missed_max 2
EOF

# The whole info_data of that bond, as iproute2 prints it
WANT_INFO='{"mode":"balance-rr","miimon":0,"updelay":0,"downdelay":0,"peer_notify_delay":0,"use_carrier":1,"arp_interval":0,"arp_missed_max":2,"arp_validate":null,"arp_all_targets":"any","primary_reselect":"always","fail_over_mac":"none","xmit_hash_policy":"layer2","resend_igmp":1,"num_peer_notif":1,"all_slaves_active":0,"min_links":0,"lp_interval":1,"packets_per_slave":1,"ad_lacp_active":"on","ad_lacp_rate":"slow","ad_select":"stable","tlb_dynamic_lb":1}'
ours && WANT_INFO=${WANT_INFO/'"miimon":0'/'"miimon":100'}
sorted_info() { link_info bond0 | jq -cS .; }
check "ip -d -j info_data of a new bond" is "$(jq -cS . <<<"$WANT_INFO")" sorted_info

# json BOND KEY: info_data.KEY, arrays joined by spaces
json() { link_json "$1" | jq -r ".[0].linkinfo.info_data.$2 | if type == \"array\" then join(\" \") else . end // \"\""; }

# Rows: MODE OPTION IP_ARG JSON_KEY JSON_WANT SYSFS_WANT SYSFS_IN DEFAULT_IN
# MODE: the bond's mode (4 = 802.3ad, pending while ours lacks it). Each
# row sets IP_ARG over netlink, reads both surfaces, resets by sysfs
# DEFAULT_IN, then writes SYSFS_IN over sysfs and reads netlink again.
# "~" stands for a space in SYSFS_WANT.
ROWS='
0 miimon 250 miimon 250 250 250 0
0 use_carrier 0 use_carrier 0 0 off on
0 arp_interval 300 arp_interval 300 300 300 0
0 arp_missed_max 5 arp_missed_max 5 5 5 2
0 arp_validate active arp_validate active active~1 active none
0 arp_validate filter_backup arp_validate filter_backup filter_backup~6 6 none
0 arp_all_targets all arp_all_targets all all~1 all any
0 primary_reselect failure primary_reselect failure failure~2 failure always
0 primary_reselect better primary_reselect better better~1 1 0
2 xmit_hash_policy layer3+4 xmit_hash_policy layer3+4 layer3+4~1 layer3+4 layer2
2 xmit_hash_policy vlan+srcmac xmit_hash_policy vlan+srcmac vlan+srcmac~5 5 0
0 resend_igmp 7 resend_igmp 7 7 7 1
0 resend_igmp 0 resend_igmp 0 0 off default
0 num_grat_arp 3 num_peer_notif 3 3 3 1
0 num_unsol_na 255 num_peer_notif 255 255 maxval default
0 all_slaves_active 1 all_slaves_active 1 1 on off
0 min_links 2 min_links 2 2 2 0
0 lp_interval 9 lp_interval 9 9 9 1
0 packets_per_slave 0 packets_per_slave 0 0 0 1
0 packets_per_slave 65535 packets_per_slave 65535 65535 maxval default
0 ad_select bandwidth ad_select bandwidth bandwidth~1 bandwidth stable
0 ad_select count ad_select count count~2 2 stable
1 fail_over_mac active fail_over_mac active active~1 active none
1 fail_over_mac follow fail_over_mac follow follow~2 2 none
4 lacp_rate fast ad_lacp_rate fast fast~1 fast slow
4 lacp_active off ad_lacp_active off off~0 off on
4 ad_actor_sys_prio 100 ad_actor_sys_prio 100 100 100 65535
4 ad_user_port_key 1000 ad_user_port_key 1000 1000 1000 0
4 ad_actor_system 02:00:00:00:00:2a ad_actor_system 02:00:00:00:00:2a 02:00:00:00:00:2a 02:00:00:00:00:2a 00:00:00:00:00:00
5 tlb_dynamic_lb 0 tlb_dynamic_lb 0 0 0 1
'
MODE_NAMES=("${BOND_MODE_NAMES[@]}")
PENDING_MODE=([4]=802.3ad [5]=balance-tlb [6]=balance-alb)

MODE=0
set_mode() {
	[[ $MODE == "$1" ]] && return
	ipn link set bond0 type bond mode "${MODE_NAMES[$1]}" && MODE=$1
}
# sys_writes FILE VALUE...: write each value in turn, in one exec
# shellcheck disable=SC2016 # expanded by the inner bash
sys_writes() {
	nsx bash -c 'f=$1; shift; for v; do echo "$v" > "$f" || exit; done' _ "$@"
}

round_trip() { # MODE OPT IPARG KEY JWANT SWANT SIN DEF
	local m=$1 opt=$2 arg=$3 key=$4 jwant=$5 swant=${6//\~/ } sin=$7 def=$8
	local what="$opt $arg (${MODE_NAMES[$m]})"

	if [[ -n ${PENDING_MODE[$m]:-} ]] && pending "${PENDING_MODE[$m]}"; then
		skip "$what" "pending: ${PENDING_MODE[$m]}"
		return
	fi
	# not in check: its subshell would lose MODE
	if ! set_mode "$m"; then
		fail "$what: mode ${MODE_NAMES[$m]}"
		return
	fi
	check "$what: netlink set" ipn link set bond0 type bond "$opt" "$arg" || return
	check "$what: sysfs reads '$swant'" is "$swant" bond_attr bond0 "$opt"
	check "$what: netlink reads $jwant" is "$jwant" json bond0 "$key"
	check "$what: sysfs reset to $def, then set $sin" sys_writes "$S/$opt" "$def" "$sin"
	check "$what: ... netlink reads $jwant" is "$jwant" json bond0 "$key"
	check "$what: sysfs back to $def" sys_write "$S/$opt" "$def"
}

while read -r row; do
	[[ -n $row ]] || continue
	# shellcheck disable=SC2086 # a row is words
	round_trip $row
done <<<"$ROWS"
set_mode 0

# Target lists: ARP over both surfaces, NS over netlink (no sysfs file)
check "netlink arp_ip_target 192.0.2.1,192.0.2.2" \
	ipn link set bond0 type bond arp_ip_target 192.0.2.1,192.0.2.2
check "  sysfs arp_ip_target" is "192.0.2.1 192.0.2.2" bond_attr bond0 arp_ip_target
check "  netlink arp_ip_target" is "192.0.2.1 192.0.2.2" json bond0 arp_ip_target
check "sysfs -192.0.2.1" sys_write "$S/arp_ip_target" -192.0.2.1
check "sysfs +198.51.100.7" sys_write "$S/arp_ip_target" +198.51.100.7
check "  netlink arp_ip_target after sysfs" is "192.0.2.2 198.51.100.7" json bond0 arp_ip_target
check "netlink ns_ip6_target 2001:db8::1,2001:db8::2" \
	ipn link set bond0 type bond ns_ip6_target 2001:db8::1,2001:db8::2
check "  netlink ns_ip6_target" is "2001:db8::1 2001:db8::2" json bond0 ns_ip6_target
check "arp_interval 100 for /proc" ipn link set bond0 type bond arp_interval 100
check "  /proc ARP IP targets" is "192.0.2.2, 198.51.100.7" proc_field bond0 "ARP IP target/s (n.n.n.n form)"
check "  /proc NS targets" is "2001:db8::1, 2001:db8::2" proc_field bond0 "NS IPv6 target/s (xx::xx form)"
check "  /proc ARP Polling Interval" is 100 proc_field bond0 "ARP Polling Interval (ms)"
check "  /proc ARP Missed Max" is 2 proc_field bond0 "ARP Missed Max"
check "  arp_interval set miimon to 0" is 0 bond_attr bond0 miimon
check "miimon 100 turns the ARP monitor off" ipn link set bond0 type bond miimon 100
check "  arp_interval 0" is 0 bond_attr bond0 arp_interval
check "  targets stay" is "192.0.2.2 198.51.100.7" bond_attr bond0 arp_ip_target
check "netlink empty arp_ip_target clears the list" \
	ipn link set bond0 type bond arp_ip_target ""
check "  arp_ip_target empty" is "" bond_attr bond0 arp_ip_target

# Port options: queue_id over sysfs and netlink, prio over netlink
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
check "sysfs queue_id eth1:3" sys_write "$S/queue_id" eth1:3
check "  bond queue_id file" is "eth0:0 eth1:3" bond_attr bond0 queue_id
check "  eth1 bonding_slave/queue_id" is 3 nsx cat /sys/class/net/eth1/bonding_slave/queue_id
check "  netlink queue_id of eth1" is 3 slave_info eth1 queue_id
check "netlink eth0 queue_id 5" ipn link set dev eth0 type bond_slave queue_id 5
check "  bond queue_id file" is "eth0:5 eth1:3" bond_attr bond0 queue_id
check "  /proc Slave queue ID" is 5 proc_slave_field bond0 eth0 "Slave queue ID"
check "prio refused in balance-rr" not ipn link set dev eth1 type bond_slave prio 7
check "  eth1 prio still 0" is 0 slave_info eth1 prio
must ipn link set eth0 nomaster
must ipn link set eth1 nomaster
set_mode 1 || fail "active-backup for prio"
must ipn link set eth0 master bond0
check "netlink eth0 prio -3" ipn link set dev eth0 type bond_slave prio -3
check "  netlink prio reads -3" is -3 slave_info eth0 prio
exit 0
