#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Failover timing in active-backup (miimon 100), then updelay/downdelay: a
# port losing carrier stays active for downdelay ms ("going down"), a port
# regaining carrier is "going back" for updelay ms; delays are kept as
# multiples of miimon. Timings are taken inside the namespace with shell
# builtins (carrier_timing in lib.sh).
#
#   netns bnd-$$:
#            bond0 (active-backup, miimon 100)
#             |         |
#            eth0      eth1
#             |         |
#           peth0     peth1     (peth0 down/up = carrier loss/return on eth0)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
UP_PEER=1 veth_pair eth0 "$NS" peth0 "$NS"
UP_PEER=1 veth_pair eth1 "$NS" peth1 "$NS"
must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn link set bond0 up
S=/sys/class/net/bond0/bonding
M0=/sys/class/net/eth0/bonding_slave/mii_status

check "eth0 active" wait_for 5 is eth0 bond_attr bond0 active_slave
IFS='|' read -r _ done_ms < <(ns_fn carrier_timing peth0 down 0 $S/active_slave eth1)
echo "# no delays: failover $done_ms ms after carrier loss"
check "no delays: failover to eth1 happens" ge "$done_ms" 0
check "no delays: failover within 1 s of carrier loss (miimon 100)" le "$done_ms" 1000
must ipn link set peth0 up
check "eth0 link back up" wait_for 5 is up nsx cat $M0
check "make eth0 active again (sysfs active_slave)" sys_write $S/active_slave eth0

check "set downdelay 500 updelay 300 on the fly" ipn link set bond0 type bond downdelay 500 updelay 300
check "sysfs downdelay 500" is 500 bond_attr bond0 downdelay
check "sysfs updelay 300" is 300 bond_attr bond0 updelay
check "/proc Down Delay (ms): 500" is 500 proc_field bond0 "Down Delay (ms)"
check "/proc Up Delay (ms): 300" is 300 proc_field bond0 "Up Delay (ms)"

mark=$(kmsg_mark)
IFS='|' read -r snap done_ms active mii < <(ns_fn carrier_timing peth0 down 200 \
	$S/active_slave eth1 $S/active_slave $M0)
echo "# downdelay 500: at $snap ms active '$active', eth0 '$mii'; failover at $done_ms ms"
if ((snap < 450)); then
	check "downdelay: eth0 still active ~200 ms after carrier loss" eq "$active" eth0
	check "downdelay: eth0 mii_status 'going down' meanwhile" eq "$mii" "going down"
else
	skip "downdelay: eth0 still active ~200 ms after carrier loss" "snapshot late ($snap ms)"
	skip "downdelay: eth0 mii_status 'going down' meanwhile" "snapshot late ($snap ms)"
fi
check "downdelay: failover to eth1 happens" ge "$done_ms" 0
check "downdelay: failover not before 450 ms" ge "$done_ms" 450
check "downdelay: failover within 1.5 s" le "$done_ms" 1500
check "eth0 mii_status DOWN after downdelay" is DOWN slave_info eth0 mii_status
check "log: 'link status down for active interface, disabling it in 500 ms'" \
	match "$(kmsg_since "$mark")" "bond0: \(slave eth0\): link status down for active interface, disabling it in 500 ms"

mark=$(kmsg_mark)
IFS='|' read -r snap done_ms mii < <(ns_fn carrier_timing peth0 up 150 $M0 up $M0)
echo "# updelay 300: at $snap ms eth0 '$mii'; up at $done_ms ms"
if ((snap < 280)); then
	check "updelay: eth0 mii_status 'going back' ~150 ms after carrier up" eq "$mii" "going back"
else
	skip "updelay: eth0 mii_status 'going back' ~150 ms after carrier up" "snapshot late ($snap ms)"
fi
check "updelay: eth0 comes up" ge "$done_ms" 0
check "updelay: eth0 not up before 250 ms" ge "$done_ms" 250
check "updelay: eth0 up within 1.5 s" le "$done_ms" 1500
check "no primary: active stays eth1" is eth1 bond_attr bond0 active_slave
check "log: 'link status up, enabling it in 300 ms'" \
	match "$(kmsg_since "$mark")" "bond0: \(slave eth0\): link status up, enabling it in 300 ms"

# Rounding: delays are stored as a number of miimon intervals.
mark=$(kmsg_mark)
check "ip link set downdelay 250 (not a multiple of 100) accepted" ipn link set bond0 type bond downdelay 250
check "downdelay rounded down to 200 (sysfs)" is 200 bond_attr bond0 downdelay
check "downdelay rounded down to 200 (netlink)" is 200 info bond0 downdelay
check "log: 'down delay (250) is not a multiple of miimon (100), value rounded to 200 ms'" \
	match "$(kmsg_since "$mark")" "bond0: down delay \(250\) is not a multiple of miimon \(100\), value rounded to 200 ms"
check "sysfs updelay 150 accepted" sys_write $S/updelay 150
check "updelay rounded down to 100" is 100 bond_attr bond0 updelay
check "sysfs miimon 50" sys_write $S/miimon 50
check "miimon 50 rescales updelay (1 interval) to 50" is 50 bond_attr bond0 updelay
check "miimon 50 rescales downdelay (2 intervals) to 100" is 100 info bond0 downdelay
check "/proc Down Delay (ms): 100 after rescale" is 100 proc_field bond0 "Down Delay (ms)"
check "sysfs miimon 0" sys_write $S/miimon 0
check "with miimon 0 delays read 0" is 0 bond_attr bond0 downdelay
check "updelay with miimon 0 fails with EPERM" is "Operation not permitted" sys_errno $S/updelay 100
check "downdelay with miimon 0 fails over netlink" not ipn link set bond0 type bond downdelay 100
check "sysfs miimon 100 again" sys_write $S/miimon 100
check "miimon 100 again: downdelay back to 200 (2 intervals kept)" is 200 bond_attr bond0 downdelay
check "miimon 100 again: updelay back to 100 (1 interval kept)" is 100 bond_attr bond0 updelay
