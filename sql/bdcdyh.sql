--
-- Unit codes: the type jtsyq.bdcdyh (不动产单元代码, GB/T 37346-2019), its
-- accessors, make_bdcdyh, bdcdyh_is_valid and bdcdyh_problems
-- (src/bdcdyh.c, src/bdcdyh_pg.c).
--
-- How the expected output was checked:
-- - valid codes come from published examples: GB/T 37346-2019 Appendix
--   A.2.1–A.2.5 (宗地代码 340123 002004 GB00011 … GE00022, completed with
--   W00000000 as the standard does for a parcel without fixtures), codes
--   used by public registration software, and DB64/T 2020-2024 §6.5.1's
--   JA/GY/GA; each accessor value was split from the text by hand;
-- - each invalid code breaks one rule; its SQLSTATE, field, positions and
--   reason were written down from the rule before running;
-- - ordering and hashing are compared with the text's byte order
--   (COLLATE "C") and text equality, computed by PostgreSQL itself.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;
-- operators are found through the search_path, like every extension's that
-- lives in its own schema (see the end for the qualified forms)
SET search_path = public, jtsyq;

-- valid codes round-trip unchanged through text
SELECT c AS code, c::jtsyq.bdcdyh::text = c AS round_trip
  FROM (VALUES
    ('340123002004GB00011W00000000'),   -- GB/T 37346-2019 A.2.1 国有建设用地使用权(地表)
    ('340123002004GS00019W00000000'),   -- A.2.2 (地上)
    ('340123002004GX00020W00000000'),   -- A.2.3 (地下)
    ('340123002004GD00021W00000000'),   -- A.2.4 国有土地承包经营权(耕地)
    ('340123002004GE00022W00000000'),   -- A.2.5 (林地)
    ('320684100302JA00001W00000000'),   -- collective ownership parcel (registration software)
    ('340111303004GB00165F00010490'),   -- a flat: 幢号 0001, 户号 0490
    ('640104003002JA00012W00000000'),   -- DB64/T 2020-2024 §6.5.1: JA (30)
    ('640104003002GY00001W00000000'),   -- GY (20)
    ('640104003002GA00001W00000000'),   -- GA (10)
    ('640104003002ZA00001W00000000'),   -- disputed area (Z)
    ('441900001001JA00001W00000000'),   -- 东莞 441900: a city without counties
    ('640104003002JE00003L00000001'),   -- trees
    ('640104003002JC99999Q99999999')) v(c);

-- accessors, split by hand from 340111303004 GB 00165 F 00010490
SELECT jtsyq.xzqdm(c), jtsyq.djqdm(c), jtsyq.djzqdm(c), jtsyq.zddm(c),
       jtsyq.zdtzm(c), jtsyq.zdsxh(c), jtsyq.dzwtzm(c), jtsyq.dzwdyh(c)
  FROM (SELECT '340111303004GB00165F00010490'::jtsyq.bdcdyh AS c) s;
SELECT pg_typeof(jtsyq.zdsxh('640104003002JA00012W00000000')) AS zdsxh_type,
       jtsyq.zdsxh('640104003002JA00012W00000000') AS twelve;

--
-- Invalid input: one case per field and rule.  The full message once,
-- then every case as (SQLSTATE, DETAIL).
--
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT '640104003002JK00012W00000000'::jtsyq.bdcdyh;
SELECT '64O104003002ja00000K0000000'::jtsyq.bdcdyh;

CREATE FUNCTION pg_temp.try_code(t text, OUT state text, OUT detail text)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM t::jtsyq.bdcdyh;
    state := 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, detail = PG_EXCEPTION_DETAIL;
END
$$;

