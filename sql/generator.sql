--
-- The test data generator (test/gen/county.sql, interface in README.md
-- "Test data generator"): every promise it makes, checked on small counties
-- with PostGIS as the oracle.  Other tests and the benchmarks build on these
-- promises, so each check below is one that fails if the generator breaks
-- it: every count of violations is computed by PostGIS predicates (ST_Relate,
-- ST_CoveredBy, ST_Union, ST_DWithin ...) over the generated rows, never read
-- back from the generator's own bookkeeping.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;
-- (the generator's source is not echoed into the expected output)
\set ECHO none
\i test/gen/county.sql
\set ECHO all

-- a clean county: 1 000 parcels, seed 1, SRID 4523 (CGCS2000 3° zone 35)
SELECT jsonb_pretty(jtsyq_gen.make_county('gen_a', 1000) - 'schema') AS summary;
SET search_path = gen_a, public;

-- the lattice it was cut from; the SRID is a Gauss-Kruger zone with prefix
SELECT key, value FROM gen_info WHERE key IN ('cell_m', 'corridor_m', 'cells', 'djzq_grid') ORDER BY key;
SELECT (SELECT count(*) FROM zd) AS zd,
       (SELECT count(*) FROM zd WHERE ST_SRID(geom) = 4523 AND GeometryType(geom) = 'POLYGON') AS zd_polygons_4523,
       (SELECT round(ST_XMin(geom)) FROM xzq) BETWEEN 35500000 AND 35600000 AS zone_35_east_of_cm;
-- the size promise (README: "met within a few per cent from 1 000 up"):
-- 1 000 requested, the parcels of all kinds within 5 %
SELECT (SELECT count(*) FROM zd) BETWEEN 0.95 * 1000 AND 1.05 * 1000 AS size_within_5_percent;

--
-- 1. Every geometry is valid, and the layers nest: 子区 tile 地籍区, 地籍区 tile the
--    county, 村民小组 tile their 村, 村 = 子区 and 乡镇 = 地籍区 (same polygons).
--
SELECT 'invalid' AS check,
       (SELECT count(*) FROM zd WHERE NOT ST_IsValid(geom)) AS zd,
       (SELECT count(*) FROM dltb WHERE NOT ST_IsValid(geom)) AS dltb,
       (SELECT count(*) FROM djzq WHERE NOT ST_IsValid(geom)) + (SELECT count(*) FROM zu WHERE NOT ST_IsValid(geom))
       + (SELECT count(*) FROM djq WHERE NOT ST_IsValid(geom)) + (SELECT count(*) FROM xzq WHERE NOT ST_IsValid(geom)) AS containers;
SELECT count(*) AS djzq_not_equal_union_of_parcels FROM djzq d
 WHERE NOT ST_Equals(d.geom, (SELECT ST_Union(z.geom) FROM zd z WHERE z.djzqdm = d.djzqdm));
SELECT count(*) AS djq_not_equal_union_of_djzq FROM djq q
 WHERE NOT ST_Equals(q.geom, (SELECT ST_Union(d.geom) FROM djzq d WHERE d.djqdm = q.djqdm));
SELECT ST_Equals((SELECT geom FROM xzq), (SELECT ST_Union(geom) FROM djq)) AS county_is_union_of_djq;
SELECT count(*) AS cun_not_equal_union_of_zu FROM cun c
 WHERE NOT ST_Equals(c.geom, (SELECT ST_Union(u.geom) FROM zu u WHERE u.cundm = c.cundm));
SELECT count(*) AS cun_not_djzq FROM cun c JOIN djzq d USING (djzqdm) WHERE NOT ST_OrderingEquals(c.geom, d.geom);
SELECT count(*) AS xz_not_djq FROM xz x JOIN djq d ON d.djqmc = x.xzmc || '地籍区' WHERE NOT ST_OrderingEquals(x.geom, d.geom);

--
-- 2. Parcels tile their 地籍子区 without overlaps or gaps: inside (ST_CoveredBy),
--    no two interiors meet (ST_Relate '2********', which also catches
--    containment), and the areas add up (Σ area = ST_Area(ST_Union) = 子区).
--
SELECT count(*) AS parcels_outside_djzq FROM zd z JOIN djzq d USING (djzqdm) WHERE NOT ST_CoveredBy(z.geom, d.geom);
SELECT count(*) AS parcels_outside_their_zu FROM zd z JOIN zu u ON u.zudm = z.zl_zudm WHERE NOT ST_CoveredBy(z.geom, u.geom);
SELECT count(*) AS overlapping_pairs
  FROM zd a JOIN zd b ON a.id < b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********');
SELECT count(*) FILTER (WHERE ST_Area(ST_Difference(d.geom, s.union_geom)) > 0) AS djzq_with_gaps,
       max(abs(s.sum_area - ST_Area(s.union_geom))) < 1e-4 AS union_area_is_sum,
       max(abs(s.sum_area - ST_Area(d.geom))) < 1e-4 AS sum_is_djzq_area
  FROM djzq d,
       LATERAL (SELECT sum(ST_Area(z.geom)) AS sum_area, ST_Union(z.geom) AS union_geom
                  FROM zd z WHERE z.djzqdm = d.djzqdm) s;

--
-- 3. Land-use patches tile each parcel exactly: inside it, no overlaps between
--    patches of a parcel, union equal to the parcel.
--
SELECT count(*) AS patches_outside_parcel FROM dltb t JOIN zd z ON z.id = t.zd_id WHERE NOT ST_CoveredBy(t.geom, z.geom);
SELECT count(*) AS overlapping_patches
  FROM dltb a JOIN dltb b ON a.zd_id = b.zd_id AND a.id < b.id AND ST_Relate(a.geom, b.geom, '2********');
SELECT count(*) AS parcels_not_union_of_patches FROM zd z
 WHERE NOT ST_Equals(z.geom, (SELECT ST_Union(t.geom) FROM dltb t WHERE t.zd_id = z.id));
SELECT count(*) AS patch_overlaps_other_parcel
  FROM dltb t JOIN zd z ON z.id <> t.zd_id AND z.geom && t.geom AND ST_Relate(z.geom, t.geom, '2********');

--
-- 4. Shared boundaries are vertex-identical.  jzd holds the distinct parcel
--    vertices with the parcels that have them; if any parcel boundary passes
--    within 1 µm of a vertex of another parcel without having that vertex
--    itself (a T-junction or a near-miss), the first count is not 0.  The
--    same for the patches against their parcel, and the 子区 against parcels.
--
SELECT count(*) AS boundary_passes_point_without_vertex
  FROM jzd j JOIN zd z ON z.geom && ST_Expand(j.geom, 1e-6) AND ST_DWithin(ST_ExteriorRing(z.geom), j.geom, 1e-6)
 WHERE NOT z.id = ANY (j.zd_ids);
-- (the check can fail: the midpoint of an edge that parcel 1 shares with a
-- neighbour, were it a vertex of parcel 1 only, lies on the neighbour's ring)
SELECT count(*) AS control_found
  FROM (SELECT x.geom FROM jzx x
          JOIN jzd j1 ON ST_Equals(j1.geom, ST_StartPoint(x.geom))
          JOIN jzd j2 ON ST_Equals(j2.geom, ST_EndPoint(x.geom))
         WHERE x.zd_id = 1 AND EXISTS (SELECT 1 FROM unnest(j1.zd_ids) a WHERE a <> 1 AND a = ANY (j2.zd_ids))
         ORDER BY x.id LIMIT 1) e
  JOIN zd z ON z.id <> 1 AND ST_DWithin(ST_ExteriorRing(z.geom), ST_LineInterpolatePoint(e.geom, 0.5), 1e-6);
SELECT count(*) = count(DISTINCT (ST_X(geom), ST_Y(geom))) AS jzd_distinct,
       sum(cardinality(zd_ids)) = (SELECT sum(ST_NPoints(geom) - 1) FROM zd) AS every_vertex_once,
       count(*) FILTER (WHERE cardinality(zd_ids) > 1) AS shared_points
  FROM jzd;
-- points closer than 1 cm that are not the same point would be near-misses
SELECT count(*) AS near_duplicate_points FROM jzd a JOIN jzd b ON a.id < b.id AND ST_DWithin(a.geom, b.geom, 0.01);
-- patch vertices on their parcel's boundary are parcel vertices, and every
-- parcel vertex is a vertex of one of its patches
WITH pv AS (SELECT t.zd_id, d.geom FROM dltb t, ST_DumpPoints(t.geom) d),
     zv AS (SELECT z.id AS zd_id, d.geom FROM zd z, ST_DumpPoints(z.geom) d)
SELECT (SELECT count(*) FROM pv JOIN zd z ON z.id = pv.zd_id
         WHERE ST_DWithin(ST_ExteriorRing(z.geom), pv.geom, 1e-6)
           AND NOT EXISTS (SELECT 1 FROM zv WHERE zv.zd_id = pv.zd_id AND ST_Equals(zv.geom, pv.geom))) AS patch_vertex_not_parcel_vertex,
       (SELECT count(*) FROM zv
         WHERE NOT EXISTS (SELECT 1 FROM pv WHERE pv.zd_id = zv.zd_id AND ST_Equals(pv.geom, zv.geom))) AS parcel_vertex_not_patch_vertex;
-- 子区 boundaries run through parcel vertices only, and back
SELECT (SELECT count(*) FROM jzd j JOIN djzq d ON d.geom && ST_Expand(j.geom, 1e-6)
         WHERE ST_DWithin(ST_ExteriorRing(d.geom), j.geom, 1e-6)
           AND NOT EXISTS (SELECT 1 FROM ST_DumpPoints(d.geom) v WHERE ST_Equals(v.geom, j.geom))) AS djzq_misses_vertex,
       (SELECT count(*) FROM djzq d, ST_DumpPoints(d.geom) v
         WHERE NOT EXISTS (SELECT 1 FROM jzd j WHERE ST_Equals(j.geom, v.geom))) AS djzq_vertex_not_jzd;
-- boundary lines: every parcel edge once per parcel, end points are jzd
SELECT count(*) = (SELECT sum(ST_NPoints(geom) - 1) FROM zd) AS one_jzx_per_edge,
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM jzd j WHERE ST_Equals(j.geom, ST_StartPoint(x.geom)))
                           OR NOT EXISTS (SELECT 1 FROM jzd j WHERE ST_Equals(j.geom, ST_EndPoint(x.geom)))) AS jzx_end_not_jzd,
       count(*) FILTER (WHERE x.jzxcd <> round(ST_Length(x.geom)::numeric, 2)) AS wrong_length
  FROM jzx x;
