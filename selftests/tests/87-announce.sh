#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What `ip monitor link` sees, as front ends (NetworkManager, networkd)
# that follow a bond through rtnetlink events see it: a port that joins
# (IFF_SLAVE, master), the active port's change (the ports' bond_slave
# state, the bond's active_slave) and a port's link going down
# (mii_status), each announced as it happens.
#
#   netns bnd-$$: bond0 (active-backup, miimon 100) over eth0, eth1
#   netns peer-$$: peth0, peth1 (their peers)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
make_ns PEER peer
UP_PEER=1 veth_pair eth0 "$NS" peth0 "$PEER"
UP_PEER=1 veth_pair eth1 "$NS" peth1 "$PEER"
must ipn link add bond0 type bond mode active-backup miimon 100

LOG=$(mktemp)
on_exit "rm -f $LOG"
ip -n "$NS" -d -o monitor link >"$LOG" 2>&1 &
MON=$!
on_exit "kill $MON 2>/dev/null"
# The monitor listens once it reports a change made after it started (it
# may subscribe late: keep changing probe0's MTU until one is seen)
must ipn link add probe0 type dummy
listening() {
	ipn link set probe0 mtu $((1000 + RANDOM % 400)) &&
		grep -q probe0 "$LOG"
}
check "ip monitor link is listening" wait_for 10 listening

# seen DEV PATTERN: an announcement of DEV matching PATTERN since the mark
mark=0
seen() { tail -n +"$((mark + 1))" "$LOG" | grep -E "^[0-9]+: $1[:@].*$2" >/dev/null; }
set_mark() { mark=$(wc -l <"$LOG"); }

set_mark
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn link set bond0 up
check "eth0 announced as a port: SLAVE, master bond0" \
	wait_for 5 seen eth0 "SLAVE.*master bond0"
check "eth1 announced as a port" wait_for 5 seen eth1 "SLAVE.*master bond0"
check "eth0 active" wait_for 5 is eth0 bond_attr bond0 active_slave
check "eth1 announced as a backup" wait_for 5 seen eth1 "bond_slave state BACKUP"

set_mark
check "active_slave eth1" ipn link set bond0 type bond active_slave eth1
check "  eth1 announced active" wait_for 5 seen eth1 "bond_slave state ACTIVE"
check "  eth0 announced backup" wait_for 5 seen eth0 "bond_slave state BACKUP"
check "  bond0 announced with active_slave eth1" \
	wait_for 5 seen bond0 "active_slave eth1"

set_mark
must ip -n "$PEER" link set peth1 down
check "carrier loss: eth1 announced with mii_status DOWN" \
	wait_for 5 seen eth1 "mii_status DOWN"
check "  eth0 announced active again" wait_for 5 seen eth0 "bond_slave state ACTIVE"

set_mark
must ipn link set eth1 nomaster
check "released eth1 announced without master" \
	wait_for 5 sh -c "tail -n +$((mark + 1)) $LOG | grep -E '^[0-9]+: eth1[:@]' | grep -qv master"
exit 0
