#!/bin/sh
# dump-restore.sh — the registration state jtsyq keeps survives pg_dump and
# pg_restore into a new database: the code history (新旧代码对照表) with its
# identity sequence, the 宗地顺序号 counters, recorded topology findings, and
# the grants a DBA added (README "Privileges").  After the restore the next
# allocation continues after the dumped counter, a retired code stays
# retired, and a new history row gets a fresh id.
#
# Runs inside a cluster (make test calls it under pg_virtualenv); needs the
# extension installed.  Every expectation is written out below; any
# difference, or any error from pg_restore, fails the script.
set -eu

SRC=jtsyq_dump_src
DST=jtsyq_dump_dst
DUMP=$(mktemp /tmp/jtsyq-dump.XXXXXX)
trap 'rm -f "$DUMP"' EXIT

psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
val() { command psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
fail=0
expect() {	# expect <what> <expected> <actual>
	if [ "$2" = "$3" ]; then
		echo "ok    $1: $3"
	else
		echo "FAIL  $1: expected '$2', got '$3'"
		fail=1
	fi
}

dropdb --if-exists "$SRC" 2>/dev/null
dropdb --if-exists "$DST" 2>/dev/null
createdb "$SRC"
psql -d "$SRC" >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION jtsyq CASCADE;
DROP ROLE IF EXISTS regress_jtsyq_dump_registrar;
CREATE ROLE regress_jtsyq_dump_registrar NOLOGIN;
GRANT SELECT, INSERT, UPDATE ON jtsyq.zdsxh_counter TO regress_jtsyq_dump_registrar;
-- three numbers in one 子区 (1, 2, 3), then 1 split into 4 and 5
SELECT jtsyq.next_zdsxh('640104077001', 'JA') FROM generate_series(1, 3);
SELECT jtsyq.record_code_change(
    ARRAY[jtsyq.make_bdcdyh('640104077001', 'JA', 1)],
    ARRAY[jtsyq.make_bdcdyh('640104077001', 'JA', 4), jtsyq.make_bdcdyh('640104077001', 'JA', 5)],
    '分割', DATE '2026-03-02', 'YW-DUMP-1');
-- a recorded topology finding
CREATE TABLE zd (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
CREATE TRIGGER topo BEFORE INSERT ON zd
    FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record');
INSERT INTO zd VALUES
 (1, 'SRID=4523;POLYGON((35400000 4000000,35400100 4000000,35400100 4000100,35400000 4000100,35400000 4000000))'),
 (2, 'SRID=4523;POLYGON((35400099 4000000,35400200 4000000,35400200 4000100,35400099 4000100,35400099 4000000))');
SQL

pg_dump -Fc -f "$DUMP" "$SRC"
createdb "$DST"
# --exit-on-error: a restore that only "mostly" works is a failure
pg_restore --exit-on-error -d "$DST" "$DUMP"

q_counter="SELECT last_zdsxh FROM jtsyq.zdsxh_counter WHERE djzqdm = '640104077001' AND zdtzm = 'JA'"
q_history="SELECT string_agg(jtsyq.zdsxh(old_code) || '>' || jtsyq.zdsxh(new_code), ',' ORDER BY id) FROM jtsyq.bdcdyh_history"
q_findings="SELECT string_agg(kind || ':' || id1 || '/' || id2 || '=' || measure, ',') FROM jtsyq.topology_findings"
q_grant="SELECT has_table_privilege('regress_jtsyq_dump_registrar', 'jtsyq.zdsxh_counter', 'UPDATE')"

expect "counter (restored)" 5 "$(val "$DST" "$q_counter")"
expect "history rows (restored)" "1>4,1>5" "$(val "$DST" "$q_history")"
expect "findings (restored)" "overlap:2/1=100" "$(val "$DST" "$q_findings")"
expect "DBA's grant (restored)" t "$(val "$DST" "$q_grant")"
expect "PUBLIC's schema usage (restored)" t \
	"$(val "$DST" "SELECT has_schema_privilege('public', 'jtsyq', 'USAGE')")"
expect "next allocation continues" 6 \
	"$(val "$DST" "SELECT jtsyq.next_zdsxh('640104077001', 'JA')")"
expect "retired code stays retired" t \
	"$(val "$DST" "SELECT jtsyq.bdcdyh_is_retired(jtsyq.make_bdcdyh('640104077001', 'JA', 1))")"
expect "current codes of the split parcel" "4,5" \
	"$(val "$DST" "SELECT string_agg(jtsyq.zdsxh(c)::text, ',' ORDER BY c) FROM jtsyq.current_codes(jtsyq.make_bdcdyh('640104077001', 'JA', 1)) c")"
# a new history row after the restore gets the next id (the identity
# sequence was dumped with the table): ids 1, 2 were used
expect "history id after restore" 3 \
	"$(val "$DST" "SELECT jtsyq.record_code_change(ARRAY[jtsyq.make_bdcdyh('640104077001', 'JA', 2)], '{}', '灭失', DATE '2026-04-01', 'YW-DUMP-2'); SELECT max(id) FROM jtsyq.bdcdyh_history" | tail -n 1)"
# parcel 3 overlaps parcel 1 only (50 m x 1 m): one more finding, id 2
expect "finding id after restore" 2 \
	"$(val "$DST" "INSERT INTO zd VALUES (3, 'SRID=4523;POLYGON((35400000 4000099,35400050 4000099,35400050 4000200,35400000 4000200,35400000 4000099))'); SELECT max(finding_id) FROM jtsyq.topology_findings" | tail -n 1)"

dropdb "$SRC"
dropdb "$DST"
command psql -X -q -c "DROP ROLE regress_jtsyq_dump_registrar"
[ "$fail" -eq 0 ] || { echo "dump/restore: FAILED"; exit 1; }
echo "dump/restore: ok"