-- J-numbers restart per 地籍子区 and are unique in it
SELECT count(*) = count(DISTINCT (djzqdm, jzdh)) AS jzdh_unique_per_djzq,
       count(*) FILTER (WHERE jzdh = 'J1') = (SELECT count(*) FROM djzq) AS one_j1_per_djzq
  FROM jzd;

--
-- 5. Codes (GB/T 37346): 28 characters, county + 地籍区 + 子区 + 特征码 + 顺序号 +
--    W00000000, unique, and 顺序号 numbered 1..n per 子区 and 特征码.
--
SELECT count(*) FILTER (WHERE length(bdcdyh) <> 28) AS not_28_chars,
       count(*) FILTER (WHERE bdcdyh !~ '^640122[0-9]{6}(JA|GY|GA|ZW)[0-9]{5}W00000000$') AS bad_format,
       count(*) - count(DISTINCT bdcdyh) AS duplicates,
       count(*) FILTER (WHERE zddm <> left(bdcdyh, 19) OR djzqdm <> left(bdcdyh, 12) OR zdtzm <> substr(bdcdyh, 13, 2)) AS inconsistent
  FROM zd;
SELECT count(*) AS djzq_with_gaps_in_numbering FROM (
    SELECT djzqdm, zdtzm FROM zd GROUP BY djzqdm, zdtzm
    HAVING max(substr(zddm, 15)::integer) <> count(*) OR min(substr(zddm, 15)::integer) <> 1) s;
