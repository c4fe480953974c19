--
-- The standard survey layers (create_survey_schema), 界址点/界址线 and 四至
-- from the parcels (build_boundary_points, fill_four_sides) and the QA
-- report (qa_report, qa_summary) on a hand-made fixture with seeded faults.
-- The fixture is small enough to check every number by hand; the comments
-- give the reasoning.  The list of seeded faults is the oracle: the report
-- must contain exactly those (checked both ways with EXCEPT).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;

CREATE FUNCTION pg_temp.gk(wkt text) RETURNS geometry
LANGUAGE sql IMMUTABLE
AS $$ SELECT ST_Multi(ST_Translate(ST_GeomFromText(wkt, 4523), 35500000, 4200000)) $$;
CREATE FUNCTION pg_temp.box(x0 float8, y0 float8, x1 float8, y1 float8) RETURNS geometry
LANGUAGE sql IMMUTABLE
AS $$ SELECT pg_temp.gk(format('POLYGON((%1$s %2$s,%3$s %2$s,%3$s %4$s,%1$s %4$s,%1$s %2$s))', x0, y0, x1, y1)) $$;

--
-- The schema: one table per layer, TD/T 1066 names, Chinese comments
--
SELECT jtsyq.create_survey_schema('fx', 4523, enforce => false);
SELECT c.relname AS layer, obj_description(c.oid, 'pg_class') AS comment
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'fx' AND c.relkind = 'r' ORDER BY c.relname;
-- every column has its Chinese name
SELECT count(*) AS columns, count(*) FILTER (WHERE col_description(a.attrelid, a.attnum) IS NULL) AS without_comment
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'fx' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped;
SELECT col_description('fx.zdjbxx'::regclass, attnum) AS zdjbxx_columns
  FROM pg_attribute WHERE attrelid = 'fx.zdjbxx'::regclass AND attnum > 0 ORDER BY attnum;
-- geometry columns typed with the SRID
SELECT f_table_name, type, srid FROM geometry_columns WHERE f_table_schema = 'fx' ORDER BY 1;
-- a staging schema has no code or dictionary constraints, only the keys
SELECT count(*) AS check_constraints FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
 WHERE n.nspname = 'fx' AND c.contype = 'c';

--
-- The clean fixture.  County 640122, 地籍区 640122001 = (0,0)-(400,200),
-- 地籍子区 001 = (0,0)-(200,200) and 002 = (200,0)-(400,200).
-- 宗地 (all JA, collective ownership):
--   P1 ...001JA00001 (0,100)-(100,200)   P2 ...001JA00002 (100,100)-(200,200)
--   P3 ...001JA00003 (0,0)-(200,100)     P4 ...002JA00001 (200,0)-(400,200)
--
INSERT INTO fx.xzq (xzqdm, xzqmc, xzqmj, geom) VALUES ('640122', '示例县', 80000, pg_temp.box(0, 0, 400, 200));
-- the township (三调 XZQ, 乡级) and its villages (三调 村级调查区) of §10.1 c–d
INSERT INTO fx.xzq_xz (xzqdm, xzqmc, geom) VALUES ('640122001000', '示例镇', pg_temp.box(0, 0, 400, 200));
INSERT INTO fx.cjdcq (zldwdm, zldwmc, geom) VALUES
  ('6401220010010000000', '甲村', pg_temp.box(0, 0, 200, 200)), ('6401220010020000000', '乙村', pg_temp.box(200, 0, 400, 200));
INSERT INTO fx.cjqy (cjqydm, cjqymc, geom) VALUES
  ('640122001001', '甲村', pg_temp.box(0, 0, 200, 200)), ('640122001002', '乙村', pg_temp.box(200, 0, 400, 200));
INSERT INTO fx.zjqy (zjqydm, zjqymc, geom) VALUES
  ('64012200100101', '甲村第一组', pg_temp.box(0, 100, 100, 200)),
  ('64012200100102', '甲村第二组', pg_temp.box(100, 100, 200, 200)),
  ('64012200100103', '甲村第三组', pg_temp.box(0, 0, 200, 100)),
  ('64012200100201', '乙村第一组', pg_temp.box(200, 0, 400, 200));
INSERT INTO fx.djq (djqdm, djqmc, geom) VALUES ('640122001', '示例镇', pg_temp.box(0, 0, 400, 200));
INSERT INTO fx.djzq (djzqdm, djzqmc, geom) VALUES
  ('640122001001', '甲村', pg_temp.box(0, 0, 200, 200)), ('640122001002', '乙村', pg_temp.box(200, 0, 400, 200));
INSERT INTO fx.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, qlxz, zt, geom)
SELECT zddm, zddm || 'W00000000', zl, zdmj, '1', '1', '200', '1', g
  FROM (VALUES ('640122001001JA00001', '甲村一组', 10000, pg_temp.box(0, 100, 100, 200)),
               ('640122001001JA00002', '甲村二组', 10000, pg_temp.box(100, 100, 200, 200)),
               ('640122001001JA00003', '甲村三组', 20000, pg_temp.box(0, 0, 200, 100)),
               ('640122001002JA00001', '乙村', 40000, pg_temp.box(200, 0, 400, 200))) v(zddm, zl, zdmj, g);
