# SPDX-License-Identifier: GPL-2.0
# Out-of-tree build of the bonding module, plus the developer targets.
# The Kbuild file holds the object list; this file only drives it.

KVER ?= $(shell selftests/vm/kver.sh 2>/dev/null || uname -r)
KDIR ?= /lib/modules/$(KVER)/build
VM := selftests/vm/run-vm.sh --module $(CURDIR)/bonding.ko

.PHONY: all modules clean install deps check check-debug demo lint bench docs

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C selftests/testdev KDIR=$(KDIR) clean

install: modules
	install -D -m 0644 bonding.ko /lib/modules/$(KVER)/updates/bonding.ko
	depmod -a $(KVER)

# Installs the build and guest dependencies (apt) and the Debian kernel.
deps:
	selftests/vm/deps.sh

# checkpatch --strict and a W=1 sparse build: zero findings allowed; the
# option reference must match the options table.
lint: deps
	scripts/lint.sh $(KDIR)
	scripts/gen-options-doc.py --check

# Regenerates the option reference in Documentation/bonding.rst
docs:
	scripts/gen-options-doc.py

# Static checks, then the test suite in a QEMU guest running Debian's kernel.
check: lint
	$(MAKE) -C tools/ifenslave
	$(MAKE) -C selftests/testdev KDIR=$(KDIR)
	$(VM) -- $(CURDIR)/selftests/run.sh

# The test suite again, in a guest booting a debug build of Debian's
# linux-source-6.1 (KASAN, lockdep, kmemleak, UBSAN, netdev refcount
# tracker), with the module built for it in a copy of the tree; any report
# fails. A developer target, not part of check: its first run builds the
# kernel (about an hour, cached in /var/cache/bonding-vm/debug-*).
# TESTS="10-module 20-create" runs only those.
check-debug: deps
	$(MAKE) -C tools/ifenslave
	selftests/vm/check-debug.sh $(TESTS)

# The classic scenario: active-backup failover, narrated.
demo: deps
	$(MAKE) modules
	$(VM) -- $(CURDIR)/selftests/demo.sh

# Our module against the in-tree one (and team) in one QEMU boot: one
# "figure:" line per figure, bench/results/latest.md. About 11 minutes.
bench: deps
	$(MAKE) modules
	bench/run.sh --module $(CURDIR)/bonding.ko
