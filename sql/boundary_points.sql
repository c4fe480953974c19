--
-- 界址点 numbering, 界址线, 界址点成果表 and 宗地四至 (DB64/T 2020-2024
-- §6.7.5-6.7.8, §4.2).  src/boundary_points.h states the rules; the
-- expected numbers in this file were worked out by hand from them (the
-- reasoning is in the comment before each query), and the geometric facts
-- are checked against PostGIS as an independent oracle: ST_IsPolygonCW /
-- ST_IsPolygonCCW for the walking direction, ST_Length / ST_Perimeter for
-- lengths, ST_DumpPoints + ST_Distance for the top-left vertex of random
-- parcels, ST_DWithin for which parcels a point belongs to.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;

-- Coordinates are CGCS2000 3° Gauss-Kruger zone 35 with the zone prefix
-- (SRID 4523); local offsets keep the hand arithmetic readable.
CREATE FUNCTION pg_temp.gk(wkt text) RETURNS geometry
LANGUAGE sql IMMUTABLE
AS $$ SELECT ST_Translate(ST_GeomFromText(wkt, 4523), 35500000, 4200000) $$;

-- Square with a hole, both given counter-clockwise.  Outer: top-left
-- (0,10) = J1, clockwise (10,10) J2, (10,0) J3, (0,0) J4.  Hole (2,2)-(4,4):
-- from its top-left (2,4) counter-clockwise, i.e. down the west side:
-- (2,2) J6, (4,2) J7, (4,4) J8.  X = northing (4200000 + y), Y = easting.
SELECT jzdh, ring, seq, x, y,
       ST_AsText(ST_Translate(geom, -35500000, -4200000)) AS local
  FROM jtsyq.boundary_points(pg_temp.gk(
       'POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))'));

-- 2-decimal rounding of X/Y (§4.2 a), half away from zero as numeric
-- rounding does: 0.125 -> 0.13, 0.004999 -> 0.00, 10.675 -> 10.68.
SELECT jzdh, x, y FROM jtsyq.boundary_points(pg_temp.gk(
       'POLYGON((0.125 0.004999,10.675 0.004999,10.675 10.125,0.125 10.125,0.125 0.004999))'));

-- Multipolygon, the eastern part given first.  The parcel's north-west
-- corner is (0,10): the western part's start (0,10) is 0 away, the eastern
-- part's (20,10) 20 away, so the western part is J1-J4 and the eastern
-- J5 (20,10), J6 (30,10), J7 (30,0), J8 (20,0).
SELECT jzdh, ring, ST_AsText(ST_Translate(geom, -35500000, -4200000)) AS local
  FROM jtsyq.boundary_points(pg_temp.gk(
       'MULTIPOLYGON(((20 0,30 0,30 10,20 10,20 0)),((0 0,10 0,10 10,0 10,0 0)))'));

-- Collinear and repeated vertices: (5,10) is on the top edge and repeated.
-- It is a boundary point (§6.7.5 b); the repeat is not a second one:
-- J1 (0,10), J2 (5,10), J3 (10,10), J4 (10,0), J5 (0,0).
SELECT jzdh, ST_AsText(ST_Translate(geom, -35500000, -4200000)) AS local
  FROM jtsyq.boundary_points(pg_temp.gk(
       'POLYGON((0 0,10 0,10 10,5 10,5 10,0 10,0 0))'));

-- Ambiguous top-left: the diamond's top (5,10) and left (0,5) vertices are
-- both 5 m from the box corner (0,10).  Tie rule: the northern one is J1,
-- then clockwise (10,5) J2, (5,0) J3, (0,5) J4.
SELECT jzdh, ST_AsText(ST_Translate(geom, -35500000, -4200000)) AS local
  FROM jtsyq.boundary_points(pg_temp.gk('POLYGON((5 0,10 5,5 10,0 5,5 0))'));

-- Within the 0.0001 m tolerance it is still a tie (left vertex 0.00005 m
-- nearer: top wins); 0.0002 m nearer, the left vertex wins.
SELECT (SELECT ST_AsText(ST_Translate(geom, -35500000, -4200000), 4)
          FROM jtsyq.boundary_points(pg_temp.gk('POLYGON((5 0,10 5,5 10,0 5.00005,5 0))'))
         WHERE seq = 1) AS within_tolerance,
       (SELECT ST_AsText(ST_Translate(geom, -35500000, -4200000), 4)
          FROM jtsyq.boundary_points(pg_temp.gk('POLYGON((5 0,10 5,5 10,0 5.0002,5 0))'))
         WHERE seq = 1) AS beyond_tolerance;

