#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# miimon 0 (no link monitor), broadcast and active-backup: the cases of
# 47-miimon0.sh (see there) for the other two modes.
export MODES="broadcast active-backup"
# shellcheck source=47-miimon0.sh source-path=SCRIPTDIR
source "$(dirname "$0")/47-miimon0.sh"
