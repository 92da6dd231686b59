#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Helpers for the bonding selftests. Source it first thing in a test:
#     source "$(dirname "$0")/../lib.sh"
#
# Reporting: every case ends in exactly one ok/fail/skip line. Under run.sh
# (SELFTEST_RUNNER set) they are markers that run.sh numbers into KTAP; run
# alone, a test prints plain "ok - case" / "not ok - case" lines.
#
# Namespace context: the accessors below act in the network namespace named
# by $NS (the root namespace when $NS is empty). Tests set NS once after
# creating their namespaces and pass other namespaces explicitly (ip -n).

NPASS=0
NFAIL=0
NETNS_CREATED=()
CLEANUP_CMDS=()
NS=${NS:-}
set -o pipefail # accessors are pipelines: ip's failure must not be hidden by jq

# ---------------------------------------------------------------- reporting
_report() { # STATUS CASE [DIRECTIVE]
	if [[ -n ${SELFTEST_RUNNER:-} ]]; then
		printf '@@%s@@ %s%s\n' "$1" "$2" "${3:+ # $3}"
	else
		local word=ok
		[[ $1 == notok ]] && word="not ok"
		printf '%s - %s%s\n' "$word" "$2" "${3:+ # $3}"
	fi
}

# ok CASE
ok() { NPASS=$((NPASS + 1)); _report ok "$1"; }

# fail CASE [DETAIL...]: details are printed as "# " comment lines.
fail() {
	local case=$1 line l
	shift
	NFAIL=$((NFAIL + 1))
	for line in "$@"; do
		[[ -n $line ]] || continue
		while IFS= read -r l; do echo "# $l"; done <<<"$line"
	done
	_report notok "$case"
}

# skip CASE REASON
skip() { _report skip "$1" "SKIP $2"; }

