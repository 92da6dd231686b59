#!/bin/bash
# bench/guest.sh [OUTDIR]: the benchmark proper, run inside the QEMU guest as root
# (bench/run.sh boots it). Loads the in-tree bonding.ko and ours in turn, runs the same
# workloads on both, prints one "figure:" line per figure and writes to OUTDIR
# (default /tmp/bench): raw.tsv (every sample), latest.md (summary table) and
# plot.tsv (data for bench/plot.sh). It also prints those files between
# "@@bench-file NAME@@" / "@@bench-end@@" markers, so the host can pick them up from the
# console. Knobs (environment): BENCH_FIGURES (default "failover pktgen tcp control lacp"),
# BENCH_REPS (4: one warm-up + 3 measured), BENCH_FAILOVER_REPS (10: one warm-up + 9), BENCH_PKTGEN_SECS (3),
# BENCH_IPERF_SECS (5),
# BENCH_BONDS (200), BENCH_MODULES ("tree ours"), TREE_KO, OURS_KO (paths of the two bonding.ko).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
source "$BENCH_DIR/lib.sh"

OUT=${1:-/tmp/bench}
RAW=$OUT/raw.tsv
T0=$(now)
FIGURES=${BENCH_FIGURES:-failover pktgen tcp control lacp}
PKTGEN_SECS=${BENCH_PKTGEN_SECS:-3}
IPERF_SECS=${BENCH_IPERF_SECS:-5}
NBONDS=${BENCH_BONDS:-200}
REPS=${BENCH_REPS:-4} # including the warm-up
# failover at miimon=100 spreads over 0-100 ms (where the cut falls between two link checks)
FAILOVER_REPS=${BENCH_FAILOVER_REPS:-10}
read -ra MODULES <<<"${BENCH_MODULES:-tree ours}"
WORK=$(mktemp -d)

# ------------------------------------------------------------ the topology
# Figures 1 and 3 share it (addresses 192.0.2.0/24):
#
#   root ns:  bond0 192.0.2.1 (active-backup)        netns plain: pl0 192.0.2.3
#              |bp0       |bp1                                     |
#   --------- sw0 ------ sw1 ---------- br0 (netns switch) ------ sw9
#                                        |
#                                       sw2 --- eth0 192.0.2.2 (netns peer)
switch_up() {
	ip netns add switch
	ip netns add peer
	ip netns add plain
	ip -n switch link add br0 type bridge
	ip -n switch link set br0 up
	ip -n switch link add sw2 type veth peer name eth0 netns peer
	ip -n switch link add sw9 type veth peer name pl0 netns plain
	local i
	for i in 0 1; do
		ip link add "bp$i" type veth peer name "sw$i" netns switch
	done
	for i in 0 1 2 9; do
		ip -n switch link set "sw$i" master br0 up
	done
	ip -n peer addr add 192.0.2.2/24 dev eth0
	ip -n peer link set eth0 up
	ip -n plain addr add 192.0.2.3/24 dev pl0
	ip -n plain link set pl0 up
}

switch_down() {
	ip netns del switch
	ip netns del peer
	ip netns del plain
	ip link del bp0 2>/dev/null || true
}

