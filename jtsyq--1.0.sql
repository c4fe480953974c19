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
COMMENT ON SEQUENCE jtsyq.bdcdyh_history_id_seq IS 'Row ids of jtsyq.bdcdyh_history (identity column id). Dumped by pg_dump.';

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

-- An area is a finite number >= 0: a negative, NaN or infinite argument is
-- a mistake upstream (a difference taken the wrong way round, a failed
-- computation), not something to round; 22023 naming the function.
CREATE FUNCTION jtsyq._check_area_m2(area_m2 numeric, fn text)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
BEGIN
    -- NaN sorts above 'Infinity' in numeric, so this refuses it too
    IF NOT (area_m2 >= 0 AND area_m2 < 'Infinity') THEN
        RAISE EXCEPTION '%: area_m2 must be a finite number of square metres >= 0, not %', fn, area_m2
              USING ERRCODE = '22023';
    END IF;
    RETURN area_m2;
END
$$;

COMMENT ON FUNCTION jtsyq._check_area_m2(numeric, text) IS
'Internal: returns area_m2, or raises 22023 naming fn when it is negative, NaN or infinite.';

CREATE FUNCTION jtsyq.m2_to_ha(area_m2 numeric)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$ SELECT round(jtsyq._check_area_m2($1, 'm2_to_ha') / 10000, 4) $$;

COMMENT ON FUNCTION jtsyq.m2_to_ha(numeric) IS
'Square metres to hectares (公顷), rounded half away from zero to 4 decimals as statistics require (DB64/T 2020-2024 §4.2c). A negative, NaN or infinite area is an error (22023).';

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
AS $$ SELECT round(jtsyq._check_area_m2($1, 'm2_to_mu') * 15 / 10000, 2) $$;

COMMENT ON FUNCTION jtsyq.m2_to_mu(numeric) IS
'Square metres to mu (亩, 1 亩 = 10000/15 m²), rounded half away from zero to 2 decimals (DB64/T 2020-2024 §4.2c: 亩 is an auxiliary unit with 2 decimals). A negative, NaN or infinite area is an error (22023).';

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

-- Area accounting (issue 5): land-use classifications, sum-of-parts checks,
-- 面积调平 and the standard summary tables (DB64/T 2020-2024 §6.7.4, §10,
-- §13.4.1).  src/balance.c (pure C), src/balance_pg.c.
-----------------------------------------------------------------------------

/*
 * Reference data: land-use classifications (extension data, populated here,
 * not dumped by pg_dump; not user tables).
 *
 * Schemes
 *   yydh2023       国土空间调查、规划、用途管制用地用海分类指南 (自然资发〔2023〕234号):
 *                  24 first-level, 111 second-level, 40 third-level codes.
 *   sandiao        第三次全国国土调查工作分类 (TD/T 1055-2019 附录A 表A.2):
 *                  13 first-level (00 湿地 first), 55 second-level, 13 third-level
 *                  refinements used in DLBM (K 可调整 codes, A codes).
 *   gbt21010_2017  GB/T 21010-2017 土地利用现状分类: 12 first-level, 73 second-level.
 *
 * Sources and cross-checks (the official PDFs were not available; every list
 * was gathered from public copies and compared):
 *   - yydh2023: the project's digest (shared/domain/landuse/yydh2023.tsv, two
 *     public tool dictionaries) compared code by code with two independent
 *     public source files found in the code corpus (a C# checker's
 *     "用地用海表_新" dictionary and a Python knowledge-graph script built from
 *     the guide's appendix table).  All codes and names agree except 2005:
 *     "其他交通运输用海" (digest, C# dictionary) vs "其他用海" (Python script).
 *     Kept: 其他交通运输用海.  The notice's title and number were confirmed on a
 *     public copy of the notice (ykgxjd.com).  The per-level counts (24/111/40)
 *     are those of the lists; no official count statement was found.
 *   - yydh2020 (试行) is not shipped; its 海域 part (6 first-level, 16
 *     second-level, per the Ministry's 2020 press conference) matches the
 *     digest, which the 2023 list extends (1804, 2004, 2005, 2202-2206).
 *   - sandiao: digest compared with the same Python script's 三调 tree: same
 *     codes; names agree except 02, "种植园用地" (digest, TD/T 1055 工作分类
 *     and the 三调 summary-table templates) vs "园地" (the GB/T 21010 name,
 *     Python script).  Kept: 种植园用地.  Public copies of TD/T 1055-2019
 *     附录A (renrendoc.com/paper/230328524, m.r1worldwide.com/p-7735570)
 *     confirm the structure: 表A.2 工作分类, 表A.4 工作分类与农用地、建设用地和
 *     未利用地对照表.
 *   - gbt21010_2017: digest (12/73, the standard's stated counts).
 *
 * 三大类 (农用地/建设用地/未利用地, DB64/T 2020-2024 §6.7.4) — three_class and
 * three_class_basis:
 *   standard      from GB/T 21010-2017 附录A / TD/T 1055-2019 表A.4 as reproduced
 *                 in public dictionaries;
 *   conflict      三调 0404 其他草地: 未利用地 in GB/T 21010-2017 附录A and two
 *                 further public dictionaries, 农用地 in one public summary
 *                 template (CCTool).  Shipped: 未利用地 (3 of 4 sources, and the
 *                 GB/T 21010-2007 三大类 table, public copy 360docs.net/doc/
 *                 266935094, lists only 天然牧草地 and 人工牧草地 under 农用地);
 *   inherited     K and A refinements take their parent's class;
 *   inferred      every 2023 code: NO official 2023 三大类 table was found.  The
 *                 values are inferred from the GB/T 21010-2017 / 三调 class each
 *                 2023 class continues (e.g. 0403 其他草地 → 未利用地 like 0404,
 *                 1703 水库水面 → 农用地 like 1103, 0504 其他沼泽地 → 未利用地 like
 *                 1108 沼泽地, 06 农业设施建设用地 → 农用地 like 1006/1202);
 *   undetermined  2023 2302 后备耕地 (no predecessor class): NULL;
 *   not_applicable 2023 sea classes 18-22, 24: NULL (outside the three);
 *   by_level2     a first-level class whose second-level classes differ: NULL;
 *   aggregate     a first-level class whose second-level classes all agree.
 * Summaries never drop land whose class is NULL: it is reported separately.
 */
CREATE TABLE jtsyq.land_class (
    scheme text NOT NULL CHECK (scheme IN ('yydh2023', 'sandiao', 'gbt21010_2017')),
    code text NOT NULL,
    name text NOT NULL,
    level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
    parent text,
    level1 text,
    level2 text,
    three_class text CHECK (three_class IN ('农用地', '建设用地', '未利用地')),
    three_class_basis text CHECK (three_class_basis IN
        ('standard', 'conflict', 'inherited', 'inferred', 'undetermined',
         'not_applicable', 'by_level2', 'aggregate')),
    ord integer NOT NULL,
    PRIMARY KEY (scheme, code),
    FOREIGN KEY (scheme, parent) REFERENCES jtsyq.land_class (scheme, code),
    CHECK ((level = 1) = (parent IS NULL))
);

COMMENT ON TABLE jtsyq.land_class IS
'Land-use classifications shipped with jtsyq (extension data): 2023 用地用海分类 (自然资发〔2023〕234号, scheme yydh2023), the 三调 working classification (TD/T 1055-2019, scheme sandiao) and GB/T 21010-2017, with each code''s level, parent, first/second-level ancestors and 三大类 (DB64/T 2020-2024 §6.7.4). Sources and the conflicts found are documented in the install script.';
COMMENT ON COLUMN jtsyq.land_class.scheme IS 'yydh2023, sandiao or gbt21010_2017';
COMMENT ON COLUMN jtsyq.land_class.code IS '地类编码 (DLBM)';
COMMENT ON COLUMN jtsyq.land_class.name IS '地类名称 (DLMC)';
COMMENT ON COLUMN jtsyq.land_class.level IS '1 一级类, 2 二级类, 3 三级类 (2023) or K/A refinement (三调)';
COMMENT ON COLUMN jtsyq.land_class.parent IS 'code of the class one level up (NULL for first-level classes); in the 三调 working classification the eight wetland classes have parent 00 湿地';
COMMENT ON COLUMN jtsyq.land_class.level1 IS 'first-level ancestor (the code itself for a first-level class)';
COMMENT ON COLUMN jtsyq.land_class.level2 IS 'second-level ancestor (the code itself for a second-level class; NULL for a first-level class)';
COMMENT ON COLUMN jtsyq.land_class.three_class IS '农用地, 建设用地 or 未利用地; NULL when undetermined, not applicable (sea) or mixed (first-level class)';
COMMENT ON COLUMN jtsyq.land_class.ord IS 'position in the classification''s own table (the column order of the summary tables: e.g. 三调 05H1 before 0508)';
COMMENT ON COLUMN jtsyq.land_class.three_class_basis IS 'where three_class comes from: standard, conflict (三调 0404), inherited, inferred (all 2023 codes), undetermined, not_applicable, by_level2, aggregate';

GRANT SELECT ON jtsyq.land_class TO PUBLIC;

