#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bond0's counters when a port's counters misbehave: a port whose counters
# go backwards (a driver resetting them) adds nothing, and counting resumes
# from the new value; a 32-bit counter wrapping adds the wrapped distance;
# a 64-bit one going backwards adds nothing. Never a decrease, never a jump
# to ~2^64. The port is bond_testdev (selftests/testdev): its counters are
# its module parameters.
#
#   bnd-$$:   bond0 (balance-rr, miimon 100)
#              |
#             tdev0 (type bondtest: settable rx/tx packets and bytes)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

TESTDEV=$(cd "$(dirname "$0")/../testdev" && pwd)
KO=${BOND_TESTDEV_KO:-$TESTDEV/bond_testdev.ko}	# check-debug.sh builds its own
P=/sys/module/bond_testdev/parameters
if [[ ! -f $KO || $KO -ot $TESTDEV/bond_testdev.c ]]; then
	echo "# building $KO (make -C selftests/testdev does it on the host)"
	if ! out=$(make -C "$TESTDEV" KDIR="/usr/src/linux-headers-$(uname -r)" 2>&1); then
		skip "bond_testdev.ko builds" "$(tail -n 1 <<<"$out")"
		exit 0
	fi
fi
must insmod "$KO"
on_exit "rmmod bond_testdev"

load_bonding max_bonds=0
make_ns NS bnd
must ipn link add tdev0 type bondtest
must ipn link add bond0 type bond mode balance-rr miimon 100

# set_port V: every counter of tdev0 (rx/tx packets and bytes) reads V
set_port() {
	local f
	for f in rx_packets tx_packets rx_bytes tx_bytes; do
		echo "$1" >"$P/$f" || return 1
	done
}
stat() { nsx cat "/sys/class/net/$1/statistics/$2"; }
# counters: bond0's rx/tx packets and rx/tx bytes on one line
counters() {
	nsx cat /sys/class/net/bond0/statistics/{rx_packets,tx_packets,rx_bytes,tx_bytes} | paste -sd ' '
}
# bond_is WANT: all four of bond0's counters read WANT (sysfs, one read)
bond_is() {
	local got
	got=$(counters)
	[[ $got == "$1 $1 $1 $1" ]] && return 0
	echo "rx/tx packets, rx/tx bytes: want $1, got $got"
	return 1
}
# step CASE V WANT: tdev0's counters become V; bond0's must read WANT
step() {
	must set_port "$2"
	check "$1" bond_is "$3"
}

must set_port 1000
must ipn link set tdev0 master bond0
must ipn link set bond0 up
check "tdev0 enslaved" is bond0 master_of tdev0
check "bond0 starts at 0 (tdev0's earlier traffic not counted)" bond_is 0
step "tdev0 1000 -> 1500: bond0 +500" 1500 500
step "tdev0 1500 -> 100 (reset): bond0 does not move" 100 500
step "tdev0 100 -> 300: bond0 +200, counting from the reset" 300 700
check "netlink stats64 agree (tx_packets 700)" is 700 tx_packets bond0
# 32-bit counters (both values below 2^32): a step counts as forwards if
# it is below 2^31 modulo 2^32, so 0xffffff00 -> 0x100 is +0x200 (512)
step "tdev0 300 -> 0x70000000: bond0 +1879047892" 1879048192 1879048592
step "tdev0 -> 0xe0000000: bond0 +0x70000000" 3758096384 3758096784
step "tdev0 -> 0xffffff00: bond0 +0x1fffff00" 4294967040 4294967440
step "tdev0 wraps at 32 bits to 0x100: bond0 +512" 256 4294967952
# 64-bit counters going backwards: nothing
step "tdev0 -> 2^40: bond0 +(2^40 - 256)" 1099511627776 1103806595472
step "tdev0 2^40 -> 2^40 - 10 (64-bit, backwards): bond0 does not move" 1099511627766 1103806595472
step "tdev0 2^40 - 10 -> 2^40 + 90: bond0 +100" 1099511627866 1103806595572
echo "# bond0 counters at the end: $(counters)"
before=$(stat bond0 tx_packets)
check "release tdev0" ipn link set tdev0 nomaster
check "bond0 keeps its counters after the release" bond_is "$before"
must set_port 5
check "tdev0 reset after leaving: bond0 does not move" bond_is "$before"
must ipn link del tdev0
