--
-- Ellipsoidal area (椭球面积), Gauss-Kruger conversions and area units
-- (src/ellipsoid_area.c, src/gauss_kruger.c, src/decimal_round.c,
-- src/polygon_check.c; wrappers src/area_pg.c).
--
-- How the expected values were checked:
-- * 999999.99 m² (1 km square on zone 40's central meridian) is the check
--   value of ../shared/domain/ellipsoid-area.md.
-- * The independent oracle is PostGIS: ST_Area(ST_Transform(g, 4490)::geography)
--   (PROJ's exact transverse Mercator, then GeographicLib's geodesic area)
--   agrees with the survey's area to 2e-8 when the parcels are dense
--   (edges <= 40 m), where geodesic and Gauss-Kruger-straight edges coincide.
-- * gk_to_geodetic / geodetic_to_gk are measured against ST_Transform (PROJ).
-- * Everything else is a property that any correct implementation has
--   (prefix-free zones, the GK plane area as an upper bound, holes, the
--   reference implementation) or hand arithmetic (units).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;

-- the domain file's check value, in both prefix conventions of zone 40
-- (4528 with the zone number in the easting, 4549 without) and in the
-- 6-degree zone with the same central meridian (zone 20 = CM 117 = 3-degree
-- zone 39): the same ground, the same area, and below the plane area 1e6
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000))') AS zone40_prefix,
       jtsyq.ellipsoid_area('SRID=4549;POLYGON((500000 3320000,500000 3321000,501000 3321000,501000 3320000,500000 3320000))') AS zone40,
       jtsyq.ellipsoid_area('SRID=4527;POLYGON((39500000 3320000,39500000 3321000,39501000 3321000,39501000 3320000,39500000 3320000))') AS zone39_prefix,
       jtsyq.ellipsoid_area('SRID=4498;POLYGON((20500000 3320000,20500000 3321000,20501000 3321000,20501000 3320000,20500000 3320000))') AS zone20_6deg_prefix,
       jtsyq.ellipsoid_area('SRID=4509;POLYGON((500000 3320000,500000 3321000,501000 3321000,501000 3320000,500000 3320000))') AS zone20_6deg;

-- options: unrounded (999999.9933 by the C unit test too), no densification
-- (the square's edges are meridian/parallel-like, little changes), the
-- pseudocode-literal eccentricities (+5.8 ppm at 30 N), no seconds rounding
SELECT round(jtsyq.ellipsoid_area(g, result_decimals => NULL)::numeric, 4) AS unrounded,
       jtsyq.ellipsoid_area(g, densify_step => 0) AS not_densified,
       jtsyq.ellipsoid_area(g, pseudocode_literal => true) AS pseudocode_literal,
       jtsyq.ellipsoid_area(g, seconds_decimals => NULL, xy_decimals => NULL) AS no_input_rounding,
       jtsyq.ellipsoid_area(g, result_decimals => 0) AS whole_m2
FROM (SELECT 'SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000))'::geometry AS g) s;

-- why the 70 m rule exists: a 1 km right triangle 150 km east of the CM
-- loses 22.5 m² without it (the domain file quotes -22.6 m²)
SELECT jtsyq.ellipsoid_area(g) AS densified,
       jtsyq.ellipsoid_area(g, densify_step => 0) AS not_densified,
       round((jtsyq.ellipsoid_area(g) - jtsyq.ellipsoid_area(g, densify_step => 0))::numeric, 1) AS difference
FROM (SELECT 'SRID=4528;POLYGON((40650000 3320000,40651000 3320000,40650000 3321000,40650000 3320000))'::geometry AS g) s;

-- holes subtract: 999999.99 - 40000.00 = 959999.99 (shell minus hole, each
-- rounded), and a multipolygon is the sum of its members: + 10000.00
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000),(40500200 3320200,40500400 3320200,40500400 3320400,40500200 3320400,40500200 3320200))') AS with_hole,
       jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500200 3320200,40500400 3320200,40500400 3320400,40500200 3320400,40500200 3320200))') AS hole_alone,
       jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500250 3320250,40500350 3320250,40500350 3320350,40500250 3320350,40500250 3320250))') AS island_alone,
       jtsyq.ellipsoid_area('SRID=4528;MULTIPOLYGON(((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000),(40500200 3320200,40500400 3320200,40500400 3320400,40500200 3320400,40500200 3320200)),((40500250 3320250,40500350 3320250,40500350 3320350,40500250 3320350,40500250 3320250)))') AS with_island_in_hole;

