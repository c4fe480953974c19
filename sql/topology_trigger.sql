--
-- jtsyq.topology_trigger() (src/topo_trigger.c): reject and record modes,
-- row level and statement level, containers, lines, bad arguments.  The
-- concurrency guarantee is proved in test/isolation/specs/topology_race.spec.
-- Fixtures: unit squares in local metres moved to Gauss-Kruger magnitudes;
-- each expected message or row is derived in the comment above it.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;
-- objects of this test live in their own schema
CREATE SCHEMA topology_trigger_t;
SET search_path = topology_trigger_t, public;

CREATE FUNCTION t_g(wkt text, srid integer DEFAULT 4523) RETURNS geometry LANGUAGE sql AS
$$ SELECT ST_Translate(ST_GeomFromText(wkt, srid), 35500000, 4000000) $$;
CREATE FUNCTION t_txt(g geometry) RETURNS text LANGUAGE sql AS
$$ SELECT ST_AsText(ST_Normalize(ST_Translate(g, -35500000, -4000000)), 6) $$;
CREATE FUNCTION t_box(x0 float8, y0 float8, x1 float8, y1 float8) RETURNS geometry LANGUAGE sql AS
$$ SELECT t_g(format('POLYGON((%s %s,%s %s,%s %s,%s %s,%s %s))', x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)) $$;

CREATE TABLE t_djzq (djzqdm text PRIMARY KEY, geom geometry(Polygon, 4523));
INSERT INTO t_djzq VALUES ('D1', t_box(0, 0, 100, 100));

