--
-- jtsyq.topology_errors() on a county made by the test data generator
-- (test/gen/county.sql, README "Test data generator"), with faults of every
-- kind the generator can seed.  The oracle is the generator's manifest
-- (table faults): each topological fault must be found exactly once, in
-- the form topology_errors gives it, and nothing else may be found; the
-- attribute faults (duplicate_code, area_mismatch) must leave no finding.
-- Overlaps are compared with PostGIS's ST_Relate(a, b, '2********')
-- self-join, and every measure with the PostGIS area or width it stands
-- for.  The same layer is then checked with the pair screen's fast path off
-- (the full screen everywhere) and loaded through the statement-level
-- trigger, which must record the same findings (less the gaps, which
-- triggers do not look for).
--
-- The county: 1 500 parcels asked for (1 482 made), seed 11, 63 地籍子区; one
-- fault per 子区 (generator's rule), so no two faults touch.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;
\set ECHO none
\i test/gen/county.sql
\set ECHO all
SELECT jtsyq_gen.make_county('topology_county_t', 1500, 11,
         '{"overlap": 3, "gap": 3, "sliver": 2, "self_intersection": 2,
           "duplicate_code": 2, "area_mismatch": 2, "not_in_container": 2}') -> 'faults' AS seeded;
SET search_path = topology_county_t, public;
SELECT count(*) AS parcels, (SELECT count(*) FROM djzq) AS djzq, (SELECT count(*) FROM dltb) AS patches FROM zd;

-- the manifest
SELECT kind, id1, id2, note FROM faults ORDER BY kind, id1;

-- what topology_errors must find, derived from the manifest alone:
--   overlap           the pair {id1, id2}
--   gap               one gap in the 地籍子区 of id1 (id1 = its code)
--   sliver            the sliver parcel id1
--   self_intersection id1
--   not_in_container  id1 and the 子区 it belongs to (id2 = the code)
--   duplicate_code, area_mismatch: nothing (not topology)
CREATE TABLE expected AS
SELECT f.kind,
       CASE f.kind WHEN 'gap' THEN z.djzqdm ELSE f.id1::text END AS id1,
       CASE f.kind WHEN 'overlap' THEN f.id2::text WHEN 'not_in_container' THEN z.djzqdm END AS id2
  FROM faults f JOIN zd z ON z.id = f.id1
 WHERE f.kind IN ('overlap', 'gap', 'sliver', 'self_intersection', 'not_in_container');

CREATE TABLE found AS SELECT * FROM jtsyq.topology_errors('zd', container => 'djzq');
-- every finding, read against the manifest above: 3 overlaps (99/100,
-- 405/406, 959/960), 3 gaps (in the 子区 of 697, 1000, 1216), 2 slivers
-- (1481, 1482), 2 self-intersections (182, 403), 2 parcels out of their
-- 子区 (81, 1154); nothing for 442, 738 (area) or 651/652, 728/729 (codes)
SELECT kind, id1, id2, round(measure::numeric, 4) AS measure FROM found ORDER BY kind, id1, id2;
-- nothing missing, nothing extra (pairs unordered)
SELECT coalesce(e.kind, f.kind) AS kind, e.id1 AS expected_id1, e.id2 AS expected_id2,
       f.id1 AS found_id1, f.id2 AS found_id2
  FROM expected e
  FULL JOIN found f ON f.kind = e.kind
       AND ((f.id1 = e.id1 AND f.id2 IS NOT DISTINCT FROM e.id2) OR (f.id1 = e.id2 AND f.id2 = e.id1))
 WHERE e.kind IS NULL OR f.kind IS NULL;
-- each gap lies between the two parcels of its manifest row (within 1 mm
-- of both)
SELECT f.id1 AS djzq, m.id1, m.id2,
       ST_DWithin(f.geom, a.geom, 0.001) AND ST_DWithin(f.geom, b.geom, 0.001) AS between_them
  FROM found f
  JOIN faults m ON m.kind = 'gap'
  JOIN zd a ON a.id = m.id1 AND a.djzqdm = f.id1
  JOIN zd b ON b.id = m.id2
 WHERE f.kind = 'gap' ORDER BY 1;

-- the measures against PostGIS: an overlap is ST_Area(ST_Intersection(a,
-- b)); a gap the area of the 子区 less the union of its parcels; the part
-- of a parcel out of its 子区 ST_Area(ST_Difference(a, 子区)); a sliver's
-- mean width 2 ST_Area / ST_Perimeter.  Sizes as the manifest's notes
-- promise: a vertex moved 0.5 m makes overlaps and gaps of 30-50 m2, a
-- 5 cm dart a mean width of about 0.025 m.
SELECT f.kind, f.id1, f.id2, round(f.measure::numeric, 4) AS measure,
       round(CASE f.kind
           WHEN 'overlap' THEN (SELECT ST_Area(ST_Intersection(a.geom, b.geom)) FROM zd a, zd b
                                 WHERE a.id = f.id1::integer AND b.id = f.id2::integer)
           WHEN 'not_in_container' THEN (SELECT ST_Area(ST_Difference(a.geom, c.geom)) FROM zd a, djzq c
                                          WHERE a.id = f.id1::integer AND c.djzqdm = f.id2)
           WHEN 'gap' THEN (SELECT ST_Area(ST_Difference(c.geom, ST_Union(z.geom))) FROM djzq c, zd z
                             WHERE c.djzqdm = f.id1 AND z.djzqdm = c.djzqdm GROUP BY c.geom)
           WHEN 'sliver' THEN (SELECT 2 * ST_Area(geom) / ST_Perimeter(geom) FROM zd WHERE id = f.id1::integer)
       END::numeric, 4) AS postgis
  FROM found f WHERE f.kind <> 'self_intersection' ORDER BY 1, 2;
-- PostGIS finds each self-intersection at the same place
SET client_min_messages = warning;
SELECT f.id1, ST_Equals(f.geom, ST_SetSRID(location(ST_IsValidDetail(z.geom)), 4523)) AS same_place
  FROM found f JOIN zd z ON z.id = f.id1::integer WHERE f.kind = 'self_intersection' ORDER BY 1;
RESET client_min_messages;

-- overlaps agree with PostGIS's self-join ST_Relate(a, b, '2********'):
-- the pairs it finds are exactly our overlap pairs.  (PostGIS's relate
-- fails on the two invalid parcels, so pairs are compared among valid
-- ones; the invalid ones are the self-intersections found above.)
SET client_min_messages = warning;
CREATE TABLE postgis_overlaps AS
SELECT a.id::text AS x, b.id::text AS y
  FROM zd a JOIN zd b ON a.id < b.id AND a.geom && b.geom
 WHERE ST_IsValid(a.geom) AND ST_IsValid(b.geom) AND ST_Relate(a.geom, b.geom, '2********');
RESET client_min_messages;
SELECT (SELECT count(*) FROM postgis_overlaps) AS postgis_pairs,
       (SELECT count(*) FROM found WHERE kind = 'overlap') AS our_overlaps,
       (SELECT count(*) FROM (
            (SELECT x, y FROM postgis_overlaps
             EXCEPT
             SELECT least(id1::integer, id2::integer)::text, greatest(id1::integer, id2::integer)::text
               FROM found WHERE kind = 'overlap')
            UNION ALL
            (SELECT least(id1::integer, id2::integer)::text, greatest(id1::integer, id2::integer)::text
               FROM found WHERE kind = 'overlap'
             EXCEPT
             SELECT x, y FROM postgis_overlaps)) d) AS disagreements;

-- the land-use patches tile their parcels (container_link zd_id): the
-- seeded faults show through as patch overlaps of the same three areas (one
-- patch of each overlapping parcel), the two slivers' patches as slivers,
-- and the two invalid parcels as invalid containers; nothing else
CREATE TABLE found_dltb AS
SELECT * FROM jtsyq.topology_errors('dltb', container => 'zd', container_link => 'zd_id');
SELECT f.kind, p.zd_id AS parcel1, q.zd_id AS parcel2, round(f.measure::numeric, 4) AS measure
  FROM found_dltb f
  LEFT JOIN dltb p ON f.kind <> 'container_invalid' AND p.id = f.id1::integer
  LEFT JOIN dltb q ON q.id = f.id2::integer
 ORDER BY 1, 2, 3;
-- which are the manifest's faults: every row here lists a fault kind
SELECT f.kind, m.kind AS manifest_kind, count(*)
  FROM found_dltb f
  LEFT JOIN dltb p ON p.id = f.id1::integer AND f.kind <> 'container_invalid'
  LEFT JOIN dltb q ON q.id = f.id2::integer
  LEFT JOIN faults m ON (f.kind = 'overlap' AND m.kind = 'overlap'
                         AND least(p.zd_id, q.zd_id) = least(m.id1, m.id2)
                         AND greatest(p.zd_id, q.zd_id) = greatest(m.id1, m.id2))
                     OR (f.kind = 'sliver' AND m.kind = 'sliver' AND p.zd_id = m.id1)
                     OR (f.kind = 'container_invalid' AND m.kind = 'self_intersection'
                         AND f.id1 = m.id1::text)
 GROUP BY 1, 2 ORDER BY 1, 2;

--
-- The pair screen's fast path (shared segments matched by vertex) against
-- the full screen: with jtsyq.topology_fast_path off, the very same findings
-- on the parcels and on the patches, measures to the last digit.
--
SET jtsyq.topology_fast_path = off;
SELECT (SELECT count(*) FROM (
            (SELECT kind, id1, id2, measure, ST_AsBinary(geom) FROM found
             EXCEPT ALL
             SELECT kind, id1, id2, measure, ST_AsBinary(geom)
               FROM jtsyq.topology_errors('zd', container => 'djzq'))
            UNION ALL
            (SELECT kind, id1, id2, measure, ST_AsBinary(geom)
               FROM jtsyq.topology_errors('zd', container => 'djzq')
             EXCEPT ALL
             SELECT kind, id1, id2, measure, ST_AsBinary(geom) FROM found)) d) AS zd_differences,
       (SELECT count(*) FROM (
            (SELECT kind, id1, id2, measure, ST_AsBinary(geom) FROM found_dltb
             EXCEPT ALL
             SELECT kind, id1, id2, measure, ST_AsBinary(geom)
               FROM jtsyq.topology_errors('dltb', container => 'zd', container_link => 'zd_id'))
            UNION ALL
            (SELECT kind, id1, id2, measure, ST_AsBinary(geom)
               FROM jtsyq.topology_errors('dltb', container => 'zd', container_link => 'zd_id')
             EXCEPT ALL
             SELECT kind, id1, id2, measure, ST_AsBinary(geom) FROM found_dltb)) d) AS dltb_differences;
RESET jtsyq.topology_fast_path;

--
-- The statement-level trigger (bulk mode) records the same findings when
-- the county is loaded: in one INSERT ... SELECT (rows in a scrambled order,
-- so neighbours arrive far apart), and in two statements, odd ids first:
-- the second finds the first's rows in the table, and every seeded pair
-- (99/100, 405/406, 959/960) is an old row and a new one.  Pairs are
-- compared unordered; gaps are not a trigger's business.
--
CREATE TABLE load_zd (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
CREATE INDEX ON load_zd USING gist (geom);
CREATE TABLE qa (layer text, kind text, id1 text, id2 text, geom geometry, measure float8);
CREATE TRIGGER load_zd_bulk AFTER INSERT ON load_zd REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION
    jtsyq.topology_trigger('geom', '0.0001', 'topology_county_t.djzq', 'record', 'qa_table=topology_county_t.qa');
CREATE VIEW found_unordered AS
SELECT kind, CASE WHEN kind IN ('overlap', 'near_coincident', 'duplicate') AND id2 < id1 THEN id2 ELSE id1 END AS id1,
       CASE WHEN kind IN ('overlap', 'near_coincident', 'duplicate') AND id2 < id1 THEN id1 ELSE id2 END AS id2,
       round(measure::numeric, 6) AS measure
  FROM found WHERE kind <> 'gap';
CREATE VIEW qa_unordered AS
SELECT kind, CASE WHEN kind IN ('overlap', 'near_coincident', 'duplicate') AND id2 < id1 THEN id2 ELSE id1 END AS id1,
       CASE WHEN kind IN ('overlap', 'near_coincident', 'duplicate') AND id2 < id1 THEN id1 ELSE id2 END AS id2,
       round(measure::numeric, 6) AS measure
  FROM qa;

INSERT INTO load_zd SELECT id, geom FROM zd ORDER BY md5(id::text);
SELECT (SELECT count(*) FROM qa) AS recorded,
       (SELECT count(*) FROM ((SELECT * FROM qa_unordered EXCEPT ALL SELECT * FROM found_unordered)
                              UNION ALL
                              (SELECT * FROM found_unordered EXCEPT ALL SELECT * FROM qa_unordered)) d) AS differences;

-- again with the fast path off, and in two statements
TRUNCATE qa;
TRUNCATE load_zd;
SET jtsyq.topology_fast_path = off;
INSERT INTO load_zd SELECT id, geom FROM zd ORDER BY md5(id::text);
RESET jtsyq.topology_fast_path;
SELECT (SELECT count(*) FROM qa) AS recorded_without_fast_path,
       (SELECT count(*) FROM ((SELECT * FROM qa_unordered EXCEPT ALL SELECT * FROM found_unordered)
                              UNION ALL
                              (SELECT * FROM found_unordered EXCEPT ALL SELECT * FROM qa_unordered)) d) AS differences;
TRUNCATE qa;
TRUNCATE load_zd;
INSERT INTO load_zd SELECT id, geom FROM zd WHERE id % 2 = 1;
INSERT INTO load_zd SELECT id, geom FROM zd WHERE id % 2 = 0;
SELECT (SELECT count(*) FROM qa) AS recorded_in_two_statements,
       (SELECT count(*) FROM ((SELECT * FROM qa_unordered EXCEPT ALL SELECT * FROM found_unordered)
                              UNION ALL
                              (SELECT * FROM found_unordered EXCEPT ALL SELECT * FROM qa_unordered)) d) AS differences;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA topology_county_t CASCADE;
RESET client_min_messages;
