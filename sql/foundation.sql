--
-- Foundation: the extension installs with PostGIS, reports its versions,
-- and turns GEOS and PROJ failures into SQL errors (src/jtsyq.c,
-- src/geos_pg.c, src/proj_pg.c).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;

-- the control file's promises
SELECT extname, extversion, extrelocatable, n.nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'jtsyq';

-- every function lives in schema jtsyq and is documented
SELECT p.oid::regprocedure AS undocumented
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'jtsyq')
   AND obj_description(p.oid, 'pg_proc') IS NULL;
-- and so is every relation (tables, views, composite types, sequences)
-- and every type or domain in schema jtsyq, so that new ones stay so
-- (array types are made by PostgreSQL and have no comment of their own;
-- COMMENT ON TYPE of a composite type is stored on its pg_type row)
SELECT c.oid::regclass AS undocumented_relation
  FROM pg_class c
 WHERE c.relnamespace = 'jtsyq'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'S', 'f')
   AND obj_description(c.oid, 'pg_class') IS NULL
   AND (c.relkind <> 'c' OR obj_description(c.reltype, 'pg_type') IS NULL);
SELECT t.oid::regtype AS undocumented_type
  FROM pg_type t
 WHERE t.typnamespace = 'jtsyq'::regnamespace AND t.typtype IN ('b', 'd', 'e', 'r', 'm')
   AND t.typcategory <> 'A'
   AND obj_description(t.oid, 'pg_type') IS NULL;
-- the check sees what it should: the relations and types it covers
SELECT count(*) FILTER (WHERE c.relkind = 'r') AS tables,
       count(*) FILTER (WHERE c.relkind = 'v') AS views,
       count(*) FILTER (WHERE c.relkind = 'c') AS composite_types,
       count(*) FILTER (WHERE c.relkind = 'S') AS sequences,
       (SELECT count(*) FROM pg_type t
         WHERE t.typnamespace = 'jtsyq'::regnamespace AND t.typtype IN ('b', 'd', 'e', 'r', 'm')
           AND t.typcategory <> 'A') AS base_types_and_domains
  FROM pg_class c
 WHERE c.relnamespace = 'jtsyq'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'S', 'f');
SELECT count(*) > 0 AS all_in_schema_jtsyq
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'jtsyq')
HAVING bool_and(p.pronamespace = 'jtsyq'::regnamespace);
-- functions left VOLATILE or not PARALLEL SAFE: each must be so on purpose
-- (triggers, allocation, functions that write); this list is reviewed
SELECT p.oid::regprocedure AS function, p.provolatile, p.proparallel
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'jtsyq')
   AND (p.provolatile = 'v' OR p.proparallel <> 's')
 ORDER BY p.oid::regprocedure::text;

-- version(): checked against PostGIS's own reports of the same libraries
SELECT jtsyq.version() ~ '^jtsyq 1\.0 \(PostgreSQL 15\.[0-9]+.*, PostGIS [0-9.]+, GEOS [0-9.]+-CAPI-[0-9.]+, PROJ [0-9.]+\)$' AS version_format;
SELECT position('PostGIS ' || postgis_lib_version() || ',' IN jtsyq.version()) > 0 AS postgis_matches,
       position('GEOS ' || postgis_geos_version() || ',' IN jtsyq.version()) > 0 AS geos_matches,
       position('PROJ ' || split_part(postgis_proj_version(), ' ', 1) || ')' IN jtsyq.version()) > 0 AS proj_matches,
       position('PostgreSQL ' || current_setting('server_version') IN jtsyq.version()) > 0 AS pg_matches;

-- the extension must not depend on the caller's search_path: C functions
-- run no SQL through it, and every SQL or PL/pgSQL function pins its own
-- (SET search_path FROM CURRENT); a function without that setting is listed
-- here.  Calls under SET search_path = pg_catalog are in bdcdyh,
-- bdcdyh_history, ellipsoid_area and topology.
SELECT p.oid::regprocedure AS without_search_path
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'jtsyq'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
   AND NOT coalesce(array_to_string(p.proconfig, ',') ~ 'search_path=', false);
-- (the check covers functions: there are SQL and PL/pgSQL ones to check)
SELECT count(*) FILTER (WHERE l.lanname = 'sql') > 0 AS has_sql_functions,
       count(*) FILTER (WHERE l.lanname = 'plpgsql') > 0 AS has_plpgsql_functions
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'jtsyq'::regnamespace;

