#!/bin/sh
# /init of the test initramfs (busybox sh, stage 1): load the 9p/virtio/overlay modules, mount the
# host's / read-only over 9p under a tmpfs overlay, mount the run-vm.sh share on /run/vm, and
# switch_root into the overlay to run /run/vm/guest.sh (stage 2, bash).
export PATH=/bin
fail() { echo "initramfs: $*"; /bin/busybox poweroff -f; }
/bin/busybox --install -s /bin
mount -t proc proc /proc || fail "mount /proc"
mount -t sysfs sysfs /sys || fail "mount /sys"
mount -t devtmpfs devtmpfs /dev || fail "mount /dev"
while read -r m; do insmod "/mods/$m.ko" || fail "insmod $m"; done </mods/order
o=trans=virtio,version=9p2000.L,msize=512000
mkdir -p /mnt/lower /mnt/rw
mount -t 9p -o "$o,ro" hostroot /mnt/lower || fail "mount hostroot"
mount -t tmpfs -o mode=755 tmpfs /mnt/rw || fail "mount tmpfs"
mkdir /mnt/rw/upper /mnt/rw/work
mount -t overlay -o lowerdir=/mnt/lower,upperdir=/mnt/rw/upper,workdir=/mnt/rw/work overlay /newroot ||
    fail "mount overlay"
mount -t tmpfs -o mode=755 tmpfs /newroot/run || fail "mount /run"
mkdir /newroot/run/vm
mount -t 9p -o "$o" vmshare /newroot/run/vm || fail "mount vmshare"
for d in proc sys dev; do mount --move "/$d" "/newroot/$d" || fail "move /$d"; done
exec switch_root /newroot /bin/bash /run/vm/guest.sh
