#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# /proc/net/bonding/<bond>: line structure (the "key:" labels in order, blank
# lines included) and values, for active-backup, balance-rr and an ARP
# monitored bond. Version string not compared.
#
#   netns bnd-$$:
#     bond0 (active-backup, miimon 100)   bond1 (balance-rr, miimon 100)   bond2 (active-backup,
#      |        |                          |        |                       arp_interval 1000,
#     eth0     eth1                       eth2     eth3                     arp_ip_target 192.0.2.9,
#      |        |                          |        |                       no ports)
#    peth0    peth1                      peth2    peth3   (peers, up)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
for i in 0 1 2 3; do
	UP_PEER=1 veth_pair "eth$i" "$NS" "peth$i" "$NS"
done
must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link add bond1 type bond mode balance-rr miimon 100
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn link set eth2 master bond1
must ipn link set eth3 master bond1
for b in bond0 bond1; do must ipn link set "$b" up; done

# labels BOND: one line per /proc line: the text before the first ':', or
# <blank> for an empty line.
labels() {
	proc_bond "$1" | awk '{
		if ($0 == "") print "<blank>"
		else if (index($0, ":")) print substr($0, 1, index($0, ":") - 1)
		else print "<no label> " $0 }'
}
PORT=("<blank>" "Slave Interface" "MII Status" "Speed" "Duplex" "Link Failure Count"
      "Permanent HW addr" "Slave queue ID")
MII=("MII Status" "MII Polling Interval (ms)" "Up Delay (ms)" "Down Delay (ms)"
     "Peer Notification Delay (ms)")
AB=("Ethernet Channel Bonding Driver" "<blank>" "Bonding Mode" "Primary Slave"
    "Currently Active Slave" "${MII[@]}" "${PORT[@]}" "${PORT[@]}")
RR=("Ethernet Channel Bonding Driver" "<blank>" "Bonding Mode" "${MII[@]}" "${PORT[@]}" "${PORT[@]}")
ARP=("Ethernet Channel Bonding Driver" "<blank>" "Bonding Mode" "Primary Slave"
     "Currently Active Slave" "${MII[@]}" "ARP Polling Interval (ms)" "ARP Missed Max"
     "ARP IP target/s (n.n.n.n form)" "NS IPv6 target/s (xx")  # label ends at the first colon

check "active-backup: label structure" diff -u <(printf '%s\n' "${AB[@]}") <(labels bond0)
check "balance-rr: label structure" diff -u <(printf '%s\n' "${RR[@]}") <(labels bond1)

for b in bond0 bond1; do
	check "$b: header line" match "$(proc_bond $b | head -n 1)" "^Ethernet Channel Bonding Driver: .+"
	check "$b: second line blank" is "" sh -c "ip netns exec $NS cat /proc/net/bonding/$b | sed -n 2p"
done

check "bond0: Bonding Mode" is "fault-tolerance (active-backup)" proc_field bond0 "Bonding Mode"
check "bond0: Primary Slave: None" is None proc_field bond0 "Primary Slave"
check "bond0: Currently Active Slave: eth0" is eth0 proc_field bond0 "Currently Active Slave"
check "bond1: Bonding Mode" is "load balancing (round-robin)" proc_field bond1 "Bonding Mode"
for b in bond0 bond1; do
	check "$b: MII Status: up" is up proc_field $b "MII Status"
	check "$b: MII Polling Interval (ms): 100" is 100 proc_field $b "MII Polling Interval (ms)"
	check "$b: Up Delay (ms): 0" is 0 proc_field $b "Up Delay (ms)"
	check "$b: Down Delay (ms): 0" is 0 proc_field $b "Down Delay (ms)"
	check "$b: Peer Notification Delay (ms): 0" is 0 proc_field $b "Peer Notification Delay (ms)"
done
check "bond0: ports listed in enslave order" is "eth0 eth1" \
	sh -c "ip netns exec $NS awk '/^Slave Interface:/ {printf \"%s%s\", s, \$3; s=\" \"}' /proc/net/bonding/bond0"
for p in bond0:eth0 bond0:eth1 bond1:eth2 bond1:eth3; do
	b=${p%:*} e=${p#*:}
	check "$b/$e: MII Status: up" is up proc_slave_field "$b" "$e" "MII Status"
	check "$b/$e: Speed: 10000 Mbps (veth)" is "10000 Mbps" proc_slave_field "$b" "$e" Speed
	check "$b/$e: Duplex: full" is full proc_slave_field "$b" "$e" Duplex
	check "$b/$e: Link Failure Count: 0" is 0 proc_slave_field "$b" "$e" "Link Failure Count"
	check "$b/$e: Permanent HW addr is the port's own MAC" \
		is "$(slave_info "$e" perm_hwaddr)" proc_slave_field "$b" "$e" "Permanent HW addr"
	check "$b/$e: Slave queue ID: 0" is 0 proc_slave_field "$b" "$e" "Slave queue ID"
done
check "bond1/eth3: Permanent HW addr differs from bond MAC" \
	ne "$(proc_slave_field bond1 eth3 "Permanent HW addr")" "$(mac bond1)"

must ipn link set bond0 type bond primary eth1
check "bond0 with primary: Primary Slave: eth1 (primary_reselect always)" \
	is "eth1 (primary_reselect always)" proc_field bond0 "Primary Slave"
check "bond0 with primary: Currently Active Slave: eth1" is eth1 proc_field bond0 "Currently Active Slave"
check "label structure unchanged by primary" diff -u <(printf '%s\n' "${AB[@]}") <(labels bond0)

# ARP monitoring adds its own lines (bond2: no ports).
if pcheck arp-monitor "create bond2 with arp_interval 1000 arp_ip_target 192.0.2.9" \
	ipn link add bond2 type bond mode active-backup arp_interval 1000 arp_ip_target 192.0.2.9 &&
	check "bring bond2 up" ipn link set bond2 up; then
	check "arp monitor: label structure" diff -u <(printf '%s\n' "${ARP[@]}") <(labels bond2)
	check "bond2: Bonding Mode" is "fault-tolerance (active-backup)" proc_field bond2 "Bonding Mode"
	check "bond2: MII Polling Interval (ms): 0" is 0 proc_field bond2 "MII Polling Interval (ms)"
	check "bond2: MII Status: down (no ports)" is down proc_field bond2 "MII Status"
	check "bond2: Currently Active Slave: None" is None proc_field bond2 "Currently Active Slave"
	check "bond2: ARP Polling Interval (ms): 1000" is 1000 proc_field bond2 "ARP Polling Interval (ms)"
	check "bond2: ARP Missed Max: 2" is 2 proc_field bond2 "ARP Missed Max"
	check "bond2: ARP IP target/s: 192.0.2.9" is " 192.0.2.9" \
		sh -c "ip netns exec $NS sed -n 's/^ARP IP target\/s (n.n.n.n form)://p' /proc/net/bonding/bond2"
	check "bond2: NS IPv6 target/s empty" is "" \
		sh -c "ip netns exec $NS sed -n 's/^NS IPv6 target\/s (xx::xx form)://p' /proc/net/bonding/bond2"
fi
