#!/bin/bash
# bench/run.sh [--module PATH]: benchmark our bonding.ko against the in-tree one, in one
# QEMU boot of Debian's kernel (selftests/vm/run-vm.sh). Builds the module first only if
# it is missing. Prints one "figure:" line per figure and writes bench/results/latest.md
# (summary table), plus latest.png (plot, if gnuplot is available) and latest.log, raw.tsv.
# The guest runs bench/guest.sh; its BENCH_* knobs can be set here, e.g.
#   BENCH_FIGURES="failover tcp" BENCH_REPS=3 bench/run.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
module=$repo/bonding.ko
results=$here/results
export DEBIAN_FRONTEND=noninteractive

while (($#)); do
	case $1 in
	--module) module=$(realpath "$2"); shift 2 ;;
	*) sed -n '2,7s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done

# apt_ensure CMD PACKAGE: install PACKAGE if CMD is missing. The guest's root is this
# host's /, so what the guest needs (iperf3) is installed here, before the boot.
apt_ensure() {
	command -v "$1" >/dev/null && return 0
	echo "run.sh: installing $2"
	{ apt-get install -y -qq --no-install-recommends "$2" ||
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends "$2"; }; } >/dev/null ||
		echo "run.sh: could not install $2; going on without it"
}

# extract NAME LOG: the file NAME that the guest printed between markers
extract() {
	awk -v name="$1" '
		$0 == "@@bench-file " name "@@" { on = 1; next }
		$0 == "@@bench-end@@" { on = 0 }
		on' "$2" | tr -d '\r'
}

# hide_files: the console minus the files between markers (they are in the log)
hide_files() { awk '/^@@bench-file /{ skip = 1 } !skip { print; fflush() } /^@@bench-end@@/{ skip = 0 }'; }

main() {
	local t0 log rc=0 rev env=()
	t0=$(date +%s)
	[[ -f $module ]] || make -C "$repo" modules
	apt_ensure iperf3 iperf3
	apt_ensure gnuplot gnuplot-nox
	mkdir -p "$results"
	log=$results/latest.log
	rev="given with --module, not this repo's bonding.ko"
	[[ $module != "$repo/bonding.ko" ]] ||
		rev="built from this repo at $(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
	env=("BENCH_REV=$rev")
	local v
	for v in ${!BENCH_@}; do env+=("$v=${!v}"); done
	# One boot runs everything: generous timeout over the ~12 minutes it takes
	"$repo/selftests/vm/run-vm.sh" --module "$module" --timeout 1800 -- \
		env "${env[@]}" "$here/guest.sh" | tee "$log" | hide_files || rc=$?
	local f
	for f in latest.md raw.tsv plot.tsv; do
		extract "$f" "$log" >"$results/$f.new"
	done
	if ((rc)) || [[ ! -s $results/latest.md.new ]]; then
		rm -f "$results"/*.new
		echo "run.sh: the benchmark failed (exit $rc); see $log" >&2
		exit 1
	fi
	for f in latest.md raw.tsv plot.tsv; do
		mv "$results/$f.new" "$results/$f"
	done
	if command -v gnuplot >/dev/null; then
		"$here/plot.sh" "$results/plot.tsv" "$results/latest.png" && echo "run.sh: plot in $results/latest.png"
	else
		echo "run.sh: gnuplot not available, no plot"
	fi
	echo "run.sh: report in $results/latest.md; total $(($(date +%s) - t0)) s"
}

main
