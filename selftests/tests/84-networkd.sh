#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A real front end: Debian's systemd-networkd creates a bond from a .netdev
# with a [Bond] section of many options and enslaves two veths from
# .network files; `ip -d -j link` then shows every configured value.
#
#   netns bnd-$$: systemd-networkd
#                 bond0 (active-backup, networkd's options)
#                  |  eth0, eth1 (veths; peers in peer-$$, up)
# shellcheck source=../lib.sh source-path=SCRIPTDIR
source "$(dirname "$0")/../lib.sh"

NETWORKD=/lib/systemd/systemd-networkd
[[ -x $NETWORKD ]] || { skip "systemd-networkd" "not installed"; exit 0; }
load_bonding max_bonds=0
make_ns NS bnd
make_ns PEER peer
UP_PEER=1 veth_pair eth0 "$NS" peth0 "$PEER"
UP_PEER=1 veth_pair eth1 "$NS" peth1 "$PEER"

# networkd reads /run/systemd/network and keeps its state in
# /run/systemd/netif: give it private ones, on tmpfs, in a mount namespace.
# Without udev, links count as initialized only where /sys is read-only
# (as in a container): remount this namespace's /sys so for networkd.
# (Debian's networkd 252 sends LearnPacketIntervalSec and AdSelect only in
# their modes, and knows neither PeerNotifyDelaySec nor ARPMissedMax.)
CONF=$(mktemp -d)
on_exit "rm -rf $CONF"
cat >"$CONF/10-bond0.netdev" <<'EOF'
[NetDev]
Name=bond0
Kind=bond

[Bond]
Mode=active-backup
MIIMonitorSec=100ms
UpDelaySec=200ms
DownDelaySec=300ms
PrimaryReselectPolicy=better
FailOverMACPolicy=active
ResendIGMP=3
GratuitousARP=2
AllSlavesActive=yes
MinLinks=1
ARPAllTargets=all
TransmitHashPolicy=layer3+4
EOF
cat >"$CONF/20-bond0.network" <<'EOF'
[Match]
Name=bond0

[Network]
Address=192.0.2.1/24
LinkLocalAddressing=no
EOF
cat >"$CONF/30-ports.network" <<'EOF'
[Match]
Name=eth0 eth1

[Network]
Bond=bond0
LinkLocalAddressing=no
EOF
# shellcheck disable=SC2016 # expanded by the inner shell
nsx unshare -m sh -c '
	mkdir -p /run/systemd && mount -t tmpfs tmpfs /run/systemd || exit 1
	mount -o remount,bind,ro /sys || exit 1
	mkdir -p /run/systemd/network /run/systemd/netif
	chown systemd-network: /run/systemd/netif
	cp "$1"/* /run/systemd/network/
	exec env SYSTEMD_LOG_LEVEL=debug "$2"' _ "$CONF" "$NETWORKD" >"$CONF/log" 2>&1 &
NWD=$!
on_exit "kill $NWD"

check "networkd creates bond0" wait_for 20 dev_exists bond0
check "eth0 enslaved" wait_for 20 is bond0 master_of eth0
check "eth1 enslaved" wait_for 20 is bond0 master_of eth1
check "bond0 has carrier" wait_for 20 has_flag bond0 LOWER_UP
while read -r key want; do
	check "networkd's $key is $want" is "$want" info bond0 "$key"
done <<'EOF'
mode active-backup
miimon 100
updelay 200
downdelay 300
primary_reselect better
fail_over_mac active
resend_igmp 3
num_peer_notif 2
all_slaves_active 1
min_links 1
arp_all_targets all
xmit_hash_policy layer3+4
EOF
check "sysfs agrees: fail_over_mac" is "active 1" bond_attr bond0 fail_over_mac
has_addr() { ipn -4 addr show dev bond0 | grep -q 192.0.2.1; }
check "192.0.2.1 on bond0" wait_for 10 has_addr
if ((NFAIL)); then
	echo "# networkd's log:"
	sed 's/^/# /' "$CONF/log"
fi
exit 0
