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