-- yydh2023
INSERT INTO jtsyq.land_class (scheme, code, name, level, parent, three_class, three_class_basis, ord) VALUES
('yydh2023', '01', '耕地', 1, NULL, '农用地', 'inferred', 1),
('yydh2023', '0101', '水田', 2, '01', '农用地', 'inferred', 2),
('yydh2023', '0102', '水浇地', 2, '01', '农用地', 'inferred', 3),
('yydh2023', '0103', '旱地', 2, '01', '农用地', 'inferred', 4),
('yydh2023', '02', '园地', 1, NULL, '农用地', 'inferred', 5),
('yydh2023', '0201', '果园', 2, '02', '农用地', 'inferred', 6),
('yydh2023', '0202', '茶园', 2, '02', '农用地', 'inferred', 7),
('yydh2023', '0203', '橡胶园地', 2, '02', '农用地', 'inferred', 8),
('yydh2023', '0204', '油料园地', 2, '02', '农用地', 'inferred', 9),
('yydh2023', '0205', '其他园地', 2, '02', '农用地', 'inferred', 10),
('yydh2023', '03', '林地', 1, NULL, '农用地', 'inferred', 11),
('yydh2023', '0301', '乔木林地', 2, '03', '农用地', 'inferred', 12),
('yydh2023', '0302', '竹林地', 2, '03', '农用地', 'inferred', 13),
('yydh2023', '0303', '灌木林地', 2, '03', '农用地', 'inferred', 14),
('yydh2023', '0304', '其他林地', 2, '03', '农用地', 'inferred', 15),
('yydh2023', '04', '草地', 1, NULL, NULL, 'by_level2', 16),
('yydh2023', '0401', '天然牧草地', 2, '04', '农用地', 'inferred', 17),
('yydh2023', '0402', '人工牧草地', 2, '04', '农用地', 'inferred', 18),
('yydh2023', '0403', '其他草地', 2, '04', '未利用地', 'inferred', 19),
('yydh2023', '05', '湿地', 1, NULL, NULL, 'by_level2', 20),
('yydh2023', '0501', '森林沼泽', 2, '05', '农用地', 'inferred', 21),
('yydh2023', '0502', '灌丛沼泽', 2, '05', '农用地', 'inferred', 22),
('yydh2023', '0503', '沼泽草地', 2, '05', '农用地', 'inferred', 23),
('yydh2023', '0504', '其他沼泽地', 2, '05', '未利用地', 'inferred', 24),
('yydh2023', '0505', '沿海滩涂', 2, '05', '未利用地', 'inferred', 25),
('yydh2023', '0506', '内陆滩涂', 2, '05', '未利用地', 'inferred', 26),
('yydh2023', '0507', '红树林地', 2, '05', '农用地', 'inferred', 27),
('yydh2023', '06', '农业设施建设用地', 1, NULL, '农用地', 'inferred', 28),
('yydh2023', '0601', '农村道路', 2, '06', '农用地', 'inferred', 29),
('yydh2023', '060101', '村道用地', 3, '0601', '农用地', 'inferred', 30),
('yydh2023', '060102', '田间道', 3, '0601', '农用地', 'inferred', 31),
('yydh2023', '0602', '设施农用地', 2, '06', '农用地', 'inferred', 32),
('yydh2023', '060201', '种植设施建设用地', 3, '0602', '农用地', 'inferred', 33),
('yydh2023', '060202', '畜禽养殖设施建设用地', 3, '0602', '农用地', 'inferred', 34),
('yydh2023', '060203', '水产养殖设施建设用地', 3, '0602', '农用地', 'inferred', 35),
('yydh2023', '07', '居住用地', 1, NULL, '建设用地', 'inferred', 36),
('yydh2023', '0701', '城镇住宅用地', 2, '07', '建设用地', 'inferred', 37),
('yydh2023', '070101', '一类城镇住宅用地', 3, '0701', '建设用地', 'inferred', 38),
('yydh2023', '070102', '二类城镇住宅用地', 3, '0701', '建设用地', 'inferred', 39),
('yydh2023', '070103', '三类城镇住宅用地', 3, '0701', '建设用地', 'inferred', 40),
('yydh2023', '0702', '城镇社区服务设施用地', 2, '07', '建设用地', 'inferred', 41),
('yydh2023', '0703', '农村宅基地', 2, '07', '建设用地', 'inferred', 42),
('yydh2023', '070301', '一类农村宅基地', 3, '0703', '建设用地', 'inferred', 43),
('yydh2023', '070302', '二类农村宅基地', 3, '0703', '建设用地', 'inferred', 44),
('yydh2023', '0704', '农村社区服务设施用地', 2, '07', '建设用地', 'inferred', 45),
('yydh2023', '08', '公共管理与公共服务用地', 1, NULL, '建设用地', 'inferred', 46),
('yydh2023', '0801', '机关团体用地', 2, '08', '建设用地', 'inferred', 47),
('yydh2023', '0802', '科研用地', 2, '08', '建设用地', 'inferred', 48),
('yydh2023', '0803', '文化用地', 2, '08', '建设用地', 'inferred', 49),
('yydh2023', '080301', '图书与展览用地', 3, '0803', '建设用地', 'inferred', 50),
('yydh2023', '080302', '文化活动用地', 3, '0803', '建设用地', 'inferred', 51),
('yydh2023', '0804', '教育用地', 2, '08', '建设用地', 'inferred', 52),
('yydh2023', '080401', '高等教育用地', 3, '0804', '建设用地', 'inferred', 53),
('yydh2023', '080402', '中等职业教育用地', 3, '0804', '建设用地', 'inferred', 54),
('yydh2023', '080403', '中小学用地', 3, '0804', '建设用地', 'inferred', 55),
('yydh2023', '080404', '幼儿园用地', 3, '0804', '建设用地', 'inferred', 56),
('yydh2023', '080405', '其他教育用地', 3, '0804', '建设用地', 'inferred', 57),
('yydh2023', '0805', '体育用地', 2, '08', '建设用地', 'inferred', 58),
('yydh2023', '080501', '体育场馆用地', 3, '0805', '建设用地', 'inferred', 59),
('yydh2023', '080502', '体育训练用地', 3, '0805', '建设用地', 'inferred', 60),
('yydh2023', '0806', '医疗卫生用地', 2, '08', '建设用地', 'inferred', 61),
('yydh2023', '080601', '医院用地', 3, '0806', '建设用地', 'inferred', 62),
('yydh2023', '080602', '基层医疗卫生设施用地', 3, '0806', '建设用地', 'inferred', 63),
('yydh2023', '080603', '公共卫生用地', 3, '0806', '建设用地', 'inferred', 64),
('yydh2023', '0807', '社会福利用地', 2, '08', '建设用地', 'inferred', 65),
('yydh2023', '080701', '老年人社会福利用地', 3, '0807', '建设用地', 'inferred', 66),
('yydh2023', '080702', '儿童社会福利用地', 3, '0807', '建设用地', 'inferred', 67),
('yydh2023', '080703', '残疾人社会福利用地', 3, '0807', '建设用地', 'inferred', 68),
('yydh2023', '080704', '其他社会福利用地', 3, '0807', '建设用地', 'inferred', 69),
('yydh2023', '09', '商业服务业用地', 1, NULL, '建设用地', 'inferred', 70),
('yydh2023', '0901', '商业用地', 2, '09', '建设用地', 'inferred', 71),
('yydh2023', '090101', '零售商业用地', 3, '0901', '建设用地', 'inferred', 72),
('yydh2023', '090102', '批发市场用地', 3, '0901', '建设用地', 'inferred', 73),
('yydh2023', '090103', '餐饮用地', 3, '0901', '建设用地', 'inferred', 74),
('yydh2023', '090104', '旅馆用地', 3, '0901', '建设用地', 'inferred', 75),
('yydh2023', '090105', '公用设施营业网点用地', 3, '0901', '建设用地', 'inferred', 76),
('yydh2023', '0902', '商务金融用地', 2, '09', '建设用地', 'inferred', 77),
('yydh2023', '0903', '娱乐用地', 2, '09', '建设用地', 'inferred', 78),
('yydh2023', '0904', '其他商业服务业用地', 2, '09', '建设用地', 'inferred', 79),
('yydh2023', '10', '工矿用地', 1, NULL, '建设用地', 'inferred', 80),
('yydh2023', '1001', '工业用地', 2, '10', '建设用地', 'inferred', 81),
('yydh2023', '100101', '一类工业用地', 3, '1001', '建设用地', 'inferred', 82),
('yydh2023', '100102', '二类工业用地', 3, '1001', '建设用地', 'inferred', 83),
('yydh2023', '100103', '三类工业用地', 3, '1001', '建设用地', 'inferred', 84),
('yydh2023', '1002', '采矿用地', 2, '10', '建设用地', 'inferred', 85),
('yydh2023', '1003', '盐田', 2, '10', '建设用地', 'inferred', 86),
('yydh2023', '11', '仓储用地', 1, NULL, '建设用地', 'inferred', 87),
('yydh2023', '1101', '物流仓储用地', 2, '11', '建设用地', 'inferred', 88),
('yydh2023', '110101', '一类物流仓储用地', 3, '1101', '建设用地', 'inferred', 89),
('yydh2023', '110102', '二类物流仓储用地', 3, '1101', '建设用地', 'inferred', 90),
('yydh2023', '110103', '三类物流仓储用地', 3, '1101', '建设用地', 'inferred', 91),
('yydh2023', '1102', '储备库用地', 2, '11', '建设用地', 'inferred', 92),
('yydh2023', '12', '交通运输用地', 1, NULL, '建设用地', 'inferred', 93),
('yydh2023', '1201', '铁路用地', 2, '12', '建设用地', 'inferred', 94),
('yydh2023', '1202', '公路用地', 2, '12', '建设用地', 'inferred', 95),
('yydh2023', '1203', '机场用地', 2, '12', '建设用地', 'inferred', 96),
('yydh2023', '1204', '港口码头用地', 2, '12', '建设用地', 'inferred', 97),
('yydh2023', '1205', '管道运输用地', 2, '12', '建设用地', 'inferred', 98),
('yydh2023', '1206', '城市轨道交通用地', 2, '12', '建设用地', 'inferred', 99),
('yydh2023', '1207', '城镇村道路用地', 2, '12', '建设用地', 'inferred', 100),
('yydh2023', '1208', '交通场站用地', 2, '12', '建设用地', 'inferred', 101),
('yydh2023', '120801', '对外交通场站用地', 3, '1208', '建设用地', 'inferred', 102),
('yydh2023', '120802', '公共交通场站用地', 3, '1208', '建设用地', 'inferred', 103),
('yydh2023', '120803', '社会停车场用地', 3, '1208', '建设用地', 'inferred', 104),
('yydh2023', '1209', '其他交通设施用地', 2, '12', '建设用地', 'inferred', 105),
('yydh2023', '13', '公用设施用地', 1, NULL, '建设用地', 'inferred', 106),
('yydh2023', '1301', '供水用地', 2, '13', '建设用地', 'inferred', 107),
('yydh2023', '1302', '排水用地', 2, '13', '建设用地', 'inferred', 108),
('yydh2023', '1303', '供电用地', 2, '13', '建设用地', 'inferred', 109),
('yydh2023', '1304', '供燃气用地', 2, '13', '建设用地', 'inferred', 110),
('yydh2023', '1305', '供热用地', 2, '13', '建设用地', 'inferred', 111),
('yydh2023', '1306', '通信用地', 2, '13', '建设用地', 'inferred', 112),
('yydh2023', '1307', '邮政用地', 2, '13', '建设用地', 'inferred', 113),
('yydh2023', '1308', '广播电视设施用地', 2, '13', '建设用地', 'inferred', 114),
('yydh2023', '1309', '环卫用地', 2, '13', '建设用地', 'inferred', 115),
('yydh2023', '1310', '消防用地', 2, '13', '建设用地', 'inferred', 116),
('yydh2023', '1311', '水工设施用地', 2, '13', '建设用地', 'inferred', 117),
('yydh2023', '1312', '其他公用设施用地', 2, '13', '建设用地', 'inferred', 118),
('yydh2023', '14', '绿地与开敞空间用地', 1, NULL, '建设用地', 'inferred', 119),
('yydh2023', '1401', '公园绿地', 2, '14', '建设用地', 'inferred', 120),
('yydh2023', '1402', '防护绿地', 2, '14', '建设用地', 'inferred', 121),
('yydh2023', '1403', '广场用地', 2, '14', '建设用地', 'inferred', 122),
('yydh2023', '15', '特殊用地', 1, NULL, '建设用地', 'inferred', 123),
('yydh2023', '1501', '军事设施用地', 2, '15', '建设用地', 'inferred', 124),
('yydh2023', '1502', '使领馆用地', 2, '15', '建设用地', 'inferred', 125),
('yydh2023', '1503', '宗教用地', 2, '15', '建设用地', 'inferred', 126),
('yydh2023', '1504', '文物古迹用地', 2, '15', '建设用地', 'inferred', 127),
('yydh2023', '1505', '监教场所用地', 2, '15', '建设用地', 'inferred', 128),
('yydh2023', '1506', '殡葬用地', 2, '15', '建设用地', 'inferred', 129),
('yydh2023', '1507', '其他特殊用地', 2, '15', '建设用地', 'inferred', 130),
('yydh2023', '16', '留白用地', 1, NULL, '建设用地', 'inferred', 131),
('yydh2023', '17', '陆地水域', 1, NULL, NULL, 'by_level2', 132),
('yydh2023', '1701', '河流水面', 2, '17', '未利用地', 'inferred', 133),
('yydh2023', '1702', '湖泊水面', 2, '17', '未利用地', 'inferred', 134),
('yydh2023', '1703', '水库水面', 2, '17', '农用地', 'inferred', 135),
('yydh2023', '1704', '坑塘水面', 2, '17', '农用地', 'inferred', 136),
('yydh2023', '1705', '沟渠', 2, '17', '农用地', 'inferred', 137),
('yydh2023', '1706', '冰川及常年积雪', 2, '17', '未利用地', 'inferred', 138),
('yydh2023', '18', '渔业用海', 1, NULL, NULL, 'not_applicable', 139),
('yydh2023', '1801', '渔业基础设施用海', 2, '18', NULL, 'not_applicable', 140),
('yydh2023', '1802', '增养殖用海', 2, '18', NULL, 'not_applicable', 141),
('yydh2023', '1803', '捕捞海域', 2, '18', NULL, 'not_applicable', 142),
('yydh2023', '1804', '农林牧业用岛', 2, '18', NULL, 'not_applicable', 143),
('yydh2023', '19', '工矿通信用海', 1, NULL, NULL, 'not_applicable', 144),
('yydh2023', '1901', '工业用海', 2, '19', NULL, 'not_applicable', 145),
('yydh2023', '1902', '盐田用海', 2, '19', NULL, 'not_applicable', 146),
('yydh2023', '1903', '固体矿产用海', 2, '19', NULL, 'not_applicable', 147),
('yydh2023', '1904', '油气用海', 2, '19', NULL, 'not_applicable', 148),
('yydh2023', '1905', '可再生能源用海', 2, '19', NULL, 'not_applicable', 149),
('yydh2023', '1906', '海底电缆管道用海', 2, '19', NULL, 'not_applicable', 150),
('yydh2023', '20', '交通运输用海', 1, NULL, NULL, 'not_applicable', 151),
('yydh2023', '2001', '港口用海', 2, '20', NULL, 'not_applicable', 152),
('yydh2023', '2002', '航运用海', 2, '20', NULL, 'not_applicable', 153),
('yydh2023', '2003', '路桥隧道用海', 2, '20', NULL, 'not_applicable', 154),
('yydh2023', '2004', '机场用海', 2, '20', NULL, 'not_applicable', 155),
('yydh2023', '2005', '其他交通运输用海', 2, '20', NULL, 'not_applicable', 156),
('yydh2023', '21', '游憩用海', 1, NULL, NULL, 'not_applicable', 157),
('yydh2023', '2101', '风景旅游用海', 2, '21', NULL, 'not_applicable', 158),
('yydh2023', '2102', '文体休闲娱乐用海', 2, '21', NULL, 'not_applicable', 159),
('yydh2023', '22', '特殊用海', 1, NULL, NULL, 'not_applicable', 160),
('yydh2023', '2201', '军事用海', 2, '22', NULL, 'not_applicable', 161),
('yydh2023', '2202', '科研教育用海', 2, '22', NULL, 'not_applicable', 162),
('yydh2023', '2203', '海洋保护修复及海岸防护工程用海', 2, '22', NULL, 'not_applicable', 163),
('yydh2023', '2204', '排污倾倒用海', 2, '22', NULL, 'not_applicable', 164),
('yydh2023', '2205', '水下文物保护用海', 2, '22', NULL, 'not_applicable', 165),
('yydh2023', '2206', '其他特殊用海', 2, '22', NULL, 'not_applicable', 166),
('yydh2023', '23', '其他土地', 1, NULL, NULL, 'by_level2', 167),
('yydh2023', '2301', '空闲地', 2, '23', '建设用地', 'inferred', 168),
('yydh2023', '2302', '后备耕地', 2, '23', NULL, 'undetermined', 169),
('yydh2023', '2303', '田坎', 2, '23', '农用地', 'inferred', 170),
('yydh2023', '2304', '盐碱地', 2, '23', '未利用地', 'inferred', 171),
('yydh2023', '2305', '沙地', 2, '23', '未利用地', 'inferred', 172),
('yydh2023', '2306', '裸土地', 2, '23', '未利用地', 'inferred', 173),
('yydh2023', '2307', '裸岩石砾地', 2, '23', '未利用地', 'inferred', 174),
('yydh2023', '24', '其他海域', 1, NULL, NULL, 'not_applicable', 175);
-- sandiao
INSERT INTO jtsyq.land_class (scheme, code, name, level, parent, three_class, three_class_basis, ord) VALUES
('sandiao', '00', '湿地', 1, NULL, NULL, NULL, 1),
('sandiao', '0303', '红树林地', 2, '00', '农用地', 'standard', 2),
('sandiao', '0304', '森林沼泽', 2, '00', '农用地', 'standard', 3),
('sandiao', '0306', '灌丛沼泽', 2, '00', '农用地', 'standard', 4),
('sandiao', '0402', '沼泽草地', 2, '00', '农用地', 'standard', 5),
('sandiao', '0603', '盐田', 2, '00', '建设用地', 'standard', 6),
('sandiao', '1105', '沿海滩涂', 2, '00', '未利用地', 'standard', 7),
('sandiao', '1106', '内陆滩涂', 2, '00', '未利用地', 'standard', 8),
('sandiao', '1108', '沼泽地', 2, '00', '未利用地', 'standard', 9),
('sandiao', '01', '耕地', 1, NULL, NULL, NULL, 10),
('sandiao', '0101', '水田', 2, '01', '农用地', 'standard', 11),
('sandiao', '0102', '水浇地', 2, '01', '农用地', 'standard', 12),
('sandiao', '0103', '旱地', 2, '01', '农用地', 'standard', 13),
('sandiao', '02', '种植园用地', 1, NULL, NULL, NULL, 14),
('sandiao', '0201', '果园', 2, '02', '农用地', 'standard', 15),
('sandiao', '0201K', '可调整果园', 3, '0201', '农用地', 'inherited', 16),
('sandiao', '0202', '茶园', 2, '02', '农用地', 'standard', 17),
('sandiao', '0202K', '可调整茶园', 3, '0202', '农用地', 'inherited', 18),
('sandiao', '0203', '橡胶园', 2, '02', '农用地', 'standard', 19),
('sandiao', '0203K', '可调整橡胶园', 3, '0203', '农用地', 'inherited', 20),
('sandiao', '0204', '其他园地', 2, '02', '农用地', 'standard', 21),
('sandiao', '0204K', '可调整其他园地', 3, '0204', '农用地', 'inherited', 22),
('sandiao', '03', '林地', 1, NULL, NULL, NULL, 23),
('sandiao', '0301', '乔木林地', 2, '03', '农用地', 'standard', 24),
('sandiao', '0301K', '可调整乔木林地', 3, '0301', '农用地', 'inherited', 25),
('sandiao', '0302', '竹林地', 2, '03', '农用地', 'standard', 26),
('sandiao', '0302K', '可调整竹林地', 3, '0302', '农用地', 'inherited', 27),
('sandiao', '0305', '灌木林地', 2, '03', '农用地', 'standard', 28),
('sandiao', '0307', '其他林地', 2, '03', '农用地', 'standard', 29),
('sandiao', '0307K', '可调整其他林地', 3, '0307', '农用地', 'inherited', 30),
('sandiao', '04', '草地', 1, NULL, NULL, NULL, 31),
('sandiao', '0401', '天然牧草地', 2, '04', '农用地', 'standard', 32),
('sandiao', '0403', '人工牧草地', 2, '04', '农用地', 'standard', 33),
('sandiao', '0403K', '可调整人工牧草地', 3, '0403', '农用地', 'inherited', 34),
('sandiao', '0404', '其他草地', 2, '04', '未利用地', 'conflict', 35),
('sandiao', '05', '商业服务业用地', 1, NULL, NULL, NULL, 36),
('sandiao', '05H1', '商业服务业设施用地', 2, '05', '建设用地', 'standard', 37),
('sandiao', '0508', '物流仓储用地', 2, '05', '建设用地', 'standard', 38),
('sandiao', '06', '工矿用地', 1, NULL, NULL, NULL, 39),
('sandiao', '0601', '工业用地', 2, '06', '建设用地', 'standard', 40),
('sandiao', '0602', '采矿用地', 2, '06', '建设用地', 'standard', 41),
('sandiao', '07', '住宅用地', 1, NULL, NULL, NULL, 42),
('sandiao', '0701', '城镇住宅用地', 2, '07', '建设用地', 'standard', 43),
('sandiao', '0702', '农村宅基地', 2, '07', '建设用地', 'standard', 44),
('sandiao', '08', '公共管理与公共服务用地', 1, NULL, NULL, NULL, 45),
('sandiao', '08H1', '机关团体新闻出版用地', 2, '08', '建设用地', 'standard', 46),
('sandiao', '08H2', '科教文卫用地', 2, '08', '建设用地', 'standard', 47),
('sandiao', '08H2A', '高教用地', 3, '08H2', '建设用地', 'inherited', 48),
('sandiao', '0809', '公用设施用地', 2, '08', '建设用地', 'standard', 49),
('sandiao', '0810', '公园与绿地', 2, '08', '建设用地', 'standard', 50),
('sandiao', '0810A', '广场用地', 3, '0810', '建设用地', 'inherited', 51),
('sandiao', '09', '特殊用地', 1, NULL, '建设用地', 'standard', 52),
('sandiao', '10', '交通运输用地', 1, NULL, NULL, NULL, 53),
('sandiao', '1001', '铁路用地', 2, '10', '建设用地', 'standard', 54),
('sandiao', '1002', '轨道交通用地', 2, '10', '建设用地', 'standard', 55),
('sandiao', '1003', '公路用地', 2, '10', '建设用地', 'standard', 56),
('sandiao', '1004', '城镇村道路用地', 2, '10', '建设用地', 'standard', 57),
('sandiao', '1005', '交通服务场站用地', 2, '10', '建设用地', 'standard', 58),
('sandiao', '1006', '农村道路', 2, '10', '农用地', 'standard', 59),
('sandiao', '1007', '机场用地', 2, '10', '建设用地', 'standard', 60),
('sandiao', '1008', '港口码头用地', 2, '10', '建设用地', 'standard', 61),
('sandiao', '1009', '管道运输用地', 2, '10', '建设用地', 'standard', 62),
('sandiao', '11', '水域及水利设施用地', 1, NULL, NULL, NULL, 63),
('sandiao', '1101', '河流水面', 2, '11', '未利用地', 'standard', 64),
('sandiao', '1102', '湖泊水面', 2, '11', '未利用地', 'standard', 65),
('sandiao', '1103', '水库水面', 2, '11', '农用地', 'standard', 66),
('sandiao', '1104', '坑塘水面', 2, '11', '农用地', 'standard', 67),
('sandiao', '1104A', '养殖坑塘', 3, '1104', '农用地', 'inherited', 68),
('sandiao', '1104K', '可调整养殖坑塘', 3, '1104', '农用地', 'inherited', 69),
('sandiao', '1107', '沟渠', 2, '11', '农用地', 'standard', 70),
('sandiao', '1107A', '干渠', 3, '1107', '农用地', 'inherited', 71),
('sandiao', '1109', '水工建筑用地', 2, '11', '建设用地', 'standard', 72),
('sandiao', '1110', '冰川及永久积雪', 2, '11', '未利用地', 'standard', 73),
('sandiao', '12', '其他土地', 1, NULL, NULL, NULL, 74),
('sandiao', '1201', '空闲地', 2, '12', '建设用地', 'standard', 75),
('sandiao', '1202', '设施农用地', 2, '12', '农用地', 'standard', 76),
('sandiao', '1203', '田坎', 2, '12', '农用地', 'standard', 77),
('sandiao', '1204', '盐碱地', 2, '12', '未利用地', 'standard', 78),
('sandiao', '1205', '沙地', 2, '12', '未利用地', 'standard', 79),
('sandiao', '1206', '裸土地', 2, '12', '未利用地', 'standard', 80),
('sandiao', '1207', '裸岩石砾地', 2, '12', '未利用地', 'standard', 81);
-- gbt21010_2017
INSERT INTO jtsyq.land_class (scheme, code, name, level, parent, three_class, three_class_basis, ord) VALUES
('gbt21010_2017', '01', '耕地', 1, NULL, NULL, NULL, 1),
('gbt21010_2017', '0101', '水田', 2, '01', '农用地', 'standard', 2),
('gbt21010_2017', '0102', '水浇地', 2, '01', '农用地', 'standard', 3),
('gbt21010_2017', '0103', '旱地', 2, '01', '农用地', 'standard', 4),
('gbt21010_2017', '02', '园地', 1, NULL, NULL, NULL, 5),
('gbt21010_2017', '0201', '果园', 2, '02', '农用地', 'standard', 6),
('gbt21010_2017', '0202', '茶园', 2, '02', '农用地', 'standard', 7),
('gbt21010_2017', '0203', '橡胶园', 2, '02', '农用地', 'standard', 8),
('gbt21010_2017', '0204', '其他园地', 2, '02', '农用地', 'standard', 9),
('gbt21010_2017', '03', '林地', 1, NULL, NULL, NULL, 10),
('gbt21010_2017', '0301', '乔木林地', 2, '03', '农用地', 'standard', 11),
('gbt21010_2017', '0302', '竹林地', 2, '03', '农用地', 'standard', 12),
('gbt21010_2017', '0303', '红树林地', 2, '03', '农用地', 'standard', 13),
('gbt21010_2017', '0304', '森林沼泽', 2, '03', '农用地', 'standard', 14),
('gbt21010_2017', '0305', '灌木林地', 2, '03', '农用地', 'standard', 15),
('gbt21010_2017', '0306', '灌丛沼泽', 2, '03', '农用地', 'standard', 16),
('gbt21010_2017', '0307', '其他林地', 2, '03', '农用地', 'standard', 17),
('gbt21010_2017', '04', '草地', 1, NULL, NULL, NULL, 18),
('gbt21010_2017', '0401', '天然牧草地', 2, '04', '农用地', 'standard', 19),
('gbt21010_2017', '0402', '沼泽草地', 2, '04', '农用地', 'standard', 20),
('gbt21010_2017', '0403', '人工牧草地', 2, '04', '农用地', 'standard', 21),
('gbt21010_2017', '0404', '其他草地', 2, '04', '未利用地', 'standard', 22),
('gbt21010_2017', '05', '商服用地', 1, NULL, NULL, NULL, 23),
('gbt21010_2017', '0501', '零售商业用地', 2, '05', '建设用地', 'standard', 24),
('gbt21010_2017', '0502', '批发市场用地', 2, '05', '建设用地', 'standard', 25),
('gbt21010_2017', '0503', '餐饮用地', 2, '05', '建设用地', 'standard', 26),
('gbt21010_2017', '0504', '旅馆用地', 2, '05', '建设用地', 'standard', 27),
('gbt21010_2017', '0505', '商务金融用地', 2, '05', '建设用地', 'standard', 28),
('gbt21010_2017', '0506', '娱乐用地', 2, '05', '建设用地', 'standard', 29),
('gbt21010_2017', '0507', '其他商服用地', 2, '05', '建设用地', 'standard', 30),
('gbt21010_2017', '06', '工矿仓储用地', 1, NULL, NULL, NULL, 31),
('gbt21010_2017', '0601', '工业用地', 2, '06', '建设用地', 'standard', 32),
('gbt21010_2017', '0602', '采矿用地', 2, '06', '建设用地', 'standard', 33),
('gbt21010_2017', '0603', '盐田', 2, '06', '建设用地', 'standard', 34),
('gbt21010_2017', '0604', '仓储用地', 2, '06', '建设用地', 'standard', 35),
('gbt21010_2017', '07', '住宅用地', 1, NULL, NULL, NULL, 36),
('gbt21010_2017', '0701', '城镇住宅用地', 2, '07', '建设用地', 'standard', 37),
('gbt21010_2017', '0702', '农村宅基地', 2, '07', '建设用地', 'standard', 38),
('gbt21010_2017', '08', '公共管理与公共服务用地', 1, NULL, NULL, NULL, 39),
('gbt21010_2017', '0801', '机关团体用地', 2, '08', '建设用地', 'standard', 40),
('gbt21010_2017', '0802', '新闻出版用地', 2, '08', '建设用地', 'standard', 41),
('gbt21010_2017', '0803', '教育用地', 2, '08', '建设用地', 'standard', 42),
('gbt21010_2017', '0804', '科研用地', 2, '08', '建设用地', 'standard', 43),
('gbt21010_2017', '0805', '医疗卫生用地', 2, '08', '建设用地', 'standard', 44),
('gbt21010_2017', '0806', '社会福利用地', 2, '08', '建设用地', 'standard', 45),
('gbt21010_2017', '0807', '文化设施用地', 2, '08', '建设用地', 'standard', 46),
('gbt21010_2017', '0808', '体育用地', 2, '08', '建设用地', 'standard', 47),
('gbt21010_2017', '0809', '公用设施用地', 2, '08', '建设用地', 'standard', 48),
('gbt21010_2017', '0810', '公园与绿地', 2, '08', '建设用地', 'standard', 49),
('gbt21010_2017', '09', '特殊用地', 1, NULL, NULL, NULL, 50),
('gbt21010_2017', '0901', '军事设施用地', 2, '09', '建设用地', 'standard', 51),
('gbt21010_2017', '0902', '使领馆用地', 2, '09', '建设用地', 'standard', 52),
('gbt21010_2017', '0903', '监教场所用地', 2, '09', '建设用地', 'standard', 53),
('gbt21010_2017', '0904', '宗教用地', 2, '09', '建设用地', 'standard', 54),
('gbt21010_2017', '0905', '殡葬用地', 2, '09', '建设用地', 'standard', 55),
('gbt21010_2017', '0906', '风景名胜设施用地', 2, '09', '建设用地', 'standard', 56),
('gbt21010_2017', '10', '交通运输用地', 1, NULL, NULL, NULL, 57),
('gbt21010_2017', '1001', '铁路用地', 2, '10', '建设用地', 'standard', 58),
('gbt21010_2017', '1002', '轨道交通用地', 2, '10', '建设用地', 'standard', 59),
('gbt21010_2017', '1003', '公路用地', 2, '10', '建设用地', 'standard', 60),
('gbt21010_2017', '1004', '城镇村道路用地', 2, '10', '建设用地', 'standard', 61),
('gbt21010_2017', '1005', '交通服务场站用地', 2, '10', '建设用地', 'standard', 62),
('gbt21010_2017', '1006', '农村道路', 2, '10', '农用地', 'standard', 63),
('gbt21010_2017', '1007', '机场用地', 2, '10', '建设用地', 'standard', 64),
('gbt21010_2017', '1008', '港口码头用地', 2, '10', '建设用地', 'standard', 65),
('gbt21010_2017', '1009', '管道运输用地', 2, '10', '建设用地', 'standard', 66),
('gbt21010_2017', '11', '水域及水利设施用地', 1, NULL, NULL, NULL, 67),
('gbt21010_2017', '1101', '河流水面', 2, '11', '未利用地', 'standard', 68),
('gbt21010_2017', '1102', '湖泊水面', 2, '11', '未利用地', 'standard', 69),
('gbt21010_2017', '1103', '水库水面', 2, '11', '农用地', 'standard', 70),
('gbt21010_2017', '1104', '坑塘水面', 2, '11', '农用地', 'standard', 71),
('gbt21010_2017', '1105', '沿海滩涂', 2, '11', '未利用地', 'standard', 72),
('gbt21010_2017', '1106', '内陆滩涂', 2, '11', '未利用地', 'standard', 73),
('gbt21010_2017', '1107', '沟渠', 2, '11', '农用地', 'standard', 74),
('gbt21010_2017', '1108', '沼泽地', 2, '11', '未利用地', 'standard', 75),
('gbt21010_2017', '1109', '水工建筑用地', 2, '11', '建设用地', 'standard', 76),
('gbt21010_2017', '1110', '冰川及永久积雪', 2, '11', '未利用地', 'standard', 77),
('gbt21010_2017', '12', '其他土地', 1, NULL, NULL, NULL, 78),
('gbt21010_2017', '1201', '空闲地', 2, '12', '建设用地', 'standard', 79),
('gbt21010_2017', '1202', '设施农用地', 2, '12', '农用地', 'standard', 80),
('gbt21010_2017', '1203', '田坎', 2, '12', '农用地', 'standard', 81),
('gbt21010_2017', '1204', '盐碱地', 2, '12', '未利用地', 'standard', 82),
('gbt21010_2017', '1205', '沙地', 2, '12', '未利用地', 'standard', 83),
('gbt21010_2017', '1206', '裸土地', 2, '12', '未利用地', 'standard', 84),
('gbt21010_2017', '1207', '裸岩石砾地', 2, '12', '未利用地', 'standard', 85);

