-- jtsyq demo: what the extension computes for a small sample county.
-- Run with `make demo` (see README.md); each section grows as capabilities land.
\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION jtsyq CASCADE;
RESET client_min_messages;

\echo
\echo '== jtsyq and the libraries it runs on'
SELECT jtsyq.version();

\echo
\echo '== The coordinate systems of the survey: CGCS2000 Gauss-Kruger zones (what PROJ reads from spatial_ref_sys)'
SELECT s AS srid, crs_name, central_meridian AS cm, zone, zone_width AS width, zone_prefix AS prefix
  FROM unnest(ARRAY[4523, 4544, 4496, 4507]) s, LATERAL jtsyq.srid_info(s);

-- The sample county, schema "sample": made by the test data generator
-- (test/gen/county.sql) in about a second; deterministic, so every run shows
-- the same county.  Sections added later can use it.
SET client_min_messages = warning;
\ir ../gen/county.sql
RESET client_min_messages;
SELECT jtsyq_gen.make_county('sample', 1000, 1, '{}', 4523) IS NOT NULL AS made \gset

\echo
\echo '== 样例县 The sample county: about 1 000 parcels (seed 1), CGCS2000 3-degree Gauss-Kruger zone (SRID 4523)'
SELECT i.srid, s.crs_name, s.central_meridian AS cm, s.zone, s.false_easting,
       round(ST_XMin(x.geom)) || ' .. ' || round(ST_XMax(x.geom)) AS easting,
       round(ST_YMin(x.geom)) || ' .. ' || round(ST_YMax(x.geom)) AS northing
  FROM (SELECT value::integer AS srid FROM sample.gen_info WHERE key = 'srid') i,
       LATERAL jtsyq.srid_info(i.srid) s, sample.xzq x;

\echo
\echo '== 图层 Layers'
SELECT layer, 名称, rows FROM (VALUES
    (1, 'xzq',  '行政区 county',            (SELECT count(*) FROM sample.xzq)),
    (2, 'djq',  '地籍区 cadastral district', (SELECT count(*) FROM sample.djq)),
    (3, 'djzq', '地籍子区 subdistrict',      (SELECT count(*) FROM sample.djzq)),
    (4, 'cun',  '行政村 village',            (SELECT count(*) FROM sample.cun)),
    (5, 'zu',   '村民小组 villager group',    (SELECT count(*) FROM sample.zu)),
    (6, 'zd',   '宗地 parcel',               (SELECT count(*) FROM sample.zd)),
    (7, 'dltb', '地类图斑 land-use patch',    (SELECT count(*) FROM sample.dltb)),
    (8, 'jzd',  '界址点 boundary point',      (SELECT count(*) FROM sample.jzd)),
    (9, 'jzx',  '界址线 boundary line',       (SELECT count(*) FROM sample.jzx))) v(n, layer, 名称, rows)
 ORDER BY n;

\echo
\echo '== 宗地 Parcels by kind (特征码 JA collective, GY state used by a collective, GA state, ZW disputed)'
SELECT kind, zdtzm AS 特征码, count(*) AS parcels, round(sum(zdmj) / 10000, 4) AS 公顷_ha
  FROM sample.zd GROUP BY kind, zdtzm ORDER BY kind, zdtzm;

\echo
\echo '== 宗地 A few parcels: 不动产单元号 (28-character unit code), 权利人 (owner), 宗地面积 (m²)'
SELECT bdcdyh, qlr, zdmj, ST_NPoints(geom) - 1 AS vertices,
       (SELECT count(*) FROM sample.dltb t WHERE t.zd_id = z.id) AS patches
  FROM sample.zd z WHERE id IN (1, 2, 3) OR kind IN ('disputed') OR id = (SELECT min(id) FROM sample.zd WHERE zdtzm = 'GA')
 ORDER BY id;

