/*
 * jtsyq--1.0.sql — install script of the jtsyq extension.
 *
 * Conventions (see README.md, "For contributors"):
 * - Every object lives in schema jtsyq (fixed by jtsyq.control) and is
 *   created schema-qualified.
 * - C functions take and return PostGIS geometry directly; the type name is
 *   resolved while this script runs, when search_path is
 *   "jtsyq, <postgis schema>, pg_temp".
 * - SQL and PL/pgSQL functions carry SET search_path FROM CURRENT, which
 *   freezes that same path, so they never depend on the caller's
 *   search_path (PostgreSQL 15 has no @extschema:postgis@).
 * - Volatility and parallel safety are declared truthfully; every public
 *   object has a COMMENT.  Names starting with "_" are internal.
 * - One section per concept, in the order the C files are listed in
 *   README.md.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION jtsyq CASCADE" to load this file. \quit

-----------------------------------------------------------------------------
-- Foundation: version, geometry I/O, GEOS and PROJ glue
-- (src/jtsyq.c, src/geom_pg.c, src/geos_pg.c, src/proj_pg.c)
-----------------------------------------------------------------------------

CREATE FUNCTION jtsyq.version()
RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_version'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.version() IS
'Versions of jtsyq and of the PostgreSQL, PostGIS, GEOS and PROJ it runs on in this backend.';

CREATE FUNCTION jtsyq.srid_info(
    srid integer,
    OUT crs_name text,
    OUT datum_name text,
    OUT is_cgcs2000 boolean,
    OUT is_projected boolean,
    OUT is_gauss_kruger boolean,
    OUT central_meridian float8,
    OUT false_easting float8,
    OUT zone integer,
    OUT zone_width integer,
    OUT zone_prefix boolean,
    OUT semi_major float8)
AS 'MODULE_PATHNAME', 'jtsyq_srid_info'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.srid_info(integer) IS
'What PROJ reads from a spatial_ref_sys entry: datum (is it CGCS2000?), projection, and the Gauss-Kruger zone (number, 3 or 6 degrees, zone prefix in the easting, central meridian).';

CREATE FUNCTION jtsyq.overlap_area(a geometry, b geometry)
RETURNS float8
AS 'MODULE_PATHNAME', 'jtsyq_overlap_area'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.overlap_area(geometry, geometry) IS
'Planar area (m² in a Gauss-Kruger SRID) of the intersection of two polygonal geometries, computed with GEOS; invalid input is reported as SQLSTATE 22023.';

-- Internal: prove the geometry reader/writer against PostGIS in the tests.
CREATE FUNCTION jtsyq._geom_roundtrip(geom geometry)
RETURNS geometry
AS 'MODULE_PATHNAME', 'jtsyq_geom_roundtrip'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq._geom_roundtrip(geometry) IS
'Internal: parse and re-serialize a geometry with jtsyq''s own reader and writer (tests compare the bytes with PostGIS''s).';

CREATE FUNCTION jtsyq._geom_raw(geom geometry)
RETURNS bytea
AS 'MODULE_PATHNAME', 'jtsyq_geom_raw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq._geom_raw(geometry) IS
'Internal: the serialized bytes of a geometry as stored (PostGIS''s ::bytea cast gives EWKB instead).';

-----------------------------------------------------------------------------
-- Ellipsoidal area, Gauss-Kruger conversions, units, map sheets (issue 3)
-- (src/ellipsoid_area.c, src/gauss_kruger.c, src/decimal_round.c,
--  src/polygon_check.c, src/map_sheet.c; wrappers src/area_pg.c,
--  src/map_sheet_pg.c)
--
-- Volatility: the area and conversion functions read the SRID's definition
-- from spatial_ref_sys (through PROJ, cached per backend).  Like PostGIS's
-- ST_Transform they are declared IMMUTABLE, so that they can feed generated
-- columns, indexes and Citus push-down; a spatial_ref_sys row must not be
-- redefined in place once areas have been stored for it.
-----------------------------------------------------------------------------

CREATE FUNCTION jtsyq.ellipsoid_area(
    geom geometry,
    densify_step float8 DEFAULT 70,
    xy_decimals integer DEFAULT 4,
    densify_decimals integer DEFAULT 6,
    seconds_decimals integer DEFAULT 6,
    result_decimals integer DEFAULT 2,
    pseudocode_literal boolean DEFAULT false,
    central_meridian float8 DEFAULT NULL,
    zone integer DEFAULT NULL)
RETURNS float8
AS 'MODULE_PATHNAME', 'jtsyq_ellipsoid_area'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.ellipsoid_area(geometry, float8, integer, integer, integer, integer, boolean, float8, integer) IS
'Ellipsoidal area (椭球面积, m²) of a CGCS2000 Gauss-Kruger polygon as the land survey''s checking software computes it (国土调查办发〔2008〕32号, TD/T 1055-2019): vertices rounded to 4 decimals, edges over 70 m densified (points rounded to 6 decimals), survey inverse series, B/L seconds rounded to 6 decimals, trapezoid series, result rounded to 2 decimals. NULL decimals = no rounding. Zone from the SRID; central_meridian/zone for SRID 0 or a local system. NULL geometry gives NULL; empty, invalid, non-polygonal input and points outside the zone raise 22023.';

CREATE FUNCTION jtsyq._ellipsoid_area_reference(
    geom geometry,
    densify_step float8 DEFAULT 70,
    xy_decimals integer DEFAULT 4,
    densify_decimals integer DEFAULT 6,
    seconds_decimals integer DEFAULT 6,
    result_decimals integer DEFAULT 2,
    pseudocode_literal boolean DEFAULT false,
    central_meridian float8 DEFAULT NULL,
    zone integer DEFAULT NULL)
RETURNS float8
AS 'MODULE_PATHNAME', 'jtsyq_ellipsoid_area_reference'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq._ellipsoid_area_reference(geometry, float8, integer, integer, integer, integer, boolean, float8, integer) IS
'Internal: ellipsoid_area() evaluated literally (libm sin/cos/tan for every point and multiple angle); the tests prove the fast path reports the same values.';

CREATE FUNCTION jtsyq._ellipsoid_area_debug(
    geom geometry,
    reference boolean DEFAULT false,
    OUT area float8,
    OUT unrounded float8,
    OUT points bigint,
    OUT fallback_points bigint,
    OUT fallback_area boolean,
    OUT error_bound float8)
AS 'MODULE_PATHNAME', 'jtsyq_ellipsoid_area_debug'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq._ellipsoid_area_debug(geometry, boolean) IS
'Internal: ellipsoid_area() with the official defaults and its diagnostics: unrounded value, points evaluated (inserted ones included), how often the fast path deferred to the reference, and its error bound (m²).';

CREATE FUNCTION jtsyq.gk_to_geodetic(
    geom geometry,
    central_meridian float8 DEFAULT NULL,
    zone integer DEFAULT NULL)
RETURNS geometry
AS 'MODULE_PATHNAME', 'jtsyq_gk_to_geodetic'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.gk_to_geodetic(geometry, float8, integer) IS
'Gauss-Kruger -> CGCS2000 longitude/latitude (SRID 4490) with the land survey''s own inverse series (not PROJ); agrees with PROJ''s transverse Mercator to 0.2 mm within 350 km of the central meridian. Zone from the SRID, or central_meridian/zone for SRID 0 or a local system.';

CREATE FUNCTION jtsyq.geodetic_to_gk(
    geom geometry,
    zone integer DEFAULT NULL,
    zone_prefix boolean DEFAULT true,
    target_srid integer DEFAULT NULL)
RETURNS geometry
AS 'MODULE_PATHNAME', 'jtsyq_geodetic_to_gk'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.geodetic_to_gk(geometry, integer, boolean, integer) IS
'CGCS2000 longitude/latitude (SRID 4490) -> Gauss-Kruger with the classical forward series: zone 25-45 (3°) or 13-23 (6°), with or without the zone prefix in the easting (result SRID EPSG 4491-4554), or any CGCS2000 Gauss-Kruger target_srid (custom county systems).';

CREATE FUNCTION jtsyq.m2_to_ha(area_m2 numeric)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$ SELECT round($1 / 10000, 4) $$;

COMMENT ON FUNCTION jtsyq.m2_to_ha(numeric) IS
'Square metres to hectares (公顷), rounded half away from zero to 4 decimals as statistics require (DB64/T 2020-2024 §4.2c).';

CREATE FUNCTION jtsyq.m2_to_ha(area_m2 float8)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$ SELECT jtsyq.m2_to_ha($1::numeric) $$;

COMMENT ON FUNCTION jtsyq.m2_to_ha(float8) IS
'Square metres (e.g. ellipsoid_area()) to hectares, 4 decimals; the float8 goes to numeric through its shortest decimal.';

CREATE FUNCTION jtsyq.m2_to_mu(area_m2 numeric)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$ SELECT round($1 * 15 / 10000, 2) $$;

COMMENT ON FUNCTION jtsyq.m2_to_mu(numeric) IS
'Square metres to mu (亩, 1 亩 = 10000/15 m²), rounded half away from zero to 2 decimals (DB64/T 2020-2024 §4.2c: 亩 is an auxiliary unit with 2 decimals).';

CREATE FUNCTION jtsyq.m2_to_mu(area_m2 float8)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$ SELECT jtsyq.m2_to_mu($1::numeric) $$;

COMMENT ON FUNCTION jtsyq.m2_to_mu(float8) IS
'Square metres (e.g. ellipsoid_area()) to mu, 2 decimals; the float8 goes to numeric through its shortest decimal.';

CREATE FUNCTION jtsyq.sheet_number(lon float8, lat float8, scale integer DEFAULT 10000)
RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_sheet_number'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.sheet_number(float8, float8, integer) IS
'GB/T 13989-2012 sheet number of the map sheet containing a CGCS2000 longitude/latitude (degrees), scale 1:1000000 ... 1:500 (e.g. J50G001001 at 1:10000). A point on a sheet line belongs to the sheet north/east of it (the standard''s formulas); within 4 µm counts as on the line.';

CREATE FUNCTION jtsyq.sheet_numbers(geom geometry, scale integer DEFAULT 10000)
RETURNS text[]
AS 'MODULE_PATHNAME', 'jtsyq_sheet_numbers'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.sheet_numbers(geometry, integer) IS
'Sorted GB/T 13989-2012 numbers of every map sheet a parcel reaches into by more than 1 mm (所在图幅号 of the 宗地图). Polygonal input in a CGCS2000 Gauss-Kruger SRID (GK-straight edges honoured) or in SRID 4490.';

CREATE FUNCTION jtsyq.sheet_area(sheet_number text, decimals integer DEFAULT 2)
RETURNS float8
AS 'MODULE_PATHNAME', 'jtsyq_sheet_area'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.sheet_area(text, integer) IS
'Theoretical sheet area (图幅理论面积, m²) of a GB/T 13989-2012 sheet on the CGCS2000 ellipsoid: eq. 1 of 国土调查办发〔2008〕32号, rounded half away from zero to `decimals` (NULL = unrounded). NULL sheet number gives NULL; a malformed one raises 22P02.';

CREATE FUNCTION jtsyq.sheet_bounds(
    sheet_number text,
    OUT west float8,
    OUT south float8,
    OUT east float8,
    OUT north float8)
AS 'MODULE_PATHNAME', 'jtsyq_sheet_bounds'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.sheet_bounds(text) IS
'Longitude/latitude bounds (degrees) of a GB/T 13989-2012 sheet; the sheet owns its west and south edges.';
