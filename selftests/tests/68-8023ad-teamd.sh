#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # helpers are called through check/wait_for
# 802.3ad against a partner we did not write: teamd's lacp runner (active,
# fast rate) on the far ends of two veths, our bond (lacp_rate fast,
# layer3+4) on the near ends. Both sides select both ports; traffic goes
# both ways and over both links; a link lost and back. Pending for our
# module while "802.3ad" is listed in selftests/pending.
#
#   bnd-$$:   bond0 192.0.2.1/24 (802.3ad, miimon 100, lacp_rate fast)
#              eth0 02:00:00:00:0a:00    eth1 02:00:00:00:0a:01
#   ------------|-----------------------|-----------------
#   team-$$:   tp0 (ifindex 2)          tp1 (ifindex 3)
#              team0 192.0.2.2/24, MAC 02:00:00:00:0c:00 (teamd -d, lacp runner)
#
# teamd names its ports by ifindex in the LACPDUs and its key is 0.
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
for t in teamd teamdctl "$PY"; do
	command -v "$t" >/dev/null || { skip "802.3ad with teamd" "no $t"; exit 0; }
done
PEND=0
pending 802.3ad && PEND=1
c() { pcheck 802.3ad "$@"; }   # a case of the mode
s() { ((PEND)) || must "$@"; } # a set-up step that needs the mode

load_bonding max_bonds=0
make_ns NS bnd
make_ns T team
for i in 0 1; do
	must ip link add "eth$i" netns "$NS" address "02:00:00:00:0a:0$i" type veth peer name "tp$i" netns "$T"
done
CONF=$(mktemp)
on_exit "rm -f $CONF"
cat >"$CONF" <<'EOF'
{
	"device": "team0",
	"hwaddr": "02:00:00:00:0c:00",
	"runner": {"name": "lacp", "active": true, "fast_rate": true, "tx_hash": ["eth", "ipv4"]},
	"link_watch": {"name": "ethtool"},
	"ports": {"tp0": {}, "tp1": {}}
}
EOF
TMAC=02:00:00:00:0c:00 BMAC=02:00:00:00:0a:00
if ! pending 802.3ad; then
	# teamd keeps its pid file and control socket in /run/teamd (the
	# guest's / is a tmpfs overlay: writable)
	must ip netns exec "$T" teamd -d -f "$CONF" -t team0
	on_exit "ip netns exec $T teamd -k -t team0"
	must wait_for 10 ip -n "$T" link show dev team0
fi
s ip -n "$T" addr add 192.0.2.2/24 dev team0
s ip -n "$T" link set team0 up
s ipn link add bond0 type bond mode 802.3ad miimon 100 lacp_rate fast xmit_hash_policy layer3+4
s ipn link set eth0 master bond0
s ipn link set eth1 master bond0
s ipn addr add 192.0.2.1/24 dev bond0
s ipn link set bond0 up

# rd FILE...: the files' first lines (in $NS) joined by "|", one fork
# shellcheck disable=SC2016 # expanded by the inner bash
rd() { nsx bash -c 'o=; for f; do v=; read -r v <"$f"; o+="|$v"; done; echo "${o#|}"' _ "$@"; }
# pst PORT...: "aggregator/actor state/partner state" of each port (sysfs)
pst() {
	local p f=() out=() v
	for p; do
		f+=("/sys/class/net/$p/bonding_slave/"{ad_aggregator_id,ad_actor_oper_port_state,ad_partner_oper_port_state})
	done
	IFS='|' read -r -a v <<<"$(rd "${f[@]}")"
	for ((p = 0; p < ${#f[@]}; p += 3)); do out+=("${v[p]:-}/${v[p + 1]:-}/${v[p + 2]:-}"); done
	echo "${out[*]}"
}
bat() { local x f=(); for x; do f+=("/sys/class/net/bond0/bonding/$x"); done; rd "${f[@]}"; }
# tj JQ: JQ on teamd's state dump
tj() { ip netns exec "$T" teamdctl team0 state dump | jq -r "$1"; }
# selected: "selected aggregator.selected state" of tp0 and tp1, and
# whether their aggregator ids are equal
selected() {
	tj '[(.ports.tp0.runner | "\(.selected) \(.aggregator.selected) \(.state)"),
	     (.ports.tp1.runner | "\(.selected) \(.aggregator.selected) \(.state)"),
	     "same aggregator \(.ports.tp0.runner.aggregator.id == .ports.tp1.runner.aggregator.id)"] | join("|")'
}
BOTH="true true current|true true current|same aggregator true"
# tpartner: what teamd has for its partner on each port
tpartner() {
	tj '[.ports.tp0.runner.partner_lacpdu_info, .ports.tp1.runner.partner_lacpdu_info |
	     "\(.system_priority) \(.system) \(.key) \(.port_priority) \(.port) \(.state)"] | join("|")'
}
txc() { NS=$NS rd /sys/class/net/eth0/statistics/tx_packets /sys/class/net/eth1/statistics/tx_packets; }
rxc() { NS=$T rd /sys/class/net/tp0/statistics/rx_packets /sys/class/net/tp1/statistics/rx_packets; }
# partner_ports: the partner port numbers, then priorities, of /proc's port blocks
partner_ports() {
	nsx cat /proc/net/bonding/bond0 | awk -F': ' '/^details partner/ { p = 1 } /^details actor/ { p = 0 }
		p && /port number/ { n = n s $2; s = "|" } p && /port priority/ { q = q t $2; t = "|" }
		END { print n "|" q }'
}
# both_ge MIN D0 D1
both_ge() { (($2 >= $1 && $3 >= $1)) || { echo "got $2 and $3, want >= $1 each"; return 1; }; }
# tx_moved N T0 T1: eth0's or eth1's tx count moved by N from T0 / T1
tx_moved() {
	local a b
	IFS='|' read -r a b < <(txc)
	((a - $2 >= $1 || b - $3 >= $1)) || { echo "tx +$((a - $2)) / +$((b - $3)), want +$1 on one"; return 1; }
}
ping_both() { wait_for 10 ping_team && wait_for 10 ping_bond; }
ping_team() { nsx ping -q -c 1 -W 2 192.0.2.2 >/dev/null; }
ping_bond() { ip netns exec "$T" ping -q -c 1 -W 2 192.0.2.1 >/dev/null; }

c "teamd runs in team-\$\$ (teamdctl state)" wait_for 10 ip netns exec "$T" teamdctl team0 state
c "our side: eth0, eth1 in aggregator 1, actor and partner state 63" wait_for 40 is "1/63/63 1/63/63" pst eth0 eth1
c "teamd: tp0 and tp1 selected, in one selected aggregator, current" wait_for 15 is "$BOTH" selected
c "teamd: partner is our bond: 65535 $BMAC key 15, ports 1 and 2, state 63" \
	is "65535 $BMAC 15 255 1 63|65535 $BMAC 15 255 2 63" tpartner
c "teamd: its own ports' state 63" is "63|63" \
	tj '[.ports.tp0.runner.actor_lacpdu_info.state, .ports.tp1.runner.actor_lacpdu_info.state] | join("|")'
c "our side: ad_num_ports 2, ad_actor_key 15, ad_partner_key 0, ad_partner_mac $TMAC" \
	is "1|2|15|0|$TMAC" bat ad_aggregator ad_num_ports ad_actor_key ad_partner_key ad_partner_mac
c "our side: /proc partner ports 2 and 3 (teamd's ifindexes), priority 255" is "2|3|255|255" partner_ports
c "ping bond0 -> team0" wait_for 10 ping_team
c "ping team0 -> bond0" wait_for 10 ping_bond

# --- 64 UDP flows (source ports 40000..40063, layer3+4): both links carry
# some, and teamd takes them in on both ports.
if ! pending 802.3ad; then
	IFS='|' read -r t0a t0b < <(txc)
	IFS='|' read -r r0a r0b < <(rxc)
	must nsx "$PY" -I -S -c '
import socket
for sp in range(40000, 40064):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("192.0.2.1", sp))
    for _ in range(4):
        s.sendto(b"x" * 64, ("192.0.2.2", 5000))
    s.close()