\echo
\echo '== 拓扑 Topology (jtsyq.topology_errors, tolerance 0.0001 m): parcels against each other and their 地籍子区,'
\echo '   patches against each other and the parcel they must tile: the clean sample has no finding'
SELECT 'zd in djzq' AS layer, count(*) AS findings, coalesce(string_agg(DISTINCT kind, ', '), '-') AS kinds
  FROM jtsyq.topology_errors('sample.zd', container => 'sample.djzq')
UNION ALL
SELECT 'dltb in zd', count(*), coalesce(string_agg(DISTINCT kind, ', '), '-')
  FROM jtsyq.topology_errors('sample.dltb', container => 'sample.zd', container_link => 'zd_id');
\echo '   a parcel table guarded by jtsyq.topology_trigger in record mode: a copy of parcel 1 moved 0.5 m east is'
\echo '   inserted; the trigger records its overlaps with parcel 1 and the neighbours east of it (m²)'
CREATE TABLE sample.zd_guarded AS SELECT id, geom FROM sample.zd;
ALTER TABLE sample.zd_guarded ADD PRIMARY KEY (id);
CREATE INDEX ON sample.zd_guarded USING gist (geom);
CREATE TRIGGER topology BEFORE INSERT OR UPDATE ON sample.zd_guarded
    FOR EACH ROW EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', '', 'record');
INSERT INTO sample.zd_guarded
SELECT 100000, ST_Translate(geom, 0.5, 0) FROM sample.zd WHERE id = 1;
SELECT kind, id1, id2, round(measure::numeric, 2) AS measure_m2
  FROM jtsyq.topology_findings WHERE layer = 'sample.zd_guarded' ORDER BY kind, id2;
DELETE FROM jtsyq.topology_findings WHERE layer = 'sample.zd_guarded';

\echo '== 不动产单元代码 Unit codes (GB/T 37346): the sample''s codes as the validated type jtsyq.bdcdyh'
SELECT count(*) AS codes,
       count(*) FILTER (WHERE jtsyq.bdcdyh_is_valid(bdcdyh)) AS valid,
       count(DISTINCT bdcdyh) AS distinct_codes,
       jtsyq.min(bdcdyh::jtsyq.bdcdyh) AS first_code,
       jtsyq.zdsxh(jtsyq.max(bdcdyh::jtsyq.bdcdyh)) AS highest_sequence
  FROM sample.zd;
\echo '   a legacy code with three mistakes, every problem named (for cleaning without aborting a load):'
SELECT field_name, first_pos || '-' || last_pos AS pos, value, problem
  FROM jtsyq.bdcdyh_problems('640122001001JK0000OW0000000');
\echo '   the next 宗地顺序号 in the first 地籍子区 for JA, after declaring the sample''s codes as used:'
SELECT jtsyq.seed_zdsxh_counter('sample.zd', 'bdcdyh') AS counters_seeded \gset
SELECT djzqdm, n AS next_zdsxh, jtsyq.make_bdcdyh(djzqdm, 'JA', n) AS next_code
  FROM (SELECT djzqdm, jtsyq.next_zdsxh(djzqdm, 'JA') AS n
          FROM (SELECT min(djzqdm) AS djzqdm FROM sample.zd) d) a;

\echo
\echo '== 椭球面积 Ellipsoidal areas (TD/T 1055: CGCS2000, 70 m densification, official rounding) vs plane areas'
SELECT id, bdcdyh, round(ST_Area(geom)::numeric, 2) AS plane_m2,
       jtsyq.ellipsoid_area(geom) AS ellipsoid_m2,
       jtsyq.m2_to_ha(jtsyq.ellipsoid_area(geom)) AS ha,
       jtsyq.m2_to_mu(jtsyq.ellipsoid_area(geom)) AS mu,
       array_to_string(jtsyq.sheet_numbers(geom), ' ') AS sheets_1_10000
  FROM sample.zd WHERE id IN (1, 2, 3) ORDER BY id;
SELECT round(sum(ST_Area(geom))::numeric / 10000, 4) AS county_plane_ha,
       round(sum(jtsyq.ellipsoid_area(geom))::numeric / 10000, 4) AS county_ellipsoid_ha
  FROM sample.zd;