-- SRID 0 and local systems: explicit zone or central meridian; the zone
-- prefix of the eastings is recognised and must match
SELECT jtsyq.ellipsoid_area('POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000))', zone => 40) AS by_zone,
       jtsyq.ellipsoid_area('POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000))', central_meridian => 120) AS by_cm,
       jtsyq.ellipsoid_area('POLYGON((500000 3320000,500000 3321000,501000 3321000,501000 3320000,500000 3320000))', central_meridian => 120) AS no_prefix,
       jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000))', zone => 40) AS agreeing_zone;
-- a county's own system in spatial_ref_sys (proj4 text, GRS80 = the CGCS2000
-- ellipsoid, CM 114.5): read through PROJ, same as SRID 0 with that CM
INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
VALUES (990001, NULL, NULL, NULL, '+proj=tmerc +lat_0=0 +lon_0=114.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
SELECT jtsyq.ellipsoid_area('SRID=990001;POLYGON((560000 3320000,560000 3321000,561000 3321000,561000 3320000,560000 3320000))') AS county_system,
       jtsyq.ellipsoid_area('POLYGON((560000 3320000,560000 3321000,561000 3321000,561000 3320000,560000 3320000))', central_meridian => 114.5) AS same_by_cm;

--
-- The oracle: 300 dense random parcels (smooth star shapes, 700-2200 m
-- radius, edges <= 40 m, millimetre coordinates) in every 3-degree zone with
-- and without prefix and in 6-degree zones, up to 150 km from the central
-- meridian, latitudes 20-51 N.  Survey area (unrounded) against PostGIS
-- geography on the same vertices.
--
SELECT setseed(0.17);
CREATE TEMP TABLE dense AS
SELECT id, srid, ST_SetSRID(ST_MakePolygon(ST_MakeLine(pts || pts[1])), srid) AS geom
FROM (SELECT id, srid,
             array_agg(ST_MakePoint(round((cx + r * (1 + 0.2 * sin(3 * a + ph)) * cos(a) + j)::numeric, 3)::float8,
                                    round((cy + r * (1 + 0.2 * sin(3 * a + ph)) * sin(a) + j)::numeric, 3)::float8)
                       ORDER BY k) AS pts
        FROM (SELECT id, srid, cx, cy, r, random() * 6 AS ph,
                     ceil(2 * pi() * r * 1.6 / 35)::int AS n
                FROM (SELECT id, srid,
                             prefix * 1000000 + 500000 + (random() - 0.5) * 2 * 150000 AS cx,
                             2200000 + random() * 3450000 AS cy,
                             700 + random() * 1500 AS r
                        FROM (SELECT id,
                                     CASE id % 3 WHEN 0 THEN 4513 + id % 21
                                                 WHEN 1 THEN 4534 + id % 21
                                                 ELSE CASE WHEN id % 2 = 0 THEN 4491 + id % 11 ELSE 4502 + id % 11 END END AS srid,
                                     CASE id % 3 WHEN 0 THEN 25 + id % 21
                                                 WHEN 1 THEN 0
                                                 ELSE CASE WHEN id % 2 = 0 THEN 13 + id % 11 ELSE 0 END END AS prefix
                                FROM generate_series(1, 300) id) z) c) p,
             LATERAL (SELECT k, 2 * pi() * k / p.n AS a, random() - 0.5 AS j
                        FROM generate_series(0, p.n - 1) k) s
       GROUP BY id, srid) q;
SELECT count(*) AS parcels,
       count(DISTINCT srid) AS srids,
       sum(ST_NPoints(geom)) > 70000 AS many_vertices,
       bool_and(ST_IsValid(geom)) AS all_valid,
       max(abs(jtsyq.ellipsoid_area(geom, result_decimals => NULL)
               / ST_Area(ST_Transform(geom, 4490)::geography) - 1)) < 2e-8 AS agree_to_2e_8
FROM dense;
SELECT max(ST_Length(ST_MakeLine(ST_PointN(ST_ExteriorRing(geom), k), ST_PointN(ST_ExteriorRing(geom), k + 1)))) <= 40 AS edges_within_40m
FROM dense, LATERAL generate_series(1, ST_NPoints(geom) - 1) k;
-- the survey area is never above the Gauss-Kruger plane area
SELECT count(*) FILTER (WHERE jtsyq.ellipsoid_area(geom) > ST_Area(geom)) AS above_plane_area
FROM dense;
-- the fast path reports exactly what the literal reference implementation
-- does, here and on 2000 coarse parcels (200 m edges, 3.4 points per vertex)
SELECT count(*) FILTER (WHERE jtsyq.ellipsoid_area(geom) <> jtsyq._ellipsoid_area_reference(geom)) AS fast_differs
FROM dense;
SELECT setseed(0.5);
CREATE TEMP TABLE coarse AS
SELECT id, ST_SetSRID(ST_MakePolygon(ST_MakeLine(pts || pts[1])), 4526) AS geom
FROM (SELECT id, array_agg(ST_MakePoint(round((cx + 950 * cos(a) + 60 * random())::numeric, 3)::float8,
                                        round((cy + 950 * sin(a) + 60 * random())::numeric, 3)::float8) ORDER BY k) AS pts
        FROM (SELECT id, 38400000 + random() * 200000 AS cx, 2500000 + random() * 2000000 AS cy
                FROM generate_series(1, 2000) id) c,
             LATERAL (SELECT k, 2 * pi() * k / 30 AS a FROM generate_series(0, 29) k) s
       GROUP BY id) q;
SELECT count(*) AS parcels,
       count(*) FILTER (WHERE jtsyq.ellipsoid_area(geom) <> jtsyq._ellipsoid_area_reference(geom)) AS fast_differs,
       count(*) FILTER (WHERE jtsyq.ellipsoid_area(geom, pseudocode_literal => true, densify_step => 35)
                              <> jtsyq._ellipsoid_area_reference(geom, pseudocode_literal => true, densify_step => 35)) AS fast_differs_other_options
FROM coarse;
SELECT sum(points) / count(*) AS points_per_parcel, sum(fallback_points) < sum(points) / 50 AS few_point_fallbacks
FROM coarse, LATERAL jtsyq._ellipsoid_area_debug(geom);

--
-- Gauss-Kruger conversions against PROJ (ST_Transform): 18900 points in all
-- 3-degree zones, latitudes 20-59 N.  The survey's inverse series is within
-- 0.25 mm of PROJ up to 150 km from the central meridian (its -0.1 mm
-- latitude bias and 0.14 mm from its k0), 5 mm up to 250 km, 6 cm at 350
-- km; the forward series within 0.01 mm, 0.1 mm and 1 mm.
--
SELECT setseed(0.42);
CREATE TEMP TABLE pts AS
SELECT z, band, ST_SetSRID(ST_MakePoint(z * 1000000 + 500000 + (random() - 0.5) * 2 * band,
                                        2200000 + random() * 4400000), 4513 + z - 25) AS gk
FROM generate_series(25, 45) z, generate_series(1, 300) i, (VALUES (150000), (250000), (350000)) b(band);
SELECT band / 1000 AS km,
       max(ST_Distance(jtsyq.gk_to_geodetic(gk)::geography, ST_Transform(gk, 4490)::geography)) <
         CASE band WHEN 150000 THEN 0.00025 WHEN 250000 THEN 0.005 ELSE 0.06 END AS inverse_ok,
       max(ST_Distance(jtsyq.geodetic_to_gk(ST_Transform(gk, 4490), z), gk)) <
         CASE band WHEN 150000 THEN 0.00001 WHEN 250000 THEN 0.0001 ELSE 0.001 END AS forward_ok
FROM pts GROUP BY band ORDER BY band;
-- SRIDs of the results, Z kept, the other conventions
SELECT ST_SRID(jtsyq.gk_to_geodetic('SRID=4528;POINT(40500000 3320000)')) AS geodetic_srid,
       ST_AsText(jtsyq.gk_to_geodetic('SRID=4528;POINT(40500000 3320000)'), 9) AS on_the_cm,
       ST_AsText(jtsyq.gk_to_geodetic('SRID=4528;POINT Z (40500000 3320000 1234.5)'), 3) AS z_kept,
       ST_AsText(jtsyq.gk_to_geodetic('POINT(500000 3320000)', central_meridian => 120), 9) AS srid0_by_cm;
SELECT ST_SRID(jtsyq.geodetic_to_gk('SRID=4490;POINT(120.5 30)', 40)) AS zone40_prefix,
       ST_SRID(jtsyq.geodetic_to_gk('SRID=4490;POINT(120.5 30)', 40, zone_prefix => false)) AS zone40,
       ST_SRID(jtsyq.geodetic_to_gk('SRID=4490;POINT(117.5 30)', 20)) AS zone20_6deg,
       ST_SRID(jtsyq.geodetic_to_gk('SRID=4490;POINT(114.6 30)', target_srid => 990001)) AS county_system,
       round(ST_X(jtsyq.geodetic_to_gk('SRID=4490;POINT(120 30)', 40))::numeric, 6) AS cm_easting;
-- a polygon there and back keeps its shape to 0.2 mm
SELECT ST_HausdorffDistance(jtsyq.geodetic_to_gk(jtsyq.gk_to_geodetic(geom), 38), geom) < 0.0002 AS round_trip
FROM coarse WHERE id = 1;

--
-- Units (DB64/T 2020-2024 §4.2c): hectares with 4 decimals, mu with 2,
-- half away from zero; 1 mu = 10000/15 m²
--
SELECT jtsyq.m2_to_ha(999999.99::float8) AS ha,
       jtsyq.m2_to_ha(12345.675) AS ha_rounded_up,     -- 1.2345675
       jtsyq.m2_to_ha(0.5) AS ha_tie,                  -- 0.00005 -> 0.0001
       jtsyq.m2_to_ha(0) AS ha_zero,                   -- 0 is an area; below 0 is an error
       jtsyq.m2_to_mu(999999.99::float8) AS mu,        -- 1499.999985
       jtsyq.m2_to_mu(10000) AS mu_of_a_hectare,
       jtsyq.m2_to_mu(2000.0 / 3) AS one_mu,
       jtsyq.m2_to_mu(100) AS mu_tie;                  -- 0.15 exactly
-- float8 areas reach numeric through their shortest decimal
SELECT jtsyq.m2_to_ha(jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000))')) AS ha,
       pg_typeof(jtsyq.m2_to_mu(1.0::float8)) AS mu_type;

