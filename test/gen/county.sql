/*
 * test/gen/county.sql — deterministic synthetic county generator (test-only,
 * not part of the extension).
 *
 *   \i test/gen/county.sql            -- needs CREATE EXTENSION jtsyq CASCADE
 *   SELECT jtsyq_gen.make_county('c1', 1000);              -- clean county
 *   SELECT jtsyq_gen.make_county('c2', 1000, 7,
 *            '{"overlap":2,"gap":1,"sliver":1,"self_intersection":1,
 *              "duplicate_code":1,"area_mismatch":1,"not_in_container":1}');
 *
 * Interface: /work/notes/GENERATOR_SPEC.md and README.md ("Test data
 * generator").  Everything is derived from one jittered lattice, so shared
 * boundaries are vertex-identical by construction:
 *
 *   - The county is NX x NY lattice cells.  Column c is s metres wide, row r
 *     s metres high, except narrow corridor columns/rows (a river every CP
 *     columns, a road every RP rows) that are wr metres wide.
 *   - Node (i, j) is the lattice corner between columns i-1, i and rows
 *     j-1, j, jittered by up to 20 % of the narrower adjacent column/row.
 *   - Every unit edge between two nodes carries three intermediate points
 *     (k = 1, 2, 3 at about 1/4, 1/2, 3/4, jittered along and across the
 *     edge).  Horizontal edge (i, j) runs from node (i, j) to (i+1, j),
 *     vertical edge (i, j) from node (i, j) to (i, j+1).
 *   - Every layer (county, 地籍区, 地籍子区, 村, 村民小组, 宗地) is a rectangle
 *     of cells; its ring lists every node and intermediate point on its
 *     perimeter, clockwise from the north-west corner.  Two features that
 *     share a unit edge therefore carry the same points, computed by the same
 *     IMMUTABLE functions from the same integers.
 *   - Land-use patches (地类图斑) split single cells with the cell centre
 *     and the middle point (k = 2) of each edge, so they too share every
 *     vertex with their parcel and with each other.
 *
 * Pseudo-random numbers come from hashint8extended() (PostgreSQL's seeded
 * 64-bit hash, also used by hash partitioning and therefore stable across
 * platforms and upgrades), never from random(): same seed and size, same
 * bytes.  Coordinates are rounded to the millimetre.
 */

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS jtsyq_gen CASCADE;
RESET client_min_messages;
CREATE SCHEMA jtsyq_gen;
COMMENT ON SCHEMA jtsyq_gen IS 'Synthetic county generator for tests, the demo and benchmarks (test/gen/county.sql).';

-- Functions below are created with search_path = jtsyq_gen, <postgis schema>;
-- the caller's search_path is saved and restored at the end of this file.
DO $$
BEGIN
    PERFORM pg_catalog.set_config('jtsyq_gen.saved_path', pg_catalog.current_setting('search_path'), false);
    PERFORM pg_catalog.set_config('search_path',
        'jtsyq_gen, ' || pg_catalog.quote_ident(n.nspname) || ', pg_catalog', false)
       FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname = 'postgis';
END
$$;

-- Lattice parameters of one county.
CREATE TYPE jtsyq_gen._p AS (
    seed bigint,        -- user seed
    s    float8,        -- ordinary column width = row height (m)
    wr   float8,        -- corridor (road row / river column) width (m)
    nx   integer,       -- columns of cells
    ny   integer,       -- rows of cells
    x0   float8,        -- easting of column line 0 (m, with zone prefix if any)
    y0   float8,        -- northing of row line 0 (m)
    rp   integer,       -- a road every rp rows ...
    ro   integer,       -- ... at rows with r % rp = ro
    cp   integer,       -- a river every cp columns ...
    co   integer        -- ... at columns with c % cp = co
);

/*
 * Pseudo-random number in [0, 1) for (seed, tag, a, b): 53 bits of a chain
 * of two seeded hashes, h(b, h(a, seed, tag)).  (One hash of the 64-bit
 * value a << 32 | b would not do: hashint8 folds its argument to a XOR b
 * before hashing.)  The helpers below are single-expression SQL functions
 * without SET clauses, so the planner inlines them into the set-based
 * queries; they reference pg_catalog only.
 */
