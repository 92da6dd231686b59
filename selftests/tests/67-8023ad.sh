#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # helpers are called through check/wait_for
# 802.3ad (mode 4), two of our bonds back to back: aggregation with fast
# and slow LACP, the actor settings seen as the partner's, the LACPDUs on
# the wire, a partner going silent (expired, then defaulted) and coming
# back, two partner systems on one bond, passive LACP, min_links and
# ad_select, malformed slow-protocol frames, the /proc layout. The values
# are the in-tree driver's (Debian 12, 6.1); every case is pending for our
# module while "802.3ad" is listed in selftests/pending.
#
#   a-$$: bond0 (eth0 eth1)  bond1 (eth2 eth3)    bond2 (eth4 eth5)  bond3 (eth6 eth7)
#              |    |             |    |               |    |             |    |
#   s-$$:      |    |        br2: sa2-sb2 br3: sa3-sb3 |    |             |    |
#              |    |             |    |               |    |             |    |
#   b-$$: bond0 (peth0 peth1) bond1 (peth2 peth3) bond2 (peth4 peth5) bond6 (peth6) bond7 (peth7)
#         192.0.2.0/24        198.51.100.0/24     10.2.0.0/24        203.0.113.0/24 198.18.0.0/24
#         fast, back to back  through bridges     passive-passive,   one bond, two partner
#                             (fast, then slow    then active-       systems
#                             with actor settings) passive
# All pairs are set up at once and aggregate while the cases run, one
# pair after the other. The bridges forward 01:80:c2:00:00:02: a bridge
# refuses group_fwd_mask 0x4 (LACP is in its restricted set: EINVAL), a
# bridge port accepts it.
#
# MACs are fixed: ethN 02:00:00:00:0a:0N, pethN 02:00:00:00:0b:0N; a bond
# takes its first port's. A veth is 10000 Mb/s full duplex: oper key
# (speed 7 << 1) | duplex 1 = 15, plus ad_user_port_key << 6.
# Port state bits: 1 activity, 2 short timeout, 4 aggregation, 8 sync,
# 0x10 collecting, 0x20 distributing, 0x40 defaulted, 0x80 expired.
# Aggregator ids: each port has one, numbered 1, 2... in enslave order;
# which one a bond's ports end in depends on which port's partner LACPDU
# is handled first. Checked exactly for bond0 (eth0 always hears first),
# elsewhere as "the bond's active aggregator" (A) or another one (N).
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
for t in tcpdump tc "$PY"; do
	command -v "$t" >/dev/null || { skip "802.3ad back to back" "no $t"; exit 0; }
done
PEND=0
pending 802.3ad && PEND=1
c() { pcheck 802.3ad "$@"; }   # a case of the mode
s() { ((PEND)) || must "$@"; } # a set-up step that needs the mode

load_bonding max_bonds=0
make_ns A a
make_ns B b
make_ns S s
# batch NS LINE...: the ip commands LINE... in NS ("": the root namespace),
# one process (a fork costs 100-300 ms in the emulated guest)
batch() {
	local ns=$1
	shift
	printf '%s\n' "$@" | ip ${ns:+-n "$ns"} -batch -
}
l=() sl=()
for i in 0 1 4 5 6 7; do
	l+=("link add eth$i netns $A address 02:00:00:00:0a:0$i type veth peer name peth$i netns $B address 02:00:00:00:0b:0$i")
done
for i in 2 3; do
	l+=("link add eth$i netns $A address 02:00:00:00:0a:0$i type veth peer name sa$i netns $S"
	    "link add peth$i netns $B address 02:00:00:00:0b:0$i type veth peer name sb$i netns $S")
	sl+=("link add br$i type bridge" "link set br$i up")
	for d in "sa$i" "sb$i"; do
		sl+=("link set $d master br$i" "link set $d type bridge_slave group_fwd_mask 0x4" "link set $d up")
	done
done
must batch "" "${l[@]}"
must batch "$S" "${sl[@]}"

