#!/bin/bash
# Helpers for bench/guest.sh (sourced; runs inside the QEMU guest as root).
#
# Samples go to $RAW as tab-separated lines, read by bench/summarize.py:
#   info    KEY  VALUE                                  (the report's header)
#   meta    FIGURE  UNIT  BETTER(lower|higher)  DESCRIPTION
#   sample  FIGURE  MODULE(tree|ours|team)  REP  VALUE    (REP 0 is the warm-up)
#   na      FIGURE  MODULE  REASON

KVER=$(uname -r)
TREE_KO=${TREE_KO:-/lib/modules/$KVER/kernel/drivers/net/bonding/bonding.ko}
OURS_KO=${OURS_KO:-/lib/modules/$KVER/updates/bonding.ko}

log() { printf '[%6.1fs] %s\n' "$(elapsed)" "$*"; }
die() { echo "bench: $*" >&2; exit 1; }
elapsed() { awk -v t0="$T0" -v t="$(date +%s.%N)" 'BEGIN { printf "%.1f", t - t0 }'; }
now() { date +%s.%N; }
# ms_since T: milliseconds since the date +%s.%N timestamp T
ms_since() { awk -v t0="$1" -v t="$(now)" 'BEGIN { printf "%.1f", (t - t0) * 1000 }'; }

info() { printf 'info\t%s\t%s\n' "$@" >>"$RAW"; }
meta() { printf 'meta\t%s\t%s\t%s\t%s\n' "$@" >>"$RAW"; }
record() { printf 'sample\t%s\t%s\t%s\t%s\n' "$@" >>"$RAW"; }
record_na() { printf 'na\t%s\t%s\t%s\n' "$@" >>"$RAW"; }
# figures PREFIX: print the summary lines of the figures whose name starts with PREFIX
figures() { python3 "$BENCH_DIR/summarize.py" lines "$RAW" "$1"; }

# wait_for SECONDS CMD...: poll CMD every 50 ms until it succeeds
wait_for() {
	local deadline
	deadline=$(($(date +%s%N) + $1 * 1000000000))
	shift
	until "$@"; do
		(($(date +%s%N) < deadline)) || return 1
		sleep 0.05
	done
}

# ------------------------------------------------------------------ modules
bonding_loaded() { [[ -d /sys/module/bonding ]]; }
bonding_unloaded() { ! bonding_loaded; }

unload_bonding() {
	bonding_loaded || return 0
	modprobe -r bonding
	wait_for 10 bonding_unloaded || die "bonding did not unload"
}

# load_bonding tree|ours: load that bonding.ko by path (both are named "bonding").
# The in-tree module is signed and in-tree (no taint), ours is out-of-tree (taint O).
load_bonding() {
	unload_bonding
	case $1 in
	tree) modprobe tls && insmod "$TREE_KO" max_bonds=0 ;;
	ours) insmod "$OURS_KO" max_bonds=0 ;;
	*) die "load_bonding: unknown module $1" ;;
	esac
	local taint
	taint=$(cat /sys/module/bonding/taint)
	case $1 in
	tree) [[ $taint != *O* ]] || die "expected the in-tree bonding, got taint '$taint'" ;;
	ours) [[ $taint == *O* ]] || die "expected our bonding, got taint '$taint'" ;;
	esac
}

# bond_add NAME OPTIONS...: create a bond ("ip link add NAME type bond OPTIONS...").
# If the module refuses, sets BOND_ERR and returns 1; BOND_ERR is "mode not implemented"
# for EOPNOTSUPP (ip prints "Operation not supported", or the extack message, which for
# our module says "not implemented"), else ip's message.
bond_add() {
	local name=$1
	shift
	BOND_ERR=$(ip link add "$name" type bond "$@" 2>&1) && return 0
	shopt -s nocasematch
	[[ $BOND_ERR == *"not supported"* || $BOND_ERR == *"not implemented"* ]] &&
		BOND_ERR="mode not implemented"
	shopt -u nocasematch
	BOND_ERR=${BOND_ERR//$'\n'/ }
	return 1
}

# enslave MASTER PORT...: PORTs down, into MASTER, up, and MASTER up: one ip -batch
enslave() {
	local master=$1 p
	shift
	for p in "$@"; do
		printf 'link set %s down\nlink set %s master %s\nlink set %s up\n' "$p" "$p" "$master" "$p"
	done | { cat; echo "link set $master up"; } | ip -batch -
}

# ------------------------------------------------------------------- pktgen
PG=/proc/net/pktgen

pg_write() { # FILE CMD: write a pktgen command and check its "Result: OK" (no forks)
	local line
	echo "$2" >"$1"
	while IFS= read -r line; do
		[[ $line == Result:* ]] || continue
		[[ $line == "Result: OK"* ]] && return 0
		break
	done <"$1"
	die "pktgen: '$2' > $1: $line"
}

# pg_devices: the devices pktgen has (its /proc/net/pktgen entries besides the controls)
pg_devices() { find "$PG" -mindepth 1 ! -name pgctrl ! -name 'kpktgend_*' -printf '%f\n'; }

pg_no_devices() { [[ -z $(pg_devices) ]]; }

# pg_clear: remove all devices from thread 0, and wait until the thread has done it:
# it acts on rem_device_all asynchronously, so a device added right after could be removed
pg_clear() {
	pg_write "$PG/kpktgend_0" rem_device_all
	wait_for 10 pg_no_devices || die "pktgen: devices left: $(pg_devices)"
}

# pg_run DEV SECONDS: 60-byte UDP frames with random source ports from one pktgen
# thread on CPU 0 into DEV through dev_queue_xmit, for SECONDS; sets PPS (packets/s)
pg_run() {
	local dev=$1 secs=$2 f=$PG/$1 cmd
	pg_clear
	pg_write "$PG/kpktgend_0" "add_device $dev"
	for cmd in "count 0" "clone_skb 0" "pkt_size 60" "delay 0" "xmit_mode queue_xmit" \
		"queue_map_min 0" "queue_map_max 0" "dst 198.51.100.2" "dst_mac 02:00:00:00:00:02" \
		"udp_src_min 1024" "udp_src_max 65535" "flag UDPSRC_RND"; do
		pg_write "$f" "$cmd"
	done
	echo start >"$PG/pgctrl" &
	local starter=$!
	sleep "$secs"
	echo stop >"$PG/pgctrl"
	wait "$starter" || true
	PPS=$(grep -oE '[0-9]+pps' "$f" | head -n1)
	pg_clear
	[[ -n $PPS ]] || die "pktgen on $dev: no result"
	PPS=${PPS%pps}
}

# -------------------------------------------------------------------- team
# team_add NAME MODE PORT...: a team device in MODE (roundrobin, activebackup,
# loadbalance, broadcast) over PORTs, configured with teamnl (no teamd)
team_add() {
	local name=$1 mode=$2
	shift 2
	ip link add "$name" type team
	teamnl "$name" setoption mode "$mode" >/dev/null
	enslave "$name" "$@"
	if [[ $mode == activebackup ]]; then
		teamnl "$name" setoption activeport "$(<"/sys/class/net/$1/ifindex")" >/dev/null
	fi
}
