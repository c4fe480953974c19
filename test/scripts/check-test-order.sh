#!/bin/sh
# check-test-order.sh — the regression tests must not depend on each other:
# pg_regress runs them in one database, in the order of REGRESS
# (alphabetical), so a test that leaves state behind (codes in the history,
# counters, findings, schemas) can make a later one pass or fail by
# accident.  Runs every test alone in a fresh database, then all of them in
# reverse order, in one throwaway cluster.  Not part of `make test` (it
# triples the regression time); run it after adding or changing a test.
# Expects the extension to be installed (make install).
set -eu
cd "$(dirname "$0")/../.."
tests=$(ls sql/*.sql | sed 's|sql/||; s|\.sql$||')
reversed=$(echo "$tests" | sort -r | tr '\n' ' ')
pg_virtualenv -v 15 sh -c '
    failed=""
    for t in '"$(echo $tests)"'; do
        if make -s installcheck REGRESS=$t ISOLATION= >/dev/null 2>&1; then
            echo "alone     $t: ok"
        else
            echo "alone     $t: FAILED"; failed="$failed $t"
            cp regression.diffs "regression.alone.$t.diffs" 2>/dev/null || true
        fi
    done
    if make -s installcheck REGRESS="'"$reversed"'" ISOLATION= >/dev/null 2>&1; then
        echo "reversed  all: ok"
    else
        echo "reversed  all: FAILED (regression.diffs)"; failed="$failed reversed"
    fi
    echo "$failed" > regression.order
'
# (the verdict is passed out in a file: pg_virtualenv prints the whole
# server log when its command fails)
failed=$(cat regression.order); rm -f regression.order
[ -z "$failed" ] || { echo "order-dependent:$failed"; exit 1; }
echo "no test depends on another"