--
-- Reject, row by row
--
CREATE TABLE zd (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
CREATE INDEX ON zd USING gist (geom);
CREATE TRIGGER zd_topology BEFORE INSERT OR UPDATE ON zd FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', 't_djzq', 'reject');
INSERT INTO zd VALUES (1, t_box(0, 0, 10, 10));
INSERT INTO zd VALUES (2, t_box(10, 0, 20, 10));         -- edge-matched: accepted
-- 0.0002 into 2: rejected, naming the rule, the neighbour and the place
INSERT INTO zd VALUES (3, t_box(19.9998, 0, 30, 10));
-- the error's fields: SQLSTATE 23514, the rule as the constraint name
DO $$
DECLARE st text; con text; tab text; sch text;
BEGIN
    INSERT INTO zd VALUES (3, t_box(19.9998, 0, 30, 10));
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, con = CONSTRAINT_NAME, tab = TABLE_NAME, sch = SCHEMA_NAME;
    RAISE NOTICE 'sqlstate %, constraint %, table %.%', st, con, sch, tab;
END $$;
-- 0.00005 into 2: not an overlap, but its corners do not snap onto 2's
INSERT INTO zd VALUES (3, t_box(19.99995, 0, 30, 10));
INSERT INTO zd VALUES (3, t_box(20, 0, 30, 10));         -- exact: accepted
-- containment is an overlap
INSERT INTO zd VALUES (4, t_box(2, 2, 3, 3));
-- out of the 地籍子区 D1 by 0.0002 (x to 100.0002): rejected; by 0.00005: accepted
INSERT INTO zd VALUES (4, t_box(90, 0, 100.0002, 10));
INSERT INTO zd VALUES (4, t_box(90, 0, 100.00005, 10));
-- a bow-tie, a NULL, a sliver (mean width 2 * 0.5 / 20.1 = 0.0498)
INSERT INTO zd VALUES (5, t_g('POLYGON((40 0,42 2,42 0,40 2,40 0))'));
INSERT INTO zd VALUES (5, NULL);
INSERT INTO zd VALUES (5, t_box(40, 0, 50, 0.05));
-- updates: moving 3 onto 2 is rejected, touching only 3 itself is fine
UPDATE zd SET geom = t_box(15, 0, 30, 10) WHERE id = 3;
UPDATE zd SET geom = t_box(20, 0, 31, 10) WHERE id = 3;
SELECT id, t_txt(geom) FROM zd ORDER BY id;
-- the locks: share on the four coarse levels, exclusive on one 1000 m cell
BEGIN;
INSERT INTO zd VALUES (6, t_box(60, 60, 61, 61));
SELECT mode, count(*) FROM pg_locks
 WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND classid = 'zd'::regclass::oid
 GROUP BY 1 ORDER BY 1;
ROLLBACK;
-- a multi-row insert sees its own earlier rows
INSERT INTO zd VALUES (7, t_box(60, 0, 70, 10)), (8, t_box(65, 0, 75, 10));
SELECT count(*) FROM zd WHERE id IN (7, 8);

--
-- Record, row by row: everything loads, the findings are listed.  (A
-- BEFORE trigger: each row is compared with the rows before it.  An AFTER
-- ROW trigger runs when the whole statement is in, so a pair of rows of the
-- same statement would be recorded from both sides.)
--
DROP TRIGGER zd_topology ON zd;
CREATE TRIGGER zd_topology BEFORE INSERT OR UPDATE ON zd FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', 't_djzq', 'record');
-- (other tests' findings, should any have been left behind, are not ours)
TRUNCATE jtsyq.topology_findings;
INSERT INTO zd VALUES (10, t_box(19.9998, 20, 30, 30)), (11, t_box(10, 20, 19.99985, 30)),
                      (12, t_box(25, 25, 26, 26)), (13, t_box(95, 95, 105, 105));
-- 11 ends 0.00005 past 10's west edge: no overlap, but their corners are
-- 0.00005 apart (near_coincident 11/10); 12 lies inside 10 (1 m2); 13
-- sticks out of D1 by 5 x 10 + 5 x 5 = 75 m2 (an L-shape)
SELECT layer, kind, id1, id2, t_txt(geom), round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_findings ORDER BY finding_id;
SELECT count(*) FROM zd WHERE id >= 10;
TRUNCATE jtsyq.topology_findings;

-- a QA table of one's own
CREATE TABLE my_qa (layer text, kind text, id1 text, id2 text, geom geometry, measure float8,
                    seen timestamptz DEFAULT now());
DROP TRIGGER zd_topology ON zd;
CREATE TRIGGER zd_topology AFTER INSERT ON zd FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record', 'qa_table=my_qa');
INSERT INTO zd VALUES (14, t_box(25.5, 25.5, 26.5, 26.5));   -- inside 10 (1 m2), over 12 by 0.5 x 0.5
SELECT kind, id1, id2, round(measure::numeric, 6) FROM my_qa ORDER BY 2, 3;

--
-- Many rows in one statement: after its 8th row the trigger reads each
-- 1 km lock cell once and keeps the statement's own rows as they pass (the
-- row cache).  A strip of 20 parcels exists; 40 new parcels go on top in
-- two rows (edge-matched: nothing), except 30, moved to (105 505)-(115 515)
-- where it overlaps old 1010 and 1011 and new 10 and 11 by 5 x 5 = 25 m2
-- each; and 32, which lies where 12 would be - but a later trigger skips 12,
-- so 32 overlaps nothing (the cache must not report a row that was not
-- inserted).
--
CREATE TABLE zd4 (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
CREATE INDEX ON zd4 USING gist (geom);
INSERT INTO zd4 SELECT 1000 + i, t_box(i * 10, 500, i * 10 + 10, 510) FROM generate_series(0, 19) i;
CREATE TRIGGER zd4_topology BEFORE INSERT OR UPDATE ON zd4 FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record');
CREATE FUNCTION skip_12() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN IF NEW.id = 12 THEN RETURN NULL; END IF; RETURN NEW; END $$;
CREATE TRIGGER zz_skip BEFORE INSERT ON zd4 FOR EACH ROW EXECUTE FUNCTION skip_12();
INSERT INTO zd4
SELECT i, CASE i WHEN 30 THEN t_box(105, 505, 115, 515)
                 WHEN 32 THEN t_box(120, 512, 130, 518)
                 ELSE t_box((i % 20) * 10, 510 + 10 * (i / 20), (i % 20) * 10 + 10, 520 + 10 * (i / 20)) END
  FROM generate_series(0, 39) i;
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_findings ORDER BY kind, id1, id2;
SELECT count(*) FROM zd4;
TRUNCATE jtsyq.topology_findings;
-- the same with the cache dropped after 10 rows (its bound is twice
-- jtsyq.topology_batch_rows features): the rest probe the index, same
-- findings
CREATE TABLE zd5 (LIKE zd4 INCLUDING ALL);
INSERT INTO zd5 SELECT 1000 + i, t_box(i * 10, 500, i * 10 + 10, 510) FROM generate_series(0, 19) i;
CREATE TRIGGER zd5_topology BEFORE INSERT OR UPDATE ON zd5 FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record');
CREATE TRIGGER zz_skip BEFORE INSERT ON zd5 FOR EACH ROW EXECUTE FUNCTION skip_12();
SET jtsyq.topology_batch_rows = 5;
INSERT INTO zd5
SELECT i, CASE i WHEN 30 THEN t_box(105, 505, 115, 515)
                 WHEN 32 THEN t_box(120, 512, 130, 518)
                 ELSE t_box((i % 20) * 10, 510 + 10 * (i / 20), (i % 20) * 10 + 10, 520 + 10 * (i / 20)) END
  FROM generate_series(0, 39) i;
RESET jtsyq.topology_batch_rows;
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_findings ORDER BY kind, id1, id2;
TRUNCATE jtsyq.topology_findings;
-- updates are checked row by row as well (each row's old version, in the
-- cache, is not its own neighbour): rewriting rows 0..19 unchanged finds
-- again that 10 and 11 overlap 30; rewriting 20..39 finds 30's four
-- overlaps again, and 39 moved onto 38 (5 x 10 = 50 m2)
UPDATE zd4 SET geom = ST_Translate(geom, 0, 0) WHERE id BETWEEN 0 AND 19;
UPDATE zd4 SET geom = CASE id WHEN 39 THEN t_box(185, 520, 195, 530) ELSE geom END WHERE id BETWEEN 20 AND 39;
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_findings ORDER BY kind, id1, id2;
TRUNCATE jtsyq.topology_findings;

--
-- Statement level: COPY and INSERT ... SELECT checked in one sweep
--
DROP TRIGGER zd_topology ON zd;
CREATE TABLE zd2 (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
CREATE INDEX ON zd2 USING gist (geom);
INSERT INTO zd2 VALUES (1, t_box(0, 0, 10, 10)), (2, t_box(10, 0, 20, 10));
CREATE TRIGGER zd2_bulk AFTER INSERT ON zd2 REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', 't_djzq', 'record');
CREATE TRIGGER zd2_bulk_upd AFTER UPDATE ON zd2 REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', 't_djzq', 'record');
-- 3 is edge-matched with 2; 4 overlaps 3 (new/new) by 0.0002 x 10; 5
-- overlaps 1 (new/old) by 1 x 10; 6 is empty; 7 is outside D1 entirely
INSERT INTO zd2
SELECT * FROM (VALUES (3, t_box(20, 0, 30, 10)), (4, t_box(29.9998, 0, 40, 10)),
                      (5, t_box(9, 10, 10, 0)), (6, NULL::geometry), (7, t_box(200, 0, 201, 1))) v;
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_findings ORDER BY kind, id1, id2;
TRUNCATE jtsyq.topology_findings;
-- COPY: the old rows (1..7) are not reported again; 8 duplicates 3
COPY zd2 (id, geom) FROM STDIN;
8	SRID=4523;POLYGON((35500020 4000000,35500030 4000000,35500030 4000010,35500020 4000010,35500020 4000000))
9	SRID=4523;POLYGON((35500050 4000050,35500051 4000050,35500051 4000051,35500050 4000051,35500050 4000050))
\.
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_findings ORDER BY kind, id1, id2;
TRUNCATE jtsyq.topology_findings;
-- an UPDATE statement is checked like an insert of the new versions: 9
-- moved to (50.5 50)-(51.5 51) touches nothing; moved on by -45, -45 to
-- (5.5 5)-(6.5 6) it lies inside 1 (1 m2)
UPDATE zd2 SET geom = ST_Translate(geom, 0.5, 0) WHERE id = 9;
UPDATE zd2 SET geom = ST_Translate(geom, -45, -45) WHERE id = 9;
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure FROM jtsyq.topology_findings ORDER BY kind, id1, id2;
TRUNCATE jtsyq.topology_findings;
-- two statements in one transaction: the second sees the first's rows as
-- old rows (40 overlaps 41 by 0.5 x 1 m2)
BEGIN;
INSERT INTO zd2 VALUES (40, t_box(60, 20, 61, 21));
INSERT INTO zd2 VALUES (41, t_box(60.5, 20, 61.5, 21));
COMMIT;
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_findings ORDER BY kind, id1, id2;
TRUNCATE jtsyq.topology_findings;
-- a statement of more rows than one batch (here 2) is read back from the
-- table, sorted, and swept batch by batch: 31 overlaps 30 by 1 x 10 m2, 34
-- lies inside 31 (1 m2), 32 leaves D1 by 0.0002 x 10 m2, 33 is empty
SET jtsyq.topology_batch_rows = 2;
INSERT INTO zd2 VALUES (30, t_box(70, 0, 80, 10)), (31, t_box(79, 0, 90, 10)),
                       (32, t_box(90, 0, 100.0002, 10)), (33, NULL), (34, t_box(85, 2, 86, 3));
RESET jtsyq.topology_batch_rows;
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_findings ORDER BY kind, id1, id2;
TRUNCATE jtsyq.topology_findings;
-- the statement level reads the old rows of its rows' cache cells in one
-- query; a row reaching more than 64 such cells (a 10 km square here: the
-- cells are 1 km, no larger than the lock cell) is probed on its own.
-- Before or after the 10 m parcel 2 inside it, the overlap is found once
-- (100 m2), named in the rows' order; 3 lies 10 km away
CREATE TABLE zd3 (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
CREATE INDEX ON zd3 USING gist (geom);
CREATE TRIGGER zd3_bulk AFTER INSERT ON zd3 REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 10000, 10000)), (2, t_box(5000, 5000, 5010, 5010)),
                       (3, t_box(20000, 0, 20010, 10));
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure FROM jtsyq.topology_findings;
TRUNCATE jtsyq.topology_findings;
TRUNCATE zd3;
INSERT INTO zd3 VALUES (2, t_box(5000, 5000, 5010, 5010)), (1, t_box(0, 0, 10000, 10000)),
                       (3, t_box(20000, 0, 20010, 10));
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure FROM jtsyq.topology_findings;
TRUNCATE jtsyq.topology_findings;
DROP TABLE zd3;
-- statement level in reject mode: the whole statement fails
DROP TRIGGER zd2_bulk ON zd2;
DROP TRIGGER zd2_bulk_upd ON zd2;
CREATE TRIGGER zd2_bulk AFTER INSERT ON zd2 REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'reject');
INSERT INTO zd2 VALUES (20, t_box(60, 60, 61, 61)), (21, t_box(60.5, 60, 61.5, 61));
SELECT count(*) FROM zd2 WHERE id IN (20, 21);

--
-- A partitioned table: the trigger looks across partitions
--
CREATE TABLE zdp (id integer, xzq text, geom geometry(Polygon, 4523), PRIMARY KEY (id, xzq))
    PARTITION BY LIST (xzq);
CREATE TABLE zdp_a PARTITION OF zdp FOR VALUES IN ('a');
CREATE TABLE zdp_b PARTITION OF zdp FOR VALUES IN ('b');
CREATE TRIGGER zdp_topology BEFORE INSERT ON zdp FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'reject', 'key=id');
INSERT INTO zdp VALUES (1, 'a', t_box(0, 0, 10, 10));
INSERT INTO zdp VALUES (2, 'b', t_box(5, 0, 15, 10));    -- overlaps 1 in the other partition

