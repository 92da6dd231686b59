#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# balance-xor with xmit_hash_policy layer3+4 keeps a flow on one port, puts
# each flow on the port the layer3+4 hash picks and spreads flows over both;
# broadcast sends every packet on every port; a port-less bond switches
# between the two modes over netlink and sysfs while down.
#
#   bnd-$$:   bond0 192.0.2.1/24 (balance-xor layer3+4, then broadcast)
#              |          |
#             eth0       eth1
#   ----------|----------|---------
#   sw-$$:    p0         p1
#              \        /
#               br0 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3

# udp_flows MODE: run in $NS. Sends UDP from 192.0.2.1 to 192.0.2.2:5000 and
# reads eth0/eth1 tx_packets around each send (bond0 and the veths have no
# qdisc: the counters move before sendto returns).
#   flows: one datagram from each source port 40000..40063; prints the
#          port each went out on (0, 1, or x: not exactly one packet on one
#          port) as a 64-character string, then the string the layer3+4
#          hash predicts (hash % 2 over ports [eth0, eth1]).
#   one:   50 datagrams from source port 40000; prints "D0 D1 PREDICTED".
udp_flows() {
	nsx "$PY" -I -S -c '
import socket, struct, sys

def tx(dev):
    with open("/sys/class/net/%s/statistics/tx_packets" % dev) as f:
        return int(f.read())

def le32(b):
    return struct.unpack("<I", b)[0]

def predict(sport, dport=5000):
    # bond_xmit_hash, layer3+4: ports and addresses as read from the
    # packet (network byte order) into a little-endian u32
    h = le32(struct.pack(">HH", sport, dport))
    h ^= le32(socket.inet_aton("192.0.2.2")) ^ le32(socket.inet_aton("192.0.2.1"))
    h ^= h >> 16
    h ^= h >> 8
    return (h >> 1) % 2

def sock(sport):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("192.0.2.1", sport))
    return s

dst = ("192.0.2.2", 5000)
if sys.argv[1] == "flows":
    got = want = ""
    for sport in range(40000, 40064):
        s = sock(sport)
        a, b = tx("eth0"), tx("eth1")
        s.sendto(b"x", dst)
        d = (tx("eth0") - a, tx("eth1") - b)
        s.close()
        got += {(1, 0): "0", (0, 1): "1"}.get(d, "x")
        want += str(predict(sport))
    print(got)
    print(want)
else:
    s = sock(40000)
    a, b = tx("eth0"), tx("eth1")
    for i in range(50):
        s.sendto(b"x", dst)
    print(tx("eth0") - a, tx("eth1") - b, predict(40000))
' "$1"
}