-- NULL in, NULL out (documented: SQL NULL means "no geometry", not an error)
SELECT jtsyq.ellipsoid_area(NULL) IS NULL AS null_area,
       jtsyq.gk_to_geodetic(NULL) IS NULL AS null_inverse,
       jtsyq.geodetic_to_gk(NULL, 40) IS NULL AS null_forward,
       jtsyq.m2_to_ha(NULL::numeric) IS NULL AS null_ha,
       jtsyq.m2_to_ha(NULL::float8) IS NULL AS null_ha_float8,
       jtsyq.m2_to_mu(NULL::numeric) IS NULL AS null_mu,
       jtsyq.m2_to_mu(NULL::float8) IS NULL AS null_mu_float8;
-- EMPTY in, EMPTY out for the conversions (as ST_Transform), in the SRID
-- of the result: 4490 from GK, the zone's SRID from longitude/latitude
SELECT ST_AsEWKT(jtsyq.gk_to_geodetic('SRID=4528;POINT EMPTY')) AS empty_inverse,
       ST_AsEWKT(jtsyq.gk_to_geodetic('SRID=4528;POLYGON EMPTY')) AS empty_polygon_inverse,
       ST_AsEWKT(jtsyq.geodetic_to_gk('SRID=4490;POINT EMPTY', 40)) AS empty_forward,
       ST_AsEWKT(jtsyq.geodetic_to_gk('SRID=4490;POLYGON EMPTY', 40, zone_prefix => false)) AS empty_polygon_forward;

