--
-- Topology of polygon layers: jtsyq.topology_errors() (src/topo_pg.c).
--
-- Every rule has a hand-built fixture and a near miss that must NOT be
-- reported, at the survey's tolerance of 0.0001 m: a 0.0002 m overlap is an
-- overlap, a 0.00005 m one is not (it vanishes when boundaries closer than
-- the tolerance are snapped together; what remains is reported as
-- near_coincident, unsnapped vertices).  Fixtures are drawn in local metres
-- and moved to CGCS2000 Gauss-Kruger magnitudes (x + 35 500 000, y +
-- 4 000 000, EPSG 4523) so that the tolerance is tested where the numbers
-- are large; t_txt() moves them back for display.  Each expected value is
-- worked out in the comment above it.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;
-- objects of this test live in their own schema
CREATE SCHEMA topology_t;
SET search_path = topology_t, public;

CREATE FUNCTION t_g(wkt text, srid integer DEFAULT 4523) RETURNS geometry LANGUAGE sql AS
$$ SELECT ST_Translate(ST_GeomFromText(wkt, srid), 35500000, 4000000) $$;
CREATE FUNCTION t_txt(g geometry) RETURNS text LANGUAGE sql AS
$$ SELECT ST_AsText(ST_Normalize(ST_Translate(g, -35500000, -4000000)), 6) $$;
CREATE FUNCTION t_box(x0 float8, y0 float8, x1 float8, y1 float8) RETURNS geometry LANGUAGE sql AS
$$ SELECT t_g(format('POLYGON((%s %s,%s %s,%s %s,%s %s,%s %s))', x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)) $$;

-- the vocabulary: the C code and the lookup table agree, labels are unique
SELECT array_agg(kind ORDER BY kind) = (SELECT array_agg(k ORDER BY k) FROM unnest(jtsyq._topology_kind_keys()) k)
       AS same_kinds,
       count(*) AS kinds, count(DISTINCT label_zh) AS labels
  FROM jtsyq.topology_kinds;
SELECT kind, label_zh, applies_to FROM jtsyq.topology_kinds ORDER BY kind;