\echo
\echo '== 整体 = Σ部分 Sum-of-parts checks at every level (no rows = every whole equals the sum of its parts)'
SELECT level, finding, count(*) FROM jtsyq.sum_of_parts_errors('sample', 0.01) GROUP BY 1, 2 ORDER BY 1, 2;
SELECT count(*) AS findings FROM jtsyq.sum_of_parts_errors('sample', 0.01);

\echo
\echo '== 面积汇总 First-level land-use summary of the county (公顷, balanced so the printed table adds up)'
SELECT code, name, area_ha AS 公顷_ha, area_mu AS 亩_mu
  FROM jtsyq.landuse_summary('sample.dltb', '(SELECT cundm FROM sample.zd z WHERE z.id = zd_id)', 'dlbm', 'tbmj',
                             class_level => 1)
 WHERE row_kind = '县' AND (area_ha <> 0 OR code IS NULL);

\echo
\echo '== 界址点 Boundary points of one parcel (DB64/T §6.7.6): from its top-left point clockwise, X = northing, Y = easting'
SELECT jzdh, ring, x, y FROM jtsyq.boundary_points((SELECT geom FROM sample.zd WHERE id = 1)) LIMIT 8;
\echo '   its 界址点成果表 (edge length to the next point, m) and 界址线 total against the perimeter:'
SELECT jzdh, x, y, edge_length FROM jtsyq.boundary_point_table((SELECT geom FROM sample.zd WHERE id = 1)) LIMIT 5;
SELECT sum(l.jzxcd) AS lines_total_m, round(ST_Perimeter(z.geom)::numeric, 2) AS perimeter_m
  FROM sample.zd z, jtsyq.boundary_lines(z.geom) l WHERE z.id = 1 GROUP BY z.geom;

\echo
\echo '== 标准图层 The sample in the standard survey layers (TD/T 1066 names), 界址点/界址线 per 地籍子区, 四至, QA report'
SET client_min_messages = warning;
\set src sample
\set dst sample_survey
\i test/gen/survey_load.sql
RESET client_min_messages;
SELECT :built_units AS 地籍子区_units, :built_parcels AS 宗地_parcels, :built_points AS 界址点_points,
       :built_lines AS 界址线_lines, :parcels_with_sides AS 四至_filled;
SELECT c.relname AS layer, obj_description(c.oid) AS comment
  FROM pg_class c WHERE c.relnamespace = 'sample_survey'::regnamespace AND c.relkind IN ('r', 'v')
 ORDER BY c.relkind, c.relname LIMIT 6;
SELECT zddm, zdszb AS 北, zdszd AS 东, zdszn AS 南, zdszx AS 西
  FROM sample_survey.zdjbxx ORDER BY zddm LIMIT 3;
\echo '   the QA report of the clean sample (DB64/T §8.3): errors and warnings per rule, then the §13.4.1 county row'
SELECT severity, rule, n FROM jtsyq.qa_summary('sample_survey') WHERE severity <> 'info' OR rule <> 'completeness.unrecoverable';
SELECT message FROM jtsyq.qa_report('sample_survey') WHERE rule = 'statistics.completion' AND object = 'county';
\echo '   one parcel dragged 3 m east: it overlaps its neighbours, leaves gaps, its 界址点/界址线 and 图斑 behind,'
\echo '   and its ellipsoidal area, recomputed at the new place, rounds one cent lower (111146.2658 -> 111146.2624 m²):'
\echo '   it no longer equals the sum of its 图斑 (rows on 界址线 left out)'
UPDATE sample_survey.zdjbxx SET geom = ST_Translate(geom, 3, 0) WHERE bsm = 1;
SELECT rule, n FROM jtsyq.qa_summary('sample_survey') WHERE severity = 'error';
SELECT rule, object, message FROM jtsyq.qa_report('sample_survey')
 WHERE (rule LIKE 'topology.%' OR rule LIKE 'area.%') AND object NOT LIKE 'jzx:%' ORDER BY rule, object, message;