CREATE FUNCTION jtsyq_gen._u(seed bigint, tag integer, a integer, b integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT ((pg_catalog.hashint4extended(b, pg_catalog.hashint4extended(a, seed * 1000003 + tag)) >> 11)
          & 9007199254740991)::float8 / 9007199254740992.0$$;

CREATE FUNCTION jtsyq_gen._colw(p jtsyq_gen._p, c integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT CASE WHEN c >= 0 AND c < (p).nx AND c % (p).cp = (p).co THEN (p).wr ELSE (p).s END$$;

CREATE FUNCTION jtsyq_gen._rowh(p jtsyq_gen._p, r integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT CASE WHEN r >= 0 AND r < (p).ny AND r % (p).rp = (p).ro THEN (p).wr ELSE (p).s END$$;

-- easting offset of column line i: i ordinary columns minus what the
-- corridor columns left of it lack
CREATE FUNCTION jtsyq_gen._colpos(p jtsyq_gen._p, i integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT i * (p).s - ((p).s - (p).wr) * (CASE WHEN i <= (p).co THEN 0 ELSE (i - 1 - (p).co) / (p).cp + 1 END)$$;

CREATE FUNCTION jtsyq_gen._rowpos(p jtsyq_gen._p, j integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT j * (p).s - ((p).s - (p).wr) * (CASE WHEN j <= (p).ro THEN 0 ELSE (j - 1 - (p).ro) / (p).rp + 1 END)$$;

-- node (i, j)
CREATE FUNCTION jtsyq_gen._nx(p jtsyq_gen._p, i integer, j integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT pg_catalog.round(((p).x0 + jtsyq_gen._colpos(p, i)
        + (2 * jtsyq_gen._u((p).seed, 1, i, j) - 1) * 0.2
          * least(jtsyq_gen._colw(p, i - 1), jtsyq_gen._colw(p, i))) * 1000) / 1000$$;

CREATE FUNCTION jtsyq_gen._ny(p jtsyq_gen._p, i integer, j integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT pg_catalog.round(((p).y0 + jtsyq_gen._rowpos(p, j)
        + (2 * jtsyq_gen._u((p).seed, 2, i, j) - 1) * 0.2
          * least(jtsyq_gen._rowh(p, j - 1), jtsyq_gen._rowh(p, j))) * 1000) / 1000$$;

-- intermediate point k (1..3) of horizontal edge (i, j): interpolated along
-- the edge at t, offset across it (northing) by up to 6 % of the smallest
-- adjacent cell dimension
CREATE FUNCTION jtsyq_gen._ht(p jtsyq_gen._p, i integer, j integer, k integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT k * 0.25 + (jtsyq_gen._u((p).seed, 3, i, 4 * j + k) - 0.5) * 0.1$$;

CREATE FUNCTION jtsyq_gen._hx(p jtsyq_gen._p, i integer, j integer, k integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT pg_catalog.round((jtsyq_gen._nx(p, i, j) * (1 - jtsyq_gen._ht(p, i, j, k))
        + jtsyq_gen._nx(p, i + 1, j) * jtsyq_gen._ht(p, i, j, k)) * 1000) / 1000$$;

CREATE FUNCTION jtsyq_gen._hy(p jtsyq_gen._p, i integer, j integer, k integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT pg_catalog.round((jtsyq_gen._ny(p, i, j) * (1 - jtsyq_gen._ht(p, i, j, k))
        + jtsyq_gen._ny(p, i + 1, j) * jtsyq_gen._ht(p, i, j, k)
        + (2 * jtsyq_gen._u((p).seed, 4, i, 4 * j + k) - 1) * 0.06
          * least(jtsyq_gen._colw(p, i), jtsyq_gen._rowh(p, j - 1), jtsyq_gen._rowh(p, j))) * 1000) / 1000$$;

-- intermediate point k of vertical edge (i, j), offset across it (easting)
CREATE FUNCTION jtsyq_gen._vt(p jtsyq_gen._p, i integer, j integer, k integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT k * 0.25 + (jtsyq_gen._u((p).seed, 5, i, 4 * j + k) - 0.5) * 0.1$$;

CREATE FUNCTION jtsyq_gen._vx(p jtsyq_gen._p, i integer, j integer, k integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT pg_catalog.round((jtsyq_gen._nx(p, i, j) * (1 - jtsyq_gen._vt(p, i, j, k))
        + jtsyq_gen._nx(p, i, j + 1) * jtsyq_gen._vt(p, i, j, k)
        + (2 * jtsyq_gen._u((p).seed, 6, i, 4 * j + k) - 1) * 0.06
          * least(jtsyq_gen._rowh(p, j), jtsyq_gen._colw(p, i - 1), jtsyq_gen._colw(p, i))) * 1000) / 1000$$;

CREATE FUNCTION jtsyq_gen._vy(p jtsyq_gen._p, i integer, j integer, k integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT pg_catalog.round((jtsyq_gen._ny(p, i, j) * (1 - jtsyq_gen._vt(p, i, j, k))
        + jtsyq_gen._ny(p, i, j + 1) * jtsyq_gen._vt(p, i, j, k)) * 1000) / 1000$$;

-- centre of cell (i, j): mean of its corners, jittered by up to 5 %
CREATE FUNCTION jtsyq_gen._cx(p jtsyq_gen._p, i integer, j integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT pg_catalog.round(((jtsyq_gen._nx(p, i, j) + jtsyq_gen._nx(p, i + 1, j)
         + jtsyq_gen._nx(p, i + 1, j + 1) + jtsyq_gen._nx(p, i, j + 1)) / 4
        + (2 * jtsyq_gen._u((p).seed, 7, i, j) - 1) * 0.05
          * least(jtsyq_gen._colw(p, i), jtsyq_gen._rowh(p, j))) * 1000) / 1000$$;

CREATE FUNCTION jtsyq_gen._cy(p jtsyq_gen._p, i integer, j integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT pg_catalog.round(((jtsyq_gen._ny(p, i, j) + jtsyq_gen._ny(p, i + 1, j)
         + jtsyq_gen._ny(p, i + 1, j + 1) + jtsyq_gen._ny(p, i, j + 1)) / 4
        + (2 * jtsyq_gen._u((p).seed, 8, i, j) - 1) * 0.05
          * least(jtsyq_gen._colw(p, i), jtsyq_gen._rowh(p, j))) * 1000) / 1000$$;

-- any lattice point: kind 0 node, 1 horizontal-edge point, 2 vertical-edge
-- point, 3 cell centre
CREATE FUNCTION jtsyq_gen._x(p jtsyq_gen._p, kind integer, i integer, j integer, k integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT CASE kind WHEN 0 THEN jtsyq_gen._nx(p, i, j) WHEN 1 THEN jtsyq_gen._hx(p, i, j, k)
                   WHEN 2 THEN jtsyq_gen._vx(p, i, j, k) ELSE jtsyq_gen._cx(p, i, j) END$$;

CREATE FUNCTION jtsyq_gen._y(p jtsyq_gen._p, kind integer, i integer, j integer, k integer)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT CASE kind WHEN 0 THEN jtsyq_gen._ny(p, i, j) WHEN 1 THEN jtsyq_gen._hy(p, i, j, k)
                   WHEN 2 THEN jtsyq_gen._vy(p, i, j, k) ELSE jtsyq_gen._cy(p, i, j) END$$;

/*
 * The points of the ring of cell rectangle [c0, c1) x [r0, r1), clockwise
 * from the north-west node: along the top eastwards, down the east side,
 * along the bottom westwards, up the west side, closing point last.
 */
CREATE FUNCTION jtsyq_gen._ring_pts(c0 integer, c1 integer, r0 integer, r1 integer,
                                    OUT o integer, OUT kind integer, OUT i integer, OUT j integer, OUT k integer)
RETURNS SETOF record LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT o,
       CASE WHEN q = 0 THEN 0 WHEN side IN (0, 2) THEN 1 ELSE 2 END,
       CASE side WHEN 0 THEN c0 + e
                 WHEN 1 THEN c1
                 WHEN 2 THEN c1 - 1 - e + (CASE WHEN q = 0 THEN 1 ELSE 0 END)
                 WHEN 3 THEN c0
                 ELSE c0 END,
       CASE side WHEN 0 THEN r1
                 WHEN 1 THEN r1 - 1 - e + (CASE WHEN q = 0 THEN 1 ELSE 0 END)
                 WHEN 2 THEN r0
                 WHEN 3 THEN r0 + e
                 ELSE r1 END,
       CASE WHEN q = 0 OR side = 4 THEN 0 WHEN side IN (0, 3) THEN q ELSE 4 - q END
  FROM (SELECT o, o % 4 AS q,
               CASE WHEN o / 4 < c1 - c0 THEN 0
                    WHEN o / 4 < (c1 - c0) + (r1 - r0) THEN 1
                    WHEN o / 4 < 2 * (c1 - c0) + (r1 - r0) THEN 2
                    WHEN o / 4 < 2 * (c1 - c0) + 2 * (r1 - r0) THEN 3
                    ELSE 4 END AS side,
               CASE WHEN o / 4 < c1 - c0 THEN o / 4
                    WHEN o / 4 < (c1 - c0) + (r1 - r0) THEN o / 4 - (c1 - c0)
                    WHEN o / 4 < 2 * (c1 - c0) + (r1 - r0) THEN o / 4 - (c1 - c0) - (r1 - r0)
                    ELSE o / 4 - 2 * (c1 - c0) - (r1 - r0) END AS e
          FROM pg_catalog.generate_series(0, 8 * ((c1 - c0) + (r1 - r0))) AS o) s
$$;

/*
 * SQL text of the polygon of cell rectangle (c0, c1, r0, r1) — given as SQL
 * expressions — for lattice literal pl.  make_county splices the lattice
 * parameters into its statements as a constant: the planner then folds them
 * and inlines the helpers above into plain expressions (a _p column or
 * parameter would be re-read field by field at every use, and a SQL
 * function wrapping this would not be inlined — both are ~50x slower).
 * OFFSET 0 keeps the point list a subquery so that its columns stay simple
 * Vars, which the inliner requires of arguments used more than once.
 */
CREATE FUNCTION jtsyq_gen._rect_sql(pl text, srid integer, c0 text, c1 text, r0 text, r1 text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT format('ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY('
                'SELECT ST_MakePoint(jtsyq_gen._x(%1$s, q.kind, q.i, q.j, q.k), jtsyq_gen._y(%1$s, q.kind, q.i, q.j, q.k)) '
                'FROM (SELECT * FROM jtsyq_gen._ring_pts(%3$s, %4$s, %5$s, %6$s) OFFSET 0) q ORDER BY q.o))), %2$s)',
                pl, srid, c0, c1, r0, r1)$$;

/*
 * Land-use patch patterns of one cell.  Local points 0..16: corners SW SE NE
 * NW (0-3), bottom edge B1-B3 (4-6), top T1-T3 (7-9), left L1-L3 (10-12),
 * right R1-R3 (13-15), centre C (16).  Rings are clockwise, not closed.
 */
CREATE TABLE jtsyq_gen._pattern (pat integer, part integer, pts integer[], PRIMARY KEY (pat, part));
INSERT INTO jtsyq_gen._pattern VALUES
  (0, 1, '{3,7,8,9,2,15,14,13,1,6,5,4,0,10,11,12}'),       -- whole cell
  (1, 1, '{3,7,8,16,5,4,0,10,11,12}'),                     -- west half
  (1, 2, '{8,9,2,15,14,13,1,6,5,16}'),                     -- east half
  (2, 1, '{3,7,8,9,2,15,14,16,11,12}'),                    -- north half
  (2, 2, '{11,16,14,13,1,6,5,4,0,10}'),                    -- south half
  (3, 1, '{3,7,8,16,5,4,0,10,11,12}'),                     -- west half
  (3, 2, '{8,9,2,15,14,16}'),                              -- NE quarter
  (3, 3, '{16,14,13,1,6,5}'),                              -- SE quarter
  (4, 1, '{3,7,8,9,2,15,14,16,11,12}'),                    -- north half
  (4, 2, '{11,16,5,4,0,10}'),                              -- SW quarter
  (4, 3, '{16,14,13,1,6,5}'),                              -- SE quarter
  (5, 1, '{3,7,8,16,11,12}'),                              -- NW quarter
  (5, 2, '{8,9,2,15,14,16}'),                              -- NE quarter
  (5, 3, '{16,14,13,1,6,5}'),                              -- SE quarter
  (5, 4, '{11,16,5,4,0,10}');                              -- SW quarter

-- SQL text of the polygon of part pts of cell (c, r), as _rect_sql
CREATE FUNCTION jtsyq_gen._patch_sql(pl text, srid integer, c text, r text, pts text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT format('ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY('
                'SELECT ST_MakePoint(jtsyq_gen._x(%1$s, q.kd, q.i, q.j, q.kk), jtsyq_gen._y(%1$s, q.kd, q.i, q.j, q.kk)) '
                'FROM (SELECT u.o, (''{0,0,0,0,1,1,1,1,1,1,2,2,2,2,2,2,3}''::int[])[u.l + 1] AS kd, '
                '%3$s + (''{0,1,1,0,0,0,0,0,0,0,0,0,0,1,1,1,0}''::int[])[u.l + 1] AS i, '
                '%4$s + (''{0,0,1,1,0,0,0,1,1,1,0,0,0,0,0,0,0}''::int[])[u.l + 1] AS j, '
                '(''{0,0,0,0,1,2,3,1,2,3,1,2,3,1,2,3,0}''::int[])[u.l + 1] AS kk '
                'FROM unnest(%5$s || (%5$s)[1]) WITH ORDINALITY AS u(l, o) OFFSET 0) q ORDER BY q.o))), %2$s)',
                pl, srid, c, r, pts)$$;

/*
 * 2023 land-use codes the generator uses (国土空间调查、规划、用途管制用地用海
 * 分类, 自然资发〔2023〕234号; names as in shared/domain/landuse/yydh2023.tsv)
 * and, per land class, a weighted list drawn from by hash.
 */
CREATE TABLE jtsyq_gen.dlbm (dlbm text PRIMARY KEY, dlmc text NOT NULL);
INSERT INTO jtsyq_gen.dlbm VALUES
  ('0101', '水田'), ('0102', '水浇地'), ('0103', '旱地'), ('0201', '果园'),
  ('0301', '乔木林地'), ('0303', '灌木林地'), ('0304', '其他林地'),
  ('0401', '天然牧草地'), ('0403', '其他草地'), ('0506', '内陆滩涂'),
  ('060101', '村道用地'), ('060102', '田间道'), ('060201', '种植设施建设用地'),
  ('060202', '畜禽养殖设施建设用地'), ('070301', '一类农村宅基地'), ('0704', '农村社区服务设施用地'),
  ('0801', '机关团体用地'), ('080403', '中小学用地'), ('1202', '公路用地'),
  ('1207', '城镇村道路用地'), ('1701', '河流水面'), ('1704', '坑塘水面'), ('1705', '沟渠'),
  ('2303', '田坎'), ('2304', '盐碱地'), ('2305', '沙地'), ('2306', '裸土地'), ('2307', '裸岩石砾地');

CREATE TABLE jtsyq_gen._landuse (class text PRIMARY KEY, codes text[] NOT NULL);
INSERT INTO jtsyq_gen._landuse
SELECT class, array_agg(code ORDER BY code, g)
  FROM (VALUES
    -- farmland of a 村民小组 (weights out of 100)
    ('farm', '0102', 24), ('farm', '0103', 14), ('farm', '0101', 5), ('farm', '0201', 5),
    ('farm', '0301', 5), ('farm', '0303', 3), ('farm', '0304', 3), ('farm', '0401', 2),
    ('farm', '0403', 6), ('farm', '060101', 2), ('farm', '060102', 3), ('farm', '060201', 2),
    ('farm', '060202', 1), ('farm', '070301', 6), ('farm', '1704', 2), ('farm', '1705', 4),
    ('farm', '2303', 4), ('farm', '2304', 3), ('farm', '2305', 2), ('farm', '2306', 2),
    ('farm', '0506', 1), ('farm', '1207', 1),
    -- village (村本级) land
    ('cun', '070301', 40), ('cun', '0704', 20), ('cun', '080403', 10), ('cun', '1207', 10),
    ('cun', '0102', 15), ('cun', '060201', 5),
    -- township collective land
    ('xiang', '0801', 40), ('xiang', '0704', 30), ('xiang', '0102', 30),
    -- state land used by a collective (GY)
    ('gy', '0301', 40), ('gy', '1705', 30), ('gy', '0403', 20), ('gy', '0304', 10),
    -- disputed land
    ('disputed', '0403', 40), ('disputed', '0303', 30), ('disputed', '2307', 20), ('disputed', '0506', 10),
    ('road', '1202', 100),
    ('river', '1701', 100)) v(class, code, weight),
    LATERAL generate_series(1, weight) g
 GROUP BY class;

-- Chinese numerals 1..99 for 村民小组 names (第一 .. 第九十九)
CREATE FUNCTION jtsyq_gen._cn(n integer)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT CASE WHEN n < 10 THEN ('{零,一,二,三,四,五,六,七,八,九}'::text[])[n + 1]
              ELSE CASE WHEN n < 20 THEN '' ELSE ('{零,一,二,三,四,五,六,七,八,九}'::text[])[n / 10 + 1] END
                   || '十' || CASE WHEN n % 10 = 0 THEN '' ELSE ('{零,一,二,三,四,五,六,七,八,九}'::text[])[n % 10 + 1] END
         END$$;

-- place names: the n-th township / village name (unique for n < 400 / 900)
CREATE FUNCTION jtsyq_gen._name(n integer, kind text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$SELECT CASE kind
  WHEN 'xz' THEN a1[n % 20 + 1] || a2[(n / 20 + n) % 20 + 1]
                 || CASE WHEN n >= 400 THEN (n / 400 + 1)::text ELSE '' END
                 || CASE WHEN n % 3 = 2 THEN '乡' ELSE '镇' END
  ELSE b1[n % 30 + 1] || b2[(n / 30 + n) % 30 + 1]
       || CASE WHEN n >= 900 THEN (n / 900 + 1)::text ELSE '' END || '村' END
  FROM (SELECT '{金,洪,立,常,习,暖,丰,南,北,东,西,新,永,兴,红,黄,清,胜,和,德}'::text[] AS a1,
               '{岗,广,信,泉,渠,堡,湖,山,河,川,原,沟,台,塘,宁,安,庄,乐,平,桥}'::text[] AS a2,
               '{光,明,星,火,联,合,团,结,幸,福,先,锋,胜,利,前,进,新,华,民,乐,友,爱,金,山,银,河,富,强,建,设}'::text[] AS b1,
               '{荣,星,丰,塘,沟,湾,堡,井,桥,营,台,滩,庄,园,渠,坪,寨,林,闸,湖,墩,坝,岭,店,口,屯,集,湾,圈,泉}'::text[] AS b2) s$$;

/*
 * Replace vertex v of a polygon's exterior ring by the points repl (in
 * ring order).  Used to seed faults; v must not be the ring's first point.
 */
CREATE FUNCTION jtsyq_gen._replace_vertex(g geometry, v geometry, repl geometry[])
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT AS
$$
SELECT ST_MakePolygon(ST_MakeLine(array_agg(ST_SetSRID(q, ST_SRID(g)) ORDER BY d.path[1], r.o)))
  FROM ST_DumpPoints(ST_ExteriorRing(g)) d,
       LATERAL unnest(CASE WHEN ST_X(d.geom) = ST_X(v) AND ST_Y(d.geom) = ST_Y(v) THEN repl
                           ELSE ARRAY[d.geom] END) WITH ORDINALITY AS r(q, o)
$$;

CREATE FUNCTION jtsyq_gen._pt(x float8, y float8)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT AS
$$SELECT ST_MakePoint(round(x * 1000) / 1000, round(y * 1000) / 1000)$$;

-- progress report when jtsyq_gen.debug = on: time since the previous tick
CREATE FUNCTION jtsyq_gen._tick(step text)
RETURNS void LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    prev text := pg_catalog.current_setting('jtsyq_gen.tick', true);
BEGIN
    IF pg_catalog.current_setting('jtsyq_gen.debug', true) = 'on' AND coalesce(prev, '') <> '' THEN
        RAISE WARNING 'make_county: % %', step, pg_catalog.clock_timestamp() - prev::timestamptz;
    END IF;
    PERFORM pg_catalog.set_config('jtsyq_gen.tick', pg_catalog.clock_timestamp()::text, false);
END
$$;

/*
 * make_county(target, parcels, seed, faults, srid, xzqdm): (re)create schema
 * target and fill it with a county of about `parcels` parcels (all kinds).
 * Returns a summary (counts per layer and kind, lattice size).
 */
CREATE FUNCTION jtsyq_gen.make_county(
    target name,
    parcels integer,
    seed integer DEFAULT 1,
    faults jsonb DEFAULT '{}',
    srid integer DEFAULT 4523,
    xzqdm text DEFAULT '640122')
RETURNS jsonb LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path FROM CURRENT
SET client_min_messages = warning
SET work_mem = '64MB'
SET jit = off
AS $fn$
DECLARE
    zqw   CONSTANT integer := 10;    -- cells per 地籍子区, east-west
    zqh   CONSTANT integer := 8;     -- cells per 地籍子区, north-south
    per_zq float8;                  -- parcels per 地籍子区, measured (for sizing)
    kinds CONSTANT text[] := '{overlap,gap,sliver,self_intersection,duplicate_code,area_mismatch,not_in_container}';
    p    jtsyq_gen._p;
    crs  record;
    fs   record;
    key  text;
    want jsonb := '{}';
    nwant integer := 0;
    navail integer;
    nz integer; nzx integer; nzy integer; blk integer; nbx integer; nby integer;
    ndisp integer;
    gis  text;
    pl   text;               -- p as a SQL literal
    vx float8; vy float8; ax float8; ay float8; dx float8; dy float8; len float8; ex float8; ey float8;
    v geometry; vp geometry; vn geometry; nv geometry;
    newid integer;
    result jsonb;
BEGIN
    ------------------------------------------------------------------
    -- arguments
    ------------------------------------------------------------------
    IF target IS NULL OR parcels IS NULL OR seed IS NULL OR faults IS NULL OR srid IS NULL OR xzqdm IS NULL THEN
        RAISE EXCEPTION 'make_county: arguments must not be NULL' USING ERRCODE = '22004';
    END IF;
    IF target ~ '^pg_' OR target IN ('public', 'information_schema', 'jtsyq', 'jtsyq_gen')
       OR EXISTS (SELECT 1 FROM pg_extension e WHERE e.extnamespace::regnamespace::name = target) THEN
        RAISE EXCEPTION 'make_county: refusing to replace schema "%"', target USING ERRCODE = '22023',
              HINT = 'Give a schema of its own; make_county drops and recreates it.';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = target)
       AND to_regclass(quote_ident(target) || '.gen_info') IS NULL THEN
        RAISE EXCEPTION 'make_county: schema "%" exists and was not made by make_county', target
              USING ERRCODE = '22023', HINT = 'Drop it yourself or choose another name.';
    END IF;
    IF parcels < 100 OR parcels > 1000000 THEN
        RAISE EXCEPTION 'make_county: parcels must be between 100 and 1000000, not %', parcels
              USING ERRCODE = '22023';
    END IF;
    IF xzqdm !~ '^[1-8][0-9]{5}$' THEN
        RAISE EXCEPTION 'make_county: xzqdm must be a 6-digit county code, not "%"', xzqdm USING ERRCODE = '22023';
    END IF;
    -- the extension's own rule (a GB/T 2260 province), on a code that is
    -- valid in every other part, so that every generated bdcdyh is valid
    IF NOT jtsyq.bdcdyh_is_valid(xzqdm || '001001JA00001W00000000') THEN
        RAISE EXCEPTION 'make_county: xzqdm "%" does not start with a province code of GB/T 2260', xzqdm
              USING ERRCODE = '22023',
                    HINT = 'Provinces are 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81 and 82.';
    END IF;
    IF jsonb_typeof(faults) <> 'object' THEN
        RAISE EXCEPTION 'make_county: faults must be a JSON object such as {"overlap": 2}' USING ERRCODE = '22023';
    END IF;
    FOR key IN SELECT jsonb_object_keys(faults) LOOP
        IF NOT key = ANY (kinds) THEN
            RAISE EXCEPTION 'make_county: unknown fault kind "%"', key USING ERRCODE = '22023',
                  HINT = 'Known kinds: ' || array_to_string(kinds, ', ') || '.';
        END IF;
        IF jsonb_typeof(faults -> key) <> 'number' OR (faults ->> key)::numeric <> trunc((faults ->> key)::numeric)
           OR (faults ->> key)::numeric < 0 OR (faults ->> key)::numeric > 100000 THEN
            RAISE EXCEPTION 'make_county: fault count for "%" must be an integer 0..100000, not %', key, faults -> key
                  USING ERRCODE = '22023';
        END IF;
    END LOOP;
    FOREACH key IN ARRAY kinds LOOP
        want := want || jsonb_build_object(key, coalesce((faults ->> key)::integer, 0));
        nwant := nwant + coalesce((faults ->> key)::integer, 0);
    END LOOP;
    SELECT * INTO crs FROM jtsyq.srid_info(srid);
    IF NOT coalesce(crs.is_gauss_kruger, false) THEN
        RAISE EXCEPTION 'make_county: SRID % is not a Gauss-Kruger projection', srid USING ERRCODE = '22023',
              HINT = 'Use a CGCS2000 Gauss-Kruger SRID such as 4523 (3-degree zone 35).';
    END IF;

    ------------------------------------------------------------------
    -- size: nzx x nzy 地籍子区 of zqw x zqh cells, grouped blk x blk into 地籍区
    ------------------------------------------------------------------
    -- measured parcels per 子区 (more road and river crossings in larger counties)
    per_zq := CASE WHEN parcels < 5000 THEN 23.5 ELSE 24.0 END;
    nz  := greatest(6, round(parcels / per_zq));
    nzx := greatest(2, round(sqrt(nz / 1.25)));
    nzy := greatest(3, round(nz::float8 / nzx));
    blk := greatest(3, ceil(sqrt(nz / 400.0)));
    nbx := ceil(nzx::float8 / blk);
    nby := ceil(nzy::float8 / blk);
    p.seed := seed;
    p.nx := nzx * zqw;
    p.ny := nzy * zqh;
    p.s  := round(least(300.0, 80000.0 / greatest(p.nx, p.ny))::numeric, 1);
    p.wr := round(least(40.0, p.s / 3)::numeric, 1);
    p.x0 := crs.false_easting + 40000;
    p.y0 := 4250000;
    p.rp := 37;
    p.ro := 1 + floor(_u(seed, 40, 0, 0) * (least(p.rp, p.ny - 1) - 1));
    p.cp := 53;
    p.co := 1 + floor(_u(seed, 41, 0, 0) * (least(p.cp, p.nx - 1) - 1));
    ndisp := greatest(1, round(parcels / 2000.0));
    pl := format('%L::jtsyq_gen._p', p);

    PERFORM _tick('start');
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', target);
    EXECUTE format('CREATE SCHEMA %I', target);
    SELECT quote_ident(n.nspname) INTO gis
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis';
    PERFORM set_config('search_path', quote_ident(target) || ', jtsyq_gen, ' || gis || ', pg_catalog', true);

    ------------------------------------------------------------------
    -- 地籍子区 (= 行政村), numbered from the north-west inside their 地籍区
    ------------------------------------------------------------------
    CREATE TABLE _zq AS
    SELECT a.zid, a.zx, a.zy, a.bxi, a.byi, b.djq_no, b.zq_no,
           xzqdm || lpad(b.djq_no::text, 3, '0') AS djqdm,
           xzqdm || lpad(b.djq_no::text, 3, '0') || lpad(b.zq_no::text, 3, '0') AS djzqdm,
           xzqdm || lpad((100 + b.djq_no)::text, 3, '0') AS xzdm,
           xzqdm || lpad((100 + b.djq_no)::text, 3, '0') || lpad((200 + b.zq_no)::text, 3, '0') AS cundm,
           _name(CASE WHEN nbx * nby <= 400 THEN (b.djq_no - 1 + seed * 13) % 400 ELSE b.djq_no - 1 END, 'xz') AS xzmc,
           _name((b.zq_no - 1 + 7 * b.djq_no + seed) % 900, 'cun') AS cunmc
      FROM (SELECT zy * nzx + zx AS zid, zx, zy, zx / blk AS bxi, zy / blk AS byi
              FROM generate_series(0, nzx - 1) zx, generate_series(0, nzy - 1) zy) a,
           LATERAL (SELECT (nby - 1 - a.byi) * nbx + a.bxi + 1 AS djq_no,
                           (least(blk, nzy - a.byi * blk) - 1 - (a.zy - a.byi * blk)) * least(blk, nzx - a.bxi * blk)
                           + (a.zx - a.bxi * blk) + 1 AS zq_no) b;

    -- rows of a 子区 grouped into bands (a road row is a band of its own);
    -- 村民小组 = one ordinary band, numbered from the north, plus the road
    -- band below it (the road at the top joins 第一组)
    CREATE TABLE _band AS
    WITH rw AS (
        SELECT z.zid, z.zx, lr, z.zy * zqh + lr AS r, ((z.zy * zqh + lr) % p.rp = p.ro) AS road
          FROM _zq z, generate_series(0, zqh - 1) lr),
    st AS (
        SELECT rw.*, (lr = 0 OR road OR coalesce(lag(road) OVER w, false)
                      OR _u(seed, 10, zid, lr) < 0.45)::integer AS starts
          FROM rw WINDOW w AS (PARTITION BY zid ORDER BY lr)),
    nb AS (
        SELECT st.*, sum(starts) OVER (PARTITION BY zid ORDER BY lr) AS band_no FROM st),
    b AS (
        SELECT zid, zx, band_no::integer AS band_no, min(r) AS r0, max(r) + 1 AS r1, bool_or(road) AS road
          FROM nb GROUP BY zid, zx, band_no)
    SELECT b.*, greatest(1, sum((NOT road)::integer) OVER (PARTITION BY zid ORDER BY band_no DESC))::integer AS zu_no
      FROM b;

    -- bands cut into runs of cells: the parcels.  A road band is one parcel;
    -- a river column is a parcel of its own in every other band.
    CREATE TABLE _run AS
    WITH cl AS (
        SELECT b.*, lc, b.zx * zqw + lc AS c, ((b.zx * zqw + lc) % p.cp = p.co) AS river
          FROM _band b, generate_series(0, zqw - 1) lc),
    st AS (
        SELECT cl.*, (lc = 0 OR (NOT road AND (river OR coalesce(lag(river) OVER w, false)
                                                OR _u(seed, 11, zid, band_no * 16 + lc) < 0.5)))::integer AS starts
          FROM cl WINDOW w AS (PARTITION BY zid, band_no ORDER BY lc)),
    nr AS (
        SELECT st.*, sum(starts) OVER (PARTITION BY zid, band_no ORDER BY lc) AS run_no FROM st)
    SELECT zid, zx, band_no, run_no::integer AS run_no, zu_no, min(c) AS c0, max(c) + 1 AS c1, r0, r1,
           CASE WHEN road THEN 'road' WHEN bool_or(river) THEN 'river' ELSE 'normal' END AS ptype,
           band_no * 16 + run_no::integer AS pkey
      FROM nr GROUP BY zid, zx, band_no, run_no, zu_no, r0, r1, road;

    -- flying land between village x and its eastern neighbour y: a parcel in
    -- the west half of x owned by y's 第一组 (kind flying_in) and a parcel in
    -- the east half of y owned by x's 第一组 (kind flying_out); disputed land
    -- (争议区): one parcel in each of ndisp villages
    CREATE TABLE _pair AS
    SELECT z.zid AS x, z.zid + 1 AS y FROM _zq z
     WHERE z.zx < nzx - 1 AND (z.zid = 0 OR _u(seed, 21, z.zid, 0) < 0.12);
    CREATE TABLE _pick AS
    SELECT DISTINCT ON (pr.x) d.zid, d.pkey, 'flying_in'::text AS kind, pr.y AS owner_zid
      FROM _pair pr JOIN _run d ON d.zid = pr.x AND d.ptype = 'normal' AND d.c1 <= d.zx * zqw + zqw / 2
     ORDER BY pr.x, _u(seed, 22, d.zid, d.pkey);
    INSERT INTO _pick
    SELECT DISTINCT ON (pr.y) d.zid, d.pkey, 'flying_out', pr.x
      FROM _pair pr JOIN _run d ON d.zid = pr.y AND d.ptype = 'normal' AND d.c0 >= d.zx * zqw + zqw / 2
     ORDER BY pr.y, _u(seed, 26, d.zid, d.pkey);
    INSERT INTO _pick
    SELECT DISTINCT ON (d.zid) d.zid, d.pkey, 'disputed', NULL
      FROM (SELECT zid FROM _zq ORDER BY _u(seed, 23, zid, 0) LIMIT ndisp) v
      JOIN _run d ON d.zid = v.zid AND d.ptype = 'normal'
     WHERE NOT EXISTS (SELECT 1 FROM _pick k WHERE k.zid = d.zid AND k.pkey = d.pkey)
     ORDER BY d.zid, _u(seed, 24, d.zid, d.pkey);

    -- every parcel's kind and owner.  Road and river strips: state land (GA).
    -- The others by hash: 村本级 (6 %), 乡镇 collective (1 %), state land used
    -- by the 村民小组 (GY, 3 %), otherwise the 村民小组's own land.
    CREATE TABLE _own AS
    SELECT r.zid, r.pkey, r.zx, r.zu_no, r.c0, r.c1, r.r0, r.r1, r.ptype,
           CASE WHEN r.ptype <> 'normal' THEN 'state' WHEN k.kind IS NOT NULL THEN k.kind
                WHEN h.u >= 0.07 AND h.u < 0.10 THEN 'state' ELSE 'collective' END AS kind,
           CASE WHEN r.ptype <> 'normal' THEN 'GA' WHEN k.kind = 'disputed' THEN 'ZW' WHEN k.kind IS NOT NULL THEN 'JA'
                WHEN h.u >= 0.07 AND h.u < 0.10 THEN 'GY' ELSE 'JA' END AS zdtzm,
           CASE WHEN r.ptype <> 'normal' THEN 'state' WHEN k.kind = 'disputed' THEN 'none' WHEN k.kind IS NOT NULL THEN 'zu'
                WHEN h.u < 0.06 THEN 'cun' WHEN h.u < 0.07 THEN 'xiang' WHEN h.u < 0.10 THEN 'state' ELSE 'zu' END AS owner_level,
           CASE WHEN r.ptype <> 'normal' OR k.kind = 'disputed' THEN NULL WHEN k.kind IS NOT NULL THEN k.owner_zid
                ELSE r.zid END AS owner_zid,
           CASE WHEN r.ptype <> 'normal' OR k.kind = 'disputed' THEN NULL WHEN k.kind IS NOT NULL THEN 1
                WHEN h.u < 0.07 THEN NULL ELSE r.zu_no END AS owner_zu,
           CASE WHEN r.ptype <> 'normal' THEN r.ptype WHEN k.kind = 'disputed' THEN 'disputed' WHEN k.kind IS NOT NULL THEN 'farm'
                WHEN h.u < 0.06 THEN 'cun' WHEN h.u < 0.07 THEN 'xiang' WHEN h.u < 0.10 THEN 'gy' ELSE 'farm' END AS cls,
           r.ptype <> 'normal' OR coalesce(k.kind = 'disputed', false) OR _u(seed, 25, r.zid, r.pkey) < 0.2 AS single
      FROM _run r
      LEFT JOIN _pick k ON k.zid = r.zid AND k.pkey = r.pkey
      CROSS JOIN LATERAL (SELECT _u(seed, 20, r.zid, r.pkey) AS u) h;

    ------------------------------------------------------------------
    -- parcels: ids and codes in 地籍区, 子区, north-west-first order;
    -- 宗地顺序号 per 子区 and 特征码
    ------------------------------------------------------------------
    PERFORM _tick('layout');
    CREATE TABLE _zd0 AS
    SELECT row_number() OVER (ORDER BY z.djq_no, z.zq_no, r.r1 DESC, r.c0)::integer AS id,
           z.djzqdm || r.zdtzm
             || lpad(row_number() OVER (PARTITION BY z.djzqdm, r.zdtzm ORDER BY r.r1 DESC, r.c0)::text, 5, '0') AS zddm,
           r.zdtzm, r.kind,
           CASE r.owner_level
               WHEN 'zu' THEN o.cunmc || '第' || _cn(r.owner_zu) || '村民小组农民集体'
               WHEN 'cun' THEN o.cunmc || '农民集体'
               WHEN 'xiang' THEN z.xzmc || '农民集体'
               WHEN 'state' THEN CASE WHEN r.zdtzm = 'GY' THEN o.cunmc || '第' || _cn(r.owner_zu) || '村民小组农民集体'
                                      ELSE '国家' END
               ELSE z.cunmc || '与' || nb.cunmc || '争议地' END AS qlr,
           CASE WHEN r.owner_level IN ('zu', 'cun') OR r.zdtzm = 'GY' THEN o.cundm END AS cundm,
           CASE WHEN r.owner_zu IS NOT NULL THEN o.cundm || lpad(r.owner_zu::text, 2, '0') END AS zudm,
           z.djzqdm, z.cundm AS zl_cundm, z.cundm || lpad(r.zu_no::text, 2, '0') AS zl_zudm, r.owner_level,
           r.zid, r.c0, r.c1, r.r0, r.r1, r.cls, r.single, r.ptype
      FROM _own r
      JOIN _zq z ON z.zid = r.zid
      LEFT JOIN _zq o ON o.zid = r.owner_zid
      LEFT JOIN _zq nb ON nb.zid = CASE WHEN r.zid % nzx < nzx - 1 THEN r.zid + 1 ELSE r.zid - 1 END;
    PERFORM _tick('zd attributes');
    EXECUTE format('CREATE TABLE _zd AS SELECT z.*, %s AS geom FROM (SELECT * FROM _zd0 ORDER BY id) z',
                   _rect_sql(pl, srid, 'z.c0', 'z.c1', 'z.r0', 'z.r1'));
    PERFORM _tick('zd rings');
    ALTER TABLE _zd ADD PRIMARY KEY (id);
    -- ea: the recorded area of a parcel whose ring a fault made invalid
    -- (jtsyq.ellipsoid_area refuses such rings), taken before the fault
    ALTER TABLE _zd ADD COLUMN ea float8;
    DROP TABLE _zd0;

    -- land-use patches: a single-patch parcel is one patch; otherwise each
    -- cell is split by one of the patterns in jtsyq_gen._pattern
    EXECUTE format($s$
    CREATE TABLE _tb AS
    SELECT k.id, k.zd_id, k.dlbm,
           CASE WHEN k.pts IS NULL THEN (SELECT d.geom FROM _zd d WHERE d.id = k.zd_id) ELSE %2$s END AS geom
      FROM (SELECT row_number() OVER (ORDER BY zd_id, r DESC, c, part)::integer AS id, x.*
              FROM (SELECT d.id AS zd_id, d.r0 AS r, d.c0 AS c, 0 AS part, NULL::integer[] AS pts,
                           l.codes[1 + floor(_u(%1$s, 14, d.c0, d.r0) * array_length(l.codes, 1))::integer] AS dlbm
                      FROM _zd d JOIN _landuse l ON l.class = d.cls
                     WHERE d.single
                    UNION ALL
                    SELECT d.id, c.r, c.c, pt.part, pt.pts,
                           l.codes[1 + floor(_u(%1$s, 13, c.c, c.r * 8 + pt.part) * array_length(l.codes, 1))::integer]
                      FROM _zd d
                      JOIN _landuse l ON l.class = d.cls
                      CROSS JOIN LATERAL (
                            SELECT gc AS c, gr AS r, _u(%1$s, 12, gc, gr) AS u
                              FROM generate_series(d.c0, d.c1 - 1) gc, generate_series(d.r0, d.r1 - 1) gr) c
                      JOIN _pattern pt ON pt.pat = CASE WHEN c.u < 0.35 THEN 0 WHEN c.u < 0.5 THEN 1 WHEN c.u < 0.65 THEN 2
                                                        WHEN c.u < 0.75 THEN 3 WHEN c.u < 0.85 THEN 4 ELSE 5 END
                     WHERE NOT d.single) x) k$s$, seed, _patch_sql(pl, srid, 'k.c', 'k.r', 'k.pts'));

    ------------------------------------------------------------------
    -- seeded faults, each in a 地籍子区 of its own so none touches another.
    -- A fault site is parcel a (a 村民小组's ordinary parcel) and the parcel b
    -- east of a's south-east cell in the same 子区; the moved vertex v is the
    -- first intermediate point of their shared edge, which no other parcel
    -- and only one patch of each has.  not_in_container uses a parcel on the
    -- county's north or south border and its outer edge instead.
    ------------------------------------------------------------------
    PERFORM _tick('patches');
    CREATE TABLE faults (kind text NOT NULL, layer text NOT NULL, id1 integer NOT NULL, id2 integer, note text);
    IF nwant > 0 THEN
        CREATE TABLE _site AS
        WITH cand AS (
            SELECT DISTINCT ON (a.zid) a.zid, a.id AS a_id, b.id AS b_id, a.c1 AS vi, a.r0 AS vj
              FROM _zd a JOIN _zd b ON b.zid = a.zid AND b.c0 = a.c1 AND b.r0 <= a.r0 AND a.r0 < b.r1
             WHERE a.kind = 'collective' AND a.owner_level = 'zu' AND a.ptype = 'normal'
               AND b.kind = 'collective' AND b.owner_level = 'zu' AND b.ptype = 'normal'
             ORDER BY a.zid, _u(seed, 30, a.id, 0)),
        border AS (
            SELECT DISTINCT ON (a.zid) a.zid, a.id AS a_id, a.c0 AS vi, CASE WHEN a.r1 = p.ny THEN p.ny ELSE 0 END AS vj
              FROM _zd a
             WHERE a.kind = 'collective' AND a.owner_level = 'zu' AND a.ptype = 'normal'
               AND (a.r1 = p.ny OR a.r0 = 0)
             ORDER BY a.zid, _u(seed, 33, a.id, 0)),
        nic AS (
            SELECT 'not_in_container'::text AS kind, zid, a_id, NULL::integer AS b_id, vi, vj
              FROM border ORDER BY _u(seed, 32, zid, 0) LIMIT (want ->> 'not_in_container')::integer),
        rest AS (
            SELECT c.*, row_number() OVER (ORDER BY _u(seed, 31, c.zid, 0)) AS rn
              FROM cand c WHERE c.zid NOT IN (SELECT zid FROM nic))
        SELECT * FROM nic
        UNION ALL
        SELECT CASE WHEN rn <= k1 THEN 'overlap' WHEN rn <= k2 THEN 'gap' WHEN rn <= k3 THEN 'sliver'
                    WHEN rn <= k4 THEN 'self_intersection' WHEN rn <= k5 THEN 'duplicate_code'
                    ELSE 'area_mismatch' END, zid, a_id, b_id, vi, vj
          FROM rest,
               LATERAL (SELECT (want ->> 'overlap')::integer AS k1) a1,
               LATERAL (SELECT k1 + (want ->> 'gap')::integer AS k2) a2,
               LATERAL (SELECT k2 + (want ->> 'sliver')::integer AS k3) a3,
               LATERAL (SELECT k3 + (want ->> 'self_intersection')::integer AS k4) a4,
               LATERAL (SELECT k4 + (want ->> 'duplicate_code')::integer AS k5) a5,
               LATERAL (SELECT k5 + (want ->> 'area_mismatch')::integer AS k6) a6
         WHERE rn <= k6;
        IF (SELECT count(*) FROM _site WHERE kind = 'not_in_container') < (want ->> 'not_in_container')::integer THEN
            SELECT count(DISTINCT zid) INTO navail FROM _zd WHERE r1 = p.ny OR r0 = 0;
            RAISE EXCEPTION 'make_county: % not_in_container faults requested, this county has room for at most %',
                  want ->> 'not_in_container', navail USING ERRCODE = '22023',
                  HINT = 'Each such fault needs a 地籍子区 of its own on the county border; ask for more parcels.';
        END IF;
        IF (SELECT count(*) FROM _site) < nwant THEN
            RAISE EXCEPTION 'make_county: % faults requested, this county has room for %', nwant, (SELECT count(*) FROM _site)
                  USING ERRCODE = '22023', HINT = 'Each fault needs a 地籍子区 of its own; ask for more parcels.';
        END IF;

        FOR fs IN SELECT * FROM _site ORDER BY kind, zid LOOP
            IF fs.kind = 'not_in_container' THEN
                -- v: first point of the horizontal edge on the county border
                vx := _x(p, 1, fs.vi, fs.vj, 1);  vy := _y(p, 1, fs.vi, fs.vj, 1);
                dx := _nx(p, fs.vi + 1, fs.vj) - _nx(p, fs.vi, fs.vj);
                dy := _ny(p, fs.vi + 1, fs.vj) - _ny(p, fs.vi, fs.vj);
                len := sqrt(dx * dx + dy * dy);
                -- outward unit normal: left of the eastward edge on the north border
                ex := -dy / len * CASE WHEN fs.vj = 0 THEN -1 ELSE 1 END;
                ey :=  dx / len * CASE WHEN fs.vj = 0 THEN -1 ELSE 1 END;
                v := _pt(vx, vy);
                nv := _pt(vx + 2.0 * ex, vy + 2.0 * ey);
                UPDATE _zd SET geom = _replace_vertex(geom, v, ARRAY[nv]) WHERE id = fs.a_id;
                UPDATE _tb SET geom = _replace_vertex(geom, v, ARRAY[nv])
                 WHERE zd_id = fs.a_id AND EXISTS (SELECT 1 FROM ST_DumpPoints(_tb.geom) d
                                                   WHERE ST_X(d.geom) = vx AND ST_Y(d.geom) = vy);
                INSERT INTO faults VALUES (fs.kind, 'zd', fs.a_id, NULL,
                    'a border vertex moved 2 m out of the 地籍子区 (and the county)');
                CONTINUE;
            END IF;
            -- v: first point of the vertical edge between a and b; (ex, ey):
            -- unit normal pointing from a into b (east of a)
            vx := _x(p, 2, fs.vi, fs.vj, 1);  vy := _y(p, 2, fs.vi, fs.vj, 1);
            dx := _nx(p, fs.vi, fs.vj + 1) - _nx(p, fs.vi, fs.vj);
            dy := _ny(p, fs.vi, fs.vj + 1) - _ny(p, fs.vi, fs.vj);
            len := sqrt(dx * dx + dy * dy);
            ex := dy / len;  ey := -dx / len;
            v := _pt(vx, vy);
            CASE fs.kind
            WHEN 'overlap', 'gap', 'sliver' THEN
                nv := CASE fs.kind WHEN 'overlap' THEN _pt(vx + 0.5 * ex, vy + 0.5 * ey)
                                  WHEN 'gap' THEN _pt(vx - 0.5 * ex, vy - 0.5 * ey)
                                  ELSE _pt(vx - 0.05 * ex, vy - 0.05 * ey) END;
                UPDATE _zd SET geom = _replace_vertex(geom, v, ARRAY[nv]) WHERE id = fs.a_id;
                UPDATE _tb SET geom = _replace_vertex(geom, v, ARRAY[nv])
                 WHERE zd_id = fs.a_id AND EXISTS (SELECT 1 FROM ST_DumpPoints(_tb.geom) d
                                                   WHERE ST_X(d.geom) = vx AND ST_Y(d.geom) = vy);
                IF fs.kind = 'sliver' THEN
                    -- the 5 cm dart between a's old and new boundary becomes
                    -- a parcel of its own, with a's owner and a new 顺序号
                    vp := _pt(_x(p, 2, fs.vi, fs.vj, 2), _y(p, 2, fs.vi, fs.vj, 2));
                    vn := _pt(_nx(p, fs.vi, fs.vj), _ny(p, fs.vi, fs.vj));
                    SELECT max(id) + 1 INTO newid FROM _zd;
                    INSERT INTO _zd (id, zddm, zdtzm, kind, qlr, cundm, zudm, djzqdm, zl_cundm, zl_zudm,
                                     owner_level, geom, zid, c0, c1, r0, r1, cls, single, ptype)
                    SELECT newid, a.djzqdm || 'JA' || lpad((max(substr(m.zddm, 15)::integer) + 1)::text, 5, '0'),
                           a.zdtzm, a.kind, a.qlr, a.cundm, a.zudm, a.djzqdm, a.zl_cundm, a.zl_zudm, a.owner_level,
                           ST_SetSRID(ST_ForcePolygonCW(ST_MakePolygon(ST_MakeLine(ARRAY[vp, v, vn, nv, vp]))), srid),
                           a.zid, a.c0, a.c1, a.r0, a.r1, a.cls, true, a.ptype
                      FROM _zd a JOIN _zd m ON m.djzqdm = a.djzqdm AND m.zdtzm = 'JA'
                     WHERE a.id = fs.a_id
                     GROUP BY a.id, a.djzqdm, a.zdtzm, a.kind, a.qlr, a.cundm, a.zudm, a.zl_cundm, a.zl_zudm,
                              a.owner_level, a.zid, a.c0, a.c1, a.r0, a.r1, a.cls, a.ptype;
                    INSERT INTO _tb (id, zd_id, dlbm, geom)
                    SELECT (SELECT max(id) + 1 FROM _tb), newid, t.dlbm, z.geom
                      FROM _zd z, _tb t
                     WHERE z.id = newid AND t.zd_id = fs.a_id
                       AND EXISTS (SELECT 1 FROM ST_DumpPoints(t.geom) d WHERE ST_X(d.geom) = ST_X(nv) AND ST_Y(d.geom) = ST_Y(nv));
                    INSERT INTO faults VALUES (fs.kind, 'zd', newid, NULL,
                        format('a 5 cm wide parcel cut from parcel %s along its boundary with parcel %s', fs.a_id, fs.b_id));
                ELSE
                    INSERT INTO faults VALUES (fs.kind, 'zd', fs.a_id, fs.b_id,
                        CASE fs.kind WHEN 'overlap' THEN 'a boundary vertex of id1 moved 0.5 m into id2'
                                    ELSE 'a boundary vertex of id1 moved 0.5 m away from id2, leaving a gap' END);
                END IF;
            WHEN 'self_intersection' THEN
                -- a figure-eight loop of 0.5 m hung on v inside a: the ring
                -- crosses itself; its lobes have opposite orientation, so the
                -- signed (ST_Area) area of a does not change, and its
                -- recorded area is the ellipsoidal area of the ring before
                UPDATE _zd SET ea = jtsyq.ellipsoid_area(geom) WHERE id = fs.a_id;
                UPDATE _zd SET geom = _replace_vertex(geom, v, ARRAY[
                        v,
                        _pt(vx - 1.0 * ex, vy - 1.0 * ey),
                        _pt(vx - 0.5 * ex + 0.5 * dx / len, vy - 0.5 * ey + 0.5 * dy / len),
                        _pt(vx - 0.5 * ex - 0.5 * dx / len, vy - 0.5 * ey - 0.5 * dy / len),
                        v])
                 WHERE id = fs.a_id;
                INSERT INTO faults VALUES (fs.kind, 'zd', fs.a_id, NULL, 'a figure-eight loop on the boundary with parcel ' || fs.b_id);
            WHEN 'duplicate_code' THEN
                UPDATE _zd b SET zddm = a.zddm FROM _zd a WHERE a.id = fs.a_id AND b.id = fs.b_id;
                INSERT INTO faults VALUES (fs.kind, 'zd', fs.a_id, fs.b_id, 'id2 carries the bdcdyh and zddm of id1');
            WHEN 'area_mismatch' THEN
                INSERT INTO faults VALUES (fs.kind, 'zd', fs.a_id, NULL,
                    format('zdmj recorded %s m² more than the area of the parcel and of its patches',
                           round((1 + 49 * _u(seed, 34, fs.a_id, 0))::numeric, 2)));
            END CASE;
        END LOOP;
    END IF;

    ------------------------------------------------------------------
    PERFORM _tick('faults');
    -- the published layers.  Areas are ellipsoidal (jtsyq.ellipsoid_area,
    -- TD/T 1055: CGCS2000, 70 m densification, official rounding), as the
    -- survey records them; _za holds each parcel's rounded area
    ------------------------------------------------------------------
    CREATE TABLE _za AS SELECT id, coalesce(ea, jtsyq.ellipsoid_area(geom))::numeric AS a FROM _zd;
    ALTER TABLE _za ADD PRIMARY KEY (id);
    PERFORM _tick('zd areas');
    EXECUTE format($s$
    CREATE TABLE zd (
        id integer PRIMARY KEY,
        bdcdyh text NOT NULL,
        zddm text NOT NULL,
        zdtzm text NOT NULL,
        kind text NOT NULL,
        qlr text NOT NULL,
        cundm text,
        zudm text,
        djzqdm text NOT NULL,
        zl_cundm text NOT NULL,
        zl_zudm text NOT NULL,
        owner_level text NOT NULL,
        zdmj numeric(15,2) NOT NULL,
        geom geometry(Polygon, %1$s) NOT NULL)$s$, srid);
    INSERT INTO zd
    SELECT z.id, z.zddm || 'W00000000', z.zddm, z.zdtzm, z.kind, z.qlr, z.cundm, z.zudm, z.djzqdm, z.zl_cundm,
           z.zl_zudm, z.owner_level,
           za.a + CASE WHEN f.id1 IS NOT NULL THEN round((1 + 49 * _u(seed, 34, z.id, 0))::numeric, 2) ELSE 0 END,
           z.geom
      FROM _zd z JOIN _za za ON za.id = z.id LEFT JOIN faults f ON f.kind = 'area_mismatch' AND f.id1 = z.id
    ;

    PERFORM _tick('zd');
    -- patch areas: each ellipsoidal area (unrounded) truncated to 0.01 m²,
    -- then the cents missing to the parcel's rounded area go to the patches
    -- with the largest remainders (ties: larger patch, lower id), so that
    -- Σ tbmj = zdmj exactly
    EXECUTE format($s$
    CREATE TABLE dltb (
        id integer PRIMARY KEY,
        zd_id integer NOT NULL,
        dlbm text NOT NULL,
        dlmc text NOT NULL,
        tbmj numeric(15,2) NOT NULL,
        geom geometry(Polygon, %1$s) NOT NULL)$s$, srid);
    INSERT INTO dltb
    SELECT t.id, t.zd_id, t.dlbm, c.dlmc, b.tbmj, t.geom
      FROM _tb t
      JOIN dlbm c ON c.dlbm = t.dlbm
      JOIN (SELECT id, (base + CASE WHEN rem BETWEEN 0 AND n THEN (rk <= rem)::integer
                                    WHEN rk = 1 THEN rem ELSE 0 END) / 100.0 AS tbmj
              FROM (SELECT a.id, a.base, zc.cents - sum(a.base) OVER w AS rem, row_number() OVER w AS rk,
                           count(*) OVER w AS n
                      FROM (SELECT id, zd_id, a, floor(a * 100) AS base, a * 100 - floor(a * 100) AS frac
                              FROM (SELECT id, zd_id, jtsyq.ellipsoid_area(geom, result_decimals => NULL)::numeric AS a
                                      FROM _tb) e) a
                      JOIN (SELECT id, a * 100 AS cents FROM _za) zc ON zc.id = a.zd_id
                    WINDOW w AS (PARTITION BY a.zd_id ORDER BY a.frac DESC, a.a DESC, a.id
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) s) b ON b.id = t.id;
    PERFORM _tick('dltb');
    UPDATE zd SET bdcdyh = a.bdcdyh, zddm = a.zddm
      FROM faults f, zd a WHERE f.kind = 'duplicate_code' AND a.id = f.id1 AND zd.id = f.id2;

    -- containers: county, 地籍区 = 乡镇, 地籍子区 = 村, 村民小组
    EXECUTE format($s$
    CREATE TABLE xzq (xzqdm text PRIMARY KEY, xzqmc text NOT NULL, geom geometry(MultiPolygon, %1$s) NOT NULL);
    CREATE TABLE djq (djqdm text PRIMARY KEY, djqmc text NOT NULL, geom geometry(Polygon, %1$s) NOT NULL);
    CREATE TABLE xz (xzdm text PRIMARY KEY, xzmc text NOT NULL, geom geometry(Polygon, %1$s) NOT NULL);
    CREATE TABLE djzq (djzqdm text PRIMARY KEY, djzqmc text NOT NULL, djqdm text NOT NULL,
                       geom geometry(Polygon, %1$s) NOT NULL);
    CREATE TABLE cun (cundm text PRIMARY KEY, cunmc text NOT NULL, xzdm text NOT NULL, djzqdm text NOT NULL,
                      geom geometry(Polygon, %1$s) NOT NULL);
    CREATE TABLE zu (zudm text PRIMARY KEY, zumc text NOT NULL, cundm text NOT NULL,
                     geom geometry(Polygon, %1$s) NOT NULL)$s$, srid);
    EXECUTE format('INSERT INTO xzq VALUES ($1, $2, ST_Multi(%s))', _rect_sql(pl, srid, '0', p.nx::text, '0', p.ny::text))
      USING xzqdm, '合成县' || xzqdm;
    EXECUTE format('INSERT INTO djq SELECT djqdm, xzmc || ''地籍区'', %s FROM (
                        SELECT djqdm, min(xzmc) AS xzmc, min(zx) * $1 AS c0, (max(zx) + 1) * $1 AS c1,
                               min(zy) * $2 AS r0, (max(zy) + 1) * $2 AS r1
                          FROM _zq GROUP BY djqdm) z ORDER BY djqdm',
                   _rect_sql(pl, srid, 'z.c0', 'z.c1', 'z.r0', 'z.r1')) USING zqw, zqh;
    INSERT INTO xz
    SELECT z.xzdm, z.xzmc, d.geom FROM djq d JOIN (SELECT DISTINCT djqdm, xzdm, xzmc FROM _zq) z USING (djqdm)
     ORDER BY 1;
    EXECUTE format('INSERT INTO djzq SELECT djzqdm, cunmc || ''地籍子区'', djqdm, %s FROM _zq ORDER BY djzqdm',
                   _rect_sql(pl, srid, format('zx * %s', zqw), format('(zx + 1) * %s', zqw),
                             format('zy * %s', zqh), format('(zy + 1) * %s', zqh)));
    INSERT INTO cun
    SELECT z.cundm, z.cunmc, z.xzdm, z.djzqdm, d.geom FROM _zq z JOIN djzq d USING (djzqdm) ORDER BY 1;
    EXECUTE format('INSERT INTO zu SELECT zudm, ''第'' || jtsyq_gen._cn(zu_no) || ''村民小组'', cundm, %s FROM (
                        SELECT z.cundm || lpad(b.zu_no::text, 2, ''0'') AS zudm, b.zu_no, z.cundm,
                               z.zx * $1 AS c0, (z.zx + 1) * $1 AS c1, min(b.r0) AS r0, max(b.r1) AS r1
                          FROM _band b JOIN _zq z USING (zid) GROUP BY z.cundm, b.zu_no, z.zx) z ORDER BY 1',
                   _rect_sql(pl, srid, 'z.c0', 'z.c1', 'z.r0', 'z.r1')) USING zqw;

    PERFORM _tick('containers');
    -- boundary points: the distinct vertices of all parcels (a vertex shared
    -- by several parcels is one point), numbered J1, J2 ... per 地籍子区 in
    -- the order the parcels' clockwise rings first reach them
    EXECUTE format($s$
    CREATE TABLE jzd (id integer PRIMARY KEY, jzdh text NOT NULL, djzqdm text NOT NULL, zd_ids integer[] NOT NULL,
                      geom geometry(Point, %1$s) NOT NULL);
    CREATE TABLE jzx (id integer PRIMARY KEY, zd_id integer NOT NULL, jzxcd numeric(12,2) NOT NULL,
                      geom geometry(LineString, %1$s) NOT NULL)$s$, srid);
    INSERT INTO jzd
    SELECT row_number() OVER (ORDER BY g.first)::integer,
           'J' || row_number() OVER (PARTITION BY z.djzqdm ORDER BY g.first),
           z.djzqdm, g.zd_ids, ST_SetSRID(ST_MakePoint(g.x, g.y), srid)
      FROM (SELECT x, y, array_agg(DISTINCT zd_id ORDER BY zd_id) AS zd_ids, min(zd_id::bigint * 65536 + n) AS first
              FROM (SELECT z.id AS zd_id, d.path[1] AS n, ST_X(d.geom) AS x, ST_Y(d.geom) AS y
                      FROM zd z, LATERAL ST_DumpPoints(ST_ExteriorRing(z.geom)) d
                     WHERE d.path[1] < ST_NPoints(z.geom)) v
             GROUP BY x, y) g
      JOIN zd z ON z.id = g.first / 65536;
    PERFORM _tick('jzd');
    -- boundary lines: every edge of every parcel ring, numbered in parcel
    -- and ring order (offsets from a running sum, so no sort of the lines)
    INSERT INTO jzx
    SELECT o.base + s.path[2], z.id, round(ST_Length(s.geom)::numeric, 2), s.geom
      FROM (SELECT id, (sum(ST_NPoints(geom) - 1) OVER (ORDER BY id) - (ST_NPoints(geom) - 1))::integer AS base
              FROM zd) o
      JOIN zd z ON z.id = o.id,
           LATERAL ST_DumpSegments(z.geom) s;

    PERFORM _tick('jzx');
    CREATE INDEX ON zd USING gist (geom);
    CREATE INDEX ON zd (bdcdyh);
    CREATE INDEX ON zd (djzqdm);
    CREATE INDEX ON dltb USING gist (geom);
    CREATE INDEX ON dltb (zd_id);
    CREATE INDEX ON jzd USING gist (geom);
    CREATE INDEX ON jzx USING gist (geom);
    CREATE INDEX ON jzx (zd_id);
    CREATE INDEX ON djzq USING gist (geom);
    CREATE INDEX ON zu USING gist (geom);

    PERFORM _tick('indexes');
    CREATE TABLE gen_info (key text PRIMARY KEY, value text NOT NULL);
    INSERT INTO gen_info VALUES
        ('generator', 'jtsyq_gen.make_county 1'), ('parcels_requested', parcels::text), ('seed', seed::text),
        ('srid', srid::text), ('xzqdm', xzqdm), ('faults_requested', want::text),
        ('cell_m', p.s::text), ('corridor_m', p.wr::text), ('cells', p.nx || 'x' || p.ny),
        ('djzq_grid', nzx || 'x' || nzy), ('djq_block', blk::text);

    DROP TABLE _zq, _band, _run, _pair, _pick, _own, _zd, _za, _tb;
    DROP TABLE IF EXISTS _site;

    SELECT jsonb_build_object(
             'schema', target, 'seed', seed, 'srid', srid, 'cell_m', p.s,
             'zd', (SELECT count(*) FROM zd),
             'kinds', (SELECT jsonb_object_agg(kind, n) FROM (SELECT kind, count(*) AS n FROM zd GROUP BY kind) k),
             'dltb', (SELECT count(*) FROM dltb), 'jzd', (SELECT count(*) FROM jzd), 'jzx', (SELECT count(*) FROM jzx),
             'djq', (SELECT count(*) FROM djq), 'djzq', (SELECT count(*) FROM djzq), 'zu', (SELECT count(*) FROM zu),
             'faults', (SELECT coalesce(jsonb_object_agg(kind, n), '{}') FROM (SELECT kind, count(*) AS n FROM faults GROUP BY kind) k))
      INTO result;
    ANALYZE zd; ANALYZE dltb; ANALYZE jzd; ANALYZE jzx;
    PERFORM _tick('summary');
    RETURN result;
END
$fn$;

COMMENT ON FUNCTION jtsyq_gen.make_county(name, integer, integer, jsonb, integer, text) IS
'Replace schema target with a synthetic county of about `parcels` parcels (100 .. 1 000 000), deterministic by seed, with the requested number of seeded faults per kind (see test/gen/county.sql).';

DO $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', pg_catalog.current_setting('jtsyq_gen.saved_path'), false);
END
$$;