# count CHAR STRING: occurrences of CHAR in STRING
count() { local s=${2//[^$1]/}; echo "${#s}"; }

load_bonding max_bonds=0
switch_topology

# ---------------------------------------------------------------- balance-xor
must ipn link add bond0 type bond mode balance-xor xmit_hash_policy layer3+4 miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn addr add 192.0.2.1/24 dev bond0
must ipn link set bond0 up

check "xor: /proc Bonding Mode" is "load balancing (xor)" proc_field bond0 "Bonding Mode"
check "xor: /proc Transmit Hash Policy" is "layer3+4 (1)" proc_field bond0 "Transmit Hash Policy"
check "xor: netlink mode balance-xor" is balance-xor info bond0 mode
check "xor: netlink xmit_hash_policy layer3+4" is layer3+4 info bond0 xmit_hash_policy
check "xor: sysfs mode" is "balance-xor 2" bond_attr bond0 mode
check "xor: sysfs xmit_hash_policy" is "layer3+4 1" bond_attr bond0 xmit_hash_policy
check "xor: ping through bond0" wait_for 10 ping_ok

# No ARP on either side while counting: pin both neighbour entries.
br_mac=$(ip -n "$SW" -j link show dev br0 | jq -r '.[0].address')
must ipn neigh replace 192.0.2.2 lladdr "$br_mac" nud permanent dev bond0
must ip -n "$SW" neigh replace 192.0.2.1 lladdr "$(mac bond0)" nud permanent dev br0

if [[ ! -x $PY ]]; then
	skip "xor: one flow stays on one port" "no $PY"
	skip "xor: 64 flows, each on the port layer3+4 picks" "no $PY"
else
	if out=$(udp_flows one 2>&1); then
		read -r d0 d1 want <<<"$out"
		echo "# one flow: eth0 $d0, eth1 $d1 (layer3+4 predicts eth$want)"
		if ((want == 0)); then hi=$d0 lo=$d1; else hi=$d1 lo=$d0; fi
		check "xor: 50 datagrams of one flow all on eth$want" ge "$hi" 50
		check "xor: under 5 packets on the other port" le "$lo" 4
	else
		fail "xor: send one UDP flow" "$out"
	fi

	if out=$(udp_flows flows 2>&1) && out2=$(udp_flows flows 2>&1); then
		got=$(sed -n 1p <<<"$out") want=$(sed -n 2p <<<"$out") again=$(sed -n 1p <<<"$out2")
		echo "# flows via: $got"
		echo "# predicted: $want"
		check "xor: each of 64 flows sent exactly once on one port" eq "$(count x "$got")" 0
		check "xor: eth0 carried >= 10 of 64 flows" ge "$(count 0 "$got")" 10
		check "xor: eth1 carried >= 10 of 64 flows" ge "$(count 1 "$got")" 10
		check "xor: each flow on the port the layer3+4 hash picks" eq "$got" "$want"
		check "xor: the same 64 flows again take the same ports" eq "$again" "$got"
	else
		fail "xor: send 64 UDP flows" "$out" "$out2"
	fi
fi

# ------------------------------------------------------------------ broadcast
must ipn link del bond0
must ipn link add bond0 type bond mode broadcast miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn addr add 192.0.2.1/24 dev bond0
must ipn link set bond0 up

check "broadcast: /proc Bonding Mode" is "fault-tolerance (broadcast)" proc_field bond0 "Bonding Mode"
check "broadcast: netlink mode broadcast" is broadcast info bond0 mode
check "broadcast: sysfs mode" is "broadcast 3" bond_attr bond0 mode
check "broadcast: ping through bond0" wait_for 10 ping_ok

N=20
e0=$(tx_packets eth0) e1=$(tx_packets eth1)
# Each request reaches the peer twice: the duplicate replies are fine.
check "broadcast: $N pings" nsx ping -q -c "$N" -i 0.01 -W 2 192.0.2.2
d0=$(($(tx_packets eth0) - e0)) d1=$(($(tx_packets eth1) - e1))
echo "# tx deltas: eth0 $d0, eth1 $d1"
check "broadcast: eth0 sent all $N requests" ge "$d0" "$N"
check "broadcast: eth1 sent all $N requests" ge "$d1" "$N"

# ---------------------------------------------------------------- mode switch
must ipn link add bond1 type bond mode balance-xor
check "switch: netlink xor -> broadcast while down" ipn link set bond1 type bond mode broadcast
check "switch: mode is broadcast" is "broadcast 3" bond_attr bond1 mode
check "switch: netlink broadcast -> balance-xor" ipn link set bond1 type bond mode balance-xor
check "switch: mode is balance-xor" is balance-xor info bond1 mode
check "switch: sysfs balance-xor -> broadcast" sys_write /sys/class/net/bond1/bonding/mode broadcast
check "switch: netlink reads broadcast" is broadcast info bond1 mode
check "switch: sysfs broadcast -> balance-xor" sys_write /sys/class/net/bond1/bonding/mode balance-xor
check "switch: sysfs reads balance-xor 2" is "balance-xor 2" bond_attr bond1 mode
must ipn link set bond1 up
check "switch: mode change refused while up" not ipn link set bond1 type bond mode broadcast
check "switch: mode still balance-xor" is "balance-xor 2" bond_attr bond1 mode
