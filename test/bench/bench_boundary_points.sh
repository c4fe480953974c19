#!/bin/sh
# bench_boundary_points.sh — 界址点 of a survey unit and 宗地四至, against the
# PostGIS way of getting the same facts, in the same run on the same data.
#
# Data: a 60 x 60 grid of parcels (3 600) 100 m wide whose shared edges
# carry 4 extra (collinear-ish, jittered) vertices each, so neighbours share
# vertices exactly, as cadastral data does: about 26 000 distinct points.
#
#  1. distinct boundary points with the parcels they belong to:
#     jtsyq.boundary_points_layer (which also numbers them from each
#     parcel's top-left clockwise and finds T-junctions) versus
#     ST_DumpPoints + GROUP BY point (no numbering at all).
#  2. 宗地四至: jtsyq.four_sides versus the PostGIS way: for each pair of
#     touching parcels, ST_Intersection of their boundaries, its length,
#     and the side from the azimuth between the parcels' centroids.
#
# Ratios are PostGIS time / jtsyq time (> 1: jtsyq is faster); best of 3.
# Runs under the shared install lock (it uses the installed extension).
set -eu
cd "$(dirname "$0")/../.."
. test/scripts/install-locked.sh
pg_virtualenv -v 15 psql -X -q -v ON_ERROR_STOP=1 -P pager=off <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION jtsyq CASCADE;
RESET client_min_messages;
SELECT setseed(0.5);

-- lattice of shared vertices: corners (i, j) and 4 points on each edge
CREATE TEMP TABLE h AS     -- horizontal edges: from (i, j) to (i + 1, j)
SELECT i, j, ST_MakeLine(ARRAY[ST_MakePoint(100 * i, 100 * j)] ||
         ARRAY(SELECT ST_MakePoint(100 * i + 20 * k, 100 * j + (random() - 0.5) * 4) FROM generate_series(1, 4) k) ||
         ST_MakePoint(100 * i + 100, 100 * j)) AS e
  FROM generate_series(0, 59) i, generate_series(0, 60) j;
CREATE TEMP TABLE v AS     -- vertical edges: from (i, j) to (i, j + 1)
SELECT i, j, ST_MakeLine(ARRAY[ST_MakePoint(100 * i, 100 * j)] ||
         ARRAY(SELECT ST_MakePoint(100 * i + (random() - 0.5) * 4, 100 * j + 20 * k) FROM generate_series(1, 4) k) ||
         ST_MakePoint(100 * i, 100 * j + 100)) AS e
  FROM generate_series(0, 60) i, generate_series(0, 59) j;
CREATE TEMP TABLE parcels AS
SELECT format('640122001001JA%s', lpad((b.i * 60 + b.j + 1)::text, 5, '0')) AS zddm,
       ST_SetSRID(ST_Translate(ST_MakePolygon(ST_RemoveRepeatedPoints(ST_MakeLine(ARRAY[
           b.e, r.e, ST_Reverse(t.e), ST_Reverse(l.e)]))), 35500000, 4200000), 4523) AS geom
  FROM h b JOIN h t ON t.i = b.i AND t.j = b.j + 1
  JOIN v l ON l.i = b.i AND l.j = b.j JOIN v r ON r.i = b.i + 1 AND r.j = b.j;
SELECT count(*) AS parcels, bool_and(ST_IsValid(geom)) AS valid, sum(ST_NPoints(geom) - 1) AS vertices FROM parcels;

CREATE FUNCTION pg_temp.best_of_3(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; best float8 := 'Infinity'; k int;
BEGIN
  FOR k IN 1..3 LOOP
    t0 := clock_timestamp();
    EXECUTE q;
    best := least(best, extract(epoch FROM clock_timestamp() - t0));
  END LOOP;
  RETURN best;
END $$;

WITH t AS (
  SELECT pg_temp.best_of_3($q$
           SELECT count(*) FROM jtsyq.boundary_points_layer(
             (SELECT array_agg(zddm ORDER BY zddm) FROM parcels),
             (SELECT array_agg(geom ORDER BY zddm) FROM parcels))$q$) AS jtsyq,
         pg_temp.best_of_3($q$
           SELECT count(*) FROM (SELECT d.geom, array_agg(p.zddm ORDER BY p.zddm)
                                   FROM parcels p, ST_DumpPoints(p.geom) d GROUP BY d.geom) s$q$) AS postgis)
SELECT 'distinct 界址点 with their parcels' AS task, round(jtsyq::numeric, 3) AS jtsyq_s,
       round(postgis::numeric, 3) AS postgis_s, round((postgis / jtsyq)::numeric, 1) AS ratio FROM t;

SELECT (SELECT count(*) FROM jtsyq.boundary_points_layer(
          (SELECT array_agg(zddm ORDER BY zddm) FROM parcels),
          (SELECT array_agg(geom ORDER BY zddm) FROM parcels))) AS jtsyq_points,
       (SELECT count(*) FROM (SELECT DISTINCT d.geom FROM parcels p, ST_DumpPoints(p.geom) d) s) AS postgis_points;

CREATE INDEX ON parcels USING gist (geom);
ANALYZE parcels;
WITH t AS (
  SELECT pg_temp.best_of_3($q$
           SELECT count(*) FROM jtsyq.four_sides(
             (SELECT array_agg(zddm ORDER BY zddm) FROM parcels), NULL,
             (SELECT array_agg(geom ORDER BY zddm) FROM parcels))$q$) AS jtsyq,
         pg_temp.best_of_3($q$
           SELECT count(*) FROM (
             SELECT a.zddm, b.zddm,
                    ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))) AS len,
                    (degrees(ST_Azimuth(ST_Centroid(a.geom), ST_Centroid(b.geom))) + 45)::int / 90 % 4 AS side
               FROM parcels a JOIN parcels b ON a.zddm <> b.zddm AND ST_Intersects(a.geom, b.geom)) s
            WHERE len > 0$q$) AS postgis)
SELECT '宗地四至 (neighbours per side)' AS task, round(jtsyq::numeric, 3) AS jtsyq_s,
       round(postgis::numeric, 3) AS postgis_s, round((postgis / jtsyq)::numeric, 1) AS ratio FROM t;
SQL
