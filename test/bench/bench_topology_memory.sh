#!/bin/sh
# bench_topology_memory.sh — how much private memory a backend needs for
# jtsyq.topology_errors() as the layer grows (the issue asks for memory
# bounded for millions of rows; README "How it scales" says why it is).
#
# For each size, the layer (test/bench/gen_parcels.sql, edge-matched parcels
# of 20 vertices, with 地籍子区 containers of 10 x 10 parcels) is checked in
# a fresh connection while this script samples the backend's RssAnon (its
# private, anonymous resident memory: palloc'd contexts and GEOS's mallocs,
# not shared buffers) from /proc every 50 ms.  Reported: seconds, the peak
# RssAnon, and the idle backend's RssAnon before the check for reference.
#
#   BENCH_MEM_SIZES="100 316 1000"   grid sides: 10 000, 99 856, 1 000 000
#   BENCH_MEM_BATCH="50000"          jtsyq.topology_batch_rows: one run per
#                                    value on every layer
#
# Needs root (or the postgres user) to read the backend's /proc entry.
set -eu
cd "$(dirname "$0")/../.."

SIZES=${BENCH_MEM_SIZES:-"100 316 1000"}
BATCH=${BENCH_MEM_BATCH:-"50000"}
OUT=test/bench/out
mkdir -p "$OUT"
. test/scripts/install-locked.sh

cat > "$OUT/bench_topology_memory.inner.sh" <<'EOF'
#!/bin/sh
set -eu
SIZES=$1
BATCH=$2
OUT=$3
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
q -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE" >/dev/null
q -f test/bench/gen_parcels.sql >/dev/null
echo "parcels|containers|batch_rows|seconds|findings|idle_rss_anon_mb|peak_rss_anon_mb"
for nx in $SIZES; do
	q >/dev/null <<SQL
SET jit = off;
DROP TABLE IF EXISTS p, djzq;
CREATE TABLE p (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
SELECT jtsyq_bench.parcels('p', $nx, $nx);
CREATE TABLE djzq (code text PRIMARY KEY, geom geometry(Polygon, 4523));
SELECT jtsyq_bench.blocks('djzq', $nx, $nx, 10);
VACUUM ANALYZE p;
VACUUM ANALYZE djzq;
CHECKPOINT;
SQL
	for batch in $BATCH; do
		# the check in its own backend, named so that the sampler finds it
		PGAPPNAME=topo_mem q > "$OUT/topo_mem.res" <<SQL &
SET jit = off;
SET jtsyq.topology_batch_rows = $batch;
SELECT pg_sleep(0.5);
\timing on
SELECT count(*) FROM jtsyq.topology_errors('p', container => 'djzq');
SQL
		client=$!
		pid=""
		while [ -z "$pid" ]; do
			kill -0 "$client" 2>/dev/null || { wait "$client"; echo "the check failed" >&2; exit 1; }
			pid=$(q -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'topo_mem'")
		done
		idle=$(awk '/^RssAnon/ {print $2}' /proc/$pid/status)
		peak=$idle
		while kill -0 "$client" 2>/dev/null; do
			r=$(awk '/^RssAnon/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
			[ -n "$r" ] && [ "$r" -gt "$peak" ] && peak=$r
			sleep 0.05
		done
		wait "$client"
		findings=$(sed -n 2p "$OUT/topo_mem.res")
		ms=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$OUT/topo_mem.res")
		n=$(q -c "SELECT count(*) FROM p")
		c=$(q -c "SELECT count(*) FROM djzq")
		echo "$n|$c|$batch|$(awk -v ms="$ms" 'BEGIN {printf "%.2f", ms / 1000}')|$findings|$((idle / 1024))|$((peak / 1024))"
	done
done
EOF
chmod +x "$OUT/bench_topology_memory.inner.sh"
pg_virtualenv -v 15 "$OUT/bench_topology_memory.inner.sh" "$SIZES" "$BATCH" "$OUT" | tee "$OUT/bench_topology_memory.txt"
