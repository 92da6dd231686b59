#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What tools read from the bond device itself: uevent DEVTYPE, ethtool -i,
# the bond's speed per mode (sum of the sending ports, the slowest one in
# broadcast), and the MII status register mii-tool and ifplugd read.
#
#   bnd-$$:   bond0 (mode X, miimon 100)
#              |          |
#             eth0       eth1          (veth: 10000Mb/s each)
#   ----------|----------|---------
#   sw-$$:    p0         p1
#              \        /
#               br0
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
switch_topology
make_bond() { # MODE
	must ipn link add bond0 type bond mode "$1" miimon 100
	must ipn link set eth0 master bond0
	must ipn link set eth1 master bond0
	must ipn link set bond0 up
	check "$1: bond0 has carrier" wait_for 5 is up bond_attr bond0 mii_status
}
speed() { nsx ethtool bond0 | awk '/Speed:/ { print $2 }'; }
drvinfo() { nsx ethtool -i bond0 | awk -F': ' -v k="$1" '$1 == k { print $2 }'; }

make_bond active-backup
check "uevent DEVTYPE=bond" nsx grep -qx DEVTYPE=bond /sys/class/net/bond0/uevent
check "ethtool -i driver: bonding" is bonding drvinfo driver
check "ethtool -i version: the kernel's" is "$(uname -r)" drvinfo version
check "ethtool -i firmware-version: the ABI version (2)" is 2 drvinfo firmware-version
check "active-backup: speed is the active port's" is 10000Mb/s speed
check "mii-tool: link ok" match "$(nsx mii-tool bond0 2>&1)" "link ok"
must ip -n "$SW" link set p0 down
must ip -n "$SW" link set p1 down
check "all ports down: bond0 loses carrier" wait_for 5 is down bond_attr bond0 mii_status
# BMSR reads 0 now, which mii-tool takes for "No MII transceiver present"
check "mii-tool: link no longer ok" not match "$(nsx mii-tool bond0 2>&1)" "link ok"
check "no port sends: speed unknown" is Unknown! speed
must ip -n "$SW" link set p0 up
must ip -n "$SW" link set p1 up
must ipn link del bond0

make_bond balance-rr
check "balance-rr: speed is the sum of the ports'" wait_for 5 is 20000Mb/s speed
must ipn link del bond0

make_bond broadcast
check "broadcast: speed is the slowest port's" wait_for 5 is 10000Mb/s speed
must ipn link del bond0