# pending FEATURE: true while the module under test lacks FEATURE, i.e. it
# is ours (installed in updates/) and FEATURE is a line of selftests/pending.
# The in-tree driver has every feature, so its runs check everything.
PENDING_LIST=$(dirname "${BASH_SOURCE[0]}")/pending
pending() {
	[[ $(modinfo -F filename bonding 2>/dev/null) == */updates/* ]] &&
		grep -qx "$1" "$PENDING_LIST"
}

# pcheck FEATURE CASE CMD...: check CASE, or skip it while FEATURE is pending
pcheck() {
	local feature=$1
	shift
	if pending "$feature"; then
		skip "$1" "pending: $feature"
		return 1
	fi
	check "$@"
}

# ours: the module under test is ours (installed in updates/)
ours() { [[ $(modinfo -F filename bonding 2>/dev/null) == */updates/* ]]; }

# beyond CASE CMD...: a case for what this module does better than the
# in-tree driver. Checked on ours; on the in-tree driver CMD must fail
# (reported as ok), which shows that the case can fail at all.
beyond() {
	local case=$1 out
	shift
	if ours; then
		check "$case" "$@"
		return
	fi
	if out=$("$@" 2>&1); then
		fail "$case: fails on the in-tree driver" "it passed there: the case cannot tell" "$out"
		return 1
	fi
	ok "$case: fails on the in-tree driver, as expected"
}

# check CASE CMD...: ok if CMD succeeds, else fail with CMD's output.
# Returns CMD's success, so dependent cases can be skipped.
check() {
	local case=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$case"
	else
		fail "$case" "failed: $*" "$out"
		return 1
	fi
}

# --------------------------------------------------------------- predicates
# eq GOT WANT: succeed if equal; print both otherwise (for check's output).
eq() {
	[[ $1 == "$2" ]] && return 0
	echo "got '$1', want '$2'"
	return 1
}

# ne GOT UNWANTED
ne() {
	[[ $1 != "$2" ]] && return 0
	echo "got '$1', wanted anything else"
	return 1
}

# ge GOT MIN (integers)
ge() {
	(($1 >= $2)) && return 0
	echo "got $1, want >= $2"
	return 1
}

# le GOT MAX (integers)
le() {
	(($1 <= $2)) && return 0
	echo "got $1, want <= $2"
	return 1
}

# in_range GOT MIN MAX (integers)
in_range() {
	(($1 >= $2 && $1 <= $3)) && return 0
	echo "got $1, want $2..$3"
	return 1
}

# match GOT REGEX
match() {
	[[ $1 =~ $2 ]] && return 0
	echo "got '$1', want a match for /$2/"
	return 1
}

# is WANT CMD...: CMD succeeds and its output equals WANT. Re-evaluated on
# each call, so it combines with wait_for: wait_for 5 is eth1 active_slave
is() {
	local want=$1 got
	shift
	if ! got=$("$@" 2>&1); then
		echo "failed: $* ($got)"
		return 1
	fi
	eq "$got" "$want"
}

# not CMD...: invert CMD's status.
not() { ! "$@"; }

# wait_for TIMEOUT CMD...: poll CMD every 0.1 s until it succeeds (0) or
# TIMEOUT seconds pass (1; CMD's last output is printed).
wait_for() {
	local timeout=$1 out deadline
	shift
	deadline=$(($(now_ms) + timeout * 1000))
	while true; do
		out=$("$@" 2>&1) && return 0
		(($(now_ms) >= deadline)) && break
		sleep 0.1
	done
	echo "timed out after ${timeout}s: $*"
	echo "$out"
	return 1
}

now_ms() { echo $((${EPOCHREALTIME/./} / 1000)); }

# ----------------------------------------------------------- command helpers
# ipn ARGS...: ip in $NS.
ipn() {
	if [[ -n $NS ]]; then ip -n "$NS" "$@"; else ip "$@"; fi
}

# nsx CMD...: run CMD in $NS (own /sys view, via ip netns exec).
nsx() {
	if [[ -n $NS ]]; then ip netns exec "$NS" "$@"; else "$@"; fi
}

# must CMD...: setup step; on failure report it and abort the test.
must() {
	local out
	if ! out=$("$@" 2>&1); then
		fail "setup: $*" "$out"
		exit 1
	fi
	[[ -z $out ]] || echo "$out"
}

# on_exit CMD: run CMD (a string, eval-ed) at exit, before namespaces go.
on_exit() { CLEANUP_CMDS+=("$1"); }

cleanup() {
	local rc=$? i
	trap - EXIT
	for ((i = ${#CLEANUP_CMDS[@]} - 1; i >= 0; i--)); do
		eval "${CLEANUP_CMDS[i]}" >/dev/null 2>&1
	done
	for i in "${NETNS_CREATED[@]}"; do
		ip netns del "$i" 2>/dev/null
	done
	((NFAIL > 0)) && exit 1
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# make_ns VAR PREFIX: create namespace PREFIX-$$ with lo up and IPv6 off (no
# DAD/RS/MLD chatter in the counters), store its name in VAR.
make_ns() {
	local name=$2-$$
	must ip netns add "$name"
	NETNS_CREATED+=("$name")
	must ip -n "$name" link set lo up
	must ip netns exec "$name" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	printf -v "$1" '%s' "$name"
}

# veth_pair A NS_A B NS_B: veth A (in NS_A) <-> B (in NS_B); "" = root ns.
# Both ends stay down; B is brought up if UP_PEER=1.
veth_pair() {
	local a=$1 nsa=$2 b=$3 nsb=$4
	must ip link add "$a" type veth peer name "$b"
	[[ -z $nsa ]] || must ip link set "$a" netns "$nsa"
	[[ -z $nsb ]] || must ip link set "$b" netns "$nsb"
	if [[ ${UP_PEER:-0} == 1 ]]; then
		if [[ -n $nsb ]]; then must ip -n "$nsb" link set "$b" up; else must ip link set "$b" up; fi
	fi
}

load_bonding() { # [MODULE PARAMS...]
	must modprobe bonding "$@"
}

# ---------------------------------------------------------------- accessors
# link_json DEV: ip -j -d link show DEV (in $NS)
link_json() { ipn -j -d link show dev "$1"; }

# link_field DEV JQ: e.g. link_field eth0 .address
link_field() { link_json "$1" | jq -r ".[0]$2"; }

# link_info DEV: the bond's info_data object
link_info() { link_json "$1" | jq -c '.[0].linkinfo.info_data'; }

# info DEV KEY: one info_data value (bond options over netlink)
info() { link_json "$1" | jq -r ".[0].linkinfo.info_data.$2"; }

# slave_info DEV KEY: one info_slave_data value (port state over netlink)
slave_info() { link_json "$1" | jq -r ".[0].linkinfo.info_slave_data.$2"; }

mac() { link_field "$1" .address; }
mtu() { link_field "$1" .mtu; }
master_of() { link_field "$1" '.master // ""'; }

# flags DEV: DEV's flags, space separated (BROADCAST MULTICAST SLAVE UP ...)
flags() { link_json "$1" | jq -r '.[0].flags | join(" ")'; }

# has_flag DEV FLAG / lacks_flag DEV FLAG (whole-word match: UP != LOWER_UP)
has_flag() {
	local f
	f=" $(flags "$1") " || return 1
	[[ $f == *" $2 "* ]] && return 0
	echo "$1 flags:$f(want $2)"
	return 1
}
lacks_flag() {
	local f
	f=" $(flags "$1") " || return 1
	[[ $f != *" $2 "* ]] && return 0
	echo "$1 flags:$f(want no $2)"
	return 1
}

# dev_exists DEV
dev_exists() { ipn link show dev "$1" >/dev/null 2>&1; }

# bond_attr BOND ATTR: /sys/class/net/BOND/bonding/ATTR
bond_attr() { nsx cat "/sys/class/net/$1/bonding/$2"; }

# sys_write FILE VALUE: bash's echo, so a failure prints strerror ("write
# error: Directory not empty") and returns non-zero.
# shellcheck disable=SC2016 # $1/$2 expand in the inner bash
sys_write() { nsx bash -c 'echo "$2" > "$1"' _ "$1" "$2"; }

# sys_errno FILE VALUE: prints the error text of the write ("" on success).
sys_errno() {
	local out
	out=$(sys_write "$1" "$2" 2>&1) && return 0
	echo "${out##*write error: }"
}

# The modes' names by uapi number
BOND_MODE_NAMES=(balance-rr active-backup balance-xor broadcast 802.3ad balance-tlb balance-alb)

# bond_state [BOND]: all of BOND's (bond0's) options, netlink info and every
# sysfs file, to compare before and after (one grep: a fork per file is
# slow in the emulated guest)
bond_state() {
	local b=${1:-bond0}
	link_json "$b" | jq -cS '.[0].linkinfo'
	nsx grep -r '' "/sys/class/net/$b/bonding/"
}

# bond_masters: contents of /sys/class/net/bonding_masters (in $NS)
bond_masters() { nsx cat /sys/class/net/bonding_masters; }

# proc_bond BOND: /proc/net/bonding/BOND (in $NS)
proc_bond() { nsx cat "/proc/net/bonding/$1"; }

# proc_field BOND KEY: value of the first "KEY: value" line of the bond
# (master) section, i.e. before the first "Slave Interface:".
proc_field() {
	proc_bond "$1" | awk -v k="$2" '
		/^Slave Interface:/ { exit }
		index($0, k ": ") == 1 { print substr($0, length(k) + 3); exit }'
}

# proc_slave_field BOND PORT KEY: value of KEY in PORT's block.
proc_slave_field() {
	proc_bond "$1" | awk -v p="$2" -v k="$3" '
		/^Slave Interface:/ { inblk = ($3 == p); next }
		inblk && index($0, k ": ") == 1 { print substr($0, length(k) + 3); exit }'
}

# tx_packets DEV
tx_packets() { ipn -j -s link show dev "$1" | jq -r '.[0].stats64.tx.packets'; }

# kmsg_mark / kmsg_since MARK: kernel log lines printed after the mark
kmsg_mark() { dmesg | wc -l; }
kmsg_since() { dmesg | tail -n +"$(($1 + 1))"; }

# bond_module_loaded
bond_module_loaded() { [[ -d /sys/module/bonding ]]; }

# switch_topology: the two-port "switch" topology used by the traffic tests.
# Creates netns $NS (bnd-$$, set as the default) with eth0 and eth1, and netns
# $SW (sw-$$) with their peers p0 and p1 in bridge br0 holding 192.0.2.2/24.
# The test then creates bond0 in $NS over eth0 and eth1.
#
#   bnd-$$:   bond0 192.0.2.1/24 (created by the test)
#              |          |
#             eth0       eth1
#   ----------|----------|---------
#   sw-$$:    p0         p1
#              \        /
#               br0 192.0.2.2/24
switch_topology() {
	make_ns NS bnd
	make_ns SW sw
	must ip -n "$SW" link add br0 type bridge
	must ip -n "$SW" addr add 192.0.2.2/24 dev br0
	must ip -n "$SW" link set br0 up
	local i
	for i in 0 1; do
		veth_pair "eth$i" "$NS" "p$i" "$SW"
		must ip -n "$SW" link set "p$i" master br0
		must ip -n "$SW" link set "p$i" up
	done
}

# ping_ok [COUNT]: ping 192.0.2.2 from $NS, COUNT (1) replies expected.
ping_ok() { nsx ping -q -c "${1:-1}" -W 2 192.0.2.2 >/dev/null; }

# ns_fn FUNC ARGS...: run shell function FUNC in $NS, in a single bash.
ns_fn() {
	local f=$1
	shift
	nsx bash -c "$(declare -f "$f"); $f \"\$@\"" _ "$@"
}

# carrier_timing PEER up|down SNAP_MS FILE WANT [SNAPFILE...]
# Timed carrier change, using shell builtins only (a fork costs tens of ms
# in the emulated guest); run it with ns_fn. Sets PEER's IFF_UP through
# sysfs (so its veth partner gains or loses carrier), reads the SNAPFILEs
# once SNAP_MS ms have passed, and polls FILE until it reads WANT (10 s at
# most). Prints "SNAP_AT_MS|DONE_MS|SNAPVAL|..." (DONE_MS -1: never).
carrier_timing() {
	local peer=$1 dir=$2 snap_ms=$3 file=$4 want=$5 flags t0 el v snap_at=-1 done_at=-1 vals="" f sfd
	shift 5
	read -r flags <"/sys/class/net/$peer/flags"
	if [[ $dir == down ]]; then flags=$((flags & ~1)); else flags=$((flags | 1)); fi
	exec {sfd}<> <(:) # read -t on it = sleep without a fork
	t0=${EPOCHREALTIME/./}
	printf '0x%x\n' "$flags" >"/sys/class/net/$peer/flags" || return 1
	while :; do
		el=$(((${EPOCHREALTIME/./} - t0) / 1000))
		if ((snap_at < 0 && el >= snap_ms)); then
			snap_at=$el
			for f in "$@"; do
				v=
				read -r v <"$f"
				vals+="|$v"
			done
		fi
		v=
		read -r v <"$file"
		((done_at < 0)) && [[ $v == "$want" ]] && done_at=$el
		((done_at >= 0 && snap_at >= 0 || el > 10000)) && break
		read -r -t 0.005 -u "$sfd"
	done
	echo "$snap_at|$done_at$vals"
}

# try_within SECS CMD...: run CMD in the background, its output going to a
# file (a CMD stuck in the kernel must not hold the test's stdout open), and
# wait for it at most SECS seconds. Prints CMD's output and returns its
# status; or prints why and returns 124, leaving CMD behind (a task blocked
# in the kernel cannot be killed).
try_within() {
	local secs=$1 out pid deadline rc
	shift
	out=$(mktemp)
	"$@" >"$out" 2>&1 </dev/null &
	pid=$!
	deadline=$(($(now_ms) + secs * 1000))
	while kill -0 "$pid" 2>/dev/null; do
		if (($(now_ms) >= deadline)); then
			echo "still running after ${secs}s: $*"
			return 124
		fi
		sleep 0.2
	done
	wait "$pid"
	rc=$?
	cat "$out"
	rm -f "$out"
	return "$rc"
}
