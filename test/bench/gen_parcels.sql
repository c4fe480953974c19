/*
 * gen_parcels.sql — edge-matched synthetic parcels for the topology
 * benchmark (test/bench/bench_topology.sh) and tests.
 *
 * jtsyq_bench.parcels(target, nx, ny, srid) fills table `target` (id int
 * primary key, geom Polygon) with nx * ny parcels of about 100 m x 100 m on a
 * jittered grid: corners moved up to 15 m, each edge bent through four
 * intermediate points moved up to 4 m across it, so a parcel has 20
 * vertices (21 points).  Both parcels along an edge compute its points with
 * the same deterministic function, so shared boundaries are vertex-identical,
 * as in real cadastral data.  Coordinates are CGCS2000 GK zone 35 (EPSG 4523,
 * with the zone prefix): x = 35 500 000 + ..., y = 4 000 000 + ....
 */
CREATE SCHEMA IF NOT EXISTS jtsyq_bench;

-- deterministic noise in [-0.5, 0.5]
CREATE OR REPLACE FUNCTION jtsyq_bench.h(a integer, b integer, c integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (hashint8((a::bigint * 1000003 + b) * 1000003 + c) & 1048575)::float8 / 1048575.0 - 0.5 $$;

-- point k (0..5) of the horizontal edge from node (i, j) to node (i+1, j)
-- (dir 0) or of the vertical edge from (i, j) to (i, j+1) (dir 1)
CREATE OR REPLACE FUNCTION jtsyq_bench.ept(i integer, j integer, dir integer, k integer)
RETURNS float8[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN k = 0 THEN ARRAY[i * 100 + 30 * jtsyq_bench.h(i, j, 1), j * 100 + 30 * jtsyq_bench.h(i, j, 2)]
        WHEN k = 5 AND dir = 0 THEN ARRAY[(i + 1) * 100 + 30 * jtsyq_bench.h(i + 1, j, 1), j * 100 + 30 * jtsyq_bench.h(i + 1, j, 2)]
        WHEN k = 5 THEN ARRAY[i * 100 + 30 * jtsyq_bench.h(i, j + 1, 1), (j + 1) * 100 + 30 * jtsyq_bench.h(i, j + 1, 2)]
        WHEN dir = 0 THEN ARRAY[
            (1 - k / 5.0) * (i * 100 + 30 * jtsyq_bench.h(i, j, 1)) + k / 5.0 * ((i + 1) * 100 + 30 * jtsyq_bench.h(i + 1, j, 1)),
            (1 - k / 5.0) * (j * 100 + 30 * jtsyq_bench.h(i, j, 2)) + k / 5.0 * (j * 100 + 30 * jtsyq_bench.h(i + 1, j, 2))
                + 8 * jtsyq_bench.h(i, j, 10 + k)]
        ELSE ARRAY[
            (1 - k / 5.0) * (i * 100 + 30 * jtsyq_bench.h(i, j, 1)) + k / 5.0 * (i * 100 + 30 * jtsyq_bench.h(i, j + 1, 1))
                + 8 * jtsyq_bench.h(i, j, 20 + k),
            (1 - k / 5.0) * (j * 100 + 30 * jtsyq_bench.h(i, j, 2)) + k / 5.0 * ((j + 1) * 100 + 30 * jtsyq_bench.h(i, j + 1, 2))]
    END $$;

-- the ring of parcel (i, j): bottom, right, top (reversed), left (reversed)
CREATE OR REPLACE FUNCTION jtsyq_bench.parcel(i integer, j integer, srid integer)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ST_SetSRID(ST_MakePolygon(ST_MakeLine(array_agg(ST_MakePoint(35500000 + p[1], 4000000 + p[2]) ORDER BY n))), srid)
      FROM (SELECT k AS n, jtsyq_bench.ept(i, j, 0, k) AS p FROM generate_series(0, 4) k
            UNION ALL SELECT 5 + k, jtsyq_bench.ept(i + 1, j, 1, k) FROM generate_series(0, 4) k
            UNION ALL SELECT 10 + (5 - k), jtsyq_bench.ept(i, j + 1, 0, k) FROM generate_series(1, 5) k
            UNION ALL SELECT 15 + (5 - k), jtsyq_bench.ept(i, j, 1, k) FROM generate_series(1, 5) k
            UNION ALL SELECT 20, jtsyq_bench.ept(i, j, 0, 0)) pts $$;

CREATE OR REPLACE FUNCTION jtsyq_bench.parcels(target regclass, nx integer, ny integer, srid integer DEFAULT 4523)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('INSERT INTO %s (id, geom) SELECT i * %s + j, jtsyq_bench.parcel(i, j, %s)
                      FROM generate_series(0, %s - 1) i, generate_series(0, %s - 1) j', target, ny, srid, nx, ny);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

-- the block of w x h parcels from parcel (i0, j0): its ring runs along the
-- parcels' own boundary points, so parcels and blocks share vertices (a
-- 地籍子区 made of its parcels)
CREATE OR REPLACE FUNCTION jtsyq_bench.block(i0 integer, j0 integer, w integer, h integer, srid integer DEFAULT 4523)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ST_SetSRID(ST_MakePolygon(ST_MakeLine(array_agg(ST_MakePoint(35500000 + p[1], 4000000 + p[2]) ORDER BY n))), srid)
      FROM (SELECT (i - i0) * 5 + k AS n, jtsyq_bench.ept(i, j0, 0, k) AS p
              FROM generate_series(i0, i0 + w - 1) i, generate_series(0, 4) k
            UNION ALL
            SELECT 5 * w + (j - j0) * 5 + k, jtsyq_bench.ept(i0 + w, j, 1, k)
              FROM generate_series(j0, j0 + h - 1) j, generate_series(0, 4) k
            UNION ALL
            SELECT 5 * w + 5 * h + (i0 + w - 1 - i) * 5 + (5 - k), jtsyq_bench.ept(i, j0 + h, 0, k)
              FROM generate_series(i0, i0 + w - 1) i, generate_series(1, 5) k
            UNION ALL
            SELECT 10 * w + 5 * h + (j0 + h - 1 - j) * 5 + (5 - k), jtsyq_bench.ept(i0, j, 1, k)
              FROM generate_series(j0, j0 + h - 1) j, generate_series(1, 5) k
            UNION ALL
            SELECT 10 * (w + h), jtsyq_bench.ept(i0, j0, 0, 0)) pts $$;

-- blocks of b x b parcels covering an nx x ny layer (code 'B<bi>_<bj>')
CREATE OR REPLACE FUNCTION jtsyq_bench.blocks(target regclass, nx integer, ny integer, b integer, srid integer DEFAULT 4523)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('INSERT INTO %s (code, geom)
                    SELECT ''B'' || bi || ''_'' || bj,
                           jtsyq_bench.block(bi * %2$s, bj * %2$s, least(%2$s, %3$s - bi * %2$s), least(%2$s, %4$s - bj * %2$s), %5$s)
                      FROM generate_series(0, (%3$s - 1) / %2$s) bi, generate_series(0, (%4$s - 1) / %2$s) bj',
                   target, b, nx, ny, srid);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;