--
-- Lines, row by row: a crossing is rejected, a node is not
--
CREATE TABLE jzx (id integer PRIMARY KEY, geom geometry(LineString, 4523));
CREATE TRIGGER jzx_topology BEFORE INSERT ON jzx FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'reject');
INSERT INTO jzx VALUES (1, t_g('LINESTRING(0 0,10 0)'));
INSERT INTO jzx VALUES (2, t_g('LINESTRING(10 0,10 10)'));   -- meets 1 at its end: fine (no dangle check)
INSERT INTO jzx VALUES (3, t_g('LINESTRING(5 -5,5 5)'));     -- crosses 1 at (5 0)
SELECT id FROM jzx ORDER BY id;

-- a statement of lines: line ends are checked once all of them are in
-- (pseudo-nodes at the three corners where two lines meet, 4 crosses 1 at
-- (5 0) and dangles at both ends)
CREATE TABLE jzx2 (id integer PRIMARY KEY, geom geometry(LineString, 4523));
CREATE TRIGGER jzx2_bulk AFTER INSERT ON jzx2 REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record');
INSERT INTO jzx2 VALUES (1, t_g('LINESTRING(0 0,10 0)')), (2, t_g('LINESTRING(10 0,10 10)')),
                        (3, t_g('LINESTRING(10 10,0 10,0 0)')), (4, t_g('LINESTRING(5 -5,5 5)'));
