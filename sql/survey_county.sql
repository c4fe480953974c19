--
-- The survey layers on a generated county (test/gen/county.sql, seed 7,
-- about 1 500 parcels) with seeded faults.  Three independent oracles:
--  1. the generator's own 界址点 and 界址线 (derived by it with PostGIS's
--     ST_DumpPoints / ST_DumpSegments): the same distinct points and as
--     many lines as build_boundary_points makes;
--  2. PostGIS for the neighbours in 宗地四至: parcels whose boundaries share
--     a line of positive length (ST_Intersection of the boundaries);
--  3. the generator's fault manifest for qa_report: every seeded fault is
--     reported, and nothing else is an error or a warning.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;
\set ECHO none
\i test/gen/county.sql
\set ECHO all

SELECT jtsyq_gen.make_county('gc', 1500, 7,
         '{"overlap": 2, "gap": 1, "sliver": 1, "self_intersection": 1, "duplicate_code": 2,
           "area_mismatch": 2, "not_in_container": 1}')
       - 'schema' - 'kinds' AS generated;
SELECT kind, count(*) FROM gc.faults GROUP BY kind ORDER BY kind;

-- Load it into a staging schema (enforce => false: the faults must load),
-- build 界址点/界址线 per 地籍子区 and fill 四至 (test/gen/survey_load.sql).
\set src gc
\set dst sc
\set ECHO none
\i test/gen/survey_load.sql
\set ECHO all
SELECT :built_units AS units, :built_parcels AS parcels, :built_points AS points, :built_lines AS lines,
       :parcels_with_sides AS parcels_with_sides;

-- Oracle 1: the generator's 界址点 (one per distinct parcel vertex) and
-- 界址线 (one per parcel edge).  Every distinct location of ours is one of
-- theirs and the other way round (points on a 地籍子区 border are numbered
-- by both units, hence DISTINCT); one line per edge.
SELECT (SELECT count(*) FROM (SELECT DISTINCT geom FROM sc.jzd) a) AS our_locations,
       (SELECT count(*) FROM gc.jzd) AS their_points,
       (SELECT count(*) FROM gc.jzd g WHERE NOT EXISTS (SELECT FROM sc.jzd j WHERE j.geom = g.geom)) AS theirs_not_ours,
       (SELECT count(*) FROM (SELECT DISTINCT geom FROM sc.jzd) j
         WHERE NOT EXISTS (SELECT FROM gc.jzd g WHERE g.geom = j.geom)) AS ours_not_theirs,
       (SELECT count(*) FROM sc.jzx) AS our_lines, (SELECT count(*) FROM gc.jzx) AS their_lines;
-- numbers are 1..n in every unit, and every 界址线 joins two of its points
SELECT count(*) FILTER (WHERE n <> mx) AS units_with_gaps
  FROM (SELECT left(zdzhdm, 12), count(*) AS n, max(sxh) AS mx FROM sc.jzd GROUP BY 1) u;
SELECT count(*) AS lines_not_on_points FROM sc.jzx l
 WHERE NOT EXISTS (SELECT FROM sc.jzd p WHERE left(p.zdzhdm, 12) = left(l.zdzhdm, 12) AND p.jzdh = l.qdh
                                         AND ST_Equals(p.geom, ST_StartPoint(l.geom)))
    OR NOT EXISTS (SELECT FROM sc.jzd p WHERE left(p.zdzhdm, 12) = left(l.zdzhdm, 12) AND p.jzdh = l.zdh
                                         AND ST_Equals(p.geom, ST_EndPoint(l.geom)));

-- Oracle 2: 四至 against PostGIS for the parcels of the first 地籍区: the
-- neighbours named on any side are exactly the parcels sharing a boundary
-- line of positive length.
WITH s AS (SELECT f.* FROM (SELECT array_agg(bsm::text ORDER BY bsm) c, array_agg(geom ORDER BY bsm) g
                              FROM sc.zdjbxx) a, jtsyq.four_sides(a.c, NULL, a.g) f),
     ours AS (SELECT s.zddm::bigint AS a, n::bigint AS b
                FROM s, unnest(string_to_array(concat_ws('、', s.north, s.east, s.south, s.west), '、')) n
               WHERE s.zddm::bigint IN (SELECT bsm FROM sc.zdjbxx WHERE left(zddm, 9) = '640122001')
               GROUP BY 1, 2),
     postgis AS (SELECT a.bsm AS a, b.bsm AS b FROM sc.zdjbxx a JOIN sc.zdjbxx b
                   ON a.bsm <> b.bsm AND a.geom && b.geom
                 WHERE left(a.zddm, 9) = '640122001'
                   AND ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))) > 0)