SELECT rule, r.state, r.detail
  FROM (VALUES
    ('empty',                 ''),
    ('truncated (27)',        '640104003002JA00012W0000000'),
    ('too long (29)',         '640104003002JA00012W000000000'),
    ('trailing space',        '640104003002JA00012W00000000 '),
    ('宗地代码 only (19)',     '640104003002JA00012'),
    ('display form, spaces',  '340123 002004 GB00011 W00000000'),
    ('county: letter O',      '64O104003002JA00012W00000000'),
    ('county: full-width 6',  '６40104003002JA00012W00000000'),
    ('county: province 99',   '990104003002JA00012W00000000'),
    ('county: province 00',   '000000003002JA00012W00000000'),
    ('地籍区: space',          '640104 03002JA00012W00000000'),
    ('地籍子区: dash',         '6401040030-2JA00012W00000000'),
    ('特征码: ownership K',    '640104003002KA00012W00000000'),
    ('特征码: type K',         '640104003002JK00012W00000000'),
    ('特征码: lower case',     '640104003002jA00012W00000000'),
    ('特征码: full-width J',   '640104003002ＪA00012W00000000'),
    ('顺序号: letter O',       '640104003002JA0001OW00000000'),
    ('顺序号: 00000',          '640104003002JA00000W00000000'),
    ('定着物特征码: K',        '640104003002JA00012K00000001'),
    ('定着物单元号: letter',   '640104003002JA00012F0001000O'),
    ('W with a unit number',  '640104003002JA00012W00010001'),
    ('F with 00000000',       '640104003002JA00012F00000000'),
    ('L with 00000000',       '640104003002JE00003L00000000'),
    ('Q with 00000000',       '640104003002JE00003Q00000000'),
    ('control character',     E'640104003002JA00012W0000000\t')) v(rule, code),
       LATERAL pg_temp.try_code(code) r;

-- NULL in, NULL out
SELECT NULL::text::jtsyq.bdcdyh IS NULL AS null_cast, jtsyq.zdsxh(NULL) IS NULL AS null_accessor;
-- every accessor is STRICT: NULL gives NULL
SELECT jtsyq.xzqdm(NULL) IS NULL AS xzqdm, jtsyq.djqdm(NULL) IS NULL AS djqdm,
       jtsyq.djzqdm(NULL) IS NULL AS djzqdm, jtsyq.zddm(NULL) IS NULL AS zddm,
       jtsyq.zdtzm(NULL) IS NULL AS zdtzm, jtsyq.dzwtzm(NULL) IS NULL AS dzwtzm,
       jtsyq.dzwdyh(NULL) IS NULL AS dzwdyh;

--
-- bdcdyh_is_valid and bdcdyh_problems: cleaning legacy data without
-- aborting the load (DB64/T: codes in legacy databases are often truncated,
-- carry wrong feature codes, full-width digits or separators, or repeat).
--
SELECT jtsyq.bdcdyh_is_valid('640104003002JA00012W00000000') AS valid,
       jtsyq.bdcdyh_is_valid('640104003002JK00012W00000000') AS wrong_type,
       jtsyq.bdcdyh_is_valid('') AS empty,
       jtsyq.bdcdyh_is_valid(NULL) IS NULL AS null_is_null;
SELECT * FROM jtsyq.bdcdyh_problems('64O104003002ja00000K0000000');
SELECT count(*) AS no_problems FROM jtsyq.bdcdyh_problems('640104003002JA00012W00000000');
-- NULL: no rows (STRICT); the empty string: one problem, the length, at
-- position 0 (there is no character to point at)
SELECT count(*) AS null_problems FROM jtsyq.bdcdyh_problems(NULL);
SELECT * FROM jtsyq.bdcdyh_problems('');

CREATE TABLE legacy (id int, code text);
INSERT INTO legacy VALUES
  (1, '640104003002JA00001W00000000'),
  (2, '640104003002JA00002W00000000'),
  (3, '640104003002JA00002W00000000'),       -- duplicate of 2
  (4, '640104003002JA0003W00000000'),        -- truncated 宗地顺序号
  (5, '640104003002JK00004W00000000'),       -- wrong feature code
  (6, '６40104003002JA00005W00000000'),       -- full-width digit
  (7, '640104003002JA00006W00010000'),       -- W with a unit number
  (8, '/');                                  -- "/" for an unrecoverable value
-- every problem, per row
SELECT l.id, p.field, p.first_pos, p.last_pos, p.problem
  FROM legacy l, LATERAL jtsyq.bdcdyh_problems(l.code) p
 ORDER BY l.id, p.first_pos;
-- duplicates among the valid ones
SELECT code, array_agg(id ORDER BY id) AS ids
  FROM legacy WHERE jtsyq.bdcdyh_is_valid(code)
 GROUP BY code HAVING count(*) > 1;
