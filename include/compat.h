/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version shims, force-included into every object by Kbuild.
 *
 * Only COMPAT_* feature macros belong here; the sources test features,
 * never LINUX_VERSION_CODE.  The target is Debian 12's 6.1 kernel, which
 * needs none yet.
 */
#ifndef _BOND_COMPAT_H
#define _BOND_COMPAT_H

#endif /* _BOND_COMPAT_H */