SELECT (SELECT count(*) FROM ours) AS our_pairs, (SELECT count(*) FROM postgis) AS postgis_pairs,
       (SELECT count(*) FROM (SELECT * FROM ours EXCEPT SELECT * FROM postgis) x) AS ours_only,
       (SELECT count(*) FROM (SELECT * FROM postgis EXCEPT SELECT * FROM ours) x) AS postgis_only;

-- Oracle 3: the report against the manifest.  Each seeded fault gives its
-- row (a gap is reported on its container, the two parcels' 地籍子区), and
-- some faults have consequences that are right to report:
--  - the self-intersecting parcel holds 图斑: an invalid container;
--  - a duplicated code: the 图斑 of both parcels name the same 宗地代码,
--    so one parcel's 图斑 are judged against the other's outline (a gap on
--    the code, and those 图斑 not in their container — checked below);
--  - an overlap moved 图斑 of the first parcel into the second's: 图斑
--    overlap; the sliver parcel's 图斑 is itself a sliver (checked below
--    against PostGIS).
CREATE TEMP TABLE expected_rows AS
SELECT CASE f.kind WHEN 'overlap' THEN 'topology.overlap' WHEN 'self_intersection' THEN 'topology.self_intersection'
                   WHEN 'area_mismatch' THEN 'area.sum_of_parts' WHEN 'not_in_container' THEN 'topology.not_in_container'
                   WHEN 'sliver' THEN 'topology.sliver'
       END AS rule, 'zdjbxx:' || z.zddm AS object
  FROM gc.faults f JOIN gc.zd z ON z.id = f.id1
 WHERE f.kind IN ('overlap', 'self_intersection', 'area_mismatch', 'not_in_container', 'sliver')
UNION ALL
SELECT 'topology.gap', 'djzq:' || z.djzqdm FROM gc.faults f JOIN gc.zd z ON z.id = f.id1 WHERE f.kind = 'gap'
UNION ALL
SELECT 'consistency.duplicate_code', 'zdjbxx:' || c
  FROM gc.faults f JOIN gc.zd z ON z.id = f.id1, unnest(ARRAY[z.zddm, z.bdcdyh]) c
 WHERE f.kind = 'duplicate_code'
UNION ALL
SELECT 'topology.container_invalid', 'zdjbxx:' || z.zddm
  FROM gc.faults f JOIN gc.zd z ON z.id = f.id1 WHERE f.kind = 'self_intersection'
UNION ALL
SELECT 'topology.gap', 'zdjbxx:' || z.zddm FROM gc.faults f JOIN gc.zd z ON z.id = f.id1 WHERE f.kind = 'duplicate_code';
CREATE TEMP TABLE report AS SELECT * FROM jtsyq.qa_report('sc');
SELECT 'missed' AS what, * FROM (SELECT * FROM expected_rows
                                  EXCEPT ALL SELECT rule, object FROM report
                                   WHERE severity <> 'info' AND object NOT LIKE 'dltb:%') m
UNION ALL
SELECT 'unexpected', * FROM (SELECT rule, object FROM report WHERE severity <> 'info' AND object NOT LIKE 'dltb:%'
                             EXCEPT ALL SELECT * FROM expected_rows) u;
-- The 图斑 rows, against PostGIS: overlapping pairs (interiors meet by more
-- than 0.0001 m²; one row per pair, naming one of the two), slivers (mean
-- width 2·area/perimeter < 0.1 m), and not_in_container exactly for the
-- 图斑 of one parcel of each duplicated pair.
WITH pg_pairs AS (
    SELECT a.id AS p, b.id AS q FROM gc.dltb a JOIN gc.dltb b ON a.id < b.id AND a.geom && b.geom
     WHERE ST_Relate(a.geom, b.geom, 'T********') AND ST_Area(ST_Intersection(a.geom, b.geom)) > 0.0001),
     rep AS (SELECT rule, substr(object, 6)::integer AS id FROM report WHERE object LIKE 'dltb:%'),
     dup AS (SELECT f.id1, f.id2 FROM gc.faults f WHERE f.kind = 'duplicate_code')
