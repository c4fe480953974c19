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

-- TODO(issue 4): add the gap and sliver faults once the topology checks
-- that find them are on main.
SELECT jtsyq_gen.make_county('gc', 1500, 7,
         '{"overlap": 2, "self_intersection": 1, "duplicate_code": 2, "area_mismatch": 2, "not_in_container": 1}')
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

-- Oracle 3: the report against the manifest.
CREATE TEMP TABLE expected_rows AS
SELECT CASE f.kind WHEN 'overlap' THEN 'topology.overlap' WHEN 'self_intersection' THEN 'topology.invalid'
                   WHEN 'area_mismatch' THEN 'area.sum_of_parts' WHEN 'not_in_container' THEN 'topology.outside_container'
       END AS rule, 'zdjbxx:' || z.zddm AS object
  FROM gc.faults f JOIN gc.zd z ON z.id = CASE f.kind WHEN 'overlap' THEN least(f.id1, f.id2) ELSE f.id1 END
 WHERE f.kind <> 'duplicate_code'
UNION ALL
SELECT 'consistency.duplicate_code', 'zdjbxx:' || c
  FROM gc.faults f JOIN gc.zd z ON z.id = f.id1, unnest(ARRAY[z.zddm, z.bdcdyh]) c
 WHERE f.kind = 'duplicate_code';
CREATE TEMP TABLE report AS SELECT * FROM jtsyq.qa_report('sc');
SELECT 'missed' AS what, * FROM (SELECT * FROM expected_rows
                                  EXCEPT ALL SELECT rule, object FROM report WHERE severity <> 'info') m
UNION ALL
SELECT 'unexpected', * FROM (SELECT rule, object FROM report WHERE severity <> 'info'
                             EXCEPT ALL SELECT * FROM expected_rows) u;
SELECT * FROM jtsyq.qa_summary('sc');
-- §13.4.1 for the county: 1 668 parcels, all with 界址点; 1 531 collective
-- (JA) ones to register, of which id % 7 <> 0 were given a certificate
SELECT object, message FROM report WHERE rule = 'statistics.completion' AND object = 'county';
SELECT (SELECT count(*) FROM gc.zd WHERE zdtzm = 'JA') AS ja, (SELECT count(*) FROM gc.zd WHERE zdtzm = 'JA' AND id % 7 <> 0) AS ja_registered,
       (SELECT count(*) FROM gc.zd WHERE zdtzm LIKE 'Z%') AS disputed;