# ab_bond_up MIIMON [PORT...]: bond0 in active-backup over the PORTs (default bp0 bp1),
# pinging the peer
ab_bond_up() {
	local miimon=$1 p
	shift
	(($#)) || set -- bp0 bp1
	ip link add bond0 type bond mode active-backup miimon "$miimon"
	ip addr add 192.0.2.1/24 dev bond0
	enslave bond0 "$@"
	for p in "$@"; do
		wait_for 10 port_up "$p" || die "bond0: $p not up"
	done
	wait_for 10 ip netns exec peer ping -c 1 -W 1 -q 192.0.2.1 >/dev/null || die "no ping through bond0"
}

port_up() { [[ $(cat "/sys/class/net/$1/bonding_slave/mii_status") == up ]]; }
active_port() { cat /sys/class/net/bond0/bonding/active_slave; }

# for_reps N FUNC [ARGS...]: FUNC [ARGS...] MODULE REP for N reps, each bonding module
# loaded in turn within a rep (tree, ours: interleaved, so that drift hits both alike)
for_reps() {
	local n=$1 rep mod
	shift
	for ((rep = 0; rep < n; rep++)); do
		for mod in "${MODULES[@]}"; do
			load_bonding "$mod"
			"$@" "$mod" "$rep"
		done
	done
	unload_bonding
}

# ---------------------------------------------- figure 1: failover outage
# The bond's ports are team0 and team1, each a team device (mode broadcast) over one veth
# into the switch (bp0, bp1). The cut writes 0 to the active port's
# /sys/class/net/teamN/carrier (dev_change_carrier, as "ip link set teamN carrier off",
# but from a shell builtin: no process to start, so the cut's time is known to about a
# millisecond): its carrier drops, and the link watcher, right after, sets its operstate,
# stops its transmit queue (noop qdisc: the path breaks) and then sends NETDEV_CHANGE.
# The in-tree bond sees the carrier at its next MII poll, ours at that NETDEV_CHANGE.
# (Taking the switch side down instead, "ip -n switch link set swN down", holds RTNL
# through that port's NETDEV_DOWN chain for 1-2 ms more after the carrier loss, under
# TCG, which delays both bonds' reaction.) The switch port stays up: the bridge learns
# the new path from the gratuitous ARP both bonds send at failover. bp0/bp1 run no IPv6:
# as team ports they carry the bond's MAC but are no bond slaves, so addrconf would send
# from them (MLD, DAD) and the bridge would learn the bond's MAC on the backup's side.
#
# The peer probes bond0 with ICMP echo every 2 ms on a fixed clock (bench/probe.py; not
# ping: iputils ping -i below 10 ms waits 10 ms for a missing reply before it sends the
# next request, which put a ~13 ms floor under every outage). Once replies flow, the cut;
# once replies flow again, the probe stops. The cut's window runs from just before the
# write to the moment the port's operstate leaves "up" (the link watcher sets it right
# before it stops the queue). Outage = the longest gap between consecutive replies (kernel
# receive times) among those that overlap the cut's window or, later, have a lost request
# in them: a gap where the prober itself was late but lost nothing, away from the cut, is
# no outage. Sets OUTAGE (ms).
PING_OUT=$WORK/ping.txt
# replies [SINCE]: the ping replies so far (received after the unix time SINCE)
replies() { awk -F'[][]' -v t="${1:-0}" '/bytes from/ && $2 > t { n++ } END { print n + 0 }' "$PING_OUT"; }
replies_ge() { (($(replies "${2:-0}") >= $1)); }

# outage FROM TO STOP: OUTAGE from $PING_OUT for a cut in the window FROM-TO (see above),
# replies until STOP; "n/a" without replies before FROM
outage() {
	awk -F'[][]' -v from="$1" -v to="$2" -v stop="$3" '
		/bytes from/ && $2 <= stop { split($3, f, "icmp_seq="); n++; t[n] = $2; q[n] = f[2] + 0; got[q[n]] = 1 }
		END {
			for (i = 1; i <= n && t[i] <= from; i++)
				;
			if (i == 1) { print "n/a"; exit } # t[i]: the first reply after FROM
			for (j = i; j <= n; j++) {
				for (s = q[j - 1] + 1; s < q[j] && s in got; s++)
					;
				g = t[j] - t[j - 1]
				if ((t[j - 1] < to || s < q[j]) && g > max) max = g
			}
			if (n - i + 1 < 50 && stop - t[n] > max) max = stop - t[n] # no recovery: a lower bound
			printf "%.1f\n", max * 1000
		}' "$PING_OUT"
}

# port_down PORT: until PORT's operstate leaves "up" (a builtin loop: no forks)
port_down() {
	local state k
	for ((k = 0; k < 200000; k++)); do
		read -r state <"/sys/class/net/$1/operstate"
		[[ $state == up ]] || return 0
	done
	return 1
}

# failover_cut [nocut]: one measurement on bond0, whose active port loses carrier (or,
# with "nocut", nothing happens: the method's floor); sets OUTAGE
failover_cut() {
	local active pinger from to stop
	active=$(active_port)
	ip netns exec peer python3 "$BENCH_DIR/probe.py" 192.0.2.1 0.002 30 >"$PING_OUT" 2>&1 &
	pinger=$!
	wait_for 10 replies_ge 100 || die "no ping replies through bond0"
	from=${EPOCHREALTIME/,/.}
	if [[ ${1:-} != nocut ]]; then
		echo 0 >"/sys/class/net/$active/carrier"
		port_down "$active" || die "$active: operstate still up after the carrier loss"
	fi
	to=${EPOCHREALTIME/,/.}
	wait_for 10 replies_ge 50 "$from" || log "warning: bond0 did not recover in 10 s"
	stop=$(now)
	kill -INT "$pinger"
	wait "$pinger" || true
	if [[ ${1:-} != nocut ]]; then
		echo 1 >"/sys/class/net/$active/carrier"
		wait_for 10 port_up "$active" || die "$active did not come back up"
	fi
	OUTAGE=$(outage "$from" "$to" "$stop")
	[[ $OUTAGE != n/a ]] || die "no replies before the cut"
}

failover_rep() {
	local mod=$1 rep=$2 miimon
	for miimon in 100 10; do
		# the bridge forgets where the last rep's bond was, so that none of its frames
		# is sent towards the backup port
		ip -n switch link set br0 type bridge fdb_flush
		ab_bond_up "$miimon" team0 team1
		if ((miimon == 100)); then
			failover_cut nocut
			log "failover $mod no cut rep $rep: $OUTAGE ms"
			record ab-failover-nocut "$mod" "$rep" "$OUTAGE"
		fi
		failover_cut
		log "failover $mod miimon=$miimon rep $rep: $OUTAGE ms"
		record "ab-failover-miimon$miimon" "$mod" "$rep" "$OUTAGE"
		ip link del bond0
	done
}

fig_failover() {
	local miimon i
	for miimon in 100 10; do
		meta "ab-failover-miimon$miimon" ms lower \
			"active-backup, carrier loss on the active port, miimon=$miimon: longest gap in 2 ms pings"
	done
	meta ab-failover-nocut ms lower \
		"baseline: the same measurement with no carrier loss (the method's floor: one 2 ms interval plus jitter)"
	switch_up
	for i in 0 1; do
		sysctl -qw "net.ipv6.conf.bp$i.disable_ipv6=1"
		team_add "team$i" broadcast "bp$i"
	done
	for_reps "$FAILOVER_REPS" failover_rep
	ip link del team0
	ip link del team1
	switch_down
	figures ab-failover
}

# ---------------------------------------------------------- figure 2: pktgen
# Modes, as "figure-suffix|bond options|team mode". Team has no 802.3ad without teamd;
# its loadbalance mode without a BPF hash (which teamd sets) sends everything through
# one port, so it is no equivalent of balance-xor: both are left out for team.
PKTGEN_MODES=(
	"balance-rr|mode balance-rr|roundrobin"
	"active-backup|mode active-backup|activebackup"
	"balance-xor-l34|mode balance-xor xmit_hash_policy layer3+4|"
	"broadcast|mode broadcast|broadcast"
	"802.3ad-l34|mode 802.3ad xmit_hash_policy layer3+4|"
)

carrier_on() { [[ $(cat "/sys/class/net/$1/carrier" 2>/dev/null) == 1 ]]; }

# pktgen_dev DRIVER OPTIONS: pps through bond0 (DRIVER tree|ours, OPTIONS: bond options)
# or team0 (DRIVER team, OPTIONS: team mode) over dummies pd1 and pd2.
# Sets STATUS (ok, or why there is no figure) and PPS.
pktgen_dev() {
	local drv=$1 opts dev=bond0
	read -ra opts <<<"$2"
	STATUS=ok
	if [[ $drv == team ]]; then
		dev=team0
		team_add team0 "${opts[0]}" pd1 pd2
	else
		if ! bond_add bond0 "${opts[@]}" miimon 100; then
			STATUS=$BOND_ERR
			return
		fi
		enslave bond0 pd1 pd2
	fi
	if wait_for 10 carrier_on "$dev"; then
		pg_run "$dev" "$PKTGEN_SECS"
	else
		STATUS="no carrier"
	fi
	ip link del "$dev"
}

# pktgen_rep DRIVER REP: one sweep: the lone dummy, then every mode
pktgen_rep() {
	local drv=$1 rep=$2 base entry name opts team
	pg_run pd0 "$PKTGEN_SECS"
	base=$PPS
	record pktgen-dummy-pps "$drv" "$rep" "$base"
	log "pktgen $drv rep $rep: dummy $base pps"
	for entry in "${PKTGEN_MODES[@]}"; do
		IFS='|' read -r name opts team <<<"$entry"
		if [[ $drv == team ]]; then
			[[ -n $team ]] || continue
			opts=$team
		fi
		pktgen_dev "$drv" "$opts"
		if [[ $STATUS == ok ]]; then
			log "pktgen $drv rep $rep: $name $PPS pps"
			record "pktgen-$name" "$drv" "$rep" "$(awk -v a="$PPS" -v b="$base" 'BEGIN { printf "%.4f", a / b }')"
		else
			log "pktgen $drv rep $rep: $name: n/a ($STATUS)"
			record_na "pktgen-$name" "$drv" "$STATUS"
		fi
	done
}

# the team driver as a third "module", measured in the same reps
pktgen_rep_with_team() {
	pktgen_rep "$@"
	[[ $1 == "${MODULES[-1]}" ]] || return 0
	pktgen_rep team "$2"
}

fig_pktgen() {
	local entry p
	meta pktgen-dummy-pps pps higher "baseline: pktgen 60-byte UDP frames into one dummy (noise floor between the tree and ours slots)"
	for entry in "${PKTGEN_MODES[@]}"; do
		meta "pktgen-${entry%%|*}" ratio higher \
			"pktgen pps through a bond in ${entry%%|*} over two dummies / pps into one dummy"
	done
	modprobe dummy numdummies=0
	modprobe pktgen
	modprobe team
	for p in pd0 pd1 pd2; do
		ip link add "$p" type dummy
		ip link set "$p" up
	done
	for_reps "$REPS" pktgen_rep_with_team
	for p in pd0 pd1 pd2; do ip link del "$p"; done
	figures pktgen
}

# -------------------------------------------------------------- figure 3: TCP
iperf_gbps() { # NETNS-OR-EMPTY: iperf3 client to the peer for IPERF_SECS, in Gb/s
	local ns=(ip netns exec "$1")
	[[ -n $1 ]] || ns=()
	"${ns[@]}" iperf3 -c 192.0.2.2 -t "$IPERF_SECS" -J |
		jq -r '.end.sum_received.bits_per_second / 1e9 * 1000 | round / 1000'
}

tcp_rep() {
	local mod=$1 rep=$2 bond veth
	ab_bond_up 100
	bond=$(iperf_gbps "")
	veth=$(iperf_gbps plain)
	log "tcp $mod rep $rep: bond $bond Gb/s, plain veth $veth Gb/s"
	record tcp-ab-bridge "$mod" "$rep" "$bond"
	record tcp-veth-bridge "$mod" "$rep" "$veth"
	record tcp-ab-vs-veth "$mod" "$rep" "$(awk -v a="$bond" -v b="$veth" 'BEGIN { printf "%.4f", a / b }')"
	ip link del bond0
}

fig_tcp() {
	local mod
	meta tcp-ab-bridge Gb/s higher "iperf3 TCP ${IPERF_SECS} s, bond0 (active-backup over veth) -> bridge -> peer"
	meta tcp-ab-vs-veth ratio higher "the same / a plain veth into the same bridge (netns plain), same rep"
	meta tcp-veth-bridge Gb/s higher "baseline: plain veth -> bridge -> peer (noise floor between the tree and ours slots)"
	if ! command -v iperf3 >/dev/null; then
		for mod in "${MODULES[@]}"; do
			record_na tcp-ab-bridge "$mod" "iperf3 not installed"
		done
		return
	fi
	switch_up
	ip netns exec peer iperf3 -s -D -I "$WORK/iperf3.pid"
	wait_for 10 ip netns exec plain ping -c 1 -W 1 -q 192.0.2.2 >/dev/null || die "no ping from plain"
	for_reps "$REPS" tcp_rep
	kill "$(cat "$WORK/iperf3.pid")"
	switch_down
	figures tcp
}

# ------------------------------------------------------ figure 4: control plane
# ip -batch files: NBONDS bonds of two dummy ports each (the dummies exist throughout);
# 5 options set after creation (mode is set at creation), then up; and the deletion.
write_batches() {
	local i
	for ((i = 0; i < NBONDS; i++)); do
		echo "link add c${i}a type dummy"
		echo "link add c${i}b type dummy"
	done >"$WORK/ports.batch"
	for ((i = 0; i < NBONDS; i++)); do
		echo "link add cb$i type bond mode active-backup"
		echo "link set c${i}a master cb$i"
		echo "link set c${i}b master cb$i"
		echo "link set cb$i type bond miimon 100"
		echo "link set cb$i type bond updelay 200"
		echo "link set cb$i type bond downdelay 200"
		echo "link set cb$i type bond use_carrier 1"
		echo "link set cb$i type bond primary c${i}a"
		echo "link set cb$i up"
	done >"$WORK/bonds.batch"
	for ((i = 0; i < NBONDS; i++)); do
		echo "link del cb$i"
	done >"$WORK/unbonds.batch"
}

meminfo_kb() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
per_bond() { awk -v d="$1" -v n="$NBONDS" 'BEGIN { printf "%.2f", d / n }'; }

# settle: let deferred work (RCU frees, netdev todo, link watch) finish and drop the
# reclaimable dentry/inode caches (not the page cache) before a meminfo reading
settle() {
	sleep 1
	echo 2 >/proc/sys/vm/drop_caches
}

control_rep() {
	local mod=$1 rep=$2 t slab0 avail0 create delete slab avail
	settle
	slab0=$(meminfo_kb Slab) avail0=$(meminfo_kb MemAvailable)
	t=$(now)
	ip -batch "$WORK/bonds.batch"
	create=$(ms_since "$t")
	settle
	slab=$(per_bond $(($(meminfo_kb Slab) - slab0)))
	avail=$(per_bond $((avail0 - $(meminfo_kb MemAvailable))))
	t=$(now)
	ip -batch "$WORK/unbonds.batch"
	delete=$(ms_since "$t")
	log "control $mod rep $rep: create $create ms, delete $delete ms, slab $slab KiB/bond, MemAvailable $avail KiB/bond"
	record "control-create-$NBONDS" "$mod" "$rep" "$create"
	record "control-delete-$NBONDS" "$mod" "$rep" "$delete"
	record mem-slab-per-bond "$mod" "$rep" "$slab"
	record mem-avail-per-bond "$mod" "$rep" "$avail"
}

fig_control() {
	meta "control-create-$NBONDS" ms lower \
		"ip -batch: $NBONDS active-backup bonds over 2 dummies each, set miimon, updelay, downdelay, use_carrier, primary; up"
	meta "control-delete-$NBONDS" ms lower "ip -batch: delete those $NBONDS bonds"
	meta mem-slab-per-bond KiB lower "/proc/meminfo Slab with the bonds minus without, / $NBONDS"
	meta mem-avail-per-bond KiB lower "/proc/meminfo MemAvailable drop over the same, / $NBONDS"
	write_batches
	modprobe dummy numdummies=0
	ip -batch "$WORK/ports.batch"
	for_reps "$REPS" control_rep
	ip link show type dummy | awk -F'[ :@]+' '/^[0-9]+: c[0-9]+[ab]/ { print "link del " $2 }' |
		ip -batch -
	figures control
	figures mem
}

# ------------------------------------------------------------------- main
finish() {
	python3 "$BENCH_DIR/summarize.py" markdown "$RAW" >"$OUT/latest.md"
	python3 "$BENCH_DIR/summarize.py" plot "$RAW" >"$OUT/plot.tsv"
	echo
	echo "=== summary: median (min-max) of the measured reps, warm-up rep discarded ==="
	figures ""
	local f
	for f in latest.md plot.tsv raw.tsv; do
		echo "@@bench-file $f@@"
		cat "$OUT/$f"
		echo "@@bench-end@@"
	done
}

# ------------------------------------------ figure 5: LACP convergence
# 802.3ad with teamd's lacp runner (fast rate) as the partner in netns lacp.
# Once aggregated, both links go down until our ports see it; then both come
# up in one ip -batch: the time until both ports are collecting and
# distributing (actor oper state 63) on our side.
LACP_CONF=$WORK/teamd.json

ad_state() { local v; read -r v <"/sys/class/net/$1/bonding_slave/ad_actor_oper_port_state"; echo "$v"; }
lacp_both() { [[ $(ad_state lp0) == "$1" && $(ad_state lp1) == "$1" ]]; }
lacp_down() { [[ $(ad_state lp0) != 63 && $(ad_state lp1) != 63 ]]; }

# lacp_converge: sets CONVERGE (ms) from both links up to both ports at 63
lacp_converge() {
	local t deadline
	printf 'link set lt0 down\nlink set lt1 down\n' | ip -n lacp -batch -
	wait_for 10 lacp_down || die "802.3ad: ports did not notice the links down"
	t=$(now) deadline=$((SECONDS + 30))
	printf 'link set lt0 up\nlink set lt1 up\n' | ip -n lacp -batch -
	while ! lacp_both 63; do
		((SECONDS < deadline)) || die "802.3ad: no aggregation with teamd in 30 s"
		sleep 0.01
	done
	CONVERGE=$(ms_since "$t")
}

lacp_rep() {
	local mod=$1 rep=$2 i
	ip netns add lacp
	for i in 0 1; do
		ip link add "lp$i" type veth peer name "lt$i" netns lacp
	done
	ip netns exec lacp teamd -d -f "$LACP_CONF" -t team0 >/dev/null 2>&1 ||
		die "teamd did not start"
	ip -n lacp link set team0 up
	bond_add bond0 mode 802.3ad lacp_rate fast miimon 100 || die "802.3ad: $BOND_ERR"
	enslave bond0 lp0 lp1
	wait_for 30 lacp_both 63 || die "802.3ad: no first aggregation with teamd"
	lacp_converge
	log "lacp $mod rep $rep: both ports distributing $CONVERGE ms after the links came up"
	record ad-teamd-converge "$mod" "$rep" "$CONVERGE"
	ip link del bond0
	ip netns exec lacp teamd -k -t team0 >/dev/null 2>&1
	ip netns del lacp
}

fig_lacp() {
	meta ad-teamd-converge ms lower \
		"802.3ad, teamd lacp partner, fast rate: both links up to both ports distributing"
	cat >"$LACP_CONF" <<-'EOF'
		{"device": "team0",
		 "runner": {"name": "lacp", "active": true, "fast_rate": true},
		 "link_watch": {"name": "ethtool"},
		 "ports": {"lt0": {}, "lt1": {}}}
	EOF
	for_reps "$REPS" lacp_rep
	figures ad-teamd
}

main() {
	mkdir -p "$OUT"
	: >"$RAW"
	[[ -f $TREE_KO ]] || die "no in-tree bonding.ko at $TREE_KO"
	[[ -f $OURS_KO ]] || die "no bonding.ko of ours at $OURS_KO"
	((REPS >= 2)) || die "BENCH_REPS must be >= 2 (the first is a warm-up)"
	log "kernel $KVER, $(nproc) CPUs, $REPS reps per figure (first discarded), figures: $FIGURES"
	info date "$(date -u '+%Y-%m-%d %H:%M UTC')"
	info guest "Debian kernel $KVER under QEMU/TCG, $(nproc) vCPUs, $(meminfo_kb MemTotal) KiB"
	info "our module" "$OURS_KO (sha256 $(sha256sum "$OURS_KO" | cut -c1-12)${BENCH_REV:+, $BENCH_REV})"
	info "in-tree module" "$TREE_KO"
	info reps "$REPS per figure and module ($FAILOVER_REPS for failover), the first a discarded warm-up"
	info durations "pktgen ${PKTGEN_SECS} s per run, iperf3 ${IPERF_SECS} s per run, $NBONDS bonds"
	local fig
	for fig in $FIGURES; do
		log "--- $fig"
		"fig_$fig"
	done
	finish
	log "done"
}

main