'
	IFS='|' read -r t1a t1b < <(txc)
	IFS='|' read -r r1a r1b < <(rxc)
	echo "# 256 datagrams: eth0 +$((t1a - t0a)) eth1 +$((t1b - t0b)) tx; tp0 +$((r1a - r0a)) tp1 +$((r1b - r0b)) rx"
fi
c "flows: eth0 and eth1 each send at least 64 of the 256 datagrams" \
	both_ge 64 $((${t1a:-0} - ${t0a:-0})) $((${t1b:-0} - ${t0b:-0}))
c "flows: tp0 and tp1 each receive at least 64" \
	both_ge 64 $((${r1a:-0} - ${r0a:-0})) $((${r1b:-0} - ${r0b:-0}))

# --- the link that carries the pings is lost: the pings go on over the
# other one. Which link: the one whose tx count moves with these pings
# (layer3+4 hashes an echo by its ICMP id, so another ping process may
# take the other link).
if ! pending 802.3ad; then
	LOG=$(mktemp)
	on_exit "rm -f $LOG"
	IFS='|' read -r t0a t0b < <(txc)
	nsx ping -c 100 -i 0.05 -W 1 192.0.2.2 >"$LOG" 2>&1 &
	pid=$!
	must wait_for 10 tx_moved 10 "$t0a" "$t0b"
	IFS='|' read -r t1a t1b < <(txc)
	if ((t1a - t0a >= 10)); then cut=0 other=1; else cut=1 other=0; fi
	echo "# pings leave by eth$cut (tx +$((t1a - t0a)) / +$((t1b - t0b)))"
	must ip -n "$T" link set "tp$cut" down
	wait "$pid"
	tail -n 2 "$LOG" | sed 's/^/# ping: /'
	lost=$(awk '/packets transmitted/ { print $1 - $4 }' "$LOG")
fi
c "link lost: at most 25 of 100 pings lost (ping every 50 ms)" in_range "${lost:--1}" 0 25
c "link lost: eth${cut:-0} mii_status down, ad_num_ports 1" \
	wait_for 5 is "down|1" rd "/sys/class/net/eth${cut:-0}/bonding_slave/mii_status" /sys/class/net/bond0/bonding/ad_num_ports
c "link lost: eth${other:-1} stays 1/63/63" is "1/63/63" pst "eth${other:-1}"
c "link lost: teamd has tp${cut:-0} down, tp${other:-1} selected" wait_for 10 is "false|true" \
	tj "[.ports.tp${cut:-0}.link.up, .ports.tp${other:-1}.runner.selected] | map(tostring) | join(\"|\")"
c "link lost: ping over eth${other:-1}" wait_for 10 ping_team
s ip -n "$T" link set "tp${cut:-0}" up
c "link back: both ports 1/63/63 again" wait_for 30 is "1/63/63 1/63/63" pst eth0 eth1
c "link back: ad_num_ports 2" wait_for 5 is 2 bat ad_num_ports
c "link back: teamd selects both again" wait_for 15 is "$BOTH" selected
c "link back: ping both ways" ping_both
exit 0