-- Mixed methods keep one running number (§6.7.6.2): (10,10) is a graphic
-- point given as 界址点类型 code '2', (10,0) an aerial one as 'H'; the
-- others take the default J: J1 T2 H3 J4.
SELECT string_agg(jzdh, ' ' ORDER BY seq) AS numbers
  FROM jtsyq.boundary_points(pg_temp.gk('POLYGON((0 0,10 0,10 10,0 10,0 0))'), 'J',
       ARRAY[pg_temp.gk('POINT(10 10)'), pg_temp.gk('POINT(10 0)')], ARRAY['2', 'H']);

-- 界址线: start/end numbers and lengths.  The 3-4-5 triangle (0,0) (3,0)
-- (0,4): J1 is (0,4) (it is the box's north-west corner), clockwise J2
-- (3,0) and J3 (0,0): edges J1-J2 5 m, J2-J3 3 m, J3-J1 4 m.
SELECT ring, seq, qdh, zdh, jzxcd,
       jzxcd = round(ST_Length(geom)::numeric, 2) AS length_matches_postgis
  FROM jtsyq.boundary_lines(pg_temp.gk('POLYGON((0 0,3 0,0 4,0 0))'));

-- 界址点成果表 of the parcel with a hole: edge lengths to the next point,
-- the last row of each ring closing it (10 m outside, 2 m in the hole).
SELECT * FROM jtsyq.boundary_point_table(pg_temp.gk(
       'POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))'), 'T');

--
-- Random parcels checked against PostGIS: 200 star-shaped polygons with
-- 5-40 vertices (some with holes).  For each: the outer walk is clockwise
-- and the holes' counter-clockwise (ST_IsPolygonCW/CCW of the rebuilt
-- ring), J1 is the vertex PostGIS finds nearest the bounding box's
-- north-west corner, every point is a vertex of the parcel, the lengths
-- sum to the perimeter, and X/Y and lengths are rounded exactly as
-- PostgreSQL's round(v::numeric, 2) rounds the northing/easting/length.
--
SELECT setseed(0.42);
CREATE TEMP TABLE stars AS
SELECT i, CASE WHEN i % 4 = 0
               THEN ST_Difference(g, ST_Buffer(ST_Centroid(g), 3, 3))
               ELSE g END AS geom
  FROM (SELECT i, ST_MakePolygon(ST_AddPoint(ln, ST_StartPoint(ln))) AS g
          FROM (SELECT i, ST_MakeLine(array_agg(
                         ST_SetSRID(ST_MakePoint(35500000 + 1000 * (i % 20) + r * sin(a),
                                                 4200000 + 1000 * (i / 20) + r * cos(a)), 4523)
                         ORDER BY a)) AS ln
                  FROM (SELECT i, k, n,
                               2 * pi() * k / n + (random() - 0.5) * pi() / n AS a,
                               10 + 90 * random() AS r
                          FROM (SELECT i, 5 + (i * 7) % 36 AS n FROM generate_series(1, 200) i) s,
                               generate_series(0, n - 1) k) v
                 GROUP BY i) l) p;