-- a bdcdyh primary key loads the clean rows and refuses the duplicate
CREATE TABLE parcel (bdcdyh jtsyq.bdcdyh PRIMARY KEY, legacy_id int);
INSERT INTO parcel SELECT code, id FROM legacy WHERE jtsyq.bdcdyh_is_valid(code) AND id <> 3;
INSERT INTO parcel SELECT code, id FROM legacy WHERE id = 3;
SELECT * FROM parcel ORDER BY bdcdyh;
-- a malformed value never gets in, whatever the path
INSERT INTO parcel SELECT code, id FROM legacy WHERE id = 5;
UPDATE parcel SET bdcdyh = '640104003002JA00001W0000000' WHERE legacy_id = 1;

--
-- make_bdcdyh
--
SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 12) AS defaults_w,
       jtsyq.make_bdcdyh('340111303004', 'GB', 165, 'F', '00010490') AS flat,
       jtsyq.make_bdcdyh('640104003002', 'JA', 99999) AS largest;
CREATE FUNCTION pg_temp.try_sql(q text, OUT state text, OUT message text, OUT detail text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    state := 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL;
END
$$;
SELECT argument, r.*
  FROM (VALUES
    ('djzqdm too short', $$SELECT jtsyq.make_bdcdyh('64010400300', 'JA', 1)$$),
    ('djzqdm province',  $$SELECT jtsyq.make_bdcdyh('990104003002', 'JA', 1)$$),
    ('zdtzm type K',     $$SELECT jtsyq.make_bdcdyh('640104003002', 'JK', 1)$$),
    ('zdtzm length',     $$SELECT jtsyq.make_bdcdyh('640104003002', 'JAA', 1)$$),
    ('zdsxh 0',          $$SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 0)$$),
    ('zdsxh 100000',     $$SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 100000)$$),
    ('dzwtzm X',         $$SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 1, 'X', '00000001')$$),
    ('dzwdyh with W',    $$SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 1, 'W', '00000001')$$),
    ('dzwdyh length',    $$SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 1, 'F', '1')$$),
    ('djzqdm empty',     $$SELECT jtsyq.make_bdcdyh('', 'JA', 1)$$),
    ('zdtzm empty',      $$SELECT jtsyq.make_bdcdyh('640104003002', '', 1)$$),
    ('dzwtzm empty',     $$SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 1, '', '00000001')$$),
    ('zdsxh -1',         $$SELECT jtsyq.make_bdcdyh('640104003002', 'JA', -1)$$),
    ('dzwtzm lower w',   $$SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 1, 'w', '00000000')$$)) v(argument, q),
       LATERAL pg_temp.try_sql(q) r;
-- NULL arguments: NULL (STRICT)
SELECT jtsyq.make_bdcdyh(NULL, 'JA', 1) IS NULL AS null_djzqdm, jtsyq.make_bdcdyh('640104003002', NULL, 1) IS NULL AS null_zdtzm,
       jtsyq.make_bdcdyh('640104003002', 'JA', NULL) IS NULL AS null_zdsxh,
       jtsyq.make_bdcdyh('640104003002', 'JA', 1, NULL, '00000001') IS NULL AS null_dzwtzm,
       jtsyq.make_bdcdyh('640104003002', 'JA', 1, 'F', NULL) IS NULL AS null_dzwdyh;
-- one message in full, with its hint
SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 1, 'W', '00000001');

-- property: every make_bdcdyh result parses back to its parts (20 000
-- random part sets, every feature letter, fixture letter and number range)
SELECT setseed(0.7);
CREATE TEMP TABLE parts AS
SELECT i,
       (ARRAY['11','15','21','23','31','37','41','46','50','54','61','65','71','81','82'])[1 + floor(random() * 15)::int]
         || lpad(floor(random() * 10000)::int::text, 4, '0')
         || lpad(floor(random() * 1000)::int::text, 3, '0')
         || lpad(floor(random() * 1000)::int::text, 3, '0') AS djzqdm,
       substr('GJZ', 1 + floor(random() * 3)::int, 1)
         || substr('ABCDEFGHLNSWXY', 1 + floor(random() * 14)::int, 1) AS zdtzm,
       1 + floor(random() * 99999)::int AS zdsxh,
       substr('FLQW', 1 + floor(random() * 4)::int, 1) AS dzwtzm,
       lpad((1 + floor(random() * 99999999))::int::text, 8, '0') AS unit
  FROM generate_series(1, 20000) i;