SELECT count(*) FILTER (WHERE djzqdm !~ '^640122[0-9]{6}$' OR left(djzqdm, 9) <> djqdm) AS bad_djzqdm,
       count(DISTINCT djqdm) AS djq
  FROM djzq;
SELECT count(*) FILTER (WHERE zudm !~ ('^' || cundm || '[0-9]{2}$')) AS bad_zudm,
       count(*) FILTER (WHERE zumc !~ '^第[一二三四五六七八九十]+村民小组$') AS bad_zumc
  FROM zu;

--
-- 6. Areas: zdmj is the parcel's ellipsoidal area as the survey records it
--    (jtsyq.ellipsoid_area, TD/T 1055, rounded to 0.01 m²); the patches'
--    tbmj add up to it exactly and none is more than one cent off its own
--    (unrounded) ellipsoidal area.  Independent oracle: PostGIS's geodesic
--    area of the same polygon on the CGCS2000 ellipsoid (ST_Transform to
--    4490, geography: GeographicLib).  The two differ only in the shape of
--    the edges (straight in the Gauss-Kruger plane vs geodesics), less than
--    1e-6 of the area (3.2e-7 measured), while the plane area is off by the
--    projection's scale (4e-5 to 8e-5 here, 40 to 60 km east of the central
--    meridian): the oracle tells the two apart.
--
SELECT count(*) FILTER (WHERE zdmj <> jtsyq.ellipsoid_area(geom)::numeric) AS zdmj_not_ellipsoid_area,
       count(*) FILTER (WHERE abs(zdmj - ST_Area(ST_Transform(geom, 4490)::geography)::numeric) > 1e-6 * zdmj)
         AS zdmj_off_geodesic_area,
       count(*) FILTER (WHERE abs(zdmj - ST_Area(geom)::numeric) < 1e-5 * zdmj) AS zdmj_near_plane_area
  FROM zd;