-- the fill trigger derived 宗地特征码 from 宗地代码
SELECT zddm, zdtzm FROM fx.zdjbxx ORDER BY zddm;
INSERT INTO fx.dltb (tbbh, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc, tbmj, tbdlmj, zddm, geom) VALUES
  ('1', '0103', '旱地', '30', '6401220010010000000', '甲村一组', '6401220010010000000', '甲村', 5000, 5000, '640122001001JA00001', pg_temp.box(0, 100, 50, 200)),
  ('2', '0301', '乔木林地', '30', '6401220010010000000', '甲村一组', '6401220010010000000', '甲村', 5000, 5000, '640122001001JA00001', pg_temp.box(50, 100, 100, 200)),
  ('3', '0103', '旱地', '30', '6401220010010000000', '甲村二组', '6401220010010000000', '甲村', 10000, 10000, '640122001001JA00002', pg_temp.box(100, 100, 200, 200)),
  ('4', '0403', '其他草地', '30', '6401220010010000000', '甲村三组', '6401220010010000000', '甲村', 20000, 20000, '640122001001JA00003', pg_temp.box(0, 0, 200, 100)),
  ('5', '0103', '旱地', '30', '6401220010020000000', '乙村', '6401220010020000000', '乙村', 40000, 40000, '640122001002JA00001', pg_temp.box(200, 0, 400, 200));
-- the collectives' 证件号 (组织机构代码) cannot be recovered: "/" (info rows)
INSERT INTO fx.qlr (bdcdyh, sxh, qlrmc, zjzl, zjh) VALUES
  ('640122001001JA00001W00000000', 1, '第一村民小组农民集体', '6', '/'),
  ('640122001001JA00002W00000000', 1, '第二村民小组农民集体', '6', '/'),
  ('640122001001JA00003W00000000', 1, '甲村农民集体', '6', '/'),
  ('640122001002JA00001W00000000', 1, '乙村农民集体', '6', '/');
-- P1-P3 are registered; P4 is not yet
INSERT INTO fx.tdsyq (zddm, bdcdyh, qllx, djlx, djyy, mjdw, bdcqzh, qxdm, djjg, dbr, djsj, qszt)
SELECT zddm, zddm || 'W00000000', '1', '100', '首次登记', '1', format('宁(2024)示例县不动产权第%s号', n), '640122',
       '示例县自然资源局', '张三', DATE '2024-06-01', '1'
  FROM (VALUES ('640122001001JA00001', 1), ('640122001001JA00002', 2), ('640122001001JA00003', 3)) v(zddm, n);

--
-- 界址点 and 界址线 from the parcels, per 地籍子区.  Unit 001, parcels in
-- code order: P1 from its top-left (0,200): J1, (100,200) J2, (100,100) J3,
-- (0,100) J4.  P2 from (100,200) = J2: (200,200) J5, (200,100) J6, J3.
-- P3 from (0,100) = J4: (100,100) = J3 lies on its top edge (a T-junction,
-- a point of P3 too), (200,100) = J6, (200,0) J7, (0,0) J8.  8 points,
-- 4 + 4 + 5 = 13 lines.  Unit 002: P4 J1 (200,200), J2 (400,200),
-- J3 (400,0), J4 (200,0), and J5 (200,100): there P2 and P3 of unit 001
-- meet P4's west edge (§6.7.5 b, a T-junction across the units' border;
-- unit 001 numbers the same place J6).  5 points, 5 lines.
--
SELECT * FROM jtsyq.build_boundary_points('fx');
SELECT left(zdzhdm, 12) AS unit, jzdh, sxh, jzdlx, xzbz - 4200000 AS x_local, yzbz - 35500000 AS y_local, zddms
  FROM fx.jzd ORDER BY 1, sxh;
SELECT zdzhdm, string_agg(qdh || '-' || zdh || ' ' || jzxcd, ', ' ORDER BY bsm) AS lines
  FROM fx.jzx GROUP BY zdzhdm ORDER BY zdzhdm;
-- the surveyors' attributes (界标类型, 界址线类别/位置, 界线性质)
UPDATE fx.jzd SET jblx = '6';
UPDATE fx.jzx SET jzxlb = '9', jzxwz = '2', jxxz = '600001';

--
-- 四至 from the whole layer, named by the first 权利人.  P1: east P2, south
-- P3.  P2: west P1, south P3, and east P4 (P4's west edge is split at
-- (200,100) by the T-junction, so P2 and P4 share 100 m).  P3: north P1
-- and P2 (100 m each, code order), east P4.  P4: west P2 and P3.  Sides
-- with nothing in the data stay empty: they are filled by hand.
--
SELECT jtsyq.fill_four_sides('fx') AS parcels_updated;
SELECT zddm, zdszb AS north, zdszd AS east, zdszn AS south, zdszx AS west FROM fx.zdjbxx ORDER BY zddm;
UPDATE fx.zdjbxx SET zdszb = coalesce(zdszb, '国有林场'), zdszd = coalesce(zdszd, '丙村'),
                     zdszn = coalesce(zdszn, '县道'), zdszx = coalesce(zdszx, '丁村');
-- overwrite => true rewrites every side that has a neighbour in the data
-- (the same names as above) and keeps the hand-filled sides that have
-- none: P1 north 国有林场, west 丁村; P2 north 国有林场; P3 south 县道,
-- west 丁村; P4 north 国有林场, east 丙村, south 县道.  All 4 parcels have a
-- neighbour, so 4 are updated.  P1's east, set to 'x' first, becomes P2's
-- owner again: that is what overwrite changes.
UPDATE fx.zdjbxx SET zdszd = 'x' WHERE zddm = '640122001001JA00001';
SELECT jtsyq.fill_four_sides('fx', true) AS parcels_overwritten;
SELECT zddm, zdszb AS north, zdszd AS east, zdszn AS south, zdszx AS west FROM fx.zdjbxx ORDER BY zddm;