WITH pts AS (
  SELECT s.i, b.* FROM stars s, jtsyq.boundary_points(s.geom) b
), walks AS (
  SELECT s.i, t.ring, ST_MakePolygon(ST_AddPoint(ST_MakeLine(array_agg(p.geom ORDER BY t.seq)),
                                                 (array_agg(p.geom ORDER BY t.seq))[1])) AS ringpoly
    FROM stars s, jtsyq.boundary_point_table(s.geom) t
    JOIN LATERAL (SELECT geom FROM jtsyq.boundary_points(s.geom) WHERE jzdh = t.jzdh) p ON true
   GROUP BY s.i, t.ring
), nw AS (
  SELECT s.i, (SELECT d.geom FROM ST_DumpPoints(s.geom) d
                ORDER BY ST_Distance(d.geom, ST_SetSRID(ST_MakePoint(ST_XMin(s.geom), ST_YMax(s.geom)), 4523)),
                         ST_Y(d.geom) DESC, ST_X(d.geom)
                LIMIT 1) AS corner
    FROM stars s
)
SELECT (SELECT count(*) FROM stars) AS parcels,
       (SELECT bool_and(CASE WHEN ring = 1 THEN ST_IsPolygonCW(ringpoly) ELSE ST_IsPolygonCCW(ringpoly) END)
          FROM walks) AS walks_oriented,
       (SELECT count(*) FROM stars s JOIN nw USING (i)
          JOIN pts p ON p.i = s.i AND p.seq = 1
         WHERE NOT ST_Equals(p.geom, nw.corner)) AS j1_not_nw_vertex,
       (SELECT count(*) FROM pts p JOIN stars s USING (i)
         WHERE NOT ST_DWithin(p.geom, ST_Boundary(s.geom), 0)) AS points_off_boundary,
       (SELECT count(*) FROM stars s
         WHERE (SELECT count(*) FROM pts p WHERE p.i = s.i)
               <> (SELECT count(DISTINCT d.geom) FROM ST_DumpPoints(s.geom) d)) AS point_count_differs,
       (SELECT count(*) FROM pts p
         WHERE p.x <> round(ST_Y(p.geom)::numeric, 2)::float8
            OR p.y <> round(ST_X(p.geom)::numeric, 2)::float8) AS xy_not_rounded_northing_easting,
       (SELECT max(abs(l.total - ST_Perimeter(s.geom)))
          FROM stars s,
               LATERAL (SELECT sum(ST_Length(geom)) AS total FROM jtsyq.boundary_lines(s.geom)) l) < 1e-6
         AS lengths_sum_to_perimeter,
       (SELECT count(*) FROM stars s, jtsyq.boundary_lines(s.geom) l
         WHERE l.jzxcd <> round(ST_Length(l.geom)::numeric, 2)) AS lengths_not_rounded_as_numeric,
       (SELECT bool_and(jtsyq._geom_raw(p.geom) =
                        jtsyq._geom_raw(ST_SetSRID(ST_MakePoint(ST_X(p.geom), ST_Y(p.geom)), 4523)))
          FROM pts p) AS point_bytes_as_postgis;

-- Half-way cases: a parcel whose zigzag top edge has 2 001 vertices on a
-- 0.005 m grid (x = 35500000 + 0.005 i, y = 4200010 + 0.005 (i mod 3)),
-- so most coordinates end in 5 at the third decimal.  X, Y and lengths
-- must equal PostgreSQL's round(v::numeric, 2) of the same values.
CREATE TEMP TABLE zigzag AS
SELECT ST_SetSRID(ST_MakePolygon(ST_MakeLine(
         ARRAY[ST_MakePoint(35500000, 4200000)] ||
         ARRAY(SELECT ST_MakePoint(35500000 + 0.005 * i, 4200010 + 0.005 * (i % 3))
                 FROM generate_series(0, 2000) i) ||
         ARRAY[ST_MakePoint(35500010, 4200000), ST_MakePoint(35500000, 4200000)])), 4523) AS g;
SELECT (SELECT count(*) FROM zigzag, jtsyq.boundary_points(g)) AS points,
       (SELECT count(*) FROM zigzag, jtsyq.boundary_points(g) p
         WHERE p.x <> round(ST_Y(p.geom)::numeric, 2)::float8
            OR p.y <> round(ST_X(p.geom)::numeric, 2)::float8) AS xy_differ,
       (SELECT count(*) FROM zigzag, jtsyq.boundary_lines(g) l
         WHERE l.jzxcd <> round(ST_Length(l.geom)::numeric, 2)) AS lengths_differ;

--
-- A survey unit: 3 x 3 parcels of 100 m, named by row (north first) and
-- column, given in code order.  Shared points have one number:
-- 16 distinct points in all (a 4 x 4 lattice).  Parcel 11 (north-west):
-- J1 (0,300) J2 (100,300) J3 (100,200) J4 (0,200); parcel 12 starts at
-- its top-left (100,300) = J2: (200,300) J5, (200,200) J6, (100,200) J3 ...
--
CREATE TEMP TABLE unit AS
SELECT format('%s%s', r, c) AS zddm, format('第%s组', (r - 1) * 3 + c) AS qlr,
       pg_temp.gk(format('POLYGON((%1$s %2$s,%3$s %2$s,%3$s %4$s,%1$s %4$s,%1$s %2$s))',
                         (c - 1) * 100, (3 - r) * 100, c * 100, (4 - r) * 100)) AS geom
  FROM generate_series(1, 3) r, generate_series(1, 3) c;