SELECT (SELECT count(*) FROM pg_pairs) AS postgis_overlap_pairs,
       (SELECT count(*) FROM rep WHERE rule = 'topology.overlap') AS overlap_rows,
       (SELECT count(*) FROM rep r WHERE rule = 'topology.overlap'
           AND NOT EXISTS (SELECT FROM pg_pairs g WHERE r.id IN (g.p, g.q))) AS overlap_rows_not_a_pair,
       (SELECT count(*) FROM (SELECT id FROM rep WHERE rule = 'topology.sliver'
                              EXCEPT SELECT id FROM gc.dltb WHERE 2 * ST_Area(geom) / ST_Perimeter(geom) < 0.1) x)
         AS sliver_not_postgis,
       (SELECT count(*) FROM (SELECT id FROM gc.dltb WHERE 2 * ST_Area(geom) / ST_Perimeter(geom) < 0.1
                              EXCEPT SELECT id FROM rep WHERE rule = 'topology.sliver') x) AS postgis_sliver_missed,
       (SELECT bool_and(got = a1 OR got = a2) FROM (
           SELECT (SELECT array_agg(r.id ORDER BY r.id) FROM rep r JOIN gc.dltb t ON t.id = r.id
                    WHERE r.rule = 'topology.not_in_container' AND t.zd_id IN (d.id1, d.id2)) AS got,
                  (SELECT array_agg(id ORDER BY id) FROM gc.dltb WHERE zd_id = d.id1) AS a1,
                  (SELECT array_agg(id ORDER BY id) FROM gc.dltb WHERE zd_id = d.id2) AS a2
             FROM dup d) x) AS dup_patches_one_parcel,
       (SELECT count(*) FROM rep r JOIN gc.dltb t ON t.id = r.id
         WHERE r.rule = 'topology.not_in_container'
           AND t.zd_id NOT IN (SELECT id1 FROM dup UNION SELECT id2 FROM dup)) AS other_patches_not_in_container,
       (SELECT count(*) FROM rep WHERE rule NOT IN ('topology.overlap', 'topology.sliver', 'topology.not_in_container'))
         AS other_patch_rows;
SELECT * FROM jtsyq.qa_summary('sc');
-- completeness.unrecoverable, recounted without qa_report: "/" in every
-- field where the Zuoyun plan accepts it, straight from the tables, per
-- field (test/gen/survey_load.sql writes "/" as 登簿人 of every 土地所有权
-- row, as 权利类型 of a parcel whose 特征码 is neither J* nor G*, and on
-- 四至 sides with no neighbour).  The sum must be the summary's count above.
WITH per_field AS (
    SELECT f.layer, f.name,
           (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM sc.%I WHERE %I::text = ''/''',
                                                        f.layer, f.name), false, true, '')))[1]::text::bigint AS n
      FROM jtsyq.survey_field f
     WHERE f.slash_ok AND to_regclass(format('sc.%I', f.layer)) IS NOT NULL)
SELECT layer, name, n, sum(n) OVER () AS total FROM per_field WHERE n > 0 ORDER BY layer, name;
-- the area rows come from all five levels of DB64/T §10.1 c–e, the county,
-- townships and villages loaded from the generator's xzq, xz and cun: only
-- 宗地 = Σ地类图斑 finds anything, the 2 seeded area mismatches and the 2
-- duplicated 宗地代码 (each a whole twice: left to consistency.duplicate_code)
SELECT v.level, (SELECT string_agg(finding || ' ' || n, ', ' ORDER BY finding)
                   FROM (SELECT finding, count(*) AS n FROM jtsyq.sum_of_parts_errors(ARRAY[v]) GROUP BY 1) f)
                AS findings
  FROM unnest(jtsyq.survey_area_levels('sc')) v;
SELECT (SELECT count(*) FROM sc.xzq_xz) AS townships, (SELECT count(*) FROM gc.xz) AS generated_townships,
       (SELECT count(*) FROM sc.cjdcq) AS villages, (SELECT count(*) FROM gc.cun) AS generated_villages;
-- §13.4.1 for the county: every parcel has 界址点; registered = the JA
-- parcels whose code has a certificate (a duplicated code counts for both
-- of its parcels), checked directly on the generated tables: the counts,
-- and the areas (the generator's recorded ellipsoidal zdmj) summed in m²
-- and rounded once to 公顷, which the county row of the balanced table is
SELECT object, message FROM report WHERE rule = 'statistics.completion' AND object = 'county';
SELECT (SELECT count(*) FROM gc.zd) AS parcels, (SELECT count(*) FROM gc.zd WHERE zdtzm = 'JA') AS ja,
       (SELECT count(*) FROM gc.zd z WHERE zdtzm = 'JA'
           AND EXISTS (SELECT FROM sc.tdsyq t WHERE t.zddm = z.zddm)) AS ja_registered,
       (SELECT count(*) FROM gc.zd WHERE zdtzm LIKE 'Z%') AS disputed;
SELECT round(sum(zdmj) / 10000, 4) AS all_ha,
       round(sum(zdmj) FILTER (WHERE zdtzm = 'JA') / 10000, 4) AS ja_ha,
       round(sum(zdmj) FILTER (WHERE zdtzm = 'JA' AND EXISTS (SELECT FROM sc.tdsyq t WHERE t.zddm = z.zddm)) / 10000, 4)
         AS ja_registered_ha,
       round(sum(zdmj) FILTER (WHERE zdtzm LIKE 'Z%') / 10000, 4) AS disputed_ha
  FROM gc.zd z;
