#!/bin/sh
# Benchmark of the test data generator (test/gen/county.sql): wall time of
# jtsyq_gen.make_county by county size, and of each of its steps.  It has
# no PostGIS counterpart to compare with; the figures (BENCHMARKS.md) tell
# how long a test or benchmark county takes to make.
#
#   sh test/bench/bench_gen.sh                                  # 1 000 and 10 000 parcels
#   GEN_SIZES="1000 10000 100000 1000000" sh test/bench/bench_gen.sh
#
# Builds and installs this checkout (test/scripts/install-locked.sh); runs in a throwaway cluster.
set -eu
cd "$(dirname "$0")/../.."
GEN_SIZES=${GEN_SIZES:-"1000 10000"}
export GEN_SIZES

. test/scripts/install-locked.sh
pg_virtualenv -v 15 sh -c '
set -eu
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION jtsyq CASCADE" >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -f test/gen/county.sql >/dev/null
printf "%10s %10s %10s %10s %10s %8s\n" requested parcels patches jzd jzx seconds
for n in $GEN_SIZES; do
	start=$(date +%s.%N)
	out=$(PGOPTIONS="-c jtsyq_gen.debug=on" psql -X -q -A -t -v ON_ERROR_STOP=1 \
		-c "SELECT r->>'"'"'zd'"'"', r->>'"'"'dltb'"'"', r->>'"'"'jzd'"'"', r->>'"'"'jzx'"'"' FROM jtsyq_gen.make_county('"'"'bench'"'"', $n) r" 2>"test/bench/out/gen_$n.steps")
	end=$(date +%s.%N)
	echo "$out" | awk -F"|" -v n="$n" -v s="$start" -v e="$end" "{ printf \"%10s %10s %10s %10s %10s %8.1f\n\", n, \$1, \$2, \$3, \$4, e - s }"
	sed -e "s/^WARNING:  make_county: /    /" "test/bench/out/gen_$n.steps"
done
'
