#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bonds nested three deep. Which modes take a non-Ethernet port (nlmon):
# only active-backup, which forces fail_over_mac to active; the innermost
# bond takes one (becoming ARPHRD_NETLINK, as it stays once the port is
# released) and turns Ethernet again with its next port, keeping IFF_MASTER
# and IFF_SLAVE through both type changes. Then the inner bonds are deleted
# while they are ports, and the outer bond carries on over its veth port;
# last, nested bonds are removed along with their namespace.
#
#   bnd-$$:   bond0 192.0.2.1/24 (active-backup, miimon 100)
#              |          |
#             eth0       bond1 (active-backup, miimon 100)
#              |          |
#              |         bond2 (active-backup, miimon 100) <- nlmon0, then dummy9
#   ----------|------------------
#   far-$$:   p0 192.0.2.2/24
#
#   nest-$$:  bond4 (active-backup) <- bond5 (active-backup) <- dummy5
#
# A bond deleted while it is a port must be released by the bond above it:
# if not, unregister_netdevice waits for it forever. Deletions run under
# try_within, and the test stops at the first one that does not return.
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
make_ns FAR far
UP_PEER=1 veth_pair eth0 "$NS" p0 "$FAR"
must ip -n "$FAR" addr add 192.0.2.2/24 dev p0
must modprobe nlmon
on_exit "modprobe -r nlmon"
must ipn link add nlmon0 type nlmon
must ipn link add dummy9 type dummy

# state DEV: "LINK_TYPE[ MASTER][ SLAVE]"
state() {
	link_json "$1" | jq -r '.[0] | [.link_type,
		(.flags | index("MASTER") // empty | "MASTER"),
		(.flags | index("SLAVE") // empty | "SLAVE")] | join(" ")'
}
# ports_of BOND: its ports, sorted by name
ports_of() { ipn -j link show master "$1" | jq -r '[.[].ifname] | sort | join(" ")'; }

# refuses MODE: a port-less MODE bond refuses nlmon0 and stays Ethernet
refuses() {
	local out
	ipn link add bond9 type bond mode "$1" || return 1
	if out=$(ipn link set nlmon0 master bond9 2>&1); then
		echo "nlmon0 enslaved"
	else
		echo "refused: $out"
		is "ether MASTER" state bond9 && is "" master_of nlmon0
	fi
	local rc=$?
	ipn link del bond9
	return $rc
}

# del_within DEV WHAT: delete DEV, which must return within 15 s; on a
# hang, report it with the kernel's complaint and stop the test.
del_within() {
	local dev=$1 what=$2 mark out
	mark=$(kmsg_mark)
	if out=$(try_within 15 ipn link del "$dev"); then
		ok "ip link del $dev ($what) returns"
		return 0
	fi
	fail "ip link del $dev ($what) returns" "$out" \
		"$(kmsg_since "$mark" | grep -m 3 -E "unregister_netdevice|$dev")"
	echo "# $dev is stuck in unregister_netdevice: every later step would block; stopping"
	CLEANUP_CMDS=() # modprobe -r nlmon would block too
	exit 1
}

for m in balance-rr balance-xor broadcast; do
	check "$m refuses nlmon0 (cannot set its MAC), stays ether" refuses $m
done

# The tree: bond2 in bond1 in bond0
for b in bond0 bond1 bond2; do
	must ipn link add $b type bond mode active-backup miimon 100
done
must ipn link set eth0 master bond0
check "ip link set bond2 master bond1" ipn link set bond2 master bond1
check "ip link set bond1 master bond0" ipn link set bond1 master bond0
must ipn addr add 192.0.2.1/24 dev bond0
must ipn link set bond0 up
echo "# flags: bond0 $(flags bond0); bond1 $(flags bond1); bond2 $(flags bond2)"
check "bond0 ports: bond1 eth0" is "bond1 eth0" ports_of bond0
check "bond1 ports: bond2" is "bond2" ports_of bond1
check "bond0: ether, IFF_MASTER" is "ether MASTER" state bond0
check "bond1: ether, IFF_MASTER and IFF_SLAVE" is "ether MASTER SLAVE" state bond1
check "bond2: ether, IFF_MASTER and IFF_SLAVE" is "ether MASTER SLAVE" state bond2
check "ping through bond0 (eth0 active)" wait_for 10 ping_ok

# nlmon0 into the innermost bond and out, then an Ethernet port
if pcheck fail_over_mac "bond2 (active-backup, a port of bond1) takes nlmon0" \
	ipn link set nlmon0 master bond2; then
	echo "# bond2 with nlmon0: $(flags bond2); fail_over_mac '$(bond_attr bond2 fail_over_mac)'"
	check "bond2 with nlmon0: netlink, IFF_MASTER and IFF_SLAVE" is "netlink MASTER SLAVE" state bond2
	check "bond2 fail_over_mac forced to active" is "active 1" bond_attr bond2 fail_over_mac
	check "bond2 is still bond1's port" is bond1 master_of bond2
	check "release nlmon0 from bond2" ipn link set nlmon0 nomaster
	check "bond2 without ports: still netlink, IFF_MASTER and IFF_SLAVE" is "netlink MASTER SLAVE" state bond2
	check "bond2 takes dummy9 (Ethernet)" ipn link set dummy9 master bond2
	check "bond2 with dummy9: ether again, IFF_MASTER and IFF_SLAVE" is "ether MASTER SLAVE" state bond2
fi

# Deleting the inner bonds while they are ports
del_within bond2 "a port of bond1"
check "bond2 gone, bond1 without ports" is "" ports_of bond1
check "bond1 still ether, IFF_MASTER and IFF_SLAVE" is "ether MASTER SLAVE" state bond1
del_within bond1 "a port of bond0"
check "bond1 gone: bond0 ports: eth0" is eth0 ports_of bond0
check "ip link show bond0" ipn link show dev bond0
check "/proc/net/bonding/bond0 lists eth0 only" \
	is "eth0" sh -c "ip netns exec $NS cat /proc/net/bonding/bond0 | awk '/^Slave Interface:/ {print \$3}'"
check "/proc bond0 Currently Active Slave: eth0" is eth0 proc_field bond0 "Currently Active Slave"
check "50 pings through bond0 after the deletions" nsx ping -q -c 50 -i 0.01 -W 2 192.0.2.2
check "ip link del bond0" try_within 15 ipn link del bond0

# Nested bonds going with their namespace: one batch unregisters a bond
# and its bond port together
make_ns NS2 nest
for b in bond4 bond5; do
	must ip -n "$NS2" link add $b type bond mode active-backup miimon 100
done
must ip -n "$NS2" link add dummy5 type dummy
must ip -n "$NS2" link set dummy5 master bond5
must ip -n "$NS2" link set bond5 master bond4
must ip -n "$NS2" link set bond4 up
mark=$(kmsg_mark)
check "ip netns del, bond5 a port of bond4 in it" ip netns del "$NS2"
sleep 3
check "kernel log clean 3 s after the namespace went" \
	not grep -E "BUG:|Oops|WARNING:|unregister_netdevice" <<<"$(kmsg_since "$mark")"
