#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A bond released from another bond stays a bond master for the kernel
# (IFF_BONDING kept: only non-bond ports lose it). Seen from userspace
# through linkwatch: a LAG master's carrier changes are urgent events,
# applied to its operstate at once, while other devices' carrier losses
# wait for the next linkwatch run, up to 1 s after the previous one. A
# carrier loss on dummy0 (not a LAG device) starts that second, then peth2
# goes down and bond1's operstate must follow within a few miimon ticks;
# dummy1 losing carrier instead is the control: its operstate is deferred.
#
#   bnd-$$:   bond0 (active-backup)
#              |
#             bond1 (active-backup, miimon 10)    dummy0
#              |
#             eth2 -- peth2                       dummy1 (the control)
#                                                 (peth2 down = carrier loss on eth2)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

FAST=400 # ms; a deferred event comes ~1000 ms after dummy0's
load_bonding max_bonds=0
make_ns NS bnd
UP_PEER=1 veth_pair eth2 "$NS" peth2 "$NS"
for d in dummy0 dummy1; do
	must ipn link add $d type dummy
	must ipn link set $d up
done
must ipn link add bond0 type bond mode active-backup
must ipn link add bond1 type bond mode active-backup miimon 10
must ipn link set eth2 master bond1
must ipn link set bond1 up
must ipn link set bond0 up

# lw_timing DEV WATCH: in $NS, with builtins only. dummy0 loses carrier (a
# non-urgent linkwatch event: the next non-urgent run is 1 s away), then
# DEV loses carrier (peth2: set down, so eth2 loses it; dummy1: carrier
# off); prints the ms until WATCH's operstate reads "down" (-1: not in 3 s).
# Restores the carriers afterwards.
lw_timing() {
	local dev=$1 watch=$2 sfd flags t0 el v done_at=-1
	exec {sfd}<> <(:)
	echo 0 >/sys/class/net/dummy0/carrier || return 1
	read -r -t 0.05 -u "$sfd"
	read -r flags </sys/class/net/peth2/flags
	t0=${EPOCHREALTIME/./}
	if [[ $dev == peth2 ]]; then
		printf '0x%x\n' $((flags & ~1)) >/sys/class/net/peth2/flags || return 1
	else
		echo 0 >"/sys/class/net/$dev/carrier" || return 1
	fi
	while :; do
		el=$(((${EPOCHREALTIME/./} - t0) / 1000))
		read -r v <"/sys/class/net/$watch/operstate"
		[[ $v == down ]] && { done_at=$el; break; }
		((el > 3000)) && break
		read -r -t 0.005 -u "$sfd"
	done
	if [[ $dev == peth2 ]]; then
		printf '0x%x\n' $((flags | 1)) >/sys/class/net/peth2/flags
	else
		echo 1 >"/sys/class/net/$dev/carrier"
	fi
	echo 1 >/sys/class/net/dummy0/carrier
	echo "$done_at"
}

fast() { (($1 >= 0 && $1 <= FAST)) || { echo "took $1 ms"; return 1; }; }
deferred() { (($1 > FAST)) || { echo "took $1 ms"; return 1; }; }

# timing WATCH DEV: one timing, after linkwatch has been quiet for over 1 s
timing() {
	wait_for 5 is up nsx cat "/sys/class/net/$1/operstate" >/dev/null
	sleep 1.5
	ns_fn lw_timing "$2" "$1"
}
# measure WHAT: bond1's operstate follows eth2's carrier loss at once
measure() {
	local ms
	check "$1: bond1 operstate up" wait_for 5 is up nsx cat /sys/class/net/bond1/operstate
	ms=$(timing bond1 peth2)
	echo "# $1: bond1 operstate down $ms ms after eth2's carrier loss"
	check "$1: bond1 operstate follows at once (<= $FAST ms)" fast "$ms"
}

# The control: an ordinary device's carrier loss waits for linkwatch
ms=$(timing dummy1 dummy1)
echo "# control: dummy1 operstate down $ms ms after its carrier loss"
check "control: dummy1 (no LAG device) operstate deferred (> $FAST ms)" deferred "$ms"
measure "bond1 on its own"
must ipn link set bond1 down
check "ip link set bond1 master bond0" ipn link set bond1 master bond0
check "bond1 has IFF_MASTER and IFF_SLAVE" sh -c "ip -n $NS -j link show bond1 | jq -e '.[0].flags | index(\"MASTER\") and index(\"SLAVE\")'"
measure "bond1 a port of bond0"
check "ip link set bond1 nomaster" ipn link set bond1 nomaster
check "bond1 keeps IFF_MASTER" has_flag bond1 MASTER
check "bond1 lost IFF_SLAVE" lacks_flag bond1 SLAVE
must ipn link set bond1 up
measure "bond1 released from bond0"
must ipn link set bond1 down
check "bond1 can be enslaved to bond0 again" ipn link set bond1 master bond0
# Not left nested for the namespace's removal: 32-nested deals with that
must ipn link set bond1 nomaster
