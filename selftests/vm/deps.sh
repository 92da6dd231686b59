#!/bin/bash
# Install what the VM tests need (apt) and prepare the guest kernel cache:
#   ${VM_CACHE:-/var/cache/bonding-vm}/$KVER/root/       extracted linux-image-$KVER (depmod-ed)
#   ${VM_CACHE:-/var/cache/bonding-vm}/$KVER/initrd.cpio busybox + 9p/virtio/overlay modules + /init
# Idempotent; fast when everything is already there. Run as root.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DEBIAN_FRONTEND=noninteractive

pkgs=(linux-headers-amd64 build-essential qemu-system-x86 busybox-static kmod cpio iproute2
      ethtool jq iputils-ping arping libteam-utils tcpdump tshark sparse linux-source-6.1 codespell xz-utils
      net-tools)
# Modules insmod-ed by the initramfs, in this order (see /work/shared/vm-harness.md).
initrd_mods=(netfs fscache 9pnet 9p virtio_ring virtio 9pnet_virtio virtio_pci_modern_dev
             virtio_pci_legacy_dev virtio_pci overlay)

missing=()
for p in "${pkgs[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) == "ii "* ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "deps.sh: installing ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

kver=$("$here/kver.sh")
cache=${VM_CACHE:-/var/cache/bonding-vm}/$kver
mkdir -p "$cache"

# Guest kernel + modules, extracted once per kernel version.
if [[ ! -e $cache/root/.done ]]; then
    echo "deps.sh: fetching linux-image-$kver into $cache"
    rm -rf "$cache/root" "$cache"/*.deb
    dl() {
        (cd "$cache" || exit
         apt-get download -qq "linux-image-$kver" 2>/dev/null ||
             apt-get download -qq "linux-image-$kver-unsigned" 2>/dev/null)
    }
    dl || { apt-get update -qq && dl; }
    dpkg-deb -x "$cache"/linux-image-*.deb "$cache/root"
    depmod -b "$cache/root" "$kver"
    rm -f "$cache"/linux-image-*.deb
    touch "$cache/root/.done"
fi

# Initramfs, rebuilt when its inputs (init script, busybox, module list, kernel) change.
stamp=$( { cat "$here/initramfs-init.sh"; dpkg-query -W busybox-static; echo "$kver ${initrd_mods[*]}"; } |
         sha256sum | cut -d' ' -f1)
if [[ $(cat "$cache/initrd.stamp" 2>/dev/null) != "$stamp" ]]; then
    echo "deps.sh: building $cache/initrd.cpio"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp"/{bin,mods,proc,sys,dev,mnt,newroot}
    cp /bin/busybox "$tmp/bin/busybox"
    ln -s busybox "$tmp/bin/sh"
    install -m 755 "$here/initramfs-init.sh" "$tmp/init"
    moddir=$cache/root/lib/modules/$kver
    for m in "${initrd_mods[@]}"; do
        rel=$(grep -m1 -E "(^|/)$m\.ko(\.xz)?:" "$moddir/modules.dep" | cut -d: -f1)
        [[ -n $rel ]] || { echo "deps.sh: module $m not found in $moddir" >&2; exit 1; }
        cp "$moddir/$rel" "$tmp/mods/"
        [[ $rel != *.xz ]] || xz -d "$tmp/mods/${rel##*/}"
    done
    printf '%s\n' "${initrd_mods[@]}" >"$tmp/mods/order"
    (cd "$tmp" && find . | cpio -o -H newc --quiet) >"$cache/initrd.cpio"
    echo "$stamp" >"$cache/initrd.stamp"
fi