UPDATE parts SET unit = '00000000' WHERE dzwtzm = 'W';
CREATE TEMP TABLE made AS
SELECT p.*, jtsyq.make_bdcdyh(djzqdm, zdtzm, zdsxh, dzwtzm, unit) AS code FROM parts p;
SELECT count(*) AS codes,
       count(*) FILTER (WHERE jtsyq.djzqdm(code) = djzqdm AND jtsyq.zdtzm(code) = zdtzm
                          AND jtsyq.zdsxh(code) = zdsxh AND jtsyq.dzwtzm(code) = dzwtzm
                          AND jtsyq.dzwdyh(code) = unit
                          AND code::text = djzqdm || zdtzm || lpad(zdsxh::text, 5, '0') || dzwtzm || unit
                          AND code::text::jtsyq.bdcdyh = code
                          AND jtsyq.bdcdyh_is_valid(code::text)) AS parse_back_to_parts,
       count(DISTINCT zdtzm) AS feature_codes, count(DISTINCT dzwtzm) AS fixture_letters
  FROM made;

--
-- Ordering and hashing agree with the text: byte order (COLLATE "C") and
-- text equality.  Pairs of made codes plus near neighbours (same 子区,
-- different numbers) and equal pairs.
--
CREATE TEMP TABLE pairs AS
SELECT a.code AS a, b.code AS b FROM made a JOIN made b ON b.i = a.i % 20000 + 1
UNION ALL
SELECT a.code, jtsyq.make_bdcdyh(jtsyq.djzqdm(a.code), jtsyq.zdtzm(a.code),
                                 1 + (jtsyq.zdsxh(a.code) + 7) % 99999) FROM made a
UNION ALL
SELECT a.code, a.code::text::jtsyq.bdcdyh FROM made a;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (a < b) = (a::text COLLATE "C" < b::text)
                          AND (a <= b) = (a::text COLLATE "C" <= b::text)
                          AND (a = b) = (a::text = b::text)
                          AND (a <> b) = (a::text <> b::text)
                          AND (a >= b) = (a::text COLLATE "C" >= b::text)
                          AND (a > b) = (a::text COLLATE "C" > b::text)
                          AND sign(jtsyq._bdcdyh_cmp(a, b)) = sign(bttextcmp(a::text COLLATE "C", b::text))
                          AND (a <> b OR jtsyq._bdcdyh_hash(a) = jtsyq._bdcdyh_hash(b))) AS agree,
       count(*) FILTER (WHERE a = b) AS equal_pairs
  FROM pairs;
-- a sort by code is the sort by text, row for row
SELECT bool_and(rc = rt) AS sort_agrees
  FROM (SELECT row_number() OVER (ORDER BY code) AS rc,
               row_number() OVER (ORDER BY code::text COLLATE "C") AS rt FROM made) s;
-- codes that differ only late: the 子区 tail (positions 11–12), the 宗地特征码
-- (13–14), the 顺序号 (15–19), the fixture letter F < L < Q < W (20) and the
-- unit number (21–28).  3 子区 × 4 特征码 × 3 顺序号 × 5 fixtures = 180
-- distinct codes, 180² = 32 400 ordered pairs; order, equality and hash must
-- agree with the text on every one, and the 180 codes give 180 hashes.
-- (The random pairs above only ever decide at positions 1–6 or 15–19.)
CREATE TEMP TABLE late AS
SELECT jtsyq.make_bdcdyh(k, t, n, f, u) AS code
  FROM unnest(ARRAY['640104003002', '640104003012', '640104013002']) k,
       unnest(ARRAY['GA', 'JA', 'JB', 'ZA']) t, unnest(ARRAY[1, 10, 99999]) n,
       (VALUES ('F', '00000001'), ('F', '00010000'), ('L', '00000001'), ('Q', '99999999'),
               ('W', '00000000')) x(f, u);
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE sign(jtsyq._bdcdyh_cmp(a.code, b.code)) = sign(bttextcmp(a.code::text COLLATE "C", b.code::text))
                          AND (a.code < b.code) = (a.code::text COLLATE "C" < b.code::text)
                          AND (a.code = b.code) = (a.code::text = b.code::text)
                          AND (a.code <> b.code OR jtsyq._bdcdyh_hash(a.code) = jtsyq._bdcdyh_hash(b.code))) AS agree,
       count(*) FILTER (WHERE a.code = b.code) AS equal_pairs,
       count(DISTINCT jtsyq._bdcdyh_hash(a.code)) AS distinct_hashes
  FROM late a, late b;
