#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Peer notification after a failover: num_grat_arp gratuitous ARPs and
# num_unsol_na unsolicited NAs leave by the new active port,
# peer_notif_delay apart, for the bond and for a VLAN on top of it;
# counted by tcpdump on the peer.
#
#   netns bnd-$$: bond0 (active-backup, miimon 100) 192.0.2.1, 2001:db8::1
#                  |   bond0.10 198.51.100.1
#                 eth0 eth1
#                  |    |
#   netns peer-$$: peth0 peth1 (tcpdump on peth1, the new active's peer)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

command -v tcpdump >/dev/null || { skip "peer notification" "no tcpdump"; exit 0; }
load_bonding max_bonds=0
make_ns NS bnd
make_ns PEER peer
UP_PEER=1 veth_pair eth0 "$NS" peth0 "$PEER"
UP_PEER=1 veth_pair eth1 "$NS" peth1 "$PEER"
must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
# One IPv6 address, no link-local, no DAD: one NA per notification
must nsx sysctl -qw net.ipv6.conf.all.disable_ipv6=0
must nsx sysctl -qw net.ipv6.conf.bond0.disable_ipv6=0
must nsx sysctl -qw net.ipv6.conf.bond0.addr_gen_mode=1
must ipn link set bond0 up
must ipn addr add 192.0.2.1/24 dev bond0
must ipn addr add 2001:db8::1/64 dev bond0 nodad
must ipn link add link bond0 name bond0.10 type vlan id 10
must nsx sysctl -qw net.ipv6.conf.bond0/10.disable_ipv6=1
must ipn link set bond0.10 up
must ipn addr add 198.51.100.1/24 dev bond0.10
check "eth0 active" wait_for 5 is eth0 bond_attr bond0 active_slave

PCAP=$(mktemp)
on_exit "rm -f $PCAP $PCAP.log"
# failover PORT PEER: make PORT active, capture 3 s on PEER (its peer);
# the capture is in $PCAP (its start is printed as comments).
failover() {
	local to=$1 peer=$2 pid
	ip netns exec "$PEER" tcpdump -Z root -i "$peer" -U -w "$PCAP" -s 128 \
		'arp or icmp6 or vlan' 2>"$PCAP.log" &
	pid=$!
	wait_for 10 grep -q listening "$PCAP.log" >/dev/null
	check "active_slave $to" ipn link set bond0 type bond active_slave "$to"
	sleep 3
	kill -INT "$pid"
	wait "$pid" 2>/dev/null
	tcpdump -r "$PCAP" -nn 2>&1 | head -n 12 | sed 's/^/# capture: /'
}
# count FILTER: packets of the capture matching FILTER.  (A "vlan" term
# shifts the offsets of every term after it: it comes first or last.)
count() { tcpdump -r "$PCAP" -nn "$1" 2>/dev/null | wc -l; }
GARP4='arp and arp[6:2] == 1 and arp[14:4] == arp[24:4] and arp[14:4] == 0xc0000201'
GARP10='vlan 10 and arp and arp[6:2] == 1 and arp[14:4] == arp[24:4] and arp[14:4] == 0xc6336401'
NA='icmp6 and ip6[40] == 136'
# gaps FILTER: milliseconds between consecutive matching packets
gaps() {
	tcpdump -r "$PCAP" -nn --time-stamp-precision=micro -tt "$1" 2>/dev/null |
		awk '{ t = $1 * 1000; if (NR > 1) printf "%d\n", t - p; p = t }'
}
min_gap() { gaps "$1" | sort -n | head -n 1; }

check "num_grat_arp 3" sys_write /sys/class/net/bond0/bonding/num_grat_arp 3
check "peer_notif_delay 500" sys_write /sys/class/net/bond0/bonding/peer_notif_delay 500
failover eth1 peth1
check "3 gratuitous ARPs for 192.0.2.1 on the new active port" is 3 count "$GARP4"
check "3 gratuitous ARPs for 198.51.100.1 on VLAN 10" is 3 count "$GARP10"
check "3 unsolicited NAs for 2001:db8::1" is 3 count "$NA"
# The tree counts the delay in miimon ticks from its own tick, so the
# first gap may be up to a tick short
check "  ARPs more than 4 ticks apart" ge "$(min_gap "$GARP4")" 350
check "num_unsol_na 1 (the same count)" sys_write /sys/class/net/bond0/bonding/num_unsol_na 1
check "  num_grat_arp reads 1" is 1 bond_attr bond0 num_grat_arp
failover eth0 peth0
check "1 gratuitous ARP on eth0's peer" is 1 count "$GARP4"
check "1 unsolicited NA" is 1 count "$NA"
check "num_grat_arp 0" sys_write /sys/class/net/bond0/bonding/num_grat_arp 0
failover eth1 peth1
check "no gratuitous ARP with num_grat_arp 0" is 0 count "$GARP4"
exit 0