SELECT count(*) AS parcels_sum_tbmj_not_zdmj FROM zd z
 WHERE z.zdmj <> (SELECT sum(tbmj) FROM dltb t WHERE t.zd_id = z.id);
SELECT count(*) FILTER (WHERE abs(tbmj - jtsyq.ellipsoid_area(geom, result_decimals => NULL)::numeric) > 0.0101)
         AS tbmj_more_than_a_cent_off
  FROM dltb;

--
-- 7. Ownership: collective parcels of 村民小组, 村 and 乡镇; state land (GA, and
--    GY used by a collective); disputed land owned by nobody; flying land
--    lying inside one village's 子区 and owned by another village.
--
-- the eight groups README promises (expected t) each present; a group
-- that is missing prints present f, a group README does not list expected
-- NULL
SELECT kind, zdtzm, owner_level, e.expected, count(zd.id) > 0 AS present,
       count(*) FILTER (WHERE cundm IS NULL AND zd.id IS NOT NULL) AS no_owner_village,
       count(*) FILTER (WHERE cundm IS NOT NULL AND cundm <> zl_cundm) AS owner_elsewhere
  FROM (VALUES ('collective', 'JA', 'cun', true), ('collective', 'JA', 'xiang', true),
               ('collective', 'JA', 'zu', true), ('disputed', 'ZW', 'none', true),
               ('flying_in', 'JA', 'zu', true), ('flying_out', 'JA', 'zu', true),
               ('state', 'GA', 'state', true), ('state', 'GY', 'state', true)) e(kind, zdtzm, owner_level, expected)
       FULL JOIN zd USING (kind, zdtzm, owner_level)
 GROUP BY kind, zdtzm, owner_level, e.expected ORDER BY kind, zdtzm, owner_level;