-- and the pairs do decide at those positions: the first differing position
-- of each unequal pair, by hand: 8 (地籍区 003 / 013), 11 (子区 002 / 012),
-- 13 (G/J/Z), 14 (A/B), 15 (00001 or 00010 / 99999), 18 (00001 / 00010),
-- 20 (F/L/Q/W), 24 (F 00000001 / F 00010000): {8,11,13,14,15,18,20,24}
SELECT array_agg(DISTINCT p ORDER BY p) AS deciding_positions
  FROM (SELECT (SELECT min(i) FROM generate_series(1, 28) i
                 WHERE substr(a.code::text, i, 1) <> substr(b.code::text, i, 1)) AS p
          FROM late a, late b WHERE a.code <> b.code) s;
DROP TABLE late;
-- min/max agree with the text's
SELECT jtsyq.min(code)::text = min(code::text COLLATE "C") AS min_agrees,
       jtsyq.max(code)::text = max(code::text COLLATE "C") AS max_agrees FROM made;
-- the seed-0 extended hash has the plain hash in its low 32 bits (as
-- PostgreSQL requires of hash support functions)
SELECT bool_and((jtsyq._bdcdyh_hash_extended(code, 0) & 4294967295)
                = (jtsyq._bdcdyh_hash(code)::bigint & 4294967295)) AS ext_hash_agrees,
       count(DISTINCT jtsyq._bdcdyh_hash(code)) > 19900 AS hashes_spread
  FROM made;
-- hash aggregation, sorting aggregation and text agree on the distinct count
SET enable_sort = off;
SELECT count(*) AS hash_groups FROM (SELECT code FROM pairs, LATERAL (VALUES (a), (b)) v(code) GROUP BY code) s;
RESET enable_sort;
SET enable_hashagg = off;
SELECT count(*) AS sort_groups FROM (SELECT code FROM pairs, LATERAL (VALUES (a), (b)) v(code) GROUP BY code) s;
RESET enable_hashagg;
SELECT count(DISTINCT code::text) AS text_groups FROM pairs, LATERAL (VALUES (a), (b)) v(code);
-- hash and merge joins find the same matches as a join on text
CREATE TEMP TABLE probe AS SELECT code FROM made WHERE i % 3 = 0;
ANALYZE made; ANALYZE probe;
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM made m JOIN probe p ON m.code = p.code;
SELECT count(*) AS hash_join FROM made m JOIN probe p ON m.code = p.code;
RESET enable_mergejoin; SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM made m JOIN probe p ON m.code = p.code;
SELECT count(*) AS merge_join FROM made m JOIN probe p ON m.code = p.code;
RESET enable_hashjoin; RESET enable_nestloop;
SELECT count(*) AS text_join FROM made m JOIN probe p ON m.code::text = p.code::text;
-- btree and hash indexes answer like a scan; max() is an index probe
CREATE INDEX made_btree ON made (code);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT i FROM made WHERE code = '640104003002JA00012W00000000';
SELECT count(*) = 3 AS btree_finds
  FROM made WHERE code = (SELECT code FROM made WHERE i = 77)
     OR code = (SELECT code FROM made WHERE i = 78) OR code = (SELECT code FROM made WHERE i = 79);
SELECT (SELECT count(*) FROM made WHERE code < (SELECT code FROM made WHERE i = 77))
     = (SELECT count(*) FROM made WHERE code::text COLLATE "C" < (SELECT code::text FROM made WHERE i = 77)) AS btree_range_agrees;
EXPLAIN (COSTS OFF) SELECT jtsyq.max(code) FROM made;
DROP INDEX made_btree;
CREATE INDEX made_hash ON made USING hash (code);
EXPLAIN (COSTS OFF) SELECT i FROM made WHERE code = '640104003002JA00012W00000000';
SELECT count(*) = 3 AS hash_finds
  FROM made WHERE code = (SELECT code FROM made WHERE i = 77)
     OR code = (SELECT code FROM made WHERE i = 78) OR code = (SELECT code FROM made WHERE i = 79);
