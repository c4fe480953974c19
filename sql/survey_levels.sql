--
-- The standard survey layers at every level of DB64/T 2020-2024 §10.1 c–e
-- (县 = Σ地籍区, 县 = Σ乡镇, 地籍区 = Σ地籍子区, 乡镇 = Σ村, 宗地 = Σ地类图斑),
-- with the township (三调 XZQ, 乡级: xzq_xz) and village (三调 村级调查区:
-- cjdcq) layers, on a hand-made county whose areas are exact rectangles;
-- and the county code qxdm that makes the layers distributable by county
-- (Citus), with the statements of jtsyq.distribute_survey_schema.  Every
-- expected number is worked out in the comments.  The county is 640105
-- (codes used by no other test: the 宗地顺序号 counters and the code
-- history are the database's).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;

CREATE FUNCTION pg_temp.box(x0 float8, y0 float8, x1 float8, y1 float8) RETURNS geometry
LANGUAGE sql IMMUTABLE
AS $$ SELECT ST_Multi(ST_Translate(ST_MakeEnvelope(x0, y0, x1, y1, 4523), 35500000, 4200000)) $$;
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; m text;
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = CONSTRAINT_NAME;
  RETURN s || coalesce(' ' || nullif(m, ''), '');
END $$;

--
-- The county (staging schema, so that faults load).  Plane areas, m²:
--   县 640105: (0,0)-(600,200) = 120 000
--   乡镇 640105001000: (0,0)-(400,200) = 80 000; 640105002000: (400,0)-(600,200) = 40 000
--   村 6401050010010000000 (0..200) 40 000, 6401050010020000000 (200..400)
--      40 000, 6401050020010000000 (400..600) 40 000
--   地籍区 640105001 = the first township's area, 640105002 = the second's
--   地籍子区 640105001001, 640105001002, 640105002001 = the villages' areas
--   宗地 one per 地籍子区 (zdmj 40 000), one 图斑 each (tbmj 40 000)
-- The layers are loaded without qxdm: the fill trigger takes it from the
-- codes.
--
SELECT jtsyq.create_survey_schema('lv', 4523, enforce => false);
INSERT INTO lv.xzq (xzqdm, xzqmc, geom) VALUES ('640105', '示例县', pg_temp.box(0, 0, 600, 200));
INSERT INTO lv.xzq_xz (xzqdm, xzqmc, geom) VALUES
  ('640105001000', '甲镇', pg_temp.box(0, 0, 400, 200)), ('640105002000', '乙乡', pg_temp.box(400, 0, 600, 200));
INSERT INTO lv.cjdcq (zldwdm, zldwmc, geom) VALUES
  ('6401050010010000000', '一村', pg_temp.box(0, 0, 200, 200)),
  ('6401050010020000000', '二村', pg_temp.box(200, 0, 400, 200)),
  ('6401050020010000000', '三村', pg_temp.box(400, 0, 600, 200));
INSERT INTO lv.djq (djqdm, geom) VALUES
  ('640105001', pg_temp.box(0, 0, 400, 200)), ('640105002', pg_temp.box(400, 0, 600, 200));
INSERT INTO lv.djzq (djzqdm, geom) VALUES
  ('640105001001', pg_temp.box(0, 0, 200, 200)), ('640105001002', pg_temp.box(200, 0, 400, 200)),
  ('640105002001', pg_temp.box(400, 0, 600, 200));
INSERT INTO lv.zdjbxx (zddm, bdcdyh, zdmj, zt, geom) VALUES
  ('640105001001JA00001', '640105001001JA00001W00000000', 40000, '1', pg_temp.box(0, 0, 200, 200)),
  ('640105001002JA00001', '640105001002JA00001W00000000', 40000, '1', pg_temp.box(200, 0, 400, 200)),
  ('640105002001JA00001', '640105002001JA00001W00000000', 40000, '1', pg_temp.box(400, 0, 600, 200));
INSERT INTO lv.dltb (tbbh, zldwdm, tbmj, zddm, geom)
SELECT row_number() OVER (ORDER BY zddm), left(zddm, 12) || '0000000', 40000, zddm, geom FROM lv.zdjbxx;
-- qxdm of every row is its code's county
SELECT l.layer, count(t.*) AS rows, count(t.*) FILTER (WHERE t.qxdm = '640105') AS qxdm_640105
  FROM jtsyq.survey_layer l
  LEFT JOIN LATERAL (SELECT x.qxdm FROM lv.xzq x WHERE l.layer = 'xzq' UNION ALL
                     SELECT x.qxdm FROM lv.xzq_xz x WHERE l.layer = 'xzq_xz' UNION ALL
                     SELECT x.qxdm FROM lv.cjdcq x WHERE l.layer = 'cjdcq' UNION ALL
                     SELECT x.qxdm FROM lv.djq x WHERE l.layer = 'djq' UNION ALL
                     SELECT x.qxdm FROM lv.djzq x WHERE l.layer = 'djzq' UNION ALL
                     SELECT x.qxdm FROM lv.zdjbxx x WHERE l.layer = 'zdjbxx' UNION ALL
                     SELECT x.qxdm FROM lv.dltb x WHERE l.layer = 'dltb') t ON true
 WHERE l.layer IN ('xzq', 'xzq_xz', 'cjdcq', 'djq', 'djzq', 'zdjbxx', 'dltb')
 GROUP BY l.layer, l.ord ORDER BY l.ord;

-- The five levels, in the standard's order, with their keys: the county
-- by its 6 digits, a township by 9 (乡级代码 without 000), a 地籍区 by 9,
-- a village's township by the first 9 of 坐落单位代码.
SELECT v.level, v.parent_table, v.parent_key, v.child_table, v.child_key, v.tolerance
  FROM unnest(jtsyq.survey_area_levels('lv')) v;
-- the clean county: every whole is the sum of its parts
SELECT * FROM jtsyq.sum_of_parts_errors('lv');
-- The geometric levels' tolerance is 0.01 m², both ways of it: 地籍子区
-- 640105001001 cut to 200 × 199.99996 = 39 999.992 m² leaves 地籍区
-- 640105001 (80 000) Δ 0.008: no row; cut to 200 × 199.9999 = 39 999.98
-- m², Δ 0.02: one row (difference 0.0200 to 4 places; the rest is float
-- noise of ST_Area).  Only the 地籍区 = Σ地籍子区 level reads djzq.
UPDATE lv.djzq SET geom = pg_temp.box(0, 0, 200, 199.99996) WHERE djzqdm = '640105001001';
SELECT level, parent_key, round(difference, 4) AS difference, finding FROM jtsyq.sum_of_parts_errors('lv');
UPDATE lv.djzq SET geom = pg_temp.box(0, 0, 200, 199.9999) WHERE djzqdm = '640105001001';
SELECT level, parent_key, round(difference, 4) AS difference, finding FROM jtsyq.sum_of_parts_errors('lv');
UPDATE lv.djzq SET geom = pg_temp.box(0, 0, 200, 200) WHERE djzqdm = '640105001001';
-- Another area expression: the perimeter, which is not additive, so every
-- whole made of two parts fails.  County 600 × 200: 1 600; 地籍区 / 乡镇
-- 640105001 400 × 200: 1 200, 640105002 200 × 200: 800; every village and
-- 地籍子区 200 × 200: 800.  县 = Σ地籍区 and 县 = Σ乡镇: 1 600 − 2 000 =
-- −400; 地籍区 and 乡镇 640105001: 1 200 − 1 600 = −400; the one-part
-- wholes 640105002 hold (800 = 800); 宗地 = Σ地类图斑 uses the recorded
-- areas, not the expression: it holds.  4 rows.
SELECT level, parent_key, parent_area, children_area, difference, finding
  FROM jtsyq.sum_of_parts_errors(jtsyq.survey_area_levels('lv', 'ST_Perimeter(geom)'));

--
-- One seeded mismatch per level, each made so that the other levels still
-- hold (the whole and the part it touches move together):
--  L1 县 = Σ地籍区: 地籍区 640105001 cut to (0,0)-(400,195) = 78 000 and
--     its 子区 640105001002 to (200,0)-(400,190) = 38 000, so that 地籍区 =
--     40 000 + 38 000 still holds; 县 120 000 ≠ 78 000 + 40 000 = 118 000
--     (difference 2 000).
--  L2 县 = Σ乡镇: township 640105002000 and its only village cut to
--     (400,0)-(600,190) = 38 000 both; 县 120 000 ≠ 80 000 + 38 000 (2 000).
--  L3 地籍区 = Σ地籍子区: 子区 640105002001 cut to (400,0)-(600,195) =
--     39 000; 地籍区 640105002 40 000 ≠ 39 000 (1 000).
--  L4 乡镇 = Σ村: village 6401050010020000000 cut to (200,0)-(400,185) =
--     37 000; township 640105001 80 000 ≠ 40 000 + 37 000 (3 000); and a
--     village 6401050090010000000 whose township 640105009 is not there:
--     an orphan.  It is the triangle (1000,0), (1010,0), (1000,20/3)
--     (not shifted to the zone's false easting, so that ST_Area has no
--     float noise): 10 × 20/3 / 2 = 100/3 m², 33.3333333333333 as numeric
--     (float8 → numeric keeps 15 digits) and 33.33 in the QA message, which
--     rounds areas to 2 decimals (§4.2 c).
--  L5 宗地 = Σ地类图斑: the 图斑 of 640105001001JA00001 recorded 39 999.99:
--     40 000.00 ≠ 39 999.99 (0.01; recorded areas are compared exactly).
--
UPDATE lv.djq SET geom = pg_temp.box(0, 0, 400, 195) WHERE djqdm = '640105001';
UPDATE lv.djzq SET geom = pg_temp.box(200, 0, 400, 190) WHERE djzqdm = '640105001002';
UPDATE lv.xzq_xz SET geom = pg_temp.box(400, 0, 600, 190) WHERE xzqdm = '640105002000';
UPDATE lv.cjdcq SET geom = pg_temp.box(400, 0, 600, 190) WHERE zldwdm = '6401050020010000000';
UPDATE lv.djzq SET geom = pg_temp.box(400, 0, 600, 195) WHERE djzqdm = '640105002001';
UPDATE lv.cjdcq SET geom = pg_temp.box(200, 0, 400, 185) WHERE zldwdm = '6401050010020000000';
INSERT INTO lv.cjdcq (zldwdm, zldwmc, geom) VALUES ('6401050090010000000', '飞村',
  ST_Multi(ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(1000, 0), ST_MakePoint(1010, 0),
                                                      ST_MakePoint(1000, 20 / 3.0), ST_MakePoint(1000, 0)])),
                      4523)));
