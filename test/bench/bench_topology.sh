#!/bin/sh
# bench_topology.sh — jtsyq.topology_errors() and jtsyq.topology_trigger()
# against the PostGIS way, measured in the same run, in a throwaway cluster
# (pg_virtualenv).  Prints a table of times and ratios; BENCHMARKS.md has
# the figures.
#
# Data: test/bench/gen_parcels.sql, edge-matched parcels of ~100 m with 20
# vertices each on a jittered grid (CGCS2000 GK zone 35, EPSG 4523), and
# 地籍子区-like containers of 10 x 10 parcels built from the same vertices.
#
#   BENCH_NX=450              grid side of the main layer (450 x 450 = 202 500)
#   BENCH_TRIGGER_ROWS=50000  rows of the trigger runs
#   BENCH_SCALING="100 224 316"  further grid sides for the growth table
#                             (10 000, 50 176, 99 856 parcels; the main layer
#                             is added); BENCH_FULL=1 adds 1000 (1 000 000)
#   BENCH_REPEAT=5            runs of each trigger measurement (median)
#   BENCH_TRIGGERS_ONLY=1     only the trigger loads (no layer, no growth)
#   BENCH_BEFORE=<commit>     also time the triggers of that commit in the
#                             same run (its sources built as a second
#                             library, loaded by path; e.g. 6d44ce4, the
#                             merge of the first implementation)
#
# Every timed load starts after a CHECKPOINT (not timed), so that no load
# pays for the writes of the one before.
# The PostGIS baseline is the overlap-only self-join
#   ST_Intersects(a, b) AND a.id < b.id AND ST_Relate(a, b, '2********')
# run single-threaded like topology_errors (max_parallel_workers_per_gather
# = 0) and with bitmap scans off: otherwise the planner ANDs a bitmap of the
# id range a.id < b.id into every probe and the join turns quadratic
# (8 minutes instead of 25 s here).  It is also timed with the default two
# parallel workers, for reference.
set -eu
cd "$(dirname "$0")/../.."

NX=${BENCH_NX:-450}
TROWS=${BENCH_TRIGGER_ROWS:-50000}
SCALING=${BENCH_SCALING:-"100 224 316"}
REPEAT=${BENCH_REPEAT:-5}
BEFORE=${BENCH_BEFORE:-}
TRIGGERS_ONLY=${BENCH_TRIGGERS_ONLY:-0}
[ "${BENCH_FULL:-0}" = 1 ] && SCALING="$SCALING 1000"
OUT=test/bench/out
mkdir -p "$OUT"
# the server writes and reads the COPY file: a directory it can use
CDIR=$(mktemp -d /tmp/jtsyq-bench.XXXXXX)
chmod 777 "$CDIR"
trap 'rm -rf "$CDIR"' EXIT
. test/scripts/install-locked.sh

# the earlier implementation, for before/after ratios in one run: built as
# jtsyq_before.so without its _PG_init (the GUCs are this build's) and
# linked -Bsymbolic, so that its calls stay inside it; loaded by path after
# this build's library (a C function of it is called first)
if [ -n "$BEFORE" ]; then
	mkdir -p "$CDIR/before"
	git archive "$BEFORE" src Makefile jtsyq.control jtsyq--1.0.sql | tar -x -C "$CDIR/before"
	sed -i 's/^\tjt_geos_init_interrupts();$//; s/^\tjt_topo_init();$//' "$CDIR/before/src/jtsyq.c"
	make -s -C "$CDIR/before" MODULE_big=jtsyq_before LDFLAGS_SL=-Wl,-Bsymbolic >/dev/null
	chmod -R a+rX "$CDIR/before"
fi

cat > "$OUT/bench_topology.sql" <<EOF
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
\i test/bench/gen_parcels.sql
SET jit = off;
\o /dev/null
CREATE TABLE jtsyq_bench.results (what text, n bigint, seconds float8, rep integer);
CREATE FUNCTION jtsyq_bench.t(what text, n bigint, sql text) RETURNS float8 LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz := clock_timestamp(); s float8;
BEGIN
    EXECUTE sql;
    s := extract(epoch FROM clock_timestamp() - t0);
    INSERT INTO jtsyq_bench.results
    VALUES (what, n, s, nullif(current_setting('jtsyq_bench.rep', true), '')::integer);
    RETURN s;
