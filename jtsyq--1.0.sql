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
-- Topology: whole-layer check, trigger, the kinds of finding, the QA table
-- (src/topo.c, src/topo_pg.c, src/topo_trigger.c)
-- DB64/T 2020-2024 §8.2.2 b) and §8.3.6: no self-intersections, crossings,
-- slivers, dangles or pseudo-nodes; polygons closed; no overlaps or gaps;
-- parcels on their boundary lines; tolerance 0.0001 m.
-----------------------------------------------------------------------------

CREATE TABLE jtsyq.topology_kinds (
    kind text PRIMARY KEY,
    label_zh text NOT NULL UNIQUE,
    applies_to text NOT NULL CHECK (applies_to IN ('any', 'polygon', 'line', 'container')),
    id1 text NOT NULL,
    id2 text,
    geom text,
    measure text,
    description text NOT NULL
);

INSERT INTO jtsyq.topology_kinds VALUES
('empty_geometry', '几何为空', 'any', 'the row', NULL, NULL, NULL,
 'The geometry is NULL or EMPTY.'),
('wrong_type', '几何类型错误', 'any', 'the row', NULL, NULL, NULL,
 'Not a polygon in a polygon layer, not a line in a line layer (points and mixed collections are never accepted). The layer''s type is that of its first usable row.'),
('nan_coordinate', '坐标非数值', 'any', 'the row', NULL, NULL, NULL,
 'A coordinate is NaN or infinite.'),
('srid_mismatch', '坐标系不一致', 'any', 'the row', NULL, NULL, 'the row''s SRID',
 'The row''s SRID differs from the layer''s (that of its first row).'),
('unclosed_ring', '面未闭合', 'polygon', 'the row', NULL, 'first point of the ring', NULL,
 'A polygon ring whose first and last points differ (面要素闭合).'),
('degenerate_ring', '退化环', 'polygon', 'the row', NULL, 'where', NULL,
 'A polygon ring with fewer than 4 points, or fewer than 3 distinct points.'),
('self_intersection', '自相交', 'any', 'the row', NULL, 'where (point or points)', NULL,
 'A polygon ring, or a line, crosses or touches itself (线自相交).'),
('invalid_geometry', '无效几何', 'polygon', 'the row', NULL, 'where', NULL,
 'An invalid polygon for another reason GEOS gives: a hole outside its shell, nested shells, a disconnected interior, a zero-area ring.'),
('duplicate', '重复要素', 'any', 'the row', 'the other row', 'the geometry', 'area (m²) or length (m)',
 'Two rows whose geometries are the same within the tolerance (each boundary lies within the tolerance of the other).'),
('overlap', '重叠', 'polygon', 'the row', 'the other row', 'the overlap, its parts wider than the tolerance', 'area (m²)',
 'Two polygons whose interiors overlap by more than the tolerance; containment counts. A sliver of overlap no wider than the tolerance is none (it vanishes when the tolerance snaps the boundaries together).'),
('gap', '缝隙', 'polygon', 'the container row', NULL, 'the gap', 'area (m²)',
 'A part of a container (a 地籍子区, or the parcel its patches must tile) that no feature covers and that is wider than the tolerance.'),
('sliver', '碎片多边形', 'polygon', 'the row', NULL, 'the thin polygon', 'mean width 2·area/perimeter (m)',
 'A polygon (or a part of one) whose mean width 2·area/perimeter is below sliver_width.'),
('not_in_container', '超出所属范围', 'polygon', 'the row', 'the container it lies most in (or its container_link value)', 'the part outside, wider than the tolerance', 'area (m²)',
 'A feature not inside a single container (宗地落在地籍子区内, 图斑落在宗地内).'),
('near_coincident', '节点未捕捉', 'any', 'the row', 'the other row', 'the unsnapped vertices', 'largest distance (m)',
 'Vertices (line ends, for lines) within the tolerance of the other feature''s vertices or boundary but not on them: shared boundaries that are almost, not exactly, the same.'),
('line_crossing', '两线相交', 'line', 'the row', 'the other row', 'the crossing points', 'number of crossings',
 'Two lines cross or touch away from their ends (两线互相交); within the tolerance of an end it is a node.'),
('line_overlap', '线重叠', 'line', 'the row', 'the other row', 'the segments lying along the other line', 'length (m)',
 'Two lines run along each other, within the tolerance, for longer than the tolerance.'),
('dangle', '悬挂点', 'line', 'the row', NULL, 'the free end', NULL,
 'A line end that no other line meets within the tolerance (lines closed on themselves have none).'),
('pseudo_node', '伪结点', 'line', 'the row', 'the other row', 'the node', NULL,
 'Exactly two line ends meet, and nothing else: the two lines could be one.'),