SELECT jzdh, x - 4200000 AS local_n, y - 35500000 AS local_e, zddm
  FROM jtsyq.boundary_points_layer(
         (SELECT array_agg(zddm ORDER BY zddm) FROM unit),
         (SELECT array_agg(geom ORDER BY zddm) FROM unit))
 ORDER BY seq;

-- Every point's parcel list agrees with PostGIS (boundary within 0 m).
SELECT bool_and(p.zddm = (SELECT array_agg(u.zddm ORDER BY u.zddm) FROM unit u
                           WHERE ST_DWithin(ST_Boundary(u.geom), p.geom, 0))) AS parcels_agree
  FROM jtsyq.boundary_points_layer(
         (SELECT array_agg(zddm ORDER BY zddm) FROM unit),
         (SELECT array_agg(geom ORDER BY zddm) FROM unit)) p;

-- The centre parcel's 界址线 carry the unit-wide numbers.  Parcel 21 was
-- numbered before it: from (0,200) = J4 clockwise J3, then (100,100) J9,
-- (0,100) J10.  Parcel 22 starts at its top-left (100,200) = J3, then
-- (200,200) = J6, (200,100) new: J11, (100,100) = J9.  100 m each.
SELECT zddm, ring, seq, qdh, zdh, jzxcd
  FROM jtsyq.boundary_lines_layer(
         (SELECT array_agg(zddm ORDER BY zddm) FROM unit),
         (SELECT array_agg(geom ORDER BY zddm) FROM unit))
 WHERE zddm = '22';

-- 四至 of the grid: the centre has 12 to the north, 23 east, 32 south,
-- 21 west; the corner 11 has only 12 east and 21 south.  Names are the
-- owners' (qlr).
SELECT * FROM jtsyq.four_sides(
         (SELECT array_agg(zddm ORDER BY zddm) FROM unit),
         (SELECT array_agg(qlr ORDER BY zddm) FROM unit),
         (SELECT array_agg(geom ORDER BY zddm) FROM unit))
 WHERE zddm IN ('11', '22', '33');

-- T-junction: parcel A (0,0)-(200,100) under two parcels B (0,100)-(100,200)
-- and C (100,100)-(200,200).  (100,100) is not a vertex of A but is a
-- boundary point of its top edge (§6.7.5 b): A is J1 (0,100) J2 (100,100)
-- J3 (200,100) J4 (200,0) J5 (0,0); B J6 (0,200) J7 (100,200) J2 J1; C J7
-- J8 (200,200) J3 J2.  A's 四至: B and C to the north, 100 m each (tie:
-- code order).
SELECT zddm, string_agg(qdh, '-' ORDER BY seq) AS walk, sum(jzxcd) AS perimeter
  FROM jtsyq.boundary_lines_layer(ARRAY['A', 'B', 'C'],
         ARRAY[pg_temp.gk('POLYGON((0 0,200 0,200 100,0 100,0 0))'),
               pg_temp.gk('POLYGON((0 100,100 100,100 200,0 200,0 100))'),
               pg_temp.gk('POLYGON((100 100,200 100,200 200,100 200,100 100))')])
 GROUP BY zddm ORDER BY zddm;

SELECT * FROM jtsyq.four_sides(ARRAY['A', 'B', 'C'], NULL,
         ARRAY[pg_temp.gk('POLYGON((0 0,200 0,200 100,0 100,0 0))'),
               pg_temp.gk('POLYGON((0 100,100 100,100 200,0 200,0 100))'),
               pg_temp.gk('POLYGON((100 100,200 100,200 200,100 200,100 100))')]);

-- B and C with one owner: A's north names the owner once.
SELECT zddm, north FROM jtsyq.four_sides(ARRAY['A', 'B', 'C'], ARRAY['甲村', '乙村', '乙村'],
         ARRAY[pg_temp.gk('POLYGON((0 0,200 0,200 100,0 100,0 0))'),
               pg_temp.gk('POLYGON((0 100,100 100,100 200,0 200,0 100))'),
               pg_temp.gk('POLYGON((100 100,200 100,200 200,100 200,100 100))')])
 WHERE zddm = 'A';