-- three_class of K/A and 2023 third-level codes follows the parent (checked:
-- the digest's explicit values agree); first-level classes aggregate theirs
UPDATE jtsyq.land_class c
   SET three_class = p.three_class,
       three_class_basis = CASE WHEN c.three_class_basis IS NULL THEN 'inherited'
                                ELSE c.three_class_basis END
  FROM jtsyq.land_class p
 WHERE c.level = 3 AND p.scheme = c.scheme AND p.code = c.parent
   AND (c.three_class IS NULL OR c.three_class = p.three_class);
UPDATE jtsyq.land_class c
   SET three_class = CASE WHEN s.n_classes = 1 AND s.n_null = 0 THEN s.any_class END,
       three_class_basis = CASE WHEN s.n_classes = 1 AND s.n_null = 0 THEN 'aggregate'
                                ELSE 'by_level2' END
  FROM (SELECT scheme, parent,
               count(DISTINCT three_class) AS n_classes,
               count(*) FILTER (WHERE three_class IS NULL) AS n_null,
               min(three_class) AS any_class
          FROM jtsyq.land_class WHERE level = 2 GROUP BY scheme, parent) s
 WHERE c.level = 1 AND c.three_class_basis IS NULL
   AND s.scheme = c.scheme AND s.parent = c.code;
UPDATE jtsyq.land_class c
   SET level1 = CASE c.level WHEN 1 THEN c.code WHEN 2 THEN c.parent ELSE p.parent END,
       level2 = CASE c.level WHEN 1 THEN NULL WHEN 2 THEN c.code ELSE c.parent END
  FROM jtsyq.land_class p
 WHERE p.scheme = c.scheme AND p.code = coalesce(c.parent, c.code);
ALTER TABLE jtsyq.land_class ALTER COLUMN level1 SET NOT NULL;
ALTER TABLE jtsyq.land_class ALTER COLUMN three_class_basis SET NOT NULL;

CREATE FUNCTION jtsyq._unknown_scheme(scheme text, fn text)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
BEGIN
    RAISE EXCEPTION '%: unknown land-use classification scheme "%"', fn, scheme
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'Use yydh2023 (自然资发〔2023〕234号), sandiao (三调工作分类) or gbt21010_2017.';
END
$$;

COMMENT ON FUNCTION jtsyq._unknown_scheme(text, text) IS
'Internal: raises 22023 for a scheme name that jtsyq.land_class does not hold.';

/*
 * The validators carry the code lists as constants (generated here from
 * jtsyq.land_class), so they are truly IMMUTABLE and usable in domains,
 * CHECK constraints and indexes.  sql/accounting.sql proves they agree with
 * the table.
 */
DO $gen$
DECLARE
    body_valid text := '';
    body_class text := '';
    s text;
BEGIN
    FOR s IN SELECT DISTINCT scheme FROM jtsyq.land_class ORDER BY 1 LOOP
        body_valid := body_valid || format(' WHEN %L THEN %L::jsonb ? code', s,
            (SELECT jsonb_object_agg(code, level) FROM jtsyq.land_class WHERE scheme = s)::text);
        body_class := body_class || format(' WHEN %L THEN %L::jsonb ->> code', s,
            (SELECT jsonb_object_agg(code, three_class) FROM jtsyq.land_class
              WHERE scheme = s AND three_class IS NOT NULL)::text);
    END LOOP;
    EXECUTE format($f$
        CREATE FUNCTION jtsyq.is_land_class(code text, scheme text DEFAULT 'yydh2023')
        RETURNS boolean
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        SET search_path FROM CURRENT
        AS %L$f$,
        'SELECT CASE scheme' || body_valid
        || ' ELSE jtsyq._unknown_scheme(scheme, ''jtsyq.is_land_class'') END');
    EXECUTE format($f$
        CREATE FUNCTION jtsyq.three_class(code text, scheme text DEFAULT 'yydh2023')
        RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        SET search_path FROM CURRENT
        AS %L$f$,
        'SELECT CASE scheme' || body_class
        || ' ELSE CASE WHEN jtsyq._unknown_scheme(scheme, ''jtsyq.three_class'') THEN NULL END END');
END
$gen$;

COMMENT ON FUNCTION jtsyq.is_land_class(text, text) IS
'Is code a land-use class code (地类编码, any level) of the scheme: yydh2023 (default, 2023 用地用海分类), sandiao (三调工作分类, incl. K/A codes) or gbt21010_2017?  Unknown scheme: 22023.';
COMMENT ON FUNCTION jtsyq.three_class(text, text) IS
'三大类 of a land-use class code: 农用地, 建设用地 or 未利用地 (DB64/T 2020-2024 §6.7.4); NULL for an unknown code, a mixed first-level class, 2023 2302 后备耕地 (undetermined) and sea classes.  2023 values are inferred (see jtsyq.land_class); 三调 0404 其他草地 is 未利用地 (conflicting sources).';

CREATE DOMAIN jtsyq.ydyh_code AS text
    CHECK (jtsyq.is_land_class(VALUE, 'yydh2023'));
COMMENT ON DOMAIN jtsyq.ydyh_code IS
'A 2023 用地用海分类 code (自然资发〔2023〕234号), any level; other values fail with 23514.';

CREATE DOMAIN jtsyq.sandiao_code AS text
    CHECK (jtsyq.is_land_class(VALUE, 'sandiao'));
COMMENT ON DOMAIN jtsyq.sandiao_code IS
'A 三调 working-classification code (TD/T 1055-2019), incl. the 00 湿地 group and K/A refinements; other values fail with 23514.';

-----------------------------------------------------------------------------
-- 面积调平 (src/balance_pg.c)
-----------------------------------------------------------------------------

CREATE FUNCTION jtsyq.balance_areas(
    control numeric,
    parts numeric[],
    keys text[] DEFAULT NULL,
    digits integer DEFAULT 2)
RETURNS TABLE (ord integer, key text, part numeric, balanced numeric, adjustment numeric)
AS 'MODULE_PATHNAME', 'jtsyq_balance_areas'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 100;

COMMENT ON FUNCTION jtsyq.balance_areas(numeric, numeric[], text[], integer) IS
'面积调平: round the control and the parts to `digits` decimals (2 for m², 4 for 公顷), then move the parts in steps of the last decimal until they sum exactly to the control — each part its proportional share of the difference truncated toward zero, the remainder one step each to the largest parts (ties: key in byte order, then position).  Every part stays within one step of its fair share.  When every part rounds to zero but the control does not (slivers), the steps are shared by the unrounded parts instead.  NULL control, parts or digits: no rows.';

CREATE FUNCTION jtsyq.balanced_area(part numeric, control numeric, tiebreak text, digits integer)
RETURNS numeric
AS 'MODULE_PATHNAME', 'jtsyq_balanced_area'
LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.balanced_area(numeric, numeric, text, integer) IS
'Window function form of jtsyq.balance_areas: balanced_area(part, control, tiebreak, digits) OVER (PARTITION BY <the whole>) gives each row its balanced part; the control must be the same on every row of the partition.  Chain it level by level (county → village → parcel → land class), each level''s result being the next level''s control.';

CREATE FUNCTION jtsyq.balanced_area(part numeric, control numeric, tiebreak text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'jtsyq_balanced_area'
LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;

COMMENT ON FUNCTION jtsyq.balanced_area(numeric, numeric, text) IS
'jtsyq.balanced_area(part, control, tiebreak, 2): balancing to 0.01 (m² or 亩).';

-----------------------------------------------------------------------------
-- 整体 = Σ部分 (DB64/T 2020-2024 §10 a–e)
-----------------------------------------------------------------------------

CREATE TYPE jtsyq.area_level AS (
    level text,                 -- label reported with each finding
    parent_table regclass,      -- the wholes (a table or view)
    parent_key text,            -- SQL expression over a parent row: its key
    parent_area text,           -- SQL expression over a parent row: its area
    child_table regclass,       -- the parts
    child_key text,             -- SQL expression over a child row: the key of its whole
    child_area text,            -- SQL expression over a child row: its area
    tolerance numeric           -- NULL: the call's tolerance
);

COMMENT ON TYPE jtsyq.area_level IS
'One level of the area hierarchy for jtsyq.sum_of_parts_errors: wholes and parts (tables or views) with SQL expressions for keys and areas.  Build it with jtsyq.area_level(...).';

CREATE FUNCTION jtsyq.area_level(
    level text,
    parent_table regclass, parent_key text, parent_area text,
    child_table regclass, child_key text, child_area text,
    tolerance numeric DEFAULT NULL)
RETURNS jtsyq.area_level
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
BEGIN
    IF level IS NULL OR parent_table IS NULL OR parent_key IS NULL OR parent_area IS NULL
       OR child_table IS NULL OR child_key IS NULL OR child_area IS NULL THEN
        RAISE EXCEPTION 'jtsyq.area_level: only the tolerance may be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF tolerance < 0 THEN
        RAISE EXCEPTION 'jtsyq.area_level: the tolerance must not be negative, not %', tolerance
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN ROW(level, parent_table, parent_key, parent_area,
               child_table, child_key, child_area, tolerance)::jtsyq.area_level;
END
$$;

COMMENT ON FUNCTION jtsyq.area_level(text, regclass, text, text, regclass, text, text, numeric) IS
'One level for jtsyq.sum_of_parts_errors, e.g. area_level(''宗地=Σ地类图斑'', ''zd'', ''id'', ''zdmj'', ''dltb'', ''zd_id'', ''tbmj'').  Keys and areas are SQL expressions over one row (evaluated with search_path jtsyq, PostGIS, pg_temp: qualify anything else); use a view to filter or join.';

CREATE FUNCTION jtsyq.sum_of_parts_errors(
    levels jtsyq.area_level[],
    tolerance numeric DEFAULT 0)
RETURNS TABLE (level text, parent_key text, parent_area numeric, children_area numeric,
               difference numeric, children bigint, finding text)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path FROM CURRENT
AS $$
DECLARE
    l jtsyq.area_level;
    tol numeric;
BEGIN
    IF tolerance IS NULL OR tolerance < 0 THEN
        RAISE EXCEPTION 'jtsyq.sum_of_parts_errors: the tolerance must be a number >= 0, not %',
            coalesce(tolerance::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF levels IS NULL THEN
        RETURN;
    END IF;
    FOREACH l IN ARRAY levels LOOP
        IF l IS NULL OR l.level IS NULL OR l.parent_table IS NULL OR l.child_table IS NULL
           OR l.parent_key IS NULL OR l.parent_area IS NULL
           OR l.child_key IS NULL OR l.child_area IS NULL THEN
            RAISE EXCEPTION 'jtsyq.sum_of_parts_errors: incomplete level %', coalesce(l::text, 'NULL')
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Build levels with jtsyq.area_level(...).';
        END IF;
        tol := coalesce(l.tolerance, tolerance);
        /*
         * One finding per key, the most basic first: a whole without key, a
         * key held by several wholes, a missing area, parts without a whole
         * (orphan), a whole without parts (childless), then the comparison.
         */
        RETURN QUERY EXECUTE format($q$
            WITH p AS (
                SELECT (%1$s)::text AS k, pg_catalog.sum((%2$s)::numeric) AS a,
                       pg_catalog.count(*) AS n, pg_catalog.count((%2$s)::numeric) AS n_area
                  FROM %3$s GROUP BY 1),
            c AS (
                SELECT (%4$s)::text AS k, pg_catalog.sum((%5$s)::numeric) AS a,
                       pg_catalog.count(*) AS n, pg_catalog.count((%5$s)::numeric) AS n_area
                  FROM %6$s GROUP BY 1),
            j AS (
                SELECT coalesce(p.k, c.k) AS k, p.a AS pa, c.a AS ca, p.n AS pn,
                       coalesce(c.n, 0) AS cn,
                       CASE
                         WHEN p.n IS NOT NULL AND p.k IS NULL THEN 'parent_key_null'
                         WHEN p.n > 1 THEN 'duplicate_parent'
                         WHEN p.n IS NULL THEN 'orphan'
                         WHEN p.n_area < p.n OR c.n_area < c.n THEN 'area_null'
                         WHEN c.n IS NULL THEN 'childless'
                         WHEN pg_catalog.abs(p.a - c.a) > $2 THEN 'mismatch'
                       END AS finding
                  FROM p FULL JOIN c ON p.k = c.k)
            SELECT $1, j.k, j.pa, coalesce(j.ca, CASE WHEN j.pn IS NOT NULL THEN 0 END),
                   j.pa - coalesce(j.ca, 0), j.cn, j.finding
              FROM j WHERE j.finding IS NOT NULL
             ORDER BY j.k COLLATE "C" NULLS FIRST, j.finding$q$,
            l.parent_key, l.parent_area, l.parent_table,
            l.child_key, l.child_area, l.child_table)
        USING l.level, tol;
    END LOOP;
END
$$;

COMMENT ON FUNCTION jtsyq.sum_of_parts_errors(jtsyq.area_level[], numeric) IS
'整体 = Σ部分 (DB64/T 2020-2024 §10): for every level, each whole whose area differs from the sum of its parts by more than the tolerance (finding mismatch, with both figures and whole − parts), parts whose whole is missing (orphan; parent_key is the key they point to), wholes without parts (childless), duplicate or NULL whole keys and NULL areas.  Levels run in the order given; rows are ordered by key within a level.';

CREATE FUNCTION jtsyq.sum_of_parts_errors(
    parent_table regclass, parent_key text, parent_area text,
    child_table regclass, child_key text, child_area text,
    tolerance numeric DEFAULT 0)
RETURNS TABLE (level text, parent_key text, parent_area numeric, children_area numeric,
               difference numeric, children bigint, finding text)
LANGUAGE sql STABLE PARALLEL RESTRICTED
SET search_path FROM CURRENT
AS $$
    SELECT * FROM jtsyq.sum_of_parts_errors(
        ARRAY[jtsyq.area_level(parent_table::text || ' = Σ ' || child_table::text,
                               parent_table, parent_key, parent_area,
                               child_table, child_key, child_area)],
        tolerance)
$$;

COMMENT ON FUNCTION jtsyq.sum_of_parts_errors(regclass, text, text, regclass, text, text, numeric) IS
'整体 = Σ部分 for one level: jtsyq.sum_of_parts_errors(parent, parent_key, parent_area, child, child_key, child_area, tolerance).';

/*
 * The standard survey layers.  A schema made by jtsyq.create_survey_schema
 * (issue 6: xzq the county, xzq_xz the townships, cjdcq the villages, djq,
 * djzq, zdjbxx, dltb and its view zdtj of the current parcels) gets the five
 * levels of DB64/T 2020-2024 §10.1 c–e; any other schema is read with the
 * layer and field names of the synthetic-county generator
 * (notes/GENERATOR_SPEC.md: xzq, djq, djzq, xz, cun, zd, dltb).
 */
CREATE FUNCTION jtsyq.survey_area_levels(
    target_schema name,
    area_expr text DEFAULT 'ST_Area(geom)')
RETURNS jtsyq.area_level[]
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
DECLARE
    t text;
    standard boolean;
BEGIN
    IF target_schema IS NULL OR area_expr IS NULL THEN
        RAISE EXCEPTION 'jtsyq.survey_area_levels: the schema and the area expression must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- the same SQLSTATE as qa_report (and so qa_summary) for a missing schema
    IF NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = target_schema) THEN
        RAISE EXCEPTION 'jtsyq.survey_area_levels: schema "%" does not exist', target_schema
            USING ERRCODE = 'invalid_schema_name';
    END IF;
    standard := to_regclass(format('%I.zdjbxx', target_schema)) IS NOT NULL
                AND to_regclass(format('%I.zdtj', target_schema)) IS NOT NULL;
    FOREACH t IN ARRAY CASE WHEN standard THEN ARRAY['xzq', 'djq', 'djzq', 'dltb']
                            ELSE ARRAY['xzq', 'djq', 'djzq', 'xz', 'cun', 'zd', 'dltb'] END LOOP
        IF to_regclass(format('%I.%I', target_schema, t)) IS NULL THEN
            RAISE EXCEPTION 'jtsyq.survey_area_levels: table %.% does not exist', target_schema, t
                USING ERRCODE = 'undefined_table',
                      HINT = CASE WHEN standard THEN 'Complete the schema with jtsyq.create_survey_schema().'
                                  ELSE 'The standard layers are xzq, djq, djzq, xz, cun, zd and dltb.' END;
        END IF;
    END LOOP;
    IF standard THEN
        -- the standard schema (issue 6): xzq holds the county (县级行政区,
        -- 6-digit code), xzq_xz the townships (三调 XZQ, 乡级: 9 digits +
        -- 000) and cjdcq the villages (三调 村级调查区, 坐落单位代码: the
        -- 12-digit village code + 0000000); 宗地 (current ones, view zdtj)
        -- = Σ 地类图斑 lying in them (dltb.zddm).  A schema made before the
        -- township and village layers existed gets the other three levels.
        RETURN ARRAY[
            jtsyq.area_level('县 = Σ地籍区', format('%I.xzq', target_schema)::regclass, 'xzqdm', area_expr,
                             format('%I.djq', target_schema)::regclass, 'left(djqdm, 6)', area_expr, 0.01)]
            || CASE WHEN to_regclass(format('%I.xzq_xz', target_schema)) IS NOT NULL THEN ARRAY[
            jtsyq.area_level('县 = Σ乡镇', format('%I.xzq', target_schema)::regclass, 'xzqdm', area_expr,
                             format('%I.xzq_xz', target_schema)::regclass, 'left(xzqdm, 6)', area_expr, 0.01)] END
            || ARRAY[
            jtsyq.area_level('地籍区 = Σ地籍子区', format('%I.djq', target_schema)::regclass, 'djqdm', area_expr,
                             format('%I.djzq', target_schema)::regclass, 'left(djzqdm, 9)', area_expr, 0.01)]
            || CASE WHEN to_regclass(format('%I.xzq_xz', target_schema)) IS NOT NULL
                     AND to_regclass(format('%I.cjdcq', target_schema)) IS NOT NULL THEN ARRAY[
            jtsyq.area_level('乡镇 = Σ村', format('%I.xzq_xz', target_schema)::regclass, 'left(xzqdm, 9)', area_expr,
                             format('%I.cjdcq', target_schema)::regclass, 'left(zldwdm, 9)', area_expr, 0.01)] END
            || ARRAY[
            jtsyq.area_level('宗地 = Σ地类图斑', format('%I.zdtj', target_schema)::regclass, 'zddm', 'zdmj',
                             format('%I.dltb', target_schema)::regclass, 'zddm', 'tbmj', NULL)];
    END IF;
    -- the generator's layers: geometric areas are compared to 0.01 m², the recorded ones exactly
    RETURN ARRAY[
        jtsyq.area_level('县 = Σ地籍区', format('%I.xzq', target_schema)::regclass, 'xzqdm', area_expr,
                         format('%I.djq', target_schema)::regclass, 'left(djqdm, 6)', area_expr, 0.01),
        jtsyq.area_level('县 = Σ乡镇', format('%I.xzq', target_schema)::regclass, 'xzqdm', area_expr,
                         format('%I.xz', target_schema)::regclass, 'left(xzdm, 6)', area_expr, 0.01),
        jtsyq.area_level('地籍区 = Σ地籍子区', format('%I.djq', target_schema)::regclass, 'djqdm', area_expr,
                         format('%I.djzq', target_schema)::regclass, 'djqdm', area_expr, 0.01),
        jtsyq.area_level('乡镇 = Σ村', format('%I.xz', target_schema)::regclass, 'xzdm', area_expr,
                         format('%I.cun', target_schema)::regclass, 'xzdm', area_expr, 0.01),
        jtsyq.area_level('宗地 = Σ地类图斑', format('%I.zd', target_schema)::regclass, 'id', 'zdmj',
                         format('%I.dltb', target_schema)::regclass, 'zd_id', 'tbmj', NULL)];
END
$$;

COMMENT ON FUNCTION jtsyq.survey_area_levels(name, text) IS
'The five area controls of DB64/T 2020-2024 §10.1 c–e over the survey layers of a schema, in this order: 县 = Σ地籍区, 县 = Σ乡镇, 地籍区 = Σ地籍子区, 乡镇 = Σ村 (geometric areas by area_expr, tolerance 0.01 m²) and 宗地 = Σ地类图斑 (recorded areas, the call''s tolerance). In a schema made by create_survey_schema: xzq (county), xzq_xz (townships), cjdcq (villages), djq, djzq, the current parcels (view zdtj, zdmj) and dltb (tbmj, by zddm); otherwise the synthetic-county generator''s layers xzq, xz, cun, djq, djzq, zd, dltb.';

CREATE FUNCTION jtsyq.sum_of_parts_errors(target_schema name, tolerance numeric DEFAULT 0)
RETURNS TABLE (level text, parent_key text, parent_area numeric, children_area numeric,
               difference numeric, children bigint, finding text)
LANGUAGE sql STABLE PARALLEL RESTRICTED
SET search_path FROM CURRENT
AS $$
    SELECT * FROM jtsyq.sum_of_parts_errors(jtsyq.survey_area_levels(target_schema), tolerance)
$$;

COMMENT ON FUNCTION jtsyq.sum_of_parts_errors(name, numeric) IS
'整体 = Σ部分 over the standard survey layers of a schema, every level in one call (see jtsyq.survey_area_levels).';

-----------------------------------------------------------------------------
-- The standard summary tables (DB64/T 2020-2024 §10.2, §13.4.1).
--
-- Areas come in m² (2 decimals), 公顷 (4 decimals) and 亩 (2 decimals,
-- 1 亩 = 10000/15 m²).  Each figure is balanced (jtsyq.balanced_area) level
-- by level — county → township → village → first-level class → second-level
-- class, or parcel → 三大类 → 耕地/林地/草地/其他 — so that every printed
-- total equals the sum of its printed parts, and upper rows are the sums of
-- the rows under them.  Conversions are done here with round(x / 10000, 4)
-- and x * 0.0015 (the unit helpers of issue 3 are not used, to keep this
-- section self-contained).
-----------------------------------------------------------------------------

CREATE FUNCTION jtsyq._area_unit(unit text, fn text, OUT factor numeric, OUT digits integer)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
BEGIN
    CASE unit
        WHEN 'm2' THEN factor := 1; digits := 2;
        WHEN 'ha' THEN factor := 0.0001; digits := 4;
        WHEN 'mu' THEN factor := 0.0015; digits := 2;
        ELSE
            RAISE EXCEPTION '%: unknown area unit "%"', fn, coalesce(unit, 'NULL')
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Use m2 (平方米, 2 decimals), ha (公顷, 4 decimals) or mu (亩, 2 decimals).';
    END CASE;
END
$$;

COMMENT ON FUNCTION jtsyq._area_unit(text, text) IS
'Internal: factor from m² and decimals of an area unit: m2 (1, 2), ha (0.0001, 4), mu (0.0015, 2).';

CREATE FUNCTION jtsyq._require(args text[], names text[], fn text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
BEGIN
    FOR i IN 1 .. coalesce(array_length(names, 1), 0) LOOP
        IF args[i] IS NULL THEN
            RAISE EXCEPTION '%: % must not be NULL', fn, names[i]
                USING ERRCODE = 'null_value_not_allowed';
        END IF;
    END LOOP;
END
$$;

COMMENT ON FUNCTION jtsyq._require(text[], text[], text) IS
'Internal: raises 22004 naming the first NULL among required arguments.';

CREATE FUNCTION jtsyq._check_scheme(scheme text, fn text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
BEGIN
    IF scheme IS NULL OR NOT EXISTS (SELECT 1 FROM jtsyq.land_class c WHERE c.scheme = _check_scheme.scheme) THEN
        RAISE EXCEPTION '%: unknown land-use classification scheme "%"', fn, coalesce(scheme, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use yydh2023 (自然资发〔2023〕234号), sandiao (三调工作分类) or gbt21010_2017.';
    END IF;
END
$$;

COMMENT ON FUNCTION jtsyq._check_scheme(text, text) IS
'Internal: raises 22023 unless scheme is one of jtsyq.land_class''s schemes.';

/*
 * 以村为单位的土地利用现状一级/二级分类面积汇总表, in long form: one row per
 * (row, column) of the printed table.  Rows: the county (row_kind 县), each
 * township (乡镇, when a township expression is given) and each village (村);
 * columns: col 0 the total (国土调查总面积), then every first-level class of
 * the scheme in its own order, each followed by its second-level classes when
 * class_level = 2.  Land whose code is not in the scheme gets its own
 * first-level column at the end ("(编码不在分类中)"); land coded only to a
 * first-level class that has second-level classes gets a column after them
 * ("(未细分到二级类)"); both appear only when there is such land, so the
 * columns always add up.  Give a group key as `village` for the 村民小组 table.
 */
CREATE FUNCTION jtsyq.landuse_summary(
    patches regclass,
    village text,
    dlbm text,
    area text,
    township text DEFAULT NULL,
    scheme text DEFAULT 'yydh2023',
    class_level integer DEFAULT 2)
RETURNS TABLE (row_kind text, township_key text, village_key text, col integer,
               code text, name text, level integer,
               area_m2 numeric, area_ha numeric, area_mu numeric)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path FROM CURRENT
AS $$
BEGIN
    PERFORM jtsyq._require(ARRAY[patches::text, village, dlbm, area, class_level::text],
                           ARRAY['patches', 'village', 'dlbm', 'area', 'class_level'],
                           'jtsyq.landuse_summary');
    PERFORM jtsyq._check_scheme(scheme, 'jtsyq.landuse_summary');
    IF class_level NOT IN (1, 2) THEN
        RAISE EXCEPTION 'jtsyq.landuse_summary: class_level must be 1 or 2, not %', class_level
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY EXECUTE format($q$
        WITH raw AS (
            SELECT (%1$s)::text AS t, (%2$s)::text AS v, (%3$s)::text AS c,
                   pg_catalog.sum((%4$s)::numeric) AS m2
              FROM %5$s GROUP BY 1, 2, 3
             -- a patch without an area is left out, also when all of a
             -- class's patches are (sum_of_parts_errors reports area_null)
            HAVING pg_catalog.sum((%4$s)::numeric) IS NOT NULL),
        classed AS (
            -- NULL keys encoded ('N', or 'V' || key) so that every join below
            -- is a plain, hashable equality; decoded at the end
            SELECT CASE WHEN r.t IS NULL THEN 'N' ELSE 'V' || r.t END AS t,
                   CASE WHEN r.v IS NULL THEN 'N' ELSE 'V' || r.v END AS v, r.m2,
                   coalesce(lc.level1, '') AS l1,
                   CASE WHEN lc.code IS NULL THEN NULL ELSE coalesce(lc.level2, '') END AS l2
              FROM raw r LEFT JOIN jtsyq.land_class lc ON lc.scheme = $1 AND lc.code = r.c),
        cty AS (SELECT pg_catalog.sum(m2) AS m2 FROM classed),
        twn AS (SELECT t, pg_catalog.sum(m2) AS m2 FROM classed GROUP BY t),
        twn_b AS (
            SELECT w.t,
                   jtsyq.balanced_area(w.m2, cty.m2, w.t, 2) OVER () AS m2,
                   jtsyq.balanced_area(w.m2 * 0.0001, cty.m2 * 0.0001, w.t, 4) OVER () AS ha,
                   jtsyq.balanced_area(w.m2 * 0.0015, cty.m2 * 0.0015, w.t, 2) OVER () AS mu
              FROM twn w, cty),
        vil AS (SELECT t, v, pg_catalog.sum(m2) AS m2 FROM classed GROUP BY t, v),
        vil_b AS (
            SELECT x.t, x.v,
                   jtsyq.balanced_area(x.m2, tb.m2, x.v, 2) OVER w AS m2,
                   jtsyq.balanced_area(x.m2 * 0.0001, tb.ha, x.v, 4) OVER w AS ha,
                   jtsyq.balanced_area(x.m2 * 0.0015, tb.mu, x.v, 2) OVER w AS mu
              FROM vil x JOIN twn_b tb ON tb.t = x.t
            WINDOW w AS (PARTITION BY x.t)),
        c1 AS (SELECT t, v, l1, pg_catalog.sum(m2) AS m2 FROM classed GROUP BY t, v, l1),
        c1_b AS (
            SELECT x.t, x.v, x.l1,
                   jtsyq.balanced_area(x.m2, vb.m2, x.l1, 2) OVER w AS m2,
                   jtsyq.balanced_area(x.m2 * 0.0001, vb.ha, x.l1, 4) OVER w AS ha,
                   jtsyq.balanced_area(x.m2 * 0.0015, vb.mu, x.l1, 2) OVER w AS mu
              FROM c1 x JOIN vil_b vb ON vb.t = x.t AND vb.v = x.v
            WINDOW w AS (PARTITION BY x.t, x.v)),
        c2 AS (SELECT t, v, l1, l2, pg_catalog.sum(m2) AS m2 FROM classed
                WHERE $2 = 2 GROUP BY t, v, l1, l2),
        c2_b AS (
            SELECT x.t, x.v, x.l1, x.l2,
                   jtsyq.balanced_area(x.m2, cb.m2, x.l2, 2) OVER w AS m2,
                   jtsyq.balanced_area(x.m2 * 0.0001, cb.ha, x.l2, 4) OVER w AS ha,
                   jtsyq.balanced_area(x.m2 * 0.0015, cb.mu, x.l2, 2) OVER w AS mu
              FROM c2 x JOIN c1_b cb ON cb.t = x.t AND cb.v = x.v
                                    AND cb.l1 = x.l1
            WINDOW w AS (PARTITION BY x.t, x.v, x.l1)),
        vals AS (
            SELECT t, v, 1 AS lvl, l1, ''::text AS l2, m2, ha, mu FROM c1_b
            UNION ALL
            SELECT t, v, 2, l1, l2, m2, ha, mu FROM c2_b WHERE l2 IS NOT NULL),
        layout AS (
            SELECT 1 AS lvl, f.code AS l1, ''::text AS l2, f.name, f.ord AS o1, 0 AS o2
              FROM jtsyq.land_class f WHERE f.scheme = $1 AND f.level = 1
            UNION ALL
            SELECT 2, s.level1, s.code, s.name, f.ord, s.ord
              FROM jtsyq.land_class s JOIN jtsyq.land_class f
                ON f.scheme = s.scheme AND f.code = s.level1
             WHERE s.scheme = $1 AND s.level = 2 AND $2 = 2
            UNION ALL
            SELECT 1, '', '', '(编码不在分类中)', 2147483647, 0
             WHERE EXISTS (SELECT 1 FROM classed WHERE l1 = '')
            UNION ALL
            SELECT 2, f.code, '', f.name || '(未细分到二级类)', f.ord, 2147483647
              FROM jtsyq.land_class f
             WHERE f.scheme = $1 AND f.level = 1 AND $2 = 2
               AND EXISTS (SELECT 1 FROM classed x WHERE x.l1 = f.code AND x.l2 = '')
               AND EXISTS (SELECT 1 FROM jtsyq.land_class s
                            WHERE s.scheme = $1 AND s.parent = f.code)),
        cols AS (
            SELECT 0 AS col, 0 AS lvl, NULL::text AS l1, NULL::text AS l2,
                   NULL::text AS code, '总面积'::text AS name
            UNION ALL
            SELECT (pg_catalog.row_number() OVER (ORDER BY o1, lvl, o2))::integer,
                   lvl, l1, l2, CASE WHEN l2 = '' THEN nullif(l1, '') ELSE l2 END, name
              FROM layout),
        cells AS (
            SELECT vb.t, vb.v, k.col, k.code, k.name, k.lvl,
                   CASE WHEN k.col = 0 THEN vb.m2 ELSE coalesce(x.m2, 0.00) END AS m2,
                   CASE WHEN k.col = 0 THEN vb.ha ELSE coalesce(x.ha, 0.0000) END AS ha,
                   CASE WHEN k.col = 0 THEN vb.mu ELSE coalesce(x.mu, 0.00) END AS mu
              FROM vil_b vb CROSS JOIN cols k
              LEFT JOIN vals x ON x.t = vb.t AND x.v = vb.v
                              AND x.lvl = k.lvl AND x.l1 = k.l1 AND x.l2 = k.l2)
        SELECT r.rk, r.tk, r.vk, r.col, r.code, r.name, r.lvl, r.m2, r.ha, r.mu FROM (
            SELECT '县'::text AS rk, NULL::text AS tk, NULL::text AS vk, col, code, name, lvl,
                   pg_catalog.sum(m2) AS m2, pg_catalog.sum(ha) AS ha, pg_catalog.sum(mu) AS mu
              FROM cells GROUP BY col, code, name, lvl
            UNION ALL
            SELECT '乡镇', CASE WHEN t <> 'N' THEN substr(t, 2) END, NULL, col, code, name, lvl,
                   pg_catalog.sum(m2), pg_catalog.sum(ha), pg_catalog.sum(mu)
              FROM cells WHERE $3 GROUP BY t, col, code, name, lvl
            UNION ALL
            SELECT '村', CASE WHEN t <> 'N' THEN substr(t, 2) END,
                   CASE WHEN v <> 'N' THEN substr(v, 2) END, col, code, name, lvl, m2, ha, mu
              FROM cells) r
         ORDER BY r.rk <> '县', r.tk COLLATE "C", r.rk = '村', r.vk COLLATE "C", r.col$q$,
        coalesce(township, 'NULL'), village, dlbm, area, patches)
    USING scheme, class_level, township IS NOT NULL;
END
$$;

COMMENT ON FUNCTION jtsyq.landuse_summary(regclass, text, text, text, text, text, integer) IS
'以村为单位的土地利用现状一级/二级分类面积汇总表 (DB64/T 2020-2024 §10.2) in long form — one row per cell: row_kind 县/乡镇/村, col 0 总面积 then the first-level classes of the scheme (yydh2023 default, sandiao, gbt21010_2017) each followed by its second-level classes (class_level 2).  Arguments are the patch layer (table or view) and SQL expressions for village (or 村民小组) key, 地类编码, area in m² and, optionally, township key.  m² (2 decimals), 公顷 (4) and 亩 (2) are balanced level by level, so every printed total adds up; unknown codes get their own column.';

/*
 * 集体土地所有权宗地分类面积调查表: per parcel, its area split into 农用地
 * (其中 耕地, 林地, 草地, 其他), 建设用地 and 未利用地 (DB64/T 2020-2024 §6.7.4,
 * §11.1 c), balanced to the parcel's recorded area.  耕地, 林地 and 草地 are the
 * 农用地 parts of first-level classes 01, 03 and 04 (so 其他草地 is not 草地 but
 * 未利用地, and the wetland classes are 其他); land whose 三大类 is NULL (unknown
 * codes, 2023 2302 后备耕地, sea classes) is `unclassified`, as is the whole
 * area of a parcel without patches, so nothing disappears.  A parcel without
 * a recorded area is balanced to the sum of its patches.
 */
CREATE FUNCTION jtsyq.parcel_class_areas(
    parcels regclass, parcel_key text, parcel_area text,
    patches regclass, patch_parcel text, patch_dlbm text, patch_area text,
    scheme text DEFAULT 'yydh2023',
    unit text DEFAULT 'm2')
RETURNS TABLE (parcel text, total numeric, agricultural numeric, cultivated numeric,
               forest numeric, grassland numeric, other_agricultural numeric,
               construction numeric, unused numeric, unclassified numeric)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path FROM CURRENT
AS $$
DECLARE
    u record;
    dup text;
BEGIN
    PERFORM jtsyq._require(ARRAY[parcels::text, parcel_key, parcel_area, patches::text,
                                 patch_parcel, patch_dlbm, patch_area],
                           ARRAY['parcels', 'parcel_key', 'parcel_area', 'patches',
                                 'patch_parcel', 'patch_dlbm', 'patch_area'],
                           'jtsyq.parcel_class_areas');
    PERFORM jtsyq._check_scheme(scheme, 'jtsyq.parcel_class_areas');
    u := jtsyq._area_unit(unit, 'jtsyq.parcel_class_areas');
    EXECUTE format('SELECT (%s)::text FROM %s GROUP BY 1 HAVING count(*) > 1 LIMIT 1',
                   parcel_key, parcels) INTO dup;
    IF dup IS NOT NULL THEN
        RAISE EXCEPTION 'jtsyq.parcel_class_areas: parcel key "%" occurs more than once', dup
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'jtsyq.sum_of_parts_errors reports duplicate keys among other findings.';
    END IF;
    RETURN QUERY EXECUTE format($q$
        WITH p AS (
            SELECT (%1$s)::text AS k, (%2$s)::numeric AS a FROM %3$s),
        t AS (
            SELECT (%4$s)::text AS k, (%5$s)::text AS c, (%6$s)::numeric AS a FROM %7$s),
        tc AS (
            SELECT t.k,
                   CASE lc.three_class WHEN '农用地' THEN 'a' WHEN '建设用地' THEN 'b'
                                       WHEN '未利用地' THEN 'c' ELSE 'd' END AS cat,
                   CASE WHEN lc.three_class = '农用地' THEN
                       CASE lc.level1 WHEN '01' THEN '1' WHEN '03' THEN '2' WHEN '04' THEN '3'
                                      ELSE '4' END END AS sub,
                   pg_catalog.sum(t.a) AS a
              FROM t LEFT JOIN jtsyq.land_class lc ON lc.scheme = $1 AND lc.code = t.c
             GROUP BY 1, 2, 3),
        catsum AS (SELECT k, cat, pg_catalog.sum(a) AS a FROM tc GROUP BY k, cat),
        subsum AS (SELECT k, sub, pg_catalog.sum(a) AS a FROM tc WHERE sub IS NOT NULL GROUP BY k, sub),
        ctl AS (
            SELECT p.k, coalesce(p.a, s.a, 0) AS control, coalesce(s.a, 0) AS measured
              FROM p LEFT JOIN (SELECT k, pg_catalog.sum(a) AS a FROM catsum GROUP BY k) s
                ON s.k = p.k),
        cats AS (
            SELECT ctl.k, ctl.control, x.cat,
                   CASE WHEN ctl.measured = 0 THEN CASE WHEN x.cat = 'd' THEN ctl.control ELSE 0 END
                        ELSE coalesce(cs.a, 0) END AS a
              FROM ctl CROSS JOIN (VALUES ('a'), ('b'), ('c'), ('d')) x(cat)
              LEFT JOIN catsum cs ON cs.k = ctl.k AND cs.cat = x.cat),
        cats_b AS (
            SELECT k, cat,
                   jtsyq.balanced_area(a * $2, control * $2, cat, $3)
                       OVER (PARTITION BY k) AS b
              FROM cats),
        subs AS (
            SELECT cb.k, cb.b AS control, x.sub, coalesce(ss.a, 0) AS a
              FROM cats_b cb CROSS JOIN (VALUES ('1'), ('2'), ('3'), ('4')) x(sub)
              LEFT JOIN subsum ss ON ss.k = cb.k AND ss.sub = x.sub
             WHERE cb.cat = 'a'),
        subs_b AS (
            SELECT k, sub,
                   jtsyq.balanced_area(a * $2, control, sub, $3) OVER (PARTITION BY k) AS b
              FROM subs),
        wide AS (
            SELECT k, max(b) FILTER (WHERE cat = 'a') AS a, max(b) FILTER (WHERE cat = 'b') AS b,
                   max(b) FILTER (WHERE cat = 'c') AS c, max(b) FILTER (WHERE cat = 'd') AS d
              FROM cats_b GROUP BY k),
        wsub AS (
            SELECT k, max(b) FILTER (WHERE sub = '1') AS s1, max(b) FILTER (WHERE sub = '2') AS s2,
                   max(b) FILTER (WHERE sub = '3') AS s3, max(b) FILTER (WHERE sub = '4') AS s4
              FROM subs_b GROUP BY k)
        SELECT ctl.k, pg_catalog.round(ctl.control * $2, $3),
               w.a, ws.s1, ws.s2, ws.s3, ws.s4, w.b, w.c, w.d
          FROM ctl JOIN wide w ON w.k = ctl.k JOIN wsub ws ON ws.k = ctl.k
         ORDER BY ctl.k COLLATE "C"$q$,
        parcel_key, parcel_area, parcels, patch_parcel, patch_dlbm, patch_area, patches)
    USING scheme, u.factor, u.digits;
END
$$;

COMMENT ON FUNCTION jtsyq.parcel_class_areas(regclass, text, text, regclass, text, text, text, text, text) IS
'集体土地所有权宗地分类面积调查表 (DB64/T 2020-2024 §6.7.4, §11.1): per parcel its recorded area split into 农用地 (耕地, 林地, 草地, 其他), 建设用地 and 未利用地 from its land-use patches, balanced to the parcel area in the unit (m2 default, ha, mu).  Land without a 三大类 (unknown codes, 后备耕地, sea, or no patches at all) is reported as unclassified.';

/*
 * 集体土地所有权登记发证情况统计表 (DB64/T 2020-2024 §13.4.1): counts and
 * areas of parcels to survey (every row of the layer), surveyed, to register
 * (not disputed), registered (registered and not disputed), disputed, and the
 * completion rates in percent (2 decimals) of counts and areas, computed from
 * the exact m².  Rows: county, townships (when given), villages.  Each area
 * column is balanced county → township → village in the unit (ha default).
 */
CREATE FUNCTION jtsyq.registration_statistics(
    parcels regclass,
    village text,
    area text,
    surveyed text,
    registered text,
    disputed text,
    township text DEFAULT NULL,
    unit text DEFAULT 'ha')
RETURNS TABLE (row_kind text, township_key text, village_key text,
               parcels_to_survey bigint, area_to_survey numeric,
               parcels_surveyed bigint, area_surveyed numeric,
               parcels_to_register bigint, area_to_register numeric,
               parcels_registered bigint, area_registered numeric,
               parcels_disputed bigint, area_disputed numeric,
               survey_rate_parcels numeric, survey_rate_area numeric,
               registration_rate_parcels numeric, registration_rate_area numeric)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path FROM CURRENT
AS $$
DECLARE
    u record;
BEGIN
    PERFORM jtsyq._require(ARRAY[parcels::text, village, area, surveyed, registered, disputed],
                           ARRAY['parcels', 'village', 'area', 'surveyed', 'registered', 'disputed'],
                           'jtsyq.registration_statistics');
    u := jtsyq._area_unit(unit, 'jtsyq.registration_statistics');
    RETURN QUERY EXECUTE format($q$
        WITH raw AS (
            SELECT (%1$s)::text AS t, (%2$s)::text AS v, coalesce((%3$s)::numeric, 0) AS a,
                   coalesce((%4$s)::boolean, false) AS s,
                   coalesce((%5$s)::boolean, false) AS r,
                   coalesce((%6$s)::boolean, false) AS d
              FROM %7$s),
        m AS (
            -- measures: 1 to survey, 2 surveyed, 3 to register, 4 registered, 5 disputed
            SELECT CASE WHEN t IS NULL THEN 'N' ELSE 'V' || t END AS t,
                   CASE WHEN v IS NULL THEN 'N' ELSE 'V' || v END AS v,
                   x.m, pg_catalog.count(*) FILTER (WHERE x.f) AS n,
                   coalesce(pg_catalog.sum(a) FILTER (WHERE x.f), 0) AS a
              FROM raw CROSS JOIN LATERAL (VALUES (1, true), (2, s), (3, NOT d),
                                                  (4, r AND NOT d), (5, d)) x(m, f)
             GROUP BY t, v, x.m),
        cty AS (SELECT m, pg_catalog.sum(a) AS a FROM m GROUP BY m),
        twn AS (SELECT t, m, pg_catalog.sum(a) AS a FROM m GROUP BY t, m),
        twn_b AS (
            SELECT w.t, w.m, jtsyq.balanced_area(w.a * $1, c.a * $1, w.t, $2)
                                 OVER (PARTITION BY w.m) AS b
              FROM twn w JOIN cty c ON c.m = w.m),
        vil_b AS (
            SELECT x.t, x.v, x.m, x.n, x.a,
                   jtsyq.balanced_area(x.a * $1, tb.b, x.v, $2)
                       OVER (PARTITION BY x.t, x.m) AS b
              FROM m x JOIN twn_b tb ON tb.t = x.t AND tb.m = x.m),
        rows_ AS (
            SELECT '县'::text AS rk, NULL::text AS tk, NULL::text AS vk, m,
                   pg_catalog.sum(n) AS n, pg_catalog.sum(a) AS a, pg_catalog.sum(b) AS b
              FROM vil_b GROUP BY m
            UNION ALL
            SELECT '乡镇', CASE WHEN t <> 'N' THEN substr(t, 2) END, NULL, m,
                   pg_catalog.sum(n), pg_catalog.sum(a), pg_catalog.sum(b)
              FROM vil_b WHERE $3 GROUP BY t, m
            UNION ALL
            SELECT '村', CASE WHEN t <> 'N' THEN substr(t, 2) END,
                   CASE WHEN v <> 'N' THEN substr(v, 2) END, m, n, a, b FROM vil_b),
        wide AS (
            SELECT rk, tk, vk,
                   max(n) FILTER (WHERE m = 1)::bigint AS n1, max(b) FILTER (WHERE m = 1) AS b1,
                   max(a) FILTER (WHERE m = 1) AS a1,
                   max(n) FILTER (WHERE m = 2)::bigint AS n2, max(b) FILTER (WHERE m = 2) AS b2,
                   max(a) FILTER (WHERE m = 2) AS a2,
                   max(n) FILTER (WHERE m = 3)::bigint AS n3, max(b) FILTER (WHERE m = 3) AS b3,
                   max(a) FILTER (WHERE m = 3) AS a3,
                   max(n) FILTER (WHERE m = 4)::bigint AS n4, max(b) FILTER (WHERE m = 4) AS b4,
                   max(a) FILTER (WHERE m = 4) AS a4,
                   max(n) FILTER (WHERE m = 5)::bigint AS n5, max(b) FILTER (WHERE m = 5) AS b5
              FROM rows_ GROUP BY rk, tk, vk)
        SELECT rk, tk, vk, n1, b1, n2, b2, n3, b3, n4, b4, n5, b5,
               pg_catalog.round(100.0 * n2 / nullif(n1, 0), 2),
               pg_catalog.round(100 * a2 / nullif(a1, 0), 2),
               pg_catalog.round(100.0 * n4 / nullif(n3, 0), 2),
               pg_catalog.round(100 * a4 / nullif(a3, 0), 2)
          FROM wide
         ORDER BY rk <> '县', tk COLLATE "C", rk = '村', vk COLLATE "C"$q$,
        coalesce(township, 'NULL'), village, area, surveyed, registered, disputed, parcels)
    USING u.factor, u.digits, township IS NOT NULL;
END
$$;

COMMENT ON FUNCTION jtsyq.registration_statistics(regclass, text, text, text, text, text, text, text) IS
'集体土地所有权登记发证情况统计表 (DB64/T 2020-2024 §13.4.1): per village, township (optional) and county, the parcels and area to survey (all rows), surveyed, to register (not disputed), registered (and not disputed), disputed, and the 地籍调查/确权登记 completion rates (%% of parcels and of area, 2 decimals, from exact m²).  Areas in the unit (ha default) balanced county → township → village.  Arguments: the parcel layer and SQL expressions for village key, area (m²), surveyed, registered and disputed (booleans; NULL counts as false).';

/*
 * The collective-land formula (DB64/T 2020-2024 §10.2 b, c):
 *   本村农民集体土地总面积 = 村土地总面积 − 国有土地合计 − 乡集体土地合计
 *                            − 邻村飞入地 + 本村飞出地
 *   本村民小组农民集体土地总面积 = 本组土地总面积 − 国有 − 乡集体 − 村集体
 *                            − 邻村、组飞入地 + 本组飞出地
 * One function for both levels.  Each parcel has the unit it lies in
 * (located_in), the unit whose farmers' collective owns it at this level
 * (owner: the owning village at village level — for village- and
 * group-owned land alike —, the owning group at group level, NULL
 * otherwise) and its kind: state, township, village, group or disputed.
 * Per unit:
 *   state_land / township_land / village_land: lying in it, no owner, of
 *     that kind (village_land: collective land not owned at this level, the
 *     村集体土地合计 of the group formula; group kind counts there too);
 *   flying_in:  lying in it, owned by another unit;
 *   flying_out: owned by it, lying elsewhere;
 *   disputed:   disputed land lying in it (not a term of the formula);
 *   collective_area: the formula;   owned_area: Σ land it owns, anywhere;
 *   difference = collective_area − owned_area: disputed land inside the unit
 *     plus any part of the unit's area not covered by parcels.
 * unit_area is the unit's area from `units` (boundary) or, without it, the
 * sum of the parcels lying in it.  In ha or mu every term is rounded first
 * and the formula evaluated on the rounded terms, so the printed row adds up.
 */
CREATE FUNCTION jtsyq.collective_land_formula(
    parcels regclass,
    located_in text,
    owner text,
    kind text,
    area text,
    units regclass DEFAULT NULL,
    unit_key text DEFAULT NULL,
    unit_area text DEFAULT NULL,
    unit text DEFAULT 'm2')
RETURNS TABLE (unit_id text, total_area numeric, state_land numeric, township_land numeric,
               village_land numeric, flying_in numeric, flying_out numeric, disputed numeric,
               collective_area numeric, owned_area numeric, difference numeric)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path FROM CURRENT
AS $$
DECLARE
    u record;
    bad text;
    units_sql text;
BEGIN
    PERFORM jtsyq._require(ARRAY[parcels::text, located_in, owner, kind, area],
                           ARRAY['parcels', 'located_in', 'owner', 'kind', 'area'],
                           'jtsyq.collective_land_formula');
    u := jtsyq._area_unit(unit, 'jtsyq.collective_land_formula');
    IF units IS NOT NULL AND (unit_key IS NULL OR unit_area IS NULL) THEN
        RAISE EXCEPTION 'jtsyq.collective_land_formula: with units, unit_key and unit_area are required'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format($q$SELECT coalesce((%1$s)::text, 'NULL') FROM %2$s
                       WHERE (%1$s)::text IS NULL
                          OR (%1$s)::text <> ALL (ARRAY['state', 'township', 'village', 'group', 'disputed'])
                       LIMIT 1$q$, kind, parcels) INTO bad;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'jtsyq.collective_land_formula: unknown parcel kind "%"', bad
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Kinds are state (国有), township (乡镇农民集体), village (村农民集体), group (村民小组农民集体) and disputed (争议).';
    END IF;
    units_sql := CASE WHEN units IS NULL THEN
        'SELECT NULL::text AS k, NULL::numeric AS a WHERE false'
        ELSE format('SELECT (%s)::text AS k, (%s)::numeric AS a FROM %s', unit_key, unit_area, units) END;
    RETURN QUERY EXECUTE format($q$
        WITH p AS (
            SELECT (%1$s)::text AS loc,
                   CASE WHEN (%3$s)::text IN ('village', 'group') THEN (%2$s)::text END AS own,
                   (%3$s)::text AS kind, coalesce((%4$s)::numeric, 0) AS a
              FROM %5$s),
        un AS (%6$s),
        at_loc AS (
            SELECT loc AS k, pg_catalog.sum(a) AS total,
                   pg_catalog.sum(a) FILTER (WHERE own IS NULL AND kind = 'state') AS state_land,
                   pg_catalog.sum(a) FILTER (WHERE own IS NULL AND kind = 'township') AS township_land,
                   pg_catalog.sum(a) FILTER (WHERE own IS NULL AND kind IN ('village', 'group')) AS village_land,
                   pg_catalog.sum(a) FILTER (WHERE own <> loc) AS flying_in,
                   pg_catalog.sum(a) FILTER (WHERE kind = 'disputed') AS disputed
              FROM p WHERE loc IS NOT NULL GROUP BY loc),
        by_own AS (
            SELECT own AS k, pg_catalog.sum(a) AS owned,
                   pg_catalog.sum(a) FILTER (WHERE loc IS DISTINCT FROM own) AS flying_out
              FROM p WHERE own IS NOT NULL GROUP BY own),
        keys AS (
            SELECT k FROM un WHERE k IS NOT NULL
            UNION SELECT k FROM at_loc UNION SELECT k FROM by_own),
        terms AS (
            SELECT keys.k,
                   CASE WHEN $3 THEN un.a ELSE coalesce(l.total, 0) END AS total,
                   coalesce(l.state_land, 0) AS state_land,
                   coalesce(l.township_land, 0) AS township_land,
                   coalesce(l.village_land, 0) AS village_land,
                   coalesce(l.flying_in, 0) AS flying_in,
                   coalesce(o.flying_out, 0) AS flying_out,
                   coalesce(l.disputed, 0) AS disputed,
                   coalesce(o.owned, 0) AS owned
              FROM keys LEFT JOIN at_loc l ON l.k = keys.k LEFT JOIN by_own o ON o.k = keys.k
              LEFT JOIN un ON un.k = keys.k),
        r AS (
            SELECT k, pg_catalog.round(total * $1, $2) AS total,
                   pg_catalog.round(state_land * $1, $2) AS state_land,
                   pg_catalog.round(township_land * $1, $2) AS township_land,
                   pg_catalog.round(village_land * $1, $2) AS village_land,
                   pg_catalog.round(flying_in * $1, $2) AS flying_in,
                   pg_catalog.round(flying_out * $1, $2) AS flying_out,
                   pg_catalog.round(disputed * $1, $2) AS disputed,
                   pg_catalog.round(owned * $1, $2) AS owned
              FROM terms)
        SELECT k, total, state_land, township_land, village_land, flying_in, flying_out, disputed,
               total - state_land - township_land - village_land - flying_in + flying_out,
               owned,
               total - state_land - township_land - village_land - flying_in + flying_out - owned
          FROM r ORDER BY k COLLATE "C"$q$,
        located_in, owner, kind, area, parcels, units_sql)
    USING u.factor, u.digits, units IS NOT NULL;
END
$$;

COMMENT ON FUNCTION jtsyq.collective_land_formula(regclass, text, text, text, text, regclass, text, text, text) IS
'本村(本村民小组)农民集体土地总面积 = 土地总面积 − 国有土地合计 − 乡集体土地合计 (− 村集体土地合计) − 飞入地 + 飞出地 (DB64/T 2020-2024 §10.2 b, c) per village or group, with every term, the land the unit owns, and the difference (disputed land inside the unit plus area not covered by parcels).  Arguments: the parcel layer and SQL expressions for the unit a parcel lies in, its owning unit at this level, its kind (state, township, village, group, disputed) and area (m²); optionally the units layer with key and boundary area.';
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
 'Not a polygon in a polygon layer, not a line in a line layer (points, mixed collections, curves and surfaces are never accepted; linearize curves with ST_CurveToLine). The layer''s type is that of its first usable row.'),
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
COMMENT ON SEQUENCE jtsyq.topology_findings_finding_id_seq IS 'finding_id of jtsyq.topology_findings; the trigger''s record mode needs USAGE on it. Dumped by pg_dump.';

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
'宗地四至 from a layer: for each parcel, the neighbours sharing its outer boundary to the north, east, south and west (by the outward normal of each shared edge: north [315°,45°), east [45°,135°), south [135°,225°), west [225°,315°)), names joined with 、, longest shared boundary first, each name once; NULL where nothing adjoins.';

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
-- Township and village areas (the 乡镇 and 村 of DB64/T §10.1 c–d) are the
-- 三调 database's layers: its XZQ 行政区 holds the townships (乡级, XZQDM 12
-- digits) and CJDCQ 村级调查区 the villages (坐落单位代码 ZLDWDM), both with
-- 调查面积 DCMJ, 计算面积 JSMJ, 描述说明 MSSM and 海岛名称 HDMC — as in the 三调
-- county database tool Roger-mrj/TDDC3D (TDDC3D2/datado/CalmjandTpFrm.cs:
-- CJDCQ.DCMJ balanced against the township, XZQ.DCMJ "到乡一级") and the
-- field lists of 三调 checkers (XZQ 要素代码 1000600100, XZQDM 12 digits);
-- the 2019 revision of the 国土调查数据库标准 renamed 土地权属区 to 村级调查区
-- (国土调查数据库标准修订完善情况的说明).  TD/T 1066's XZQ holds the county
-- here, so the township layer is called xzq_xz (as 浙江's 农村存量建设用地调查
-- 数据库标准 names its 行政区（乡镇） layer XZQ_XZ).  The field lengths other
-- than XZQDM 12 / ZLDWDM 19 and CJDCQ's 要素代码 were not found in public
-- sources: CJDCQ's is left empty.
-- Every layer also has qxdm (区县代码, TD/T 1066's TDSYQ.QXDM: the county
-- code, the first 6 characters of every code) as the distribution key for
-- Citus, in the primary key and in every unique key (county_expr: where a
-- row's county comes from, for the fill trigger and the enforced CHECK).
-- obligation: M required, C conditional, O optional; slash_ok: "/" is an
-- acceptable value for a registry fact that cannot be recovered (左云 plan,
-- 已有登记成果整合入库 5: 登记簿信息缺失确实无法补录的, 用"/"代替).
-----------------------------------------------------------------------------

CREATE TABLE jtsyq.survey_layer (
    layer text PRIMARY KEY,
    ord integer NOT NULL,
    tdt_name text NOT NULL,
    zh text NOT NULL,
    ysdm text,
    geom_type text,
    code_column text,
    label_expr text NOT NULL,
    source text NOT NULL DEFAULT 'TD/T 1066',
    county_expr text NOT NULL
);

COMMENT ON TABLE jtsyq.survey_layer IS
'The standard survey layers create_survey_schema creates (table name = lower-case TD/T 1066 name), with their Chinese name, 要素代码 (NULL: not found in public sources), geometry type, code column, the expression naming a row in qa_report and the expression giving a row''s county code (区县代码 qxdm, the distribution key). Static data of the extension.';

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

INSERT INTO jtsyq.survey_layer (layer, ord, tdt_name, zh, ysdm, geom_type, code_column, label_expr, county_expr) VALUES
  ('xzq',     1, 'XZQ',    '行政区',             '1001010000', 'MultiPolygon', 'xzqdm', 'xzqdm', 'left(xzqdm, 6)'),
  ('xzq_xz',  2, 'XZQ',    '行政区（乡级）',     '1000600100', 'MultiPolygon', 'xzqdm', 'xzqdm', 'left(xzqdm, 6)'),
  ('cjdcq',   3, 'CJDCQ',  '村级调查区',         NULL,         'MultiPolygon', 'zldwdm', 'zldwdm', 'left(zldwdm, 6)'),
  ('cjqy',    4, 'CJQY',   '村级区域（行政村）', '162030',     'MultiPolygon', 'cjqydm', 'cjqydm', 'left(cjqydm, 6)'),
  ('zjqy',    5, 'ZJQY',   '组级区域（村民小组）', '162040',   'MultiPolygon', 'zjqydm', 'zjqydm', 'left(zjqydm, 6)'),
  ('djq',     6, 'DJQ',    '地籍区',             '1002000000', 'MultiPolygon', 'djqdm', 'djqdm', 'left(djqdm, 6)'),
  ('djzq',    7, 'DJZQ',   '地籍子区',           '1003000000', 'MultiPolygon', 'djzqdm', 'djzqdm', 'left(djzqdm, 6)'),
  ('zdjbxx',  8, 'ZDJBXX', '宗地基本信息',       '6001010000', 'MultiPolygon', 'zddm', 'zddm', 'left(coalesce(zddm, bdcdyh::text), 6)'),
  ('jzd',     9, 'JZD',    '界址点',             '6001070000', 'Point',        NULL, 'left(zdzhdm, 12) || ''/'' || jzdh', 'left(zdzhdm, 6)'),
  ('jzx',    10, 'JZX',    '界址线',             '6001060000', 'LineString',   NULL, 'zdzhdm || ''/'' || qdh || ''-'' || zdh', 'left(zdzhdm, 6)'),
  ('dltb',   11, 'DLTB',   '地类图斑',           '2001010100', 'MultiPolygon', NULL, 'tbbh', 'left(coalesce(zddm, zldwdm), 6)'),
  ('tdsyq',  12, 'TDSYQ',  '土地所有权',         '6002010100', NULL,           NULL, 'zddm', 'left(coalesce(zddm, bdcdyh::text), 6)'),
  ('qlr',    13, 'QLR',    '权利人',             '6003000000', NULL,           NULL, 'bdcdyh', 'left(bdcdyh::text, 6)');
UPDATE jtsyq.survey_layer SET source = 'NY/T 2539' WHERE layer IN ('cjqy', 'zjqy');
UPDATE jtsyq.survey_layer SET source = '第三次全国国土调查数据库' WHERE layer = 'dltb';
UPDATE jtsyq.survey_layer SET source = '第三次全国国土调查数据库, 乡级' WHERE layer = 'xzq_xz';
UPDATE jtsyq.survey_layer SET source = '第三次全国国土调查数据库' WHERE layer = 'cjdcq';

INSERT INTO jtsyq.survey_field (layer, ord, name, sqltype, zh, dict, obligation, slash_ok) VALUES
  ('xzq', 1, 'xzqdm', 'varchar(12)', '行政区代码', NULL, 'M', false),
  ('xzq', 2, 'xzqmc', 'varchar(100)', '行政区名称', NULL, 'M', true),
  ('xzq', 3, 'xzqmj', 'numeric(15,2)', '行政区面积', NULL, 'C', false),
  ('xzq_xz', 1, 'xzqdm', 'varchar(12)', '行政区代码（乡级）', NULL, 'M', false),
  ('xzq_xz', 2, 'xzqmc', 'varchar(100)', '行政区名称', NULL, 'M', true),
  ('xzq_xz', 3, 'dcmj', 'numeric(15,2)', '调查面积', NULL, 'C', false),
  ('xzq_xz', 4, 'jsmj', 'numeric(15,2)', '计算面积', NULL, 'O', false),
  ('xzq_xz', 5, 'mssm', 'varchar(2)', '描述说明', NULL, 'O', false),
  ('xzq_xz', 6, 'hdmc', 'varchar(100)', '海岛名称', NULL, 'O', false),
  ('cjdcq', 1, 'zldwdm', 'varchar(19)', '坐落单位代码', NULL, 'M', false),
  ('cjdcq', 2, 'zldwmc', 'varchar(255)', '坐落单位名称', NULL, 'M', true),
  ('cjdcq', 3, 'dcmj', 'numeric(15,2)', '调查面积', NULL, 'C', false),
  ('cjdcq', 4, 'jsmj', 'numeric(15,2)', '计算面积', NULL, 'O', false),
  ('cjdcq', 5, 'mssm', 'varchar(2)', '描述说明', NULL, 'O', false),
  ('cjdcq', 6, 'hdmc', 'varchar(100)', '海岛名称', NULL, 'O', false),
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
-- the county code of every row (TDSYQ has it as a standard field)
INSERT INTO jtsyq.survey_field (layer, ord, name, sqltype, zh, dict, obligation, slash_ok)
SELECT layer, 0, 'qxdm', 'varchar(6)', '区县代码（jtsyq：县级行政区划代码，代码前 6 位，分布键）', NULL, 'M', false
  FROM jtsyq.survey_layer WHERE layer <> 'tdsyq';

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
    sheets text;
    county_expr text;
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
        geom_changed := TG_OP = 'INSERT' OR NEW.geom IS DISTINCT FROM OLD.geom;
        -- (an invalid polygon has no area or sheets: they stay as given, and
        -- qa_report reports the polygon)
        IF NEW.geom IS NOT NULL AND NOT ST_IsEmpty(NEW.geom) AND geom_changed
           AND (NEW.zdmj IS NULL OR NEW.tfh IS NULL OR TG_OP = 'UPDATE')
           AND (ST_IsValidDetail(NEW.geom)).valid THEN
            -- 宗地面积: the survey's ellipsoidal area (DB64/T 2020-2024 §10)
            IF NEW.zdmj IS NULL OR (TG_OP = 'UPDATE' AND NEW.zdmj IS NOT DISTINCT FROM OLD.zdmj) THEN
                NEW.zdmj := jtsyq.ellipsoid_area(NEW.geom);
            END IF;
            -- 图幅号: the 1:10000 sheets it lies in (§9.3.1 g), when they fit
            IF NEW.tfh IS NULL OR (TG_OP = 'UPDATE' AND NEW.tfh IS NOT DISTINCT FROM OLD.tfh) THEN
                sheets := array_to_string(jtsyq.sheet_numbers(NEW.geom, 10000), ',');
                NEW.tfh := CASE WHEN length(sheets) <= 50 THEN sheets ELSE NEW.tfh END;
            END IF;
        END IF;
    END IF;
    -- 区县代码 (the distribution key), when not given: the county of the
    -- row's code (jtsyq.survey_layer.county_expr).  A Citus cluster needs it
    -- in the INSERT itself, to route the row before any trigger runs.
    IF NEW.qxdm IS NULL THEN
        SELECT l.county_expr INTO county_expr FROM jtsyq.survey_layer l WHERE l.layer = TG_TABLE_NAME;
        IF county_expr IS NOT NULL THEN
            EXECUTE format('SELECT %s FROM (SELECT ($1).*) r', county_expr) INTO NEW.qxdm USING NEW;
        END IF;
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION jtsyq._survey_fill() IS
'Internal trigger of the survey layers: fills 界址点 X/Y (northing/easting, 2 decimals), 界址线长度, 宗地面积 (jtsyq.ellipsoid_area) and 图幅号 (1:10000, jtsyq.sheet_numbers) from the geometry, 宗地代码/宗地特征码 from the 不动产单元号, and on every layer 区县代码 qxdm from the row''s code (survey_layer.county_expr), when they are not given; with the argument ''allocate'' a new parcel given only its geometry and 宗地特征码 gets the next 宗地顺序号 of its 地籍子区 (jtsyq.next_zdsxh).';

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
    IF target_schema IS NULL OR srid IS NULL OR enforce IS NULL THEN
        RAISE EXCEPTION 'create_survey_schema: target_schema, srid and enforce must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF target_schema = '' THEN
        RAISE EXCEPTION 'create_survey_schema: the schema name must not be empty'
            USING ERRCODE = 'invalid_parameter_value';
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

        -- the county code is in the primary key (and in every unique key
        -- below): a Citus cluster distributes the layers by it
        EXECUTE format('CREATE TABLE IF NOT EXISTS %s (bsm bigint GENERATED BY DEFAULT AS IDENTITY, '
                       'ysdm varchar(10) DEFAULT %L, qxdm varchar(6) NOT NULL, PRIMARY KEY (bsm, qxdm))',
                       tbl, l.ysdm);
        EXECUTE format('COMMENT ON TABLE %s IS %L', tbl,
                       format('%s %s (%s; 要素代码 %s) — created by jtsyq.create_survey_schema',
                              l.tdt_name, l.zh, l.source, coalesce(l.ysdm, '未核实')));
        EXECUTE format('COMMENT ON COLUMN %s.bsm IS %L', tbl, '标识码 BSM');
        EXECUTE format('COMMENT ON COLUMN %s.ysdm IS %L', tbl, '要素代码 YSDM');

        FOR f IN SELECT * FROM jtsyq.survey_field WHERE layer = l.layer ORDER BY ord LOOP
            EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS %I %s', tbl, f.name,
                           CASE f.sqltype WHEN 'bdcdyh' THEN code_type ELSE f.sqltype END);
            EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', tbl, f.name,
                           f.zh || ' ' || upper(f.name)
                           || CASE WHEN f.dict IS NOT NULL THEN ' (字典 ' || f.dict || ')' ELSE '' END);
        END LOOP;

        -- a table made before the county key: qxdm from the codes, then
        -- into the primary key
        IF NOT (SELECT attnotnull FROM pg_attribute WHERE attrelid = tbl::regclass AND attname = 'qxdm') THEN
            EXECUTE format('UPDATE %s SET qxdm = %s WHERE qxdm IS NULL', tbl, l.county_expr);
            BEGIN
                EXECUTE format('ALTER TABLE %s ALTER COLUMN qxdm SET NOT NULL', tbl);
            EXCEPTION WHEN not_null_violation THEN
                RAISE EXCEPTION 'create_survey_schema: %.% has rows without a code, so their county (区县代码 qxdm) is unknown',
                                target_schema, l.layer
                    USING ERRCODE = 'not_null_violation',
                          HINT = 'Set qxdm (the 6-digit county code) on those rows.';
            END;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid
                        WHERE c.conrelid = tbl::regclass AND c.contype = 'p'
                          AND a.attname = 'qxdm' AND a.attnum = ANY (c.conkey)) THEN
            SELECT c.conname INTO cname FROM pg_constraint c WHERE c.conrelid = tbl::regclass AND c.contype = 'p';
            EXECUTE format('ALTER TABLE %s %s ADD PRIMARY KEY (bsm, qxdm)', tbl,
                           CASE WHEN FOUND THEN format('DROP CONSTRAINT %I,', cname) ELSE '' END);
        END IF;

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

        -- derived values; the WHEN clauses keep bulk loads that give them
        -- (build_boundary_points does) free of the PL/pgSQL call
        IF l.layer = 'zdjbxx' THEN
            EXECUTE format('CREATE OR REPLACE TRIGGER survey_fill BEFORE INSERT OR UPDATE ON %s '
                           'FOR EACH ROW EXECUTE FUNCTION jtsyq._survey_fill()', tbl);
        ELSIF l.layer IN ('jzd', 'jzx') THEN
            EXECUTE format('CREATE OR REPLACE TRIGGER survey_fill BEFORE INSERT ON %s FOR EACH ROW WHEN (%s) '
                           'EXECUTE FUNCTION jtsyq._survey_fill()', tbl,
                           CASE l.layer WHEN 'jzd' THEN 'NEW.xzbz IS NULL OR NEW.yzbz IS NULL OR NEW.qxdm IS NULL'
                                        ELSE 'NEW.jzxcd IS NULL OR NEW.qxdm IS NULL' END);
            EXECUTE format('CREATE OR REPLACE TRIGGER survey_fill_geom BEFORE UPDATE OF geom ON %s '
                           'FOR EACH ROW WHEN (NEW.geom IS DISTINCT FROM OLD.geom) '
                           'EXECUTE FUNCTION jtsyq._survey_fill()', tbl);
        ELSE
            -- only the county code
            EXECUTE format('CREATE OR REPLACE TRIGGER survey_fill BEFORE INSERT ON %s FOR EACH ROW '
                           'WHEN (NEW.qxdm IS NULL) EXECUTE FUNCTION jtsyq._survey_fill()', tbl);
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
            -- (the key from before the county key)
            EXECUTE format('DROP INDEX IF EXISTS %I.%I', target_schema, l.layer || '_' || l.code_column || '_key');
            BEGIN
                -- the code's first 6 characters are qxdm (CHECK below), so
                -- this is the code's uniqueness
                EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %s (%I, qxdm)',
                               l.layer || '_' || l.code_column || '_qxdm_key', tbl, l.code_column);
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
            -- the county key agrees with the codes
            SELECT l.layer || '_qxdm_of_code', format('CHECK (qxdm = %s)', l.county_expr)
            UNION ALL
            SELECT c.name, c.def FROM (VALUES
                ('xzq_xz', 'xzq_xz_xzqdm_format', 'CHECK (xzqdm ~ ''^[0-9]{12}$'')'),
                ('cjdcq', 'cjdcq_zldwdm_format', 'CHECK (zldwdm ~ ''^[0-9]{19}$'')'),
                ('djq', 'djq_djqdm_format', 'CHECK (djqdm ~ ''^[0-9]{9}$'')'),
                ('djzq', 'djzq_djzqdm_format', 'CHECK (djzqdm ~ ''^[0-9]{12}$'')'),
                ('zdjbxx', 'zdjbxx_zddm_format', 'CHECK (zddm ~ ''^[0-9]{12}[GJZ][A-Z][0-9]{5}$'')'),
                ('zdjbxx', 'zdjbxx_zdtzm_of_zddm', 'CHECK (zdtzm = substr(zddm, 13, 2))'),
                ('zdjbxx', 'zdjbxx_bdcdyh_of_zddm', 'CHECK (left(bdcdyh::text, 19) = zddm)'),
                ('jzd', 'jzd_jzdh_format', 'CHECK (jzdh ~ ''^[JHT][0-9]+$'')'),
                ('jzd', 'jzd_jzdlx_of_jzdh',
                 'CHECK (jzdlx = ''4'' OR jzdlx = CASE left(jzdh, 1) WHEN ''J'' THEN ''1'' WHEN ''T'' THEN ''2'' WHEN ''H'' THEN ''3'' END)'),
                ('tdsyq', 'tdsyq_bdcdyh_of_zddm', 'CHECK (left(bdcdyh::text, 19) = zddm)'),
                -- 地类: the 2023 用地用海分类 (DB64/T 2020-2024 §4.4; issue 5's lists)
                ('dltb', 'dltb_dlbm_dict', 'CHECK (jtsyq.is_land_class(dlbm, ''yydh2023''))'),
                ('dltb', 'dltb_kcdlbm_dict', 'CHECK (jtsyq.is_land_class(kcdlbm, ''yydh2023''))')
            ) c(layer, name, def) WHERE c.layer = l.layer
        LOOP
            IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = tbl::regclass AND conname = cname) THEN
                EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s%s', tbl, cname, cdef,
                               CASE WHEN has_rows THEN ' NOT VALID' ELSE '' END);
            END IF;
        END LOOP;

        -- a staging schema's text codes become jtsyq.bdcdyh (each validated;
        -- the statistics view is rebuilt below)
        IF EXISTS (SELECT FROM jtsyq.survey_field sf WHERE sf.layer = l.layer AND sf.sqltype = 'bdcdyh')
           AND (SELECT atttypid FROM pg_attribute WHERE attrelid = tbl::regclass AND attname = 'bdcdyh')
               <> 'jtsyq.bdcdyh'::regtype THEN
            EXECUTE format('DROP VIEW IF EXISTS %I.zdtj', target_schema);
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
            EXECUTE format('DROP INDEX IF EXISTS %I.zdjbxx_bdcdyh_key', target_schema);
            BEGIN
                EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS zdjbxx_bdcdyh_qxdm_key ON %s (bdcdyh, qxdm)', tbl);
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
        END IF;
        -- topology (issue 4) on the polygon layers people edit.  Row-local
        -- faults and leaving the container are refused; rules involving
        -- neighbours are recorded in jtsyq.topology_findings instead, since
        -- the table's historical rows (状态 0) are neighbours too
        IF l.layer IN ('zdjbxx', 'dltb', 'djzq') THEN
            EXECUTE format('CREATE OR REPLACE TRIGGER survey_topology BEFORE INSERT OR UPDATE OF geom ON %s '
                           'FOR EACH ROW %s EXECUTE FUNCTION jtsyq.topology_trigger(''geom'', ''0.0001'', %L, ''reject'', '
                           '%L, %L, ''checks=empty_geometry,wrong_type,nan_coordinate,srid_mismatch,unclosed_ring,'
                           'degenerate_ring,self_intersection,invalid_geometry,not_in_container'')',
                           tbl, CASE l.layer WHEN 'zdjbxx' THEN 'WHEN (coalesce(NEW.zt, ''1'') <> ''0'')' ELSE '' END,
                           CASE l.layer WHEN 'zdjbxx' THEN format('%I.djzq', target_schema)
                                        WHEN 'dltb' THEN format('%I.zdjbxx', target_schema)
                                        ELSE format('%I.djq', target_schema) END,
                           'key=' || CASE l.layer WHEN 'zdjbxx' THEN 'zddm' WHEN 'dltb' THEN 'bsm' ELSE 'djzqdm' END,
                           'container_key=' || CASE l.layer WHEN 'zdjbxx' THEN 'djzqdm' WHEN 'dltb' THEN 'zddm' ELSE 'djqdm' END);
            EXECUTE format('CREATE OR REPLACE TRIGGER survey_topology_record BEFORE INSERT OR UPDATE OF geom ON %s '
                           'FOR EACH ROW %s EXECUTE FUNCTION jtsyq.topology_trigger(''geom'', ''0.0001'', '''', ''record'', '
                           '%L, ''checks=overlap,duplicate,sliver,near_coincident'')',
                           tbl, CASE l.layer WHEN 'zdjbxx' THEN 'WHEN (coalesce(NEW.zt, ''1'') <> ''0'')' ELSE '' END,
                           'key=' || CASE l.layer WHEN 'zdjbxx' THEN 'zddm' WHEN 'dltb' THEN 'bsm' ELSE 'djzqdm' END);
        ELSIF l.layer = 'jzd' THEN
            -- one number per point within the survey unit (地籍子区)
            EXECUTE format('DROP INDEX IF EXISTS %I.jzd_unit_sxh_key', target_schema);
            BEGIN
                EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS jzd_unit_sxh_qxdm_key ON %s (left(zdzhdm, 12), sxh, qxdm)', tbl);
            EXCEPTION WHEN unique_violation THEN
                RAISE EXCEPTION 'create_survey_schema: %.jzd has repeated 界址点 numbers within a 地籍子区', target_schema
                    USING ERRCODE = 'unique_violation';
            END;
        END IF;
    END LOOP;

    -- the current parcels with the flags of the §13.4.1 statistics and the
    -- 宗地 = Σ地类图斑 control (qa_report, survey_area_levels)
    -- (every join includes the county key: co-located on a Citus cluster;
    -- qxdm comes last so that the view of an older schema can be replaced)
    EXECUTE format($v$CREATE OR REPLACE VIEW %1$I.zdtj AS
        WITH pz AS (SELECT DISTINCT j.qxdm, c AS zddm FROM %1$I.jzd j, unnest(j.zddms || j.zdzhdm) c WHERE c IS NOT NULL),
             reg AS (SELECT DISTINCT t.qxdm, c AS code
                       FROM %1$I.tdsyq t, unnest(ARRAY[t.zddm::text, t.bdcdyh::text]) c
                      WHERE coalesce(t.qszt, '1') = '1' AND t.bdcqzh IS NOT NULL
                        AND btrim(t.bdcqzh) NOT IN ('', '/') AND c IS NOT NULL)
        SELECT z.bsm, z.zddm, z.bdcdyh, z.zdtzm, left(z.zddm, 9) AS djqdm, left(z.zddm, 12) AS djzqdm, z.zdmj,
               coalesce(z.geom IS NOT NULL AND NOT ST_IsEmpty(z.geom) AND z.zdmj > 0 AND pz.zddm IS NOT NULL, false)
                 AS surveyed,
               r1.code IS NOT NULL OR r2.code IS NOT NULL AS registered,
               coalesce(z.zdtzm LIKE 'Z%%', false) AS disputed,
               coalesce(z.zdtzm = 'JA', false) AS collective,
               z.geom, z.qxdm
          FROM %1$I.zdjbxx z
          LEFT JOIN pz ON pz.qxdm = z.qxdm AND pz.zddm = z.zddm
          LEFT JOIN reg r1 ON r1.qxdm = z.qxdm AND r1.code = z.zddm::text
          LEFT JOIN reg r2 ON r2.qxdm = z.qxdm AND r2.code = z.bdcdyh::text
         WHERE coalesce(z.zt, '1') = '1'$v$, target_schema);
    EXECUTE format('COMMENT ON VIEW %I.zdtj IS %L', target_schema,
                   '宗地统计 (jtsyq): the current parcels (状态 1) with 地籍区/地籍子区 and the flags of DB64/T 2020-2024 §13.4.1: surveyed (geometry, 宗地面积 and 界址点), registered (a current 土地所有权 with a 不动产权证号), disputed (特征码 Z*), collective (特征码 JA)');
    FOR cname, cdef IN VALUES ('bsm', '标识码'), ('zddm', '宗地代码'), ('bdcdyh', '不动产单元号'), ('zdtzm', '宗地特征码'),
                              ('djqdm', '地籍区代码'), ('djzqdm', '地籍子区代码'), ('zdmj', '宗地面积'),
                              ('surveyed', '已完成地籍调查'), ('registered', '已确权登记'), ('disputed', '争议地'),
                              ('collective', '集体土地所有权宗地 (JA)'), ('geom', '图形'), ('qxdm', '区县代码') LOOP
        EXECUTE format('COMMENT ON COLUMN %I.zdtj.%I IS %L', target_schema, cname, cdef);
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
-- many small dynamic statements: JIT would cost more than it saves
SET jit = off
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
    IF djzqdm !~ '^[0-9]{12}$' THEN
        RAISE EXCEPTION 'build_boundary_points: "%" is not a 地籍子区 code (12 digits)', djzqdm
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass the first 12 characters of the unit''s 宗地代码, or NULL for every unit.';
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
        -- (qxdm = the unit's county: on a Citus cluster, one shard)
        EXECUTE format('SELECT array_agg(zddm ORDER BY zddm), array_agg(geom ORDER BY zddm) FROM %I.zdjbxx
                         WHERE qxdm = left($1, 6) AND left(zddm, 12) = $1 AND geom IS NOT NULL
                           AND coalesce(zt, ''1'') = ''1''',
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
                         WHERE qxdm = left($1, 6) AND left(zdzhdm, 12) = $1 AND geom IS NOT NULL', target_schema)
            INTO old_pts, old_lx, old_jb USING u;
        EXECUTE format('SELECT array_agg(geom ORDER BY bsm),
                               array_agg(ARRAY[zdzhdm, jzxlb, jzxwz, jxxz, qsjxxysbh, qszyyysbh] ORDER BY bsm),
                               array_agg(qsjxxys ORDER BY bsm) || array_agg(qszyyys ORDER BY bsm)
                          FROM %I.jzx WHERE qxdm = left($1, 6) AND left(zdzhdm, 12) = $1 AND geom IS NOT NULL',
                       target_schema)
            INTO old_lines, old_attr, old_docs USING u;
        EXECUTE format('DELETE FROM %I.jzd WHERE qxdm = left($1, 6) AND left(zdzhdm, 12) = $1', target_schema) USING u;
        EXECUTE format('DELETE FROM %I.jzx WHERE qxdm = left($1, 6) AND left(zdzhdm, 12) = $1', target_schema) USING u;

        EXECUTE format($q$
            INSERT INTO %I.jzd (qxdm, zdzhdm, jzdh, sxh, jblx, jzdlx, xzbz, yzbz, zddms, geom)
            SELECT left($7, 6), b.zddm[1], b.jzdh, b.seq,
                   (SELECT o.jb FROM unnest($3, $5) o(g, jb) WHERE ST_DWithin(o.g, b.geom, 0.0001) LIMIT 1),
                   CASE left(b.jzdh, 1) WHEN 'J' THEN '1' WHEN 'T' THEN '2' ELSE '3' END,
                   b.x, b.y, b.zddm, b.geom
              FROM jtsyq.boundary_points_layer($1, $2, 'J',
                       (SELECT array_agg(g) FROM unnest($3, $4) k(g, lx) WHERE lx IN ('1', '2', '3')),
                       (SELECT array_agg(lx) FROM unnest($3, $4) k(g, lx) WHERE lx IN ('1', '2', '3')),
                       $6) b
            $q$, target_schema)
            USING codes, geoms, old_pts, old_lx, old_jb, ctx, u;
        GET DIAGNOSTICS n_points = ROW_COUNT;

        EXECUTE format($q$
            INSERT INTO %I.jzx (qxdm, zdzhdm, jzxcd, jzxlb, jzxwz, jxxz, qsjxxysbh, qsjxxys, qszyyysbh, qszyyys, qdh, zdh, geom)
            SELECT left($7, 6), l.zddm, l.jzxcd, $4[o.i][2], $4[o.i][3], $4[o.i][4], $4[o.i][5], $5[o.i], $4[o.i][6],
                   $5[o.i + cardinality($3)], l.qdh, l.zdh, l.geom
              FROM jtsyq.boundary_lines_layer($1, $2, 'J', NULL, NULL, $6) l
              LEFT JOIN LATERAL (
                   SELECT k.i FROM generate_subscripts($3, 1) k(i)
                    WHERE $4[k.i][1] = l.zddm AND ST_Equals($3[k.i], l.geom)
                    LIMIT 1) o ON true
            $q$, target_schema)
            USING codes, geoms, old_lines, old_attr, old_docs, ctx, u;
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
-- many small dynamic statements: JIT would cost more than it saves
SET jit = off
AS $fn$
DECLARE
    n integer;
BEGIN
    IF target_schema IS NULL THEN
        RAISE EXCEPTION 'fill_four_sides: target_schema must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF overwrite IS NULL THEN
        RAISE EXCEPTION 'fill_four_sides: overwrite must not be NULL' USING ERRCODE = 'null_value_not_allowed';
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
            -- no current parcels: array_agg gives NULL, four_sides wants arrays
            SELECT f.* FROM (SELECT array_agg(zddm ORDER BY zddm) AS c, array_agg(name ORDER BY zddm) AS n,
                                    array_agg(geom ORDER BY zddm) AS g FROM p) a,
                            jtsyq.four_sides(coalesce(a.c, '{}'), coalesce(a.n, '{}'), coalesce(a.g, '{}')) f
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
--   topology.<kind>: error — issue 4's topology_errors (jtsyq.topology_kinds:
--       self_intersection, overlap, gap, sliver, not_in_container,
--       near_coincident, not_on_polygon_edge …) for 宗地 in 地籍子区, 地籍子区
--       in 地籍区, 地籍区 in the county, 图斑 in 宗地, 界址线 on 宗地
--       (§8.2.2 b, §8.3.3, §8.3.6 tolerance 0.0001 m)
--   area.sum_of_parts, area.childless, area.orphan, area.area_null,
--       area.parent_key_null: error — 整体 ≠ Σ部分 (§10 c–e, §8.3.5) at the
--       levels of jtsyq.survey_area_levels (issue 5's sum_of_parts_errors)
--   statistics.completion: info — §13.4.1 task completion per county,
--       地籍区 and 地籍子区 (issue 5's registration_statistics)
-----------------------------------------------------------------------------

CREATE FUNCTION jtsyq.qa_report(target_schema name)
RETURNS TABLE(rule text, severity text, object text, message text)
LANGUAGE plpgsql
STABLE PARALLEL RESTRICTED
SET search_path FROM CURRENT
-- many small dynamic statements: JIT would cost more than it saves
SET jit = off
AS $fn$
DECLARE
    l record;
    f record;
    s text := quote_ident(target_schema);
    present text[] := '{}';
    cols text[];
    lbl text;
    is_text boolean;
    t record;
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

        -- the county key (区县代码 qxdm, the distribution key) against the code
        RETURN QUERY EXECUTE format(
            'SELECT ''consistency.code_structure'', ''error'', %s,
                    format(%L, qxdm, c) FROM (SELECT t.*, %s AS c FROM %s.%I t) t
              WHERE c IS NOT NULL AND qxdm IS DISTINCT FROM c',
            lbl, '区县代码 (QXDM) %s is not the county of the code (%s)', l.county_expr, s, l.layer);

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

    IF 'dltb' = ANY (present) THEN
        -- 地类 against the 2023 用地用海分类 (DB64/T 2020-2024 §4.4)
        RETURN QUERY EXECUTE format($q$
            SELECT 'consistency.dictionary', 'error', 'dltb:' || coalesce(tbbh, 'bsm=' || bsm),
                   format('%%s (%%s) %%s is not a 2023 用地用海分类 code', c.zh, c.f, c.v)
              FROM %1$s.dltb,
                   LATERAL (VALUES ('地类编码', 'DLBM', dlbm), ('扣除地类编码', 'KCDLBM', kcdlbm)) c(zh, f, v)
             WHERE c.v IS NOT NULL AND btrim(c.v) NOT IN ('', '/') AND NOT jtsyq.is_land_class(c.v, 'yydh2023')
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
    -- §8.3.3 / §8.3.6 topology with issue 4's topology_errors at the
    -- database tolerance 0.0001 m, each layer against its container: 宗地
    -- (the current ones, view zdtj) in the 地籍子区 their code names, 地籍子区
    -- in 地籍区, 地籍区 in the county, 图斑 in the 宗地 they name (dltb.zddm),
    -- and 界址线 on the 宗地 boundaries (宗地须与界址线重合, §8.2.2 b; the
    -- line checks that per-parcel lines always fail — shared edges twice,
    -- a pseudo-node at every point — are left out).  A gap is reported on
    -- its container (as is an invalid container), everything else on the
    -- feature; rule = topology.<kind>
    -- (jtsyq.topology_kinds).
    ---------------------------------------------------------------------
    FOR t IN SELECT * FROM (VALUES
            ('zdtj', 'zddm', 'djzq', 'djzqdm', 'djzqdm', 'zdjbxx', 'djzq', NULL::text[]),
            ('djzq', 'djzqdm', 'djq', 'djqdm', NULL, 'djzq', 'djq', NULL),
            ('djq', 'djqdm', 'xzq', 'xzqdm', NULL, 'djq', 'xzq', NULL),
            ('dltb', 'tbbh', 'zdtj', 'zddm', 'zddm', 'dltb', 'zdjbxx', NULL),
            ('jzx', 'bsm', 'zdtj', 'zddm', NULL, 'jzx', 'zdjbxx',
             '{not_on_polygon_edge,self_intersection,empty_geometry,wrong_type,nan_coordinate,srid_mismatch}'))
            v(layer, key, container, ckey, link, lp, cp, checks)
    LOOP
        CONTINUE WHEN to_regclass(format('%s.%I', s, t.layer)) IS NULL
                   OR to_regclass(format('%s.%I', s, t.container)) IS NULL
                   OR NOT (t.layer IN ('zdtj') OR t.layer = ANY (present))
                   OR NOT (t.container IN ('zdtj') OR t.container = ANY (present));
        RETURN QUERY
            SELECT 'topology.' || e.kind, 'error',
                   CASE WHEN e.kind IN ('gap', 'container_invalid') THEN t.cp ELSE t.lp END || ':'
                       || CASE WHEN t.key = 'bsm' AND e.kind NOT IN ('gap', 'container_invalid') THEN 'bsm=' ELSE '' END
                       || coalesce(e.id1, '(none)'),
                   coalesce(k.label_zh, e.kind)
                       || CASE WHEN e.id2 IS NOT NULL THEN ' — ' || e.id2 ELSE '' END
                       || CASE WHEN e.measure IS NOT NULL THEN format(' (%s)', round(e.measure::numeric, 4)) ELSE '' END
              FROM jtsyq.topology_errors(format('%s.%I', s, t.layer)::regclass, 'geom', 0.0001,
                                         format('%s.%I', s, t.container)::regclass, 'geom',
                                         t.key, t.ckey, t.link, 0.1, t.checks) e
              LEFT JOIN jtsyq.topology_kinds k ON k.kind = e.kind;
    END LOOP;

    ---------------------------------------------------------------------
    -- §8.3.5 / §10.1 c–e: 整体 = Σ部分 (issue 5's sum_of_parts_errors over
    -- the levels survey_area_levels gives this schema: 县 = Σ地籍区, 县 =
    -- Σ乡镇, 地籍区 = Σ地籍子区, 乡镇 = Σ村 by geometric area to 0.01 m²,
    -- 宗地 = Σ地类图斑 recorded areas exactly), each level whose layers
    -- passed the completeness checks.  A whole whose key is duplicated is
    -- left to consistency.duplicate_code.
    ---------------------------------------------------------------------
    IF ARRAY['xzq', 'djq', 'djzq', 'zdjbxx', 'dltb'] <@ present
       AND to_regclass(format('%s.zdtj', s)) IS NOT NULL THEN
        RETURN QUERY
            SELECT CASE e.finding WHEN 'mismatch' THEN 'area.sum_of_parts' ELSE 'area.' || e.finding END,
                   'error',
                   CASE e.level WHEN '县 = Σ地籍区' THEN 'xzq:' WHEN '县 = Σ乡镇' THEN 'xzq:'
                                WHEN '地籍区 = Σ地籍子区' THEN 'djq:' WHEN '乡镇 = Σ村' THEN 'xzq_xz:'
                                ELSE 'zdjbxx:' END || coalesce(e.parent_key, '(none)'),
                   e.level || ': ' || CASE e.finding
                       -- m² to 2 decimals (§4.2 c); the comparison itself used the exact sums
                       WHEN 'mismatch' THEN format('整体 %s m² ≠ Σ部分 %s m² (%s parts; difference %s m²)',
                                                   round(e.parent_area, 2), round(e.children_area, 2), e.children,
                                                   round(e.difference, 2))
                       WHEN 'childless' THEN format('整体 %s m² has no parts', round(e.parent_area, 2))
                       WHEN 'orphan' THEN format('%s parts (%s m²) name a whole that is not there', e.children,
                                                 round(e.children_area, 2))
                       WHEN 'area_null' THEN 'an area is missing'
                       WHEN 'parent_key_null' THEN 'a whole has no code'
                       ELSE e.finding END
              FROM jtsyq.sum_of_parts_errors(
                       ARRAY(SELECT a.lv[i]
                               FROM (SELECT jtsyq.survey_area_levels(target_schema) AS lv) a,
                                    generate_subscripts(a.lv, 1) i, pg_class p, pg_class c
                              WHERE p.oid = (a.lv[i]).parent_table AND c.oid = (a.lv[i]).child_table
                                AND replace(p.relname, 'zdtj', 'zdjbxx') = ANY (present) AND c.relname = ANY (present)
                              ORDER BY i),
                       0) e
             WHERE e.finding <> 'duplicate_parent';
    END IF;

    ---------------------------------------------------------------------
    -- §13.4.1 task completion, with issue 5's registration_statistics over
    -- the view zdtj (current parcels): per county, 地籍区 (township) and
    -- 地籍子区 (village).  To survey: every current parcel; surveyed: with
    -- geometry, 宗地面积 and 界址点; to register: the collective ownership
    -- parcels (特征码 JA); registered: with a current 土地所有权 carrying a
    -- 不动产权证号; disputed: 特征码 Z*.  Areas in 公顷 to 4 decimals,
    -- balanced county → 地籍区 → 地籍子区; rates from exact m².
    ---------------------------------------------------------------------
    IF to_regclass(format('%s.zdtj', s)) IS NOT NULL THEN
        RETURN QUERY
            SELECT 'statistics.completion', 'info',
                   CASE a.row_kind WHEN '县' THEN 'county' WHEN '乡镇' THEN 'djq:' || coalesce(a.township_key, '(none)')
                                   ELSE 'djzq:' || coalesce(a.village_key, '(none)') END,
                   format('应完成地籍调查 %s 宗 %s 公顷, 已完成 %s 宗 %s 公顷, 地籍调查完成率 %s%% (宗地数) %s%% (面积); '
                          '应确权登记 %s 宗 %s 公顷, 已确权登记 %s 宗 %s 公顷, 确权登记完成率 %s%% (宗地数) %s%% (面积); '
                          '争议地 %s 宗 %s 公顷',
                          a.parcels_to_survey, a.area_to_survey, a.parcels_surveyed, a.area_surveyed,
                          coalesce(a.survey_rate_parcels::text, '-'), coalesce(a.survey_rate_area::text, '-'),
                          r.parcels_to_register, r.area_to_register, r.parcels_registered, r.area_registered,
                          coalesce(r.registration_rate_parcels::text, '-'), coalesce(r.registration_rate_area::text, '-'),
                          a.parcels_disputed, a.area_disputed)
              FROM jtsyq.registration_statistics(format('%s.zdtj', s)::regclass, 'djzqdm', 'zdmj',
                                                 'surveyed', 'registered', 'disputed', 'djqdm') a
              JOIN jtsyq.registration_statistics(format('%s.zdtj', s)::regclass, 'djzqdm', 'zdmj',
                                                 'surveyed', 'registered AND collective',
                                                 'disputed OR NOT collective', 'djqdm') r
                ON r.row_kind = a.row_kind AND r.township_key IS NOT DISTINCT FROM a.township_key
               AND r.village_key IS NOT DISTINCT FROM a.village_key;
    END IF;
END
$fn$;

COMMENT ON FUNCTION jtsyq.qa_report(name) IS
'The database checks of DB64/T 2020-2024 §8.3 on a schema made by create_survey_schema, in one call: completeness (layers, fields, required values; "/" reported as info where the 左云 plan allows it), logical consistency (dictionaries, duplicate codes, code structure, codes vs location, 界址点/界址线 vs parcels), topology, area (宗地 = Σ 图斑) and the §13.4.1 completion statistics, as rows (rule, severity error/warning/info, object layer:code, message).';

CREATE FUNCTION jtsyq.qa_summary(target_schema name)
RETURNS TABLE(rule text, severity text, n bigint)
LANGUAGE sql
STABLE PARALLEL RESTRICTED
SET search_path FROM CURRENT
AS $$
    SELECT q.rule, q.severity, count(*) FROM jtsyq.qa_report(target_schema) q
     GROUP BY q.rule, q.severity ORDER BY q.rule, q.severity
$$;

COMMENT ON FUNCTION jtsyq.qa_summary(name) IS
'qa_report counted per rule and severity.';

-----------------------------------------------------------------------------
-- Survey layers on Citus (follow-up of issue 6).  Every layer carries the
-- county code qxdm (区县代码, the first 6 characters of every unit code) in
-- its primary key and unique keys, so the layers of a schema can be hash-
-- distributed by county and co-located: the joins of a county's data
-- (zdtj, build_boundary_points) include qxdm.  xzq (one row per county,
-- read by the container checks of every county) becomes a reference table.
-- Triggers that read other tables (topology, code allocation) or the
-- database-wide code registry (bdcdyh_guard) would run on the workers'
-- shards against node-local copies, so they are dropped; the row-local
-- fill triggers stay (citus.enable_unsafe_triggers).  Citus cannot be
-- installed in this project's test cluster: the statements are tested,
-- running them is not.
-----------------------------------------------------------------------------

CREATE FUNCTION jtsyq.distribute_survey_schema(target_schema name, execute boolean DEFAULT false)
RETURNS TABLE(step integer, statement text)
LANGUAGE plpgsql
VOLATILE PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $fn$
DECLARE
    l record;
    tbl text;
    stmts text[] := '{}';
    anchor text;
    i integer;
BEGIN
    IF target_schema IS NULL OR execute IS NULL THEN
        RAISE EXCEPTION 'distribute_survey_schema: target_schema and execute must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    anchor := quote_literal(format('%I.zdjbxx', target_schema));
    IF execute AND NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION 'distribute_survey_schema: Citus is not installed in this database'
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'create_distributed_table and create_reference_table are Citus functions.',
                  HINT = 'Run CREATE EXTENSION citus on the coordinator (workers added) first, or call with execute => false to get the statements.';
    END IF;

    -- the layers must be there, with the county code in the primary key
    FOR l IN SELECT * FROM jtsyq.survey_layer ORDER BY ord LOOP
        tbl := format('%I.%I', target_schema, l.layer);
        IF to_regclass(tbl) IS NULL THEN
            RAISE EXCEPTION 'distribute_survey_schema: table %.% does not exist', target_schema, l.layer
                USING ERRCODE = 'undefined_table',
                      HINT = 'Create the survey layers with jtsyq.create_survey_schema() first.';
        END IF;
        IF NOT EXISTS (SELECT FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid
                        WHERE c.conrelid = tbl::regclass AND c.contype = 'p'
                          AND a.attname = 'qxdm' AND a.attnum = ANY (c.conkey)) THEN
            RAISE EXCEPTION 'distribute_survey_schema: the primary key of %.% does not include the county code qxdm',
                            target_schema, l.layer
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Complete the schema with jtsyq.create_survey_schema(): it adds qxdm to every key.';
        END IF;
    END LOOP;

    -- 1. triggers that cannot run on a shard: they read other tables or
    --    the database-wide code counters and history
    FOR tbl, i IN
        SELECT format('DROP TRIGGER IF EXISTS %I ON %I.%I', t.tgname, target_schema, c.relname), sl.ord
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN jtsyq.survey_layer sl ON sl.layer = c.relname
         WHERE c.relnamespace = target_schema::text::regnamespace AND NOT t.tgisinternal
           AND t.tgname IN ('survey_topology', 'survey_topology_record', 'survey_code_guard')
         ORDER BY sl.ord, t.tgname
    LOOP
        stmts := stmts || tbl;
    END LOOP;
    -- the parcels' fill trigger without 宗地顺序号 allocation: on Citus a new
    -- parcel gets its code on the coordinator (jtsyq.next_zdsxh) before the
    -- INSERT, which must name its qxdm to be routed
    stmts := stmts || format('CREATE OR REPLACE TRIGGER survey_fill BEFORE INSERT OR UPDATE ON %I.zdjbxx '
                             'FOR EACH ROW EXECUTE FUNCTION jtsyq._survey_fill()', target_schema);
    -- 2. the remaining fill triggers only touch their own row
    stmts := stmts || 'SET citus.enable_unsafe_triggers TO on'::text;
    -- 3. the county outlines on every node; 4. the layers by county,
    --    co-located with the parcels
    stmts := stmts || format('SELECT create_reference_table(%L)', format('%I.xzq', target_schema));
    stmts := stmts || format('SELECT create_distributed_table(%s, %L)', anchor, 'qxdm');
    FOR l IN SELECT * FROM jtsyq.survey_layer WHERE layer NOT IN ('xzq', 'zdjbxx') ORDER BY ord LOOP
        stmts := stmts || format('SELECT create_distributed_table(%L, %L, colocate_with => %s)',
                                 format('%I.%I', target_schema, l.layer), 'qxdm', anchor);
    END LOOP;

    FOR i IN 1 .. cardinality(stmts) LOOP
        IF execute THEN
            EXECUTE stmts[i];
        END IF;
        step := i;
        statement := stmts[i];
        RETURN NEXT;
    END LOOP;
END
$fn$;

COMMENT ON FUNCTION jtsyq.distribute_survey_schema(name, boolean) IS
'The Citus statements that distribute the survey layers of target_schema (made by create_survey_schema) by county: the triggers that read other tables or the database-wide code registry dropped (topology, 不动产单元号 guard; the parcels'' fill trigger without 宗地顺序号 allocation), citus.enable_unsafe_triggers for the row-local fill triggers, xzq as a reference table, every other layer hash-distributed on qxdm (区县代码) co-located with zdjbxx. Returns them in order; with execute => true also runs them (needs the citus extension: 0A000 otherwise).';

-----------------------------------------------------------------------------
-- Privileges
--
-- CREATE EXTENSION makes schema jtsyq (jtsyq.control) and, like any new
-- schema, it grants nothing to PUBLIC; functions are executable by PUBLIC
-- (PostgreSQL's default), so without USAGE an analyst could call none of
-- them.  Readers get the schema and the reference data shipped with the
-- extension.  The registration state the extension keeps (code history,
-- 宗地顺序号 counters, recorded topology findings) is granted by the DBA to
-- the roles that write it: README.md, "Privileges", lists the grants per
-- task and sql/privileges.sql proves they suffice.
-----------------------------------------------------------------------------

GRANT USAGE ON SCHEMA jtsyq TO PUBLIC;
GRANT SELECT ON jtsyq.topology_kinds, jtsyq.survey_dictionary, jtsyq.survey_layer,
                jtsyq.survey_field TO PUBLIC;