SELECT kind, id1, id2, t_txt(geom) FROM jtsyq.topology_findings ORDER BY kind, id1, id2, 4;
TRUNCATE jtsyq.topology_findings;

--
-- Bad arguments and uses
--
CREATE TABLE zd3 (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
\set VERBOSITY sqlstate
CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', 'a lot');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'warn');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('shape');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', 'no_such_table');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'reject', 'colour=red');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'reject', 'checks=overlaps');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record', 'qa_table=t_djzq');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
CREATE TRIGGER bad AFTER INSERT ON zd3 FOR EACH STATEMENT EXECUTE FUNCTION jtsyq.topology_trigger();
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
SELECT jtsyq.topology_trigger();
CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH STATEMENT EXECUTE FUNCTION jtsyq.topology_trigger();
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
DROP TRIGGER bad ON zd3;
\set VERBOSITY default
-- more bad arguments, each tried by a row trigger on zd3 (the row rolled
-- back when it is accepted).  Expected: a tolerance that is negative, NaN,
-- infinite or underflows to 0 (1e-400), cell 0 / NaN, sliver_width -1 /
-- NaN, container_link without a container, an option without '=': 22023;
-- a column that is not geometry (id): 42804; container_geom, container_key
-- or key naming no column: 42703; qa_table naming no table: 42P01;
-- containers of points, one holding a point and one empty but typed
-- geometry(Point): 0A000 (as in topology_errors); an index as the
-- container: 42809 (as topology_errors for an index as the layer).
CREATE TABLE zd_pts (id integer PRIMARY KEY, geom geometry(Point, 4523));
INSERT INTO zd_pts VALUES (1, t_g('POINT(1 1)'));
CREATE TABLE zd_pts0 (id integer PRIMARY KEY, geom geometry(Point, 4523));
DO $$
DECLARE
    a text;
    st text;
