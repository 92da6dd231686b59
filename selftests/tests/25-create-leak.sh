#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Options given at creation (ip link add ... type bond OPTION) are applied
# before the bond is registered: nothing they allocate may be lost. N bonds
# are created with primary_reselect better and removed with the module;
# kmalloc-32 (where a port-less transmit array lands) must not keep one
# object per bond. The same without the option is the control.
#
#   bnd-$$:   bond1 ... bondN (ip -batch: link add bondI type bond OPTIONS)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

N=250
MAX=$((N / 4)) # objects kept; a leak of one per bond is N
CACHES="kmalloc-32 kmalloc-64"

make_ns NS bnd
BATCH=$(mktemp)
on_exit "rm -f $BATCH"

# slab CACHE: active objects, per-cpu slabs flushed first so that free
# objects in them are not counted as active
slab() {
	echo 1 >"/sys/kernel/slab/$1/shrink" 2>/dev/null
	awk -v c="$1" '$1 == c { print $2 }' /proc/slabinfo
}
# settle CACHE: the lowest of a few readings over ~1 s (kfree_rcu batches)
settle() {
	local i v min=
	for i in 1 2 3; do
		v=$(slab "$1")
		[[ -z $min ]] || ((v < min)) && min=$v
		sleep 0.3
	done
	echo "$min"
}

# run_case WHAT OPTIONS...: load, create N bonds, unload; prints the
# kmalloc-32 objects kept, and the other caches' numbers as # lines
run_case() {
	local what=$1 i c before=() after n
	shift
	for ((i = 1; i <= N; i++)); do
		echo "link add bond$i type bond $*"
	done >"$BATCH"
	sync
	for c in $CACHES; do before+=("$(settle "$c")"); done
	load_bonding max_bonds=0
	check "$what: ip -batch creates $N bonds" ip -n "$NS" -batch "$BATCH"
	n=$(nsx cat /sys/class/net/bonding_masters | wc -w)
	check "$what: $N bonds listed in bonding_masters" eq "$n" $N
	[[ -z $* ]] || check "$what: bond$N has $*" is "${2:-}" sh -c "ip netns exec $NS cat /sys/class/net/bond$N/bonding/$1 | cut -d' ' -f1"
	check "$what: unload bonding (removes the bonds)" modprobe -r bonding
	i=0
	for c in $CACHES; do
		after=$(settle "$c")
		echo "# $what: $c active objects ${before[i]} -> $after ($((after - before[i])))"
		[[ $c == kmalloc-32 ]] && kept=$((after - before[i]))
		i=$((i + 1))
	done
}

kept=0
run_case "no option"
check "no option: kmalloc-32 keeps <= $MAX objects for $N bonds" le "$kept" $MAX
run_case "primary_reselect better" primary_reselect better
check "primary_reselect better: kmalloc-32 keeps <= $MAX objects for $N bonds (one per bond is a leak)" le "$kept" $MAX