END \$\$;
EOF
if [ "$TRIGGERS_ONLY" = 1 ]; then
	# the trigger rows alone: the first $TROWS parcels of the $NX x $NX layer
	cat >> "$OUT/bench_topology.sql" <<EOF
CREATE TABLE src (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
SELECT jtsyq_bench.parcels('src', ($TROWS + $NX - 1) / $NX, $NX) AS parcels;
DELETE FROM src WHERE id >= $TROWS;
EOF
else
	cat >> "$OUT/bench_topology.sql" <<EOF

-- the main layer and its containers
CREATE TABLE p (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
SELECT jtsyq_bench.parcels('p', $NX, $NX) AS parcels;
CREATE INDEX ON p USING gist (geom);
CREATE TABLE djzq (code text PRIMARY KEY, geom geometry(Polygon, 4523));
SELECT jtsyq_bench.blocks('djzq', $NX, $NX, 10) AS containers;
VACUUM ANALYZE p;
VACUUM ANALYZE djzq;

-- 1. the whole-layer check against the PostGIS overlap-only self-join
SET max_parallel_workers_per_gather = 0;
SET enable_bitmapscan = off;
SELECT jtsyq_bench.t('postgis_overlap_join', $NX * $NX,
  \$q\$SELECT count(*) FROM p a JOIN p b ON ST_Intersects(a.geom, b.geom) AND a.id < b.id
        AND ST_Relate(a.geom, b.geom, '2********')\$q\$);
RESET enable_bitmapscan;
RESET max_parallel_workers_per_gather;
SET enable_bitmapscan = off;
SELECT jtsyq_bench.t('postgis_overlap_join_2_workers', $NX * $NX,
  \$q\$SELECT count(*) FROM p a JOIN p b ON ST_Intersects(a.geom, b.geom) AND a.id < b.id
        AND ST_Relate(a.geom, b.geom, '2********')\$q\$);
RESET enable_bitmapscan;
SELECT jtsyq_bench.t('topology_errors_full', $NX * $NX,
  \$q\$SELECT count(*) FROM jtsyq.topology_errors('p', container => 'djzq')\$q\$);
SELECT jtsyq_bench.t('topology_errors_no_container', $NX * $NX,
  \$q\$SELECT count(*) FROM jtsyq.topology_errors('p')\$q\$);
\o
SELECT count(*) AS findings_on_the_clean_layer FROM jtsyq.topology_errors('p', container => 'djzq');
\o /dev/null

-- 2. growth with the layer size (no container: overlaps, validity, slivers)
EOF
	for side in $SCALING; do
		cat >> "$OUT/bench_topology.sql" <<EOF
CREATE TABLE s$side (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
SELECT jtsyq_bench.parcels('s$side', $side, $side) AS parcels;
VACUUM ANALYZE s$side;
SELECT jtsyq_bench.t('scaling', $side * $side, \$q\$SELECT count(*) FROM jtsyq.topology_errors('s$side')\$q\$);
DROP TABLE s$side;
EOF
	done
	cat >> "$OUT/bench_topology.sql" <<EOF
INSERT INTO jtsyq_bench.results SELECT 'scaling', n, seconds FROM jtsyq_bench.results
 WHERE what = 'topology_errors_no_container';
CREATE TABLE src AS SELECT * FROM p WHERE id < $TROWS;
EOF
fi
cat >> "$OUT/bench_topology.sql" <<EOF

-- 3. the trigger: $TROWS parcels inserted into a table with a GiST index,
-- by INSERT ... SELECT and by COPY from a file; no trigger, the row
-- trigger, the statement (bulk) trigger, and a PL/pgSQL row trigger of the
-- PostGIS kind for reference
COPY src TO '$CDIR/src.copy';
CREATE TABLE t (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
CREATE INDEX ON t USING gist (geom);
SELECT jtsyq.version() IS NOT NULL AS this_build_loaded;
EOF
if [ -n "$BEFORE" ]; then
	cat >> "$OUT/bench_topology.sql" <<EOF
CREATE FUNCTION topology_trigger_before() RETURNS trigger LANGUAGE c
    AS '$CDIR/before/jtsyq_before', 'jtsyq_topology_trigger';
EOF
fi
cat >> "$OUT/bench_topology.sql" <<EOF
CREATE FUNCTION plpgsql_overlap() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
    IF EXISTS (SELECT 1 FROM t WHERE t.geom && NEW.geom AND ST_Relate(t.geom, NEW.geom, '2********')) THEN
        RAISE EXCEPTION 'overlap' USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END \$\$;
EOF
# each repeat: per kind of load the plain load, then the same load through
# each trigger, so that a trigger's time is compared with a plain load
# timed just before it (the ratios below are medians of these pairs)
i=0
while [ $i -lt "$REPEAT" ]; do
	echo "SET jtsyq_bench.rep = $i;" >> "$OUT/bench_topology.sql"
	for load in insert copy; do
		if [ $load = insert ]; then
			stmt="INSERT INTO t SELECT * FROM src"
		else
			stmt="COPY t FROM ''$CDIR/src.copy''"
		fi
		for fn in "" jtsyq.topology_trigger ${BEFORE:+topology_trigger_before}; do
			case "$fn" in
				"") what=plain ;;
				jtsyq.topology_trigger) what=trigger ;;
				*) what=trigger_before ;;
			esac
			if [ -z "$fn" ]; then
				echo "TRUNCATE t; CHECKPOINT; SELECT jtsyq_bench.t('${load}_plain', $TROWS, '$stmt');" >> "$OUT/bench_topology.sql"
				continue
			fi
			cat >> "$OUT/bench_topology.sql" <<EOF
CREATE TRIGGER t_bulk AFTER INSERT ON t REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION $fn('geom', '0.0001', '', 'reject');
TRUNCATE t; CHECKPOINT; SELECT jtsyq_bench.t('${load}_bulk_$what', $TROWS, '$stmt');
DROP TRIGGER t_bulk ON t;
CREATE TRIGGER t_row BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION $fn('geom', '0.0001', '', 'reject');
TRUNCATE t; CHECKPOINT; SELECT jtsyq_bench.t('${load}_row_$what', $TROWS, '$stmt');
DROP TRIGGER t_row ON t;
EOF
		done
	done
	cat >> "$OUT/bench_topology.sql" <<EOF
CREATE TRIGGER t_plpgsql BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION plpgsql_overlap();
TRUNCATE t; CHECKPOINT; SELECT jtsyq_bench.t('insert_plpgsql_trigger', $TROWS, 'INSERT INTO t SELECT * FROM src');
DROP TRIGGER t_plpgsql ON t;
EOF
	i=$((i + 1))
done
cat >> "$OUT/bench_topology.sql" <<'EOF'

-- the report: medians, and ratios against the PostGIS way
\o
\pset footer off
CREATE VIEW m AS SELECT what, n, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS s
  FROM jtsyq_bench.results GROUP BY what, n;
\echo '== topology_errors vs the PostGIS overlap-only self-join (same layer, same run)'
SELECT what, n AS parcels, round(s::numeric, 3) AS seconds,
       round(((SELECT s FROM m WHERE what = 'postgis_overlap_join') / s)::numeric, 1) AS speedup_vs_postgis
  FROM m WHERE what IN ('postgis_overlap_join', 'postgis_overlap_join_2_workers',
                        'topology_errors_full', 'topology_errors_no_container')
 ORDER BY s DESC;
\echo '== growth: seconds, microseconds per parcel, and per parcel / log2(parcels)'
SELECT n AS parcels, round(s::numeric, 3) AS seconds, round((1e6 * s / n)::numeric, 2) AS us_per_parcel,
       round((1e6 * s / n / log(2, n))::numeric, 3) AS us_per_parcel_log2n
  FROM m WHERE what = 'scaling' ORDER BY n;
\echo '== triggers: median seconds, and the median (lowest, highest) of each run''s ratio to the plain load timed just before it'
SELECT a.what, round((SELECT s FROM m WHERE m.what = a.what)::numeric, 3) AS seconds,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY a.seconds / p.seconds)::numeric, 2) AS ratio,
       round(min(a.seconds / p.seconds)::numeric, 2) AS lowest, round(max(a.seconds / p.seconds)::numeric, 2) AS highest
  FROM jtsyq_bench.results a
  JOIN jtsyq_bench.results p ON p.rep = a.rep AND p.what = split_part(a.what, '_', 1) || '_plain'
 WHERE a.rep IS NOT NULL
 GROUP BY a.what ORDER BY a.what;
EOF

pg_virtualenv -v 15 psql -X -q -f "$OUT/bench_topology.sql" 2>&1 | tee "$OUT/bench_topology.txt" | grep -v "^ *$"
