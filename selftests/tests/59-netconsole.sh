#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# netconsole on a bond. Over a driver with netpoll the kernel's messages
# reach a UDP listener behind the bond; a driver without netpoll must
# refuse the target (IFF_DISABLE_NETPOLL), never transmit from netpoll's
# context (interrupts off) through dev_queue_xmit. netconsole only uses
# devices of the initial namespace, so bond0 lives there.
#
#   root ns:  bond0 192.0.2.1/24 (active-backup, miimon 100)  <- netconsole
#              |
#             eth0
#   ----------|--------------------
#   far-$$:   p0 192.0.2.2/24, UDP listener on port 6666
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

CFS=/sys/kernel/config
T=$CFS/netconsole/bondtest$$
LOG=$(mktemp)
READY=$LOG.ready
PY=/usr/bin/python3

load_bonding max_bonds=0
make_ns FAR far
on_exit "ip link del bond0"
veth_pair eth0 "" p0 "$FAR"
must ip -n "$FAR" addr add 192.0.2.2/24 dev p0
must ip -n "$FAR" link set p0 up
must ip link add bond0 type bond mode active-backup miimon 100
must ip link set eth0 master bond0
must ip addr add 192.0.2.1/24 dev bond0
must ip link set bond0 up
check "ping through bond0" wait_for 10 ping_ok

# Unwound in reverse: target off and removed, then netconsole unloaded
# (before bond0 goes), the listener stopped
on_exit "rm -f $LOG $READY"
on_exit "modprobe -r netconsole"
must modprobe netconsole
mountpoint -q $CFS || { must mount -t configfs configfs $CFS && on_exit "umount $CFS"; }
on_exit "rmdir $T"
on_exit "echo 0 > $T/enabled"
ip netns exec "$FAR" "$PY" -I -S -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("192.0.2.2", 6666))
open(sys.argv[2], "w").close()
s.settimeout(60)
with open(sys.argv[1], "ab", 0) as f:
    while True:
        try:
            f.write(s.recv(65536))
        except socket.timeout:
            break
' "$LOG" "$READY" &
lpid=$!
on_exit "kill $lpid"
check "UDP listener ready on 192.0.2.2:6666" wait_for 30 test -e "$READY"

must mkdir "$T"
must sys_write "$T/dev_name" bond0
must sys_write "$T/local_ip" 192.0.2.1
must sys_write "$T/remote_ip" 192.0.2.2
must sys_write "$T/remote_port" 6666
must sys_write "$T/remote_mac" "$(ip -n "$FAR" -j link show dev p0 | jq -r '.[0].address')"

if pending netpoll; then
	mark=$(kmsg_mark)
	err=$(sys_errno "$T/enabled" 1)
	echo "# enabling the target: '${err:-accepted}'"
	check "no netpoll: netconsole refuses bond0" ne "$err" ""
	check "no netpoll: target stays disabled" is 0 cat "$T/enabled"
	check "log: bond0 doesn't support polling" \
		match "$(kmsg_since "$mark")" "netpoll: netconsole: bond0 doesn't support polling, aborting"
	exit 0
fi

check "netconsole target on bond0 enabled" sys_write "$T/enabled" 1
check "target reads enabled" is 1 cat "$T/enabled"
# Level 3 (err) is below the console loglevel of a "quiet" boot (4)
msg="bonding selftest $$: netconsole through bond0"
check "write a message to /dev/kmsg" sys_write /dev/kmsg "<3>$msg"
pcheck netpoll "netconsole messages reach the listener" wait_for 10 grep -qF "$msg" "$LOG"
for i in 1 2 3; do
	echo "<3>$msg #$i" >/dev/kmsg
done
pcheck netpoll "three more messages reach it" wait_for 10 \
	is 3 sh -c "grep -cF '$msg #' $LOG"
check "ping still works with netconsole attached" ping_ok
echo "# listener got $(wc -c <"$LOG") bytes; first line: $(head -n 1 "$LOG")"
check "disable the target" sys_write "$T/enabled" 0
