--
-- Oracle test of jtsyq.topology_errors(): a generated layer with seeded
-- faults, each kind a known number of times; the function must find
-- exactly those, and its overlaps must agree with PostGIS's
-- ST_Relate(a, b, '2********') self-join.
--
-- The layer comes from test/bench/gen_parcels.sql (30 x 30 edge-matched
-- parcels of ~100 m, 20 vertices each, shared boundaries vertex-identical)
-- and is cut into 9 blocks of 10 x 10 parcels, the 地籍子区 containers.  One
-- fault is seeded per block (so none touches another) at a parcel chosen by
-- a hash of the block; vertex 6 of a parcel's ring is the first
-- intermediate point of its east edge, shared with its east neighbour only.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;
CREATE SCHEMA topology_oracle_t;
SET search_path = topology_oracle_t, public;
\set ECHO none
\i test/bench/gen_parcels.sql
\set ECHO all

CREATE TABLE o_zd (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
SELECT jtsyq_bench.parcels('o_zd', 30, 30);
-- parcel (i, j) has id 30 i + j; block (bi, bj) holds i / 10 = bi, j / 10 = bj
CREATE TABLE o_djzq AS
SELECT 'B' || (id / 30) / 10 || (id % 30) / 10 AS code, ST_Union(geom)::geometry(Polygon, 4523) AS geom
  FROM o_zd GROUP BY 1;
ALTER TABLE o_djzq ADD PRIMARY KEY (code);
-- the clean layer: nothing at all, and PostGIS agrees (no '2********' pair)
SELECT count(*) AS findings FROM jtsyq.topology_errors('o_zd', container => 'o_djzq');
SELECT count(*) AS postgis_overlaps FROM o_zd a JOIN o_zd b ON a.id < b.id AND a.geom && b.geom
 WHERE ST_Relate(a.geom, b.geom, '2********');

-- helpers: point n (0-based) of a parcel's ring; the ring with point n
-- replaced by a sequence of points
CREATE FUNCTION o_pt(g geometry, n integer) RETURNS geometry LANGUAGE sql AS
$$ SELECT ST_PointN(ST_ExteriorRing(g), n + 1) $$;
CREATE FUNCTION o_splice(g geometry, n integer, pts geometry[]) RETURNS geometry LANGUAGE sql AS $$
    SELECT ST_SetSRID(ST_MakePolygon(ST_MakeLine(array_agg(p ORDER BY ord))), ST_SRID(g))
      FROM (SELECT d.path[2] * 1000 AS ord, d.geom AS p FROM ST_DumpPoints(g) d WHERE d.path[2] <> n + 1
            UNION ALL
            SELECT (n + 1) * 1000 + k, p FROM unnest(pts) WITH ORDINALITY u(p, k)) x $$;

-- the fault sites: in block (bi, bj) the parcel at block offset (oi, oj)
-- with oi in 2..7, oj in 2..7 (the bottom row for not_in_container)
CREATE TABLE o_site AS
SELECT bi, bj, kind,
       (bi * 10 + oi) * 30 + (CASE WHEN kind = 'not_in_container' THEN 0 ELSE bj * 10 + oj END) AS a,
       (bi * 10 + oi + 1) * 30 + (CASE WHEN kind = 'not_in_container' THEN 0 ELSE bj * 10 + oj END) AS b,
       'B' || bi || bj AS block
  FROM (VALUES (0, 0, 'self_intersection'), (1, 0, 'not_in_container'), (2, 0, 'not_in_container'),
               (0, 1, 'overlap'), (1, 1, 'overlap'), (2, 1, 'gap'),
               (0, 2, 'gap'), (1, 2, 'sliver'), (2, 2, 'duplicate')) f(bi, bj, kind),
       LATERAL (SELECT 2 + floor((jtsyq_bench.h(bi, bj, 7) + 0.5) * 6)::integer AS oi,
                       2 + floor((jtsyq_bench.h(bi, bj, 8) + 0.5) * 6)::integer AS oj) o;

-- overlap: vertex 6 of a moved 0.5 m east, into b (a triangle of overlap)
UPDATE o_zd z SET geom = o_splice(z.geom, 6, ARRAY[ST_Translate(o_pt(z.geom, 6), 0.5, 0)])
  FROM o_site s WHERE s.kind = 'overlap' AND z.id = s.a;
-- gap: vertex 6 of a moved 0.5 m west, away from b (a triangle of gap)
UPDATE o_zd z SET geom = o_splice(z.geom, 6, ARRAY[ST_Translate(o_pt(z.geom, 6), -0.5, 0)])
  FROM o_site s WHERE s.kind = 'gap' AND z.id = s.a;
-- sliver: vertex 6 of a moved 0.05 m west, the dart between its old and
-- new place a parcel of its own (id 10000), so the coverage stays whole
INSERT INTO o_zd
SELECT 10000, ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[o_pt(z.geom, 5), o_pt(z.geom, 6), o_pt(z.geom, 7),
                                                          ST_Translate(o_pt(z.geom, 6), -0.05, 0), o_pt(z.geom, 5)])), 4523)
  FROM o_zd z JOIN o_site s ON s.kind = 'sliver' AND z.id = s.a;
