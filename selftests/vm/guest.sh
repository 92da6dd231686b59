#!/bin/bash
# Stage 2 of the guest boot (PID 1, inside the host-root overlay): finish the mounts, bind the
# modules tree (our module is already in its updates/, see run-vm.sh), run the command, store its
# exit status and dmesg in /run/vm (the run-vm.sh share) and power off. Variables: /run/vm/env.
# shellcheck disable=SC2154  # kver modroot workdir interactive cmd: set by /run/vm/env
set -u
# shellcheck source=/dev/null
source /run/vm/env
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=${TERM:-linux}
mkdir -p /dev/pts && mount -t devpts -o ptmxmode=666 devpts /dev/pts
ln -sfn /proc/self/fd /dev/fd && ln -sfn fd/0 /dev/stdin && ln -sfn fd/1 /dev/stdout && ln -sfn fd/2 /dev/stderr
mount -t debugfs debugfs /sys/kernel/debug
hostname bonding-vm
ip link set lo up
mkdir -p "/lib/modules/$kver" && mount --bind "$modroot" "/lib/modules/$kver"
# A fresh /tmp, unless that would hide the host directory we run in (the overlay's /tmp is writable).
[[ $workdir/ == /tmp/* ]] || mount -t tmpfs tmpfs /tmp
cd "$workdir" || cd /
if ((interactive)); then
    setsid -c -w "${cmd[@]}" </dev/console
else
    stty -F /dev/console -onlcr 2>/dev/null   # plain \n in logs
    "${cmd[@]}" </dev/null
fi
echo $? >/run/vm/rc
dmesg >/run/vm/dmesg
sync
busybox poweroff -f
