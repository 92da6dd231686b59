#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Static checks that must stay at zero findings:
#   - checkpatch.pl --strict from Debian's linux-source-6.1, run through a
#     drivers/net/bonding/ path so that the netdev rules apply;
#   - a W=1 build with sparse (C=1) against the installed headers.
# Usage: scripts/lint.sh KDIR
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
kdir=$1
cache=${VM_CACHE:-/var/cache/bonding-vm}/checkpatch
src=/usr/src/linux-source-6.1.tar.xz

if [[ ! -x $cache/scripts/checkpatch.pl ]]; then
	mkdir -p "$cache"
	tar -xJf "$src" -C "$cache" --strip-components=1 \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi

# checkpatch picks its rules from the path: show it drivers/net/bonding/
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/drivers/net"
ln -s "$top" "$tree/drivers/net/bonding"
mapfile -t files < <(cd "$top" && git ls-files -- '*.c' '*.h' ':!tools/' |
		     sed 's|^|drivers/net/bonding/|')
fail=0
if ! out=$(cd "$tree" && "$cache/scripts/checkpatch.pl" --strict --no-tree \
	--terse --show-types -f "${files[@]}"); then
	grep -v '^total: 0 errors, 0 warnings, 0 checks' <<<"$out"
	fail=1
fi

# A clean W=1 + sparse build: every object is rebuilt so nothing hides
build=$(make -C "$kdir" M="$top" clean 2>&1 &&
	make -C "$kdir" M="$top" W=1 C=1 modules 2>&1)
if grep -E "warning:|error:" <<<"$build"; then
	fail=1
fi
if ((fail)); then
	echo "lint: FAILED"
	exit 1
fi
echo "lint: checkpatch --strict and W=1 sparse are clean (${#files[@]} files)"