UPDATE lv.dltb SET tbmj = 39999.99 WHERE zddm = '640105001001JA00001';
SELECT * FROM jtsyq.sum_of_parts_errors('lv');
-- the same in the QA report (DB64/T §8.3.5), on the whole named by the level
SELECT rule, object, message FROM jtsyq.qa_report('lv') WHERE rule LIKE 'area.%' ORDER BY object, message;
-- a 区县代码 that is not the county of the row's code (a staging schema has
-- no CHECK for it): the QA report names it
UPDATE lv.djzq SET qxdm = '640106' WHERE djzqdm = '640105002001';
SELECT rule, object, message FROM jtsyq.qa_report('lv') WHERE message LIKE '区县代码%';
UPDATE lv.djzq SET qxdm = '640105' WHERE djzqdm = '640105002001';
-- the tolerance of the geometric levels is 0.01 m²: the call's tolerance
-- (here 5 000) applies to the recorded areas only: L1–L4 and the orphan
-- stay, L5 (0.01 m²) goes
SELECT level, parent_key, finding FROM jtsyq.sum_of_parts_errors('lv', 5000);

-- A schema made before the township and village layers (here: dropped)
-- gets the three other levels; one without the base layers is refused.
CREATE SCHEMA lv_old;
CREATE TABLE lv_old.xzq AS SELECT * FROM lv.xzq;
CREATE TABLE lv_old.djq AS SELECT * FROM lv.djq;
CREATE TABLE lv_old.djzq AS SELECT * FROM lv.djzq;
CREATE TABLE lv_old.zdjbxx AS SELECT * FROM lv.zdjbxx;
CREATE TABLE lv_old.dltb AS SELECT * FROM lv.dltb;
CREATE VIEW lv_old.zdtj AS SELECT zddm, zdmj FROM lv_old.zdjbxx;
SELECT v.level FROM unnest(jtsyq.survey_area_levels('lv_old')) v;
DROP TABLE lv_old.djzq CASCADE;
SELECT pg_temp.sqlstate($q$SELECT jtsyq.survey_area_levels('lv_old')$q$) AS without_djzq;
SET client_min_messages = warning;
DROP SCHEMA lv_old CASCADE;
RESET client_min_messages;

