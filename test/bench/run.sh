#!/bin/sh
# make bench — run every benchmark script in test/bench/ (bench_*.sh) in turn.
# Each prints its own ratios; BENCHMARKS.md records the figures.
set -eu
cd "$(dirname "$0")/../.."
found=0
for b in test/bench/bench_*.sh; do
	[ -e "$b" ] || continue
	found=1
	echo "== $b"
	sh "$b"
done
[ "$found" -eq 1 ] || echo "no benchmarks yet"
