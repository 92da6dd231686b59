#!/bin/bash
# Bonding demo, run inside the test VM:  selftests/vm/run-vm.sh [--module intree] -- selftests/demo.sh
# bond0 (active-backup, miimon) over eth0/eth1, two veths into a "switch" namespace bridged on br0,
# with a "peer" namespace at 192.0.2.2. Ping, cut the active port's link, check that the other
# port took over and ping still works. Prints "demo: failover OK" (exit 0) or "demo: FAILED" (exit 1).
set -euo pipefail
say() { printf '\n### %s\n' "$*"; }
run() { echo "+ $*"; "$@"; }
active() { awk -F': ' '/^Currently Active Slave/ {print $2}' /proc/net/bonding/bond0; }
cleanup() {
    ip netns del switch; ip netns del peer; ip link del bond0; modprobe -r bonding
} 2>/dev/null
trap cleanup EXIT
ok=1

say "Load the bonding driver: one bond, active-backup, link check every 100 ms"
run modprobe bonding mode=1 miimon=100 max_bonds=1

say "A 'switch' namespace with bridge br0, and a 'peer' namespace plugged into it at 192.0.2.2"
run ip netns add switch
run ip netns add peer
run ip -n switch link add br0 type bridge
run ip -n switch link set br0 up
run ip -n switch link add sw2 type veth peer name eth0 netns peer
run ip -n switch link set sw2 master br0 up
run ip -n peer addr add 192.0.2.2/24 dev eth0
run ip -n peer link set eth0 up

say "Two cables from bond0's ports eth0/eth1 to the switch ports sw0/sw1"
for i in 0 1; do
    run ip link add "eth$i" type veth peer name "sw$i" netns switch
    run ip -n switch link set "sw$i" master br0 up
    run ip link set "eth$i" master bond0
done
run ip addr add 192.0.2.1/24 dev bond0
run ip link set bond0 up

say "Ping the peer through the bond"
run ping -c 3 -W 2 192.0.2.2 || ok=0
run cat /proc/net/bonding/bond0
before=$(active)

say "Pull the cable of the active port $before: take its switch side sw${before#eth} down"
run ip -n switch link set "sw${before#eth}" down
run sleep 1

say "Ping still works, now through the other port"
run ping -c 5 -i 0.2 -W 2 192.0.2.2 || ok=0
run cat /proc/net/bonding/bond0
after=$(active)

say "Currently Active Slave: $before -> $after"
if ((ok)) && [[ $before == eth[01] && $after == eth[01] && $after != "$before" ]]; then
    echo "demo: failover OK"
else
    echo "demo: FAILED"
    exit 1
fi