-- Enclave: Q fills P's hole.  P numbers the hole J5 (40,60) J6 (40,40)
-- J7 (60,40) J8 (60,60) counter-clockwise; Q walks the same points
-- clockwise from its top-left J5: J5-J8-J7-J6.  Q has P on all four
-- sides; hole edges are not sides of P.
SELECT zddm, ring, string_agg(qdh, '-' ORDER BY seq) AS walk
  FROM jtsyq.boundary_lines_layer(ARRAY['P', 'Q'],
         ARRAY[pg_temp.gk('POLYGON((0 0,100 0,100 100,0 100,0 0),(40 40,60 40,60 60,40 60,40 40))'),
               pg_temp.gk('POLYGON((40 40,60 40,60 60,40 60,40 40))')])
 GROUP BY zddm, ring ORDER BY zddm, ring;

SELECT * FROM jtsyq.four_sides(ARRAY['P', 'Q'], ARRAY['本村', '国有'],
         ARRAY[pg_temp.gk('POLYGON((0 0,100 0,100 100,0 100,0 0),(40 40,60 40,60 60,40 60,40 40))'),
               pg_temp.gk('POLYGON((40 40,60 40,60 60,40 60,40 40))')]);

-- The sector limits are half-open: north [315°,45°), east [45°,135°),
-- south [135°,225°), west [225°,315°).  Two pairs of right triangles
-- sharing a diagonal, so every outward normal lies exactly on a limit:
-- A (0 0,10 0,0 10) lies south-west of its hypotenuse (10,0)-(0,10), whose
-- outward normal points north-east, azimuth 45° -> A's east is B; B's
-- normal on it is 225° -> B's west is A.  A2 (100 0,110 10,100 10) lies
-- north-west of (100,0)-(110,10): normal 135° -> A2's south is B2; B2
-- (100 0,110 0,110 10): normal 315° -> B2's north is A2.  Closed upper
-- limits ((315°,45°] …) would give north, south, east, west instead.
SELECT * FROM jtsyq.four_sides(ARRAY['A', 'B', 'A2', 'B2'], NULL, ARRAY[
  'SRID=4523;POLYGON((0 0,10 0,0 10,0 0))'::geometry, 'SRID=4523;POLYGON((10 0,10 10,0 10,10 0))',
  'SRID=4523;POLYGON((100 0,110 10,100 10,100 0))', 'SRID=4523;POLYGON((100 0,110 0,110 10,100 0))']);

-- A hole touching the outer ring at (0,5) (local x = easting).  Outer ring
-- from the top-left (0,10): J1 (0,10), J2 (10,10), J3 (10,0), J4 (0,0); the
-- hole's vertex (0,5) lies on the outer edge (0,0)-(0,10), so it is a point
-- of that edge (§6.7.5 b) and, met on the outer walk, numbered there: J5,
-- ring 1, and the outer ring has 5 lines (10, 10, 10, 5, 5).  The hole
-- (0,5)-(5,8)-(5,2) starts at its top-left vertex (0,5) (distance 3 to its
-- box's corner (0,8); (5,8) is 5 away, (5,2) √61): J5 again, then
-- counter-clockwise (5,2) J6, (5,8) J7; lines √34 = 5.83, 6, √34 = 5.83.
SELECT ring, seq, qdh, zdh, jzxcd FROM jtsyq.boundary_lines(
       'SRID=4523;POLYGON((0 0,10 0,10 10,0 10,0 0),(0 5,5 8,5 2,0 5))');

--
-- NULLs, empties and bad input
--
SELECT count(*) AS null_parcel_rows FROM jtsyq.boundary_points(NULL);
SELECT count(*) AS empty_parcel_rows FROM jtsyq.boundary_points('SRID=4523;POLYGON EMPTY');
SELECT count(*) AS null_in_layer_skipped
  FROM jtsyq.boundary_points_layer(ARRAY['a', 'b'], ARRAY[NULL, pg_temp.gk('POLYGON((0 0,1 0,1 1,0 0))')]);
-- a planar SRID 0 layer works too (local coordinates in metres)
SELECT string_agg(jzdh, ' ' ORDER BY seq) AS srid0
  FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 0))', 'H');
