#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The ARP and NS link monitors (arp_interval, arp_ip_target, ns_ip6_target,
# arp_validate, arp_all_targets, arp_missed_max): a path broken beyond a
# port's switch takes the port down although its carrier stays up, in
# active-backup, balance-rr and balance-xor; the MII monitor does not see
# it. Cuts are made by setting a switch's uplink down.
#
#   bnd-$$:      bond0 192.0.2.1/24 2001:db8::1/64 (bond0.10 198.51.100.1/24)
#                 |                 |
#                eth0              eth1
#   -------------|-----------------|-------------
#   sw1-$$:      p0 -br0- up1      p1 -br0- up2   :sw2-$$
#                         |                 |
#   gw-$$:               g1 ------br0----- g2
#                  192.0.2.254/24 192.0.2.253/24 2001:db8::254/64
#                  br0.10 198.51.100.254/24 (vlan 10), arp_ignore 1
#
# Port state is read from /sys/class/net/PORT/bonding_slave/ (mii_status,
# link_failure_count) and the bond's /sys/class/net/bond0/bonding/.
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

for t in arping tcpdump; do
	command -v $t >/dev/null || { skip "ARP/NS monitor" "no $t"; exit 0; }
done

load_bonding max_bonds=0
make_ns NS bnd
make_ns SW1 sw1
make_ns SW2 sw2
make_ns GW gw
for n in "$SW1" "$SW2" "$GW"; do
	must ip -n "$n" link add br0 type bridge mcast_snooping 0
	must ip -n "$n" link set br0 up
done
veth_pair eth0 "$NS" p0 "$SW1"
veth_pair eth1 "$NS" p1 "$SW2"
veth_pair up1 "$SW1" g1 "$GW"
veth_pair up2 "$SW2" g2 "$GW"
for d in "$SW1 p0" "$SW1 up1" "$SW2 p1" "$SW2 up2" "$GW g1" "$GW g2"; do
	must ip -n "${d% *}" link set "${d#* }" master br0
	must ip -n "${d% *}" link set "${d#* }" up
done
# Answer only for addresses of the receiving device (an untagged request
# for 198.51.100.254 gets no reply)
must ip netns exec "$GW" sysctl -qw net.ipv4.conf.all.arp_ignore=1
must ip -n "$GW" addr add 192.0.2.254/24 dev br0
must ip -n "$GW" addr add 192.0.2.253/24 dev br0
must ip -n "$GW" link add link br0 name br0.10 type vlan id 10
must ip -n "$GW" addr add 198.51.100.254/24 dev br0.10
must ip -n "$GW" link set br0.10 up

sattr() { nsx cat "/sys/class/net/$1/bonding_slave/$2"; } # PORT FILE
mii() { sattr "$1" mii_status; }
lfc() { sattr "$1" link_failure_count; }
lfc_ge() { ge "$(lfc "$1")" "$2"; } # PORT N
active() { bond_attr bond0 active_slave; }
carrier() { nsx cat "/sys/class/net/$1/carrier"; }
ping_gw() { nsx ping -q -c 1 -W 1 "${1:-192.0.2.254}" >/dev/null; }
ping6_gw() { nsx ping -6 -q -c 1 -W 1 2001:db8::254 >/dev/null; }
# cut/mend N: set switch N's uplink down/up (port eth$((N-1)) keeps its carrier)
cut() { local s=SW$1; must ip -n "${!s}" link set "up$1" down; }
mend() { local s=SW$1; must ip -n "${!s}" link set "up$1" up; }
# joined CMD...: each CMD's output (a word-split string), joined by "|"
joined() {
	local c out=() v
	for c; do
		# shellcheck disable=SC2086 # CMD is a command line
		v=$($c) || return 1
		out+=("$v")
	done
	local IFS='|'
	echo "${out[*]}"
}
attrs() { local f a=(); for f; do a+=("bond_attr bond0 $f"); done; joined "${a[@]}"; } # FILE...
port_state() { joined "mii $1" active "lfc $1"; } # PORT: mii_status|active_slave|link_failure_count
has_neigh() { ipn neigh show "$1" | grep -q lladdr; }
# active_port_mii: the active port's mii_status|eth (nothing if no active port)
active_port_mii() { local a; a=$(active) && [[ -n $a ]] && echo "$(mii "$a")|${a%[0-9]}"; }
# steady PORT...: each PORT up, no link failure counted
steady() {
	local p
	for p; do
		is up mii "$p" && is 0 lfc "$p" || return 1
	done
}

# kc CASE CMD...: check, printing the bond's kernel log lines since the
# last make_bond when it fails
KMARK=$(kmsg_mark)
kc() {
	check "$@" && return 0
	kmsg_since "$KMARK" | grep -E 'bond0|eth[01]' | tail -n 25 | sed 's/^/# dmesg: /'
	return 1
}