-- The clean fixture has nothing to report but the four "/" 证件号 (info)
-- and the statistics (§13.4.1, issue 5's registration_statistics): per
-- county and 地籍区 4 parcels, 1+1+2+4 = 8 ha, all surveyed; 4 JA parcels
-- to register, 3 done (P1-P3: 4 ha of 8): 75.00 % by count, 50.00 % by
-- area.  地籍子区 001: P1-P3, 4 ha, all registered (100 %); 002: P4, 4 ha,
-- not registered (0 %).
SELECT * FROM jtsyq.qa_report('fx') ORDER BY rule, object;

--
-- Seeded faults, each with the row the report must give.
--
-- a second 地籍子区 with the code 640122001002
INSERT INTO fx.djzq (djzqdm, djzqmc, geom) VALUES ('640122001002', '乙村(重复)', pg_temp.box(200, 0, 400, 200));
-- P4's 权利类型 not in QLLXZD
UPDATE fx.zdjbxx SET qllx = '88' WHERE zddm = '640122001002JA00001';
-- P2's 坐落 missing
UPDATE fx.zdjbxx SET zl = NULL WHERE zddm = '640122001001JA00002';
-- P1's 面积单位 "/": only registry facts may be "/"
UPDATE fx.zdjbxx SET mjdw = '/' WHERE zddm = '640122001001JA00001';
-- P3's 登簿人 cannot be recovered: "/" is allowed (info, not an error)
UPDATE fx.tdsyq SET dbr = '/' WHERE zddm = '640122001001JA00003';
-- P4's recorded area 0.5 m² off Σ 图斑 (40000): 40000.50 ≠ 40000.00
-- (recorded areas are compared exactly; the message has 2 decimals)
UPDATE fx.zdjbxx SET zdmj = 40000.5 WHERE zddm = '640122001002JA00001';
-- P1's second 图斑 claims to lie in P2: location error, and both P1
-- (Σ 5000 ≠ 10000) and P2 (Σ 15000 ≠ 10000) fail the sum of parts
UPDATE fx.dltb SET zddm = '640122001001JA00002' WHERE tbbh = '2';
-- P6: code of 地籍子区 002, but lies in 001, inside P1 (10,140)-(60,190);
-- its 不动产单元号 has a building fixture part, not W00000000
-- P7: inside P4 (300,100)-(350,150); its 特征码 GA disagrees with its
-- 宗地代码 (JA)
-- P8: a self-intersecting "bow tie" inside P2
INSERT INTO fx.zdjbxx (zddm, bdcdyh, zdtzm, zl, zdmj, mjdw, qllx, zt, zdszd, zdszn, zdszx, zdszb, geom) VALUES
  ('640122001002JA00002', '640122001002JA00002F00010001', 'JA', '乙村飞地', 2500, '1', '1', '1', '甲', '甲', '甲', '甲',
   pg_temp.box(10, 140, 60, 190)),
  ('640122001002JA00003', '640122001002JA00003W00000000', 'GA', '乙村', 2500, '1', '1', '1', '乙', '乙', '乙', '乙',
   pg_temp.box(300, 100, 350, 150)),
  ('640122001001JA00004', '640122001001JA00004W00000000', 'JA', '甲村', 100, '1', '1', '1', '甲', '甲', '甲', '甲',
   pg_temp.gk('POLYGON((110 120,150 160,150 120,110 140,110 120))'));
-- rebuild: existing points keep their 界标类型 and unchanged lines their
-- attributes; only the new parcels' points and lines need them
SELECT * FROM jtsyq.build_boundary_points('fx');
SELECT count(*) FILTER (WHERE jblx IS NULL) AS points_without_jblx,
       count(*) FILTER (WHERE jblx IS NULL AND zdzhdm IN ('640122001002JA00002', '640122001002JA00003', '640122001001JA00004'))
         AS of_new_parcels
  FROM fx.jzd;
SELECT count(*) FILTER (WHERE jzxlb IS NULL) AS lines_without_jzxlb,
       count(*) FILTER (WHERE jzxlb IS NULL AND zdzhdm IN ('640122001002JA00002', '640122001002JA00003', '640122001001JA00004'))
         AS of_new_parcels
  FROM fx.jzx;
UPDATE fx.jzd SET jblx = '6' WHERE jblx IS NULL;
UPDATE fx.jzx SET jzxlb = '9', jzxwz = '2', jxxz = '600001' WHERE jzxlb IS NULL;
-- J5 of unit 001 ((200,200)): X typed 1 m off
UPDATE fx.jzd SET xzbz = xzbz + 1 WHERE left(zdzhdm, 12) = '640122001001' AND jzdh = 'J5';
-- P1's line J1-J2 recorded as 1 m
UPDATE fx.jzx SET jzxcd = 1 WHERE zdzhdm = '640122001001JA00001' AND qdh = 'J1';
-- a stray point inside P3, on no boundary
INSERT INTO fx.jzd (zdzhdm, jzdh, sxh, jblx, jzdlx, geom)
VALUES ('640122001001JA00003', 'J99', 99, '6', '1', ST_Translate(ST_GeomFromText('POINT(50 50)', 4523), 35500000, 4200000));
-- number 3 of unit 001 given twice (T3 at J3's place)
INSERT INTO fx.jzd (zdzhdm, jzdh, sxh, jblx, jzdlx, geom)
SELECT zdzhdm, 'T3', 3, '6', '2', geom FROM fx.jzd WHERE left(zdzhdm, 12) = '640122001001' AND jzdh = 'J3';
-- J4 of unit 001 typed as a graphic point (界址点类型 2) but numbered J
UPDATE fx.jzd SET jzdlx = '2' WHERE left(zdzhdm, 12) = '640122001001' AND jzdh = 'J4';
-- P8's 不动产单元号 with parcel type K (no such type): GB/T 37346 names the
-- problem, and it is not P8's 宗地代码 + W00000000 either (2 rows)
UPDATE fx.zdjbxx SET bdcdyh = '640122001001JK00004W00000000' WHERE zddm = '640122001001JA00004';
-- P3's code is retired in the 新旧代码对照表 (boundary change, new code
-- ...JA00005), yet P3 is still current
SELECT jtsyq.record_code_change(ARRAY['640122001001JA00003W00000000']::jtsyq.bdcdyh[],
                                ARRAY['640122001001JA00005W00000000']::jtsyq.bdcdyh[],
                                '界址调整', DATE '2024-07-01', 'YW-FX-1') AS history_rows;

-- The report: every row, for reading.
SELECT * FROM jtsyq.qa_report('fx') WHERE rule NOT LIKE 'statistics.%' ORDER BY rule, object, message;

-- The oracle: the seeded faults, no more and no fewer.
CREATE TEMP TABLE seeded(rule text, object text);
INSERT INTO seeded VALUES
  ('consistency.duplicate_code', 'djzq:640122001002'),
  ('consistency.dictionary', 'zdjbxx:640122001002JA00001'),
  ('completeness.required_field', 'zdjbxx:640122001001JA00002'),
  ('completeness.required_field', 'zdjbxx:640122001001JA00001'),
  ('completeness.unrecoverable', 'tdsyq:640122001001JA00003'),
  ('area.sum_of_parts', 'zdjbxx:640122001001JA00001'),
  ('area.sum_of_parts', 'zdjbxx:640122001001JA00002'),
  ('area.sum_of_parts', 'zdjbxx:640122001002JA00001'),
  -- the second 地籍子区 640122001002 makes 地籍区 = Σ地籍子区 fail (80 000 ≠ 120 000 m²)
  ('area.sum_of_parts', 'djq:640122001'),
  -- P6, P7, P8 have no 图斑: 宗地 = Σ地类图斑 cannot hold
  ('area.childless', 'zdjbxx:640122001002JA00002'),
  ('area.childless', 'zdjbxx:640122001002JA00003'),
  ('area.childless', 'zdjbxx:640122001001JA00004'),
  ('consistency.location', 'dltb:2'),
  ('consistency.location', 'zdjbxx:640122001002JA00002'),
  ('consistency.code_structure', 'zdjbxx:640122001002JA00002'),
  ('consistency.code_structure', 'zdjbxx:640122001002JA00003'),
  ('consistency.boundary_points', 'jzd:640122001001/J5'),
  ('consistency.boundary_lines', 'jzx:640122001001JA00001/J1-J2'),
  ('consistency.boundary_points', 'jzd:640122001001/J99'),
  ('consistency.duplicate_code', 'jzd:640122001001/3'),
  ('consistency.code_structure', 'jzd:640122001001/J4'),
  ('consistency.code_structure', 'zdjbxx:640122001001JA00004'),
  ('consistency.code_structure', 'zdjbxx:640122001001JA00004'),
  ('consistency.retired_code', 'zdjbxx:640122001001JA00003'),
  -- topology (issue 4's topology_errors), each checked by hand:
  -- P8 crosses itself
  ('topology.self_intersection', 'zdjbxx:640122001001JA00004'),
  -- overlaps: P1 ⊃ P6 (2 500 m²), P2 ⊃ P8 (as drawn, 666.67 m²), P4 ⊃ P7
  ('topology.overlap', 'zdjbxx:640122001001JA00001'),
  ('topology.overlap', 'zdjbxx:640122001001JA00002'),
  ('topology.overlap', 'zdjbxx:640122001002JA00001'),
  -- P6 is linked to 地籍子区 002 by its code but lies in 001
  ('topology.not_in_container', 'zdjbxx:640122001002JA00002'),
  -- the second 地籍子区 002 duplicates the first; the parcels of 002 fill
  -- one of them, the other (40 000 m²) is all gap
  ('topology.duplicate', 'djzq:640122001002'),
  ('topology.gap', 'djzq:640122001002'),
  -- 图斑 in their 宗地: patch 2, linked to P2, lies in P1, so P1 has a
  -- 5 000 m² gap; P6, P7 and P8 (two lobes) have no patches at all; P8 is
  -- an invalid container
  ('topology.not_in_container', 'dltb:2'),
  ('topology.gap', 'zdjbxx:640122001001JA00001'),
  ('topology.gap', 'zdjbxx:640122001002JA00002'),
  ('topology.gap', 'zdjbxx:640122001002JA00003'),
  ('topology.gap', 'zdjbxx:640122001001JA00004'),
  ('topology.gap', 'zdjbxx:640122001001JA00004'),
  ('topology.container_invalid', 'zdjbxx:640122001001JA00004'),
  -- from the clean fixture: the "/" 证件号
  ('completeness.unrecoverable', 'qlr:640122001001JA00001W00000000'),
  ('completeness.unrecoverable', 'qlr:640122001001JA00002W00000000'),
  ('completeness.unrecoverable', 'qlr:640122001001JA00003W00000000'),
  ('completeness.unrecoverable', 'qlr:640122001002JA00001W00000000');
SELECT 'missed' AS what, * FROM (SELECT * FROM seeded
                                  EXCEPT ALL SELECT rule, object FROM jtsyq.qa_report('fx') WHERE rule NOT LIKE 'statistics.%') m
UNION ALL
SELECT 'unexpected', * FROM (SELECT rule, object FROM jtsyq.qa_report('fx') WHERE rule NOT LIKE 'statistics.%'
                             EXCEPT ALL SELECT * FROM seeded) u;

-- Statistics after seeding: 7 current parcels (P1-P4, P6-P8), 1 + 1 + 2
-- + 4.00005 + 0.25 + 0.25 + 0.01 = 8.51005 ha (4 decimals, half up:
-- 8.5101), all with points now.  To register: the JA parcels by 特征码 —
-- P1-P4, P6, P8 (P7 says GA): 6, 8.26005 ha (8.2601); registered P1-P3: 3
-- of 6 = 50.00 %, 4 ha (4.0000) of 8.26005 = 48.426 → 48.43 %.  By
-- 宗地代码's 地籍子区: 001 holds P1, P2, P3, P8 (4.01 ha; 3 of 4 registered,
-- 4 / 4.01 = 99.75 %), 002 holds P4, P6, P7 (4.50005 ha → 4.5001, and
-- 4.0100 + 4.5001 = 8.5101 balances; to register P4 and P6, 4.25005 →
-- 4.2501 ha, none registered).
SELECT object, message FROM jtsyq.qa_report('fx') WHERE rule LIKE 'statistics.%' ORDER BY rule, object;
SELECT * FROM jtsyq.qa_summary('fx');

--
-- Enforcement.  The same tables with enforce => true refuse the faults.
--
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; m text;
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = CONSTRAINT_NAME;
  RETURN s || coalesce(' ' || nullif(m, ''), '');
END $$;
SELECT jtsyq.create_survey_schema('fe', 4523);
-- idempotent: a second call changes nothing
CREATE TEMP TABLE catalog_before AS
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'fe' AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL SELECT conname, contype::text, pg_get_constraintdef(oid) FROM pg_constraint
           WHERE connamespace = 'fe'::regnamespace
UNION ALL SELECT tgname, tgrelid::regclass::text, '' FROM pg_trigger
           WHERE tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'fe'::regnamespace) AND NOT tgisinternal;
