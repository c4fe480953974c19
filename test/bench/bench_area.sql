-- bench_area.sql — the survey's ellipsoidal area against PostGIS geography.
-- Run by bench_area.sh; :n parcels of 30 vertices, ~200 m edges, zone 38.
\set QUIET on
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
SET max_parallel_workers_per_gather = 0;   -- one core, both sides
SELECT setseed(0.3) AS seed \gset
CREATE TABLE parcels AS
SELECT id, ST_SetSRID(ST_MakePolygon(ST_MakeLine(pts || pts[1])), 4526) AS geom
FROM (SELECT id, array_agg(ST_MakePoint(round((cx + r * cos(a))::numeric, 3)::float8,
                                        round((cy + r * sin(a))::numeric, 3)::float8) ORDER BY k) AS pts
        FROM (SELECT id, 38350000 + random() * 300000 AS cx, 2500000 + random() * 2000000 AS cy
                FROM generate_series(1, :n) id) c,
             LATERAL (SELECT k, 2 * pi() * (k + 0.3 * random()) / 30 AS a, 930 + random() * 80 AS r
                        FROM generate_series(0, 29) k) s
       GROUP BY id) q;
-- the same polygons densified to 70 m for PostGIS (the survey densifies internally)
CREATE TABLE parcels_dense AS SELECT id, ST_Segmentize(geom, 70) AS geom FROM parcels;
VACUUM ANALYZE parcels;
VACUUM ANALYZE parcels_dense;

CREATE FUNCTION pg_temp.best_of(q text, runs int) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    best float8 := 'Infinity';
    dummy float8;
BEGIN
    FOR i IN 1..runs LOOP
        t0 := clock_timestamp();
        EXECUTE q INTO dummy;
        best := least(best, extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
    RETURN best;
END $$;

CREATE TEMP TABLE counts AS
SELECT (SELECT sum(ST_NPoints(geom)) FROM parcels)::float8 AS vertices,
       (SELECT sum(ST_NPoints(geom)) FROM parcels_dense)::float8 AS dense_vertices,
       (SELECT sum(points) FROM parcels, LATERAL jtsyq._ellipsoid_area_debug(geom))::float8 AS survey_points,
       (SELECT count(*) FILTER (WHERE jtsyq.ellipsoid_area(geom) <> jtsyq._ellipsoid_area_reference(geom))
          FROM parcels) AS fast_differs;

CREATE TEMP TABLE times AS
SELECT pg_temp.best_of('SELECT sum(ST_Area(ST_Transform(geom, 4490)::geography)) FROM parcels', 3) AS postgis_raw,
       pg_temp.best_of('SELECT sum(ST_Area(ST_Transform(geom, 4490)::geography)) FROM parcels_dense', 3) AS postgis_dense,
       pg_temp.best_of('SELECT sum(jtsyq.ellipsoid_area(geom)) FROM parcels', 3) AS survey,
       pg_temp.best_of('SELECT sum(jtsyq._ellipsoid_area_reference(geom)) FROM parcels', 1) AS survey_reference,
       pg_temp.best_of('SELECT sum(ST_NPoints(geom)) FROM parcels', 3) AS scan_only;

\set QUIET off
\pset footer off
SELECT :n AS parcels, vertices::bigint AS vertices, dense_vertices::bigint AS postgis_70m_points,
       survey_points::bigint AS survey_points, fast_differs
FROM counts;
SELECT round(postgis_raw::numeric, 3) AS postgis_raw_s,
       round(postgis_dense::numeric, 3) AS postgis_70m_s,
       round(survey::numeric, 3) AS survey_s,
       round(survey_reference::numeric, 3) AS survey_reference_s,
       round(scan_only::numeric, 3) AS scan_only_s
FROM times;
SELECT round((postgis_raw / vertices * 1e9)::numeric, 1) AS postgis_ns_per_vertex,
       round((postgis_dense / dense_vertices * 1e9)::numeric, 1) AS postgis_ns_per_70m_point,
       round((survey / survey_points * 1e9)::numeric, 1) AS survey_ns_per_densified_point,
       round((survey_reference / survey_points * 1e9)::numeric, 1) AS reference_ns_per_point
FROM times, counts;
SELECT round((postgis_raw / survey)::numeric, 2) AS speedup_vs_postgis_raw,
       round((postgis_dense / survey)::numeric, 2) AS speedup_vs_postgis_70m,
       round((survey_reference / survey)::numeric, 2) AS speedup_vs_reference
FROM times;