# mkbond NS BOND "PORTS" ADDR OPTIONS...: a new 802.3ad bond, miimon 100,
# ports enslaved before it goes up (ADDR "": none)
mkbond() {
	local ns=$1 b=$2 ports=$3 addr=$4 p l
	shift 4
	l=("link add $b type bond mode 802.3ad miimon 100 $*")
	for p in $ports; do l+=("link set $p master $b"); done
	[[ -z $addr ]] || l+=("addr add $addr dev $b")
	l+=("link set $b up")
	s batch "$ns" "${l[@]}"
}
# rd NS FILE...: the files' first lines joined by "|", one fork ("" for an
# empty file: a port's state files are empty while it has no aggregator)
# shellcheck disable=SC2016 # expanded by the inner bash
rd() {
	local ns=$1
	shift
	ip netns exec "$ns" bash -c 'o=; for f; do v=; read -r v <"$f"; o+="|$v"; done; echo "${o#|}"' _ "$@"
}
# pst NS PORT...: "aggregator/actor state/partner state" of each port (sysfs)
pst() {
	local ns=$1 p f=() out=() v
	shift
	for p; do
		f+=("/sys/class/net/$p/bonding_slave/"{ad_aggregator_id,ad_actor_oper_port_state,ad_partner_oper_port_state})
	done
	IFS='|' read -r -a v <<<"$(rd "$ns" "${f[@]}")"
	for ((p = 0; p < ${#f[@]}; p += 3)); do out+=("${v[p]:-}/${v[p + 1]:-}/${v[p + 2]:-}"); done
	echo "${out[*]}"
}
# bat NS BOND FILE...: /sys/class/net/BOND/bonding/FILEs joined by "|"
bat() {
	local ns=$1 b=$2 f=() x
	shift 2
	for x; do f+=("/sys/class/net/$b/bonding/$x"); done
	rd "$ns" "${f[@]}"
}
# nlj NS DEV JQ: a jq expression on DEV's `ip -d -j link show`
nlj() { ip -n "$1" -d -j link show dev "$2" | jq -r ".[0]$3"; }
# pflat NS BOND: /proc/net/bonding/BOND as PATH=VALUE lines, PATH being
# "bond/LABEL", "PORT/LABEL", "PORT/actor/LABEL" or "PORT/partner/LABEL"
pflat() {
	ip netns exec "$1" cat "/proc/net/bonding/$2" | awk '
		/^Slave Interface:/ { port = $3 "/"; sec = ""; next }
		/^details actor lacp pdu:/ { sec = "actor/"; next }
		/^details partner lacp pdu:/ { sec = "partner/"; next }
		index($0, ":") {
			k = substr($0, 1, index($0, ":") - 1); v = substr($0, index($0, ":") + 2)
			sub(/^[ \t]+/, "", k)
			print (port == "" ? "bond/" : port) sec k "=" v }'
}
# pv NS BOND PATH...: the PATHs' values joined by "|"
pv() {
	local ns=$1 b=$2 l k out=()
	local -A val
	shift 2
	while IFS= read -r l; do
		[[ -v val[${l%%=*}] ]] || val[${l%%=*}]=${l#*=}
	done < <(pflat "$ns" "$b")
	for k; do out+=("${val[$k]:-}"); done
	local IFS='|'
	echo "${out[*]}"
}
# xst NS DEV: DEV's 802.3ad counters (rtnetlink xstats; `ip link xstats`
# of Debian's iproute2 6.1 aborts, "stack smashing detected")
xst() {
	local g=xstats_slave
	[[ $2 == bond* ]] && g=xstats
	ip -n "$1" -j stats show dev "$2" group "$g" subgroup bond suite 802.3ad |
		jq -r '.[0]["802.3ad"] | "\(.lacpdu_rx) \(.lacpdu_tx) \(.lacpdu_unknown_rx) \(.lacpdu_illegal_rx) \(.marker_rx) \(.marker_tx) \(.marker_response_rx) \(.marker_response_tx) \(.marker_unknown_rx)"'
}
# nlports NS BOND JQ: JQ on each port's info_slave_data, joined by "|"
nlports() {
	ip -n "$1" -d -j link show | jq -r --arg m "$2" "[.[] | select(.master == \$m) | .linkinfo.info_slave_data | $3] | join(\"|\")"
}
pinga() { ip netns exec "$A" ping -q -c 1 -W 2 "${1:-192.0.2.2}" >/dev/null; }
pingb() { ip netns exec "$B" ping -q -c 1 -W 2 "${1:-192.0.2.1}" >/dev/null; }
mask() { sed -E 's/([0-9a-f]{2}:){5}[0-9a-f]{2}/XX:XX:XX:XX:XX:XX/g; s/^(Ethernet Channel Bonding Driver): .*/\1: VERSION/'; }
# labels: the text before the first ':' of each line, <blank> for a blank one
labels() {
	awk '{ if ($0 == "") print "<blank>"
	       else if (index($0, ":")) print substr($0, 1, index($0, ":") - 1)
	       else print "<no label> " $0 }'
}
# norm NS BOND PORT...: pst with each aggregator id shown as A (the bond's
# active aggregator, ad_aggregator) or N (another one)
norm() {
	local ns=$1 b=$2 act x out=()
	shift 2
	act=$(bat "$ns" "$b" ad_aggregator) || return 1
	for x in $(pst "$ns" "$@"); do
		if [[ ${x%%/*} == "$act" ]]; then out+=("A/${x#*/}"); elif [[ $x == /* ]]; then out+=("$x"); else out+=("N/${x#*/}"); fi
	done
	echo "${out[*]}"
}
# sorted CMD...: CMD's words, sorted
sorted() { local o; o=$("$@") || return 1; tr ' ' '\n' <<<"$o" | sort | xargs; }
EXPECTED=$(dirname "$0")/67-8023ad.proc
AMAC=02:00:00:00:0a:00 BMAC=02:00:00:00:0b:00
ALL63="1/63/63 1/63/63"
SYS=02:00:00:00:aa:01
PCAP=$(mktemp)
PCAP2=$(mktemp)
on_exit "rm -f $PCAP $PCAP.log $PCAP.txt $PCAP2"

# ---- the bonds, all at once (a-$$'s bond0 before b-$$'s: eth0 and eth1
# see no carrier until b-$$'s ports join)
mkbond "$A" bond0 "eth0 eth1" 192.0.2.1/24 lacp_rate fast
mkbond "$B" bond0 "peth0 peth1" 192.0.2.2/24 lacp_rate fast
mkbond "$A" bond1 "eth2 eth3" 198.51.100.1/24 lacp_rate fast
mkbond "$B" bond1 "peth2 peth3" 198.51.100.2/24 lacp_rate fast
mkbond "$B" bond2 "peth4 peth5" 10.2.0.2/24 lacp_rate fast lacp_active off
mkbond "$A" bond2 "eth4 eth5" 10.2.0.1/24 lacp_rate fast lacp_active off
mkbond "$B" bond6 peth6 203.0.113.2/24 lacp_rate fast
mkbond "$B" bond7 peth7 198.18.0.2/24 lacp_rate fast
mkbond "$A" bond3 "eth6 eth7" 203.0.113.1/24 lacp_rate fast
s ip -n "$A" addr add 198.18.0.1/24 dev bond3

# ---- 1. lacp_rate fast, back to back
c "fast: eth0, eth1 in aggregator 1, actor and partner state 63 (sysfs)" wait_for 40 is "$ALL63" pst "$A" eth0 eth1
c "fast: partner side peth0, peth1 the same" wait_for 10 is "$ALL63" pst "$B" peth0 peth1
S63="active,short_timeout,aggregating,in_sync,collecting,distributing"
c "fast: netlink ad_aggregator_id, actor and partner oper port state (and _str)" \
	is "1 63 63 $S63 $S63|1 63 63 $S63 $S63" nlports "$A" bond0 \
	'"\(.ad_aggregator_id) \(.ad_actor_oper_port_state) \(.ad_partner_oper_port_state) \(.ad_actor_oper_port_state_str | join(",")) \(.ad_partner_oper_port_state_str | join(","))"'
c "fast: /proc Aggregator ID 1, actor and partner port state 63 on both ports" \
	is "1|63|63|1|63|63" pv "$A" bond0 "eth0/Aggregator ID" "eth0/actor/port state" "eth0/partner/port state" \
	"eth1/Aggregator ID" "eth1/actor/port state" "eth1/partner/port state"
c "fast: ad_aggregator 1, ad_num_ports 2, ad_actor_key 15, ad_partner_key 15, ad_partner_mac $BMAC" \
	is "1|2|15|15|$BMAC" bat "$A" bond0 ad_aggregator ad_num_ports ad_actor_key ad_partner_key ad_partner_mac
c "fast: partner side: ad_partner_mac $AMAC, keys 15, 2 ports" \
	is "1|2|15|15|$AMAC" bat "$B" bond0 ad_aggregator ad_num_ports ad_actor_key ad_partner_key ad_partner_mac
c "fast: netlink ad_info nest" \
	is "{\"aggregator\":1,\"num_ports\":2,\"actor_key\":15,\"partner_key\":15,\"partner_mac\":\"$BMAC\"}" \
	nlj "$A" bond0 '.linkinfo.info_data.ad_info | tojson'
c "fast: netlink options (mode, ad_lacp_rate, ad_lacp_active, ad_select, actor settings, min_links)" \
	is "802.3ad fast on stable 65535 0 00:00:00:00:00:00 0" nlj "$A" bond0 \
	'.linkinfo.info_data | "\(.mode) \(.ad_lacp_rate) \(.ad_lacp_active) \(.ad_select) \(.ad_actor_sys_prio) \(.ad_user_port_key) \(.ad_actor_system) \(.min_links)"'
c "fast: sysfs lacp_rate, lacp_active, ad_select, ad_actor_sys_prio, ad_user_port_key, ad_actor_system" \
	is "fast 1|on 1|stable 0|65535|0|00:00:00:00:00:00" \
	bat "$A" bond0 lacp_rate lacp_active ad_select ad_actor_sys_prio ad_user_port_key ad_actor_system
c "fast: /proc system priority 65535, system MAC $AMAC; partner of eth1: port 2, key 15, $BMAC" \
	is "65535|$AMAC|65535|$BMAC|15|2|255" pv "$A" bond0 "bond/System priority" "bond/System MAC address" \
	"eth1/partner/system priority" "eth1/partner/system mac address" "eth1/partner/oper key" \
	"eth1/partner/port number" "eth1/partner/port priority"
c "fast: ports ACTIVE (netlink state)" is "ACTIVE|ACTIVE" nlports "$A" bond0 .state
# Ours adds an "Aggregation status:" line per port (see 69-8023ad-status)
((PEND)) || got=$(ip netns exec "$A" cat /proc/net/bonding/bond0 | mask |
	grep -v '^Aggregation status: ')
c "/proc layout: label sequence equals the tree's" diff -u <(labels <"$EXPECTED") <(labels <<<"${got:-}")
c "/proc layout: masked text equals the tree's (67-8023ad.proc)" diff -u "$EXPECTED" <(echo "${got:-}")
c "fast: ping a -> b over bond0" wait_for 10 pinga
c "fast: ping b -> a over bond0" wait_for 10 pingb
# xst_sane NS DEV: LACPDUs received and sent, nothing else counted
xst_sane() {
	local v
	read -r -a v < <(xst "$1" "$2")
	((${v[0]:-0} > 0 && ${v[1]:-0} > 0)) && [[ ${v[*]:2} == "0 0 0 0 0 0 0" ]] && return 0
	echo "counters: ${v[*]}"
	return 1
}
c "fast: xstats of eth0 count LACPDUs received and sent, nothing else" xst_sane "$A" eth0
c "fast: xstats of bond0 the same" xst_sane "$A" bond0

# ---- 2. through the bridges (per-port group_fwd_mask 0x4)
c "bridge: eth2, eth3 in the active aggregator, state 63" wait_for 20 is "A/63/63 A/63/63" norm "$A" bond1 eth2 eth3
c "bridge: ad_num_ports 2, ad_partner_mac 02:00:00:00:0b:02" is "2|02:00:00:00:0b:02" bat "$A" bond1 ad_num_ports ad_partner_mac
c "bridge: ping 198.51.100.2" wait_for 10 pinga 198.51.100.2
# then, on the same path, lacp_rate slow with actor settings on a-$$
# (ad_actor_sys_prio 1000, ad_user_port_key 5: oper key 5 << 6 | 15 = 335,
# ad_actor_system $SYS, ad_select bandwidth): new bonds, the LACPDUs
# captured on sb2 from the first; checked in 6.
ip -n "$A" link del bond1 2>/dev/null
ip -n "$B" link del bond1 2>/dev/null
if ! pending 802.3ad; then
	ip netns exec "$S" tcpdump -Z root -i sb2 -U -w "$PCAP" ether proto 0x8809 2>"$PCAP.log" &
	cap=$!
	must wait_for 20 grep -q listening "$PCAP.log"
fi
mkbond "$B" bond1 "peth2 peth3" 198.51.100.2/24 lacp_rate slow
mkbond "$A" bond1 "eth2 eth3" 198.51.100.1/24 lacp_rate slow ad_actor_sys_prio 1000 \
	ad_user_port_key 5 ad_actor_system "$SYS" ad_select bandwidth

# ---- 3. malformed frames from the partner, sent on peth0 (bypassing its
# qdisc, where peth0's own LACPDUs are dropped meanwhile). Expected counts
# on eth0 (the tree's): a genuine LACPDU (as peth0 sends it), an over-long
# one, one of version 0xee, one with a bad actor TLV (type 9, length
# 0x55): processed as LACPDUs (rx +4); a 40-byte one and 60 random bytes:
# illegal (+2); subtype 0x0a and 200 random bytes of an unknown subtype:
# unknown (+2); a marker of an unknown TLV type: marker_unknown_rx +1; a
# marker information PDU: marker_rx +1 and a response (marker_response_tx).
INJECT='
import random, socket, struct, sys
a, b = bytes.fromhex("020000000a00"), bytes.fromhex("020000000b00")
info = lambda sysmac: struct.pack("!H6sHHHB3x", 65535, sysmac, 15, 255, 1, 0x3f)
pdu = bytearray(bytes([1, 1, 1, 20]) + info(b) + bytes([2, 20]) + info(a) +
                bytes([3, 16]) + bytes(14) + bytes(2) + bytes(50))
assert len(pdu) == 110
hdr = bytes.fromhex("0180c2000002") + b + b"\x88\x09"
rnd = random.Random(8023)
def rand(n):
    return bytearray(rnd.randrange(256) for _ in range(n))
frames = [pdu, pdu[:40], pdu + rand(200)]
p = bytearray(pdu); p[1] = 0xee; frames.append(p)
p = bytearray(pdu); p[2] = 0x09; p[3] = 0x55; frames.append(p)
frames.append(rand(60))
p = rand(200); p[0] = rnd.choice([x for x in range(256) if x not in (1, 2)]); frames.append(p)
p = bytearray(pdu); p[0] = 0x0a; frames.append(p)
frames.append(bytearray([2, 1, 9, 16]) + bytes(106))
frames.append(bytearray([2, 1, 1, 16, 0, 1]) + bytes(6) + bytes([0, 0, 0, 1]) + bytes(94))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.setsockopt(263, 20, 1)  # SOL_PACKET, PACKET_QDISC_BYPASS
s.bind((sys.argv[1], 0))
print("ready", flush=True)
sys.stdin.readline()
for f in frames:
    s.send(hdr + bytes(f))
print("sent", flush=True)
sys.stdin.readline()
'
if ! pending 802.3ad; then
	# The injector starts first and sends on a line from us: eth0 must
	# not expire between the drop and the genuine LACPDU (3 s). It exits
	# on a second line (a coprocess that exits is unset at once).
	coproc INJ { ip netns exec "$B" "$PY" -I -S -c "$INJECT" peth0 2>&1; }
	read -r -t 30 ready <&"${INJ[0]}"
	must eq "${ready:-}" ready
	must ip netns exec "$B" tc qdisc add dev peth0 clsact
	must ip netns exec "$B" tc filter add dev peth0 egress protocol 0x8809 matchall action drop
	read -r -a x0 < <(xst "$A" eth0)
	echo go >&"${INJ[1]}"
	read -r -t 30 sent <&"${INJ[0]}"
	read -r -a x1 < <(xst "$A" eth0)
	must ip netns exec "$B" tc filter del dev peth0 egress
	echo bye >&"${INJ[1]}"
	wait "$INJ_PID"
	must eq "${sent:-}" sent
	dl=()
	for i in 0 2 3 4 6 7 8; do dl+=($((${x1[i]:-0} - ${x0[i]:-0}))); done
	delta="rx ${dl[0]} unknown ${dl[1]} illegal ${dl[2]} marker ${dl[3]} marker_response_rx ${dl[4]} marker_response_tx ${dl[5]} marker_unknown ${dl[6]}"
fi
# Ours also validates the TLVs: the bad actor TLV is illegal, not an LACPDU
want="rx 4 unknown 2 illegal 2"
ours && want="rx 3 unknown 2 illegal 3"
c "malformed: counters on eth0 move by the tree's counts (ours: TLVs checked)" \
	eq "${delta:-}" "$want marker 1 marker_response_rx 0 marker_response_tx 1 marker_unknown 1"
both_sides() { echo "$(pst "$A" eth0 eth1)|$(pst "$B" peth0 peth1)|$(bat "$A" bond0 ad_num_ports)"; }
c "malformed: aggregation unchanged on both sides" is "$ALL63|$ALL63|2" both_sides

# ---- 4. the partner goes silent on peth0 (fast rate): eth0 expires about
# 3 s after the last LACPDU (the short timeout), and is defaulted 3 s
# later, alone in aggregator 2 with the default partner (state 0); eth1
# keeps aggregator 1. Restored as soon as eth0 is defaulted (eth0 then
# sends slowly, its default partner having the long timeout: were peth0
# to default too, neither end would send for 30 s).
# silent_timing BNS: run in a-$$. Prints "STATE_AT_1S EXPIRED_MS
# DEFAULTED_MS EXP_ACTOR EXP_PARTNER DEF_ACTOR DEF_PARTNER DEF_AGG
# NUM_PORTS ACTIVE_AGG CARRIER" (ms from the return of tc; -1: never).
silent_timing() {
	local d=/sys/class/net/eth0/bonding_slave m=/sys/class/net/bond0 t0 el v snap=-1 exp=-1 def=-1
	local es=- ep=- ds=- dp=- da=- n=- aa=- car=- sfd
	exec {sfd}<> <(:)
	ip netns exec "$1" tc filter add dev peth0 egress protocol 0x8809 matchall action drop || return 1
	t0=${EPOCHREALTIME/./}
	while :; do
		el=$(((${EPOCHREALTIME/./} - t0) / 1000))
		v=
		read -r v <"$d/ad_actor_oper_port_state"
		((snap == -1 && el >= 1000)) && snap=${v:-none}
		if ((exp == -1 && (v & 0x80))); then
			exp=$el es=$v
			read -r ep <"$d/ad_partner_oper_port_state"
		fi
		if ((v & 0x40)); then
			def=$el ds=$v
			read -r dp <"$d/ad_partner_oper_port_state"
			read -r da <"$d/ad_aggregator_id"
			read -r n <"$m/bonding/ad_num_ports"
			read -r aa <"$m/bonding/ad_aggregator"
			read -r car <"$m/carrier"
			break
		fi
		((el > 15000)) && break
		read -r -t 0.005 -u "$sfd"
	done
	ip netns exec "$1" tc filter del dev peth0 egress
	echo "$snap $exp $def $es $ep $ds $dp $da $n $aa $car"
}
if ! pending 802.3ad; then
	read -r snap exp def es ep ds dp da n aa car < <(NS=$A ns_fn silent_timing "$B")
	echo "# silent partner: eth0 $snap at 1 s, expired after ${exp} ms ($es/$ep), defaulted after ${def} ms ($ds/$dp)"
fi
c "silent: eth0 still 63 one second after peth0 stops" eq "${snap:-}" 63
c "silent: eth0 expired within 1-4.5 s" in_range "${exp:--1}" 1000 4500
c "silent: expired: actor 143 (expired|sync|aggr|timeout|active), partner 55 (not in sync, short timeout)" \
	eq "${es:-}/${ep:-}" 143/55
c "silent: defaulted 2.5-4.5 s after the expiry" in_range "$((${def:--1} - ${exp:-0}))" 2500 4500
c "silent: defaulted: actor 71 (defaulted|aggr|timeout|active), partner 0, eth0 in aggregator 2" \
	eq "${ds:-}/${dp:-}/${da:-}" 71/0/2
c "silent: active aggregator 1 keeps eth1 (1 port), carrier up" eq "${aa:-}/${n:-}/${car:-}" 1/1/1
c "partner back: eth0 rejoins aggregator 1, both 63/63" wait_for 20 is "$ALL63" pst "$A" eth0 eth1
c "partner back: ad_num_ports 2" wait_for 5 is 2 bat "$A" bond0 ad_num_ports
c "partner back: ping" wait_for 10 pinga

# ---- 5. min_links, ad_select
# reported BOND SYSFS NETLINK PROC...: the option as sysfs, netlink and /proc show it
reported() {
	echo "$(bat "$A" "$1" "$2")|$(nlj "$A" "$1" ".linkinfo.info_data.$3")|$(pv "$A" "$1" "${@:4}")"
}
c "min_links 3 accepted" ip -n "$A" link set bond0 type bond min_links 3
c "min_links 3, 2 ports in the aggregator: carrier 0, operstate down" \
	wait_for 5 is "0|down" rd "$A" /sys/class/net/bond0/carrier /sys/class/net/bond0/operstate
c "min_links 3 reported (sysfs, netlink, /proc), /proc MII Status down" is "3|3|3|down" \
	reported bond0 min_links min_links "bond/Min links" "bond/MII Status"
c "min_links 2 accepted" ip -n "$A" link set bond0 type bond min_links 2
c "min_links 2: carrier 1, operstate up" \
	wait_for 5 is "1|up" rd "$A" /sys/class/net/bond0/carrier /sys/class/net/bond0/operstate
c "min_links 0" ip -n "$A" link set bond0 type bond min_links 0
c "ad_select on an up bond refused" not ip -n "$A" link set bond0 type bond ad_select count
c "  ad_select unchanged: stable 0" is "stable 0" bat "$A" bond0 ad_select
s ip -n "$A" link add bond9 type bond mode 802.3ad
n=0
for sel in stable bandwidth count; do
	c "ad_select $sel on a down bond (netlink)" ip -n "$A" link set bond9 type bond ad_select "$sel"
	c "  reported: sysfs '$sel $n', netlink, /proc" is "$sel $n|$sel|$sel" \
		reported bond9 ad_select ad_select "bond/Aggregator selection policy (ad_select)"
	n=$((n + 1))
done
sel_sysfs() { NS=$A sys_write /sys/class/net/bond9/bonding/ad_select 1 && is "bandwidth 1" bat "$A" bond9 ad_select; }
c "ad_select 1 through sysfs: bandwidth 1" sel_sysfs
ip -n "$A" link del bond9 2>/dev/null

# ---- 6. lacp_rate slow with actor settings (bond1, through the bridges)
c "slow: eth2, eth3 in the active aggregator, actor and partner state 61" \
	wait_for 40 is "A/61/61 A/61/61" norm "$A" bond1 eth2 eth3
c "slow: partner side the same" wait_for 10 is "A/61/61 A/61/61" norm "$B" bond1 peth2 peth3
if ! pending 802.3ad; then
	kill -INT "$cap"
	wait "$cap"
	# decoded meanwhile: tshark's first start in the guest takes long
	if command -v tshark >/dev/null; then
		tshark -r "$PCAP" -V >"$PCAP.txt" 2>/dev/null &
		tsh=$!
	fi
fi
c "slow: sysfs lacp_rate, ad_select, actor settings, ad_actor_key 335, ad_partner_key 15, 2 ports" \
	is "slow 0|bandwidth 1|1000|5|$SYS|335|15|2" bat "$A" bond1 lacp_rate ad_select ad_actor_sys_prio \
	ad_user_port_key ad_actor_system ad_actor_key ad_partner_key ad_num_ports
c "slow: netlink ad_lacp_rate, ad_select, actor settings, ad_info actor_key" \
	is "slow bandwidth 1000 5 $SYS 335" nlj "$A" bond1 '.linkinfo.info_data |
	"\(.ad_lacp_rate) \(.ad_select) \(.ad_actor_sys_prio) \(.ad_user_port_key) \(.ad_actor_system) \(.ad_info.actor_key)"'
c "slow: /proc LACP rate slow, system priority 1000, system MAC $SYS, eth2 actor key 335" \
	is "slow|bandwidth|1000|$SYS|1000|$SYS|335|61" pv "$A" bond1 "bond/LACP rate" \
	"bond/Aggregator selection policy (ad_select)" "bond/System priority" "bond/System MAC address" \
	"eth2/actor/system priority" "eth2/actor/system mac address" "eth2/actor/port key" "eth2/actor/port state"
c "slow: partner side sysfs ad_partner_key 335, ad_partner_mac $SYS" \
	is "335|$SYS|15" bat "$B" bond1 ad_partner_key ad_partner_mac ad_actor_key
c "slow: partner side netlink ad_info partner_key 335, partner_mac $SYS" \
	is "335 $SYS" nlj "$B" bond1 '.linkinfo.info_data.ad_info | "\(.partner_key) \(.partner_mac)"'
c "slow: partner side /proc: peth2, peth3 partner system priority 1000, $SYS, oper key 335, state 61" \
	is "1000|$SYS|335|61|1000|$SYS|335|61|335|$SYS" pv "$B" bond1 \
	"peth2/partner/system priority" "peth2/partner/system mac address" "peth2/partner/oper key" "peth2/partner/port state" \
	"peth3/partner/system priority" "peth3/partner/system mac address" "peth3/partner/oper key" "peth3/partner/port state" \
	"bond/Partner Key" "bond/Partner Mac Address"
c "slow: ping" wait_for 10 pinga 198.51.100.2

# ---- 7. two partner systems: eth6 to b-$$'s bond6, eth7 to its bond7.
# eth6 and eth7 are in different aggregators; one is active (63/63), the
# other's port attached but not in sync (7), its partner in sync and
# waiting (15).
c "two partners: one port A/63/63, the other in another aggregator, N/7/15" \
	wait_for 40 is "A/63/63 N/7/15" sorted norm "$A" bond3 eth6 eth7
if ! pending 802.3ad; then
	if [[ $(pst "$A" eth6) == */63/63 ]]; then act=6 oth=7 tgt=203.0.113.2; else act=7 oth=6 tgt=198.18.0.2; fi
	echo "# two partners: eth$act's aggregator is the active one"
fi
c "two partners: each port's partner is its own system (02:00:00:00:0b:06, :07)" \
	is "02:00:00:00:0b:06|02:00:00:00:0b:07|1|1" pv "$A" bond3 "eth6/partner/system mac address" \
	"eth7/partner/system mac address" "eth6/partner/port number" "eth7/partner/port number"
c "two partners: bond3 ad_num_ports 1, ad_partner_mac the active port's partner" \
	is "1|02:00:00:00:0b:0${act:-}" bat "$A" bond3 ad_num_ports ad_partner_mac
c "two partners: /proc Active Aggregator Info: the active port's aggregator, 1 port" \
	is "$(bat "$A" bond3 ad_aggregator 2>/dev/null)|1|02:00:00:00:0b:0${act:-}" \
	pv "$A" bond3 "bond/Aggregator ID" "bond/Number of ports" "bond/Partner Mac Address"
states_of() { local p o=(); for p; do o+=("$(nlj "$A" "$p" .linkinfo.info_slave_data.state)"); done; echo "${o[*]}"; }
c "two partners: active port ACTIVE, the other BACKUP (netlink)" \
	is "ACTIVE BACKUP" states_of "eth${act:-}" "eth${oth:-}"
c "two partners: the other port's partner sees it out of sync: A/15/7" \
	is "A/15/7" norm "$B" "bond${oth:-}" "peth${oth:-}"
c "two partners: ping over the active port" wait_for 10 pinga "${tgt:-}"

# ---- 8. lacp_active off on both sides. The tree still sends LACPDUs on
# every state change (never periodically): the ports aggregate (62, no
# activity bit) and, with no periodic LACPDU, each link expires after its
# 3 s timeout; the expired port's LACPDU makes both ends resync.
c "passive-passive: lacp_active off 0 (sysfs), off (netlink), off (/proc)" is "off 0|off|off" \
	reported bond2 lacp_active ad_lacp_active "bond/LACP active"
# Ours follows 802.1AX 6.4.16 instead: a port whose periodic machine is
# idle transmits nothing, so two passive ends never aggregate
beyond "passive-passive: the ports never aggregate (the tree's do)" \
	not wait_for 10 is "A/62/62 A/62/62" norm "$A" bond2 eth4 eth5
if ! ours; then
	c "passive-passive: the ports aggregate all the same: A/62/62" wait_for 30 is "A/62/62 A/62/62" norm "$A" bond2 eth4 eth5
	c "passive-passive: partner side A/62/62" wait_for 10 is "A/62/62 A/62/62" norm "$B" bond2 peth4 peth5
fi
if ! pending 802.3ad; then
	# until a LACPDU with the expired bit passes (subtype: frame byte 14,
	# actor state: byte 32)
	ip netns exec "$B" timeout 15 tcpdump -Z root -i peth4 -U -w "$PCAP2" -c 1 \
		'ether proto 0x8809 and ether[14] == 1 and ether[32] & 0x80 != 0' 2>/dev/null
fi
npkts() { tcpdump -r "$PCAP2" -nn 2>/dev/null | wc -l; }
beyond "passive-passive: no expired port's LACPDU either in 15 s" is 0 npkts
if ! ours; then
	c "passive-passive: an expired port's LACPDU within 15 s" is 1 npkts
	c "passive-passive: ping" wait_for 10 pinga 10.2.0.2
fi

# ---- 9. active-passive: a-$$ active (a new bond2), b-$$ passive
ip -n "$A" link del bond2 2>/dev/null
mkbond "$A" bond2 "eth4 eth5" 10.2.0.1/24 lacp_rate fast
c "active-passive: a-\$\$ A/63/62" wait_for 40 is "A/63/62 A/63/62" norm "$A" bond2 eth4 eth5
c "active-passive: b-\$\$ A/62/63" wait_for 10 is "A/62/63 A/62/63" norm "$B" bond2 peth4 peth5
c "active-passive: ping" wait_for 10 pinga 10.2.0.2

# ---- 10. the LACPDUs of 6 (sb2: eth2 <-> peth2), decoded by tshark
A2=02:00:00:00:0a:02 B2=02:00:00:00:0b:02
# decode: DECODE holds `tshark -V` of the capture, FRAMES one line per LACPDU: "SRC VERSION
# ACTOR_SYS_PRIO ACTOR_SYSTEM ACTOR_KEY ACTOR_PORT_PRIO ACTOR_PORT ACTOR_STATE
# PARTNER_SYS_PRIO PARTNER_SYSTEM PARTNER_KEY PARTNER_PORT_PRIO PARTNER_PORT
# PARTNER_STATE"
decode() {
	DECODE=$(cat "$PCAP.txt")
	FRAMES=$(awk '
		function out() { if (n) print f["src"], f["LACP Version"], f["Actor System Priority"],
			f["Actor System ID"], f["Actor Key"], f["Actor Port Priority"], f["Actor Port"],
			f["Actor State"], f["Partner System Priority"], f["Partner System"], f["Partner Key"],
			f["Partner Port Priority"], f["Partner Port"], f["Partner State"]; n = 0; delete f }
		/^Frame [0-9]+:/ { out() }
		/^Ethernet II, Src: / { f["src"] = $4 }
		/^Link Aggregation Control Protocol/ { n = 1 }
		n && /^    [A-Z][A-Za-z ]+: / {
			k = substr($0, 5, index($0, ":") - 5); v = substr($0, index($0, ":") + 2)
			sub(/[ ,].*/, "", v); if (!(k in f)) f[k] = v }
		END { out() }' <<<"$DECODE")
}
# frames_of MAC COLUMNS: those columns (awk $N list, e.g. '$2,$3') of MAC's LACPDUs
frames_of() { awk -v m="$1" "\$1 == m { print $2 }" OFS=, <<<"$FRAMES"; }
from_both() {
	local a b
	a=$(grep -c "^$A2 " <<<"$FRAMES") b=$(grep -c "^$B2 " <<<"$FRAMES")
	((a > 0 && b > 0)) && return 0
	echo "LACPDUs: $a from $A2, $b from $B2"
	return 1
}
# no_expert: the decode has no malformed frame, no expert error or warning
no_expert() {
	local o
	o=$(grep -E 'Malformed|Expert Info \((Error|Warning)' <<<"$DECODE")
	[[ -z $o ]] && return 0
	echo "$o"
	return 1
}
# (which end's last LACPDU came after the other's final state is a race:
# the partner states of the last ones are not compared)
# shellcheck disable=SC2016 # awk columns
a_actor() { frames_of "$A2" '$2,$3,$4,$5,$6,$7' | sort -u; }
# shellcheck disable=SC2016
a_last() { frames_of "$A2" '$8,$9,$10,$11' | tail -n 1; }
# shellcheck disable=SC2016
b_last() { frames_of "$B2" '$9,$10,$11,$12,$13' | tail -n 1; }
if command -v tshark >/dev/null; then
	if ! pending 802.3ad; then
		wait "$tsh"
		decode
	fi
	c "decode: LACPDUs captured from both ends" from_both
	c "decode: no malformed frame, no expert error or warning" no_expert
	c "decode: eth2's LACPDUs: version 1, actor 1000 $SYS key 335 port priority 255 port 1" \
		is "0x01,1000,$SYS,335,255,1" a_actor
	c "decode: eth2's last LACPDU: actor state 0x3d, partner 65535 $B2 key 15" \
		is "0x3d,65535,$B2,15" a_last
	c "decode: peth2's last LACPDU has a-\$\$ as partner: 1000 $SYS key 335 port priority 255 port 1" \
		is "1000,$SYS,335,255,1" b_last
else
	skip "decode: LACPDUs decoded by tshark" "no tshark"
fi
exit 0
