#!/bin/sh
# bench_codes.sh — allocation of 宗地顺序号 (jtsyq.next_zdsxh) under pgbench,
# with 1 and 16 clients, against nextval() of a plain sequence measured in
# the same run (the naive way: fast, but gaps and no per-子区 numbering).
#
# Workloads (one pgbench transaction = one allocation):
#   same    every client allocates in the same 地籍子区 and 宗地特征码: the
#           worst case, all allocations queue on one counter row;
#   insert  the same, and the parcel row is inserted (make_bdcdyh, PRIMARY
#           KEY) in the same transaction: what a registration system does;
#   spread  each transaction allocates in one of 999 地籍子区 (low contention);
#   update  baseline: a bare "UPDATE counter SET n = n + 1 RETURNING n" on one
#           row, the least a gapless counter costs (commit included);
#   seq     baseline: SELECT nextval() (no commit to wait for, gaps).
# After each "insert" run the parcel table must hold exactly the numbers
# 1..N: no duplicate (the primary key) and no gap (count = max).
#
# Installs this checkout's build and, holding /tmp/jtsyq-install.lock (the
# installation is shared), runs in a
# throwaway cluster (pg_virtualenv), which runs with fsync = off unless
# BENCH_FSYNC=on.  BENCH_SECONDS (default 5) per run.
set -eu
cd "$(dirname "$0")/../.."
if [ -z "${JTSYQ_BENCH_IN_VENV:-}" ]; then
	. test/scripts/install-locked.sh
	JTSYQ_BENCH_IN_VENV=1 exec pg_virtualenv -v 15 -o "fsync=${BENCH_FSYNC:-off}" sh "$0" "$@"
fi

SECS=${BENCH_SECONDS:-5}
OUT=test/bench/out
mkdir -p "$OUT"
createdb jtsyq_bench
PSQL="psql -X -q -v ON_ERROR_STOP=1 -d jtsyq_bench"
$PSQL -c "SET client_min_messages = warning; CREATE EXTENSION jtsyq CASCADE;"
$PSQL -c "CREATE TABLE parcel (bdcdyh jtsyq.bdcdyh PRIMARY KEY); CREATE SEQUENCE bench_seq;
           CREATE TABLE bench_counter (n integer) WITH (fillfactor = 50); INSERT INTO bench_counter VALUES (0);"

cat > "$OUT/same.sql" <<'SQL'
SELECT jtsyq.next_zdsxh('640104003002', 'JA');
SQL
cat > "$OUT/insert.sql" <<'SQL'
BEGIN;
INSERT INTO parcel VALUES (jtsyq.make_bdcdyh('640104003002', 'JA', jtsyq.next_zdsxh('640104003002', 'JA')));
COMMIT;
SQL
cat > "$OUT/spread.sql" <<'SQL'
\set k random(1, 999)
SELECT jtsyq.next_zdsxh('640104003' || lpad(:k::text, 3, '0'), 'JA');
SQL
cat > "$OUT/update.sql" <<'SQL'
UPDATE bench_counter SET n = n + 1 RETURNING n;
SQL
cat > "$OUT/seq.sql" <<'SQL'
SELECT nextval('bench_seq');
SQL

tps() {
	# $1 script, $2 clients
	j=$2
	[ "$j" -gt 2 ] && j=2
	pgbench -n -d jtsyq_bench -f "$OUT/$1.sql" -c "$2" -j "$j" -T "$SECS" 2>/dev/null |
		sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1
}

reset() {
	$PSQL -c "TRUNCATE parcel, jtsyq.zdsxh_counter; ALTER SEQUENCE bench_seq RESTART; UPDATE bench_counter SET n = 0;"
}

check_same() {
	$PSQL -At -c "SELECT count(*) || ' rows, ' || count(DISTINCT bdcdyh) || ' distinct, max ' || coalesce(max(jtsyq.zdsxh(bdcdyh)), 0)
	                     || CASE WHEN count(*) = count(DISTINCT bdcdyh) AND count(*) = coalesce(max(jtsyq.zdsxh(bdcdyh)), 0)
	                             THEN ' (no duplicate, no gap)' ELSE ' (WRONG)' END FROM parcel"
}

echo "allocations/s, ${SECS}s per run, $(nproc) cores, fsync=$($PSQL -At -c 'SHOW fsync')"
printf '%-7s %7s %7s %7s %7s %8s %10s %10s  %s\n' clients same insert spread update nextval same/update insert/update check
for c in 1 16; do
	reset
	same=$(tps same "$c")
	reset
	ins=$(tps insert "$c")
	chk=$(check_same)
	reset
	spread=$(tps spread "$c")
	reset
	upd=$(tps update "$c")
	seq=$(tps seq "$c")
	awk -v c="$c" -v a="$same" -v i="$ins" -v b="$spread" -v u="$upd" -v s="$seq" -v k="$chk" \
		'BEGIN { printf "%-7s %7.0f %7.0f %7.0f %7.0f %8.0f %10.2f %10.2f  %s\n", c, a, i, b, u, s, a / u, i / u, k }'
done
