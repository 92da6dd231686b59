#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the bonding selftests and print KTAP.
#   selftests/run.sh [TEST...]     TEST: 30-enslave, 30-enslave.sh or tests/30-enslave.sh
# Every tests/*.sh runs (sorted) unless tests are named. Each runs in its own
# bash under `timeout $TEST_TIMEOUT` (300 s); afterwards leftover namespaces
# are removed, bonding is unloaded and the kernel log lines printed during the
# test are scanned. With kmemleak (the debug kernel, vm/debug-kernel.sh), any
# leak it finds after the last test fails a case too; KMEMLEAK_SCAN=each also
# scans after each test, before bonding is unloaded so that the stacks
# resolve (each scan takes a minute or more under TCG).
# A test that leaves a device stuck in unregister_netdevice ends the run
# ("Bail out!"): unloading bonding, and most later tests, would block on it.
# Last line: "N passed, N failed". Exit 1 if any failed.
# Needs root and a kernel where `modprobe bonding` loads the module under
# test (see vm/run-vm.sh).

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 2
export SELFTEST_RUNNER=1
TEST_TIMEOUT=${TEST_TIMEOUT:-300}
KMEMLEAK=/sys/kernel/debug/kmemleak KMEMLEAK_SCAN=${KMEMLEAK_SCAN:-end}
KLOG_BAD='WARNING:|BUG:|Oops|RCU stall|rcu_sched self-detected|soft lockup|hung task|kmemleak|general protection|UBSAN|KASAN|list_add corruption|refcount_t:|unregister_netdevice: waiting'

n=0 passed=0 failed=0 skipped=0

result() { # ok|notok|skip NAME [DIRECTIVE]
	n=$((n + 1))
	case $1 in
	ok) passed=$((passed + 1)); echo "ok $n $2" ;;
	skip) passed=$((passed + 1)); skipped=$((skipped + 1)); echo "ok $n $2 # $3" ;;
	*) failed=$((failed + 1)); echo "not ok $n $2" ;;
	esac
}

comment() { while IFS= read -r l; do echo "# $l"; done; }

# Remove what a test left behind; print what it was (nothing if clean).
teardown() {
	local ns
	for ns in $(ip netns list | awk '{print $1}'); do
		echo "leftover netns $ns"
		ip netns del "$ns"
	done
	if [[ -d /sys/module/bonding ]] && ! timeout 60 modprobe -r bonding 2>&1; then
		echo "modprobe -r bonding failed (refcnt $(cat /sys/module/bonding/refcnt 2>/dev/null))"
	fi
	[[ ! -d /sys/module/bonding ]] || echo "bonding still loaded"
}

# Print the leaks kmemleak suspects now, then forget them.
kmemleak_report() {
	sleep 5 # kmemleak ignores objects younger than 5 s
	# An object is reported by the second scan finding it unreferenced and unchanged.
	{ echo scan >"$KMEMLEAK" && sleep 2 && echo scan >"$KMEMLEAK"; } 2>&1 || echo "kmemleak scan failed"
	cat "$KMEMLEAK"
	echo clear >"$KMEMLEAK"
}

# kmemleak_case NAME WHEN: ok if kmemleak finds no leak (a case only if the kernel has kmemleak)
kmemleak_case() {
	local out
	[[ -w $KMEMLEAK ]] || return 0
	out=$(kmemleak_report)
	if [[ -z $out ]]; then
		result ok "$1: no kmemleak report $2"
	else
		comment <<<"$out"
		result notok "$1: no kmemleak report $2"
	fi
}