--
-- GEOS: overlap_area, hand-checked
--
-- unit square ∩ [0.5,2]²: 0.5 × 0.5 = 0.25
SELECT jtsyq.overlap_area('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'POLYGON((0.5 0.5,2 0.5,2 2,0.5 2,0.5 0.5))');
-- containment counts in full: [0,10]² ⊃ [2,3]² → 1
SELECT jtsyq.overlap_area('POLYGON((0 0,10 0,10 10,0 10,0 0))', 'POLYGON((2 2,3 2,3 3,2 3,2 2))');
-- edge contact only → 0
SELECT jtsyq.overlap_area('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'POLYGON((1 0,2 0,2 1,1 1,1 0))');
-- a hole subtracts: ([0,10]² minus [4,6]²) ∩ [0,5]² = 25 − 1 = 24
SELECT jtsyq.overlap_area('POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 6,4 4))', 'POLYGON((0 0,5 0,5 5,0 5,0 0))');
-- multipolygon: two unit squares, one inside [0,1.5]x[0,1] → 1
SELECT jtsyq.overlap_area('MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((5 5,6 5,6 6,5 6,5 5)))', 'POLYGON((0 0,1.5 0,1.5 1,0 1,0 0))');
-- an empty polygon overlaps nothing
SELECT jtsyq.overlap_area('POLYGON EMPTY', 'POLYGON((0 0,1 0,1 1,0 1,0 0))');
-- NULL in, NULL out (STRICT)
SELECT jtsyq.overlap_area(NULL, 'POLYGON((0 0,1 0,1 1,0 1,0 0))') IS NULL AS null_in_null_out;

-- bad input: each a clean error with SQLSTATE, never a crash or a notice flood
\set VERBOSITY default
\set SHOW_CONTEXT never
-- a self-intersecting "bow tie": GEOS TopologyException → 22023
SELECT jtsyq.overlap_area('POLYGON((0 0,2 2,2 0,0 2,0 0))', 'POLYGON((0 0,1 0,1 1,0 1,0 0))');
-- not polygons
SELECT jtsyq.overlap_area('LINESTRING(0 0,1 1)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))');
-- mixed SRIDs
SELECT jtsyq.overlap_area('SRID=4523;POLYGON((0 0,1 0,1 1,0 1,0 0))', 'SRID=4524;POLYGON((0 0,1 0,1 1,0 1,0 0))');
-- NaN coordinates
SELECT jtsyq.overlap_area(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(0,0), ST_MakePoint('NaN'::float8,0), ST_MakePoint(1,1), ST_MakePoint(0,0)])),
                          'POLYGON((0 0,1 0,1 1,0 1,0 0))');
-- curves are refused, with a hint
SELECT jtsyq.overlap_area('CURVEPOLYGON(CIRCULARSTRING(0 0,1 1,2 0,1 -1,0 0))', 'POLYGON((0 0,1 0,1 1,0 1,0 0))');

\set VERBOSITY terse
SELECT 'the SQLSTATEs' AS check;
DO $$
DECLARE
  c record;
  state text;
BEGIN
  FOR c IN SELECT * FROM (VALUES
    ('bow tie',          $q$SELECT jtsyq.overlap_area('POLYGON((0 0,2 2,2 0,0 2,0 0))', 'POLYGON((0 0,1 0,1 1,0 1,0 0))')$q$),
    ('linestring',       $q$SELECT jtsyq.overlap_area('LINESTRING(0 0,1 1)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))')$q$),
    ('curve',            $q$SELECT jtsyq.overlap_area('CURVEPOLYGON(CIRCULARSTRING(0 0,1 1,2 0,1 -1,0 0))', 'POLYGON((0 0,1 0,1 1,0 1,0 0))')$q$),
    ('mixed srid',       $q$SELECT jtsyq.overlap_area('SRID=4523;POLYGON((0 0,1 0,1 1,0 1,0 0))', 'SRID=4524;POLYGON((0 0,1 0,1 1,0 1,0 0))')$q$),
    ('NaN',              $q$SELECT jtsyq.overlap_area(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(0,0), ST_MakePoint('NaN'::float8,0), ST_MakePoint(1,1), ST_MakePoint(0,0)])), 'POLYGON((0 0,1 0,1 1,0 1,0 0))')$q$),
    ('empty collection', $q$SELECT jtsyq.overlap_area('GEOMETRYCOLLECTION EMPTY', 'POLYGON((0 0,1 0,1 1,0 1,0 0))')$q$),
    ('srid_info unknown', $q$SELECT * FROM jtsyq.srid_info(999999)$q$),
    ('srid_info 0',      $q$SELECT * FROM jtsyq.srid_info(0)$q$)) v(what, q)
  LOOP
    BEGIN
      EXECUTE c.q;
      state := 'ok';
    EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE;
    END;
    RAISE NOTICE '%: %', c.what, state;
  END LOOP;
END $$;
\set VERBOSITY default