SELECT count(*) FILTER (WHERE owner_level = 'zu' AND qlr !~ '^.+村第[一二三四五六七八九十]+村民小组农民集体$') AS bad_zu_qlr,
       count(*) FILTER (WHERE owner_level = 'cun' AND qlr !~ '^.+村农民集体$') AS bad_cun_qlr,
       count(*) FILTER (WHERE kind = 'disputed' AND qlr !~ '^.+村与.+村争议地$') AS bad_disputed_qlr,
       count(*) FILTER (WHERE zdtzm = 'GA' AND qlr <> '国家') AS bad_state_qlr
  FROM zd;
-- flying land: inside the location village (zl_cundm), disjoint from the
-- owner's village except along a border
SELECT count(*) AS flying,
       count(*) FILTER (WHERE ST_CoveredBy(z.geom, l.geom)) AS inside_location_village,
       count(*) FILTER (WHERE NOT ST_Relate(z.geom, o.geom, '2********')) AS outside_owner_village
  FROM zd z JOIN cun l ON l.cundm = z.zl_cundm JOIN cun o ON o.cundm = z.cundm
 WHERE z.kind IN ('flying_in', 'flying_out');
-- every land-use code is a 2023 code from the generator's dictionary, and
-- the state corridors carry their own codes
SELECT count(*) FILTER (WHERE c.dlbm IS NULL) AS unknown_dlbm,
       count(*) FILTER (WHERE t.dlmc <> c.dlmc) AS wrong_dlmc,
       count(DISTINCT t.dlbm) AS codes_used
  FROM dltb t LEFT JOIN jtsyq_gen.dlbm c ON c.dlbm = t.dlbm;
SELECT DISTINCT t.dlbm, t.dlmc FROM dltb t JOIN zd z ON z.id = t.zd_id WHERE z.zdtzm = 'GA' ORDER BY 1;

--
-- 8. Determinism: the same seed gives the same bytes in every table, another
--    seed does not.
--
CREATE FUNCTION pg_temp.digest(s name) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    t text;
    h text;
    r text := '';