--
-- The county code as the key.  In an enforced schema every primary key and
-- every unique index includes qxdm — Citus's rule for a distributed table
-- ("Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY
-- constraints that do not include the partition column") — and a CHECK
-- ties qxdm to the code.
--
SELECT jtsyq.create_survey_schema('lve', 4523);
SELECT count(*) AS unique_indexes,
       count(*) FILTER (WHERE NOT EXISTS (SELECT FROM pg_attribute a
                                           WHERE a.attrelid = i.indrelid AND a.attname = 'qxdm'
                                             AND a.attnum = ANY (i.indkey))) AS without_qxdm,
       count(*) FILTER (WHERE i.indisprimary) AS primary_keys
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
 WHERE c.relnamespace = 'lve'::regnamespace AND i.indisunique;
SELECT conrelid::regclass AS layer, pg_get_constraintdef(oid) AS county_check
  FROM pg_constraint WHERE connamespace = 'lve'::regnamespace AND conname LIKE '%qxdm_of_code' ORDER BY 1;
INSERT INTO lve.djq (djqdm, geom) VALUES ('640105001', pg_temp.box(0, 0, 400, 200));
INSERT INTO lve.djzq (qxdm, djzqdm, geom) VALUES ('640105', '640105001001', pg_temp.box(0, 0, 200, 200));
SELECT what, pg_temp.sqlstate(q) AS sqlstate FROM (VALUES
  ('qxdm of another county', $q$INSERT INTO lve.djzq (qxdm, djzqdm, geom) VALUES ('640106', '640105001002', pg_temp.box(200, 0, 400, 200))$q$),
  ('code without a county',  $q$INSERT INTO lve.jzd (jzdh, jzdlx, jblx, geom) VALUES ('J1', '1', '6', ST_SetSRID(ST_MakePoint(35500000, 4200000), 4523))$q$),
  ('the same 地籍子区 again', $q$INSERT INTO lve.djzq (djzqdm, geom) VALUES ('640105001001', pg_temp.box(0, 0, 200, 200))$q$)
) t(what, q);
-- a parcel given only geometry and 特征码 gets its code (issue 7) and
-- then its county
INSERT INTO lve.zdjbxx (zdtzm, zl, zdmj, mjdw, qllx, zt, geom)
VALUES ('JA', '一村', 10000, '1', '1', '1', pg_temp.box(0, 100, 100, 200)) RETURNING qxdm, zddm;

--
-- jtsyq.distribute_survey_schema: the Citus statements.  Citus cannot be
-- installed here, so (1) the list is checked by hand: the 7 triggers that
-- read other tables or the database's code registry — topology (and its
-- recording twin) on 地籍子区, 宗地 and 图斑, the 不动产单元号 guard on 宗地 —
-- dropped in layer order; the parcels' fill trigger again without
-- 宗地顺序号 allocation; unsafe triggers allowed for the fill triggers; xzq
-- a reference table; zdjbxx distributed on qxdm and the 11 other layers
-- co-located with it (7 + 1 + 1 + 1 + 1 + 11 = 22 statements); and (2) the
-- statements are run against stand-ins of create_distributed_table and
-- create_reference_table that apply Citus's documented preconditions: the
-- distribution column exists, every unique index includes it, a co-located
-- table's column has the same type.
--
SELECT * FROM jtsyq.distribute_survey_schema('lve');
-- a staging schema has no topology or guard triggers to drop: 15 statements
SELECT count(*) AS statements, count(*) FILTER (WHERE statement LIKE 'DROP TRIGGER%') AS drops
  FROM jtsyq.distribute_survey_schema('lv');