--
-- Cancellation: a long GEOS overlay stops at statement_timeout.
-- Two "combs" of 700 teeth crossed at right angles.  Comb a: a base strip
-- 0 ≤ x ≤ 1399, −1 ≤ y ≤ 0 and teeth 2i ≤ x ≤ 2i + 1, 0 ≤ y ≤ 2000 (i = 0 …
-- 699); comb b is a mirrored in y = x, so its teeth are horizontal and
-- reach x = 2000, beyond a's last tooth (x = 1399), as a's reach beyond
-- b's.  Every pair of teeth crosses in a unit square: 700² = 490 000
-- crossings and result squares (the bases meet only in the corner point
-- (0, 0)).  Uncancelled the overlay takes about 25 s on the
-- development machine (measured with PostGIS's ST_Intersection, the same
-- GEOS call; 1400 teeth took 139 s and 9 GB, too much for a CI machine if
-- the interrupt ever broke); cancelled after 0.5 s it returns at GEOS's
-- next interruption point, the whole file taking under a second.  A
-- machine would have to be about 5 times faster for the 5 s bound to pass
-- without a working interrupt callback.
--
CREATE TABLE combs AS
WITH pts AS (
  SELECT array_agg(p ORDER BY k) AS pa FROM (
    SELECT 0 AS k, ST_MakePoint(0, -1) AS p
    UNION ALL
    SELECT 1 + 4 * i + j,
           CASE j WHEN 0 THEN ST_MakePoint(2 * i, 0)     WHEN 1 THEN ST_MakePoint(2 * i, 2000)
                  WHEN 2 THEN ST_MakePoint(2 * i + 1, 2000) ELSE ST_MakePoint(2 * i + 1, 0) END
      FROM generate_series(0, 699) i, generate_series(0, 3) j
    UNION ALL SELECT 2801, ST_MakePoint(1399, -1)
    UNION ALL SELECT 2802, ST_MakePoint(0, -1)) s)
SELECT ST_MakePolygon(ST_MakeLine(pa)) AS a,
       ST_Reverse(ST_FlipCoordinates(ST_MakePolygon(ST_MakeLine(pa)))) AS b
  FROM pts;
-- 1 + 4 · 700 + 2 = 2803 points; both combs valid, crossing as described
-- (on a 10 × 10 corner, checked by PostGIS: 5 × 5 unit squares)
SELECT ST_NPoints(a), ST_IsValid(a) AND ST_IsValid(b) AS valid,
       ST_Area(ST_Intersection(ST_Intersection(a, 'POLYGON((0 0,10 0,10 10,0 10,0 0))'::geometry),
                               ST_Intersection(b, 'POLYGON((0 0,10 0,10 10,0 10,0 0))'::geometry))) AS corner_crossings
  FROM combs;
-- a fresh backend, so that only jtsyq's GEOS interrupt callback is in play
-- (postgis.so, which installs its own SIGINT handler, is not loaded there)
\c
SELECT clock_timestamp() AS t0 \gset
SET statement_timeout = '500ms';
SELECT jtsyq.overlap_area(a, b) FROM combs;
RESET statement_timeout;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '5 s' AS cancelled_promptly;
-- the backend is fine afterwards, and GEOS is not left in "interrupt" state
SELECT jtsyq.overlap_area('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'POLYGON((0.5 0.5,2 0.5,2 2,0.5 2,0.5 0.5))');
DROP TABLE combs;

--
-- PROJ: what a SRID's definition says
--
-- 3° zone 35 with prefix (EPSG 4523), the same zone without prefix (4544),
-- 6° zone 18 with (4496) and without prefix (4507): all CM 105°E;
-- CGCS2000 geographic (4490); UTM 50N (k0 = 0.9996, not Gauss-Kruger)
SELECT s AS srid, i.*
  FROM unnest(ARRAY[4523, 4544, 4496, 4507, 4490, 32650]) s,
       LATERAL jtsyq.srid_info(s) i;
-- every CGCS2000 Gauss-Kruger SRID: zone and meridian agree with GB/T 17798
-- (3°: CM = 3n, zones 25–45; 6°: CM = 6n − 3, zones 13–23)
SELECT count(*) AS gk_srids,
       bool_and(is_cgcs2000 AND is_gauss_kruger) AS all_gk,
       bool_and(CASE zone_width WHEN 3 THEN central_meridian = 3 * zone
                                WHEN 6 THEN central_meridian = 6 * zone - 3 END) AS meridians_agree,
       bool_and(zone_prefix = (false_easting > 500000)) AS prefixes_agree
  FROM generate_series(4491, 4554) s, LATERAL jtsyq.srid_info(s);
-- a county's custom system: GK on CM 111°E, no EPSG code
INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, proj4text)
VALUES (990111, 'jtsyq_test', 990111, '+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
SELECT * FROM jtsyq.srid_info(990111);
DELETE FROM spatial_ref_sys WHERE srid = 990111;
-- unknown SRIDs (NULL in: a row of NULLs, the function being STRICT)
SELECT * FROM jtsyq.srid_info(999999);
SELECT * FROM jtsyq.srid_info(0);
SELECT * FROM jtsyq.srid_info(NULL);