--
-- Overlaps (block y 0..10)
--
CREATE TABLE t_over (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
INSERT INTO t_over VALUES
    (1, t_box(0, 0, 10, 10)),
    (2, t_box(9.9998, 0, 20, 10)),      -- 0.0002 m into 1: an overlap of 0.0002 x 10 = 0.002 m2
    (3, t_box(19.99995, 0, 30, 10)),    -- 0.00005 m into 2: none; 4 unsnapped vertices instead
    (4, t_box(2, 2, 4, 4)),             -- inside 1: containment is an overlap of 4 m2
    (5, t_box(30, 0, 40, 10)),          -- edge-matched with 3: nothing
    (6, t_box(40, 0, 50, 10));          -- edge-matched with 5: nothing
-- expected (areas carry the ~1e-8 m rounding of coordinates near 3.5e7):
--   overlap 1/2: POLYGON((9.9998 0,9.9998 10,10 10,10 0,9.9998 0)), 0.002
--   overlap 1/4: the whole of 4, 4
--   near_coincident 2/3: (20 0),(20 10) of 2 lie on 3's bottom and top
--   edges but 0.00005 from 3's corners (19.99995 0),(19.99995 10), and
--   those corners lie on 2's edges 0.00005 from 2's: 4 points, 0.00005
SELECT kind, id1, id2, t_txt(geom), round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_over') ORDER BY kind, id1, id2;
-- the same with the PostGIS definition: 1/2, 1/4 and the 0.00005 sliver
-- 2/3 that the tolerance removes
SELECT a.id, b.id FROM t_over a JOIN t_over b ON a.id < b.id AND ST_Relate(a.geom, b.geom, '2********')
 ORDER BY 1, 2;
-- a tolerance of 0.00001: now 2/3 is an overlap too (0.00005 wide) and
-- the vertices 0.00005 apart are beyond it: no near_coincident
SELECT kind, id1, id2, round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_over', tolerance => 0.00001) ORDER BY kind, id1, id2;
-- a tolerance of 0.001: the 0.0002 overlap vanishes as well; 1/2 and 2/3
-- become unsnapped neighbours (1/2: (10 0),(10 10) vs (9.9998 0),(9.9998 10))
SELECT kind, id1, id2, round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_over', tolerance => 0.001) ORDER BY kind, id1, id2;

--
-- Duplicates (y 60..70)
--
CREATE TABLE t_dup (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
INSERT INTO t_dup VALUES
    (1, t_box(0, 60, 10, 70)),
    (2, t_g('POLYGON((10 70,0 70,0 60,10 60,10 70))')),  -- 1 drawn from another corner, clockwise
    (3, t_box(20, 60, 30, 70)),
    (4, t_box(20, 60, 30.0002, 70)),    -- 0.0002 wider: not a duplicate, contains 3: overlap 100 m2
    (5, t_box(40, 60, 50, 70)),
    (6, t_box(40, 60, 50.00005, 70));   -- 0.00005 wider: a duplicate within the tolerance,
                                        -- with its two unsnapped corners
SELECT kind, id1, id2, round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_dup') ORDER BY kind, id1, id2;

--
-- Validity (y 100..120) and slivers (y 80..90).  Unclosed rings cannot be
-- stored by PostGIS; they are tested in test/unit/test_topo.c.
--
CREATE TABLE t_valid (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
INSERT INTO t_valid VALUES
    -- bow-tie: the edges (0 100)-(2 102) and (2 100)-(0 102) cross at (1 101)
    (1, t_g('POLYGON((0 100,2 102,2 100,0 102,0 100))')),
    -- near miss: a "C" whose slot is 0.00005 high (y 101 to 101.00005, x 11
    -- to 14): its edges and tips come 0.00005 close without touching: valid
    -- (PostGIS ST_IsValid t; ST_Distance of the two slot edges 0.00005)
    (2, t_g('POLYGON((10 100,14 100,14 101,11 101,11 101.00005,14 101.00005,14 103,10 103,10 100))')),
    -- a ring collapsed to a line: too few distinct points, at (20 100)
    (3, t_g('POLYGON((20 100,21 101,20 100,20 100))')),
    -- a hole outside its shell, at the hole's first point (35 100)
    (4, t_g('POLYGON((30 100,33 100,33 103,30 103,30 100),(35 100,36 100,36 101,35 100))')),
    -- a sliver: 10 x 0.05, mean width 2 * 0.5 / 20.1 = 0.0497512 < 0.1
    (5, t_box(0, 80, 10, 80.05)),
    -- near miss: 10 x 0.2, mean width 2 * 2 / 20.4 = 0.1960784 > 0.1
    (6, t_box(20, 80, 30, 80.2));
SELECT kind, id1, id2, t_txt(geom), round(measure::numeric, 7) AS measure
  FROM jtsyq.topology_errors('t_valid') ORDER BY kind, id1, id2;
-- PostGIS agrees on which are invalid, and why
SET client_min_messages = warning;
SELECT id, ST_IsValidReason(geom) FROM t_valid WHERE NOT ST_IsValid(geom) ORDER BY id;
RESET client_min_messages;
-- a wider sliver threshold catches 6 as well; 0 turns the check off
SELECT id1, round(measure::numeric, 7) FROM jtsyq.topology_errors('t_valid', sliver_width => 0.2)
 WHERE kind = 'sliver' ORDER BY 1;
SELECT count(*) FROM jtsyq.topology_errors('t_valid', sliver_width => 0) WHERE kind = 'sliver';

--
-- Gaps and containers (y 20..50); containers are 地籍子区-like districts
--
CREATE TABLE t_djzq (djzqdm text PRIMARY KEY, geom geometry(Polygon, 4523));
INSERT INTO t_djzq VALUES
    ('D1', t_box(0, 20, 30, 30)),
    ('D2', t_box(40, 20, 50, 30)),      -- nothing in it: one gap of 100 m2
    ('D3', t_box(0, 40, 10, 50)),
    ('D4', t_box(20, 40, 30, 50));
CREATE TABLE t_zd (id integer PRIMARY KEY, djzqdm text, geom geometry(Polygon, 4523));
INSERT INTO t_zd VALUES
    (1, 'D1', t_box(0, 20, 10, 30)),
    (2, 'D1', t_box(10.0002, 20, 20, 30)),      -- 0.0002 gap after 1: a gap of 0.002 m2
    (3, 'D1', t_box(20.00005, 20, 30, 30)),     -- 0.00005 gap after 2: none; unsnapped instead
    (4, 'D3', t_box(0, 40, 10.0002, 50)),       -- 0.0002 out of D3: not_in_container, 0.002 m2
    (5, 'D4', t_box(20, 40, 30.00005, 50)),     -- 0.00005 out of D4: inside within the tolerance
    (6, 'D9', t_box(60, 40, 61, 41));           -- in no district: not_in_container, 1 m2
-- expected: gap D1 [10,10.0002]x[20,30] 0.002; gap D2 100; near_coincident
-- 2/3 (4 points, 0.00005); not_in_container 4 (D3) 0.002 and 6 (none) 1
SELECT kind, id1, id2, t_txt(geom), round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_zd', container => 't_djzq') ORDER BY kind, id1, id2;
-- by the link column instead of by place: the same, except that 6 names
-- the district it claims (D9) and 4 is now checked against D3 only
SELECT kind, id1, id2, round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_zd', container => 't_djzq', container_link => 'djzqdm')
 ORDER BY kind, id1, id2;
-- a parcel claiming the wrong district: 1 says D3 but lies in D1; D1 then
-- has a gap where 1 is, and 1 is outside D3 (all of its 100 m2)
UPDATE t_zd SET djzqdm = 'D3' WHERE id = 1;
SELECT kind, id1, id2, round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_zd', container => 't_djzq', container_link => 'djzqdm',
                             checks => '{gap,not_in_container}')
 ORDER BY kind, id1, id2;
UPDATE t_zd SET djzqdm = 'D1' WHERE id = 1;

-- patches tiling their parcel: the parcel layer is the container
CREATE TABLE t_tb (id integer PRIMARY KEY, zd_id integer, geom geometry(Polygon, 4523));
INSERT INTO t_tb VALUES
    (1, 1, t_box(0, 20, 5, 30)),
    (2, 1, t_box(5, 20, 10, 25)),
    (3, 1, t_g('POLYGON((5 25,10 25,10 30,5.0003 30,5 25))')),  -- misses a 0.0003 x 5 sliver of parcel 1
    (4, 2, t_box(10.0002, 20, 20, 30));
-- expected: a gap in parcel 1, the triangle (5 25),(5.0003 30),(5 30) of
-- 0.5 * 0.0003 * 5 = 0.00075 m2 (inradius = area / half-perimeter =
-- 0.00075 / 5.00015 = 0.00015, so 0.0003 across: wider than the tolerance);
-- none in parcel 2, tiled by patch 4; parcels 3 to 6 have no patches, so
-- each is one gap as large as itself (99.9995, 100.002, 100.0005, 1 m2)
SELECT kind, id1, t_txt(geom), round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_tb', container => 't_zd', checks => '{gap,not_in_container}')
 ORDER BY kind, id1;

--
-- Bad input
--
CREATE TABLE t_bad (id integer PRIMARY KEY, geom geometry);
INSERT INTO t_bad VALUES
    (1, t_box(0, 0, 1, 1)),
    (2, NULL),
    (3, 'SRID=4523;POLYGON EMPTY'),
    (4, t_g('LINESTRING(0 5,1 5)')),                       -- a line in a polygon layer
    (5, ST_SetSRID(t_box(5, 0, 6, 1), 4490)),              -- another SRID
    (6, 'SRID=4523;POLYGON((0 0,NaN 0,1 1,0 1,0 0))'),     -- NaN
    (7, t_g('POINT(3 3)')),                                 -- a point
    (8, t_box(0.5, 0, 1.5, 1)),                             -- overlaps 1: still checked
    (9, t_g('CURVEPOLYGON(CIRCULARSTRING(10 0,11 1,12 0,11 -1,10 0))')),  -- a curve
    (10, t_g('TIN(((20 0,21 0,20 1,20 0)))'));                -- a surface
SELECT kind, id1, id2, round(measure::numeric, 4) AS measure
  FROM jtsyq.topology_errors('t_bad') ORDER BY kind, id1, id2;
-- arguments: each a clear error with its SQLSTATE
\set VERBOSITY sqlstate
SELECT * FROM jtsyq.topology_errors('t_over', tolerance => 0);
SELECT * FROM jtsyq.topology_errors('t_over', tolerance => -0.0001);
SELECT * FROM jtsyq.topology_errors('t_over', tolerance => 'NaN');
SELECT * FROM jtsyq.topology_errors('t_over', tolerance => 'Infinity');
SELECT * FROM jtsyq.topology_errors('t_over', 'shape');
SELECT * FROM jtsyq.topology_errors('t_zd', 'djzqdm');
SELECT * FROM jtsyq.topology_errors(NULL);
SELECT * FROM jtsyq.topology_errors('no_such_table');
SELECT * FROM jtsyq.topology_errors('t_over_pkey');
SELECT * FROM jtsyq.topology_errors('t_over', checks => '{overlaps}');
SELECT * FROM jtsyq.topology_errors('t_over', checks => '{overlap,NULL}');
SELECT * FROM jtsyq.topology_errors('t_over', sliver_width => -1);
SELECT * FROM jtsyq.topology_errors('t_zd', container_link => 'djzqdm');
SELECT * FROM jtsyq.topology_errors('t_zd', container => 't_djzq', container_link => 'nope');
SELECT * FROM jtsyq.topology_errors('t_zd', key_column => 'nope');
SELECT * FROM jtsyq.topology_errors('t_zd', container => 't_djzq', container_geom_column => 'shape');
CREATE VIEW t_view AS SELECT * FROM t_over;
SELECT * FROM jtsyq.topology_errors('t_view');
\set VERBOSITY default
-- a view works with a key column
SELECT kind, id1, id2 FROM jtsyq.topology_errors('t_view', key_column => 'id', checks => '{overlap}') ORDER BY 2, 3;
-- without a primary key rows are named by ctid (with a notice)
CREATE TABLE t_nokey AS SELECT * FROM t_over;
SELECT kind, id1, id2 FROM jtsyq.topology_errors('t_nokey', checks => '{overlap}') ORDER BY 2, 3;
-- only some checks; "-kind" leaves one out
SELECT kind, count(*) FROM jtsyq.topology_errors('t_over', checks => '{near_coincident}') GROUP BY 1;
SELECT kind, count(*) FROM jtsyq.topology_errors('t_over', checks => '{-overlap}') GROUP BY 1;
-- a polygon container for a polygon layer of points is refused
CREATE TABLE t_pts (id integer PRIMARY KEY, geom geometry(Point, 4523));
INSERT INTO t_pts VALUES (1, t_g('POINT(1 1)'));
\set VERBOSITY sqlstate
SELECT * FROM jtsyq.topology_errors('t_zd', container => 't_pts');
-- so is an empty one typed geometry(Point): the type says points
CREATE TABLE t_pts0 (id integer PRIMARY KEY, geom geometry(Point, 4523));
SELECT * FROM jtsyq.topology_errors('t_zd', container => 't_pts0');
\set VERBOSITY default
-- NULL for tolerance, geom_column or sliver_width means the default
-- (0.0001, 'geom', 0.1): the same findings as without them (t_over has 3:
-- overlap 1/2, overlap 1/4, near_coincident 2/3, see above)
SELECT count(*) AS findings,
       count(*) FILTER (WHERE (kind, id1, id2, measure) NOT IN
           (SELECT kind, id1, id2, measure FROM jtsyq.topology_errors('t_over'))) AS differences
  FROM jtsyq.topology_errors('t_over', geom_column => NULL, tolerance => NULL, sliver_width => NULL);

--
-- Near misses closer to the tolerance (y 200..210): 0.00012 is beyond
-- 0.0001 by a fifth, 0.00008 inside it by a fifth, so a threshold of
-- tol / 2 or 1.9 tol would fail here.  One district K1 (0 200)-(60 210).
--   2 reaches 0.00012 into 1: overlap 1/2 of 0.00012 x 10 = 0.0012 m2
--     (PostGIS ST_Area(ST_Intersection) 0.00119999, the ~1e-8 rounding of
--     x near 3.55e7); no near_coincident: the corners are 0.00012 apart.
--   3 reaches 0.00008 into 2: no overlap; near_coincident 2/3 at 0.00008
--     (2's corners (20 200),(20 210) on 3's edges and 3's corners on 2's).
--   4 starts 0.00012 after 3: a gap of 0.0012 m2 in K1 (PostGIS
--     ST_Area of that strip of K1 minus the parcels: 0.00119999).
--   5 starts 0.00008 after 4: no gap; near_coincident 4/5 at 0.00008.
--   6 sticks 0.00012 out of K1: not_in_container 6 of 0.0012 m2.
--   7 sticks 0.00008 out of K2 (70 200)-(80 210): inside within the tolerance.
CREATE TABLE t_near (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
INSERT INTO t_near VALUES
    (1, t_box(0, 200, 10, 210)),
    (2, t_box(9.99988, 200, 20, 210)),
    (3, t_box(19.99992, 200, 30, 210)),
    (4, t_box(30.00012, 200, 40, 210)),
    (5, t_box(40.00008, 200, 50, 210)),
    (6, t_box(50, 200, 60.00012, 210)),
    (7, t_box(70, 200, 80.00008, 210));
CREATE TABLE t_near_c (code text PRIMARY KEY, geom geometry(Polygon, 4523));
INSERT INTO t_near_c VALUES ('K1', t_box(0, 200, 60, 210)), ('K2', t_box(70, 200, 80, 210));
SELECT kind, id1, id2, round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_near', container => 't_near_c') ORDER BY kind, id1, id2;
-- the PostGIS areas quoted above
SELECT round(ST_Area(ST_Intersection(a.geom, b.geom))::numeric, 8) AS overlap_1_2
  FROM t_near a, t_near b WHERE a.id = 1 AND b.id = 2;
-- PostGIS has no tolerance: K1 minus the parcels is two strips, the
-- 0.00012 one (the gap) and the 0.00008 one that the tolerance removes
-- (0.0008 m2)
SELECT round(ST_Area(d.geom)::numeric, 8) AS strips_k1
  FROM (SELECT (ST_Dump(ST_Difference(c.geom, ST_Union(t.geom)))).geom
          FROM t_near_c c, t_near t WHERE c.code = 'K1' AND t.id <= 6 GROUP BY c.geom) d
 ORDER BY 1;
SELECT round(ST_Area(ST_Difference(t6.geom, c.geom))::numeric, 8) AS out_6
  FROM t_near_c c, t_near t6 WHERE c.code = 'K1' AND t6.id = 6;

-- container_invalid: container rows that cannot hold a feature are
-- findings of their own.  An untyped container whose first row is a
-- polygon (K1: a polygon container); K2 NULL and K3 EMPTY
-- (container_invalid), K4 in SRID 4490 (container_invalid, measure 4490),
-- K5 a line in a polygon container (container_invalid).
CREATE TABLE t_cbad (code text PRIMARY KEY, geom geometry);
INSERT INTO t_cbad VALUES
    ('K1', t_box(0, 200, 100, 210)),
    ('K2', NULL),
    ('K3', 'SRID=4523;POLYGON EMPTY'),
    ('K4', ST_SetSRID(t_box(100, 200, 110, 210), 4490)),
    ('K5', t_g('LINESTRING(120 200,130 200)'));
SELECT kind, id1, id2, round(measure::numeric, 4) AS measure
  FROM jtsyq.topology_errors('t_near', container => 't_cbad', checks => '{container_invalid}')
 ORDER BY kind, id1, id2;

--
-- The same answers whatever the batch size (the sweep evicts features and
-- completes containers between batches)
--
CREATE TABLE t_all AS
SELECT 'over' AS t, * FROM jtsyq.topology_errors('t_over')
UNION ALL SELECT 'zd', * FROM jtsyq.topology_errors('t_zd', container => 't_djzq')
UNION ALL SELECT 'tb', * FROM jtsyq.topology_errors('t_tb', container => 't_zd');
SET jtsyq.topology_batch_rows = 1;
SELECT count(*) AS differences FROM (
    (SELECT t, kind, id1, id2, ST_AsBinary(ST_Normalize(geom)), round(measure::numeric, 9) FROM t_all
     EXCEPT
     SELECT t, kind, id1, id2, ST_AsBinary(ST_Normalize(geom)), round(measure::numeric, 9) FROM (
        SELECT 'over' AS t, * FROM jtsyq.topology_errors('t_over')
        UNION ALL SELECT 'zd', * FROM jtsyq.topology_errors('t_zd', container => 't_djzq')
        UNION ALL SELECT 'tb', * FROM jtsyq.topology_errors('t_tb', container => 't_zd')) x)
    UNION ALL
    (SELECT t, kind, id1, id2, ST_AsBinary(ST_Normalize(geom)), round(measure::numeric, 9) FROM (
        SELECT 'over' AS t, * FROM jtsyq.topology_errors('t_over')
        UNION ALL SELECT 'zd', * FROM jtsyq.topology_errors('t_zd', container => 't_djzq')
        UNION ALL SELECT 'tb', * FROM jtsyq.topology_errors('t_tb', container => 't_zd')) x
     EXCEPT
     SELECT t, kind, id1, id2, ST_AsBinary(ST_Normalize(geom)), round(measure::numeric, 9) FROM t_all)) d;
SELECT count(*) FROM t_all;
RESET jtsyq.topology_batch_rows;

-- the caller's search_path does not matter
SET search_path = pg_catalog;
SELECT count(*) FROM jtsyq.topology_errors('topology_t.t_over');
SET search_path = topology_t, public;