# make_bond MODE OPTIONS...: bond0 with 192.0.2.1/24 (ADDR="": none), up,
# BEFORE_PORTS eval-ed, then ports eth0 (first, so active) and eth1. The
# bond probes before its ports join: a port enslaved to a bond that is
# down or has no address yet gets no reply, and the tree counts it a link
# failure once its enslave time is missed_max intervals old.
make_bond() {
	ipn link del bond0 2>/dev/null
	KMARK=$(kmsg_mark)
	must ipn link add bond0 type bond mode "$@"
	[[ -z ${ADDR-192.0.2.1/24} ]] || must ipn addr add "${ADDR-192.0.2.1/24}" dev bond0
	must ipn link set bond0 up
	[[ -z ${BEFORE_PORTS:-} ]] || eval "$BEFORE_PORTS"
	must ipn link set eth0 master bond0
	must ipn link set eth1 master bond0
}

# --- 1. active-backup, IPv4 target; then the MII monitor for contrast
make_bond active-backup arp_interval 100 arp_ip_target 192.0.2.254
kc "ab arp: arp_interval 100, arp_ip_target 192.0.2.254, miimon 0 (sysfs)" \
	is "100|192.0.2.254|0" attrs arp_interval arp_ip_target miimon
kc "ab arp: eth0 active" wait_for 10 is eth0 active
kc "ab arp: ping 192.0.2.254" wait_for 10 ping_gw
kc "ab arp: eth0 and eth1 up, no link failure" steady eth0 eth1
kc "ab arp: netlink mii_status UP" is UP slave_info eth0 mii_status
cut 1
kc "ab arp: cut beyond sw1: eth0's carrier stays 1" is 1 carrier eth0
kc "ab arp:   eth0 goes down (mii_status)" wait_for 10 is down mii eth0
kc "ab arp:   netlink mii_status DOWN" is DOWN slave_info eth0 mii_status
kc "ab arp:   eth1 active" wait_for 10 is eth1 active
kc "ab arp:   ping 192.0.2.254 via eth1" wait_for 10 ping_gw
kc "ab arp:   eth0 link_failure_count >= 1" lfc_ge eth0 1
mend 1
kc "ab arp: mend: eth0 up again" wait_for 10 is up mii eth0
kc "ab arp:   eth1 still active (eth0 a backup)" is eth1 active
kc "ab arp:   ping 192.0.2.254" wait_for 10 ping_gw

make_bond active-backup miimon 100
kc "ab miimon: eth0 active" wait_for 10 is eth0 active
kc "ab miimon: ping 192.0.2.254" wait_for 10 ping_gw
cut 1
sleep 1
kc "ab miimon: cut beyond sw1: eth0 stays up and active" \
	is "up|eth0|0" port_state eth0
kc "ab miimon:   ping 192.0.2.254 fails" not ping_gw
mend 1

# --- 2. active-backup, IPv6 target only (NS monitor). Every port needs
# IPv6 too: the NS leaves by the port's own IPv6 output path.
for n in "$NS" "$GW"; do
	must ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 \
		net.ipv6.conf.default.disable_ipv6=0
done
must ip -n "$GW" addr add 2001:db8::254/64 dev br0 nodad
BEFORE_PORTS='must ipn addr add 2001:db8::1/64 dev bond0 nodad' \
	make_bond active-backup arp_interval 100 ns_ip6_target 2001:db8::254
# (no sysfs file for ns_ip6_target in 6.1: netlink only)
ns6_targets() { info bond0 'ns_ip6_target | if type == "array" then join(" ") else . end'; }
kc "ab ns6: ns_ip6_target 2001:db8::254 (netlink), no arp_ip_target (sysfs)" \
	is "2001:db8::254|" joined ns6_targets "attrs arp_ip_target"
kc "ab ns6: eth0 active" wait_for 10 is eth0 active
kc "ab ns6: ping -6 2001:db8::254" wait_for 10 ping6_gw
kc "ab ns6: eth0 and eth1 up, no link failure" steady eth0 eth1
cut 1
kc "ab ns6: cut beyond sw1: eth0 goes down" wait_for 10 is down mii eth0
kc "ab ns6:   eth1 active" wait_for 10 is eth1 active
kc "ab ns6:   ping -6 via eth1" wait_for 10 ping6_gw
mend 1
kc "ab ns6: mend: eth0 up again" wait_for 10 is up mii eth0
ipn link del bond0
for n in "$NS" "$GW"; do
	must ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
done