BEGIN
    FOREACH t IN ARRAY ARRAY['xzq', 'djq', 'xz', 'djzq', 'cun', 'zu', 'zd', 'dltb', 'jzd', 'jzx', 'faults'] LOOP
        EXECUTE format('SELECT md5(coalesce(string_agg(x::text, '','' ORDER BY x::text), '''')) FROM %I.%I x', s, t) INTO h;
        r := r || t || ':' || h || ' ';
    END LOOP;
    RETURN md5(r);
END
$$;
SELECT jtsyq_gen.make_county('gen_b', 1000) ->> 'zd' AS zd_again;
SELECT jtsyq_gen.make_county('gen_c', 1000, 2) IS NOT NULL AS other_seed;
SELECT pg_temp.digest('gen_a') = pg_temp.digest('gen_b') AS same_seed_same_data,
       pg_temp.digest('gen_a') <> pg_temp.digest('gen_c') AS other_seed_other_data;
SET client_min_messages = warning;
DROP SCHEMA gen_b CASCADE;
DROP SCHEMA gen_c CASCADE;
RESET client_min_messages;

--
-- 9. Seeded faults: present in exactly the requested numbers, found by
--    PostGIS self-joins, and exactly the rows the manifest names.
--
SELECT jtsyq_gen.make_county('gen_f', 1000, 7,
         '{"overlap": 3, "gap": 2, "sliver": 2, "self_intersection": 2,
           "duplicate_code": 2, "area_mismatch": 3, "not_in_container": 2}') -> 'faults' AS seeded;
SET search_path = gen_f, public;
SELECT kind, count(*) FROM faults GROUP BY kind ORDER BY kind;

-- self-intersection: the invalid parcels are exactly the manifest's
-- (GEOS's notices about them are not part of the output)
SET client_min_messages = warning;
SELECT count(*) AS invalid,
       count(*) FILTER (WHERE ST_IsValidReason(geom) ~ 'Self-intersection') AS self_intersecting,
       count(*) FILTER (WHERE id IN (SELECT id1 FROM faults WHERE kind = 'self_intersection')) AS in_manifest
  FROM zd WHERE NOT ST_IsValid(geom);
-- For the coverage checks below an invalid parcel counts as its outline (the
-- exterior ring of its ST_MakeValid): the figure-eight's lobes lie inside it.
CREATE TEMP TABLE cover AS
SELECT id, djzqdm, CASE WHEN ST_IsValid(geom) THEN geom
                        ELSE ST_MakePolygon(ST_ExteriorRing(ST_MakeValid(geom, 'method=structure'))) END AS geom
  FROM zd;
RESET client_min_messages;
SELECT count(*) AS outlines_differ_from_parcels
  FROM cover c JOIN zd z USING (id) WHERE abs(ST_Area(c.geom) - ST_Area(z.geom)) > 1e-6;
-- recorded areas: the ellipsoidal area of the parcel (of its outline for
-- the invalid ones, which jtsyq.ellipsoid_area refuses), except the
-- manifest's area mismatches
SELECT count(*) AS zdmj_not_outline_area,
       count(*) FILTER (WHERE id IN (SELECT id1 FROM faults WHERE kind = 'area_mismatch')) AS in_manifest
  FROM cover c JOIN zd z USING (id) WHERE z.zdmj <> jtsyq.ellipsoid_area(c.geom)::numeric;

-- overlaps: pairs of parcels whose interiors meet, as PostGIS finds them,
-- against the manifest's pairs
CREATE TEMP TABLE found_overlap AS
SELECT a.id AS id1, b.id AS id2, ST_Area(ST_Intersection(a.geom, b.geom)) AS area
  FROM cover a JOIN cover b ON a.id <> b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********');
SELECT count(*) / 2 AS overlapping_pairs, min(area) > 1 AS each_over_1_m2 FROM found_overlap;
SELECT count(*) AS manifest_pairs_not_found FROM faults f
 WHERE kind = 'overlap' AND NOT EXISTS (SELECT 1 FROM found_overlap o WHERE (o.id1, o.id2) = (f.id1, f.id2));

-- gaps: holes in the coverage of each 子区, each between the manifest's pair
CREATE TEMP TABLE found_gap AS
SELECT d.djzqdm, g.geom
  FROM djzq d,
       LATERAL ST_Dump(ST_Difference(d.geom, (SELECT ST_Union(c.geom) FROM cover c WHERE c.djzqdm = d.djzqdm))) g
 WHERE ST_Area(g.geom) > 0;
SELECT count(*) AS gaps, min(ST_Area(geom)) > 1 AS each_over_1_m2 FROM found_gap;
SELECT count(*) AS manifest_gaps_found FROM faults f
 WHERE kind = 'gap' AND EXISTS (SELECT 1 FROM found_gap g JOIN zd a ON a.id = f.id1 JOIN zd b ON b.id = f.id2
                                WHERE ST_Intersects(g.geom, a.geom) AND ST_Intersects(g.geom, b.geom));

-- slivers: parcels thinner than 10 cm on average (area / perimeter < 0.05 m;
-- every other parcel is tens of metres wide)
SELECT count(*) AS slivers,
       count(*) FILTER (WHERE id IN (SELECT id1 FROM faults WHERE kind = 'sliver')) AS in_manifest,
       (SELECT min(ST_Area(geom) / ST_Perimeter(geom)) FROM zd
         WHERE id NOT IN (SELECT id1 FROM faults WHERE kind = 'sliver')) > 5 AS others_wider_than_10_m
  FROM zd WHERE ST_Area(geom) / ST_Perimeter(geom) < 0.05;

-- duplicate codes: groups of parcels sharing a bdcdyh
SELECT count(*) AS duplicated_codes,
       count(*) FILTER (WHERE ids IN (SELECT ARRAY[id1, id2] FROM faults WHERE kind = 'duplicate_code')) AS in_manifest
  FROM (SELECT bdcdyh, array_agg(id ORDER BY id) AS ids FROM zd GROUP BY bdcdyh HAVING count(*) > 1) s;

-- area mismatches: recorded zdmj against the geometry and against Σ tbmj
SELECT count(*) AS zdmj_not_sum_tbmj,
       count(*) FILTER (WHERE z.zdmj <> jtsyq.ellipsoid_area(z.geom)::numeric) AS zdmj_not_area,
       count(*) FILTER (WHERE z.id IN (SELECT id1 FROM faults WHERE kind = 'area_mismatch')) AS in_manifest
  FROM zd z WHERE z.zdmj <> (SELECT sum(tbmj) FROM dltb t WHERE t.zd_id = z.id);

-- not in container: parcels not covered by the 子区 their code names
SELECT count(*) AS outside_djzq,
       count(*) FILTER (WHERE NOT ST_CoveredBy(c.geom, (SELECT geom FROM xzq))) AS outside_county,
       count(*) FILTER (WHERE c.id IN (SELECT id1 FROM faults WHERE kind = 'not_in_container')) AS in_manifest
  FROM cover c JOIN djzq d USING (djzqdm) WHERE NOT ST_CoveredBy(c.geom, d.geom);

-- the faults disturb nothing else: the patches of every valid parcel still
-- tile it, and shared boundaries away from the faults are still identical
SET client_min_messages = warning;
SELECT count(*) AS valid_parcels_not_union_of_patches FROM zd z
 WHERE ST_IsValid(z.geom) AND NOT ST_Equals(z.geom, (SELECT ST_Union(t.geom) FROM dltb t WHERE t.zd_id = z.id));
RESET client_min_messages;
SELECT count(DISTINCT z.id) AS parcels_with_unshared_vertex_nearby
  FROM jzd j JOIN zd z ON z.geom && ST_Expand(j.geom, 1e-6) AND ST_DWithin(ST_ExteriorRing(z.geom), j.geom, 1e-6)
 WHERE NOT z.id = ANY (j.zd_ids);

-- another SRID (CM 105E without zone prefix) and county code, smallest size
SELECT jtsyq_gen.make_county('gen_s', 100, 3, '{}', 4544, '110105') ->> 'zd' AS small_county;
SELECT count(*) FILTER (WHERE left(bdcdyh, 6) <> '110105') AS other_county_code,
       count(*) FILTER (WHERE ST_SRID(geom) <> 4544) AS other_srid,
       count(*) FILTER (WHERE ST_X(ST_Centroid(geom)) NOT BETWEEN 500000 AND 600000) AS not_east_of_cm
  FROM gen_s.zd;
SELECT count(*) AS overlapping_pairs
  FROM gen_s.zd a JOIN gen_s.zd b ON a.id < b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********');
SET client_min_messages = warning;
DROP SCHEMA gen_s CASCADE;
RESET client_min_messages;

--
-- 10. Bad arguments: each a clean error with SQLSTATE.
--
RESET search_path;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    state text;
    msg text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN state || ' ' || msg;
END
$$;
CREATE SCHEMA gen_mine;
SELECT pg_temp.err(q) FROM (VALUES
    ($$SELECT jtsyq_gen.make_county('gen_x', 99)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000001)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{"overlaps": 1}')$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{"gap": -1}')$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{"gap": 1.5}')$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{"gap": "2"}')$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '[1]')$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{"gap": 60}')$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{"not_in_container": 20}')$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{}', 4326)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{}', 999999)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{}', 4523, '64012')$$),
    ($$SELECT jtsyq_gen.make_county('public', 1000)$$),
    ($$SELECT jtsyq_gen.make_county('jtsyq', 1000)$$),
    ($$SELECT jtsyq_gen.make_county('gen_mine', 1000)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', NULL)$$),
    ($$SELECT jtsyq_gen.make_county(NULL, 1000)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, NULL)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, NULL)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{}', NULL)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{}', 4523, NULL)$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{}', 4523, '990122')$$),
    ($$SELECT jtsyq_gen.make_county('gen_x', 1000, 1, '{}', 4523, '190122')$$)) v(q);
SELECT count(*) AS nothing_left_behind FROM pg_namespace WHERE nspname = 'gen_x';

SET client_min_messages = warning;
DROP SCHEMA gen_a, gen_f, gen_mine CASCADE;
RESET client_min_messages;