-- the functions do not depend on the caller's search_path
SET search_path = pg_catalog;
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000))'::public.geometry) AS area,
       jtsyq.m2_to_mu(10000) AS mu;
RESET search_path;

--
-- Bad input: each a clear error with SQLSTATE, never a wrong number
--
\set VERBOSITY default
\set SHOW_CONTEXT never
-- empty
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON EMPTY');
-- not polygonal
SELECT jtsyq.ellipsoid_area('SRID=4528;LINESTRING(40500000 3320000,40500000 3321000)');
-- a bow tie (the fast check finds the crossing)
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40501000 3321000,40501000 3320000,40500000 3321000,40500000 3320000))');
-- a bow tie through a shared vertex (GEOS decides)
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500500 3320500,40501000 3321000,40501000 3320000,40500500 3320500,40500000 3321000,40500000 3320000))');
-- a hole outside its shell
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000),(40502000 3320200,40502400 3320200,40502400 3320400,40502000 3320200))');
-- overlapping members
SELECT jtsyq.ellipsoid_area('SRID=4528;MULTIPOLYGON(((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000)),((40500200 3320200,40500400 3320200,40500400 3320400,40500200 3320200)))');
-- NaN coordinates
SELECT jtsyq.ellipsoid_area(ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(40500000, 3320000), ST_MakePoint('NaN'::float8, 3321000), ST_MakePoint(40501000, 3321000), ST_MakePoint(40500000, 3320000)])), 4528));
-- a zone prefix missing (coordinates of 4549 labelled 4528): out of zone
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((500000 3320000,500000 3321000,501000 3321000,501000 3320000,500000 3320000))');
-- swapped axes
SELECT jtsyq.ellipsoid_area('SRID=4549;POLYGON((3320000 500000,3321000 500000,3321000 501000,3320000 501000,3320000 500000))');
-- no SRID, no zone
SELECT jtsyq.ellipsoid_area('POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000))');
-- a geographic SRID, a SRID on another datum (Xian 1980 Gauss-Kruger CM 114E), an unknown SRID
SELECT jtsyq.ellipsoid_area('SRID=4490;POLYGON((120 30,120 30.01,120.01 30.01,120 30))');
SELECT jtsyq.ellipsoid_area('SRID=2383;POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))');
SELECT jtsyq.ellipsoid_area('SRID=999999;POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))');
-- arguments that contradict the SRID or the prefix
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', zone => 39);
SELECT jtsyq.ellipsoid_area('POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', zone => 39);
SELECT jtsyq.ellipsoid_area('POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))', zone => 12);
-- options out of range, NULL where not allowed
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', densify_step => -70);
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', seconds_decimals => 12);
SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', densify_step => NULL);
-- curves are refused by the geometry reader
SELECT jtsyq.ellipsoid_area('SRID=4528;CURVEPOLYGON(CIRCULARSTRING(40500000 3320000,40500500 3320500,40501000 3320000,40500500 3319500,40500000 3320000))');
-- conversions: out of range, wrong input SRIDs, missing zone
SELECT jtsyq.gk_to_geodetic('SRID=4528;POINT(500000 3320000)');
SELECT jtsyq.gk_to_geodetic('POINT(500000 3320000)');
SELECT jtsyq.geodetic_to_gk('SRID=4490;POINT(130 30)', 40);
SELECT jtsyq.geodetic_to_gk('POINT(120 30)', 40);
SELECT jtsyq.geodetic_to_gk('SRID=4528;POINT(40500000 3320000)', 40);
SELECT jtsyq.geodetic_to_gk('SRID=4490;POINT(120 30)');
SELECT jtsyq.geodetic_to_gk('SRID=4490;POINT(120 30)', 24);
SELECT jtsyq.geodetic_to_gk('SRID=4490;POINT(120 30)', 39, target_srid => 4528);

