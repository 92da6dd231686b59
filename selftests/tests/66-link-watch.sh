#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Beyond the tree: link_watch_policy runs the MII and ARP monitors
# together.  With "all" a port whose carrier is up but whose gateway is
# unreachable goes down (and a carrier loss still takes a port down at
# once); with "any" the carrier keeps it up; "off" is the tree's one
# monitor at a time.  Every case is a "beyond" case: on the in-tree
# driver, which has no such option and clears miimon when arp_interval is
# set, each must fail.
#
#   bnd-$$: bond0 192.0.2.1/24 (active-backup, miimon 100, arp_interval 100)
#            eth0      eth1
#   sw-$$:   p0 -br0- p1, up0           gw-$$: gw 192.0.2.254/24 (up0's peer)
# A cut takes p0 out of the bridge: eth0 keeps its carrier.
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
make_ns SW sw
make_ns GW gw
must ip -n "$SW" link add br0 type bridge
must ip -n "$SW" link set br0 up
veth_pair eth0 "$NS" p0 "$SW"
veth_pair eth1 "$NS" p1 "$SW"
veth_pair up0 "$SW" gw "$GW"
for d in p0 p1 up0; do
	must ip -n "$SW" link set "$d" master br0
	must ip -n "$SW" link set "$d" up
done
must ip -n "$GW" link set gw up
must ip -n "$GW" addr add 192.0.2.254/24 dev gw

S=/sys/class/net/bond0/bonding
mii() { nsx cat "/sys/class/net/$1/bonding_slave/mii_status"; }
# both CMD...: both monitors are on (miimon 100, arp_interval 100) and CMD
both() {
	[[ $(bond_attr bond0 miimon) == 100 && $(bond_attr bond0 arp_interval) == 100 ]] &&
		"$@"
}
cut() { must ip -n "$SW" link set p0 nomaster; }
mend() { must ip -n "$SW" link set p0 master br0; }
pings() { nsx ping -q -c 1 -W 1 192.0.2.254 >/dev/null; }

must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn link set bond0 up
must ipn addr add 192.0.2.1/24 dev bond0
must wait_for 5 pings

beyond "link_watch_policy all" sys_write $S/link_watch_policy all
must ipn link set bond0 type bond arp_interval 100 arp_ip_target 192.0.2.254
beyond "  arp_interval 100 beside miimon 100" both true
beyond "  /proc says Link Watch Policy: all" \
	both is all proc_field bond0 "Link Watch Policy"
beyond "  eth0 active, both ports up" both wait_for 5 sh -c \
	"[ \"\$(ip netns exec $NS cat $S/active_slave)\" = eth0 ] &&
	 [ \"\$(ip netns exec $NS cat /sys/class/net/eth1/bonding_slave/mii_status)\" = up ]"

cut
check "cut beyond eth0's switch: eth0 keeps its carrier" \
	is 1 nsx cat /sys/class/net/eth0/carrier
beyond "  policy all: eth0 goes down" both wait_for 5 is down mii eth0
beyond "  eth1 is active" both is eth1 bond_attr bond0 active_slave
beyond "  the gateway answers again" both wait_for 5 pings
mend
beyond "mended: eth0 comes back up" both wait_for 5 is up mii eth0

beyond "link_watch_policy any" sys_write $S/link_watch_policy any
cut
sleep 1 # ten ARP intervals: with "all" eth0 would be down by now
beyond "  cut: the carrier keeps eth0 up" both is up mii eth0
mend

beyond "link_watch_policy all again" sys_write $S/link_watch_policy all
must ip -n "$SW" link set p1 down
beyond "  carrier loss on eth1: down at once" both wait_for 2 is down mii eth1
must ip -n "$SW" link set p1 up
beyond "  and back" both wait_for 5 is up mii eth1

beyond "link_watch_policy off: the tree's rule, MII stays" \
	sys_write $S/link_watch_policy off
beyond "  arp_interval 0, miimon 100" sh -c \
	"[ \"\$(ip netns exec $NS cat $S/arp_interval)\" = 0 ] &&
	 [ \"\$(ip netns exec $NS cat $S/miimon)\" = 100 ] &&
	 [ \"\$(ip netns exec $NS cat $S/link_watch_policy)\" = 'off 0' ]"
exit 0
