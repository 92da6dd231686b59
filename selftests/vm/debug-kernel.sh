#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build and cache the debug guest kernel (KASAN, lockdep, kmemleak, UBSAN, refcount trackers) from
# Debian's linux-source-6.1, configured by debug.config over allnoconfig; print its cache directory:
#   ${VM_CACHE:-/var/cache/bonding-vm}/debug-$SRCVER/src/          the built tree (KDIR for M= builds)
#   ${VM_CACHE:-/var/cache/bonding-vm}/debug-$SRCVER/root/         boot/vmlinuz-$KVER, lib/modules/$KVER
#   ${VM_CACHE:-/var/cache/bonding-vm}/debug-$SRCVER/initrd.cpio   busybox + /init (virtio/9p are built in)
#   ${VM_CACHE:-/var/cache/bonding-vm}/debug-$SRCVER/kver          the kernel release, $KVER
# SRCVER is the linux-source-6.1 package version. The first build takes about an hour on 2 cores
# (niced, log in build.log there); it is redone, incrementally, only when debug.config changes.
# Progress goes to stderr. Run as root.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DEBIAN_FRONTEND=noninteractive
say() { echo "debug-kernel.sh: $*" >&2; }

pkgs=(build-essential bc bison flex libelf-dev libssl-dev cpio busybox-static kmod linux-source-6.1)
missing=()
for p in "${pkgs[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) == "ii "* ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
cache=${VM_CACHE:-/var/cache/bonding-vm}/debug-$srcver
src=$cache/src
fragment=$here/debug.config
mkdir -p "$cache"
kmake() { nice -n 19 make -C "$src" -j"$(nproc)" "$@" >>"$cache/build.log" 2>&1; }
failed() { say "$* failed; the end of $cache/build.log:"; tail -n 40 "$cache/build.log" >&2; exit 1; }

if [[ ! -e $src/.extracted ]]; then
    say "extracting linux-source-$srcver into $src"
    rm -rf "$src"
    mkdir -p "$src"
    tar -xf /usr/src/linux-source-6.1.tar.xz -C "$src" --strip-components=1
    touch "$src/.extracted"
fi

stamp=$(sha256sum <"$fragment" | cut -d' ' -f1)
if [[ $(cat "$cache/kernel.stamp" 2>/dev/null) != "$stamp" ]]; then
    say "building the kernel in $src (log: $cache/build.log)"
    : >"$cache/build.log"
    rm -f "$cache/kernel.stamp"
    kmake allnoconfig || failed "make allnoconfig"
    (cd "$src" && scripts/kconfig/merge_config.sh -m .config "$fragment") >>"$cache/build.log" 2>&1 ||
        failed "merge_config.sh"
    kmake olddefconfig || failed "make olddefconfig"
    # Every line of the fragment must have survived olddefconfig (a missing dependency drops it).
    bad=()
    while IFS= read -r line; do
        if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)= ]]; then
            grep -qxF "$line" "$src/.config" || bad+=("$line (got: $(grep -E "^(# )?${BASH_REMATCH[1]}[= ]" "$src/.config" || echo unset))")
        elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set ]]; then
            ! grep -q "^${BASH_REMATCH[1]}=" "$src/.config" || bad+=("$line (got: $(grep "^${BASH_REMATCH[1]}=" "$src/.config"))")
        fi
    done <"$fragment"
    if ((${#bad[@]})); then
        say "these debug.config lines did not make it into $src/.config:"
        printf '    %s\n' "${bad[@]}" >&2
        exit 1
    fi
    start=$SECONDS
    kmake || failed "make"
    kver=$(make -s -C "$src" kernelrelease)
    rm -rf "$cache/root"
    kmake modules_install INSTALL_MOD_PATH="$cache/root" || failed "make modules_install"
    [[ -s $cache/root/lib/modules/$kver/modules.dep ]] || failed "depmod (no modules.dep)"
    install -D -m 0644 "$src/arch/x86/boot/bzImage" "$cache/root/boot/vmlinuz-$kver"
    echo "$kver" >"$cache/kver"
    echo "$stamp" >"$cache/kernel.stamp"
    say "built $kver in $(((SECONDS - start) / 60)) min"
fi
kver=$(<"$cache/kver")

# Initramfs: deps.sh's, minus the modules (built in here): an empty /mods/order.
stamp=$( { cat "$here/initramfs-init.sh"; dpkg-query -W busybox-static; } | sha256sum | cut -d' ' -f1)
if [[ $(cat "$cache/initrd.stamp" 2>/dev/null) != "$stamp" ]]; then
    say "building $cache/initrd.cpio"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp"/{bin,mods,proc,sys,dev,mnt,newroot}
    cp /bin/busybox "$tmp/bin/busybox"
    ln -s busybox "$tmp/bin/sh"
    install -m 755 "$here/initramfs-init.sh" "$tmp/init"
    : >"$tmp/mods/order"
    (cd "$tmp" && find . | cpio -o -H newc --quiet) >"$cache/initrd.cpio"
    echo "$stamp" >"$cache/initrd.stamp"
fi
echo "$cache"