('not_on_polygon_edge', '线不在面边界上', 'line', 'the row', NULL, 'the parts off the edges', 'length (m)',
 'Parts of a line farther than the tolerance from every edge of the container polygons (宗地须与界址线重合).'),
('edge_not_on_line', '面边界无对应线', 'polygon', 'the row', NULL, 'the parts of the boundary without a line', 'length (m)',
 'Parts of a polygon''s boundary farther than the tolerance from every line of the container line layer (地类图斑边界须与地类界线重合).'),
('container_invalid', '范围图层几何错误', 'container', 'the container row', NULL, 'where', NULL,
 'A container row is NULL, EMPTY, of another type, another SRID, or invalid; an invalid one is repaired for the checks (each shell encloses what its ring goes round, less its holes).');

COMMENT ON TABLE jtsyq.topology_kinds IS
'The stable vocabulary of topology findings: kind (English key, an interface), label_zh (中文名称), what id1, id2, geom and measure hold for it.';

-- QA table of the trigger's record mode; a user table works as well if it
-- has the columns (layer, kind, id1, id2, geom, measure)
CREATE TABLE jtsyq.topology_findings (
    finding_id bigserial PRIMARY KEY,
    found_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    found_by name NOT NULL DEFAULT CURRENT_USER,
    layer text NOT NULL,
    kind text NOT NULL REFERENCES jtsyq.topology_kinds (kind),
    id1 text,
    id2 text,
    geom geometry,
    measure float8
);
CREATE INDEX topology_findings_layer_kind ON jtsyq.topology_findings (layer, kind);
SELECT pg_catalog.pg_extension_config_dump('jtsyq.topology_findings', '');
SELECT pg_catalog.pg_extension_config_dump('jtsyq.topology_findings_finding_id_seq', '');

COMMENT ON TABLE jtsyq.topology_findings IS
'Findings recorded by jtsyq.topology_trigger() in record mode (legacy data loads and is reported on). Dumped by pg_dump with the data.';

CREATE FUNCTION jtsyq._xmin(geom geometry)
RETURNS float8
AS 'MODULE_PATHNAME', 'jtsyq_xmin'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq._xmin(geometry) IS
'Internal: smallest x of a geometry (NULL if empty or not finite), the sort key of the topology sweep.';

CREATE FUNCTION jtsyq._topology_kind_keys()
RETURNS text[]
AS 'MODULE_PATHNAME', 'jtsyq_topology_kind_keys'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq._topology_kind_keys() IS
'Internal: the finding kinds compiled into the C code (the tests compare them with jtsyq.topology_kinds).';

CREATE FUNCTION jtsyq.topology_errors(
    layer regclass,
    geom_column name DEFAULT 'geom',
    tolerance float8 DEFAULT 0.0001,
    container regclass DEFAULT NULL,
    container_geom_column name DEFAULT 'geom',
    key_column name DEFAULT NULL,
    container_key_column name DEFAULT NULL,
    container_link name DEFAULT NULL,
    sliver_width float8 DEFAULT 0.1,
    checks text[] DEFAULT NULL)
RETURNS TABLE (kind text, id1 text, id2 text, geom geometry, measure float8)
AS 'MODULE_PATHNAME', 'jtsyq_topology_errors'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED ROWS 100;

COMMENT ON FUNCTION jtsyq.topology_errors(regclass, name, float8, regclass, name, name, name, name, float8, text[]) IS
'Whole-layer topology check with the survey''s cluster tolerance (DB64/T 2020-2024 §8.3.6): invalid, self-intersecting, unclosed and degenerate geometry, duplicates, overlaps, slivers, unsnapped near-coincident boundaries; with a container: gaps and features outside their container; for line layers: crossings, overlaps, dangles, pseudo-nodes and lines off the container polygons'' edges. kind values: jtsyq.topology_kinds; ids are the key column (primary key by default) as text.';

CREATE FUNCTION jtsyq.topology_trigger()
RETURNS trigger
AS 'MODULE_PATHNAME', 'jtsyq_topology_trigger'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION jtsyq.topology_trigger() IS
'Trigger enforcing the topology rules as data is written. TG_ARGV: geometry column, tolerance, container layer ('''' for none), mode reject (SQLSTATE 23514 naming the rule, the neighbour and the place) or record (into jtsyq.topology_findings or qa_table=...), then options key=, container_geom=, container_key=, container_link=, qa_table=, cell=, sliver_width=, checks=. FOR EACH ROW for edits; AFTER ... REFERENCING NEW TABLE ... FOR EACH STATEMENT for COPY and bulk loads. Advisory locks per grid cell close the READ COMMITTED race.';
