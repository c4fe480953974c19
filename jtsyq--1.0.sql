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
-- Survey layers (issue 6): 界址点 numbering, 界址线, 界址点成果表, 宗地四至
-- (src/boundary_points.c, src/boundary_points_pg.c)
--
-- DB64/T 2020-2024 §6.7.5-6.7.8 and §4.2.  Points are numbered from the
-- top-left point of a parcel clockwise from 1; holes continue the numbers
-- counter-clockwise; prefixes J/H/T share one running number.  "Top-left"
-- is the vertex nearest the north-west corner of the ring's bounding box,
-- ties (within 0.0001 m) to the northernmost, then westernmost vertex; see
-- src/boundary_points.h and README.md.  X is the northing, Y the easting,
-- both rounded to 2 decimals; lengths in metres, 2 decimals.  They read
-- spatial_ref_sys (the SRID must be projected), hence STABLE.
-----------------------------------------------------------------------------

CREATE FUNCTION jtsyq.boundary_points(
    parcel geometry,
    method text DEFAULT 'J',
    known_points geometry[] DEFAULT NULL,
    known_methods text[] DEFAULT NULL)
RETURNS TABLE(jzdh text, ring integer, seq integer, x float8, y float8, geom geometry)
AS 'MODULE_PATHNAME', 'jtsyq_boundary_points'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION jtsyq.boundary_points(geometry, text, geometry[], text[]) IS
'界址点 of one parcel (DB64/T 2020-2024 §6.7.6): numbered from its top-left point clockwise from 1, holes continuing counter-clockwise; prefix J (解析), H (航测) or T (图解), or per point from known_points/known_methods (J/H/T or 界址点类型 1/3/2), one running number. One row per distinct point; x = northing, y = easting, 2 decimals.';

CREATE FUNCTION jtsyq.boundary_lines(
    parcel geometry,
    method text DEFAULT 'J',
    known_points geometry[] DEFAULT NULL,
    known_methods text[] DEFAULT NULL)
RETURNS TABLE(ring integer, seq integer, qdh text, zdh text, jzxcd numeric, geom geometry)
AS 'MODULE_PATHNAME', 'jtsyq_boundary_lines'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION jtsyq.boundary_lines(geometry, text, geometry[], text[]) IS
'界址线 of one parcel: each edge between consecutive 界址点 in numbering order, with its start (起点号 qdh) and end (终点号 zdh) point numbers and length 界址线长度 jzxcd in metres, 2 decimals (DB64/T 2020-2024 §4.2, §6.7.8).';

CREATE FUNCTION jtsyq.boundary_point_table(
    parcel geometry,
    method text DEFAULT 'J',
    known_points geometry[] DEFAULT NULL,
    known_methods text[] DEFAULT NULL)
RETURNS TABLE(ring integer, seq integer, jzdh text, x float8, y float8, edge_length numeric)
AS 'MODULE_PATHNAME', 'jtsyq_boundary_point_table'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION jtsyq.boundary_point_table(geometry, text, geometry[], text[]) IS
'界址点成果表 of one parcel (DB64/T 2020-2024 §11.1 b): the points in walking order, ring by ring, with X (northing), Y (easting) and the edge length to the next point of the ring (the last row closes the ring), metres to 2 decimals.';

CREATE FUNCTION jtsyq.boundary_points_layer(
    codes text[],
    geoms geometry[],
    method text DEFAULT 'J',
    known_points geometry[] DEFAULT NULL,
    known_methods text[] DEFAULT NULL)
RETURNS TABLE(jzdh text, seq integer, x float8, y float8, geom geometry, zddm text[])
AS 'MODULE_PATHNAME', 'jtsyq_boundary_points_layer'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION jtsyq.boundary_points_layer(text[], geometry[], text, geometry[], text[]) IS
'界址点 of a survey unit (e.g. one 地籍子区): the parcels (codes[i], geoms[i]) are numbered one after the other in array order, each from its top-left point; a point shared by neighbours, or lying on a neighbour''s edge, is one point with one number. zddm lists the parcels whose boundary passes through the point.';

CREATE FUNCTION jtsyq.boundary_lines_layer(
    codes text[],
    geoms geometry[],
    method text DEFAULT 'J',
    known_points geometry[] DEFAULT NULL,
    known_methods text[] DEFAULT NULL)
RETURNS TABLE(zddm text, ring integer, seq integer, qdh text, zdh text, jzxcd numeric, geom geometry)
AS 'MODULE_PATHNAME', 'jtsyq_boundary_lines_layer'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION jtsyq.boundary_lines_layer(text[], geometry[], text, geometry[], text[]) IS
'界址线 of every parcel of a survey unit, with the unit-wide point numbers of boundary_points_layer as start/end (qdh/zdh) and lengths in metres to 2 decimals.';

CREATE FUNCTION jtsyq.boundary_point_table_layer(
    codes text[],
    geoms geometry[],
    method text DEFAULT 'J',
    known_points geometry[] DEFAULT NULL,
    known_methods text[] DEFAULT NULL)
RETURNS TABLE(zddm text, ring integer, seq integer, jzdh text, x float8, y float8, edge_length numeric)
AS 'MODULE_PATHNAME', 'jtsyq_boundary_point_table_layer'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION jtsyq.boundary_point_table_layer(text[], geometry[], text, geometry[], text[]) IS
'界址点成果表 of every parcel of a survey unit with the unit-wide point numbers (see boundary_points_layer).';

CREATE FUNCTION jtsyq.four_sides(codes text[], names text[], geoms geometry[])
RETURNS TABLE(zddm text, north text, east text, south text, west text)
AS 'MODULE_PATHNAME', 'jtsyq_four_sides'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION jtsyq.four_sides(text[], text[], geometry[]) IS
'宗地四至 from a layer: for each parcel, the neighbours sharing its outer boundary to the north, east, south and west (by the outward normal of each shared edge: north [315°,45°), east [45°,135°), south [135°,225°), west [225°,315°)), names joined with 、, longest shared boundary first; NULL where nothing adjoins.';
