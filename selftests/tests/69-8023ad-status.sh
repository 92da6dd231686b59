#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Beyond the tree: an 802.3ad port says what it does, or why it does not
# aggregate, in bonding_slave/ad_reason and in an "Aggregation status:"
# line of /proc/net/bonding. Each reason a veth set-up can produce is
# reached; every case fails on the in-tree driver, which has neither.
#
#   a-$$: bond0 (802.3ad, fast)      b-$$: bond0 (802.3ad, fast)   c-$$: bond1
#          |a0        |a1                   |b0       |b1                 |c0
#          +----------)---------------------+         |                   |
#                     +-------------------------------+ (later: a1 - c0) -+
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

make_ns A a
make_ns B b
make_ns C c
veth_pair a0 "$A" b0 "$B"
veth_pair a1 "$A" b1 "$B"
load_bonding max_bonds=0

# ad_bond NS BOND PORTS...: an 802.3ad bond, fast rate, up
ad_bond() {
	local ns=$1 bond=$2 p
	shift 2
	must ip -n "$ns" link add "$bond" type bond mode 802.3ad lacp_rate fast miimon 100 \
		"${AD_OPTS[@]}"
	for p in "$@"; do
		must ip -n "$ns" link set "$p" master "$bond"
	done
	must ip -n "$ns" link set "$bond" up
}

reason() { ip netns exec "$1" cat "/sys/class/net/$2/bonding_slave/ad_reason"; }
reason_is() { is "$3" reason "$1" "$2"; }
reason_has() { match "$(reason "$1" "$2")" "$3"; }
proc_status() {
	ip netns exec "$1" cat "/proc/net/bonding/$2" |
		sed -n "/^Slave Interface: $3\$/,/^\$/s/^Aggregation status: //p"
}

AD_OPTS=()
ad_bond "$A" bond0 a0 a1
ad_bond "$B" bond0 b0 b1
beyond "a0 aggregating" wait_for 15 reason_is "$A" a0 aggregating
beyond "a1 aggregating" wait_for 5 reason_is "$A" a1 aggregating
beyond "/proc says so for a1" is aggregating proc_status "$A" bond0 a1

# The partner goes silent: its LACPDUs are dropped on their way out
must ip netns exec "$B" tc qdisc add dev b0 clsact
must ip netns exec "$B" tc filter add dev b0 egress protocol 0x8809 matchall action drop
beyond "a0: partner silent" wait_for 10 reason_has "$A" a0 "^no LACPDU received \(partner silent\)"
must ip netns exec "$B" tc qdisc del dev b0 clsact
beyond "a0 aggregating again" wait_for 15 reason_is "$A" a0 aggregating

must ip -n "$B" link set b1 down
beyond "a1: link down" wait_for 5 reason_is "$A" a1 "link down"
must ip -n "$B" link set b1 up
beyond "a1 aggregating after link up" wait_for 15 reason_is "$A" a1 aggregating

# a1 to another partner system: its own aggregator, not the active one
must ip -n "$B" link set b1 nomaster
must ip -n "$B" link set b1 netns "$C"
ad_bond "$C" bond1 b1
beyond "a1: other partner" wait_for 15 \
	reason_is "$A" a1 "partner system or key differs from the active aggregator's"
beyond "a0 still aggregating" reason_is "$A" a0 aggregating

# Passive at both ends: nobody speaks
must ip -n "$A" link del bond0
must ip -n "$B" link del bond0
must ip -n "$C" link del bond1
AD_OPTS=(lacp_active off)
ad_bond "$A" bond0 a0
ad_bond "$B" bond0 b0
beyond "a0: both ends passive" wait_for 10 \
	reason_is "$A" a0 "no LACPDU received, and both ends passive (lacp_active off)"
beyond "/proc says so" is "no LACPDU received, and both ends passive (lacp_active off)" \
	proc_status "$A" bond0 a0
# Active at one end: it speaks first, the passive end answers
must ip -n "$B" link del bond0
AD_OPTS=()
ad_bond "$B" bond0 b0
beyond "a0 (passive) aggregates with an active partner" wait_for 15 reason_is "$A" a0 aggregating

# Not 802.3ad: no status
must ip -n "$A" link del bond0
must ip -n "$A" link add bond0 type bond mode balance-rr
must ip -n "$A" link set a0 master bond0
if ours; then
	check "balance-rr port: ad_reason N/A" is N/A reason "$A" a0
fi
