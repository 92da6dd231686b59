#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Invalid requests fail with the tree's error and change nothing.
#
#   netns bnd-$$:
#     bond0 (active-backup, miimon 100, up)    bond1 (active-backup, up)    bond2 (down, no ports)
#      |                                        |
#     eth0                                     eth1            eth2 (free)
#      |                                        |               |
#    peth0                                    peth1           peth2     (peers, up)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
make_ns NS bnd
for i in 0 1 2; do
	UP_PEER=1 veth_pair "eth$i" "$NS" "peth$i" "$NS"
done
must ipn link add bond0 type bond mode active-backup miimon 100
must ipn link add bond1 type bond mode active-backup miimon 100
must ipn link add bond2 type bond
must ipn link set eth0 master bond0
must ipn link set eth1 master bond1
must ipn link set bond0 up
must ipn link set bond1 up
must ipn link set eth2 up
S=/sys/class/net/bond0/bonding

# Enslaving a bond to itself.
check "ip link set bond0 master bond0 fails" not ipn link set bond0 master bond0
check "sysfs +bond0 into bond0 fails with EPERM" is "Operation not permitted" sys_errno $S/slaves +bond0
check "bond0 is not its own slave" is eth0 bond_attr bond0 slaves
check "bond0 has no SLAVE flag" lacks_flag bond0 SLAVE

# lo (up).
check "ip link set lo master bond0 fails" not ipn link set lo master bond0
check "sysfs +lo fails with EPERM" is "Operation not permitted" sys_errno $S/slaves +lo
check "lo has no SLAVE flag" lacks_flag lo SLAVE
check "lo has no master" is "" master_of lo
check "bond0 slaves unchanged after lo" is eth0 bond_attr bond0 slaves

# Any port that is up.
check "sysfs +eth2 (up) fails with EPERM" is "Operation not permitted" sys_errno $S/slaves +eth2
check "eth2 stays up" has_flag eth2 UP
check "eth2 not enslaved" lacks_flag eth2 SLAVE

# A port that already is in bond1.
check "sysfs +eth1 (in bond1) into bond0 fails with EBUSY" is "Device or resource busy" sys_errno $S/slaves +eth1
check "eth1 stays in bond1" is bond1 master_of eth1
check "bond1 slaves still eth1" is eth1 bond_attr bond1 slaves
check "bond0 slaves still eth0" is eth0 bond_attr bond0 slaves
check "eth1 still ACTIVE in bond1" is ACTIVE slave_info eth1 state
# rtnetlink is different: IFLA_MASTER first releases from the old master.
check "ip link set eth1 master bond0 moves it from bond1" ipn link set eth1 master bond0
check "eth1 now in bond0" is bond0 master_of eth1
check "bond1 has no ports left" is "" bond_attr bond1 slaves

# Releasing what is not enslaved.
check "sysfs -eth2 (not a port) fails with EINVAL" is "Invalid argument" sys_errno $S/slaves -eth2
check "sysfs +nosuchdev fails with ENODEV" is "No such device" sys_errno $S/slaves +nosuchdev
check "sysfs slaves without +/- fails with EPERM" is "Operation not permitted" sys_errno $S/slaves eth2

# Bad mode.
check "ip link add bond9 type bond mode nosuchmode fails" not ipn link add bond9 type bond mode nosuchmode
check "no bond9 created" not dev_exists bond9
check "bonding_masters unchanged" is "bond0 bond1 bond2" bond_masters
check "sysfs mode nosuchmode fails with EINVAL" is "Invalid argument" sys_errno /sys/class/net/bond2/bonding/mode nosuchmode
check "sysfs mode 7 fails with EINVAL" is "Invalid argument" sys_errno /sys/class/net/bond2/bonding/mode 7
check "bond2 mode unchanged" is "balance-rr 0" bond_attr bond2 mode

# Mode change with ports, or while up.
check "sysfs mode change with ports fails with ENOTEMPTY" is "Directory not empty" sys_errno $S/mode balance-rr
check "netlink mode change with ports fails" not ipn link set bond0 type bond mode balance-rr
check "bond0 mode unchanged" is "active-backup 1" bond_attr bond0 mode
check "bond0 ports unchanged" is "eth0 eth1" bond_attr bond0 slaves
check "sysfs mode change while up (no ports) fails with EBUSY" is "Device or resource busy" sys_errno /sys/class/net/bond1/bonding/mode balance-rr
check "bond1 mode unchanged" is "active-backup 1" bond_attr bond1 mode

# Bad miimon.
check "ip link set bond0 type bond miimon -1 fails" not ipn link set bond0 type bond miimon -1
check "sysfs miimon -1 fails with EINVAL" is "Invalid argument" sys_errno $S/miimon -1
check "sysfs miimon abc fails with EINVAL" is "Invalid argument" sys_errno $S/miimon abc
check "miimon unchanged" is 100 bond_attr bond0 miimon

# Options that do not apply to the mode.
check "sysfs primary on balance-rr fails with EACCES" is "Permission denied" sys_errno /sys/class/net/bond2/bonding/primary eth2
check "sysfs active_slave with a non-port fails with EINVAL" is "Invalid argument" sys_errno $S/active_slave eth2
check "active slave unchanged" is eth0 bond_attr bond0 active_slave
