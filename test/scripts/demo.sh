#!/bin/sh
# make demo — install what is missing, build, install, start a throwaway
# cluster (pg_virtualenv), create the extension, load the bundled sample
# county and print what jtsyq computes for it (test/demo/demo.sql).
# Needs root, or sudo, to install packages and the extension.
set -eu
cd "$(dirname "$0")/../.."

test/scripts/install-deps.sh
. test/scripts/install-locked.sh
pg_virtualenv -v 15 psql -X -q -v ON_ERROR_STOP=1 -P pager=off -f test/demo/demo.sql