# --- 3. arp_validate: sw1 itself (192.0.2.11) sends ARP requests for
# 192.0.2.1 every 50 ms, then ICMP broadcasts; eth0's path to the gateway
# is cut. Unvalidated, any frame received counts; validated, only ARP of
# the targets (or, on a backup, the active port's requests); filter: any
# ARP frame, nothing else.
must ip -n "$SW1" addr add 192.0.2.11/24 dev br0
FOREIGN=
foreign() { # arp|icmp|none: start that traffic from sw1 (stopping the last)
	if [[ -n $FOREIGN ]]; then
		kill "$FOREIGN" 2>/dev/null
		wait "$FOREIGN" 2>/dev/null
		FOREIGN=
	fi
	case $1 in
	arp) ip netns exec "$SW1" arping -q -i br0 -S 192.0.2.11 -W 0.05 -c 100000 192.0.2.1 \
		>/dev/null 2>&1 & ;;
	icmp) ip netns exec "$SW1" ping -q -b -i 0.05 192.0.2.255 >/dev/null 2>&1 & ;;
	*) return 0 ;;
	esac
	FOREIGN=$!
}
on_exit 'foreign none'
make_bond active-backup arp_interval 100 arp_ip_target 192.0.2.254
kc "arp_validate: default none 0" is "none 0" bond_attr bond0 arp_validate
kc "arp_validate: eth0 active" wait_for 10 is eth0 active
foreign arp
kc "arp_validate: sw1's ARP requests reach the bond" \
	wait_for 10 has_neigh 192.0.2.11
cut 1
sleep 2
kc "arp_validate none: cut, sw1's ARP keeps eth0 up and active 2 s" \
	is "up|eth0|0" port_state eth0
kc "arp_validate none:   ping 192.0.2.254 fails (fooled)" not ping_gw
kc "arp_validate all" ipn link set bond0 type bond arp_validate all
kc "arp_validate all:   eth0 goes down despite sw1's ARP" wait_for 10 is down mii eth0
kc "arp_validate all:   eth1 active" wait_for 10 is eth1 active
kc "arp_validate all:   ping 192.0.2.254 via eth1" wait_for 10 ping_gw
sleep 1
kc "arp_validate all:   eth0 stays down" is down mii eth0
kc "arp_validate backup" ipn link set bond0 type bond arp_validate backup
sleep 1
kc "arp_validate backup:   backup eth0 stays down" is down mii eth0
kc "arp_validate none" ipn link set bond0 type bond arp_validate none
kc "arp_validate none:   sw1's ARP brings backup eth0 up" wait_for 10 is up mii eth0
foreign icmp
sleep 1
kc "arp_validate none:   sw1's ICMP broadcasts keep it up" is up mii eth0
kc "arp_validate filter" ipn link set bond0 type bond arp_validate filter
kc "arp_validate filter:   ICMP does not count: eth0 goes down" wait_for 10 is down mii eth0
foreign arp
kc "arp_validate filter:   any ARP counts: eth0 up" wait_for 10 is up mii eth0
foreign none
mend 1

# --- 4. arp_all_targets (with arp_validate all): two targets, one stops
make_bond active-backup arp_interval 100 arp_ip_target 192.0.2.254,192.0.2.253 arp_validate all
kc "arp_all_targets: default any 0, two targets" \
	is "any 0|192.0.2.254 192.0.2.253" attrs arp_all_targets arp_ip_target
kc "arp_all_targets: eth0 active" wait_for 10 is eth0 active
kc "arp_all_targets: ping 192.0.2.254" wait_for 10 ping_gw
must ip -n "$GW" addr del 192.0.2.253/24 dev br0
sleep 1.5
kc "arp_all_targets any: 192.0.2.253 gone, eth0 and eth1 stay up" steady eth0 eth1
kc "arp_all_targets any:   eth0 still active" is eth0 active
kc "arp_all_targets all" ipn link set bond0 type bond arp_all_targets all
kc "arp_all_targets all:   eth0 goes down" wait_for 10 lfc_ge eth0 1
kc "arp_all_targets all:   no port stays up: no active, no carrier" \
	wait_for 15 is "|0" joined active "carrier bond0"
must ip -n "$GW" addr add 192.0.2.253/24 dev br0
kc "arp_all_targets all: 192.0.2.253 back: an active port again" \
	wait_for 15 is "up|eth|1" joined active_port_mii "carrier bond0"
kc "arp_all_targets all:   ping 192.0.2.254" wait_for 10 ping_gw