CREATE TABLE public.citus_stand_in (n serial, fn text, tbl regclass, col text, colocate_with text);
CREATE FUNCTION public.create_reference_table(table_name regclass) RETURNS void LANGUAGE sql
AS $$ INSERT INTO public.citus_stand_in (fn, tbl) VALUES ('reference', table_name) $$;
CREATE FUNCTION public.create_distributed_table(table_name regclass, distribution_column text,
                                                colocate_with text DEFAULT 'default')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    att int2;
BEGIN
    SELECT attnum INTO att FROM pg_attribute WHERE attrelid = table_name AND attname = distribution_column;
    IF att IS NULL THEN
        RAISE EXCEPTION 'column "%" of relation "%" does not exist', distribution_column, table_name;
    END IF;
    IF EXISTS (SELECT FROM pg_index WHERE indrelid = table_name AND indisunique AND NOT att = ANY (indkey)) THEN
        RAISE EXCEPTION 'cannot create constraint on "%"', table_name
            USING DETAIL = 'Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do not include the partition column';
    END IF;
    IF colocate_with <> 'default' AND (SELECT atttypid FROM pg_attribute WHERE attrelid = table_name AND attnum = att)
          IS DISTINCT FROM (SELECT atttypid FROM pg_attribute
                             WHERE attrelid = colocate_with::regclass AND attname = distribution_column) THEN
        RAISE EXCEPTION 'cannot colocate tables % and %', table_name, colocate_with;
    END IF;
    INSERT INTO public.citus_stand_in (fn, tbl, col, colocate_with)
    VALUES ('distributed', table_name, distribution_column, colocate_with);