RESET enable_seqscan; RESET enable_bitmapscan;
-- hash partitioning (the seeded 64-bit hash): every row lands in exactly
-- one partition, and a lookup prunes to it
CREATE TEMP TABLE hp (code jtsyq.bdcdyh) PARTITION BY HASH (code);
CREATE TEMP TABLE hp0 PARTITION OF hp FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TEMP TABLE hp1 PARTITION OF hp FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TEMP TABLE hp2 PARTITION OF hp FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO hp SELECT code FROM made;
SELECT (SELECT count(*) FROM hp0) + (SELECT count(*) FROM hp1) + (SELECT count(*) FROM hp2) AS rows_in_partitions,
       least((SELECT count(*) FROM hp0), (SELECT count(*) FROM hp1), (SELECT count(*) FROM hp2)) > 6000 AS spread_evenly;
EXPLAIN (COSTS OFF) SELECT * FROM hp WHERE code = '640104003002JA00012W00000000';
-- range scan: the codes of one 地籍子区 and 特征码 are contiguous, between
-- the smallest (00001F00000001) and the largest (99999W00000000) of the key
CREATE TEMP TABLE near AS
SELECT jtsyq.make_bdcdyh(k || s, t, n, f, CASE f WHEN 'W' THEN '00000000' ELSE '00000001' END) AS code
  FROM unnest(ARRAY['640104003', '640104004']) k, unnest(ARRAY['001', '002', '003']) s,
       unnest(ARRAY['GB', 'JA', 'JB', 'ZA']) t, unnest(ARRAY[1, 2, 99999]) n, unnest(ARRAY['F', 'W']) f;
SELECT count(*) AS codes,
       count(*) FILTER (WHERE jtsyq.djzqdm(code) = '640104003002' AND jtsyq.zdtzm(code) = 'JA') AS in_key,
       count(*) FILTER (WHERE code BETWEEN jtsyq.make_bdcdyh('640104003002', 'JA', 1, 'F', '00000001')
                                       AND jtsyq.make_bdcdyh('640104003002', 'JA', 99999)) AS in_range
  FROM near;

--
-- Binary I/O: send gives the 28 ASCII characters; a binary COPY round-trips;
-- a binary file with a malformed code is refused (22P03).  The binary form
-- of a one-column text table is the same bytes, which is how the bad file
-- is made.
--
SELECT jtsyq._bdcdyh_send('340111303004GB00165F00010490') = convert_to('340111303004GB00165F00010490', 'SQL_ASCII') AS send_is_text_bytes;
\copy (SELECT code FROM made ORDER BY i) TO 'results/bdcdyh_made.bin' WITH (FORMAT binary)
CREATE TEMP TABLE made_back (code jtsyq.bdcdyh);
\copy made_back FROM 'results/bdcdyh_made.bin' WITH (FORMAT binary)
SELECT count(*) AS copied_back,
       (SELECT count(*) FROM made_back b JOIN made m USING (code)) AS matched
  FROM made_back;
\copy (SELECT '640104003002JK00012W00000000'::text) TO 'results/bdcdyh_bad.bin' WITH (FORMAT binary)
\copy made_back FROM 'results/bdcdyh_bad.bin' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy made_back FROM 'results/bdcdyh_bad.bin' WITH (FORMAT binary)
\set VERBOSITY default
\copy (SELECT '640104003002JA00012W00000000'::text) TO 'results/bdcdyh_good.bin' WITH (FORMAT binary)
\copy made_back FROM 'results/bdcdyh_good.bin' WITH (FORMAT binary)
SELECT count(*) AS after_good_file FROM made_back;

--
-- Without jtsyq on the search_path: functions schema-qualified, operators
-- as OPERATOR(jtsyq.=); constraints and indexes need nothing.
--
SET search_path = pg_catalog;
SELECT jtsyq.make_bdcdyh('640104003002', 'JA', 12)
       OPERATOR(jtsyq.=) '640104003002JA00012W00000000'::jtsyq.bdcdyh AS qualified_eq,
       jtsyq.zddm(jtsyq.make_bdcdyh('640104003002', 'JA', 12)) AS zddm;
INSERT INTO public.parcel VALUES ('640104003002JA00009W00000000', 9);
INSERT INTO public.parcel VALUES ('640104003002JA00009W00000000', 10);
RESET search_path;

DROP TABLE legacy, parcel;