SELECT jtsyq.create_survey_schema('fe', 4523);
SELECT count(*) AS catalog_entries,
       (SELECT count(*) FROM (
          SELECT * FROM catalog_before
          EXCEPT
          (SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'fe' AND a.attnum > 0 AND NOT a.attisdropped
           UNION ALL SELECT conname, contype::text, pg_get_constraintdef(oid) FROM pg_constraint
                      WHERE connamespace = 'fe'::regnamespace
           UNION ALL SELECT tgname, tgrelid::regclass::text, '' FROM pg_trigger
                      WHERE tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'fe'::regnamespace) AND NOT tgisinternal)) d)
         AS changed_by_second_call
  FROM catalog_before;
SELECT conname FROM pg_constraint WHERE conrelid = 'fe.zdjbxx'::regclass AND contype = 'c' ORDER BY 1;
-- (the parcels below lie in this 地籍子区: the topology trigger refuses a
-- parcel outside every 地籍子区; one far east for the area example)
INSERT INTO fe.djq (djqdm, geom) VALUES ('640122002', pg_temp.box(0, 0, 100200, 300));
INSERT INTO fe.djzq (djzqdm, geom) VALUES ('640122002001', pg_temp.box(0, 0, 200, 300)),
                                          ('640122002002', pg_temp.box(99900, 0, 100200, 300));

INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom)
VALUES ('640122002001JA00001', '640122002001JA00001W00000000', '甲村', 10000, '1', '1', '1', pg_temp.box(0, 100, 100, 200));


SELECT what, pg_temp.sqlstate(q) AS sqlstate FROM (VALUES
  ('duplicate 宗地代码', $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00001', NULL, 'x', 1, '1', '1', '1', pg_temp.box(0, 0, 1, 1))$q$),
  ('单元号 of another 宗地', $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00009', '640122002001JA00001W00000000', 'x', 1, '1', '1', '1', pg_temp.box(0, 0, 1, 1))$q$),
  ('权利类型 88',        $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00002', '640122002001JA00002W00000000', 'x', 1, '1', '88', '1', pg_temp.box(0, 0, 1, 1))$q$),
  -- "/" is acceptable for an unrecoverable registry fact (左云 plan)
  ('权利类型 "/"',       $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00003', '640122002001JA00003W00000000', 'x', 1, '1', '/', '1', pg_temp.box(0, 0, 1, 1))$q$),
  ('面积单位 "/"',       $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00004', '640122002001JA00004W00000000', 'x', 1, '/', '1', '1', pg_temp.box(0, 0, 1, 1))$q$),
  ('malformed 宗地代码', $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('64012200100JA00005', NULL, 'x', 1, '1', '1', '1', pg_temp.box(0, 0, 1, 1))$q$),
  ('特征码 vs 宗地代码', $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zdtzm, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00006', '640122002001JA00006W00000000', 'GA', 'x', 1, '1', '1', '1', pg_temp.box(0, 0, 1, 1))$q$),
  ('no geometry',        $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt) VALUES ('640122002001JA00007', '640122002001JA00007W00000000', 'x', 1, '1', '1', '1')$q$),
  ('a POLYGON, not MULTI', $q$INSERT INTO fe.zdjbxx (zddm, geom) VALUES ('640122002001JA00008', ST_GeometryN(pg_temp.box(0, 0, 1, 1), 1))$q$),
  ('other SRID',         $q$INSERT INTO fe.zdjbxx (zddm, geom) VALUES ('640122002001JA00008', ST_SetSRID(pg_temp.box(0, 0, 1, 1), 4524))$q$),
  ('界址点号 X1',        $q$INSERT INTO fe.jzd (zdzhdm, jzdh, sxh, jblx, jzdlx, geom) VALUES ('640122002001JA00001', 'X1', 1, '6', '1', ST_SetSRID(ST_MakePoint(1, 1), 4523))$q$),
  ('J with 类型 2',      $q$INSERT INTO fe.jzd (zdzhdm, jzdh, sxh, jblx, jzdlx, geom) VALUES ('640122002001JA00001', 'J1', 1, '6', '2', ST_SetSRID(ST_MakePoint(1, 1), 4523))$q$),
  ('a good point',       $q$INSERT INTO fe.jzd (zdzhdm, jzdh, sxh, jblx, jzdlx, geom) VALUES ('640122002001JA00001', 'T1', 1, '6', '2', ST_SetSRID(ST_MakePoint(1, 1), 4523))$q$),
  ('number 1 again',     $q$INSERT INTO fe.jzd (zdzhdm, jzdh, sxh, jblx, jzdlx, geom) VALUES ('640122002001JA00002', 'J1', 1, '6', '1', ST_SetSRID(ST_MakePoint(2, 2), 4523))$q$),
  ('outside every 子区',  $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00011', NULL, 'x', 1, '1', '1', '1', pg_temp.box(5000, 5000, 5001, 5001))$q$),
  ('a bow tie',          $q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00012', NULL, 'x', 1, '1', '1', '1', pg_temp.gk('POLYGON((0 0,4 4,4 0,0 2,0 0))'))$q$),
  ('界线性质 1',          $q$INSERT INTO fe.jzx (zdzhdm, jzxlb, jzxwz, jxxz, geom) VALUES ('640122002001JA00001', '9', '2', '1', ST_SetSRID(ST_MakeLine(ST_MakePoint(0, 0), ST_MakePoint(3, 4)), 4523))$q$)
) t(what, q);
-- the fill trigger: X/Y of the point, 2 decimals; the line's length
INSERT INTO fe.jzd (zdzhdm, jzdh, sxh, jblx, jzdlx, geom)
VALUES ('640122002001JA00001', 'J2', 2, '6', '1', ST_SetSRID(ST_MakePoint(35500012.344, 4200023.455), 4523));
INSERT INTO fe.jzx (zdzhdm, jzxlb, jzxwz, jxxz, geom)
VALUES ('640122002001JA00001', '9', '2', '600001', ST_SetSRID(ST_MakeLine(ST_MakePoint(0, 0), ST_MakePoint(3, 4)), 4523));
SELECT jzdh, xzbz, yzbz FROM fe.jzd ORDER BY sxh;
SELECT jzxcd FROM fe.jzx;

-- Codes (issue 7's jtsyq.bdcdyh): a new parcel given only its geometry and
-- 特征码 gets the next 宗地顺序号 of the 地籍子区 it lies in.  The parcels
-- ...JA00001 and ...JA00003 (the "/" row) above were noted by the guard
-- (the refused inserts were rolled back), so the next one is 00004.
-- (Counters and the code history are the database's, shared by all
-- schemas: this part uses 地籍子区 640122002001, which fx does not.)
INSERT INTO fe.zdjbxx (zdtzm, zl, zdmj, mjdw, qllx, zt, geom)
VALUES ('JA', '甲村', 10000, '1', '1', '1', pg_temp.box(100, 100, 200, 200)) RETURNING zddm, bdcdyh;
-- given no 宗地面积 or 图幅号, the trigger fills them from the geometry with
-- issue 3's functions: the ellipsoidal area (§10) and the 1:10000 sheets
-- (§9.3.1 g).  The parcel above, 100 m from the central meridian (105°E),
-- has the plane's 1 ha; 100 km east the Gauss-Kruger plane is stretched by
-- about 1 + (100/6371)² in area, so a 1 ha square on it is about
-- 10000 / 1.000246 = 9997.5 m² on the ellipsoid.  Setting them to NULL
-- without moving the parcel leaves them NULL.
SELECT zddm, zdmj, zdmj = jtsyq.ellipsoid_area(geom)::numeric(15,2) AS ellipsoidal,
       tfh, tfh = array_to_string(jtsyq.sheet_numbers(geom, 10000), ',') AS sheets
  FROM fe.zdjbxx WHERE zddm = '640122002001JA00004';
UPDATE fe.zdjbxx SET zdmj = NULL, tfh = NULL WHERE zddm = '640122002001JA00004';
SELECT zdmj, tfh FROM fe.zdjbxx WHERE zddm = '640122002001JA00004';
INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, mjdw, qllx, zt, geom)
VALUES ('640122002002JA00001', '640122002002JA00001W00000000', '甲村', '1', '1', '1', pg_temp.box(100000, 100, 100100, 200))
RETURNING zddm, zdmj, round(zdmj - 10000 / (1 + (100.05 / 6371.0) ^ 2), 1) AS vs_estimate, tfh;
-- the topology trigger (issue 4): row-local faults and a parcel outside
-- every 地籍子区 were refused above (23514, the rule as constraint name);
-- overlaps are recorded, not refused (historical rows of the table are
-- neighbours too).  A parcel drawn over half of ...JA00001 (0-100) and of
-- ...JA00004 (100-200): two overlaps of 5 000 m².
INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, mjdw, qllx, zt, geom)
VALUES ('640122002001JA00010', '640122002001JA00010W00000000', '甲村', '1', '1', '1', pg_temp.box(50, 100, 150, 200));
SELECT layer, kind, id1, id2, round(measure::numeric, 2) AS measure
  FROM jtsyq.topology_findings WHERE layer LIKE 'fe.%' ORDER BY finding_id;
-- (the findings table is the database's: leave it as found for other tests)
DELETE FROM jtsyq.topology_findings WHERE layer LIKE 'fe.%';
-- a retired code may not be used again by a current parcel (23514); a
-- historical row (状态 0) may carry it
SELECT jtsyq.record_code_change(ARRAY['640122002001JA00003W00000000']::jtsyq.bdcdyh[],
                                ARRAY['640122002001JA00005W00000000']::jtsyq.bdcdyh[],
                                '界址调整', DATE '2024-08-01', 'YW-FE-1') AS history_rows;
DELETE FROM fe.zdjbxx WHERE zddm = '640122002001JA00003';
SELECT pg_temp.sqlstate($q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00003', '640122002001JA00003W00000000', 'x', 1, '1', '1', '1', pg_temp.box(0, 0, 1, 1))$q$) AS retired_current,
       pg_temp.sqlstate($q$INSERT INTO fe.zdjbxx (zddm, bdcdyh, zl, zdmj, mjdw, qllx, zt, geom) VALUES ('640122002001JA00003', '640122002001JA00003W00000000', 'x', 1, '1', '1', '0', pg_temp.box(0, 0, 1, 1))$q$) AS historical_row;
SELECT jdm, xdm, bgyy, bgrq, ywh FROM fe.xjdmdzb WHERE ywh = 'YW-FE-1';
-- a malformed 不动产单元号 cannot even be typed into an enforced schema
SELECT pg_temp.sqlstate($q$INSERT INTO fe.zdjbxx (zddm, bdcdyh) VALUES ('640122002001JA00009', '640122002001JK00009W00000000')$q$) AS malformed;

-- Enforcing the faulty staging schema, layer by layer: the duplicate
-- 地籍子区 code must go (23505, with a hint; a failed call leaves nothing
-- behind), then the malformed 不动产单元号 (22P02, naming the field), then
-- the repeated 界址点 number; then CHECKs are added NOT VALID — old rows
-- stay for the report, new rows are checked — and codes become jtsyq.bdcdyh.
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT jtsyq.create_survey_schema('fx', 4523);
DELETE FROM fx.djzq WHERE djzqmc = '乙村(重复)';
SELECT jtsyq.create_survey_schema('fx', 4523);
UPDATE fx.zdjbxx SET bdcdyh = '640122001001JA00004W00000000' WHERE zddm = '640122001001JA00004';
SELECT jtsyq.create_survey_schema('fx', 4523);
DELETE FROM fx.jzd WHERE jzdh = 'T3';
SELECT jtsyq.create_survey_schema('fx', 4523);
SELECT format_type(atttypid, atttypmod) AS bdcdyh_type FROM pg_attribute
 WHERE attrelid = 'fx.zdjbxx'::regclass AND attname = 'bdcdyh';
SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'fx.zdjbxx'::regclass AND contype = 'c' ORDER BY 1;
SELECT pg_temp.sqlstate($q$UPDATE fx.zdjbxx SET qllx = '77' WHERE zddm = '640122001001JA00003'$q$) AS new_fault_refused;
-- the report still finds the old faults
SELECT count(*) AS old_dictionary_fault FROM jtsyq.qa_report('fx') WHERE rule = 'consistency.dictionary';

-- build_boundary_points for one unit: only 地籍子区 640122001002 is
-- rebuilt.  Its parcels in code order: P4 (200,0)-(400,200) J1 (200,200),
-- J2 (400,200), J3 (400,0), J4 (200,0), J5 (200,100) where P2/P3 meet its
-- west edge: 5 lines; P6 (10,140)-(60,190) J6-J9, 4 lines; P7
-- (300,100)-(350,150) inside P4, touching nothing: J10-J13, 4 lines.  3
-- parcels, 13 points, 13 lines (as in the full rebuild above).  Unit 001's
-- points — with the faults seeded on them (J5 1 m off, J99) — keep their
-- rows and 标识码; unit 002's are new rows, with the 界标类型 of the old
-- points at the same places kept.
CREATE TEMP TABLE jzd_before AS SELECT bsm, zdzhdm, jzdh, xzbz, yzbz, jblx FROM fx.jzd;
SELECT * FROM jtsyq.build_boundary_points('fx', '640122001002');
SELECT (SELECT count(*) FROM (SELECT * FROM jzd_before WHERE left(zdzhdm, 12) = '640122001001'
                              EXCEPT SELECT bsm, zdzhdm, jzdh, xzbz, yzbz, jblx FROM fx.jzd) d) AS unit_001_lost,
       (SELECT count(*) FROM (SELECT bsm, zdzhdm, jzdh, xzbz, yzbz, jblx FROM fx.jzd WHERE left(zdzhdm, 12) = '640122001001'
                              EXCEPT SELECT * FROM jzd_before) d) AS unit_001_new,
       (SELECT count(*) FROM fx.jzd WHERE left(zdzhdm, 12) = '640122001002') AS unit_002_points,
       (SELECT count(*) FROM fx.jzd j WHERE left(j.zdzhdm, 12) = '640122001002'
                                        AND j.bsm IN (SELECT bsm FROM jzd_before)) AS unit_002_old_bsm,
       (SELECT count(*) FROM fx.jzd WHERE left(zdzhdm, 12) = '640122001002' AND jblx = '6') AS unit_002_jblx_kept;
-- a well-formed unit code with no parcels: nothing to do
SELECT count(*) AS unknown_unit FROM jtsyq.build_boundary_points('fx', '640122009009');

-- build_boundary_points skips (with a WARNING) a unit it cannot number and
-- keeps that unit's old points; the other units are built
SELECT jtsyq.create_survey_schema('fd', 4523, false);
INSERT INTO fd.zdjbxx (zddm, geom) VALUES
  ('640122001001JA00001', pg_temp.box(0, 0, 10, 10)),
  ('640122001002JA00001', pg_temp.gk('POLYGON((20 0,30 0,40 0,20 0))'));
SELECT * FROM jtsyq.build_boundary_points('fd');

-- bad arguments
SELECT jtsyq.create_survey_schema('fx', 4524);
SELECT jtsyq.create_survey_schema('wgs', 4326);
SELECT jtsyq.create_survey_schema('geo', 4490);
SELECT jtsyq.create_survey_schema('jtsyq', 4523);
SELECT jtsyq.create_survey_schema('nosuch', 999999);
SELECT * FROM jtsyq.qa_report('no_such_schema');
SELECT * FROM jtsyq.build_boundary_points('public');
\set VERBOSITY terse
SELECT what, pg_temp.sqlstate(q) AS sqlstate FROM (VALUES
  ('NULL schema',        $q$SELECT jtsyq.create_survey_schema(NULL, 4523)$q$),
  ('NULL srid',          $q$SELECT jtsyq.create_survey_schema('x', NULL)$q$),
  ('other SRID',         $q$SELECT jtsyq.create_survey_schema('fx', 4524)$q$),
  ('WGS 84',             $q$SELECT jtsyq.create_survey_schema('wgs', 4326)$q$),
  ('geographic CGCS2000',$q$SELECT jtsyq.create_survey_schema('geo', 4490)$q$),
  ('unknown SRID',       $q$SELECT jtsyq.create_survey_schema('x', 999999)$q$),
  ('system schema',      $q$SELECT jtsyq.create_survey_schema('pg_catalog', 4523)$q$),
  ('qa: NULL',           $q$SELECT * FROM jtsyq.qa_report(NULL)$q$),
  ('qa: no schema',      $q$SELECT * FROM jtsyq.qa_report('no_such_schema')$q$),
  ('build: no layers',   $q$SELECT * FROM jtsyq.build_boundary_points('public')$q$),
  ('four sides: NULL',   $q$SELECT jtsyq.fill_four_sides(NULL)$q$),
  ('NULL enforce',       $q$SELECT jtsyq.create_survey_schema('x', 4523, NULL)$q$),
  ('empty schema name',  $q$SELECT jtsyq.create_survey_schema('', 4523)$q$),
  ('four sides: NULL overwrite', $q$SELECT jtsyq.fill_four_sides('fx', NULL)$q$),
  ('four sides: no schema', $q$SELECT jtsyq.fill_four_sides('no_such_schema')$q$),
  ('build: NULL schema', $q$SELECT * FROM jtsyq.build_boundary_points(NULL)$q$),
  ('build: unit abc',    $q$SELECT * FROM jtsyq.build_boundary_points('fx', 'abc')$q$),
  ('build: unit 13 digits', $q$SELECT * FROM jtsyq.build_boundary_points('fx', '6401220010011')$q$),
  ('summary: NULL',      $q$SELECT * FROM jtsyq.qa_summary(NULL)$q$),
  ('summary: no schema', $q$SELECT * FROM jtsyq.qa_summary('no_such_schema')$q$)
) t(what, q);
-- the NULL and empty-name refusals created nothing
SELECT count(*) AS schemas_x FROM pg_namespace WHERE nspname IN ('x', '');
\set VERBOSITY default

-- A schema without the standard layers is reported, not an error.
CREATE SCHEMA empty_county;
SELECT * FROM jtsyq.qa_summary('empty_county');
-- with the layers but no parcels, 四至 has nothing to fill
SELECT jtsyq.create_survey_schema('empty_county', 4523, false);
SELECT jtsyq.fill_four_sides('empty_county') AS parcels_updated;

-- leave the database's code history as this test found it: the generated
-- counties of other tests use the codes retired above
DELETE FROM jtsyq.bdcdyh_history WHERE ywh IN ('YW-FX-1', 'YW-FE-1');
