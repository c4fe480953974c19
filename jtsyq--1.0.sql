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
-- Unit codes: 不动产单元代码 (GB/T 37346-2019; DB64/T 2020-2024 §6.5)
-- (src/bdcdyh.c, src/bdcdyh_pg.c): the type jtsyq.bdcdyh, its accessors,
-- make_bdcdyh, validation of legacy text, race-free allocation of 宗地顺序号
-- (next_zdsxh) and the code history (新旧代码对照表).
-----------------------------------------------------------------------------

CREATE TYPE jtsyq.bdcdyh;

CREATE FUNCTION jtsyq._bdcdyh_in(cstring)
RETURNS jtsyq.bdcdyh
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION jtsyq._bdcdyh_out(jtsyq.bdcdyh)
RETURNS cstring
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION jtsyq._bdcdyh_recv(internal)
RETURNS jtsyq.bdcdyh
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION jtsyq._bdcdyh_send(jtsyq.bdcdyh)
RETURNS bytea
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- 16 bytes: an order-preserving packing of the 28 characters (see bdcdyh.c)
CREATE TYPE jtsyq.bdcdyh (
    INPUT = jtsyq._bdcdyh_in,
    OUTPUT = jtsyq._bdcdyh_out,
    RECEIVE = jtsyq._bdcdyh_recv,
    SEND = jtsyq._bdcdyh_send,
    INTERNALLENGTH = 16,
    ALIGNMENT = char,
    STORAGE = plain
);

COMMENT ON TYPE jtsyq.bdcdyh IS
'不动产单元代码 (real-estate unit code, GB/T 37346-2019): 28 characters = county code (6) + 地籍区 (3) + 地籍子区 (3) + 宗地特征码 (2) + 宗地顺序号 (5) + 定着物特征码 (1) + 定着物单元号 (8). Every field is validated on input (22P02 naming the field and position); sorts and hashes like its text.';

COMMENT ON FUNCTION jtsyq._bdcdyh_in(cstring) IS
'Internal: text input of jtsyq.bdcdyh (validates every field).';
COMMENT ON FUNCTION jtsyq._bdcdyh_out(jtsyq.bdcdyh) IS
'Internal: text output of jtsyq.bdcdyh (the 28 characters).';
COMMENT ON FUNCTION jtsyq._bdcdyh_recv(internal) IS
'Internal: binary input of jtsyq.bdcdyh (the 28 ASCII characters, validated like text input; errors are 22P03).';
COMMENT ON FUNCTION jtsyq._bdcdyh_send(jtsyq.bdcdyh) IS
'Internal: binary output of jtsyq.bdcdyh (the 28 ASCII characters).';

