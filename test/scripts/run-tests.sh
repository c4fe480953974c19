#!/bin/sh
# make test — everything CI runs (.ci/run calls exactly this), from a clean
# clone on Debian bookworm:
#   1. install missing packages (test/scripts/install-deps.sh),
#   2. build the extension,
#   3. unit tests of the pure-C cores under AddressSanitizer + UBSan,
#   4. a bounded libFuzzer run of every fuzz target (FUZZ_SECONDS each),
#   5. install, then pg_regress and pg_isolation_regress in a throwaway
#      cluster made by pg_virtualenv,
#   6. pg_dump / pg_restore of the extension's registration state
#      (test/scripts/dump-restore.sh) in another one.
# Needs root, or sudo, for steps 1 and 5.
set -eu
cd "$(dirname "$0")/../.."

FUZZ_SECONDS=${FUZZ_SECONDS:-20}

echo "== dependencies"
test/scripts/install-deps.sh

echo "== build"
make -s

echo "== unit tests (ASan + UBSan)"
make -s -C test/unit run

echo "== fuzzing (${FUZZ_SECONDS}s per target)"
make -s -C test/fuzz run FUZZ_SECONDS="$FUZZ_SECONDS"

echo "== install + regression tests"
. test/scripts/install-locked.sh
if ! pg_virtualenv -v 15 make -s installcheck; then
	for f in regression.diffs output_iso/regression.diffs; do
		[ -f "$f" ] && head -n 400 "$f"
	done
	exit 1
fi
echo "== dump and restore"
pg_virtualenv -v 15 test/scripts/dump-restore.sh
echo "== all tests passed"