# --- 5. arp_missed_max: the time from the cut to the port's down
# down_timing SWNS UPLINK PORT SNAP_MS: cut, read PORT's mii_status
# SNAP_MS ms later and poll it until "down" (10 s at most); builtins only
# (run with ns_fn). Times count from the return of `ip`, the cut being
# done by then (`ip` itself takes 50-500 ms in the emulated guest).
# Prints "SNAP_VALUE DOWN_MS IP_MS" (DOWN_MS -1: never).
down_timing() {
	local t0 t1 el snap=-1 v done=-1 sfd f=/sys/class/net/$3/bonding_slave/mii_status
	exec {sfd}<> <(:)
	t0=${EPOCHREALTIME/./}
	ip -n "$1" link set "$2" down || return 1
	t1=${EPOCHREALTIME/./}
	while :; do
		el=$(((${EPOCHREALTIME/./} - t1) / 1000))
		v=
		read -r v <"$f"
		[[ $snap == -1 ]] && ((el >= $4)) && snap=$v
		[[ $done == -1 && $v == down ]] && done=$el
		[[ $done != -1 && $snap != -1 ]] && break
		((el > 10000)) && break
		read -r -t 0.005 -u "$sfd"
	done
	echo "$snap $done $(((t1 - t0) / 1000))"
}
make_bond active-backup arp_interval 100 arp_ip_target 192.0.2.254 arp_missed_max 10
kc "arp_missed_max: 10 (sysfs)" is 10 bond_attr bond0 arp_missed_max
kc "arp_missed_max: eth0 active" wait_for 10 is eth0 active
kc "arp_missed_max: ping 192.0.2.254" wait_for 10 ping_gw
read -r snap down_ms ip_ms < <(ns_fn down_timing "$SW1" up1 eth0 500)
echo "# arp_missed_max 10: eth0 $snap 500 ms after the cut, down after $down_ms ms (ip took $ip_ms ms)"
kc "arp_missed_max 10: eth0 still up 500 ms after the cut" eq "$snap" up
kc "arp_missed_max 10:   down within 5 s" in_range "$down_ms" 500 5000
mend 1
kc "arp_missed_max 10:   eth1 active" wait_for 10 is eth1 active
kc "arp_missed_max 10:   mend: eth0 up" wait_for 10 is up mii eth0
kc "arp_missed_max 2" ipn link set bond0 type bond arp_missed_max 2
kc "arp_missed_max 2:   ping 192.0.2.254" wait_for 10 ping_gw
read -r snap down_ms ip_ms < <(ns_fn down_timing "$SW2" up2 eth1 0)
echo "# arp_missed_max 2: eth1 down after $down_ms ms (ip took $ip_ms ms)"
kc "arp_missed_max 2: active eth1 down within 1.2 s of the cut" in_range "$down_ms" 0 1200
kc "arp_missed_max 2:   eth0 active" wait_for 10 is eth0 active
mend 2

# --- 6. balance-rr and balance-xor: every port sends probes and must
# receive (here: the other port's broadcast requests, and replies)
for mode in balance-rr balance-xor; do
	make_bond $mode arp_interval 100 arp_ip_target 192.0.2.254
	kc "$mode arp: ping 192.0.2.254" wait_for 10 ping_gw
	kc "$mode arp: eth0 and eth1 up, no link failure" steady eth0 eth1
	cut 1
	kc "$mode arp: cut beyond sw1: eth0 goes down" wait_for 10 is down mii eth0
	kc "$mode arp:   eth1 stays up" is up mii eth1
	kc "$mode arp:   ping 192.0.2.254" wait_for 10 ping_gw
	mend 1
	kc "$mode arp: mend: eth0 up again" wait_for 10 is up mii eth0
done

# --- 7. target on a VLAN of the bond: probes carry the tag
ADDR="" BEFORE_PORTS='must ipn link add link bond0 name bond0.10 type vlan id 10
	must ipn addr add 198.51.100.1/24 dev bond0.10
	must ipn link set bond0.10 up' \
	make_bond active-backup arp_interval 100 arp_ip_target 198.51.100.254 arp_validate all
PCAP=$(mktemp)
on_exit "rm -f $PCAP $PCAP.log"
ip netns exec "$SW1" timeout 20 tcpdump -Z root -i p0 -e -nn -l -c 3 'vlan 10 and arp' \
	>"$PCAP" 2>"$PCAP.log" &
cap=$!
kc "vlan: ping 198.51.100.254 over bond0.10" wait_for 10 ping_gw 198.51.100.254
sleep 1.5
kc "vlan: eth0 and eth1 up (validated replies), no link failure" steady eth0 eth1
kc "vlan: eth0 active" is eth0 active
wait "$cap"
sed 's/^/# capture: /' "$PCAP"
kc "vlan: sw1 sees tagged requests for 198.51.100.254 from 198.51.100.1" \
	grep -q 'vlan 10, .*Request who-has 198.51.100.254 tell 198.51.100.1' "$PCAP"
exit 0