-- comparison: the packing orders like the text, so these are byte compares
CREATE FUNCTION jtsyq._bdcdyh_eq(jtsyq.bdcdyh, jtsyq.bdcdyh) RETURNS boolean
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION jtsyq._bdcdyh_ne(jtsyq.bdcdyh, jtsyq.bdcdyh) RETURNS boolean
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION jtsyq._bdcdyh_lt(jtsyq.bdcdyh, jtsyq.bdcdyh) RETURNS boolean
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION jtsyq._bdcdyh_le(jtsyq.bdcdyh, jtsyq.bdcdyh) RETURNS boolean
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION jtsyq._bdcdyh_gt(jtsyq.bdcdyh, jtsyq.bdcdyh) RETURNS boolean
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION jtsyq._bdcdyh_ge(jtsyq.bdcdyh, jtsyq.bdcdyh) RETURNS boolean
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION jtsyq._bdcdyh_cmp(jtsyq.bdcdyh, jtsyq.bdcdyh) RETURNS integer
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION jtsyq._bdcdyh_sortsupport(internal) RETURNS void
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq._bdcdyh_hash(jtsyq.bdcdyh) RETURNS integer
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION jtsyq._bdcdyh_hash_extended(jtsyq.bdcdyh, bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION jtsyq._bdcdyh_eq(jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Internal: = of jtsyq.bdcdyh.';
COMMENT ON FUNCTION jtsyq._bdcdyh_ne(jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Internal: <> of jtsyq.bdcdyh.';
COMMENT ON FUNCTION jtsyq._bdcdyh_lt(jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Internal: < of jtsyq.bdcdyh (text order).';
COMMENT ON FUNCTION jtsyq._bdcdyh_le(jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Internal: <= of jtsyq.bdcdyh (text order).';
COMMENT ON FUNCTION jtsyq._bdcdyh_gt(jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Internal: > of jtsyq.bdcdyh (text order).';
COMMENT ON FUNCTION jtsyq._bdcdyh_ge(jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Internal: >= of jtsyq.bdcdyh (text order).';
COMMENT ON FUNCTION jtsyq._bdcdyh_cmp(jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Internal: btree comparison of jtsyq.bdcdyh (text order).';
COMMENT ON FUNCTION jtsyq._bdcdyh_sortsupport(internal) IS 'Internal: btree sort support of jtsyq.bdcdyh.';
COMMENT ON FUNCTION jtsyq._bdcdyh_hash(jtsyq.bdcdyh) IS 'Internal: hash of jtsyq.bdcdyh.';
COMMENT ON FUNCTION jtsyq._bdcdyh_hash_extended(jtsyq.bdcdyh, bigint) IS 'Internal: 64-bit seeded hash of jtsyq.bdcdyh (hash partitioning).';

CREATE OPERATOR jtsyq.= (
    LEFTARG = jtsyq.bdcdyh, RIGHTARG = jtsyq.bdcdyh, FUNCTION = jtsyq._bdcdyh_eq,
    COMMUTATOR = OPERATOR(jtsyq.=), NEGATOR = OPERATOR(jtsyq.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR jtsyq.<> (
    LEFTARG = jtsyq.bdcdyh, RIGHTARG = jtsyq.bdcdyh, FUNCTION = jtsyq._bdcdyh_ne,
    COMMUTATOR = OPERATOR(jtsyq.<>), NEGATOR = OPERATOR(jtsyq.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR jtsyq.< (
    LEFTARG = jtsyq.bdcdyh, RIGHTARG = jtsyq.bdcdyh, FUNCTION = jtsyq._bdcdyh_lt,
    COMMUTATOR = OPERATOR(jtsyq.>), NEGATOR = OPERATOR(jtsyq.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR jtsyq.<= (
    LEFTARG = jtsyq.bdcdyh, RIGHTARG = jtsyq.bdcdyh, FUNCTION = jtsyq._bdcdyh_le,
    COMMUTATOR = OPERATOR(jtsyq.>=), NEGATOR = OPERATOR(jtsyq.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR jtsyq.> (
    LEFTARG = jtsyq.bdcdyh, RIGHTARG = jtsyq.bdcdyh, FUNCTION = jtsyq._bdcdyh_gt,
    COMMUTATOR = OPERATOR(jtsyq.<), NEGATOR = OPERATOR(jtsyq.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR jtsyq.>= (
    LEFTARG = jtsyq.bdcdyh, RIGHTARG = jtsyq.bdcdyh, FUNCTION = jtsyq._bdcdyh_ge,
    COMMUTATOR = OPERATOR(jtsyq.<=), NEGATOR = OPERATOR(jtsyq.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

COMMENT ON OPERATOR jtsyq.= (jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Same 不动产单元代码.';
COMMENT ON OPERATOR jtsyq.<> (jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Different 不动产单元代码.';
COMMENT ON OPERATOR jtsyq.< (jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Precedes in text order.';
COMMENT ON OPERATOR jtsyq.<= (jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Precedes or equals in text order.';
COMMENT ON OPERATOR jtsyq.> (jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Follows in text order.';
COMMENT ON OPERATOR jtsyq.>= (jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Follows or equals in text order.';

CREATE OPERATOR CLASS jtsyq.bdcdyh_ops
    DEFAULT FOR TYPE jtsyq.bdcdyh USING btree AS
        OPERATOR 1 jtsyq.<,
        OPERATOR 2 jtsyq.<=,
        OPERATOR 3 jtsyq.=,
        OPERATOR 4 jtsyq.>=,
        OPERATOR 5 jtsyq.>,
        FUNCTION 1 jtsyq._bdcdyh_cmp(jtsyq.bdcdyh, jtsyq.bdcdyh),
        FUNCTION 2 jtsyq._bdcdyh_sortsupport(internal),
        FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS jtsyq.bdcdyh_ops
    DEFAULT FOR TYPE jtsyq.bdcdyh USING hash AS
        OPERATOR 1 jtsyq.=,
        FUNCTION 1 jtsyq._bdcdyh_hash(jtsyq.bdcdyh),
        FUNCTION 2 jtsyq._bdcdyh_hash_extended(jtsyq.bdcdyh, bigint);

COMMENT ON OPERATOR CLASS jtsyq.bdcdyh_ops USING btree IS
'Text order of 不动产单元代码 (primary keys, unique constraints, ORDER BY, merge joins); equality is bitwise, so B-tree deduplication applies.';
COMMENT ON OPERATOR CLASS jtsyq.bdcdyh_ops USING hash IS
'Hashing of 不动产单元代码 (hash joins, hash aggregation, hash indexes and partitions).';

-- min() and max(), answered from a btree index when there is one
CREATE FUNCTION jtsyq._bdcdyh_smaller(jtsyq.bdcdyh, jtsyq.bdcdyh) RETURNS jtsyq.bdcdyh
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq._bdcdyh_larger(jtsyq.bdcdyh, jtsyq.bdcdyh) RETURNS jtsyq.bdcdyh
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jtsyq._bdcdyh_smaller(jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Internal: transition function of min(jtsyq.bdcdyh).';
COMMENT ON FUNCTION jtsyq._bdcdyh_larger(jtsyq.bdcdyh, jtsyq.bdcdyh) IS 'Internal: transition function of max(jtsyq.bdcdyh).';

CREATE AGGREGATE jtsyq.min(jtsyq.bdcdyh) (
    SFUNC = jtsyq._bdcdyh_smaller, STYPE = jtsyq.bdcdyh,
    COMBINEFUNC = jtsyq._bdcdyh_smaller, SORTOP = OPERATOR(jtsyq.<), PARALLEL = SAFE);
CREATE AGGREGATE jtsyq.max(jtsyq.bdcdyh) (
    SFUNC = jtsyq._bdcdyh_larger, STYPE = jtsyq.bdcdyh,
    COMBINEFUNC = jtsyq._bdcdyh_larger, SORTOP = OPERATOR(jtsyq.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE jtsyq.min(jtsyq.bdcdyh) IS 'First code in text order.';
COMMENT ON AGGREGATE jtsyq.max(jtsyq.bdcdyh) IS 'Last code in text order.';

-- casts: assignment both ways, so legacy text columns load into bdcdyh
-- columns (validated) and codes store into text columns
CREATE FUNCTION jtsyq._bdcdyh_from_text(text) RETURNS jtsyq.bdcdyh
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq._bdcdyh_to_text(jtsyq.bdcdyh) RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jtsyq._bdcdyh_from_text(text) IS 'Internal: cast text -> jtsyq.bdcdyh (validates; 22P02).';
COMMENT ON FUNCTION jtsyq._bdcdyh_to_text(jtsyq.bdcdyh) IS 'Internal: cast jtsyq.bdcdyh -> text.';

CREATE CAST (text AS jtsyq.bdcdyh) WITH FUNCTION jtsyq._bdcdyh_from_text(text) AS ASSIGNMENT;
CREATE CAST (jtsyq.bdcdyh AS text) WITH FUNCTION jtsyq._bdcdyh_to_text(jtsyq.bdcdyh) AS ASSIGNMENT;
COMMENT ON CAST (text AS jtsyq.bdcdyh) IS 'Validating cast of a 28-character code; malformed text raises 22P02 naming the field and position.';
COMMENT ON CAST (jtsyq.bdcdyh AS text) IS 'The 28 characters of the code.';

-- accessors
CREATE FUNCTION jtsyq.xzqdm(code jtsyq.bdcdyh) RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_xzqdm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq.djqdm(code jtsyq.bdcdyh) RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_djqdm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq.djzqdm(code jtsyq.bdcdyh) RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_djzqdm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq.zddm(code jtsyq.bdcdyh) RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_zddm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq.zdtzm(code jtsyq.bdcdyh) RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_zdtzm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq.zdsxh(code jtsyq.bdcdyh) RETURNS integer
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_zdsxh' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq.dzwtzm(code jtsyq.bdcdyh) RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_dzwtzm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jtsyq.dzwdyh(code jtsyq.bdcdyh) RETURNS text
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_dzwdyh' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.xzqdm(jtsyq.bdcdyh) IS '县级行政区划代码: characters 1–6 (the county; the natural distribution key).';
COMMENT ON FUNCTION jtsyq.djqdm(jtsyq.bdcdyh) IS '地籍区 code: characters 1–9 (county + 地籍区).';
COMMENT ON FUNCTION jtsyq.djzqdm(jtsyq.bdcdyh) IS '地籍子区 code: characters 1–12 (county + 地籍区 + 地籍子区).';
COMMENT ON FUNCTION jtsyq.zddm(jtsyq.bdcdyh) IS '宗地代码 (parcel code): characters 1–19.';
COMMENT ON FUNCTION jtsyq.zdtzm(jtsyq.bdcdyh) IS '宗地特征码: characters 13–14 (ownership G/J/Z + parcel type; JA = collective ownership parcel).';
COMMENT ON FUNCTION jtsyq.zdsxh(jtsyq.bdcdyh) IS '宗地顺序号: characters 15–19 as an integer (1–99999).';
COMMENT ON FUNCTION jtsyq.dzwtzm(jtsyq.bdcdyh) IS '定着物特征码: character 20 (F 房屋, L 林木, Q 其他, W 无定着物).';
COMMENT ON FUNCTION jtsyq.dzwdyh(jtsyq.bdcdyh) IS '定着物单元号: characters 21–28 (00000000 exactly when the 定着物特征码 is W).';

CREATE FUNCTION jtsyq.make_bdcdyh(
    djzqdm text, zdtzm text, zdsxh integer,
    dzwtzm text DEFAULT 'W', dzwdyh text DEFAULT '00000000')
RETURNS jtsyq.bdcdyh
AS 'MODULE_PATHNAME', 'jtsyq_make_bdcdyh'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.make_bdcdyh(text, text, integer, text, text) IS
'Builds a 不动产单元代码 from 地籍子区 code (12 digits), 宗地特征码, 宗地顺序号 (1–99999) and the fixture part (default W00000000: no fixture). A bad part raises 22023 naming the argument.';

CREATE FUNCTION jtsyq.bdcdyh_is_valid(code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_is_valid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.bdcdyh_is_valid(text) IS
'True if the text is a valid 不动产单元代码 (what jtsyq.bdcdyh accepts); never raises.';

CREATE FUNCTION jtsyq.bdcdyh_problems(
    code text,
    OUT field text, OUT field_name text, OUT first_pos integer, OUT last_pos integer,
    OUT value text, OUT problem text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jtsyq_bdcdyh_problems'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 2;

COMMENT ON FUNCTION jtsyq.bdcdyh_problems(text) IS
'Everything wrong with a candidate 不动产单元代码, one row per field and rule, in position order (no rows: valid). For cleaning legacy data without aborting the load.';

CREATE FUNCTION jtsyq._zdsxh_key_check(djzqdm text, zdtzm text, fname text) RETURNS void
AS 'MODULE_PATHNAME', 'jtsyq_zdsxh_key_check'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq._zdsxh_key_check(text, text, text) IS
'Internal: raises 22023 naming fname unless djzqdm is a valid 地籍子区 code and zdtzm a valid 宗地特征码.';

-- The code history: 新旧代码对照表 (DB64/T 2020-2024 §6.5.2).  One row per
-- (old code, new code) of a change; a split is one old code with several
-- rows, a merge one new code with several; new_code NULL retires a code
-- without successor (灭失, 注销).  Append-only; checked by a trigger.
CREATE TABLE jtsyq.bdcdyh_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    old_code jtsyq.bdcdyh NOT NULL,
    new_code jtsyq.bdcdyh,
    reason text NOT NULL CHECK (btrim(reason) <> ''),
    change_date date NOT NULL,
    ywh text NOT NULL CHECK (btrim(ywh) <> ''),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bdcdyh_history_not_self CHECK (old_code <> new_code),
    CONSTRAINT bdcdyh_history_once UNIQUE NULLS NOT DISTINCT (old_code, new_code)
);
CREATE INDEX bdcdyh_history_new_code ON jtsyq.bdcdyh_history (new_code);
CREATE INDEX bdcdyh_history_ywh ON jtsyq.bdcdyh_history (ywh);
SELECT pg_catalog.pg_extension_config_dump('jtsyq.bdcdyh_history', '');
SELECT pg_catalog.pg_extension_config_dump('jtsyq.bdcdyh_history_id_seq', '');

COMMENT ON TABLE jtsyq.bdcdyh_history IS
'新旧代码对照表 (DB64/T 2020-2024 §6.5.2): old code -> new code with reason, date and 业务号. A split is one old code in several rows, a merge one new code in several; new_code NULL retires a code without successor. Append-only; a code is created and retired at most once, never before it was created, and never comes back (no cycles). Dumped by pg_dump.';
COMMENT ON COLUMN jtsyq.bdcdyh_history.old_code IS 'The code retired by this change.';
COMMENT ON COLUMN jtsyq.bdcdyh_history.new_code IS 'A code created by this change, or NULL when the unit ends without successor (灭失, 注销).';
COMMENT ON COLUMN jtsyq.bdcdyh_history.reason IS 'Why the code changed (界址变化, 分割, 合并, 地籍子区调整, 行政区划调整, 征收 ...).';
COMMENT ON COLUMN jtsyq.bdcdyh_history.change_date IS 'Date of the change (登簿); one date per 业务号.';
COMMENT ON COLUMN jtsyq.bdcdyh_history.ywh IS '业务号 of the registration business that made the change (links the 上下手 chain to the registration records).';

-- Lock anchors: writers of history rows that share a code serialize on its
-- anchor row.  Contents are irrelevant (not dumped).
CREATE TABLE jtsyq._bdcdyh_history_lock (
    code jtsyq.bdcdyh PRIMARY KEY
);
COMMENT ON TABLE jtsyq._bdcdyh_history_lock IS
'Internal: one row per code that appears in jtsyq.bdcdyh_history; writers lock the rows of the codes they touch, so concurrent changes of the same code are checked one after the other (and fail with 40001 at REPEATABLE READ). Not dumped.';

-- Parcel-number counters (DB64/T 2020-2024 §6.5.2: a new 宗地顺序号 follows
-- the largest one used in the 地籍子区 for that 宗地特征码; none is reused).
CREATE TABLE jtsyq.zdsxh_counter (
    djzqdm text NOT NULL CHECK (djzqdm ~ '^[0-9]{12}$'),
    zdtzm text NOT NULL CHECK (zdtzm ~ '^[GJZ][ABCDEFGHLNSWXY]$'),
    last_zdsxh integer NOT NULL CHECK (last_zdsxh BETWEEN 1 AND 99999),
    CONSTRAINT zdsxh_counter_pkey PRIMARY KEY (djzqdm, zdtzm)
) WITH (fillfactor = 50);
SELECT pg_catalog.pg_extension_config_dump('jtsyq.zdsxh_counter', '');

COMMENT ON TABLE jtsyq.zdsxh_counter IS
'Largest 宗地顺序号 used per 地籍子区 and 宗地特征码 (allocated by next_zdsxh, or noted by note_zdsxh, bdcdyh_guard, seed_zdsxh_counter and the code history). Never decreases; dumped by pg_dump.';
COMMENT ON COLUMN jtsyq.zdsxh_counter.djzqdm IS '地籍子区 code (12 digits).';
COMMENT ON COLUMN jtsyq.zdsxh_counter.zdtzm IS '宗地特征码 (2 letters).';
COMMENT ON COLUMN jtsyq.zdsxh_counter.last_zdsxh IS 'Largest 宗地顺序号 used so far; the next allocation returns this + 1.';

-- the largest 宗地顺序号 the code history knows for a 子区 and 特征码: codes
-- of one 子区 and 特征码 are contiguous in code order, so this is two
-- index probes
CREATE FUNCTION jtsyq._zdsxh_history_max(djzqdm text, zdtzm text)
RETURNS integer
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
    SELECT coalesce(max(jtsyq.zdsxh(c)), 0)
      FROM (SELECT jtsyq.make_bdcdyh($1, $2, 1, 'F', '00000001') AS lo,
                   jtsyq.make_bdcdyh($1, $2, 99999, 'W', '00000000') AS hi) b,
           LATERAL (SELECT max(h.old_code) FROM jtsyq.bdcdyh_history h
                     WHERE h.old_code BETWEEN b.lo AND b.hi
                    UNION ALL
                    SELECT max(h.new_code) FROM jtsyq.bdcdyh_history h
                     WHERE h.new_code BETWEEN b.lo AND b.hi) m(c)
$$;

COMMENT ON FUNCTION jtsyq._zdsxh_history_max(text, text) IS
'Internal: the largest 宗地顺序号 among the codes of jtsyq.bdcdyh_history in a 地籍子区 with a 宗地特征码 (0 if none).';

CREATE FUNCTION jtsyq.next_zdsxh(djzqdm text, zdtzm text)
RETURNS integer
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $$
#variable_conflict use_column
DECLARE
    n integer;
    h integer;
BEGIN
    PERFORM jtsyq._zdsxh_key_check($1, $2, 'jtsyq.next_zdsxh');
    -- The counter row's lock, held until the transaction ends, orders
    -- concurrent allocations: the next one waits, then reads the committed
    -- value (READ COMMITTED) or fails with 40001 (REPEATABLE READ).  A
    -- rollback undoes the increment, so no gap is left and no committed
    -- number is handed out twice.
    UPDATE jtsyq.zdsxh_counter AS c
       SET last_zdsxh = c.last_zdsxh + 1
     WHERE c.djzqdm = $1 AND c.zdtzm = $2 AND c.last_zdsxh < 99999
    RETURNING c.last_zdsxh INTO n;
    IF n IS NULL THEN
        -- no counter yet (or none left): start after the history's largest
        h := jtsyq._zdsxh_history_max($1, $2);
        IF h < 99999 THEN
            INSERT INTO jtsyq.zdsxh_counter AS c (djzqdm, zdtzm, last_zdsxh)
            VALUES ($1, $2, h + 1)
            ON CONFLICT ON CONSTRAINT zdsxh_counter_pkey
            DO UPDATE SET last_zdsxh = c.last_zdsxh + 1 WHERE c.last_zdsxh < 99999
            RETURNING c.last_zdsxh INTO n;
        END IF;
    END IF;
    IF n IS NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = '22003',
            MESSAGE = format('jtsyq.next_zdsxh: no 宗地顺序号 left for 宗地特征码 %s in 地籍子区 %s', $2, $1),
            DETAIL = '宗地顺序号 runs from 00001 to 99999; all are used, and a used number is never given again (DB64/T 2020-2024 §6.5.2).',
            HINT = 'Divide the 地籍子区 and record the new codes in jtsyq.bdcdyh_history.';
    END IF;
    RETURN n;
END
$$;

COMMENT ON FUNCTION jtsyq.next_zdsxh(text, text) IS
'Allocates the next 宗地顺序号 in a 地籍子区 for a 宗地特征码: the largest used + 1 (DB64/T 2020-2024 §6.5.2), never a used one. Concurrent callers in the same 子区 and 特征码 wait for each other (row lock until commit): distinct numbers, no gaps from rollbacks. Past 99999: 22003.';

CREATE FUNCTION jtsyq.note_zdsxh(code jtsyq.bdcdyh)
RETURNS integer
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $$
#variable_conflict use_column
DECLARE
    k1 text := jtsyq.djzqdm($1);
    k2 text := jtsyq.zdtzm($1);
    z integer := jtsyq.zdsxh($1);
    n integer;
BEGIN
    -- already covered by a committed counter: nothing to lock
    SELECT c.last_zdsxh INTO n FROM jtsyq.zdsxh_counter c WHERE c.djzqdm = k1 AND c.zdtzm = k2;
    IF n >= z THEN
        RETURN n;
    END IF;
    INSERT INTO jtsyq.zdsxh_counter AS c (djzqdm, zdtzm, last_zdsxh)
    VALUES (k1, k2, greatest(z, jtsyq._zdsxh_history_max(k1, k2)))
    ON CONFLICT ON CONSTRAINT zdsxh_counter_pkey
    DO UPDATE SET last_zdsxh = greatest(c.last_zdsxh, EXCLUDED.last_zdsxh)
    RETURNING c.last_zdsxh INTO n;
    RETURN n;
END
$$;

COMMENT ON FUNCTION jtsyq.note_zdsxh(jtsyq.bdcdyh) IS
'Records that a code entered without next_zdsxh (legacy data, codes from elsewhere) uses its 宗地顺序号: raises the counter of its 子区 and 特征码 to at least that number. Returns the counter.';

CREATE FUNCTION jtsyq.seed_zdsxh_counter(codes regclass, code_column name DEFAULT 'bdcdyh')
RETURNS bigint
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $$
DECLARE
    n bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = codes AND a.attname = code_column
                      AND a.attnum > 0 AND NOT a.attisdropped) THEN
        RAISE EXCEPTION USING ERRCODE = '42703',
            MESSAGE = format('jtsyq.seed_zdsxh_counter: table %s has no column %I', codes, code_column);
    END IF;
    EXECUTE format($q$
        WITH found AS (
            SELECT jtsyq.djzqdm(c) AS k1, jtsyq.zdtzm(c) AS k2, max(jtsyq.zdsxh(c)) AS m
              FROM (SELECT CASE WHEN jtsyq.bdcdyh_is_valid(t.%1$I::text)
                                THEN t.%1$I::text::jtsyq.bdcdyh END AS c
                      FROM %2$s t) s
             WHERE c IS NOT NULL
             GROUP BY 1, 2),
        up AS (
            INSERT INTO jtsyq.zdsxh_counter AS z (djzqdm, zdtzm, last_zdsxh)
            SELECT k1, k2, m FROM found ORDER BY k1, k2
            ON CONFLICT ON CONSTRAINT zdsxh_counter_pkey
            DO UPDATE SET last_zdsxh = EXCLUDED.last_zdsxh
             WHERE z.last_zdsxh < EXCLUDED.last_zdsxh
            RETURNING 1)
        SELECT count(*) FROM up$q$, code_column, codes) INTO n;
    RETURN n;
END
$$;

COMMENT ON FUNCTION jtsyq.seed_zdsxh_counter(regclass, name) IS
'Raises the counters to the largest 宗地顺序号 found in a table''s code column (jtsyq.bdcdyh or text; invalid text is skipped), per 地籍子区 and 宗地特征码. Run after loading registered codes so that next_zdsxh continues after them. Returns the number of counters created or raised.';

CREATE FUNCTION jtsyq.bdcdyh_is_retired(code jtsyq.bdcdyh)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
    SELECT EXISTS (SELECT 1 FROM jtsyq.bdcdyh_history h WHERE h.old_code = $1)
$$;

COMMENT ON FUNCTION jtsyq.bdcdyh_is_retired(jtsyq.bdcdyh) IS
'True if the code history retires the code (it must not be used for a current unit again).';

CREATE FUNCTION jtsyq.bdcdyh_guard()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $$
DECLARE
    col name;
    newc jtsyq.bdcdyh;
    oldc jtsyq.bdcdyh;
    r record;
BEGIN
    IF TG_WHEN <> 'BEFORE' OR TG_LEVEL <> 'ROW' OR TG_OP NOT IN ('INSERT', 'UPDATE') THEN
        RAISE EXCEPTION USING
            ERRCODE = '39P01',
            MESSAGE = 'jtsyq.bdcdyh_guard: must be a BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger';
    END IF;
    col := coalesce(TG_ARGV[0], 'bdcdyh');
    EXECUTE format('SELECT ($1).%I::text::jtsyq.bdcdyh', col) USING NEW INTO newc;
    IF newc IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        EXECUTE format('SELECT ($1).%I::text::jtsyq.bdcdyh', col) USING OLD INTO oldc;
        IF oldc IS NOT DISTINCT FROM newc THEN
            RETURN NEW;
        END IF;
    END IF;
    SELECT h.ywh, h.change_date INTO r
      FROM jtsyq.bdcdyh_history h WHERE h.old_code = newc ORDER BY h.id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING
            ERRCODE = '23514',
            MESSAGE = format('%s.%s: 不动产单元代码 %s was retired by 业务号 %s on %s',
                             TG_TABLE_NAME, col, newc, r.ywh, r.change_date),
            DETAIL = format('Its current code(s): %s.',
                            coalesce((SELECT string_agg(c::text, ', ') FROM jtsyq.current_codes(newc) c), 'none')),
            HINT = 'A retired code is never used again (DB64/T 2020-2024 §6.5.2).';
    END IF;
    PERFORM jtsyq.note_zdsxh(newc);
    RETURN NEW;
END
$$;

-- (comment after current_codes exists, below)

CREATE FUNCTION jtsyq.current_codes(code jtsyq.bdcdyh)
RETURNS SETOF jtsyq.bdcdyh
LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 2
SET search_path FROM CURRENT
AS $$
    WITH RECURSIVE fwd(c) AS (
        SELECT $1
        UNION
        SELECT h.new_code
          FROM fwd JOIN jtsyq.bdcdyh_history h ON h.old_code = fwd.c
         WHERE h.new_code IS NOT NULL)
    SELECT fwd.c FROM fwd
     WHERE NOT EXISTS (SELECT 1 FROM jtsyq.bdcdyh_history h WHERE h.old_code = fwd.c)
     ORDER BY 1
$$;

COMMENT ON FUNCTION jtsyq.current_codes(jtsyq.bdcdyh) IS
'Follows a code forward through the code history (splits fan out, merges join) to the codes now in force: the code itself if it was never retired, none if its line ended (灭失, 注销).';

COMMENT ON FUNCTION jtsyq.bdcdyh_guard() IS
'Trigger for tables of current units: BEFORE INSERT OR UPDATE ... FOR EACH ROW EXECUTE FUNCTION jtsyq.bdcdyh_guard(''column''). Refuses a code the history has retired (23514) and notes its 宗地顺序号 as used (note_zdsxh), so that next_zdsxh never hands it out.';

CREATE FUNCTION jtsyq.origin_codes(code jtsyq.bdcdyh)
RETURNS SETOF jtsyq.bdcdyh
LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 2
SET search_path FROM CURRENT
AS $$
    WITH RECURSIVE bwd(c) AS (
        SELECT $1
        UNION
        SELECT h.old_code
          FROM bwd JOIN jtsyq.bdcdyh_history h ON h.new_code = bwd.c)
    SELECT bwd.c FROM bwd
     WHERE NOT EXISTS (SELECT 1 FROM jtsyq.bdcdyh_history h WHERE h.new_code = bwd.c)
     ORDER BY 1
$$;

COMMENT ON FUNCTION jtsyq.origin_codes(jtsyq.bdcdyh) IS
'Follows a code back through the code history to its origins: the codes no recorded change created (the code itself if it has no predecessor).';

CREATE FUNCTION jtsyq.code_lineage(
    code jtsyq.bdcdyh,
    OUT step integer, OUT old_code jtsyq.bdcdyh, OUT new_code jtsyq.bdcdyh,
    OUT reason text, OUT change_date date, OUT ywh text)
RETURNS SETOF record
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
    WITH RECURSIVE
    fwd(c, d) AS (
        SELECT $1, 0
        UNION
        SELECT h.new_code, fwd.d + 1
          FROM fwd JOIN jtsyq.bdcdyh_history h ON h.old_code = fwd.c
         WHERE h.new_code IS NOT NULL AND fwd.d < 10000),
    bwd(c, d) AS (
        SELECT $1, 0
        UNION
        SELECT h.old_code, bwd.d + 1
          FROM bwd JOIN jtsyq.bdcdyh_history h ON h.new_code = bwd.c
         WHERE bwd.d < 10000),
    fd AS (SELECT c, min(d) AS d FROM fwd GROUP BY c),
    bd AS (SELECT c, min(d) AS d FROM bwd GROUP BY c)
    SELECT fd.d + 1, h.old_code, h.new_code, h.reason, h.change_date, h.ywh
      FROM fd JOIN jtsyq.bdcdyh_history h ON h.old_code = fd.c
    UNION ALL
    SELECT -(bd.d + 1), h.old_code, h.new_code, h.reason, h.change_date, h.ywh
      FROM bd JOIN jtsyq.bdcdyh_history h ON h.new_code = bd.c
    ORDER BY 1, 2, 3
$$;

COMMENT ON FUNCTION jtsyq.code_lineage(jtsyq.bdcdyh) IS
'The 上下手 chain of a code: every recorded change before it (step -1 created it, -2 created its predecessors, ...) and after it (step 1 retired it, 2 retired its successors, ...), with reason, date and 业务号.';

CREATE FUNCTION jtsyq.record_code_change(
    old_codes jtsyq.bdcdyh[], new_codes jtsyq.bdcdyh[],
    reason text, change_date date, ywh text)
RETURNS integer
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $$
DECLARE
    n integer;
BEGIN
    IF old_codes IS NULL OR new_codes IS NULL OR reason IS NULL OR change_date IS NULL OR ywh IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004',
            MESSAGE = 'jtsyq.record_code_change: no argument may be NULL',
            HINT = 'A code retired without successor has new_codes = ''{}''.';
    END IF;
    IF cardinality(old_codes) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'jtsyq.record_code_change: old_codes is empty';
    END IF;
    IF array_position(old_codes, NULL) IS NOT NULL OR array_position(new_codes, NULL) IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004',
            MESSAGE = 'jtsyq.record_code_change: the arrays may not contain NULL';
    END IF;
    IF cardinality(old_codes) > 1 AND cardinality(new_codes) > 1 THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('jtsyq.record_code_change: %s old codes -> %s new codes', cardinality(old_codes), cardinality(new_codes)),
            DETAIL = 'A change is a renumbering (1 -> 1), a split (1 -> n), a merge (n -> 1) or a retirement (n -> 0).',
            HINT = 'Record an exchange of land between parcels as one change per old code, under the same 业务号.';
    END IF;
    IF (SELECT count(DISTINCT c) FROM unnest(old_codes) c) <> cardinality(old_codes)
       OR (SELECT count(DISTINCT c) FROM unnest(new_codes) c) <> cardinality(new_codes) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'jtsyq.record_code_change: a code is listed twice';
    END IF;
    IF cardinality(new_codes) = 0 THEN
        INSERT INTO jtsyq.bdcdyh_history (old_code, new_code, reason, change_date, ywh)
        SELECT o, NULL, reason, change_date, ywh FROM unnest(old_codes) o ORDER BY o;
    ELSE
        INSERT INTO jtsyq.bdcdyh_history (old_code, new_code, reason, change_date, ywh)
        SELECT o, w, reason, change_date, ywh
          FROM unnest(old_codes) o, unnest(new_codes) w ORDER BY o, w;
    END IF;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

COMMENT ON FUNCTION jtsyq.record_code_change(jtsyq.bdcdyh[], jtsyq.bdcdyh[], text, date, text) IS
'Records one change in the code history: 1 -> 1 (renumbering, 地籍区/子区 or 行政区划 change), 1 -> n (split), n -> 1 (merge) or n -> 0 (retired without successor, new_codes = ''{}''). Not STRICT: NULL arguments raise 22004. Returns the rows written.';

CREATE FUNCTION jtsyq._bdcdyh_history_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $$
DECLARE
    r record;
    c jtsyq.bdcdyh;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION USING ERRCODE = '0A000',
            MESSAGE = 'jtsyq.bdcdyh_history is append-only',
            HINT = 'Delete the wrong row and insert the corrected one.';
    END IF;

    -- old = new is refused by the table's CHECK constraint
    IF NEW.old_code = NEW.new_code THEN
        RETURN NEW;
    END IF;

    -- Changes touching the same code are checked one after the other: lock
    -- the codes' anchor rows (in code order, so two writers cannot deadlock
    -- on one row pair).  At READ COMMITTED the checks below then see the
    -- other writer's committed rows; at REPEATABLE READ the upsert fails
    -- with 40001 instead.
    INSERT INTO jtsyq._bdcdyh_history_lock AS l (code)
    SELECT x FROM unnest(ARRAY[NEW.old_code, NEW.new_code]) x WHERE x IS NOT NULL ORDER BY x
    ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code;

    -- one business, one date
    SELECT h.change_date INTO r FROM jtsyq.bdcdyh_history h
     WHERE h.ywh = NEW.ywh AND h.change_date <> NEW.change_date LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '23514',
            MESSAGE = format('jtsyq.bdcdyh_history: 业务号 %s already has date %s, not %s', NEW.ywh, r.change_date, NEW.change_date);
    END IF;
    -- a code is retired by one business only ...
    SELECT h.ywh, h.change_date INTO r FROM jtsyq.bdcdyh_history h
     WHERE h.old_code = NEW.old_code AND h.ywh <> NEW.ywh ORDER BY h.id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '23514',
            MESSAGE = format('jtsyq.bdcdyh_history: %s was already retired by 业务号 %s on %s', NEW.old_code, r.ywh, r.change_date),
            HINT = 'A retired code is never used again; follow it with jtsyq.current_codes().';
    END IF;
    -- ... either with successors or without
    IF EXISTS (SELECT 1 FROM jtsyq.bdcdyh_history h
                WHERE h.old_code = NEW.old_code AND (h.new_code IS NULL) <> (NEW.new_code IS NULL)) THEN
        RAISE EXCEPTION USING ERRCODE = '23514',
            MESSAGE = format('jtsyq.bdcdyh_history: %s cannot both have successors and be retired without one', NEW.old_code);
    END IF;
    IF NEW.new_code IS NOT NULL THEN
        -- a code is created by one business only
        SELECT h.ywh INTO r FROM jtsyq.bdcdyh_history h
         WHERE h.new_code = NEW.new_code AND h.ywh <> NEW.ywh ORDER BY h.id LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = '23514',
                MESSAGE = format('jtsyq.bdcdyh_history: %s was already created by 业务号 %s', NEW.new_code, r.ywh);
        END IF;
        -- it cannot be retired before it is created
        SELECT h.ywh, h.change_date INTO r FROM jtsyq.bdcdyh_history h
         WHERE h.old_code = NEW.new_code AND h.change_date < NEW.change_date ORDER BY h.id LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = '23514',
                MESSAGE = format('jtsyq.bdcdyh_history: %s is retired on %s (业务号 %s), before this change creates it on %s',
                                 NEW.new_code, r.change_date, r.ywh, NEW.change_date);
        END IF;
        -- no cycles: the new code must not lead back to the old one
        IF EXISTS (WITH RECURSIVE fwd(x) AS (
                       SELECT NEW.new_code
                       UNION
                       SELECT h.new_code FROM fwd JOIN jtsyq.bdcdyh_history h ON h.old_code = fwd.x
                        WHERE h.new_code IS NOT NULL)
                   SELECT 1 FROM fwd WHERE fwd.x = NEW.old_code) THEN
            RAISE EXCEPTION USING ERRCODE = '23514',
                MESSAGE = format('jtsyq.bdcdyh_history: %s -> %s would make a cycle: %s already descends from %s',
                                 NEW.old_code, NEW.new_code, NEW.old_code, NEW.new_code),
                HINT = 'Codes never come back (DB64/T 2020-2024 §6.5.2).';
        END IF;
    END IF;
    -- the old code cannot be retired before it was created
    SELECT h.ywh, h.change_date INTO r FROM jtsyq.bdcdyh_history h
     WHERE h.new_code = NEW.old_code AND h.change_date > NEW.change_date ORDER BY h.id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '23514',
            MESSAGE = format('jtsyq.bdcdyh_history: %s is created on %s (业务号 %s), after this change retires it on %s',
                             NEW.old_code, r.change_date, r.ywh, NEW.change_date);
    END IF;

    -- numbers in the history count as used: raise existing counters (a
    -- missing counter starts after the history's largest number anyway,
    -- and is not created here so that restoring a dump cannot collide)
    FOREACH c IN ARRAY ARRAY[NEW.old_code, NEW.new_code] LOOP
        CONTINUE WHEN c IS NULL;
        UPDATE jtsyq.zdsxh_counter z SET last_zdsxh = jtsyq.zdsxh(c)
         WHERE z.djzqdm = jtsyq.djzqdm(c) AND z.zdtzm = jtsyq.zdtzm(c)
           AND z.last_zdsxh < jtsyq.zdsxh(c);
    END LOOP;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION jtsyq._bdcdyh_history_check() IS
'Internal: trigger of jtsyq.bdcdyh_history (append-only; one date per 业务号; a code created and retired at most once, not retired before it is created, no cycles; raises the counters of the codes'' numbers). Violations: 23514.';

CREATE TRIGGER bdcdyh_history_check
    BEFORE INSERT OR UPDATE ON jtsyq.bdcdyh_history
    FOR EACH ROW EXECUTE FUNCTION jtsyq._bdcdyh_history_check();

COMMENT ON TRIGGER bdcdyh_history_check ON jtsyq.bdcdyh_history IS
'Keeps the code history append-only and forward-only (see jtsyq._bdcdyh_history_check).';

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
    known_methods text[] DEFAULT NULL,
    context geometry[] DEFAULT NULL)
RETURNS TABLE(jzdh text, seq integer, x float8, y float8, geom geometry, zddm text[])
AS 'MODULE_PATHNAME', 'jtsyq_boundary_points_layer'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION jtsyq.boundary_points_layer(text[], geometry[], text, geometry[], text[], geometry[]) IS
'界址点 of a survey unit (e.g. one 地籍子区): the parcels (codes[i], geoms[i]) are numbered one after the other in array order, each from its top-left point; a point shared by neighbours, or lying on a neighbour''s edge, is one point with one number. zddm lists the parcels whose boundary passes through the point. context: neighbouring parcels outside the unit, whose vertices on the unit''s edges become points (not numbered otherwise).';

CREATE FUNCTION jtsyq.boundary_lines_layer(
    codes text[],
    geoms geometry[],
    method text DEFAULT 'J',
    known_points geometry[] DEFAULT NULL,
    known_methods text[] DEFAULT NULL,
    context geometry[] DEFAULT NULL)
RETURNS TABLE(zddm text, ring integer, seq integer, qdh text, zdh text, jzxcd numeric, geom geometry)
AS 'MODULE_PATHNAME', 'jtsyq_boundary_lines_layer'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION jtsyq.boundary_lines_layer(text[], geometry[], text, geometry[], text[], geometry[]) IS
'界址线 of every parcel of a survey unit, with the unit-wide point numbers of boundary_points_layer as start/end (qdh/zdh) and lengths in metres to 2 decimals.';

CREATE FUNCTION jtsyq.boundary_point_table_layer(
    codes text[],
    geoms geometry[],
    method text DEFAULT 'J',
    known_points geometry[] DEFAULT NULL,
    known_methods text[] DEFAULT NULL,
    context geometry[] DEFAULT NULL)
RETURNS TABLE(zddm text, ring integer, seq integer, jzdh text, x float8, y float8, edge_length numeric)
AS 'MODULE_PATHNAME', 'jtsyq_boundary_point_table_layer'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION jtsyq.boundary_point_table_layer(text[], geometry[], text, geometry[], text[], geometry[]) IS
'界址点成果表 of every parcel of a survey unit with the unit-wide point numbers (see boundary_points_layer).';

CREATE FUNCTION jtsyq.four_sides(codes text[], names text[], geoms geometry[])
RETURNS TABLE(zddm text, north text, east text, south text, west text)
AS 'MODULE_PATHNAME', 'jtsyq_four_sides'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION jtsyq.four_sides(text[], text[], geometry[]) IS
'宗地四至 from a layer: for each parcel, the neighbours sharing its outer boundary to the north, east, south and west (by the outward normal of each shared edge: north [315°,45°), east [45°,135°), south [135°,225°), west [225°,315°)), names joined with 、, longest shared boundary first; NULL where nothing adjoins.';

-----------------------------------------------------------------------------
-- Survey layers (issue 6): TD/T 1066 code lists (属性值代码字典表) used by
-- the standard schema's CHECK constraints and by qa_report.
--
-- Source: the 不动产登记数据库标准 dictionaries as implemented in the public
-- registration-survey system v2535v/VastGIS.RealEstate.Survey
-- (src/VastGIS.RealEstate.Data/Resources/Dictionary.sql, which follows the
-- 2014 试行 edition of TD/T 1066); the TD/T 1066-2021 text itself was not
-- available to check against.  QSXZ (权属性质) is the 三调 list whose codes
-- 10/20/30 DB64/T 2020-2024 §6.5.1 quotes.
-----------------------------------------------------------------------------

CREATE TABLE jtsyq.survey_dictionary (
    zdmc text NOT NULL,
    dm text NOT NULL,
    mc text NOT NULL,
    PRIMARY KEY (zdmc, dm)
);

COMMENT ON TABLE jtsyq.survey_dictionary IS
'TD/T 1066 属性值代码字典表 used by the survey layers: zdmc = dictionary (e.g. QLLXZD 权利类型), dm = code, mc = name. Static data of the extension.';

INSERT INTO jtsyq.survey_dictionary (zdmc, dm, mc) VALUES
  ('QLLXZD', '1', '集体土地所有权'), ('QLLXZD', '2', '国家土地所有权'),
  ('QLLXZD', '3', '国有建设用地使用权'), ('QLLXZD', '4', '国有建设用地使用权/房屋（构筑物）所有权'),
  ('QLLXZD', '5', '宅基地使用权'), ('QLLXZD', '6', '宅基地使用权/房屋（构筑物）所有权'),
  ('QLLXZD', '7', '集体建设用地使用权'), ('QLLXZD', '8', '集体建设用地使用权/房屋（构筑物）所有权'),
  ('QLLXZD', '9', '土地承包经营权'), ('QLLXZD', '10', '土地承包经营权/森林、林木所有权'),
  ('QLLXZD', '11', '林地使用权'), ('QLLXZD', '12', '林地使用权/森林、林木使用权'),
  ('QLLXZD', '13', '草原使用权'), ('QLLXZD', '14', '水域滩涂养殖权'),
  ('QLLXZD', '15', '海域使用权'), ('QLLXZD', '16', '海域使用权/构（建）筑物所有权'),
  ('QLLXZD', '17', '无居民海岛使用权'), ('QLLXZD', '18', '无居民海岛使用权/构（建）筑物所有权'),
  ('QLLXZD', '19', '地役权'), ('QLLXZD', '20', '取水权'), ('QLLXZD', '21', '探矿权'),
  ('QLLXZD', '22', '采矿权'), ('QLLXZD', '99', '其它权利'),
  ('QLXZZD', '100', '国有土地'), ('QLXZZD', '101', '划拨'), ('QLXZZD', '102', '出让'),
  ('QLXZZD', '103', '作价出资（入股）'), ('QLXZZD', '104', '国有土地租赁'), ('QLXZZD', '105', '授权经营'),
  ('QLXZZD', '106', '家庭承包'), ('QLXZZD', '107', '其它方式承包'),
  ('QLXZZD', '200', '集体土地'), ('QLXZZD', '201', '家庭承包'), ('QLXZZD', '202', '其它方式承包'),
  ('QLXZZD', '203', '批准拨用'), ('QLXZZD', '204', '入股'), ('QLXZZD', '205', '联营'),
  ('QLSDFSZD', '1', '地上'), ('QLSDFSZD', '2', '地表'), ('QLSDFSZD', '3', '地下'),
  ('MJDWZD', '1', '平方米'), ('MJDWZD', '2', '亩'), ('MJDWZD', '3', '公顷'),
  ('BDCDYZTZD', '0', '无效'), ('BDCDYZTZD', '1', '有效'),
  ('JZDLXZD', '1', '解析界址点'), ('JZDLXZD', '2', '图解界址点'), ('JZDLXZD', '3', '航测界址点'),
  ('JZDLXZD', '4', '其它'),
  ('JBLXZD', '1', '钢钉'), ('JBLXZD', '2', '水泥桩'), ('JBLXZD', '3', '石灰桩'), ('JBLXZD', '4', '喷涂'),
  ('JBLXZD', '5', '瓷标志'), ('JBLXZD', '6', '无标志'), ('JBLXZD', '7', '其它'),
  ('JZXLBZD', '1', '围墙'), ('JZXLBZD', '2', '墙壁'), ('JZXLBZD', '3', '栅栏'), ('JZXLBZD', '4', '铁丝网'),
  ('JZXLBZD', '5', '滴水线'), ('JZXLBZD', '6', '路涯线'), ('JZXLBZD', '7', '两点连线'), ('JZXLBZD', '9', '其它'),
  ('JZXWZZD', '1', '内'), ('JZXWZZD', '2', '中'), ('JZXWZZD', '3', '外'),
  ('JXXZZD', '600001', '已定界'), ('JXXZZD', '600002', '未定界'), ('JXXZZD', '600003', '争议界'),
  ('JXXZZD', '600004', '工作界'), ('JXXZZD', '600009', '其它'),
  ('QSZTZD', '0', '临时'), ('QSZTZD', '1', '现势'), ('QSZTZD', '2', '历史'), ('QSZTZD', '3', '终止'),
  ('DJLXZD', '100', '首次登记'), ('DJLXZD', '200', '转移登记'), ('DJLXZD', '300', '变更登记'),
  ('DJLXZD', '400', '注销登记'), ('DJLXZD', '500', '更正登记'), ('DJLXZD', '600', '异议登记'),
  ('DJLXZD', '700', '预告登记'), ('DJLXZD', '800', '查封登记'), ('DJLXZD', '900', '其它登记'),
  ('QSXZ', '10', '国有土地所有权'), ('QSXZ', '20', '国有土地使用权'), ('QSXZ', '30', '集体土地所有权'),
  ('QSXZ', '31', '村民小组'), ('QSXZ', '32', '村集体经济组织'), ('QSXZ', '33', '乡集体经济组织'),
  ('QSXZ', '34', '其他农民集体经济组织'), ('QSXZ', '40', '集体土地使用权');

INSERT INTO jtsyq.survey_dictionary (zdmc, dm, mc) VALUES
  ('ZJZLZD', '1', '身份证'), ('ZJZLZD', '2', '港澳台身份证'), ('ZJZLZD', '3', '护照'), ('ZJZLZD', '4', '户口簿'),
  ('ZJZLZD', '5', '军官证（士兵证）'), ('ZJZLZD', '6', '组织机构代码'), ('ZJZLZD', '7', '营业执照'),
  ('ZJZLZD', '99', '其它'),
  ('GYFSZD', '0', '单独所有'), ('GYFSZD', '1', '共同共有'), ('GYFSZD', '2', '按份共有'), ('GYFSZD', '3', '其它共有');

-----------------------------------------------------------------------------
-- Survey layers: the standard layers and their fields, one row each.  This
-- is the single description create_survey_schema builds tables from and
-- qa_report checks against (required fields, dictionaries, "/").
--
-- Field names, types and lengths: TD/T 1066 as implemented in public
-- registration systems — v2535v/VastGIS.RealEstate.Survey
-- (src/VastGIS.RealEstate.Data/Resources/Zdxx.sql: field name, type,
-- length, M/C/O obligation, dictionary per layer; Bdcysdm.sql: 要素代码)
-- and zwg275614ba/Fdyth (Yckj.YcFdyth.Model/TableModel/ZDJBXX.cs: the same
-- ZDJBXX lengths).  Both follow the 2014 试行 edition; the 2021 text was not
-- available to check against.  村级区域 CJQY / 组级区域 ZJQY and their 要素代码
-- 162030 / 162040 are the NY/T 2539 layers (as in
-- Dear-Rosy-Lee/databasefoundation-contractualextension FeatureCode.cs);
-- DLTB is the 三调 地类图斑 layer (要素代码 2001010100); its 地类编码 holds up
-- to 6 characters because DB64/T 2020-2024 §4.4 classifies land by the
-- 2023 用地用海分类 (自然资发〔2023〕234号), whose third level has 6 digits.
-- obligation: M required, C conditional, O optional; slash_ok: "/" is an
-- acceptable value for a registry fact that cannot be recovered (左云 plan,
-- 已有登记成果整合入库 5: 登记簿信息缺失确实无法补录的, 用"/"代替).
-----------------------------------------------------------------------------

CREATE TABLE jtsyq.survey_layer (
    layer text PRIMARY KEY,
    ord integer NOT NULL,
    tdt_name text NOT NULL,
    zh text NOT NULL,
    ysdm text NOT NULL,
    geom_type text,
    code_column text,
    label_expr text NOT NULL,
    source text NOT NULL DEFAULT 'TD/T 1066'
);

COMMENT ON TABLE jtsyq.survey_layer IS
'The standard survey layers create_survey_schema creates (table name = lower-case TD/T 1066 name), with their Chinese name, 要素代码, geometry type, code column and the expression naming a row in qa_report. Static data of the extension.';

CREATE TABLE jtsyq.survey_field (
    layer text NOT NULL REFERENCES jtsyq.survey_layer,
    ord integer NOT NULL,
    name text NOT NULL,
    sqltype text NOT NULL,
    zh text NOT NULL,
    dict text,
    obligation char(1) NOT NULL CHECK (obligation IN ('M', 'C', 'O')),
    slash_ok boolean NOT NULL DEFAULT false,
    PRIMARY KEY (layer, name)
);

COMMENT ON TABLE jtsyq.survey_field IS
'Fields of the standard survey layers: name (lower-case TD/T 1066 field code), SQL type, Chinese name, dictionary (jtsyq.survey_dictionary.zdmc), obligation M/C/O, and whether "/" (unrecoverable, 左云 plan) is acceptable. Static data of the extension.';

INSERT INTO jtsyq.survey_layer VALUES
  ('xzq',    1, 'XZQ',    '行政区',             '1001010000', 'MultiPolygon', 'xzqdm', 'xzqdm'),
  ('cjqy',   2, 'CJQY',   '村级区域（行政村）', '162030',     'MultiPolygon', 'cjqydm', 'cjqydm'),
  ('zjqy',   3, 'ZJQY',   '组级区域（村民小组）', '162040',   'MultiPolygon', 'zjqydm', 'zjqydm'),
  ('djq',    4, 'DJQ',    '地籍区',             '1002000000', 'MultiPolygon', 'djqdm', 'djqdm'),
  ('djzq',   5, 'DJZQ',   '地籍子区',           '1003000000', 'MultiPolygon', 'djzqdm', 'djzqdm'),
  ('zdjbxx', 6, 'ZDJBXX', '宗地基本信息',       '6001010000', 'MultiPolygon', 'zddm', 'zddm'),
  ('jzd',    7, 'JZD',    '界址点',             '6001070000', 'Point',        NULL, 'left(zdzhdm, 12) || ''/'' || jzdh'),
  ('jzx',    8, 'JZX',    '界址线',             '6001060000', 'LineString',   NULL, 'zdzhdm || ''/'' || qdh || ''-'' || zdh'),
  ('dltb',   9, 'DLTB',   '地类图斑',           '2001010100', 'MultiPolygon', NULL, 'tbbh'),
  ('tdsyq', 10, 'TDSYQ',  '土地所有权',         '6002010100', NULL,           NULL, 'zddm'),
  ('qlr',   11, 'QLR',    '权利人',             '6003000000', NULL,           NULL, 'bdcdyh');
UPDATE jtsyq.survey_layer SET source = 'NY/T 2539' WHERE layer IN ('cjqy', 'zjqy');
UPDATE jtsyq.survey_layer SET source = '第三次全国国土调查数据库' WHERE layer = 'dltb';

INSERT INTO jtsyq.survey_field (layer, ord, name, sqltype, zh, dict, obligation, slash_ok) VALUES
  ('xzq', 1, 'xzqdm', 'varchar(12)', '行政区代码', NULL, 'M', false),
  ('xzq', 2, 'xzqmc', 'varchar(100)', '行政区名称', NULL, 'M', true),
  ('xzq', 3, 'xzqmj', 'numeric(15,2)', '行政区面积', NULL, 'C', false),
  ('cjqy', 1, 'cjqydm', 'varchar(12)', '村级区域代码', NULL, 'M', false),
  ('cjqy', 2, 'cjqymc', 'varchar(100)', '村级区域名称', NULL, 'M', true),
  ('zjqy', 1, 'zjqydm', 'varchar(14)', '组级区域代码', NULL, 'M', false),
  ('zjqy', 2, 'zjqymc', 'varchar(100)', '组级区域名称', NULL, 'M', true),
  ('djq', 1, 'djqdm', 'varchar(9)', '地籍区代码', NULL, 'M', false),
  ('djq', 2, 'djqmc', 'varchar(100)', '地籍区名称', NULL, 'C', true),
  ('djzq', 1, 'djzqdm', 'varchar(12)', '地籍子区代码', NULL, 'M', false),
  ('djzq', 2, 'djzqmc', 'varchar(100)', '地籍子区名称', NULL, 'C', true),
  ('zdjbxx', 1, 'zddm', 'varchar(19)', '宗地代码', NULL, 'M', false),
  ('zdjbxx', 2, 'bdcdyh', 'bdcdyh', '不动产单元号', NULL, 'M', false),
  ('zdjbxx', 3, 'zdtzm', 'varchar(2)', '宗地特征码', NULL, 'M', false),
  ('zdjbxx', 4, 'zl', 'varchar(200)', '坐落', NULL, 'M', true),
  ('zdjbxx', 5, 'zdmj', 'numeric(15,2)', '宗地面积', NULL, 'M', false),
  ('zdjbxx', 6, 'mjdw', 'varchar(2)', '面积单位', 'MJDWZD', 'M', false),
  ('zdjbxx', 7, 'yt', 'varchar(4)', '用途', NULL, 'O', true),
  ('zdjbxx', 8, 'dj', 'varchar(2)', '等级', NULL, 'O', true),
  ('zdjbxx', 9, 'jg', 'numeric(15,4)', '价格', NULL, 'O', false),
  ('zdjbxx', 10, 'qllx', 'varchar(2)', '权利类型', 'QLLXZD', 'M', true),
  ('zdjbxx', 11, 'qlxz', 'varchar(4)', '权利性质', 'QLXZZD', 'C', true),
  ('zdjbxx', 12, 'qlsdfs', 'varchar(2)', '权利设定方式', 'QLSDFSZD', 'O', true),
  ('zdjbxx', 13, 'zdszd', 'varchar(200)', '宗地四至-东', NULL, 'M', true),
  ('zdjbxx', 14, 'zdszn', 'varchar(200)', '宗地四至-南', NULL, 'M', true),
  ('zdjbxx', 15, 'zdszx', 'varchar(200)', '宗地四至-西', NULL, 'M', true),
  ('zdjbxx', 16, 'zdszb', 'varchar(200)', '宗地四至-北', NULL, 'M', true),
  ('zdjbxx', 17, 'zdt', 'bytea', '宗地图', NULL, 'O', false),
  ('zdjbxx', 18, 'tfh', 'varchar(50)', '图幅号', NULL, 'O', true),
  ('zdjbxx', 19, 'djh', 'varchar(20)', '地籍号', NULL, 'O', true),
  ('zdjbxx', 20, 'dah', 'text', '档案号', NULL, 'C', true),
  ('zdjbxx', 21, 'bz', 'text', '备注', NULL, 'O', true),
  ('zdjbxx', 22, 'zt', 'varchar(2)', '状态', 'BDCDYZTZD', 'M', false),
  ('jzd', 1, 'zdzhdm', 'text', '宗地/宗海代码', NULL, 'M', false),
  ('jzd', 2, 'jzdh', 'varchar(10)', '界址点号', NULL, 'M', false),
  ('jzd', 3, 'sxh', 'integer', '顺序号', NULL, 'C', false),
  ('jzd', 4, 'jblx', 'varchar(2)', '界标类型', 'JBLXZD', 'M', true),
  ('jzd', 5, 'jzdlx', 'varchar(2)', '界址点类型', 'JZDLXZD', 'M', false),
  ('jzd', 6, 'xzbz', 'numeric(15,3)', 'X坐标值', NULL, 'C', false),
  ('jzd', 7, 'yzbz', 'numeric(15,3)', 'Y坐标值', NULL, 'C', false),
  ('jzd', 8, 'zddms', 'text[]', '所属宗地代码（jtsyq：共用界址点的全部宗地）', NULL, 'O', false),
  ('jzx', 1, 'zdzhdm', 'text', '宗地/宗海代码', NULL, 'M', false),
  ('jzx', 2, 'jzxcd', 'numeric(15,2)', '界址线长度', NULL, 'M', false),
  ('jzx', 3, 'jzxlb', 'varchar(2)', '界址线类别', 'JZXLBZD', 'M', true),
  ('jzx', 4, 'jzxwz', 'varchar(1)', '界址线位置', 'JZXWZZD', 'M', true),
  ('jzx', 5, 'jxxz', 'varchar(6)', '界线性质', 'JXXZZD', 'M', true),
  ('jzx', 6, 'qsjxxysbh', 'varchar(30)', '权属界线协议书编号', NULL, 'C', true),
  ('jzx', 7, 'qsjxxys', 'bytea', '权属界线协议书', NULL, 'C', false),
  ('jzx', 8, 'qszyyysbh', 'varchar(30)', '权属争议原由书编号', NULL, 'C', true),
  ('jzx', 9, 'qszyyys', 'bytea', '权属争议原由书', NULL, 'C', false),
  ('jzx', 10, 'qdh', 'varchar(10)', '起点号（jtsyq：起始界址点号）', NULL, 'O', false),
  ('jzx', 11, 'zdh', 'varchar(10)', '终点号（jtsyq：终止界址点号）', NULL, 'O', false),
  ('dltb', 1, 'tbbh', 'varchar(8)', '图斑编号', NULL, 'M', false),
  ('dltb', 2, 'dlbm', 'varchar(6)', '地类编码', NULL, 'M', false),
  ('dltb', 3, 'dlmc', 'varchar(60)', '地类名称', NULL, 'M', false),
  ('dltb', 4, 'qsxz', 'varchar(2)', '权属性质', 'QSXZ', 'M', false),
  ('dltb', 5, 'qsdwdm', 'varchar(19)', '权属单位代码', NULL, 'M', false),
  ('dltb', 6, 'qsdwmc', 'varchar(255)', '权属单位名称', NULL, 'M', true),
  ('dltb', 7, 'zldwdm', 'varchar(19)', '坐落单位代码', NULL, 'M', false),
  ('dltb', 8, 'zldwmc', 'varchar(255)', '坐落单位名称', NULL, 'M', true),
  ('dltb', 9, 'tbmj', 'numeric(15,2)', '图斑面积', NULL, 'M', false),
  ('dltb', 10, 'kcdlbm', 'varchar(6)', '扣除地类编码', NULL, 'O', false),
  ('dltb', 11, 'kcxs', 'numeric(5,4)', '扣除地类系数', NULL, 'O', false),
  ('dltb', 12, 'kcmj', 'numeric(15,2)', '扣除地类面积', NULL, 'O', false),
  ('dltb', 13, 'tbdlmj', 'numeric(15,2)', '图斑地类面积', NULL, 'C', false),
  ('dltb', 14, 'bz', 'text', '备注', NULL, 'O', true),
  ('dltb', 15, 'zddm', 'varchar(19)', '所在宗地代码（DB64/T 2020-2024 §10 e：宗地内图斑）', NULL, 'C', false),
  ('tdsyq', 1, 'zddm', 'varchar(19)', '宗地代码', NULL, 'M', false),
  ('tdsyq', 2, 'bdcdyh', 'bdcdyh', '不动产单元号', NULL, 'M', false),
  ('tdsyq', 3, 'ywh', 'varchar(20)', '业务号', NULL, 'O', false),
  ('tdsyq', 4, 'qllx', 'varchar(2)', '权利类型', 'QLLXZD', 'M', false),
  ('tdsyq', 5, 'djlx', 'varchar(6)', '登记类型', 'DJLXZD', 'M', false),
  ('tdsyq', 6, 'djyy', 'text', '登记原因', NULL, 'M', true),
  ('tdsyq', 7, 'mjdw', 'varchar(2)', '面积单位', 'MJDWZD', 'M', false),
  ('tdsyq', 8, 'nydmj', 'numeric(15,4)', '农用地面积', NULL, 'O', false),
  ('tdsyq', 9, 'gdmj', 'numeric(15,4)', '耕地面积', NULL, 'O', false),
  ('tdsyq', 10, 'ldmj', 'numeric(15,4)', '林地面积', NULL, 'O', false),
  ('tdsyq', 11, 'cdmj', 'numeric(15,4)', '草地面积', NULL, 'O', false),
  ('tdsyq', 12, 'qtnydmj', 'numeric(15,4)', '其它农用地面积', NULL, 'O', false),
  ('tdsyq', 13, 'jsydmj', 'numeric(15,4)', '建设用地面积', NULL, 'O', false),
  ('tdsyq', 14, 'wlydmj', 'numeric(15,4)', '未利用地面积', NULL, 'O', false),
  ('tdsyq', 15, 'bdcqzh', 'text', '不动产权证号', NULL, 'M', true),
  ('tdsyq', 16, 'qxdm', 'varchar(6)', '区县代码', NULL, 'M', false),
  ('tdsyq', 17, 'djjg', 'varchar(200)', '登记机构', NULL, 'M', true),
  ('tdsyq', 18, 'dbr', 'varchar(50)', '登簿人', NULL, 'M', true),
  ('tdsyq', 19, 'djsj', 'date', '登记时间', NULL, 'M', false),
  ('tdsyq', 20, 'fj', 'text', '附记', NULL, 'O', true),
  ('tdsyq', 21, 'qszt', 'varchar(2)', '权属状态', 'QSZTZD', 'M', false),
  ('qlr', 1, 'bdcdyh', 'bdcdyh', '不动产单元号', NULL, 'M', false),
  ('qlr', 2, 'sxh', 'integer', '顺序号', NULL, 'O', false),
  ('qlr', 3, 'qlrmc', 'varchar(100)', '权利人名称', NULL, 'M', true),
  ('qlr', 4, 'bdcqzh', 'text', '不动产权证号', NULL, 'O', true),
  ('qlr', 5, 'zjzl', 'varchar(2)', '证件种类', 'ZJZLZD', 'C', true),
  ('qlr', 6, 'zjh', 'varchar(50)', '证件号', NULL, 'C', true),
  ('qlr', 7, 'gyfs', 'varchar(2)', '共有方式', 'GYFSZD', 'O', true),
  ('qlr', 8, 'bz', 'text', '备注', NULL, 'O', true);

-----------------------------------------------------------------------------
-- Survey layers: the standard schema (create_survey_schema), keeping
-- 界址点/界址线 and 四至 up to date from the parcels (build_boundary_points,
-- fill_four_sides).
-----------------------------------------------------------------------------

-- Trigger on jzd, jzx and zdjbxx: derived values the surveyor need not type.
CREATE FUNCTION jtsyq._survey_fill()
RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
DECLARE
    geom_changed boolean;
    unit text;
BEGIN
    IF TG_TABLE_NAME = 'jzd' THEN
        geom_changed := TG_OP = 'INSERT' OR NEW.geom IS DISTINCT FROM OLD.geom;
        IF NEW.geom IS NOT NULL AND geom_changed THEN
            -- X = northing, Y = easting, 2 decimals (DB64/T 2020-2024 §4.2 a)
            IF NEW.xzbz IS NULL OR (TG_OP = 'UPDATE' AND NEW.xzbz IS NOT DISTINCT FROM OLD.xzbz) THEN
                NEW.xzbz := round(ST_Y(NEW.geom)::numeric, 2);
            END IF;
            IF NEW.yzbz IS NULL OR (TG_OP = 'UPDATE' AND NEW.yzbz IS NOT DISTINCT FROM OLD.yzbz) THEN
                NEW.yzbz := round(ST_X(NEW.geom)::numeric, 2);
            END IF;
        END IF;
    ELSIF TG_TABLE_NAME = 'jzx' THEN
        geom_changed := TG_OP = 'INSERT' OR NEW.geom IS DISTINCT FROM OLD.geom;
        IF NEW.geom IS NOT NULL AND geom_changed
           AND (NEW.jzxcd IS NULL OR (TG_OP = 'UPDATE' AND NEW.jzxcd IS NOT DISTINCT FROM OLD.jzxcd)) THEN
            NEW.jzxcd := round(ST_Length(NEW.geom)::numeric, 2);
        END IF;
    ELSIF TG_TABLE_NAME = 'zdjbxx' THEN
        NEW.zddm := coalesce(NEW.zddm, left(NEW.bdcdyh::text, 19));
        IF NEW.zddm IS NULL AND NEW.geom IS NOT NULL AND NEW.zdtzm IS NOT NULL
           AND TG_OP = 'INSERT' AND TG_ARGV[0] = 'allocate' THEN
            -- a new parcel: the next 宗地顺序号 of the 地籍子区 it lies in and
            -- its 宗地特征码 (DB64/T 2020-2024 §6.5.2); 定着物 W00000000 (§6.5.1)
            EXECUTE format('SELECT djzqdm FROM %I.djzq WHERE ST_Intersects(geom, ST_PointOnSurface($1))
                             ORDER BY bsm LIMIT 1', TG_TABLE_SCHEMA) INTO unit USING NEW.geom;
            IF unit IS NULL THEN
                RAISE EXCEPTION '%.zdjbxx: the new parcel lies in no 地籍子区, so it cannot be given a 宗地代码', TG_TABLE_SCHEMA
                    USING ERRCODE = 'check_violation',
                          HINT = 'Give its 宗地代码 or 不动产单元号, or load the 地籍子区 (djzq) first.';
            END IF;
            NEW.bdcdyh := jtsyq.make_bdcdyh(unit, NEW.zdtzm, jtsyq.next_zdsxh(unit, NEW.zdtzm));
            NEW.zddm := left(NEW.bdcdyh::text, 19);
        END IF;
        NEW.zdtzm := coalesce(NEW.zdtzm, substr(NEW.zddm, 13, 2));
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION jtsyq._survey_fill() IS
'Internal trigger of the survey layers: fills 界址点 X/Y (northing/easting, 2 decimals) and 界址线长度 from the geometry, and 宗地代码/宗地特征码 from the 不动产单元号, when they are not given; with the argument ''allocate'' a new parcel given only its geometry and 宗地特征码 gets the next 宗地顺序号 of its 地籍子区 (jtsyq.next_zdsxh).';

CREATE FUNCTION jtsyq.create_survey_schema(target_schema name, srid integer, enforce boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql
VOLATILE PARALLEL UNSAFE
SET search_path FROM CURRENT
SET client_min_messages = warning
AS $fn$
DECLARE
    info record;
    l record;
    f record;
    tbl text;
    has_rows boolean;
    old_srid integer;
    -- 不动产单元号: the validated type when enforced; text in a staging
    -- schema, so that malformed legacy codes load and qa_report names them
    code_type text := CASE WHEN enforce THEN 'jtsyq.bdcdyh' ELSE 'varchar(28)' END;
    cname text;
    cdef text;
BEGIN
    IF target_schema IS NULL OR srid IS NULL THEN
        RAISE EXCEPTION 'create_survey_schema: target_schema and srid must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF target_schema IN ('jtsyq', 'pg_catalog', 'information_schema', 'public', 'pg_toast')
       OR target_schema = (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                            WHERE e.extname = 'postgis') THEN
        RAISE EXCEPTION 'create_survey_schema: refusing to create the survey layers in schema "%"', target_schema
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use a schema of its own, e.g. one per county: SELECT jtsyq.create_survey_schema(''xian_640122'', 4523).';
    END IF;

    -- CGCS2000 only (DB64/T 2020-2024 §4.1; 左云 plan: 坐标系统统一采用2000国家大地坐标系)
    info := jtsyq.srid_info(srid);
    IF NOT info.is_cgcs2000 THEN
        RAISE EXCEPTION 'create_survey_schema: SRID % (%) is not a CGCS2000 coordinate system', srid, info.crs_name
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('Its datum is %s.', info.datum_name),
                  HINT = 'The survey layers are in the 2000 国家大地坐标系: use the county''s CGCS2000 Gauss-Kruger zone, e.g. 4523 (3° zone 35, central meridian 105°E).';
    END IF;
    IF NOT info.is_projected THEN
        RAISE EXCEPTION 'create_survey_schema: SRID % (%) is geographic', srid, info.crs_name
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Survey coordinates are plane Gauss-Kruger coordinates in metres: use a CGCS2000 Gauss-Kruger zone, e.g. 4523 (3° zone 35).';
    END IF;

    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', target_schema);

    FOR l IN SELECT * FROM jtsyq.survey_layer ORDER BY ord LOOP
        tbl := format('%I.%I', target_schema, l.layer);

        -- the layer must not already hold geometry in another SRID
        IF l.geom_type IS NOT NULL THEN
            SELECT g.srid INTO old_srid FROM geometry_columns g
             WHERE g.f_table_schema = target_schema AND g.f_table_name = l.layer
               AND g.f_geometry_column = 'geom';
            IF FOUND AND old_srid IS DISTINCT FROM srid THEN
                RAISE EXCEPTION 'create_survey_schema: %.% already has geometries in SRID %, not %',
                                target_schema, l.layer, old_srid, srid
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
        END IF;

        EXECUTE format('CREATE TABLE IF NOT EXISTS %s (bsm bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, '
                       'ysdm varchar(10) DEFAULT %L)', tbl, l.ysdm);
        EXECUTE format('COMMENT ON TABLE %s IS %L', tbl,
                       format('%s %s (%s; 要素代码 %s) — created by jtsyq.create_survey_schema',
                              l.tdt_name, l.zh, l.source, l.ysdm));
        EXECUTE format('COMMENT ON COLUMN %s.bsm IS %L', tbl, '标识码 BSM');
        EXECUTE format('COMMENT ON COLUMN %s.ysdm IS %L', tbl, '要素代码 YSDM');

        FOR f IN SELECT * FROM jtsyq.survey_field WHERE layer = l.layer ORDER BY ord LOOP
            EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS %I %s', tbl, f.name,
                           CASE f.sqltype WHEN 'bdcdyh' THEN code_type ELSE f.sqltype END);
            EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', tbl, f.name,
                           f.zh || ' ' || upper(f.name)
                           || CASE WHEN f.dict IS NOT NULL THEN ' (字典 ' || f.dict || ')' ELSE '' END);
        END LOOP;

        IF l.geom_type IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS geom geometry(%s, %s)', tbl, l.geom_type, srid);
            EXECUTE format('COMMENT ON COLUMN %s.geom IS %L', tbl,
                           format('图形 (%s, SRID %s: %s)', l.geom_type, srid, info.crs_name));
            EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gist (geom)', l.layer || '_geom_idx', tbl);
        END IF;

        -- lookups by code (unique when enforced, see below)
        IF l.code_column IS NOT NULL AND NOT enforce THEN
            EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s (%I)', l.layer || '_' || l.code_column || '_idx',
                           tbl, l.code_column);
        END IF;
        IF l.layer IN ('jzd', 'jzx') THEN
            EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s (zdzhdm)', l.layer || '_zdzhdm_idx', tbl);
        ELSIF l.layer IN ('dltb', 'tdsyq') THEN
            EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s (zddm)', l.layer || '_zddm_idx', tbl);
        ELSIF l.layer = 'qlr' THEN
            EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s (bdcdyh)', 'qlr_bdcdyh_idx', tbl);
        END IF;

        IF l.layer IN ('jzd', 'jzx', 'zdjbxx') THEN
            EXECUTE format('CREATE OR REPLACE TRIGGER survey_fill BEFORE INSERT OR UPDATE ON %s '
                           'FOR EACH ROW EXECUTE FUNCTION jtsyq._survey_fill()', tbl);
        END IF;

        CONTINUE WHEN NOT enforce;

        -- Enforcement.  On a table that already has rows, CHECK constraints
        -- are added NOT VALID: new rows are checked, old ones are left for
        -- qa_report (ALTER TABLE ... VALIDATE CONSTRAINT once they are clean).
        EXECUTE format('SELECT EXISTS (SELECT FROM %s)', tbl) INTO has_rows;

        IF l.code_column IS NOT NULL THEN
            IF to_regclass(format('%I.%I', target_schema, l.layer || '_' || l.code_column || '_idx')) IS NOT NULL THEN
                EXECUTE format('DROP INDEX %I.%I', target_schema, l.layer || '_' || l.code_column || '_idx');
            END IF;
            BEGIN
                EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %s (%I)',
                               l.layer || '_' || l.code_column || '_key', tbl, l.code_column);
            EXCEPTION WHEN unique_violation THEN
                RAISE EXCEPTION 'create_survey_schema: %.% has duplicate % values', target_schema, l.layer, l.code_column
                    USING ERRCODE = 'unique_violation',
                          HINT = format('Find them with SELECT * FROM jtsyq.qa_report(%L) WHERE rule = ''consistency.duplicate_code'', or create the schema with enforce => false.', target_schema);
            END;
        END IF;

        FOR cname, cdef IN
            SELECT l.layer || '_' || sf.name || '_dict',
                   format('CHECK (%1$I IN (%2$s) OR %1$I = ''/'')', sf.name,
                          (SELECT string_agg(quote_literal(d.dm), ', ' ORDER BY length(d.dm), d.dm)
                             FROM jtsyq.survey_dictionary d WHERE d.zdmc = sf.dict))
              FROM jtsyq.survey_field sf WHERE sf.layer = l.layer AND sf.dict IS NOT NULL AND sf.slash_ok
            UNION ALL
            SELECT l.layer || '_' || sf.name || '_dict',
                   format('CHECK (%1$I IN (%2$s))', sf.name,
                          (SELECT string_agg(quote_literal(d.dm), ', ' ORDER BY length(d.dm), d.dm)
                             FROM jtsyq.survey_dictionary d WHERE d.zdmc = sf.dict))
              FROM jtsyq.survey_field sf WHERE sf.layer = l.layer AND sf.dict IS NOT NULL AND NOT sf.slash_ok
            UNION ALL
            SELECT l.layer || '_geom_present', 'CHECK (geom IS NOT NULL AND NOT ST_IsEmpty(geom))'
             WHERE l.geom_type IS NOT NULL AND l.layer NOT IN ('tdsyq', 'qlr')
            UNION ALL
            SELECT l.layer || '_' || l.code_column || '_present', format('CHECK (%I IS NOT NULL)', l.code_column)
             WHERE l.code_column IS NOT NULL
            UNION ALL
            SELECT c.name, c.def FROM (VALUES
                ('djq', 'djq_djqdm_format', 'CHECK (djqdm ~ ''^[0-9]{9}$'')'),
                ('djzq', 'djzq_djzqdm_format', 'CHECK (djzqdm ~ ''^[0-9]{12}$'')'),
                ('zdjbxx', 'zdjbxx_zddm_format', 'CHECK (zddm ~ ''^[0-9]{12}[GJZ][A-Z][0-9]{5}$'')'),
                ('zdjbxx', 'zdjbxx_zdtzm_of_zddm', 'CHECK (zdtzm = substr(zddm, 13, 2))'),
                ('zdjbxx', 'zdjbxx_bdcdyh_of_zddm', 'CHECK (left(bdcdyh::text, 19) = zddm)'),
                ('jzd', 'jzd_jzdh_format', 'CHECK (jzdh ~ ''^[JHT][0-9]+$'')'),
                ('jzd', 'jzd_jzdlx_of_jzdh',
                 'CHECK (jzdlx = ''4'' OR jzdlx = CASE left(jzdh, 1) WHEN ''J'' THEN ''1'' WHEN ''T'' THEN ''2'' WHEN ''H'' THEN ''3'' END)'),
                ('tdsyq', 'tdsyq_bdcdyh_of_zddm', 'CHECK (left(bdcdyh::text, 19) = zddm)')
            ) c(layer, name, def) WHERE c.layer = l.layer
        LOOP
            IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = tbl::regclass AND conname = cname) THEN
                EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s%s', tbl, cname, cdef,
                               CASE WHEN has_rows THEN ' NOT VALID' ELSE '' END);
            END IF;
        END LOOP;

        -- a staging schema's text codes become jtsyq.bdcdyh (each validated)
        IF EXISTS (SELECT FROM jtsyq.survey_field sf WHERE sf.layer = l.layer AND sf.sqltype = 'bdcdyh')
           AND (SELECT atttypid FROM pg_attribute WHERE attrelid = tbl::regclass AND attname = 'bdcdyh')
               <> 'jtsyq.bdcdyh'::regtype THEN
            BEGIN
                EXECUTE format('ALTER TABLE %s ALTER COLUMN bdcdyh TYPE jtsyq.bdcdyh '
                               'USING nullif(btrim(bdcdyh::text), '''')::jtsyq.bdcdyh', tbl);
            EXCEPTION WHEN invalid_text_representation THEN
                GET STACKED DIAGNOSTICS cname = MESSAGE_TEXT, cdef = PG_EXCEPTION_DETAIL;
                RAISE EXCEPTION 'create_survey_schema: %.% has a malformed 不动产单元号: %', target_schema, l.layer, cname
                    USING ERRCODE = 'invalid_text_representation', DETAIL = cdef,
                          HINT = format('Find them all with SELECT * FROM jtsyq.qa_report(%L) WHERE rule = ''consistency.code_structure''.', target_schema);
            END;
        END IF;

        IF l.layer = 'zdjbxx' THEN
            BEGIN
                EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS zdjbxx_bdcdyh_key ON %s (bdcdyh)', tbl);
            EXCEPTION WHEN unique_violation THEN
                RAISE EXCEPTION 'create_survey_schema: %.zdjbxx has duplicate bdcdyh values', target_schema
                    USING ERRCODE = 'unique_violation';
            END;
            -- codes: a new parcel without one gets the next 宗地顺序号 of its
            -- 地籍子区 (_survey_fill 'allocate'); a current parcel may not take
            -- a retired code, and every new code counts as used (bdcdyh_guard)
            EXECUTE format('CREATE OR REPLACE TRIGGER survey_fill BEFORE INSERT OR UPDATE ON %s '
                           'FOR EACH ROW EXECUTE FUNCTION jtsyq._survey_fill(''allocate'')', tbl);
            EXECUTE format('CREATE OR REPLACE TRIGGER survey_code_guard BEFORE INSERT OR UPDATE OF bdcdyh ON %s '
                           'FOR EACH ROW WHEN (coalesce(NEW.zt, ''1'') <> ''0'') '
                           'EXECUTE FUNCTION jtsyq.bdcdyh_guard(''bdcdyh'')', tbl);
            -- TODO(issue 4): topology trigger
        ELSIF l.layer = 'jzd' THEN
            -- one number per point within the survey unit (地籍子区)
            BEGIN
                EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS jzd_unit_sxh_key ON %s (left(zdzhdm, 12), sxh)', tbl);
            EXCEPTION WHEN unique_violation THEN
                RAISE EXCEPTION 'create_survey_schema: %.jzd has repeated 界址点 numbers within a 地籍子区', target_schema
                    USING ERRCODE = 'unique_violation';
            END;
        END IF;
    END LOOP;

    -- the 新旧代码对照表 is kept once for the database by jtsyq (record_code_change)
    EXECUTE format($v$CREATE OR REPLACE VIEW %I.xjdmdzb AS
        SELECT h.id AS bsm, h.old_code AS jdm, h.new_code AS xdm, h.reason AS bgyy,
               h.change_date AS bgrq, h.ywh
          FROM jtsyq.bdcdyh_history h$v$, target_schema);
    EXECUTE format('COMMENT ON VIEW %I.xjdmdzb IS %L', target_schema,
                   '新旧代码对照表 (DB64/T 2020-2024 §6.5.2): a view of jtsyq.bdcdyh_history, written with jtsyq.record_code_change');
    EXECUTE format('COMMENT ON COLUMN %I.xjdmdzb.jdm IS %L', target_schema, '旧代码 (retired 不动产单元号)');
    EXECUTE format('COMMENT ON COLUMN %I.xjdmdzb.xdm IS %L', target_schema, '新代码 (NULL: 灭失/注销)');
    EXECUTE format('COMMENT ON COLUMN %I.xjdmdzb.bgyy IS %L', target_schema, '变更原因');
    EXECUTE format('COMMENT ON COLUMN %I.xjdmdzb.bgrq IS %L', target_schema, '变更日期');
    EXECUTE format('COMMENT ON COLUMN %I.xjdmdzb.ywh IS %L', target_schema, '业务号');
    EXECUTE format('COMMENT ON COLUMN %I.xjdmdzb.bsm IS %L', target_schema, '标识码');
END
$fn$;

COMMENT ON FUNCTION jtsyq.create_survey_schema(name, integer, boolean) IS
'Create (or complete) the standard survey layers in target_schema as ordinary tables: TD/T 1066 table and field names with Chinese COMMENTs, geometry typed with the CGCS2000 Gauss-Kruger SRID, GiST and code indexes, and the view xjdmdzb of the code history. enforce => true types 不动产单元号 as jtsyq.bdcdyh and adds unique codes, dictionary and code-structure CHECKs (NOT VALID on tables that already have rows) and the triggers (宗地顺序号 allocation, retired-code guard); enforce => false makes a staging schema for importing legacy data that qa_report then checks. Idempotent; refuses a non-CGCS2000 or geographic SRID (22023).';

CREATE FUNCTION jtsyq.build_boundary_points(target_schema name, djzqdm text DEFAULT NULL)
RETURNS TABLE(unit text, parcels integer, points integer, lines integer)
LANGUAGE plpgsql
VOLATILE PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $fn$
DECLARE
    u text;
    codes text[];
    geoms geometry[];
    old_pts geometry[];
    old_lx text[];
    old_jb text[];
    old_lines geometry[];
    old_attr text[];
    old_docs bytea[];
    ctx geometry[];
    n_points integer;
    n_lines integer;
    msg text;
    detail text;
BEGIN
    IF target_schema IS NULL THEN
        RAISE EXCEPTION 'build_boundary_points: target_schema must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF to_regclass(format('%I.zdjbxx', target_schema)) IS NULL THEN
        RAISE EXCEPTION 'build_boundary_points: schema "%" has no survey layers', target_schema
            USING ERRCODE = 'undefined_table', HINT = 'Create them with jtsyq.create_survey_schema().';
    END IF;

    FOR u IN EXECUTE format(
        'SELECT DISTINCT left(zddm, 12) FROM %I.zdjbxx
          WHERE zddm IS NOT NULL AND geom IS NOT NULL AND coalesce(zt, ''1'') = ''1''
            AND ($1 IS NULL OR left(zddm, 12) = $1) ORDER BY 1', target_schema) USING djzqdm
    LOOP
      BEGIN
        -- the current parcels of the unit, in code order
        EXECUTE format('SELECT array_agg(zddm ORDER BY zddm), array_agg(geom ORDER BY zddm) FROM %I.zdjbxx
                         WHERE left(zddm, 12) = $1 AND geom IS NOT NULL AND coalesce(zt, ''1'') = ''1''',
                       target_schema) INTO codes, geoms USING u;
        -- current parcels of other units touching this one: where they meet
        -- its edges, those are its points too (§6.7.5 b)
        EXECUTE format('SELECT array_agg(c.geom) FROM (
                          SELECT DISTINCT ON (z.bsm) z.geom FROM unnest($2) g(g)
                            JOIN %I.zdjbxx z ON z.geom && ST_Expand(g.g, 0.0001)
                           WHERE left(z.zddm, 12) IS DISTINCT FROM $1 AND coalesce(z.zt, ''1'') = ''1''
                             AND ST_DWithin(z.geom, g.g, 0.0001)
                           ORDER BY z.bsm) c', target_schema) INTO ctx USING u, geoms;
        -- what the surveyors recorded on the old points and lines is kept
        EXECUTE format('SELECT array_agg(geom), array_agg(jzdlx), array_agg(jblx) FROM %I.jzd
                         WHERE left(zdzhdm, 12) = $1 AND geom IS NOT NULL', target_schema)
            INTO old_pts, old_lx, old_jb USING u;
        EXECUTE format('SELECT array_agg(geom ORDER BY bsm),
                               array_agg(ARRAY[zdzhdm, jzxlb, jzxwz, jxxz, qsjxxysbh, qszyyysbh] ORDER BY bsm),
                               array_agg(qsjxxys ORDER BY bsm) || array_agg(qszyyys ORDER BY bsm)
                          FROM %I.jzx WHERE left(zdzhdm, 12) = $1 AND geom IS NOT NULL', target_schema)
            INTO old_lines, old_attr, old_docs USING u;
        EXECUTE format('DELETE FROM %I.jzd WHERE left(zdzhdm, 12) = $1', target_schema) USING u;
        EXECUTE format('DELETE FROM %I.jzx WHERE left(zdzhdm, 12) = $1', target_schema) USING u;

        EXECUTE format($q$
            INSERT INTO %I.jzd (zdzhdm, jzdh, sxh, jblx, jzdlx, xzbz, yzbz, zddms, geom)
            SELECT b.zddm[1], b.jzdh, b.seq,
                   (SELECT o.jb FROM unnest($3, $5) o(g, jb) WHERE ST_DWithin(o.g, b.geom, 0.0001) LIMIT 1),
                   CASE left(b.jzdh, 1) WHEN 'J' THEN '1' WHEN 'T' THEN '2' ELSE '3' END,
                   b.x, b.y, b.zddm, b.geom
              FROM jtsyq.boundary_points_layer($1, $2, 'J',
                       (SELECT array_agg(g) FROM unnest($3, $4) k(g, lx) WHERE lx IN ('1', '2', '3')),
                       (SELECT array_agg(lx) FROM unnest($3, $4) k(g, lx) WHERE lx IN ('1', '2', '3')),
                       $6) b
            $q$, target_schema)
            USING codes, geoms, old_pts, old_lx, old_jb, ctx;
        GET DIAGNOSTICS n_points = ROW_COUNT;

        EXECUTE format($q$
            INSERT INTO %I.jzx (zdzhdm, jzxcd, jzxlb, jzxwz, jxxz, qsjxxysbh, qsjxxys, qszyyysbh, qszyyys, qdh, zdh, geom)
            SELECT l.zddm, l.jzxcd, $4[o.i][2], $4[o.i][3], $4[o.i][4], $4[o.i][5], $5[o.i], $4[o.i][6],
                   $5[o.i + cardinality($3)], l.qdh, l.zdh, l.geom
              FROM jtsyq.boundary_lines_layer($1, $2, 'J', NULL, NULL, $6) l
              LEFT JOIN LATERAL (
                   SELECT k.i FROM generate_subscripts($3, 1) k(i)
                    WHERE $4[k.i][1] = l.zddm AND ST_Equals($3[k.i], l.geom)
                    LIMIT 1) o ON true
            $q$, target_schema)
            USING codes, geoms, old_lines, old_attr, old_docs, ctx;
        GET DIAGNOSTICS n_lines = ROW_COUNT;

        unit := u;
        parcels := cardinality(codes);
        points := n_points;
        lines := n_lines;
        RETURN NEXT;
      EXCEPTION WHEN invalid_parameter_value THEN
        -- a parcel the numbering cannot use (e.g. a ring without area):
        -- this unit keeps its old points and lines, the others go on
        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
        RAISE WARNING 'build_boundary_points: 地籍子区 % skipped: %', u, msg USING DETAIL = detail;
        unit := u;
        parcels := cardinality(codes);
        points := NULL;
        lines := NULL;
        RETURN NEXT;
      END;
    END LOOP;
END
$fn$;

COMMENT ON FUNCTION jtsyq.build_boundary_points(name, text) IS
'(Re)build the 界址点 (jzd) and 界址线 (jzx) of each survey unit (地籍子区, from the first 12 characters of 宗地代码; all units, or the one given) from the current parcels: numbered with boundary_points_layer in 宗地代码 order, shared points once, and where parcels of neighbouring units meet the unit''s edges, points there too. Methods (界址点类型) and marker types (界标类型) of existing points at the same place, and the attributes of unchanged lines, are kept. A unit whose parcels cannot be numbered (e.g. a ring without area) keeps its old points and lines and is reported with a WARNING and NULL counts.';

CREATE FUNCTION jtsyq.fill_four_sides(target_schema name, overwrite boolean DEFAULT false)
RETURNS integer
LANGUAGE plpgsql
VOLATILE PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $fn$
DECLARE
    n integer;
BEGIN
    IF target_schema IS NULL THEN
        RAISE EXCEPTION 'fill_four_sides: target_schema must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF to_regclass(format('%I.zdjbxx', target_schema)) IS NULL THEN
        RAISE EXCEPTION 'fill_four_sides: schema "%" has no survey layers', target_schema
            USING ERRCODE = 'undefined_table', HINT = 'Create them with jtsyq.create_survey_schema().';
    END IF;
    EXECUTE format($q$
        WITH p AS (
            SELECT z.zddm, z.geom,
                   coalesce((SELECT q.qlrmc FROM %1$I.qlr q
                              WHERE q.bdcdyh = z.bdcdyh AND q.qlrmc IS NOT NULL AND q.qlrmc NOT IN ('', '/')
                              ORDER BY q.sxh NULLS LAST, q.bsm LIMIT 1), z.zddm) AS name
              FROM %1$I.zdjbxx z
             WHERE z.zddm IS NOT NULL AND z.geom IS NOT NULL AND coalesce(z.zt, '1') = '1'
        ), s AS (
            SELECT f.* FROM (SELECT array_agg(zddm ORDER BY zddm) AS c, array_agg(name ORDER BY zddm) AS n,
                                    array_agg(geom ORDER BY zddm) AS g FROM p) a,
                            jtsyq.four_sides(a.c, a.n, a.g) f
        )
        UPDATE %1$I.zdjbxx z
           SET zdszd = CASE WHEN s.east IS NOT NULL AND ($1 OR coalesce(z.zdszd, '') = '') THEN left(s.east, 200) ELSE z.zdszd END,
               zdszn = CASE WHEN s.south IS NOT NULL AND ($1 OR coalesce(z.zdszn, '') = '') THEN left(s.south, 200) ELSE z.zdszn END,
               zdszx = CASE WHEN s.west IS NOT NULL AND ($1 OR coalesce(z.zdszx, '') = '') THEN left(s.west, 200) ELSE z.zdszx END,
               zdszb = CASE WHEN s.north IS NOT NULL AND ($1 OR coalesce(z.zdszb, '') = '') THEN left(s.north, 200) ELSE z.zdszb END
          FROM s
         WHERE z.zddm = s.zddm AND coalesce(z.zt, '1') = '1'
           AND (s.north IS NOT NULL OR s.east IS NOT NULL OR s.south IS NOT NULL OR s.west IS NOT NULL)
        $q$, target_schema) USING overwrite;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$fn$;

COMMENT ON FUNCTION jtsyq.fill_four_sides(name, boolean) IS
'Fill 宗地四至 (zdszd/zdszn/zdszx/zdszb) of the current parcels from their neighbours in the layer (jtsyq.four_sides), naming each neighbour by its first 权利人 (qlr.qlrmc) or else its 宗地代码. Only empty fields are filled unless overwrite; a side with no neighbour in the data is left alone. Returns the number of parcels updated.';

-----------------------------------------------------------------------------
-- Survey layers: the database checks of DB64/T 2020-2024 §8.3 and the
-- task statistics of §13.4.1 in one call (qa_report, qa_summary).
--
-- Rules (rule id: severity — what):
--   completeness.layer_missing: error — a standard layer is not there (§8.3.1)
--   completeness.layer_empty: error for 地籍区/子区, 宗地, 界址点/线; warning else
--   completeness.field_missing: error — a standard field is not there
--   completeness.required_field: error — a required (M) field is empty, or
--       holds "/" where "/" is not acceptable
--   completeness.unrecoverable: info — "/" in a registry field: a value the
--       左云 plan allows when it cannot be recovered from the legal records
--   completeness.geometry_missing: error — a feature has no geometry
--   consistency.dictionary: error — a code not in its TD/T 1066 dictionary (§8.3.2)
--   consistency.duplicate_code: error — a code used twice (§13.4.2 a 不重不漏)
--   consistency.code_structure: error — 宗地代码/不动产单元号/特征码 malformed
--       (GB/T 37346, jtsyq.bdcdyh_problems) or disagreeing, 界址点号 malformed
--       or disagreeing with 界址点类型
--   consistency.retired_code: error — a current 宗地 carries a code the
--       新旧代码对照表 retired (§6.5.2: codes are never reused)
--   consistency.location: error — a code disagrees with where the feature
--       lies (宗地 vs 地籍子区, 地籍子区 vs 地籍区, 图斑 vs 宗地)
--   consistency.boundary_points: 宗地 without 界址点, vertices without a
--       point, points off every boundary, X/Y disagreeing with the point
--   consistency.boundary_lines: 界址线长度 disagreeing with the line
--   topology.*: invalid polygons, overlapping parcels, parcels outside their
--       地籍子区 (§8.3.3, §8.3.6 tolerance 0.0001 m)
--   area.sum_of_parts: error — 宗地面积 ≠ Σ 图斑面积 (§10 e, §8.3.5)
--   statistics.*: info — §13.4.1 task completion (宗地数 and 公顷)
-----------------------------------------------------------------------------

CREATE FUNCTION jtsyq.qa_report(target_schema name)
RETURNS TABLE(rule text, severity text, object text, message text)
LANGUAGE plpgsql
STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $fn$
DECLARE
    l record;
    f record;
    s text := quote_ident(target_schema);
    present text[] := '{}';
    cols text[];
    lbl text;
    is_text boolean;
BEGIN
    IF target_schema IS NULL THEN
        RAISE EXCEPTION 'qa_report: target_schema must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = target_schema) THEN
        RAISE EXCEPTION 'qa_report: schema "%" does not exist', target_schema USING ERRCODE = 'invalid_schema_name';
    END IF;

    ---------------------------------------------------------------------
    -- §8.3.1 completeness
    ---------------------------------------------------------------------
    FOR l IN SELECT * FROM jtsyq.survey_layer ORDER BY ord LOOP
        IF to_regclass(format('%s.%I', s, l.layer)) IS NULL THEN
            RETURN QUERY SELECT 'completeness.layer_missing', 'error', l.layer,
                                format('图层 %s %s is missing', l.tdt_name, l.zh);
            CONTINUE;
        END IF;
        SELECT array_agg(attname::text) INTO cols FROM pg_attribute
         WHERE attrelid = format('%s.%I', s, l.layer)::regclass AND attnum > 0 AND NOT attisdropped;
        RETURN QUERY
            SELECT 'completeness.field_missing', 'error', l.layer || '.' || fl.name,
                   format('字段 %s %s is missing from %s', upper(fl.name), fl.zh, l.tdt_name)
              FROM jtsyq.survey_field fl
             WHERE fl.layer = l.layer AND fl.name <> ALL (cols)
            UNION ALL
            SELECT 'completeness.field_missing', 'error', l.layer || '.geom',
                   format('%s has no geometry column geom', l.tdt_name)
             WHERE l.geom_type IS NOT NULL AND 'geom' <> ALL (cols);
        IF EXISTS (SELECT FROM jtsyq.survey_field fl WHERE fl.layer = l.layer AND fl.name <> ALL (cols))
           OR (l.geom_type IS NOT NULL AND 'geom' <> ALL (cols)) THEN
            CONTINUE;               -- its other checks would fail on the missing columns
        END IF;
        present := present || l.layer;
        lbl := format('%L || coalesce((%s)::text, ''bsm='' || bsm)', l.layer || ':', l.label_expr);

        RETURN QUERY EXECUTE format(
            'SELECT ''completeness.layer_empty'', %L, %L, %L WHERE NOT EXISTS (SELECT FROM %s.%I)',
            CASE WHEN l.layer IN ('djq', 'djzq', 'zdjbxx', 'jzd', 'jzx') THEN 'error' ELSE 'warning' END,
            l.layer, format('图层 %s %s is empty', l.tdt_name, l.zh), s, l.layer);

        IF l.geom_type IS NOT NULL THEN
            RETURN QUERY EXECUTE format(
                'SELECT ''completeness.geometry_missing'', ''error'', %s, %L FROM %s.%I
                  WHERE geom IS NULL OR ST_IsEmpty(geom)', lbl, l.zh || ' has no geometry', s, l.layer);
        END IF;

        FOR f IN SELECT * FROM jtsyq.survey_field WHERE layer = l.layer ORDER BY ord LOOP
            is_text := f.sqltype LIKE 'varchar%' OR f.sqltype IN ('text', 'bdcdyh');
            IF f.obligation = 'M' THEN
                RETURN QUERY EXECUTE format(
                    'SELECT ''completeness.required_field'', ''error'', %s, %L FROM %s.%I WHERE %I IS NULL%s',
                    lbl, format('%s (%s) is empty', f.zh, upper(f.name)), s, l.layer, f.name,
                    CASE WHEN is_text THEN format(' OR btrim(%I::text) = ''''', f.name) ELSE '' END);
            END IF;
            IF is_text AND f.slash_ok THEN
                RETURN QUERY EXECUTE format(
                    'SELECT ''completeness.unrecoverable'', ''info'', %s, %L FROM %s.%I WHERE %I::text = ''/''',
                    lbl, format('%s (%s) is "/": cannot be recovered from the registration records', f.zh, upper(f.name)),
                    s, l.layer, f.name);
            ELSIF is_text THEN
                RETURN QUERY EXECUTE format(
                    'SELECT ''completeness.required_field'', ''error'', %s, %L FROM %s.%I WHERE %I::text = ''/''',
                    lbl, format('%s (%s) is "/", which only registry facts may be', f.zh, upper(f.name)),
                    s, l.layer, f.name);
            END IF;

            -- §8.3.2: codes against their dictionaries
            IF f.dict IS NOT NULL THEN
                RETURN QUERY EXECUTE format(
                    'SELECT ''consistency.dictionary'', ''error'', %s,
                            format(%L, %I) FROM %s.%I t
                      WHERE %I IS NOT NULL AND btrim(%I::text) NOT IN ('''', ''/'')
                        AND NOT EXISTS (SELECT FROM jtsyq.survey_dictionary d WHERE d.zdmc = %L AND d.dm = t.%I::text)',
                    lbl, f.zh || ' (' || upper(f.name) || ') %s is not in ' || f.dict, f.name, s, l.layer,
                    f.name, f.name, f.dict, f.name);
            END IF;
        END LOOP;

        -- duplicate codes (codes are never reused, DB64/T 2020-2024 §6.5.2)
        IF l.code_column IS NOT NULL THEN
            RETURN QUERY EXECUTE format(
                'SELECT ''consistency.duplicate_code'', ''error'', %L || %I,
                        format(%L, %I, count(*), string_agg(bsm::text, '','' ORDER BY bsm))
                   FROM %s.%I WHERE %I IS NOT NULL AND btrim(%I::text) <> ''''
                  GROUP BY %I HAVING count(*) > 1',
                l.layer || ':', l.code_column,
                upper(l.code_column) || ' %s is used %s times (bsm %s)', l.code_column,
                s, l.layer, l.code_column, l.code_column, l.code_column);
        END IF;
    END LOOP;

    ---------------------------------------------------------------------
    -- §8.3.2 logical consistency of codes
    ---------------------------------------------------------------------
    IF 'zdjbxx' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            SELECT 'consistency.duplicate_code', 'error', 'zdjbxx:' || bdcdyh::text,
                   format('BDCDYH %%s is used %%s times (bsm %%s)', bdcdyh, count(*), string_agg(bsm::text, ',' ORDER BY bsm))
              FROM %1$s.zdjbxx WHERE bdcdyh IS NOT NULL GROUP BY bdcdyh HAVING count(*) > 1
            UNION ALL
            SELECT 'consistency.code_structure', 'error', 'zdjbxx:' || zddm,
                   format('宗地代码 %%s is not 12 digits + 特征码 (G/J/Z + letter) + 5-digit 顺序号 (GB/T 37346)', zddm)
              FROM %1$s.zdjbxx WHERE zddm IS NOT NULL AND zddm !~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$'
            UNION ALL
            SELECT 'consistency.code_structure', 'error', 'zdjbxx:' || coalesce(zddm, 'bsm=' || bsm),
                   format('宗地特征码 %%s does not match 宗地代码 %%s', zdtzm, zddm)
              FROM %1$s.zdjbxx WHERE zdtzm IS NOT NULL AND zddm IS NOT NULL AND zdtzm <> substr(zddm, 13, 2)
            UNION ALL
            SELECT 'consistency.code_structure', 'error', 'zdjbxx:' || coalesce(zddm, 'bsm=' || bsm),
                   format('不动产单元号 %%s is not 宗地代码 + W00000000 (DB64/T 2020-2024 §6.5.1: 所有权宗地 定着物单元代码 W00000000)', bdcdyh)
              FROM %1$s.zdjbxx
             WHERE bdcdyh IS NOT NULL AND zddm IS NOT NULL AND bdcdyh::text <> zddm || 'W00000000'
            $q$, s);
        -- 不动产单元号 as GB/T 37346 defines it (a staging schema holds text)
        RETURN QUERY EXECUTE format($q$
            SELECT 'consistency.code_structure', 'error', 'zdjbxx:' || coalesce(z.zddm, 'bsm=' || z.bsm),
                   format('不动产单元号 %%s: %%s %%s at %%s-%%s: %%s', z.bdcdyh, p.field_name, p.value,
                          p.first_pos, p.last_pos, p.problem)
              FROM %1$s.zdjbxx z, jtsyq.bdcdyh_problems(z.bdcdyh::text) p
             WHERE z.bdcdyh IS NOT NULL AND btrim(z.bdcdyh::text) <> ''
            UNION ALL
            SELECT 'consistency.retired_code', 'error', 'zdjbxx:' || z.zddm,
                   format('不动产单元号 %%s was retired (新旧代码对照表); current: %%s', z.bdcdyh,
                          coalesce((SELECT string_agg(c::text, ', ') FROM jtsyq.current_codes(z.bdcdyh::text::jtsyq.bdcdyh) c), 'none'))
              FROM %1$s.zdjbxx z
             WHERE coalesce(z.zt, '1') = '1' AND jtsyq.bdcdyh_is_valid(z.bdcdyh::text)
               AND jtsyq.bdcdyh_is_retired(z.bdcdyh::text::jtsyq.bdcdyh)
            $q$, s);
    END IF;
    IF 'jzd' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            SELECT 'consistency.code_structure', 'error', 'jzd:' || coalesce(left(zdzhdm, 12) || '/' || jzdh, 'bsm=' || bsm),
                   format('界址点号 %%s is not J/H/T + number (DB64/T 2020-2024 §6.7.6.2)', jzdh)
              FROM %1$s.jzd WHERE jzdh IS NOT NULL AND jzdh !~ '^[JHT][0-9]+$'
            UNION ALL
            SELECT 'consistency.code_structure', 'error', 'jzd:' || left(zdzhdm, 12) || '/' || jzdh,
                   format('界址点号 %%s does not match 界址点类型 %%s (1 解析 J, 2 图解 T, 3 航测 H)', jzdh, jzdlx)
              FROM %1$s.jzd
             WHERE jzdh ~ '^[JHT][0-9]+$' AND jzdlx IN ('1', '2', '3')
               AND jzdlx <> CASE left(jzdh, 1) WHEN 'J' THEN '1' WHEN 'T' THEN '2' ELSE '3' END
            UNION ALL
            SELECT 'consistency.duplicate_code', 'error', 'jzd:' || left(zdzhdm, 12) || '/' || substr(jzdh, 2),
                   format('界址点 number %%s is used %%s times in 地籍子区 %%s (bsm %%s)', substr(jzdh, 2), count(*),
                          left(zdzhdm, 12), string_agg(bsm::text, ',' ORDER BY bsm))
              FROM %1$s.jzd WHERE jzdh ~ '^[JHT][0-9]+$' AND zdzhdm IS NOT NULL
             GROUP BY left(zdzhdm, 12), substr(jzdh, 2) HAVING count(*) > 1
            $q$, s);
    END IF;

    -- codes against where the features lie
    IF 'zdjbxx' = ANY (present) AND 'djzq' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            SELECT 'consistency.location', 'error', 'zdjbxx:' || z.zddm,
                   CASE WHEN c.djzqdm IS NULL
                        THEN format('宗地 %%s lies in no 地籍子区', z.zddm)
                        ELSE format('宗地代码 %%s says 地籍子区 %%s, but the parcel lies in 地籍子区 %%s',
                                    z.zddm, left(z.zddm, 12), c.djzqdm) END
              FROM %1$s.zdjbxx z
              LEFT JOIN LATERAL (SELECT d.djzqdm FROM %1$s.djzq d
                                  WHERE ST_Intersects(d.geom, ST_PointOnSurface(z.geom)) ORDER BY d.bsm LIMIT 1) c ON true
             WHERE z.zddm IS NOT NULL AND z.geom IS NOT NULL AND NOT ST_IsEmpty(z.geom) AND (ST_IsValidDetail(z.geom)).valid
               AND c.djzqdm IS DISTINCT FROM left(z.zddm, 12)
            $q$, s);
    END IF;
    IF 'djzq' = ANY (present) AND 'djq' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            SELECT 'consistency.location', 'error', 'djzq:' || z.djzqdm,
                   CASE WHEN c.djqdm IS NULL
                        THEN format('地籍子区 %%s lies in no 地籍区', z.djzqdm)
                        ELSE format('地籍子区代码 %%s says 地籍区 %%s, but it lies in 地籍区 %%s',
                                    z.djzqdm, left(z.djzqdm, 9), c.djqdm) END
              FROM %1$s.djzq z
              LEFT JOIN LATERAL (SELECT d.djqdm FROM %1$s.djq d
                                  WHERE ST_Intersects(d.geom, ST_PointOnSurface(z.geom)) ORDER BY d.bsm LIMIT 1) c ON true
             WHERE z.djzqdm IS NOT NULL AND z.geom IS NOT NULL AND NOT ST_IsEmpty(z.geom) AND (ST_IsValidDetail(z.geom)).valid
               AND c.djqdm IS DISTINCT FROM left(z.djzqdm, 9)
            $q$, s);
    END IF;
    IF 'dltb' = ANY (present) AND 'zdjbxx' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            SELECT 'consistency.location', 'error', 'dltb:' || coalesce(t.tbbh, 'bsm=' || t.bsm),
                   format('图斑 says 宗地 %%s, but lies in %%s', t.zddm, coalesce('宗地 ' || c.zddm, 'no 宗地'))
              FROM %1$s.dltb t
              LEFT JOIN LATERAL (SELECT z.zddm FROM %1$s.zdjbxx z
                                  WHERE coalesce(z.zt, '1') = '1' AND ST_Intersects(z.geom, ST_PointOnSurface(t.geom))
                                  ORDER BY z.bsm LIMIT 1) c ON true
             WHERE t.zddm IS NOT NULL AND t.geom IS NOT NULL AND NOT ST_IsEmpty(t.geom) AND (ST_IsValidDetail(t.geom)).valid
               AND c.zddm IS DISTINCT FROM t.zddm
            $q$, s);
    END IF;

    -- 界址点 and 界址线 against the parcels (§8.2.2 b: 宗地须与界址线重合)
    IF 'zdjbxx' = ANY (present) AND 'jzd' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            WITH z AS (SELECT zddm, geom FROM %1$s.zdjbxx
                        WHERE coalesce(zt, '1') = '1' AND zddm IS NOT NULL AND geom IS NOT NULL AND NOT ST_IsEmpty(geom)),
                 pz AS (SELECT DISTINCT c AS zddm FROM %1$s.jzd j, unnest(j.zddms || j.zdzhdm) c WHERE c IS NOT NULL),
                 has AS (SELECT z.zddm, z.geom, pz.zddm IS NOT NULL AS any_point
                           FROM z LEFT JOIN pz ON pz.zddm = z.zddm)
            SELECT 'consistency.boundary_points', 'error', 'zdjbxx:' || zddm,
                   format('宗地 %%s has no 界址点', zddm)
              FROM has WHERE NOT any_point
            UNION ALL
            SELECT 'consistency.boundary_points', 'warning', 'zdjbxx:' || h.zddm,
                   format('%%s of the parcel''s vertices have no 界址点 within 0.0001 m', count(*))
              FROM has h,
                   LATERAL (SELECT DISTINCT d.geom FROM ST_DumpPoints(h.geom) d) v
             WHERE h.any_point
               AND NOT EXISTS (SELECT FROM %1$s.jzd j WHERE ST_DWithin(j.geom, v.geom, 0.0001))
             GROUP BY h.zddm
            UNION ALL
            SELECT 'consistency.boundary_points', 'error', 'jzd:' || coalesce(left(j.zdzhdm, 12) || '/' || j.jzdh, 'bsm=' || j.bsm),
                   '界址点 lies on no parcel boundary (tolerance 0.0001 m)'
              FROM %1$s.jzd j
             WHERE j.geom IS NOT NULL
               AND NOT EXISTS (SELECT FROM %1$s.zdjbxx z
                                WHERE z.geom && ST_Expand(j.geom, 0.0001) AND coalesce(z.zt, '1') = '1'
                                  AND ST_DWithin(ST_Boundary(z.geom), j.geom, 0.0001))
            UNION ALL
            SELECT 'consistency.boundary_points', 'error', 'jzd:' || coalesce(left(j.zdzhdm, 12) || '/' || j.jzdh, 'bsm=' || j.bsm),
                   format('X/Y %%s/%%s disagree with the point (%%s/%%s)', j.xzbz, j.yzbz,
                          round(ST_Y(j.geom)::numeric, 2), round(ST_X(j.geom)::numeric, 2))
              FROM %1$s.jzd j
             WHERE j.geom IS NOT NULL AND (abs(j.xzbz - ST_Y(j.geom)::numeric) > 0.005
                                           OR abs(j.yzbz - ST_X(j.geom)::numeric) > 0.005)
            $q$, s);
    END IF;
    IF 'jzx' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            SELECT 'consistency.boundary_lines', 'error',
                   'jzx:' || coalesce(zdzhdm || '/' || qdh || '-' || zdh, 'bsm=' || bsm),
                   format('界址线长度 %%s m, but the line is %%s m long', jzxcd, round(ST_Length(geom)::numeric, 2))
              FROM %1$s.jzx
             WHERE geom IS NOT NULL AND jzxcd IS NOT NULL AND abs(jzxcd - ST_Length(geom)::numeric) > 0.005
            $q$, s);
    END IF;

    ---------------------------------------------------------------------
    -- §8.3.3 / §8.3.6 topology
    -- TODO(issue 4): replace with jtsyq.topology_errors (gaps, slivers,
    -- self-intersections, containment at 0.0001 m) once it is on main.
    ---------------------------------------------------------------------
    FOR l IN SELECT * FROM jtsyq.survey_layer
              WHERE geom_type = 'MultiPolygon' AND layer = ANY (present) ORDER BY ord LOOP
        RETURN QUERY EXECUTE format(
            'SELECT ''topology.invalid'', ''error'', %s, ST_IsValidReason(geom) FROM %s.%I
              WHERE geom IS NOT NULL AND NOT (ST_IsValidDetail(geom)).valid',
            format('%L || coalesce((%s)::text, ''bsm='' || bsm)', l.layer || ':', l.label_expr), s, l.layer);
    END LOOP;
    IF 'zdjbxx' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            WITH bad AS (SELECT bsm FROM %1$s.zdjbxx WHERE geom IS NOT NULL AND NOT (ST_IsValidDetail(geom)).valid)
            SELECT 'topology.overlap', 'error', 'zdjbxx:' || coalesce(a.zddm, 'bsm=' || a.bsm),
                   format('宗地 overlaps 宗地 %%s by %%s m²', coalesce(b.zddm, 'bsm=' || b.bsm),
                          round(jtsyq.overlap_area(a.geom, b.geom)::numeric, 4))
              FROM %1$s.zdjbxx a JOIN %1$s.zdjbxx b ON a.bsm < b.bsm AND a.geom && b.geom
             WHERE coalesce(a.zt, '1') = '1' AND coalesce(b.zt, '1') = '1'
               AND a.bsm NOT IN (SELECT bsm FROM bad) AND b.bsm NOT IN (SELECT bsm FROM bad)
               AND ST_Relate(a.geom, b.geom, 'T********')
               AND jtsyq.overlap_area(a.geom, b.geom) > 0.0001
            $q$, s);
    END IF;
    IF 'zdjbxx' = ANY (present) AND 'djzq' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            SELECT 'topology.outside_container', 'error', 'zdjbxx:' || z.zddm,
                   format('%%s m² of the parcel lie outside 地籍子区 %%s', round(ST_Area(ST_Difference(z.geom, d.geom))::numeric, 4), d.djzqdm)
              FROM %1$s.zdjbxx z
              JOIN LATERAL (SELECT * FROM %1$s.djzq c WHERE c.djzqdm = left(z.zddm, 12) ORDER BY c.bsm LIMIT 1) d ON true
             WHERE coalesce(z.zt, '1') = '1' AND NOT ST_CoveredBy(z.geom, d.geom)
               AND (ST_IsValidDetail(z.geom)).valid AND (ST_IsValidDetail(d.geom)).valid
               AND ST_Area(ST_Difference(z.geom, d.geom)) > 0.0001
            $q$, s);
    END IF;

    ---------------------------------------------------------------------
    -- §8.3.5 / §10 e: 宗地面积 = Σ 图斑面积 within the parcel
    -- TODO(issue 5): replace with jtsyq.sum_of_parts_errors once on main.
    ---------------------------------------------------------------------
    IF 'zdjbxx' = ANY (present) AND 'dltb' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            SELECT 'area.sum_of_parts', 'error', 'zdjbxx:' || z.zddm,
                   format('宗地面积 %%s m² ≠ Σ 图斑面积 %%s m² (%%s patches)', z.zdmj, t.total, t.n)
              FROM %1$s.zdjbxx z
              JOIN (SELECT zddm, sum(tbmj) AS total, count(*) AS n FROM %1$s.dltb
                     WHERE zddm IS NOT NULL GROUP BY zddm) t ON t.zddm = z.zddm
             WHERE coalesce(z.zt, '1') = '1' AND z.zdmj IS NOT NULL AND abs(z.zdmj - t.total) > 0.01
               -- a duplicated code cannot say whose patches are whose
               -- (consistency.duplicate_code reports it)
               AND NOT EXISTS (SELECT FROM %1$s.zdjbxx d WHERE d.zddm = z.zddm AND d.bsm <> z.bsm)
            $q$, s);
    END IF;

    ---------------------------------------------------------------------
    -- §13.4.1 task completion
    -- 应完成地籍调查: the current parcels; 已完成: with geometry, 宗地面积 and
    -- 界址点; 应确权登记: the collective ownership parcels (特征码 JA);
    -- 已确权登记: with a current (权属状态 1) 土地所有权 record carrying a
    -- 不动产权证号; 争议地: 特征码 Z* (所有权未确定或有争议).
    ---------------------------------------------------------------------
    IF 'zdjbxx' = ANY (present) AND 'jzd' = ANY (present) AND 'tdsyq' = ANY (present) THEN
        RETURN QUERY EXECUTE format($q$
            WITH pz AS (SELECT DISTINCT c AS zddm FROM %1$s.jzd j, unnest(j.zddms || j.zdzhdm) c WHERE c IS NOT NULL),
            reg AS (SELECT DISTINCT c AS code FROM %1$s.tdsyq t, unnest(ARRAY[t.zddm::text, t.bdcdyh::text]) c
                     WHERE coalesce(t.qszt, '1') = '1' AND t.bdcqzh IS NOT NULL AND btrim(t.bdcqzh) NOT IN ('', '/')
                       AND c IS NOT NULL),
            p AS (
                SELECT z.zddm, z.zdtzm, coalesce(z.zdmj, 0) AS mj,
                       z.geom IS NOT NULL AND NOT ST_IsEmpty(z.geom) AND z.zdmj > 0 AND pz.zddm IS NOT NULL AS surveyed,
                       r1.code IS NOT NULL OR r2.code IS NOT NULL AS registered
                  FROM %1$s.zdjbxx z LEFT JOIN pz ON pz.zddm = z.zddm
                  LEFT JOIN reg r1 ON r1.code = z.zddm::text LEFT JOIN reg r2 ON r2.code = z.bdcdyh::text
                 WHERE coalesce(z.zt, '1') = '1'
            ), c AS (
                SELECT coalesce(left(zddm, 6), '?') AS xq,
                       count(*) AS n_all, sum(mj) AS a_all,
                       count(*) FILTER (WHERE surveyed) AS n_sv, coalesce(sum(mj) FILTER (WHERE surveyed), 0) AS a_sv,
                       count(*) FILTER (WHERE zdtzm = 'JA') AS n_rq,
                       coalesce(sum(mj) FILTER (WHERE zdtzm = 'JA'), 0) AS a_rq,
                       count(*) FILTER (WHERE zdtzm = 'JA' AND registered) AS n_rg,
                       coalesce(sum(mj) FILTER (WHERE zdtzm = 'JA' AND registered), 0) AS a_rg,
                       count(*) FILTER (WHERE zdtzm LIKE 'Z%%') AS n_dp,
                       coalesce(sum(mj) FILTER (WHERE zdtzm LIKE 'Z%%'), 0) AS a_dp
                  FROM p GROUP BY 1
            )
            SELECT r.rule, 'info', 'county:' || c.xq, r.msg
              FROM c, LATERAL (VALUES
                ('statistics.survey_required', format('应完成地籍调查 %%s 宗, %%s 公顷', n_all, round(a_all / 10000, 4))),
                ('statistics.survey_done', format('已完成地籍调查 %%s 宗, %%s 公顷', n_sv, round(a_sv / 10000, 4))),
                ('statistics.survey_rate', format('地籍调查完成率 %%s%%%% (宗地数), %%s%%%% (面积)',
                     CASE WHEN n_all > 0 THEN round(100.0 * n_sv / n_all, 2) END,
                     CASE WHEN a_all > 0 THEN round(100 * a_sv / a_all, 2) END)),
                ('statistics.registration_required', format('应确权登记 %%s 宗, %%s 公顷', n_rq, round(a_rq / 10000, 4))),
                ('statistics.registration_done', format('已确权登记 %%s 宗, %%s 公顷', n_rg, round(a_rg / 10000, 4))),
                ('statistics.registration_rate', format('确权登记完成率 %%s%%%% (宗地数), %%s%%%% (面积)',
                     CASE WHEN n_rq > 0 THEN round(100.0 * n_rg / n_rq, 2) END,
                     CASE WHEN a_rq > 0 THEN round(100 * a_rg / a_rq, 2) END)),
                ('statistics.disputed', format('争议地 %%s 宗, %%s 公顷', n_dp, round(a_dp / 10000, 4)))
              ) r(rule, msg)
            $q$, s);
    END IF;
END
$fn$;

COMMENT ON FUNCTION jtsyq.qa_report(name) IS
'The database checks of DB64/T 2020-2024 §8.3 on a schema made by create_survey_schema, in one call: completeness (layers, fields, required values; "/" reported as info where the 左云 plan allows it), logical consistency (dictionaries, duplicate codes, code structure, codes vs location, 界址点/界址线 vs parcels), topology, area (宗地 = Σ 图斑) and the §13.4.1 completion statistics, as rows (rule, severity error/warning/info, object layer:code, message).';

CREATE FUNCTION jtsyq.qa_summary(target_schema name)
RETURNS TABLE(rule text, severity text, n bigint)
LANGUAGE sql
STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
    SELECT q.rule, q.severity, count(*) FROM jtsyq.qa_report(target_schema) q
     GROUP BY q.rule, q.severity ORDER BY q.rule, q.severity
$$;

COMMENT ON FUNCTION jtsyq.qa_summary(name) IS
'qa_report counted per rule and severity.';