END $$;
DO $$
DECLARE st text;
BEGIN
    FOR st IN SELECT statement FROM jtsyq.distribute_survey_schema('lve') ORDER BY step LOOP
        EXECUTE st;
    END LOOP;
END $$;
SELECT n, fn, tbl, col, colocate_with FROM public.citus_stand_in ORDER BY n;
SHOW citus.enable_unsafe_triggers;
RESET citus.enable_unsafe_triggers;
-- left on the layers: only the row-local fill triggers (the parcels' one
-- without the 'allocate' argument)
SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) ~ 'allocate' AS allocates
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE c.relnamespace = 'lve'::regnamespace AND NOT t.tgisinternal ORDER BY 1, 2;
DROP FUNCTION public.create_reference_table(regclass);
DROP FUNCTION public.create_distributed_table(regclass, text, text);
DROP TABLE public.citus_stand_in;

-- execute => true needs Citus (0A000 naming it); other bad calls
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT * FROM jtsyq.distribute_survey_schema('lve', execute => true);
\set VERBOSITY terse
-- a layer whose primary key lacks qxdm (a schema from before the county
-- key) is refused until create_survey_schema completes it: then qxdm is
-- filled from the codes and put into the key
ALTER TABLE lv.djq DROP COLUMN qxdm CASCADE, ADD PRIMARY KEY (bsm);
SELECT what, pg_temp.sqlstate(q) AS sqlstate FROM (VALUES
  ('NULL schema',        $q$SELECT * FROM jtsyq.distribute_survey_schema(NULL)$q$),
  ('NULL execute',       $q$SELECT * FROM jtsyq.distribute_survey_schema('lv', NULL)$q$),
  ('no survey layers',   $q$SELECT * FROM jtsyq.distribute_survey_schema('public')$q$),
  ('key without qxdm',   $q$SELECT * FROM jtsyq.distribute_survey_schema('lv')$q$),
  ('no such schema',     $q$SELECT * FROM jtsyq.distribute_survey_schema('nosuch')$q$),
  -- survey_area_levels agrees with qa_report / qa_summary: NULL 22004, a
  -- schema that does not exist 3F000
  ('levels: NULL schema', $q$SELECT jtsyq.survey_area_levels(NULL)$q$),
  ('levels: NULL area',  $q$SELECT jtsyq.survey_area_levels('lv', NULL)$q$),
  ('levels: no schema',  $q$SELECT jtsyq.survey_area_levels('nosuch')$q$),
  ('summary: no schema', $q$SELECT * FROM jtsyq.qa_summary('nosuch')$q$),
  ('sum of parts: no schema', $q$SELECT * FROM jtsyq.sum_of_parts_errors('nosuch'::name)$q$),
  -- the expression is SQL: a malformed one is a syntax error where it runs
  ('levels: bad expression', $q$SELECT * FROM jtsyq.sum_of_parts_errors(jtsyq.survey_area_levels('lv', 'ST_Area(geom'))$q$)
) t(what, q);
-- (a row without a code has no county to take: refused, 23502, until it
-- gets one or goes)
ALTER TABLE lv.qlr DROP COLUMN qxdm CASCADE, ADD PRIMARY KEY (bsm);
INSERT INTO lv.qlr (qlrmc) VALUES ('无码');
\set VERBOSITY default
SELECT jtsyq.create_survey_schema('lv', 4523, enforce => false);
\set VERBOSITY terse
DELETE FROM lv.qlr;
SELECT jtsyq.create_survey_schema('lv', 4523, enforce => false);
SELECT djqdm, qxdm FROM lv.djq ORDER BY djqdm;
SELECT pg_get_constraintdef(oid) AS djq_primary_key FROM pg_constraint WHERE conrelid = 'lv.djq'::regclass AND contype = 'p';
SELECT count(*) AS statements FROM jtsyq.distribute_survey_schema('lv');
