#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tools/ifenslave: enslave, change the active slave, show and release, over
# rtnetlink and (-i) over the legacy SIOCBOND* ioctls; its error reports.
# Uses the prebuilt binary (make -C tools/ifenslave), or $IFENSLAVE.
#
#   netns bnd-$$:
#            bond0 (active-backup, miimon 100)     bond1 (balance-rr, empty)
#             |         |                          br0 (bridge, no ports)
#             |         |
#            eth0      eth1        veth, eth0 up before it is enslaved
#             |         |
#           peth0     peth1        peers, up
#
#            eth2 (veth, up) <- mv0 (macvlan): eth2 is busy, not enslavable
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

IFENSLAVE=${IFENSLAVE:-$(cd "$(dirname "$0")/../.." && pwd)/tools/ifenslave/ifenslave}
if [[ ! -x $IFENSLAVE ]]; then
	skip "ifenslave is built" "no $IFENSLAVE (make -C tools/ifenslave)"
	exit 0
fi

load_bonding max_bonds=0
make_ns NS bnd
UP_PEER=1 veth_pair eth0 "$NS" peth0 "$NS"
UP_PEER=1 veth_pair eth1 "$NS" peth1 "$NS"
must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link set bond0 up
must ipn link add bond1 type bond

# ifs ARGS...: ifenslave in $NS; ifs_out ARGS...: its stdout and stderr
ifs() { nsx "$IFENSLAVE" "$@"; }
ifs_out() { ifs "$@" 2>&1; }
# ifs_fails REGEX ARGS...: ifenslave exits 1 with a message matching REGEX
ifs_fails() {
	local re=$1 out rc=0
	shift
	out=$(ifs "$@" 2>&1) || rc=$?
	eq "$rc" 1 || return 1
	match "$out" "$re"
}
# exit_status CMD...: CMD's exit status, its output dropped
exit_status() {
	local rc=0
	"$@" >/dev/null 2>&1 || rc=$?
	echo "$rc"
}
# show_has LINE ARGS...: a line of `ifenslave -a ARGS...` is LINE
show_has() {
	local line=$1 out
	shift
	out=$(ifs -a "$@") || return 1
	grep -qxF -- "$line" <<<"$out" && return 0
	echo "no line '$line' in:"
	echo "$out"
	return 1
}
# show_match REGEX ARGS...: a line of `ifenslave -a ARGS...` matches REGEX
show_match() {
	local re=$1 out
	shift
	out=$(ifs -a "$@") || return 1
	grep -qE -- "$re" <<<"$out" && return 0
	echo "no line matches /$re/ in:"
	echo "$out"
	return 1
}
# show_lacks REGEX ARGS...: no line of `ifenslave -a ARGS...` matches REGEX
show_lacks() {
	local re=$1 out
	shift
	out=$(ifs -a "$@") || return 1
	grep -qE -- "$re" <<<"$out" || return 0
	echo "a line matches /$re/ in:"
	echo "$out"
	return 1
}
active() { bond_attr bond0 active_slave; }

# --- command line
check "-h prints the usage, exit 0" match "$(ifs_out -h)" "Usage: ifenslave.*--ioctl"
check "-V prints the version" match "$(ifs_out --version)" "^ifenslave [0-9]"
check "-c with no SLAVE is a usage error (2)" is 2 exit_status ifs -c bond0
check "conflicting actions are a usage error (2)" is 2 exit_status ifs -a -d bond0 eth0

# --- rtnetlink (the default)
must ipn link set eth0 up
check "ifenslave bond0 eth0 eth1 (eth0 up)" ifs bond0 eth0 eth1
check "eth0 has SLAVE flag" has_flag eth0 SLAVE
check "eth1 has SLAVE flag" has_flag eth1 SLAVE
check "eth0 master is bond0" is bond0 master_of eth0
check "sysfs slaves lists eth0 eth1" is "eth0 eth1" bond_attr bond0 slaves
check "the bond brought eth0 up again" has_flag eth0 UP
check "the bond brought eth1 up" has_flag eth1 UP
check "active_slave is eth0" is eth0 active
check "-v tells it used netlink" match "$(ifs_out -v -c bond0 eth0)" "via netlink"
check "ifenslave -c bond0 eth1" ifs -c bond0 eth1
check "active_slave is eth1" is eth1 active
check "eth1 state ACTIVE" is ACTIVE slave_info eth1 state
check "eth0 state BACKUP" is BACKUP slave_info eth0 state
check "-a: bond0 mode, miimon, 2 slaves" show_has "bond0: mode active-backup miimon 100 slaves 2"
check "-a: eth0 up, backup" show_has $'\tslave eth0 link up state backup link_failure_count 0'
check "-a: eth1 up, active" show_has $'\tslave eth1 link up state active link_failure_count 0'
check "-a: empty bond1 (balance-rr)" show_match "^bond1: mode balance-rr miimon [0-9]+ slaves 0$"
check "-a bond0: bond0's lines" show_has "bond0: mode active-backup miimon 100 slaves 2" bond0
check "-a bond0: not bond1" show_lacks "^bond1" bond0
check "re-enslaving eth1 fails, names the master" ifs_fails "^ifenslave: eth1: File exists: already a slave of bond0" bond0 eth1
check "eth1 is left up and active" is eth1 active
check "ifenslave -d bond0 eth0" ifs -d bond0 eth0
check "sysfs slaves lists eth1 only" is eth1 bond_attr bond0 slaves
check "eth0 lost SLAVE" lacks_flag eth0 SLAVE
check "eth0 has no master" is "" master_of eth0
check "-a: bond0 has 1 slave" show_has "bond0: mode active-backup miimon 100 slaves 1"