if (($#)); then
	tests=()
	for t in "$@"; do
		t=${t##*/}
		tests+=("tests/${t%.sh}.sh")
	done
else
	tests=(tests/*.sh)
fi

# Bash's <(...) needs /dev/fd, which a bare devtmpfs (the test VM's) lacks.
[[ -e /dev/fd ]] || ln -s /proc/self/fd /dev/fd

echo "KTAP version 1"
echo "# kernel $(uname -r); bonding: $(modinfo -F filename bonding 2>&1)"
ver=$(modinfo -F version bonding 2>/dev/null) src=$(modinfo -F srcversion bonding 2>/dev/null)
[[ -z $ver$src ]] || echo "# bonding version ${ver:-none}, srcversion ${src:-none}"
out=$(teardown)
[[ -z $out ]] || comment <<<"before tests: $out"
if [[ -w $KMEMLEAK ]]; then # leaks of the boot, not of a test: shown, forgotten
	out=$(kmemleak_report)
	[[ -z $out ]] || comment <<<"kmemleak before tests: $out"
fi
start=$SECONDS

for t in "${tests[@]}"; do
	name=$(basename "${t%.sh}")
	echo "# ---- $name"
	if [[ ! -f $t ]]; then
		result notok "$name: test exists"
		continue
	fi
	klog_mark=$(dmesg | wc -l)
	t0=$SECONDS
	cases=0 fails=0 rc=
	while IFS= read -r line; do
		case $line in
		"@@ok@@ "*) result ok "$name: ${line#@@ok@@ }"; cases=$((cases + 1)) ;;
		"@@notok@@ "*) result notok "$name: ${line#@@notok@@ }"; cases=$((cases + 1)); fails=$((fails + 1)) ;;
		"@@skip@@ "*)
			line=${line#@@skip@@ }
			result skip "$name: ${line% # SKIP*}" "SKIP ${line##* # SKIP }"
			cases=$((cases + 1)) ;;
		"@@rc@@ "*) rc=${line#@@rc@@ } ;;
		"# "*) echo "$line" ;;
		*) echo "# $line" ;;
		esac
	done < <(timeout -k 10 "$TEST_TIMEOUT" bash "$t" 2>&1 </dev/null; echo "@@rc@@ $?")

	if [[ $rc == 124 || $rc == 137 ]]; then
		result notok "$name: finished within ${TEST_TIMEOUT}s"
	elif [[ $rc != 0 ]] && ((fails == 0)); then
		result notok "$name: exit status $rc without a failed case"
	elif ((cases == 0)); then
		result notok "$name: reported at least one case"
	fi
	echo "# $name took $((SECONDS - t0))s"

	# A device that never became free wedges the kernel: modprobe -r and
	# every later test would block in it for good, so stop here.
	wedged=$(dmesg | tail -n +"$((klog_mark + 1))" | grep -m 3 'unregister_netdevice: waiting')
	if [[ -n $wedged ]]; then
		comment <<<"$wedged"
		result notok "$name: bonding unloaded, no netns left"
		result notok "$name: kernel log clean after $name"
		echo "Bail out! $name left a device that never became free"
		break
	fi

	[[ $KMEMLEAK_SCAN != each ]] || kmemleak_case "$name" "after $name"
	out=$(teardown)
	if [[ -z $out ]]; then
		result ok "$name: bonding unloaded, no netns left"
	else
		comment <<<"$out"
		result notok "$name: bonding unloaded, no netns left"
	fi

	nlines=$(dmesg | wc -l)
	((nlines >= klog_mark)) || klog_mark=0 # log wrapped: scan it all
	# (kmemleak_case's scans log their count: not a finding of their own)
	bad=$(dmesg | tail -n +"$((klog_mark + 1))" | grep -v 'kmemleak: [0-9]* new suspected memory leaks' |
		grep -E -A 40 "$KLOG_BAD" | head -n 60)
	if [[ -z $bad ]]; then
		result ok "$name: kernel log clean after $name"
	else
		comment <<<"$bad"
		result notok "$name: kernel log clean after $name"
	fi
done
((${#tests[@]} == 0)) || kmemleak_case "${name:-run}" "after the last unload"

echo "# total time $((SECONDS - start))s, $skipped skipped"
echo "1..$n"
echo "$passed passed, $failed failed"
((failed == 0))