BEGIN
    FOREACH a IN ARRAY ARRAY[
        $a$'geom', '-0.0001'$a$, $a$'geom', 'NaN'$a$, $a$'geom', 'Infinity'$a$, $a$'geom', '1e-400'$a$,
        $a$'id'$a$,
        $a$'geom', '0.0001', 't_djzq', 'reject', 'container_geom=nope'$a$,
        $a$'geom', '0.0001', 't_djzq', 'reject', 'container_key=nope'$a$,
        $a$'geom', '0.0001', '', 'reject', 'key=nope'$a$,
        $a$'geom', '0.0001', '', 'reject', 'container_link=id'$a$,
        $a$'geom', '0.0001', '', 'reject', 'cell=0'$a$, $a$'geom', '0.0001', '', 'reject', 'cell=NaN'$a$,
        $a$'geom', '0.0001', '', 'reject', 'sliver_width=-1'$a$,
        $a$'geom', '0.0001', '', 'reject', 'sliver_width=NaN'$a$,
        $a$'geom', '0.0001', '', 'record', 'qa_table=nope'$a$,
        $a$'geom', '0.0001', '', 'reject', 'noequals'$a$,
        $a$'geom', '0.0001', 'zd_pts', 'reject'$a$, $a$'geom', '0.0001', 'zd_pts0', 'reject'$a$,
        $a$'geom', '0.0001', 'zd3_pkey', 'reject'$a$]
    LOOP
        EXECUTE format('CREATE TRIGGER bad BEFORE INSERT ON zd3 FOR EACH ROW '
                       'EXECUTE FUNCTION jtsyq.topology_trigger(%s)', a);
        BEGIN
            INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1));
            RAISE EXCEPTION USING ERRCODE = 'ZZ999';
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
        END;
        EXECUTE 'DROP TRIGGER bad ON zd3';
        RAISE NOTICE '(%): %', a, CASE st WHEN 'ZZ999' THEN 'accepted' ELSE st END;
    END LOOP;
END $$;
-- with checks=... only those rules apply: the overlap is let through here
CREATE TRIGGER ok BEFORE INSERT ON zd3 FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'reject', 'checks=sliver,self_intersection');
INSERT INTO zd3 VALUES (1, t_box(0, 0, 1, 1)), (2, t_box(0.5, 0, 1.5, 1));
INSERT INTO zd3 VALUES (3, t_box(5, 0, 15, 0.01));
SELECT id FROM zd3 ORDER BY id;

