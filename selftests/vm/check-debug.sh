#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check-debug`: the test suite in a guest booting the debug kernel of debug-kernel.sh (KASAN,
# lockdep, kmemleak, UBSAN, netdev refcount tracker), with this tree's module built against it.
#   selftests/vm/check-debug.sh [TEST...]     TEST as for selftests/run.sh (default: every test)
# The module is built in a temporary copy of the tree: the objects of the normal build stay as
# they are. run.sh fails a test on any KASAN/lockdep/UBSAN/WARNING line in the kernel log and on
# any kmemleak report. The first run builds the kernel (about an hour on 2 cores). Environment:
# TEST_TIMEOUT (per test, default 900 s: the debug kernel is slow), KMEMLEAK_SCAN (see run.sh),
# VM_TIMEOUT (default 14400 s).
# Run as root.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)

cache=$("$here/debug-kernel.sh")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$top" --exclude=.git -cf - . | tar -C "$tmp" -xf -
make -s -C "$cache/src" M="$tmp" clean
make -C "$cache/src" M="$tmp" modules
make -s -C "$tmp/selftests/testdev" KDIR="$cache/src" clean
make -C "$tmp/selftests/testdev" KDIR="$cache/src"
"$here/run-vm.sh" --kernel debug --module "$tmp/bonding.ko" --timeout "${VM_TIMEOUT:-14400}" -- \
    env BOND_TESTDEV_KO="$tmp/selftests/testdev/bond_testdev.ko" TEST_TIMEOUT="${TEST_TIMEOUT:-900}" KMEMLEAK_SCAN="${KMEMLEAK_SCAN:-end}" "$top/selftests/run.sh" "$@"