-- NULL and empty input of the other functions: no rows, no error
SELECT (SELECT count(*) FROM jtsyq.boundary_lines(NULL)) AS lines_null,
       (SELECT count(*) FROM jtsyq.boundary_lines('SRID=4523;POLYGON EMPTY')) AS lines_empty,
       (SELECT count(*) FROM jtsyq.boundary_point_table(NULL)) AS table_null,
       (SELECT count(*) FROM jtsyq.boundary_point_table('SRID=4523;POLYGON EMPTY')) AS table_empty,
       (SELECT count(*) FROM jtsyq.boundary_points_layer('{}', '{}')) AS points_layer_empty,
       (SELECT count(*) FROM jtsyq.boundary_lines_layer('{}', '{}')) AS lines_layer_empty,
       (SELECT count(*) FROM jtsyq.boundary_point_table_layer('{}', '{}')) AS table_layer_empty,
       (SELECT count(*) FROM jtsyq.four_sides('{}', NULL, '{}')) AS four_sides_empty;

-- 界址点成果表 of a unit: a (0,0)-(10,10) and b (10,0)-(20,10) (SRID 0,
-- local metres).  a from its top-left (0,10): J1, (10,10) J2, (10,0) J3,
-- (0,0) J4; b from (10,10) = J2: (20,10) J5, (20,0) J6, (10,0) = J3.  X is
-- the northing, Y the easting; every edge is 10 m; 8 rows.
SELECT zddm, ring, seq, jzdh, x, y, edge_length
  FROM jtsyq.boundary_point_table_layer(ARRAY['a', 'b'],
         ARRAY['POLYGON((0 0,10 0,10 10,0 10,0 0))'::geometry, 'POLYGON((10 0,20 0,20 10,10 10,10 0))'])
 ORDER BY zddm, ring, seq;

-- 四至 with a NULL parcel and an EMPTY one: every code of the input gets
-- its row, and nothing adjoins those two (every side NULL).  a (0,0)-(1,1)
-- and c (1,0)-(2,1) share x = 1: a's east is c, c's west is a.
SELECT * FROM jtsyq.four_sides(ARRAY['a', 'b', 'c', 'e'], NULL,
         ARRAY['POLYGON((0 0,1 0,1 1,0 1,0 0))'::geometry, NULL,
               'POLYGON((1 0,2 0,2 1,1 1,1 0))', 'POLYGON EMPTY']) ORDER BY zddm;

-- Accepted input, pinned: the square (0,0)-(1,1) numbers J1 (0,1), J2
-- (1,1), J3 (1,0), J4 (0,0).
--  * a Z polygon: numbered in the plane, Z ignored (X/Y only);
--  * known points as 2-D arrays: flattened, (1,1) T and (0,0) H;
--  * NULL known points or methods: that entry is ignored, so (1,1) keeps
--    the default J and (0,0) is H.
SELECT string_agg(jzdh || ' ' || x || '/' || y, ', ' ORDER BY seq) AS polygon_z
  FROM jtsyq.boundary_points('POLYGON Z((0 0 5,1 0 5,1 1 5,0 1 5,0 0 5))');
SELECT string_agg(jzdh, ' ' ORDER BY seq) AS known_2d
  FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'J',
         ARRAY[['POINT(1 1)'::geometry], ['POINT(0 0)'::geometry]], ARRAY[['T'], ['H']]);
SELECT string_agg(jzdh, ' ' ORDER BY seq) AS known_null_point
  FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'J',
         ARRAY[NULL, 'POINT(0 0)'::geometry], ARRAY['T', 'H']);
SELECT string_agg(jzdh, ' ' ORDER BY seq) AS known_null_method
  FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'J',
         ARRAY['POINT(1 1)'::geometry, 'POINT(0 0)'::geometry], ARRAY[NULL, 'H']);

