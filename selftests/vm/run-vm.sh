#!/bin/bash
# Boot the cached Debian kernel (see deps.sh) under QEMU/TCG with the host's / as the guest's root
# (read-only 9p + tmpfs overlay) and run CMD there as root, in the current directory. Output goes
# to the serial console (this stdout); exits with CMD's status, or 1 if the guest did not finish.
#   --module PATH|intree   bonding.ko to install as /lib/modules/$KVER/updates/bonding.ko
#                          (default $PWD/bonding.ko); "intree" keeps Debian's bonding.ko
#   --timeout SECONDS      kill QEMU after this long (default 2400)
#   --append ARGS          extra kernel command line arguments
#   --kernel stock|debug   Debian's kernel (default), or the debug build of debug-kernel.sh
#                          (built on first use, about an hour; the guest gets 3 GiB, not 1)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage() { sed -n '2,10s/^# \{0,1\}//p' "$0"; echo "usage: $0 [--module PATH|intree] [--timeout S] [--append ARGS] [--kernel stock|debug] -- CMD [ARGS...]"; }
module=$PWD/bonding.ko timeout=2400 kernel=stock append=
while (($#)); do
    case $1 in
    --module) module=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --append) append=$2; shift 2 ;;
    --kernel) kernel=$2; shift 2 ;;
    --) shift; break ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
    esac
done
(($#)) || { usage >&2; exit 2; }
[[ $kernel == stock || $kernel == debug ]] || { usage >&2; exit 2; }

"$here/deps.sh"
if [[ $kernel == debug ]]; then
    cache=$("$here/debug-kernel.sh")
    kver=$(<"$cache/kver") mem=3072
    # Its AML interpreter is so slow under TCG that ACPI's PCI routing (_PRT) times out, twice,
    # for a minute of boot: route PCI interrupts without ACPI.
    append="pci=noacpi $append"
else
    kver=$("$here/kver.sh")
    cache=${VM_CACHE:-/var/cache/bonding-vm}/$kver mem=1024
fi
modroot=$cache/root/lib/modules/$kver
if [[ $module != intree ]]; then
    # The guest's /lib/modules/$kver: a hard-link copy of the image's with our module in updates/,
    # depmod-ed here (depmod in the guest reads every module over 9p: ~30 s under TCG).
    [[ -f $module ]] || { echo "run-vm.sh: no module at $module (build it, or use --module intree)" >&2; exit 2; }
    stage=$(mktemp -d "$cache/stage.XXXXXX")
    trap 'rm -rf "$stage"' EXIT
    mkdir -p "$stage/lib/modules"
    cp -al "$modroot" "$stage/lib/modules/"
    modroot=$stage/lib/modules/$kver
    mkdir -p "$modroot/updates"
    cp "$module" "$modroot/updates/bonding.ko"
    depmod -b "$stage" "$kver"
fi
share=$(mktemp -d "${TMPDIR:-/tmp}/run-vm.XXXXXX")
cp "$here/guest.sh" "$share/guest.sh"
interactive=0
[[ -t 0 && -t 1 ]] && interactive=1
workdir=$PWD cmd=("$@")
declare -p kver modroot workdir interactive cmd >"$share/env"

# -display none -serial mon:stdio is -nographic minus SeaBIOS's serial console (which resets and
# clears the terminal); -nic none so the guest has no NIC of its own (tests create eth0, eth1...).
qemu=(qemu-system-x86_64 -accel "tcg,thread=multi" -smp 2 -m "$mem" -display none -serial mon:stdio
      -vga none -no-reboot -nic none
      -kernel "$cache/root/boot/vmlinuz-$kver" -initrd "$cache/initrd.cpio"
      -append "console=ttyS0 quiet panic=-1 oops=panic $append"
      -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
      -virtfs "local,path=$share,mount_tag=vmshare,security_model=none,multidevs=remap")
if ((interactive)); then
    timeout --foreground -k 10 "$timeout" "${qemu[@]}" || true
else
    timeout -k 10 "$timeout" "${qemu[@]}" </dev/null | tee "$share/console" || true
fi
rm -f "$share/guest.sh" "$share/env"
if [[ ! -s $share/rc ]]; then
    rm -rf "$share"
    echo "not ok - guest did not finish (see console output above)"
    exit 1
fi
echo "run-vm.sh: guest dmesg saved in $share/dmesg"
# The summary line again, last, where CI reads it (the guest's poweroff message follows it)
grep -aE '^[0-9]+ passed, [0-9]+ failed' "$share/console" 2>/dev/null | tail -n 1 | tr -d '\r' || true
exit "$(<"$share/rc")"