-- a curve or a surface in an untyped column is the rule wrong_type, like a
-- line in a polygon layer: rejected row by row, recorded by a statement
CREATE TABLE zd_any (id integer PRIMARY KEY, geom geometry);
CREATE TRIGGER zd_any_row BEFORE INSERT ON zd_any FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'reject');
INSERT INTO zd_any VALUES (1, t_g('CURVEPOLYGON(CIRCULARSTRING(10 0,11 1,12 0,11 -1,10 0))'));
DROP TRIGGER zd_any_row ON zd_any;
CREATE TRIGGER zd_any_bulk AFTER INSERT ON zd_any REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record');
TRUNCATE jtsyq.topology_findings;
INSERT INTO zd_any VALUES (1, t_box(0, 0, 1, 1)),
    (2, t_g('CURVEPOLYGON(CIRCULARSTRING(10 0,11 1,12 0,11 -1,10 0))')),
    (3, t_g('TIN(((20 0,21 0,20 1,20 0)))'));
SELECT kind, id1, id2 FROM jtsyq.topology_findings ORDER BY kind, id1;
SELECT count(*) AS loaded FROM zd_any;

-- Row level in an untyped column: the layer's SRID and dimension are those
-- of the rows the table already holds (here 4523 polygons: 1, and the
-- curve 2 and TIN 3 of surface dimension 2), not those of the new row.
-- 10 (4523, touches nothing) is accepted; 11 is a 4490 box overlapping 10
-- by 0.5 m2 (srid_mismatch, measured 4490, not compared with 10); 12 is a
-- line in a polygon layer (wrong_type); 13 is EMPTY (empty_geometry);
-- 14 has a NaN x (nan_coordinate).  Each rejection is 23514.
DROP TRIGGER zd_any_bulk ON zd_any;
CREATE TRIGGER zd_any_row BEFORE INSERT ON zd_any FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'reject');
INSERT INTO zd_any VALUES (10, t_box(50, 50, 51, 51));
\set VERBOSITY sqlstate
INSERT INTO zd_any VALUES (11, ST_SetSRID(t_box(50.5, 50, 51.5, 51), 4490));
\set VERBOSITY default
INSERT INTO zd_any VALUES (11, ST_SetSRID(t_box(50.5, 50, 51.5, 51), 4490));
INSERT INTO zd_any VALUES (12, t_g('LINESTRING(60 60,61 61)'));
INSERT INTO zd_any VALUES (13, 'SRID=4523;POLYGON EMPTY');
INSERT INTO zd_any VALUES (14, 'SRID=4523;POLYGON((0 0,NaN 0,1 1,0 1,0 0))');
SELECT id FROM zd_any ORDER BY id;
-- an empty untyped table: its first row defines the layer, also within one
-- statement.  A 4490 box first (accepted), then a 4523 box next to it
-- (srid_mismatch, 4523); a second 4490 box with a 4523 one in the same
-- statement (the 4523 one: srid_mismatch, the whole statement rejected);
-- a line (wrong_type).
CREATE TABLE zd_new (id integer PRIMARY KEY, geom geometry);
CREATE TRIGGER zd_new_row BEFORE INSERT ON zd_new FOR EACH ROW
    EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'reject');
INSERT INTO zd_new VALUES (1, ST_SetSRID(t_box(0, 0, 1, 1), 4490));
INSERT INTO zd_new VALUES (2, t_box(2, 0, 3, 1));
INSERT INTO zd_new VALUES (3, ST_SetSRID(t_box(4, 0, 5, 1), 4490)), (4, t_box(6, 0, 7, 1));
INSERT INTO zd_new VALUES (5, ST_SetSRID(t_g('LINESTRING(8 0,9 1)'), 4490));
SELECT id, ST_SRID(geom) FROM zd_new ORDER BY id;
-- the same table emptied, a statement of two rows: the first row of the
-- statement defines the layer (4523), the 4490 one after it is rejected
DELETE FROM zd_new;
INSERT INTO zd_new VALUES (6, t_box(0, 0, 1, 1)), (7, ST_SetSRID(t_box(2, 0, 3, 1), 4490));

-- the findings table is dumped with the data (pg_extension_config_dump)
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) x(oid) JOIN pg_class c ON c.oid = x.oid
 WHERE e.extname = 'jtsyq' ORDER BY 1;
