#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module parameters apply to the bonds the module creates (root namespace).
#
#   modprobe bonding mode=active-backup miimon=50 max_bonds=1 ...  -> bond0 with those
#   modprobe bonding mode=nosuch max_bonds=1                       -> refused, not loaded
#   modprobe bonding mode=active-backup primary=q1-$$ max_bonds=1:
#
#      bond0 (active-backup)
#       |         |
#     q0-$$     q1-$$   (veth, q1 is the primary)  <->  q0p-$$, q1p-$$ (peers, up)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

Q0=q0-$$ Q1=q1-$$
on_exit "ip link del $Q0; ip link del $Q1"
bond_module_loaded && must modprobe -r bonding

check "modprobe mode=active-backup miimon=50 updelay=100 downdelay=100 use_carrier=1" \
	modprobe bonding mode=active-backup miimon=50 max_bonds=1 updelay=100 downdelay=100 use_carrier=1
check "bonding_masters is bond0" is bond0 cat /sys/class/net/bonding_masters
check "bond0 mode 'active-backup 1'" is "active-backup 1" bond_attr bond0 mode
check "bond0 miimon 50" is 50 bond_attr bond0 miimon
check "bond0 updelay 100" is 100 bond_attr bond0 updelay
check "bond0 downdelay 100" is 100 bond_attr bond0 downdelay
check "bond0 use_carrier 1" is 1 bond_attr bond0 use_carrier
check "netlink agrees: mode active-backup" is active-backup info bond0 mode
check "netlink agrees: miimon 50" is 50 info bond0 miimon
check "bonds made with ip link add later use the parameters too" ip link add bond5 type bond
check "  bond5 mode 'active-backup 1'" is "active-backup 1" bond_attr bond5 mode
check "  bond5 miimon 50" is 50 bond_attr bond5 miimon
check "  bond5 updelay 100" is 100 bond_attr bond5 updelay
must ip link del bond5
must modprobe -r bonding

check "modprobe mode=nosuch fails" not modprobe bonding mode=nosuch max_bonds=1
check "module not loaded after bad mode" not bond_module_loaded
check "no bond0 after bad mode" not dev_exists bond0
check "modprobe miimon=-1 still loads (reset to 0)" modprobe bonding miimon=-1 max_bonds=1
check "  bond0 miimon 0" is 0 bond_attr bond0 miimon
must modprobe -r bonding
check "modprobe use_carrier=2 still loads (reset to 1)" modprobe bonding use_carrier=2 max_bonds=1
check "  bond0 use_carrier 1" is 1 bond_attr bond0 use_carrier
must modprobe -r bonding
if pcheck 802.3ad "modprobe mode=802.3ad without miimon forces miimon 100" modprobe bonding mode=802.3ad max_bonds=1; then
	check "  bond0 miimon 100" is 100 bond_attr bond0 miimon
	check "  bond0 mode '802.3ad 4'" is "802.3ad 4" bond_attr bond0 mode
	must modprobe -r bonding
fi
if pcheck 802.3ad "modprobe mode=4 (numeric) accepted" modprobe bonding mode=4 max_bonds=1; then
	check "  mode=4 gives bond0 mode '802.3ad 4'" is "802.3ad 4" bond_attr bond0 mode
	must modprobe -r bonding
fi

check "modprobe mode=active-backup primary=<port 1> accepted" \
	modprobe bonding mode=active-backup miimon=100 primary="$Q1" max_bonds=1
UP_PEER=1 veth_pair "$Q0" "" "q0p-$$" ""
UP_PEER=1 veth_pair "$Q1" "" "q1p-$$" ""
must ip link set bond0 up
must ip link set "$Q0" master bond0
check "primary unset until that port is enslaved" is "" bond_attr bond0 primary
check "first enslaved port 0 is active meanwhile" is "$Q0" bond_attr bond0 active_slave
must ip link set "$Q1" master bond0
check "primary is port 1 once enslaved" is "$Q1" bond_attr bond0 primary
check "the primary port 1 becomes active" wait_for 5 is "$Q1" bond_attr bond0 active_slave
must modprobe -r bonding

# The other parameters: values, the tree's resets, and its cross rules
check "modprobe with the ARP monitor and the other counts" \
	modprobe bonding max_bonds=1 mode=active-backup arp_interval=200 \
	arp_ip_target=192.0.2.1,192.0.2.2 arp_validate=all arp_all_targets=all \
	fail_over_mac=follow all_slaves_active=1 resend_igmp=4 num_grat_arp=3 \
	lp_interval=7 min_links=2 ad_select=count
while read -r file want; do
	check "  $file '$want'" is "$want" bond_attr bond0 "$file"
done <<'LIST'
arp_interval 200
arp_ip_target 192.0.2.1 192.0.2.2
arp_validate all 3
arp_all_targets all 1
fail_over_mac follow 2
all_slaves_active 1
resend_igmp 4
num_grat_arp 3
num_unsol_na 3
lp_interval 7
min_links 2
ad_select count 2
miimon 0
LIST
check "  /proc ARP IP target/s" is "192.0.2.1, 192.0.2.2" proc_field bond0 "ARP IP target/s (n.n.n.n form)"
check "  num_grat_arp readable in /sys/module" is 3 cat /sys/module/bonding/parameters/num_grat_arp
must modprobe -r bonding
check "modprobe out-of-range counts still loads" \
	modprobe bonding max_bonds=1 resend_igmp=300 packets_per_slave=70000 \
	lp_interval=0 num_unsol_na=256 all_slaves_active=5
while read -r file want; do
	check "  $file reset to '$want'" is "$want" bond_attr bond0 "$file"
done <<'LIST'
resend_igmp 1
packets_per_slave 1
lp_interval 1
num_unsol_na 1
all_slaves_active 0
LIST
must modprobe -r bonding
check "miimon with arp_interval: ARP monitoring is off" \
	modprobe bonding max_bonds=1 miimon=100 arp_interval=100 arp_ip_target=192.0.2.1
check "  arp_interval 0" is 0 bond_attr bond0 arp_interval
check "  miimon 100" is 100 bond_attr bond0 miimon
must modprobe -r bonding
check "arp_interval without a target is reset" modprobe bonding max_bonds=1 arp_interval=100
check "  arp_interval 0" is 0 bond_attr bond0 arp_interval
must modprobe -r bonding
check "a bad arp_ip_target turns the ARP monitor off" \
	modprobe bonding max_bonds=1 arp_interval=100 arp_ip_target=192.0.2.1,255.255.255.255
check "  arp_interval 0" is 0 bond_attr bond0 arp_interval
check "  the good target kept" is 192.0.2.1 bond_attr bond0 arp_ip_target
must modprobe -r bonding
check "arp_validate without arp_interval fails the load" not modprobe bonding max_bonds=1 arp_validate=all
check "  not loaded" not bond_module_loaded
check "an unknown xmit_hash_policy fails the load in balance-xor" \
	not modprobe bonding max_bonds=1 mode=balance-xor xmit_hash_policy=nosuch
check "  not loaded" not bond_module_loaded
check "... but is ignored in active-backup" \
	modprobe bonding max_bonds=1 mode=active-backup xmit_hash_policy=nosuch
check "  xmit_hash_policy layer2" is "layer2 0" bond_attr bond0 xmit_hash_policy
must modprobe -r bonding
check "an unknown fail_over_mac fails the load" not modprobe bonding max_bonds=1 fail_over_mac=nosuch
check "  not loaded" not bond_module_loaded