UPDATE o_zd z SET geom = o_splice(z.geom, 6, ARRAY[ST_Translate(o_pt(z.geom, 6), -0.05, 0)])
  FROM o_site s WHERE s.kind = 'sliver' AND z.id = s.a;
-- self-intersection: vertex 6 of a becomes a figure-eight loop inside a
UPDATE o_zd z SET geom = o_splice(z.geom, 6, ARRAY[o_pt(z.geom, 6), ST_Translate(o_pt(z.geom, 6), -1, 0),
                                                  ST_Translate(o_pt(z.geom, 6), -0.5, 0.5),
                                                  ST_Translate(o_pt(z.geom, 6), -0.5, -0.5), o_pt(z.geom, 6)])
  FROM o_site s WHERE s.kind = 'self_intersection' AND z.id = s.a;
-- duplicate: a copy of a (id 10001)
INSERT INTO o_zd SELECT 10001, z.geom FROM o_zd z JOIN o_site s ON s.kind = 'duplicate' AND z.id = s.a;
-- not_in_container: vertex 1 (on the county's south border) moved 2 m south
UPDATE o_zd z SET geom = o_splice(z.geom, 1, ARRAY[ST_Translate(o_pt(z.geom, 1), 0, -2)])
  FROM o_site s WHERE s.kind = 'not_in_container' AND z.id = s.a;

-- the manifest: what must be found (pairs unordered)
CREATE TABLE o_expected AS
SELECT kind, CASE kind WHEN 'gap' THEN block WHEN 'sliver' THEN '10000' ELSE a::text END AS id1,
       CASE kind WHEN 'overlap' THEN b::text WHEN 'duplicate' THEN '10001'
                 WHEN 'not_in_container' THEN block END AS id2
  FROM o_site;
SELECT kind, count(*) FROM o_expected GROUP BY 1 ORDER BY 1;

CREATE TABLE o_found AS SELECT * FROM jtsyq.topology_errors('o_zd', container => 'o_djzq');
-- found per kind: 1 self_intersection, 2 not_in_container, 2 overlap,
-- 2 gap, 1 sliver, 1 duplicate (the manifest's counts)
SELECT kind, count(*) FROM o_found GROUP BY 1 ORDER BY 1;
-- and the very same findings: nothing missing, nothing extra
SELECT coalesce(e.kind, f.kind) AS kind, e.id1 AS expected_id1, e.id2 AS expected_id2,
       f.id1 AS found_id1, f.id2 AS found_id2
  FROM o_expected e
  FULL JOIN o_found f ON f.kind = e.kind
       AND ((f.id1 = e.id1 AND f.id2 IS NOT DISTINCT FROM e.id2) OR (f.id1 = e.id2 AND f.id2 = e.id1))
 WHERE e.kind IS NULL OR f.kind IS NULL;
-- the measures, against PostGIS: an overlap is ST_Area(ST_Intersection(a,
-- b)), a gap the area of the block less the union of the parcels in it, the
-- part out of the container ST_Area(ST_Difference(a, block)), a sliver's
-- mean width 2 ST_Area / ST_Perimeter.  Sizes as expected from the
-- drawing: a vertex moved 0.5 m across edges ~20 m long makes triangles of
-- about 0.5 x 40 / 2 = 10 m2; moved 2 m, about 40 m2; the 0.05 m dart is
-- 0.025 m wide on average.  (The figure-eight loop of the invalid parcel
-- makes no gap: the repair keeps the area its ring goes round.)
SELECT f.kind, f.id1, f.id2, round(f.measure::numeric, 4) AS measure,
       round(CASE f.kind
           WHEN 'overlap' THEN (SELECT ST_Area(ST_Intersection(a.geom, b.geom)) FROM o_zd a, o_zd b
                                 WHERE a.id = f.id1::integer AND b.id = f.id2::integer)
           WHEN 'not_in_container' THEN (SELECT ST_Area(ST_Difference(a.geom, c.geom)) FROM o_zd a, o_djzq c
                                          WHERE a.id = f.id1::integer AND c.code = f.id2)
           WHEN 'gap' THEN (SELECT ST_Area(ST_Difference(c.geom, ST_Union(z.geom))) FROM o_djzq c, o_zd z
                             WHERE c.code = f.id1 AND ST_Within(ST_PointOnSurface(z.geom), c.geom)
                             GROUP BY c.geom)
           WHEN 'sliver' THEN (SELECT 2 * ST_Area(geom) / ST_Perimeter(geom) FROM o_zd WHERE id = f.id1::integer)
           WHEN 'duplicate' THEN (SELECT ST_Area(geom) FROM o_zd WHERE id = f.id1::integer)
       END::numeric, 4) AS postgis
  FROM o_found f WHERE f.kind <> 'self_intersection' ORDER BY 1, 2;
-- PostGIS finds the self-intersection at the same place
SET client_min_messages = warning;
SELECT ST_Equals(f.geom, ST_SetSRID(location(ST_IsValidDetail(z.geom)), 4523)) AS same_place
  FROM o_found f JOIN o_zd z ON z.id = f.id1::integer WHERE f.kind = 'self_intersection';
RESET client_min_messages;

-- overlaps agree with PostGIS: the '2********' pairs are our overlaps plus
-- our duplicates (a duplicate is the total overlap of two equal parcels).
-- PostGIS's relate fails on the invalid parcel (TopologyException), so
-- pairs are compared among valid parcels.
SET client_min_messages = warning;
SELECT count(*) AS disagreements FROM (
    (SELECT least(a.id, b.id)::text AS x, greatest(a.id, b.id)::text AS y
       FROM o_zd a JOIN o_zd b ON a.id < b.id AND a.geom && b.geom
      WHERE ST_IsValid(a.geom) AND ST_IsValid(b.geom) AND ST_Relate(a.geom, b.geom, '2********')
     EXCEPT
     SELECT least(id1::integer, id2::integer)::text, greatest(id1::integer, id2::integer)::text
       FROM o_found WHERE kind IN ('overlap', 'duplicate'))
    UNION ALL
    (SELECT least(id1::integer, id2::integer)::text, greatest(id1::integer, id2::integer)::text
       FROM o_found WHERE kind IN ('overlap', 'duplicate')
     EXCEPT
     SELECT least(a.id, b.id)::text, greatest(a.id, b.id)::text
       FROM o_zd a JOIN o_zd b ON a.id < b.id AND a.geom && b.geom
      WHERE ST_IsValid(a.geom) AND ST_IsValid(b.geom) AND ST_Relate(a.geom, b.geom, '2********'))) d;
RESET client_min_messages;
SELECT count(*) AS pairs_compared FROM o_found WHERE kind IN ('overlap', 'duplicate');

-- the same with small batches (features evicted and containers completed
-- between batches): identical findings
SET jtsyq.topology_batch_rows = 37;
SELECT count(*) AS differences FROM (
    (SELECT kind, id1, id2, round(measure::numeric, 6) FROM o_found
     EXCEPT SELECT kind, id1, id2, round(measure::numeric, 6) FROM jtsyq.topology_errors('o_zd', container => 'o_djzq'))
    UNION ALL
    (SELECT kind, id1, id2, round(measure::numeric, 6) FROM jtsyq.topology_errors('o_zd', container => 'o_djzq')
     EXCEPT SELECT kind, id1, id2, round(measure::numeric, 6) FROM o_found)) d;
RESET jtsyq.topology_batch_rows;

-- A cancel (here a statement timeout) stops the check inside its sweep.
-- o_big: the 900 parcels of o_zd with a vertex every 0.25 m (~1640
-- vertices each, beyond the <= 64-vertex fast path: every ring is checked
-- by GEOS).  The whole check of it takes ~1 s (measured 1.05-1.1 s); reading
-- the rows takes ~10 ms.  A 50 ms timeout therefore fires while the
-- function itself is working, mostly in GEOS (ring validity), so only an
-- interrupt check inside the function can stop it early.  Tried: with the
-- CHECK_FOR_INTERRUPTS of topo_pg.c compiled out the cancel still comes
-- early, through those of geos_pg.c (one per geometry handed to GEOS, and
-- the report of a GEOS operation the cancel interrupted); with those out
-- as well the interrupted GEOS call becomes an error "GEOS failed" instead
-- of a cancel, and the test fails.
-- Expected: query_canceled (57014) well before 300 ms (measured ~51 ms).
-- (stored uncompressed: writing 23 MB of compressed TOAST took 0.7 s)
CREATE TABLE o_big (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
ALTER TABLE o_big ALTER geom SET STORAGE EXTERNAL;
INSERT INTO o_big SELECT id, ST_Segmentize(geom, 0.25) FROM o_zd;
SET statement_timeout = '50ms';
DO $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
    PERFORM count(*) FROM jtsyq.topology_errors('o_big');
    RAISE NOTICE 'not cancelled';
EXCEPTION WHEN query_canceled THEN
    RAISE NOTICE 'cancelled early: %', clock_timestamp() - t0 < interval '300 ms';
END $$;
RESET statement_timeout;