-- A ring crossing itself.  An asymmetric bow tie (0 0,4 4,4 0,0 2) has a
-- net area (lobes 16/3 and 4/3 m² of opposite sign: 4 m²) and is numbered
-- as drawn — qa_report's topology check reports the self-intersection (see
-- survey_schema.sql, P8).  The symmetric one (0 0,4 4,4 0,0 4) has lobes of
-- 4 m² each that cancel: no net area, but its 4 distinct points are not on
-- one line, so it is refused as crossing itself (22023), not as degenerate.
SELECT string_agg(jzdh, ' ' ORDER BY seq) AS asymmetric_bow_tie
  FROM jtsyq.boundary_points('POLYGON((0 0,4 4,4 0,0 2,0 0))');

\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT * FROM jtsyq.boundary_points(pg_temp.gk('POLYGON((0 0,1 0,1 1,0 0))'), 'X');
SELECT * FROM jtsyq.boundary_points('SRID=4490;POLYGON((105 38,105.1 38,105.1 38.1,105 38))');
SELECT * FROM jtsyq.boundary_points(pg_temp.gk('POLYGON((0 0,10 0,20 0,0 0))'));
SELECT * FROM jtsyq.boundary_lines_layer(ARRAY['a', '640122001001JA00002'],
         ARRAY[pg_temp.gk('POLYGON((0 0,1 0,1 1,0 0))'),
               pg_temp.gk('POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 2,1 1.000001,1 1))')]);
SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,4 4,4 0,0 4,0 0))');
\set VERBOSITY terse

CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE;
  RETURN s;
END $$;