\set VERBOSITY terse
-- the SQLSTATE and message of every bad input: the 28 above in order,
-- then those shown only here: NaN coordinates and geographic or non-CGCS2000
-- SRIDs for the conversions, and areas that are not finite numbers >= 0
-- for the unit conversions (negative, NaN, infinite; numeric and float8)
SELECT 'the SQLSTATEs' AS check;
DO $$
DECLARE
    t text;
    st text;
    msg text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON EMPTY')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;LINESTRING(40500000 3320000,40500000 3321000)')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40501000 3321000,40501000 3320000,40500000 3321000,40500000 3320000))')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500500 3320500,40501000 3321000,40501000 3320000,40500500 3320500,40500000 3321000,40500000 3320000))')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000),(40502000 3320200,40502400 3320200,40502400 3320400,40502000 3320200))')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;MULTIPOLYGON(((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000)),((40500200 3320200,40500400 3320200,40500400 3320400,40500200 3320200)))')$q$,
        $q$SELECT jtsyq.ellipsoid_area(ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(40500000, 3320000), ST_MakePoint('NaN'::float8, 3321000), ST_MakePoint(40501000, 3321000), ST_MakePoint(40500000, 3320000)])), 4528))$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((500000 3320000,500000 3321000,501000 3321000,501000 3320000,500000 3320000))')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4549;POLYGON((3320000 500000,3321000 500000,3321000 501000,3320000 501000,3320000 500000))')$q$,
        $q$SELECT jtsyq.ellipsoid_area('POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40501000 3320000,40500000 3320000))')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4490;POLYGON((120 30,120 30.01,120.01 30.01,120 30))')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=2383;POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=999999;POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))')$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', zone => 39)$q$,
        $q$SELECT jtsyq.ellipsoid_area('POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', zone => 39)$q$,
        $q$SELECT jtsyq.ellipsoid_area('POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))', zone => 12)$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', densify_step => -70)$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', seconds_decimals => 12)$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;POLYGON((40500000 3320000,40500000 3321000,40501000 3321000,40500000 3320000))', densify_step => NULL)$q$,
        $q$SELECT jtsyq.ellipsoid_area('SRID=4528;CURVEPOLYGON(CIRCULARSTRING(40500000 3320000,40500500 3320500,40501000 3320000,40500500 3319500,40500000 3320000))')$q$,
        $q$SELECT jtsyq.gk_to_geodetic('SRID=4528;POINT(500000 3320000)')$q$,
        $q$SELECT jtsyq.gk_to_geodetic('POINT(500000 3320000)')$q$,
        $q$SELECT jtsyq.geodetic_to_gk('SRID=4490;POINT(130 30)', 40)$q$,
        $q$SELECT jtsyq.geodetic_to_gk('POINT(120 30)', 40)$q$,
        $q$SELECT jtsyq.geodetic_to_gk('SRID=4528;POINT(40500000 3320000)', 40)$q$,
        $q$SELECT jtsyq.geodetic_to_gk('SRID=4490;POINT(120 30)')$q$,
        $q$SELECT jtsyq.geodetic_to_gk('SRID=4490;POINT(120 30)', 24)$q$,
        $q$SELECT jtsyq.geodetic_to_gk('SRID=4490;POINT(120 30)', 39, target_srid => 4528)$q$,
        $q$SELECT jtsyq.gk_to_geodetic(ST_SetSRID(ST_MakePoint('NaN'::float8, 3320000), 4528))$q$,
        $q$SELECT jtsyq.geodetic_to_gk(ST_SetSRID(ST_MakePoint(120, 'Infinity'::float8), 4490), 40)$q$,
        $q$SELECT jtsyq.gk_to_geodetic('SRID=4490;POINT(120 30)')$q$,
        $q$SELECT jtsyq.gk_to_geodetic('SRID=4326;POINT(120 30)')$q$,
        $q$SELECT jtsyq.gk_to_geodetic('SRID=2383;POINT(500000 3320000)')$q$,
        $q$SELECT jtsyq.geodetic_to_gk('SRID=4326;POINT(120 30)', 40)$q$,
        $q$SELECT jtsyq.m2_to_ha(-0.5)$q$,
        $q$SELECT jtsyq.m2_to_ha('NaN'::numeric)$q$,
        $q$SELECT jtsyq.m2_to_ha(-1e-9::float8)$q$,
        $q$SELECT jtsyq.m2_to_ha('Infinity'::float8)$q$,
        $q$SELECT jtsyq.m2_to_mu(-100)$q$,
        $q$SELECT jtsyq.m2_to_mu('NaN'::float8)$q$,
        $q$SELECT jtsyq.m2_to_mu('-Infinity'::float8)$q$]
    LOOP
        BEGIN
            EXECUTE t;
            RAISE NOTICE 'no error: %', t;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
            RAISE NOTICE '%: %', st, msg;
        END;
    END LOOP;
END $$;

DELETE FROM spatial_ref_sys WHERE srid = 990001;