# --- errors
check "enslaving into missing bond9 fails" ifs_fails "^ifenslave: bond9: No such device" bond9 eth0
check "enslaving missing eth9 fails" ifs_fails "^ifenslave: eth9: No such device" bond0 eth9
check "releasing non-slave eth0 fails" ifs_fails "^ifenslave: eth0: Invalid argument" -d bond0 eth0
must ipn link add br0 type bridge
check "enslaving into a bridge fails" ifs_fails "^ifenslave: br0: .*not a bonding master" br0 eth0
check "eth0 is no bridge port" is "" master_of eth0
UP_PEER=1 veth_pair eth2 "$NS" peth2 "$NS"
must ipn link add mv0 link eth2 type macvlan
must ipn link set eth2 up
check "enslaving busy eth2 fails with the kernel's message" \
	ifs_fails "^ifenslave: eth2: Device or resource busy: Device is in use and cannot be enslaved" bond0 eth2
check "failed enslave leaves eth2 up" has_flag eth2 UP
check "failed enslave leaves eth2 no slave" lacks_flag eth2 SLAVE
check "one failing SLAVE fails the command, the others go on" ifs_fails "eth2: Device or resource busy" bond0 eth2 eth0
check "eth0 enslaved despite eth2's failure" is bond0 master_of eth0
must ifs -d bond0 eth0 eth1
check "-d of two slaves empties bond0" is "" bond_attr bond0 slaves

# --- the legacy ioctls (-i)
must ipn link set eth0 up
check "ifenslave -i bond0 eth0 (eth0 up)" ifs -i bond0 eth0
check "ifenslave --ioctl bond0 eth1" ifs --ioctl bond0 eth1
check "ioctl: eth0 has SLAVE flag" has_flag eth0 SLAVE
check "ioctl: eth1 has SLAVE flag" has_flag eth1 SLAVE
check "ioctl: sysfs slaves lists eth0 eth1" is "eth0 eth1" bond_attr bond0 slaves
check "ioctl: the bond brought eth0 up again" has_flag eth0 UP
check "ioctl: active_slave is eth0" is eth0 active
out=$(ifs_out -v -i -c bond0 eth0)
check "-v -i tells it used the ioctls only" eq "$(grep -c 'via netlink' <<<"$out")/$(grep -c 'via ioctl' <<<"$out")" 0/2
check "ifenslave -i --change-active bond0 eth1" ifs -i --change-active bond0 eth1
check "ioctl: active_slave is eth1" is eth1 active
check "ioctl: eth1 state ACTIVE" is ACTIVE slave_info eth1 state
check "-i -a: bond0 mode, miimon, 2 slaves" show_has "bond0: mode active-backup miimon 100 slaves 2" -i
check "-i -a: eth0 up, backup" show_has $'\tslave eth0 link up state backup link_failure_count 0' -i
check "-i -a: eth1 up, active" show_has $'\tslave eth1 link up state active link_failure_count 0' -i
check "ifenslave -i --detach bond0 eth0" ifs -i --detach bond0 eth0
check "ioctl: sysfs slaves lists eth1 only" is eth1 bond_attr bond0 slaves
check "ioctl: eth0 lost SLAVE" lacks_flag eth0 SLAVE
check "ioctl: releasing non-slave eth0 fails" ifs_fails "^ifenslave: eth0: " -i -d bond0 eth0
check "ioctl: enslaving into missing bond9 fails" ifs_fails "^ifenslave: bond9: No such device" -i bond9 eth0
check "ioctl: enslaving into a bridge fails" ifs_fails "^ifenslave: br0: .*not a bonding master" -i br0 eth0
check "ioctl: enslaving busy eth2 fails" ifs_fails "^ifenslave: eth2: Device or resource busy" -i bond0 eth2
check "ioctl: failed enslave leaves eth2 up" has_flag eth2 UP
check "ioctl: change active to non-slave eth0 fails" ifs_fails "^ifenslave: eth0: " -i -c bond0 eth0
check "ioctl: active_slave still eth1" is eth1 active

# --- link failure count in -a
must ipn link set peth1 down
check "peth1 down: -a shows eth1 link down, 1 failure" \
	wait_for 5 show_match $'^\tslave eth1 link down state [a-z]+ link_failure_count 1$' bond0
