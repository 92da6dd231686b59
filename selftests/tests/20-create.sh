#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Creating and deleting bonds over rtnetlink and through bonding_masters
# (module parameters: see 10-module and 90-modparams).
#
#   netns bnd-$$:   bond0 (ip link add ... type bond)   bond7 (+bond7 > bonding_masters)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd

check "ip link add type bond mode active-backup miimon 100" \
	ipn link add bond0 type bond mode active-backup miimon 100
check "info_kind is bond" is bond link_field bond0 .linkinfo.info_kind
check "info_data mode is active-backup" is active-backup info bond0 mode
check "info_data miimon is 100" is 100 info bond0 miimon
check "sysfs mode is 'active-backup 1'" is "active-backup 1" bond_attr bond0 mode
check "sysfs miimon is 100" is 100 bond_attr bond0 miimon
check "bonding_masters lists bond0" is bond0 bond_masters
check "/proc/net/bonding/bond0 exists" nsx test -f /proc/net/bonding/bond0
check "bond0 has MASTER flag" has_flag bond0 MASTER
check "new bond is down" lacks_flag bond0 UP
check "new bond has a random MAC (addr_assign_type 1)" is 1 nsx cat /sys/class/net/bond0/addr_assign_type
check "ip link del bond0" ipn link del bond0
check "bond0 gone" not dev_exists bond0
check "bonding_masters empty after delete" is "" bond_masters
check "/proc/net/bonding/bond0 gone" not nsx test -e /proc/net/bonding/bond0

check "ip link add bond1 type bond (no options)" ipn link add bond1 type bond
check "default mode is 'balance-rr 0'" is "balance-rr 0" bond_attr bond1 mode
beyond "default miimon is 100 (the tree: 0)" is 100 info bond1 miimon
must ipn link del bond1
mark=$(kmsg_mark)
check "ip link add bond1 type bond miimon 0" ipn link add bond1 type bond miimon 0
check "  miimon 0" is 0 info bond1 miimon
beyond "  a bond that watches no link is warned about" \
	match "$(kmsg_since "$mark")" "bond1: no link monitor \(miimon 0, arp_interval 0\): link failures will not be detected"
must ipn link del bond1

check "echo +bond7 > bonding_masters" sys_write /sys/class/net/bonding_masters +bond7
check "bond7 exists" dev_exists bond7
check "bond7 kind is bond" is bond link_field bond7 .linkinfo.info_kind
check "bond7 sysfs mode is 'balance-rr 0'" is "balance-rr 0" bond_attr bond7 mode
check "bonding_masters lists bond7" is bond7 bond_masters
check "echo +bond7 again fails with EEXIST" is "File exists" sys_errno /sys/class/net/bonding_masters +bond7
check "ip link add bond8 type bond" ipn link add bond8 type bond
check "bonding_masters lists bond7 bond8" is "bond7 bond8" bond_masters
check "echo -bond8 removes a netlink-created bond" sys_write /sys/class/net/bonding_masters -bond8
check "bond8 gone" not dev_exists bond8
check "echo -bond7 > bonding_masters" sys_write /sys/class/net/bonding_masters -bond7
check "bond7 gone" not dev_exists bond7
check "/proc/net/bonding/bond7 gone" not nsx test -e /proc/net/bonding/bond7
check "echo -bond7 again fails with ENODEV" is "No such device" sys_errno /sys/class/net/bonding_masters -bond7
check "bonding_masters without +/- fails with EPERM" is "Operation not permitted" sys_errno /sys/class/net/bonding_masters bond7
check "bonding_masters empty at the end" is "" bond_masters
