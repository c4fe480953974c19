--
-- Privileges (install script, section "Privileges"; README "Privileges").
-- Three roles that are not superusers and own nothing of the extension:
--   a reader   (analyst): only what CREATE EXTENSION grants to PUBLIC;
--   a registrar: the grants README lists for allocating 宗地顺序号 and
--                recording code changes;
--   a loader:    the grants README lists for the topology trigger's
--                record mode, on a table of its own.
-- Each is shown refused (42501, naming the object) before its grants and
-- working after them, so the README's list is proven sufficient.  The test
-- uses its own 地籍子区 640104099001 and removes what it wrote, so it does
-- not depend on, or disturb, the other tests.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
DROP ROLE IF EXISTS regress_jtsyq_reader;
DROP ROLE IF EXISTS regress_jtsyq_registrar;
DROP ROLE IF EXISTS regress_jtsyq_loader;
RESET client_min_messages;
-- refusals as SQLSTATE and message
CREATE FUNCTION pg_temp.try_sql(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    st text;
    msg text;
BEGIN
    EXECUTE q;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN st || ': ' || msg;
END
$$;
CREATE ROLE regress_jtsyq_reader NOLOGIN;
CREATE ROLE regress_jtsyq_registrar NOLOGIN;
CREATE ROLE regress_jtsyq_loader NOLOGIN;

-- what PUBLIC has: USAGE on the schema and SELECT on the shipped reference
-- tables; nothing on the registration state (4 tables, 2 sequences)
SELECT c.relname, c.relkind,
       has_table_privilege('regress_jtsyq_reader', c.oid, 'SELECT') AS can_select,
       has_table_privilege('regress_jtsyq_reader', c.oid, 'INSERT') AS can_insert
  FROM pg_class c
 WHERE c.relnamespace = 'jtsyq'::regnamespace AND c.relkind IN ('r', 'S', 'v')
 ORDER BY c.relname;
SELECT has_schema_privilege('regress_jtsyq_reader', 'jtsyq', 'USAGE') AS usage,
       has_schema_privilege('regress_jtsyq_reader', 'jtsyq', 'CREATE') AS "create";

--
-- the reader: computations, dictionaries, and a clear refusal where the
-- registration state is needed
--
SET ROLE regress_jtsyq_reader;
-- a valid code (6 + 6 + 7 + 9 characters) and a
-- 100 m x 100 m square in GK zone 35: the plane area is 10 000 m2, the
-- ellipsoidal one a little less (scale factor > 1 away from the central
-- meridian: 100 km west of it (easting 35 400 000, false easting
-- 35 500 000), k = 1 + y²/2R² = 1.000123, about 10 000 / 1.000123²)
SELECT jtsyq.bdcdyh_is_valid('640104099001JA00001W00000000') AS valid_code,
       jtsyq.ellipsoid_area('SRID=4523;POLYGON((35400000 4000000,35400100 4000000,35400100 4000100,35400000 4000100,35400000 4000000))'::geometry) < 10000 AS area_below_plane,
       jtsyq.sheet_number(106.25, 38.45) AS sheet;
SELECT count(*) > 0 AS land_classes FROM jtsyq.land_class WHERE scheme = 'yydh2023';
SELECT count(*) AS topology_kinds FROM jtsyq.topology_kinds;
-- the counters are registration state: 42501 naming the table
SELECT pg_temp.try_sql($$SELECT jtsyq.next_zdsxh('640104099001', 'JA')$$) AS next_zdsxh,
       pg_temp.try_sql($$SELECT jtsyq.current_codes('640104099001JA00001W00000000')$$) AS current_codes;
RESET ROLE;

--
-- the registrar, before and after the README's grants
--
SET ROLE regress_jtsyq_registrar;
SELECT pg_temp.try_sql($$SELECT jtsyq.next_zdsxh('640104099001', 'JA')$$) AS next_zdsxh;
RESET ROLE;
-- README "Privileges": allocating 宗地顺序号
GRANT SELECT, INSERT, UPDATE ON jtsyq.zdsxh_counter TO regress_jtsyq_registrar;
GRANT SELECT ON jtsyq.bdcdyh_history TO regress_jtsyq_registrar;
SET ROLE regress_jtsyq_registrar;
SELECT jtsyq.next_zdsxh('640104099001', 'JA') AS first,       -- 1
       jtsyq.next_zdsxh('640104099001', 'JA') AS second;      -- 2
SELECT jtsyq.note_zdsxh('640104099001JA00007W00000000') AS noted;  -- 7
-- a code change still needs the history grants
SELECT pg_temp.try_sql($$SELECT jtsyq.record_code_change('{640104099001JA00001W00000000}',
       '{640104099001JA00008W00000000}', '分割', '2026-01-05', 'regress-priv-1')$$) AS record_code_change;
RESET ROLE;
-- README "Privileges": recording code changes
GRANT INSERT ON jtsyq.bdcdyh_history TO regress_jtsyq_registrar;
GRANT SELECT, INSERT, UPDATE ON jtsyq._bdcdyh_history_lock TO regress_jtsyq_registrar;
SET ROLE regress_jtsyq_registrar;
SELECT jtsyq.record_code_change('{640104099001JA00001W00000000}', '{640104099001JA00008W00000000}',
                                '分割', '2026-01-05', 'regress-priv-1') AS rows_written;
SELECT c::text FROM jtsyq.current_codes('640104099001JA00001W00000000') c;
-- the registrar may neither update the history (no grant; even its owner
-- gets 0A000, it is append-only) nor delete from it
SELECT pg_temp.try_sql($$UPDATE jtsyq.bdcdyh_history SET reason = 'x' WHERE ywh = 'regress-priv-1'$$) AS "update",
       pg_temp.try_sql($$DELETE FROM jtsyq.bdcdyh_history WHERE ywh = 'regress-priv-1'$$) AS "delete";
-- the counter followed the history: 9 after 8
SELECT jtsyq.next_zdsxh('640104099001', 'JA') AS after_history;
RESET ROLE;
SELECT pg_temp.try_sql($$UPDATE jtsyq.bdcdyh_history SET reason = 'x' WHERE ywh = 'regress-priv-1'$$) AS owner_update;

--
-- the loader: the topology trigger in record mode on its own table
--
CREATE SCHEMA regress_priv AUTHORIZATION regress_jtsyq_loader;
SET ROLE regress_jtsyq_loader;
CREATE TABLE regress_priv.zd (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
CREATE TRIGGER topo BEFORE INSERT OR UPDATE ON regress_priv.zd
    FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record');
INSERT INTO regress_priv.zd VALUES
    (1, 'SRID=4523;POLYGON((35400000 4000000,35400100 4000000,35400100 4000100,35400000 4000100,35400000 4000000))');
-- an overlap of 1 m x 100 m with parcel 1: recording it needs the QA table
SELECT pg_temp.try_sql($$INSERT INTO regress_priv.zd VALUES
    (2, 'SRID=4523;POLYGON((35400099 4000000,35400200 4000000,35400200 4000100,35400099 4000100,35400099 4000000))')$$) AS "insert";
RESET ROLE;
-- README "Privileges": the topology trigger's record mode
GRANT INSERT ON jtsyq.topology_findings TO regress_jtsyq_loader;
GRANT USAGE ON SEQUENCE jtsyq.topology_findings_finding_id_seq TO regress_jtsyq_loader;
SET ROLE regress_jtsyq_loader;
INSERT INTO regress_priv.zd VALUES
    (2, 'SRID=4523;POLYGON((35400099 4000000,35400200 4000000,35400200 4000100,35400099 4000100,35400099 4000000))');
RESET ROLE;
SELECT found_by, layer, kind, id1, id2, measure
  FROM jtsyq.topology_findings WHERE layer = 'regress_priv.zd';
-- the whole-layer check needs nothing but SELECT on the layer: the loader
-- (owner) finds the overlap; the reader is refused (42501, naming the
-- layer) until it has USAGE on the schema and SELECT on the table, and then
-- finds the same row
SET ROLE regress_jtsyq_loader;
SELECT kind, id1, id2, measure FROM jtsyq.topology_errors('regress_priv.zd');
RESET ROLE;
GRANT USAGE ON SCHEMA regress_priv TO regress_jtsyq_reader;
SET ROLE regress_jtsyq_reader;
SELECT pg_temp.try_sql($$SELECT jtsyq.topology_errors('regress_priv.zd')$$) AS reader_without_select;
RESET ROLE;
GRANT SELECT ON regress_priv.zd TO regress_jtsyq_reader;
SET ROLE regress_jtsyq_reader;
SELECT kind, id1, id2, measure FROM jtsyq.topology_errors('regress_priv.zd');
SELECT has_table_privilege('regress_priv.zd', 'INSERT') OR has_table_privilege('regress_priv.zd', 'UPDATE')
       OR has_table_privilege('jtsyq.topology_findings', 'INSERT') AS reader_may_write;
RESET ROLE;

--
-- leave the extension's tables as they were
--
DELETE FROM jtsyq.topology_findings WHERE layer = 'regress_priv.zd';
DELETE FROM jtsyq.bdcdyh_history WHERE ywh = 'regress-priv-1';
DELETE FROM jtsyq._bdcdyh_history_lock WHERE jtsyq.djzqdm(code) = '640104099001';
DELETE FROM jtsyq.zdsxh_counter WHERE djzqdm = '640104099001';
DROP SCHEMA regress_priv CASCADE;
DROP OWNED BY regress_jtsyq_reader, regress_jtsyq_registrar, regress_jtsyq_loader;
DROP ROLE regress_jtsyq_reader;
DROP ROLE regress_jtsyq_registrar;
DROP ROLE regress_jtsyq_loader;
