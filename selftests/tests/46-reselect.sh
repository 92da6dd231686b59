#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# active-backup primary_reselect: under "failure" a recovered primary does
# not take over, nor does enslaving, downing or renaming a port force a
# reselection; writing the primary option does make the primary active;
# under "always" the primary takes over as soon as it is up, also when a
# port is renamed to the configured primary's name.
#
#   bnd-$$:   bond0 192.0.2.1/24 (active-backup, miimon 100, primary eth0)
#              |          |          |
#             eth0       eth1       eth2 (enslaved later, renamed ethX, ethY)
#   ----------|----------|----------|---------
#   sw-$$:    p0         p1         p2     (pN down = carrier loss on ethN)
#              \         |         /
#               br0 192.0.2.2/24
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

load_bonding max_bonds=0
switch_topology
veth_pair eth2 "$NS" p2 "$SW"
must ip -n "$SW" link set p2 master br0
must ip -n "$SW" link set p2 up
must ipn link add bond0 type bond mode active-backup miimon 100 primary_reselect failure
must ipn link set eth0 master bond0
must ipn link set eth1 master bond0
must ipn link set bond0 type bond primary eth0
must ipn addr add 192.0.2.1/24 dev bond0
must ipn link set bond0 up
S=/sys/class/net/bond0/bonding
active() { bond_attr bond0 active_slave; }
sw_link() { must ip -n "$SW" link set "$1" "$2"; }

# --- (a) primary_reselect failure
check "sysfs primary_reselect is 'failure 2'" is "failure 2" bond_attr bond0 primary_reselect
check "netlink primary_reselect is failure" is failure info bond0 primary_reselect
check "sysfs primary is eth0" is eth0 bond_attr bond0 primary
check "primary eth0 is active" wait_for 5 is eth0 active
check "/proc Primary Slave: eth0 (primary_reselect failure)" \
	is "eth0 (primary_reselect failure)" proc_field bond0 "Primary Slave"
check "ping through bond0" wait_for 10 ping_ok

sw_link p0 down
check "p0 down: active moves to eth1" wait_for 5 is eth1 active
sw_link p0 up
check "p0 up: eth0 mii_status back to UP" wait_for 5 is UP slave_info eth0 mii_status
sleep 0.5 # several miimon rounds with eth0 up: a fail-back would have happened
check "failure policy: active stays eth1 after primary recovers" is eth1 active
check "eth0 state BACKUP" is BACKUP slave_info eth0 state

check "enslave eth2 (up port)" ipn link set eth2 master bond0
check "eth2 mii_status UP" wait_for 5 is UP slave_info eth2 mii_status
sleep 0.3
check "enslaving eth2 does not force a fail-back: active eth1" is eth1 active
check "eth2 state BACKUP" is BACKUP slave_info eth2 state

check "ip link set eth2 down" ipn link set dev eth2 down
check "a downed port stays a port (slaves eth0 eth1 eth2)" is "eth0 eth1 eth2" bond_attr bond0 slaves
check "downed eth2 keeps master bond0" is bond0 master_of eth2
check "downed eth2 mii_status DOWN" wait_for 5 is DOWN slave_info eth2 mii_status
check "active still eth1 after eth2 down" is eth1 active
check "rename eth2 to ethX while down" ipn link set eth2 name ethX
check "sysfs slaves shows the new name" is "eth0 eth1 ethX" bond_attr bond0 slaves
check "/proc lists Slave Interface: ethX" match "$(proc_bond bond0)" "Slave Interface: ethX"
check "renaming a non-primary port: active still eth1" is eth1 active
check "primary still eth0 after rename" is eth0 bond_attr bond0 primary
check "ip link set ethX up" ipn link set ethX up
check "ethX mii_status UP" wait_for 5 is UP slave_info ethX mii_status
sleep 0.3
check "ethX back up: active still eth1" is eth1 active

# --- (c) writing the primary option selects the primary even under 'failure'
check "echo eth0 > primary (eth1 active, policy failure)" sys_write $S/primary eth0
check "written primary eth0 becomes active" wait_for 5 is eth0 active
check "policy still failure" is "failure 2" bond_attr bond0 primary_reselect
sw_link p0 down
check "p0 down again: active eth1" wait_for 5 is eth1 active
sw_link p0 up
check "p0 up again: eth0 mii_status UP" wait_for 5 is UP slave_info eth0 mii_status
sleep 0.5
check "failure policy still holds: active eth1" is eth1 active
check "ip link set bond0 type bond primary eth0 (netlink)" ipn link set bond0 type bond primary eth0
check "netlink-written primary eth0 becomes active" wait_for 5 is eth0 active
sw_link p0 down
check "p0 down: active eth1 (before switching policy)" wait_for 5 is eth1 active
sw_link p0 up
check "p0 up: eth0 mii_status UP (before switching policy)" wait_for 5 is UP slave_info eth0 mii_status
sleep 0.5
check "still eth1 under failure" is eth1 active

# --- (b) primary_reselect always
check "echo always > primary_reselect" sys_write $S/primary_reselect always
check "sysfs primary_reselect is 'always 0'" is "always 0" bond_attr bond0 primary_reselect
check "switching to always reselects: primary eth0 (up) active" wait_for 5 is eth0 active
sw_link p0 down
check "always: p0 down, active eth1" wait_for 5 is eth1 active
sw_link p0 up
check "always: primary eth0 back up, active eth0" wait_for 5 is eth0 active
check "ping after fail-back" wait_for 10 ping_ok

# a port renamed to the configured primary's name becomes the primary
check "primary set to absent ethY" sys_write $S/primary ethY
check "sysfs primary is empty while no port is named ethY" is "" bond_attr bond0 primary
check "/proc Primary Slave: None for an absent primary" \
	is None proc_field bond0 "Primary Slave"
check "absent primary: active stays eth0" is eth0 active
must ipn link set ethX down
check "rename ethX to ethY (the primary name)" ipn link set ethX name ethY
must ipn link set ethY up
check "renamed port named like the primary becomes active" wait_for 5 is ethY active
check "sysfs primary shows ethY once a port has that name" is ethY bond_attr bond0 primary
check "/proc Primary Slave: ethY (primary_reselect always)" \
	is "ethY (primary_reselect always)" proc_field bond0 "Primary Slave"
check "ethY state ACTIVE" is ACTIVE slave_info ethY state
