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
