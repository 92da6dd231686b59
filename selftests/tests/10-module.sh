#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module load/unload and max_bonds, in the root namespace (module-created
# bonds live there).
#
#   modprobe bonding max_bonds=0      ->  no bond
#   modprobe bonding max_bonds=2      ->  bond0, bond1
#   modprobe -r bonding with ports:
#
#      bond0 (balance-rr)
#       |         |
#     m0-$$     m1-$$   (veth)  <->  m0p-$$, m1p-$$ (peers, up)
#
#   -> bonds gone, ports survive without SLAVE, with their own MAC and MTU.
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

P0=m0-$$ P1=m1-$$
on_exit "ip link del $P0; ip link del $P1"

bond_module_loaded && must modprobe -r bonding

check "max_bonds=0: modprobe succeeds" modprobe bonding max_bonds=0
check "max_bonds=0: bonding_masters is empty" is "" cat /sys/class/net/bonding_masters
check "max_bonds=0: no bond device" is "0" sh -c 'ip -j link show type bond | jq length'
check "modprobe -r bonding succeeds" modprobe -r bonding
check "module gone after unload" not bond_module_loaded
check "bonding_masters gone after unload" not test -e /sys/class/net/bonding_masters

check "max_bonds=2: modprobe succeeds" modprobe bonding max_bonds=2
check "max_bonds=2: bonding_masters lists bond0 bond1" is "bond0 bond1" cat /sys/class/net/bonding_masters
check "max_bonds=2: bond0 kind is bond" is bond link_field bond0 .linkinfo.info_kind
check "max_bonds=2: bond1 kind is bond" is bond link_field bond1 .linkinfo.info_kind
check "module-created bond0 defaults to balance-rr" is "balance-rr 0" bond_attr bond0 mode
# Beyond the tree, which leaves miimon 0 (no link monitor) unless told
beyond "module-created bond0 watches its links: miimon 100" is 100 bond_attr bond0 miimon
beyond "  and the module said so at load" match "$(dmesg)" "no link monitor asked for: MII link monitoring every 100 ms"
check "modprobe -r with bonds present succeeds" modprobe -r bonding
check "bond0 removed by unload" not dev_exists bond0
check "bond1 removed by unload" not dev_exists bond1

# Unload with ports enslaved: the ports must come back as they were.
UP_PEER=1 veth_pair "$P0" "" "m0p-$$" ""
UP_PEER=1 veth_pair "$P1" "" "m1p-$$" ""
must ip link set "$P0" mtu 1450
must ip link set "$P1" mtu 1450
mac0=$(mac "$P0") mac1=$(mac "$P1")
load_bonding max_bonds=1
must ip link set bond0 mtu 1400
must ip link set "$P0" master bond0
must ip link set "$P1" master bond0
must ip link set bond0 up
check "enslaved: port 1 has SLAVE" has_flag "$P1" SLAVE
check "enslaved: port 1 took bond0's MAC" is "$(mac bond0)" mac "$P1"
check "enslaved: port 1 MTU follows bond0 (1400)" is 1400 mtu "$P1"
check "modprobe -r with ports enslaved succeeds" modprobe -r bonding
check "module gone after unload with ports" not bond_module_loaded
check "bond0 removed by unload with ports" not dev_exists bond0
check "port 0 survives unload" dev_exists "$P0"
check "port 1 survives unload" dev_exists "$P1"
check "port 0 lost SLAVE" lacks_flag "$P0" SLAVE
check "port 1 lost SLAVE" lacks_flag "$P1" SLAVE
check "port 0 has no master" is "" master_of "$P0"
check "port 0 MAC is its own" is "$mac0" mac "$P0"
check "port 1 original MAC restored" is "$mac1" mac "$P1"
check "port 0 original MTU restored" is 1450 mtu "$P0"
check "port 1 original MTU restored" is 1450 mtu "$P1"
