#!/bin/bash
# Print the kernel version (e.g. 6.1.0-56-amd64) of the headers that the
# installed linux-headers-amd64 metapackage depends on. Never uses uname -r.
set -euo pipefail
dep=$(dpkg-query -W -f='${Depends}' linux-headers-amd64)
kver=$(grep -oE 'linux-headers-[^ ,]+-amd64' <<<"$dep" | head -n1)
kver=${kver#linux-headers-}
[[ -n $kver ]] || { echo "kver.sh: cannot find the kernel version of linux-headers-amd64" >&2; exit 1; }
echo "$kver"