SELECT what, pg_temp.sqlstate(q) AS sqlstate FROM (VALUES
  ('NULL method',         $q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 0))', NULL)$q$),
  ('bad method',          $q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 0))', 'JT')$q$),
  ('line, not polygon',   $q$SELECT * FROM jtsyq.boundary_points('LINESTRING(0 0,1 1)')$q$),
  ('collection',          $q$SELECT * FROM jtsyq.boundary_points('GEOMETRYCOLLECTION(POLYGON((0 0,1 0,1 1,0 0)))')$q$),
  ('geographic SRID',     $q$SELECT * FROM jtsyq.boundary_points('SRID=4490;POLYGON((105 38,105.1 38,105.1 38.1,105 38))')$q$),
  ('unknown SRID',        $q$SELECT * FROM jtsyq.boundary_points('SRID=999999;POLYGON((0 0,1 0,1 1,0 0))')$q$),
  ('mixed SRIDs',         $q$SELECT * FROM jtsyq.boundary_points_layer(NULL, ARRAY['SRID=4523;POLYGON((0 0,1 0,1 1,0 0))'::geometry, 'SRID=4524;POLYGON((0 0,1 0,1 1,0 0))'])$q$),
  ('NaN',                 $q$SELECT * FROM jtsyq.boundary_points(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(0,0), ST_MakePoint('NaN'::float8,0), ST_MakePoint(1,1), ST_MakePoint(0,0)])))$q$),
  ('degenerate ring',     $q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,1 0,2 0,0 0))')$q$),
  ('codes/geoms lengths', $q$SELECT * FROM jtsyq.boundary_points_layer(ARRAY['a'], ARRAY['POLYGON((0 0,1 0,1 1,0 0))'::geometry, 'POLYGON((5 5,6 5,6 6,5 5))'])$q$),
  ('NULL geoms',          $q$SELECT * FROM jtsyq.boundary_points_layer(ARRAY['a'], NULL)$q$),
  ('known lengths',       $q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 0))', 'J', ARRAY['POINT(0 0)'::geometry], ARRAY['T', 'H'])$q$),
  ('known without method',$q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 0))', 'J', ARRAY['POINT(0 0)'::geometry], NULL)$q$),
  ('known not a point',   $q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 0))', 'J', ARRAY['LINESTRING(0 0,1 1)'::geometry], ARRAY['T'])$q$),
  ('known bad method',    $q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 0))', 'J', ARRAY['POINT(0 0)'::geometry], ARRAY['4'])$q$),
  ('known other SRID',    $q$SELECT * FROM jtsyq.boundary_points('SRID=4523;POLYGON((0 0,1 0,1 1,0 0))', 'J', ARRAY['SRID=4524;POINT(0 0)'::geometry], ARRAY['T'])$q$),
  ('names length',        $q$SELECT * FROM jtsyq.four_sides(NULL, ARRAY['x', 'y'], ARRAY['POLYGON((0 0,1 0,1 1,0 0))'::geometry])$q$),
  ('Infinity',            $q$SELECT * FROM jtsyq.boundary_points(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(0,0), ST_MakePoint('Infinity'::float8,0), ST_MakePoint(1,1), ST_MakePoint(0,0)])))$q$),
  ('lower-case method',   $q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,1 0,1 1,0 0))', 'j')$q$),
  ('symmetric bow tie',   $q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,4 4,4 0,0 4,0 0))')$q$),
  ('asymmetric bow tie',  $q$SELECT * FROM jtsyq.boundary_points('POLYGON((0 0,4 4,4 0,0 2,0 0))')$q$),
  ('table: line',         $q$SELECT * FROM jtsyq.boundary_point_table('LINESTRING(0 0,1 1)')$q$),
  ('table: degenerate',   $q$SELECT * FROM jtsyq.boundary_point_table('POLYGON((0 0,1 0,2 0,0 0))')$q$),
  ('table: SRID 4490',    $q$SELECT * FROM jtsyq.boundary_point_table('SRID=4490;POLYGON((105 38,105.1 38,105.1 38.1,105 38))')$q$),
  ('lines: SRID 4490',    $q$SELECT * FROM jtsyq.boundary_lines('SRID=4490;POLYGON((105 38,105.1 38,105.1 38.1,105 38))')$q$),
  ('lines: NULL method',  $q$SELECT * FROM jtsyq.boundary_lines('POLYGON((0 0,1 0,1 1,0 0))', NULL)$q$),
  ('lines_layer: NULL geoms', $q$SELECT * FROM jtsyq.boundary_lines_layer(ARRAY['a'], NULL)$q$),
  ('lines_layer: mixed SRIDs', $q$SELECT * FROM jtsyq.boundary_lines_layer(NULL, ARRAY['SRID=4523;POLYGON((0 0,1 0,1 1,0 0))'::geometry, 'SRID=4524;POLYGON((0 0,1 0,1 1,0 0))'])$q$),
  ('lines_layer: bad hole', $q$SELECT * FROM jtsyq.boundary_lines_layer(NULL, ARRAY['POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 2,1 1.000001,1 1))'::geometry])$q$),
  ('table_layer: NULL geoms', $q$SELECT * FROM jtsyq.boundary_point_table_layer(ARRAY['a'], NULL)$q$),
  ('table_layer: lengths', $q$SELECT * FROM jtsyq.boundary_point_table_layer(ARRAY['a', 'b'], ARRAY['POLYGON((0 0,1 0,1 1,0 0))'::geometry])$q$),
  ('table_layer: mixed SRIDs', $q$SELECT * FROM jtsyq.boundary_point_table_layer(NULL, ARRAY['SRID=4523;POLYGON((0 0,1 0,1 1,0 0))'::geometry, 'SRID=4524;POLYGON((0 0,1 0,1 1,0 0))'])$q$),
  ('four: NULL geoms',    $q$SELECT * FROM jtsyq.four_sides(ARRAY['a'], NULL, NULL)$q$),
  ('four: all NULL',      $q$SELECT * FROM jtsyq.four_sides(NULL, NULL, NULL)$q$),
  ('four: SRID 4490',     $q$SELECT * FROM jtsyq.four_sides(NULL, NULL, ARRAY['SRID=4490;POLYGON((105 38,105.1 38,105.1 38.1,105 38))'::geometry])$q$),
  ('four: LINESTRING',    $q$SELECT * FROM jtsyq.four_sides(NULL, NULL, ARRAY['LINESTRING(0 0,1 1)'::geometry])$q$),
  ('four: mixed SRIDs',   $q$SELECT * FROM jtsyq.four_sides(NULL, NULL, ARRAY['SRID=4523;POLYGON((0 0,1 0,1 1,0 0))'::geometry, 'SRID=4524;POLYGON((0 0,1 0,1 1,0 0))'])$q$),
  ('four: codes length',  $q$SELECT * FROM jtsyq.four_sides(ARRAY['a', 'b'], NULL, ARRAY['POLYGON((0 0,1 0,1 1,0 0))'::geometry])$q$),
  ('four: degenerate',    $q$SELECT * FROM jtsyq.four_sides(NULL, NULL, ARRAY['POLYGON((0 0,1 0,2 0,0 0))'::geometry])$q$)
) t(what, q);
\set VERBOSITY default
