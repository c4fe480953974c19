--
-- Area accounting (issue 5): land-use dictionaries, 整体 = Σ部分,
-- 面积调平 and the standard summary tables (DB64/T 2020-2024 §6.7.4, §10,
-- §13.4.1).  Every expected figure below was computed by hand; the
-- arithmetic is in the comments next to each query.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;

-- bad input is shown as "SQLSTATE: message"
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st text;
    msg text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN st || ': ' || msg;
END
$$;

--
-- 1. The classifications
--
-- counts per level: 2023 用地用海 24/111/40; 三调 13 (00 湿地 … 12) / 55 / 13
-- (K and A refinements); GB/T 21010-2017 12/73 (the standard's own counts)
SELECT scheme, level, count(*) AS codes, count(three_class) AS with_three_class
  FROM jtsyq.land_class GROUP BY 1, 2 ORDER BY 1, 2;
-- the structure is consistent: parents one level up, ancestors right,
-- third-level codes in the parent's 三大类, first-level classes either
-- uniform over their children (aggregate) or NULL (by_level2)
SELECT count(*) FILTER (WHERE p.level <> c.level - 1) AS bad_parent_level,
       count(*) FILTER (WHERE c.level = 2 AND c.level1 <> c.parent) AS bad_level1,
       count(*) FILTER (WHERE c.level = 3 AND (c.level2 <> c.parent OR c.level1 <> p.parent)) AS bad_level3,
       count(*) FILTER (WHERE c.level = 3 AND c.three_class IS DISTINCT FROM p.three_class) AS level3_class_differs
  FROM jtsyq.land_class c JOIN jtsyq.land_class p ON p.scheme = c.scheme AND p.code = c.parent;
SELECT f.scheme, f.code, f.three_class, f.three_class_basis,
       string_agg(DISTINCT coalesce(s.three_class, '-'), ',') AS children
  FROM jtsyq.land_class f JOIN jtsyq.land_class s ON s.scheme = f.scheme AND s.parent = f.code
 WHERE f.level = 1 AND f.three_class_basis IN ('by_level2', 'aggregate')
 GROUP BY 1, 2, 3, 4 HAVING (count(DISTINCT s.three_class) = 1 AND count(*) = count(s.three_class))
                            <> (f.three_class IS NOT NULL)
 ORDER BY 1, 2;
-- the documented conflicts and inferences
SELECT scheme, code, name, three_class, three_class_basis
  FROM jtsyq.land_class
 WHERE (scheme, code) IN (('sandiao', '0404'), ('gbt21010_2017', '0404'), ('yydh2023', '0403'),
                          ('yydh2023', '2302'), ('yydh2023', '2005'), ('yydh2023', '1703'),
                          ('sandiao', '02'), ('sandiao', '0603'), ('sandiao', '0201K'),
                          ('sandiao', '09'), ('yydh2023', '16'), ('yydh2023', '04'))
 ORDER BY 1, 2;
-- template column order: 三调 05H1 before 0508, 08H1/08H2 before 0809
SELECT string_agg(code, ' ' ORDER BY ord) FROM jtsyq.land_class
 WHERE scheme = 'sandiao' AND level1 IN ('05', '08') AND level <= 2;
-- the generated IMMUTABLE validators agree with the table, code by code
SELECT c.scheme, count(*) AS codes,
       bool_and(jtsyq.is_land_class(c.code, c.scheme)) AS all_valid,
       bool_and(jtsyq.three_class(c.code, c.scheme) IS NOT DISTINCT FROM c.three_class) AS classes_agree
  FROM jtsyq.land_class c GROUP BY 1 ORDER BY 1;
SELECT jtsyq.is_land_class('0101') AS "0101", jtsyq.is_land_class('0404') AS "0404 (2023: no)",
       jtsyq.is_land_class('0404', 'sandiao') AS "0404 三调", jtsyq.is_land_class('05H1', 'sandiao') AS "05H1",
       jtsyq.is_land_class('05H1') AS "05H1 (2023: no)", jtsyq.is_land_class('') AS empty,
       jtsyq.is_land_class(NULL) IS NULL AS null_in_null_out;
SELECT jtsyq.three_class('0103') AS "0103", jtsyq.three_class('1704') AS "1704",
       jtsyq.three_class('0403') AS "0403", jtsyq.three_class('1001') AS "1001",
       jtsyq.three_class('2302') IS NULL AS "2302 undetermined", jtsyq.three_class('04') IS NULL AS "04 mixed",
       jtsyq.three_class('1801') IS NULL AS "1801 sea", jtsyq.three_class('0404', 'sandiao') AS "三调 0404";
-- domains: a wrong code is a check violation
CREATE TEMP TABLE t_dlbm (a jtsyq.ydyh_code, b jtsyq.sandiao_code);
INSERT INTO t_dlbm VALUES ('0103', '0201K'), ('060102', '00'), (NULL, NULL);
SELECT pg_temp.err($$INSERT INTO t_dlbm VALUES ('0404', NULL)$$);
SELECT pg_temp.err($$INSERT INTO t_dlbm VALUES (NULL, '0403K ')$$);
SELECT pg_temp.err($$SELECT jtsyq.is_land_class('0101', 'tdt1055')$$);
SELECT jtsyq.three_class('0101', NULL) IS NULL AS strict_null;
-- NULL in, NULL out for both (STRICT); an empty code is no class; an unknown
-- scheme is an error in three_class too
SELECT jtsyq.is_land_class('0101', NULL) IS NULL AS is_land_class_null_scheme,
       jtsyq.three_class(NULL) IS NULL AS three_class_null, jtsyq.three_class('') IS NULL AS three_class_empty;
SELECT pg_temp.err($$SELECT jtsyq.three_class('0101', 'nope')$$);
DROP TABLE t_dlbm;

--
-- 2. 面积调平: jtsyq.balance_areas and the window function
--
-- 3.333+3.333+3.334 → 3.33 ×3 = 9.99 against 10.00: one step (0.01) to the
-- largest part; all equal → first position
SELECT * FROM jtsyq.balance_areas(10.00, ARRAY[3.333, 3.333, 3.334]);
-- with keys the key order breaks the tie: 'a' (the third) gets it
SELECT * FROM jtsyq.balance_areas(10.00, ARRAY[3.333, 3.333, 3.334], ARRAY['c', 'b', 'a']);
-- 500+300+200 = 1000 against 997: D = −3, shares −1.5, −0.9, −0.6 →
-- quotients −1, 0, 0, remainder −2 to the two largest: 498, 299, 200
SELECT * FROM jtsyq.balance_areas(997, ARRAY[500, 300, 200], NULL, 0);
-- hectares to 4 decimals: 333 333.33 m² ×2 and 333 333.34 m² of a
-- 100 ha village are 33.333333, 33.333333, 33.333334 ha → 33.3333 ×3 =
-- 99.9999: one step to the largest, tie → key '01'
SELECT * FROM jtsyq.balance_areas(100, ARRAY[33.333333, 33.333333, 33.333334], ARRAY['23', '03', '01'], 4);
-- zero parts stay zero; a part with no key ranks after keyed ones:
-- 1+1 = 2 against 3, tie between keyed 'k' and unkeyed → 'k'
SELECT * FROM jtsyq.balance_areas(3, ARRAY[0, 1, 1], ARRAY['z', NULL, 'k'], 0);
-- nothing to do, and NULL in → no rows
SELECT count(*) FROM jtsyq.balance_areas(5.5, ARRAY[2.25, 3.25]);
SELECT count(*) FROM jtsyq.balance_areas(NULL, ARRAY[1.0]);
SELECT count(*) FROM jtsyq.balance_areas(0, ARRAY[]::numeric[]);
-- the same through the window function, per partition (digits 2 and 0)
SELECT g, x, jtsyq.balanced_area(x, c, k, d) OVER (PARTITION BY g) AS balanced
  FROM (VALUES (1, 3.333, 10.00, 'c', 2), (1, 3.333, 10.00, 'b', 2), (1, 3.334, 10.00, 'a', 2),
               (2, 500, 997, 'x', 0), (2, 300, 997, 'y', 0), (2, 200, 997, 'z', 0)) v(g, x, c, k, d)
 ORDER BY g, k;
-- at 0.01 steps the −3.00 of group 2 is 300 steps, shares exactly −150, −90, −60:
-- 498.50, 299.10, 199.40
SELECT x, jtsyq.balanced_area(x, 997, NULL) OVER () FROM (VALUES (500), (300), (200)) v(x);
-- NULL control → NULL for the whole partition
SELECT jtsyq.balanced_area(x, NULL, NULL) OVER () FROM (VALUES (1.0), (2.0)) v(x);
-- slivers: every part rounds to 0.00 but the control does not, so the steps
-- are shared by the unrounded parts.  0.001, 0.004, 0, 0.003 against 0.05:
-- D = 5 steps, shares 5·(1, 4, 0, 3)/8 = 0.625, 2.5, 0, 1.875 → quotients
-- 0, 2, 0, 1 (Σ 3), remainder 2 to the two largest unrounded parts (0.004,
-- 0.003): 0.00, 0.03, 0.00, 0.02.  The part that is 0 before rounding stays 0.
SELECT * FROM jtsyq.balance_areas(0.05, ARRAY[0.001, 0.004, 0, 0.003]);
-- the same through the window function (keys a–d, no tie involved)
SELECT k, x, jtsyq.balanced_area(x, 0.05, k) OVER () AS balanced
  FROM (VALUES ('a', 0.001), ('b', 0.004), ('c', 0), ('d', 0.003)) v(k, x) ORDER BY k;
-- equal unrounded parts 0.003, 0.003 against 0.01: shares 0.5 each, quotient
-- 0, the one step by the tie rule to key 'a' (the second part)
SELECT * FROM jtsyq.balance_areas(0.01, ARRAY[0.003, 0.003], ARRAY['b', 'a']);

-- a SQL-level property test (the C core has its own, exhaustive and random):
-- 2000 random wholes of 1–30 random parts each (some zero, m² and ha),
-- controls near and far from the sum; every whole balances exactly, every
-- part stays within one step of its fair share
SELECT setseed(0.5);
CREATE TEMP TABLE t_prop AS
SELECT w, i, (CASE WHEN random() < 0.2 THEN 0 ELSE round((random() * 10 ^ (1 + (w % 7)))::numeric, 6) END) AS x,
       CASE WHEN w % 2 = 0 THEN 2 ELSE 4 END AS d
  FROM generate_series(1, 2000) w, LATERAL generate_series(1, 1 + (w * 7919) % 30) i;
CREATE TEMP TABLE t_prop_w AS
SELECT w, d, round(sum(x) * (CASE WHEN w % 3 = 0 THEN 1 ELSE 0.9 + random() * 0.2 END)::numeric, 6) AS control
  FROM t_prop GROUP BY w, d HAVING sum(round(x, d)) > 0;
-- fair share of a part r (rounded) in a whole C (rounded) of rounded sum R:
-- (C − R)·r/R; "within one step" compared exactly, in numeric (10 ^ (-d)
-- would be float8): |(b − r)·R − (C − R)·r| <= step·R
WITH b AS (
    SELECT p.w, p.d, round(w.control, p.d) AS c, round(p.x, p.d) AS r,
           jtsyq.balanced_area(p.x, w.control, p.i::text, p.d) OVER (PARTITION BY p.w) AS b
      FROM t_prop p JOIN t_prop_w w USING (w)),
f AS (
    SELECT *, sum(r) OVER (PARTITION BY w) AS rs, sum(b) OVER (PARTITION BY w) AS bs FROM b)
SELECT count(DISTINCT w) AS wholes, count(*) AS parts,
       bool_and(bs = c) AS all_sum_exactly,
       bool_and(abs((b - r) * rs - (c - rs) * r) <= power(10::numeric, -d) * rs) AS all_within_one_step,
       bool_and(r > 0 OR b = 0) AS zeros_stay_zero,
       count(*) FILTER (WHERE b <> r) > 1000 AS many_moved
  FROM f;
DROP TABLE t_prop, t_prop_w;

-- bad input, each with its SQLSTATE
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas(10, ARRAY[1, -1])$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas(-1, ARRAY[1])$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas(10, ARRAY[0, 0])$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas(10, ARRAY[1, NULL])$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas('NaN', ARRAY[1])$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas(10, ARRAY[1, 'Infinity'::numeric])$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas(10, ARRAY[1, 2], ARRAY['a'])$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas(10, ARRAY[[1, 2], [3, 4]])$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas(10, ARRAY[1], NULL, 9)$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.balance_areas(1e30, ARRAY[1])$$);
SELECT pg_temp.err($$SELECT jtsyq.balanced_area(x, c, NULL) OVER () FROM (VALUES (1.0, 5), (2.0, 6)) v(x, c)$$);
SELECT pg_temp.err($$SELECT jtsyq.balanced_area(x, 5, NULL) OVER () FROM (VALUES (1.0), (NULL)) v(x)$$);
SELECT pg_temp.err($$SELECT jtsyq.balanced_area(x, 5, NULL, -1) OVER () FROM (VALUES (1.0)) v(x)$$);
SELECT pg_temp.err($$SELECT jtsyq.balanced_area(x, 5, NULL, NULL) OVER () FROM (VALUES (1.0)) v(x)$$);
SELECT pg_temp.err($$SELECT jtsyq.balanced_area(x, 5, NULL, d) OVER () FROM (VALUES (1.0, 2), (1.0, 3)) v(x, d)$$);

--
-- 3. A small county, computed by hand.
--
-- County 640122 (3000 m × 1000 m), two townships (地籍区 = 乡镇 here), three
-- villages (地籍子区 = village), 甲村 with two groups.  Eleven parcels:
--
--  id kind      lies in     owner       zdmj (m²)     patches (2023 code: m²)
--   1 group     甲村 组1    甲村 组1    400 000.42    0103 250 000.40, 0301 100 000.40, 0403 49 999.62
--   2 group     甲村 组2    甲村 组2    300 000.00    0102 200 000.00, 0703 99 999.99  (Σ 299 999.99!)
--   3 village   甲村 组1    甲村        150 000.40    0601 30 000.40, 1704 120 000.00
--   4 state     甲村 组1    —            50 000.37    1202 50 000.37
--   5 village   甲村 组2    乙村         60 000.40    0201 60 000.40        (乙村 flying into 甲村)
--   6 disputed  甲村 组2    —            40 000.00    0401 40 000.00        (甲村 / 乙村 dispute)
--   7 village   乙村        乙村        700 000.00    0103 500 000.00, 2302 100 000.00, 0304 99 999.99, 9999 0.01
--   8 township  乙村        —           100 000.00    1001 100 000.00
--   9 group     乙村        甲村 组1     80 000.40    0101 80 000.40        (甲村组1 flying out into 乙村)
--  10 state     乙村        —           120 000.00    1201 120 000.00
--  11 village   丙村        丙村      1 000 000.00    0103 333 333.33, 0301 333 333.33, 2305 333 333.34
--
-- (9999 is not a land-class code and 2302 后备耕地 has no 三大类.)
--
CREATE SCHEMA cnty;
CREATE TABLE cnty.xzq (xzqdm text PRIMARY KEY, xzqmc text, geom geometry(Polygon, 4523));
CREATE TABLE cnty.djq (djqdm text PRIMARY KEY, djqmc text, geom geometry(Polygon, 4523));
CREATE TABLE cnty.djzq (djzqdm text PRIMARY KEY, djzqmc text, djqdm text, geom geometry(Polygon, 4523));
CREATE TABLE cnty.xz (xzdm text PRIMARY KEY, xzmc text, geom geometry(Polygon, 4523));
CREATE TABLE cnty.cun (cundm text PRIMARY KEY, cunmc text, xzdm text, djzqdm text, geom geometry(Polygon, 4523));
CREATE TABLE cnty.zu (zudm text PRIMARY KEY, zumc text, cundm text, geom geometry(Polygon, 4523));
CREATE TABLE cnty.zd (id int PRIMARY KEY, kind text, zl_cun text, zl_zu text, qs_cun text, qs_zu text,
                      cundm text, zdmj numeric(15,2), surveyed boolean, registered boolean);
CREATE TABLE cnty.dltb (id serial PRIMARY KEY, zd_id int, dlbm text, tbmj numeric(15,2));
-- rectangles x0 y0 x1 y1 (m), areas by hand: width × height
CREATE FUNCTION pg_temp.rect(x0 float8, y0 float8, x1 float8, y1 float8) RETURNS geometry
LANGUAGE sql AS $$ SELECT ST_SetSRID(ST_MakeEnvelope(35500000 + x0, 4000000 + y0, 35500000 + x1, 4000000 + y1), 4523) $$;
INSERT INTO cnty.xzq VALUES ('640122', '测试县', pg_temp.rect(0, 0, 3000, 1000));          -- 3 000 000
INSERT INTO cnty.djq VALUES ('640122001', '甲镇', pg_temp.rect(0, 0, 2000, 1000)),       -- 2 000 000
                            ('640122002', '乙乡', pg_temp.rect(2000, 0, 3000, 1000));    -- 1 000 000
-- the township layer lost a 1 m strip: 乙乡 is 1000 × 999 = 999 000
INSERT INTO cnty.xz VALUES ('640122001', '甲镇', pg_temp.rect(0, 0, 2000, 1000)),
                           ('640122002', '乙乡', pg_temp.rect(2000, 0, 3000, 999));
-- a 10 × 10 = 100 m² 子区 pointing to a 地籍区 640122003 that does not exist
INSERT INTO cnty.djzq VALUES ('640122001001', '甲村', '640122001', pg_temp.rect(0, 0, 1000, 1000)),
                             ('640122001002', '乙村', '640122001', pg_temp.rect(1000, 0, 2000, 1000)),
                             ('640122002001', '丙村', '640122002', pg_temp.rect(2000, 0, 3000, 1000)),
                             ('640122003001', '孤区', '640122003', pg_temp.rect(3000, 0, 3010, 10));
INSERT INTO cnty.cun VALUES ('640122001001', '甲村', '640122001', '640122001001', pg_temp.rect(0, 0, 1000, 1000)),
                            ('640122001002', '乙村', '640122001', '640122001002', pg_temp.rect(1000, 0, 2000, 1000)),
                            ('640122002001', '丙村', '640122002', '640122002001', pg_temp.rect(2000, 0, 3000, 999));
-- 甲村's groups: 组1 600 × 1000 = 600 000, 组2 400 × 1000 = 400 000
INSERT INTO cnty.zu VALUES ('64012200100101', '甲村一组', '640122001001', pg_temp.rect(0, 0, 600, 1000)),
                           ('64012200100102', '甲村二组', '640122001001', pg_temp.rect(600, 0, 1000, 1000));
INSERT INTO cnty.zd VALUES
 (1, 'group',    '640122001001', '64012200100101', '640122001001', '64012200100101', '640122001001', 400000.42, true, true),
 (2, 'group',    '640122001001', '64012200100102', '640122001001', '64012200100102', '640122001001', 300000.00, true, true),
 (3, 'village',  '640122001001', '64012200100101', '640122001001', NULL,             '640122001001', 150000.40, true, true),
 (4, 'state',    '640122001001', '64012200100101', NULL,           NULL,             '640122001001',  50000.37, true, false),
 (5, 'village',  '640122001001', '64012200100102', '640122001002', NULL,             '640122001002',  60000.40, true, false),
 (6, 'disputed', '640122001001', '64012200100102', NULL,           NULL,             '640122001001',  40000.00, true, false),
 (7, 'village',  '640122001002', NULL,             '640122001002', NULL,             '640122001002', 700000.00, true, true),
 (8, 'township', '640122001002', NULL,             NULL,           NULL,             '640122001002', 100000.00, true, false),
 (9, 'group',    '640122001002', NULL,             '640122001001', '64012200100101', '640122001001',  80000.40, false, false),
 (10, 'state',   '640122001002', NULL,             NULL,           NULL,             '640122001002', 120000.00, true, false),
 (11, 'village', '640122002001', NULL,             '640122002001', NULL,             '640122002001', 1000000.00, true, true);
INSERT INTO cnty.dltb (zd_id, dlbm, tbmj) VALUES
 (1, '0103', 250000.40), (1, '0301', 100000.40), (1, '0403', 49999.62),
 (2, '0102', 200000.00), (2, '0703', 99999.99),
 (3, '0601', 30000.40), (3, '1704', 120000.00),
 (4, '1202', 50000.37),
 (5, '0201', 60000.40),
 (6, '0401', 40000.00),
 (7, '0103', 500000.00), (7, '2302', 100000.00), (7, '0304', 99999.99), (7, '9999', 0.01),
 (8, '1001', 100000.00),
 (9, '0101', 80000.40),
 (10, '1201', 120000.00),
 (11, '0103', 333333.33), (11, '0301', 333333.33), (11, '2305', 333333.34);

--
-- 3a. 整体 = Σ部分 over the standard layers, every level in one call.
--   县 = Σ地籍区: 3 000 000 = 2 000 000 + 1 000 000                    → nothing
--   县 = Σ乡镇:   3 000 000 vs 2 000 000 + 999 000 = 2 999 000        → mismatch 1000
--   地籍区 = Σ子区: 甲镇 2 000 000 = 1 000 000 ×2, 乙乡 1 000 000 = 1 000 000;
--                 the 100 m² 子区 of 640122003                          → orphan
--   乡镇 = Σ村:   甲镇 2 000 000 = 1 000 000 ×2; 乙乡 999 000 = 999 000 → nothing
--   宗地 = Σ图斑: parcel 2: 300 000.00 vs 200 000.00 + 99 999.99        → mismatch 0.01
-- (geometric areas are compared to 0.01 m², recorded ones exactly)
SELECT * FROM jtsyq.sum_of_parts_errors('cnty');
-- the levels that print nothing above did run and their keys do match: the
-- same five levels with every whole's area raised by 1 m² make every whole
-- with parts a mismatch (keys that never matched would give childless):
--   县 = Σ地籍区:  3 000 001 − 3 000 000 = 1 (one whole)
--   县 = Σ乡镇:    3 000 001 − 2 999 000 = 1001
--   地籍区 = Σ地籍子区: 甲镇 2 000 001 − 2 000 000, 乙乡 1 000 001 − 1 000 000 → 1 ×2;
--                  the orphan 子区 of 640122003 as before
--   乡镇 = Σ村:    甲镇 2 000 001 − 2 000 000, 乙乡 999 001 − 999 000 → 1 ×2
--   宗地 = Σ图斑:  10 parcels 1 (whole = Σ patches), parcel 2 1.01
SELECT e.level, e.finding, e.difference, count(*) AS wholes
  FROM jtsyq.sum_of_parts_errors(ARRAY(
           SELECT ROW(l.level, l.parent_table, l.parent_key, '(' || l.parent_area || ') + 1',
                      l.child_table, l.child_key, l.child_area, l.tolerance)::jtsyq.area_level
             FROM unnest(jtsyq.survey_area_levels('cnty')) l)) e
 GROUP BY 1, 2, 3 ORDER BY e.level COLLATE "C", e.finding, e.difference;
-- a tolerance of 0.01 m² accepts parcel 2 (0.01 is not more than 0.01)
SELECT level, parent_key, finding FROM jtsyq.sum_of_parts_errors('cnty', 0.01);
-- levels built by hand (views serve for joins and filters): the 组
-- boundaries add up to 甲村, 600 000 + 400 000 = 1 000 000, and 乙村 and 丙村
-- have no groups at all, so they are childless (1 000 000 and 999 000)
SELECT * FROM jtsyq.sum_of_parts_errors(ARRAY[
    jtsyq.area_level('村 = Σ村民小组', 'cnty.cun', 'cundm', 'ST_Area(geom)', 'cnty.zu', 'cundm', 'ST_Area(geom)'),
    jtsyq.area_level('宗地 = Σ地类图斑', 'cnty.zd', 'id', 'zdmj', 'cnty.dltb', 'zd_id', 'tbmj')]);
-- the single-level form; the caller's search_path finds the tables
SET search_path = cnty, public;
SELECT * FROM jtsyq.sum_of_parts_errors('zd', 'id', 'zdmj', 'dltb', 'zd_id', 'tbmj', 0.001);
RESET search_path;

-- every kind of finding, on tiny tables:
--   whole 1 (10) = 4 + 6                   → fine
--   whole 2 (10) vs 4 + 5 = 9              → mismatch, difference 1
--   whole 3 (7), no parts                  → childless (0 parts, difference 7)
--   whole 4 twice                          → duplicate_parent
--   whole 5 with NULL area                 → area_null
--   whole 6 (3) with a part of NULL area   → area_null
--   whole with NULL key                    → parent_key_null
--   parts of 9 (2.5 + 0.5) and of NULL (1) → orphans
CREATE TEMP TABLE t_whole (k int, a numeric);
CREATE TEMP TABLE t_part (k int, a numeric);
INSERT INTO t_whole VALUES (1, 10), (2, 10), (3, 7), (4, 1), (4, 1), (5, NULL), (6, 3), (NULL, 8);
INSERT INTO t_part VALUES (1, 4), (1, 6), (2, 4), (2, 5), (4, 2), (5, 1), (6, NULL), (6, 3), (9, 2.5), (9, 0.5), (NULL, 1);
SELECT * FROM jtsyq.sum_of_parts_errors('t_whole', 'k', 'a', 't_part', 'k', 'a');
-- expressions: keys and areas can be computed (parts counted double here,
-- so whole 1 is 10 vs 20)
SELECT level, parent_key, parent_area, children_area, difference, finding
  FROM jtsyq.sum_of_parts_errors('t_whole', 'k', 'a', 't_part', 'k', 'a * 2')
 WHERE parent_key = '1';
-- bad input
SELECT pg_temp.err($$SELECT * FROM jtsyq.sum_of_parts_errors('t_whole', 'k', 'a', 't_part', 'k', 'a', -1)$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.sum_of_parts_errors('t_whole', 'k', NULL, 't_part', 'k', 'a')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.sum_of_parts_errors('no_such_table', 'k', 'a', 't_part', 'k', 'a')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.sum_of_parts_errors('t_whole', 'no_such_column', 'a', 't_part', 'k', 'a')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.sum_of_parts_errors(ARRAY[NULL::jtsyq.area_level])$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.sum_of_parts_errors('no_such_schema')$$);
SELECT pg_temp.err($$SELECT jtsyq.area_level('x', 't_whole', 'k', 'a', 't_part', 'k', 'a', -0.5)$$);
SELECT count(*) FROM jtsyq.sum_of_parts_errors(NULL::jtsyq.area_level[]);
-- an empty list of levels checks nothing: no rows
SELECT count(*) FROM jtsyq.sum_of_parts_errors(ARRAY[]::jtsyq.area_level[]);
SELECT pg_temp.err($$SELECT jtsyq.area_level(NULL, 't_whole', 'k', 'a', 't_part', 'k', 'a')$$);
SELECT pg_temp.err($$SELECT jtsyq.area_level('x', 't_whole', 'k', NULL, 't_part', 'k', 'a')$$);
DROP TABLE t_whole, t_part;

--
-- 3b. 以村为单位的土地利用现状分类面积汇总表 (by the village the land lies in).
--
-- m² per village (exact sums of the patches):
--   甲村 (parcels 1–6): 01 450 000.40 (0102 200 000.00 + 0103 250 000.40), 02 60 000.40,
--        03 100 000.40, 04 89 999.62 (0401 40 000.00 + 0403 49 999.62), 06 30 000.40,
--        07 99 999.99, 12 50 000.37, 17 120 000.00                       Σ 1 000 001.58
--   乙村 (7–10): 01 580 000.40 (0101 80 000.40 + 0103 500 000.00), 03 99 999.99,
--        10 100 000.00, 12 120 000.00, 23 100 000.00, unknown 9999 0.01   Σ 1 000 000.40
--   丙村 (11): 01 333 333.33, 03 333 333.33, 23 333 333.34                Σ 1 000 000.00
--   甲镇 = 2 000 001.98, 乙乡 = 1 000 000.00, county = 3 000 001.98
-- 公顷 to 4 decimals: one step is 0.0001 ha = 1 m², so rounding a figure is
-- rounding its m² to a whole number, and the balancing runs:
--   county 3 000 001.98 → 3 000 002 = 300.0002
--   townships 2 000 001.98 → 2 000 002, 1 000 000 → 1 000 000: Σ = 3 000 002, no change
--   甲镇's villages 1 000 001.58 → 1 000 002, 1 000 000.40 → 1 000 000: Σ = 2 000 002, no change
--   甲村 first level, control 1 000 002: 450 000 + 60 000 + 100 000 + 90 000 + 30 000
--        + 100 000 + 50 000 + 120 000 = 1 000 000 → D = +2; every share 2·w/1 000 000 < 1,
--        so both steps are remainder: to the largest, 01 (450 000), then 17 (120 000):
--        01 = 45.0001, 17 = 12.0001
--   甲村 01 second level, control 450 001: 0102 200 000 + 0103 250 000 (250 000.40) =
--        450 000 → one step to the largest, 0103 = 25.0001; 17: 1704 = 12.0001;
--        04: 0401 40 000 + 0403 50 000 (49 999.62) = 90 000, no change
--   乙村 first level, control 1 000 000: 580 000 + 100 000 + 100 000 + 120 000
--        + 100 000 + 0 (0.01) = 1 000 000, no change
--   丙村 first level, control 1 000 000: 333 333 ×3 = 999 999 → one step to the
--        largest; all equal, first key '01': 01 = 33.3334, 03 = 23 = 33.3333
--   township and county rows are column sums of their villages, e.g. county
--        01 = 45.0001 + 58.0000 + 33.3334 = 136.3335
-- 亩 (× 0.0015, 2 decimals): county 4500.00297 → 4500.00; 甲镇 3000.00297 → 3000.00,
--   乙乡 1500.00; 甲村 1500.00237 → 1500.00, 乙村 1500.0006 → 1500.00; 甲村's first
--   level 675.0006 + 90.0006 + 150.0006 + 134.99943 + 45.0006 + 149.999985 + 75.000555
--   + 180 → 675.00 + 90.00 + 150.00 + 135.00 + 45.00 + 150.00 + 75.00 + 180.00 = 1500.00,
--   no change; 丙村 499.999995 ×2, 500.00001 → 500.00 ×3 = 1500.00, no change.
CREATE VIEW cnty.tb_by_location AS
SELECT t.dlbm, t.tbmj, z.zl_cun AS cundm, c.xzdm
  FROM cnty.dltb t JOIN cnty.zd z ON z.id = t.zd_id JOIN cnty.cun c ON c.cundm = z.zl_cun;
SELECT row_kind, township_key, village_key, col, code, name, level, area_m2, area_ha, area_mu
  FROM jtsyq.landuse_summary('cnty.tb_by_location', 'cundm', 'dlbm', 'tbmj', 'xzdm')
 WHERE area_m2 <> 0 OR col = 0;
-- the printed table adds up everywhere: in every row Σ first-level columns
-- = total and Σ second-level columns of a class = that class, in all three
-- units; township rows = Σ villages, county = Σ townships; 1 + 24 + 111 + 1
-- (the unknown code's column) = 137 columns per row
WITH s AS (SELECT * FROM jtsyq.landuse_summary('cnty.tb_by_location', 'cundm', 'dlbm', 'tbmj', 'xzdm')),
l1 AS (SELECT row_kind, township_key, village_key,
              sum(area_m2) FILTER (WHERE level = 1) = max(area_m2) FILTER (WHERE col = 0)
          AND sum(area_ha) FILTER (WHERE level = 1) = max(area_ha) FILTER (WHERE col = 0)
          AND sum(area_mu) FILTER (WHERE level = 1) = max(area_mu) FILTER (WHERE col = 0) AS ok,
              count(*) AS cols
         FROM s GROUP BY 1, 2, 3),
l2 AS (SELECT s1.row_kind, s1.township_key, s1.village_key, s1.code,
              s1.area_m2 = coalesce(sum(s2.area_m2), s1.area_m2)
          AND s1.area_ha = coalesce(sum(s2.area_ha), s1.area_ha)
          AND s1.area_mu = coalesce(sum(s2.area_mu), s1.area_mu) AS ok
         FROM s s1 LEFT JOIN s s2 ON s2.level = 2 AND s2.row_kind = s1.row_kind
              AND s2.township_key IS NOT DISTINCT FROM s1.township_key
              AND s2.village_key IS NOT DISTINCT FROM s1.village_key
              AND s2.col > s1.col AND left(s2.code, 2) = s1.code
        WHERE s1.level = 1 AND s1.code IS NOT NULL
        GROUP BY 1, 2, 3, 4, s1.area_m2, s1.area_ha, s1.area_mu),
up AS (SELECT u.row_kind, u.col,
              u.area_ha = sum(d.area_ha) AND u.area_m2 = sum(d.area_m2) AND u.area_mu = sum(d.area_mu) AS ok
         FROM s u JOIN s d ON d.col = u.col
              AND ((u.row_kind = '县' AND d.row_kind = '乡镇')
                OR (u.row_kind = '乡镇' AND d.row_kind = '村' AND d.township_key = u.township_key))
        GROUP BY u.row_kind, u.township_key, u.col, u.area_ha, u.area_m2, u.area_mu)
SELECT (SELECT bool_and(ok) FROM l1) AS rows_add_up,
       (SELECT min(cols) || '-' || max(cols) FROM l1) AS columns,
       (SELECT bool_and(ok) FROM l2) AS classes_add_up,
       (SELECT count(*) FROM l2) AS first_level_cells,
       (SELECT bool_and(ok) FROM up) AS upper_rows_are_sums;
-- the first-level table of 丙村 (class_level 1), no townships: 1 + 24 columns
SELECT row_kind, village_key, col, code, name, area_ha
  FROM jtsyq.landuse_summary('cnty.tb_by_location', 'cundm', 'dlbm', 'tbmj', class_level => 1)
 WHERE village_key = '640122002001' AND (area_m2 <> 0 OR col IN (0, 24));
-- 三调 working classification and the extra columns, on four patches of one
-- village: 0404 其他草地 10.00, 0201K 可调整果园 2.50 (counted under 0201),
-- 09 特殊用地 (first level only, no second-level classes: no extra column),
-- and 04 coded only to the first level 1.25 → column "草地(未细分到二级类)"
CREATE TEMP TABLE t_sd (v text, c text, a numeric);
INSERT INTO t_sd VALUES ('v', '0404', 10.00), ('v', '0201K', 2.50), ('v', '09', 3.00), ('v', '04', 1.25);
SELECT col, code, name, level, area_m2
  FROM jtsyq.landuse_summary('t_sd', 'v', 'c', 'a', scheme => 'sandiao')
 WHERE row_kind = '村' AND (area_m2 <> 0 OR col = 0);
SELECT count(*) AS columns FROM jtsyq.landuse_summary('t_sd', 'v', 'c', 'a', scheme => 'sandiao') WHERE row_kind = '县';
SELECT pg_temp.err($$SELECT * FROM jtsyq.landuse_summary('t_sd', 'v', 'c', 'a', scheme => 'tdt1055')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.landuse_summary('t_sd', 'v', 'c', 'a', class_level => 3)$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.landuse_summary('t_sd', NULL, 'c', 'a')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.landuse_summary('t_sd', 'v', 'no_such_column', 'a')$$);
DROP TABLE t_sd;
-- slivers: classes whose every second-level part rounds to zero in a unit
-- while the class itself rounds to one step or more.  One village:
--   0101 0.20 + 0103 0.40 = 01 0.60;  0301 1000.00 = 03;  1202 1.50 + 1207 2.50 = 12 4.00
--   total 1004.60 m²
-- 公顷 (m² / 10000, 4 decimals): total 0.10046 → 0.1005; first level 01 0.00006 → 0.0001,
--   03 0.1000, 12 0.0004: Σ 0.1005, no change.  Under 01 (0.0001): 0101 0.00002 and
--   0103 0.00004 both → 0.0000: the step goes by the unrounded parts, shares 1/3 and
--   2/3 → quotients 0, remainder to the larger: 0103 0.0001 (by key it would be 0101).
--   Under 12 (0.0004): 1202 0.00015 → 0.0002, 1207 0.00025 → 0.0003, Σ 0.0005: D = −1,
--   shares −0.4, −0.6 → remainder −1 to the larger rounded part: 1207 0.0002, 1202 0.0002.
-- 亩 (m² × 0.0015, 2 decimals): total 1.5069 → 1.51; 01 0.0009 → 0.00, 03 1.50,
--   12 0.006 → 0.01: Σ 1.51, no change.  Under 01 (0.00): nothing to share.  Under 12
--   (0.01): 1202 0.00225 and 1207 0.00375 both → 0.00; shares 0.375, 0.625 → the step
--   to the larger unrounded part: 1207 0.01, 1202 0.00 (by key it would be 1202).
-- (Before the fix both units raised 22023 "every part is zero".)
CREATE TEMP TABLE t_sl (v text, c text, a numeric);
INSERT INTO t_sl VALUES ('v', '1202', 1.50), ('v', '1207', 2.50), ('v', '0101', 0.20), ('v', '0103', 0.40),
                        ('v', '0301', 1000.00);
SELECT col, code, area_m2, area_ha, area_mu FROM jtsyq.landuse_summary('t_sl', 'v', 'c', 'a')
 WHERE row_kind = '村' AND area_m2 <> 0 ORDER BY col;
DROP TABLE t_sl;
-- a patch with a NULL area is left out without a finding (sum_of_parts_errors
-- reports it as area_null), also when every patch of a class (0301) or of a
-- village (w) has none: v = 0101 10 + 0103 5 = 15.00, no column 03, no row w
CREATE TEMP TABLE t_na (v text, c text, a numeric);
INSERT INTO t_na VALUES ('v', '0101', 10), ('v', '0101', NULL), ('v', '0103', 5), ('v', '0301', NULL),
                        ('w', '0101', NULL);
SELECT row_kind, village_key, col, code, area_m2 FROM jtsyq.landuse_summary('t_na', 'v', 'c', 'a')
 WHERE area_m2 <> 0 OR col = 0;
DROP TABLE t_na;

--
-- 3c. 集体土地所有权宗地分类面积调查表 (m²): each parcel's patches by 三大类,
-- 农用地 split into 耕地 (01), 林地 (03), 草地 (04, only its 农用地 classes)
-- and 其他; balanced to zdmj.
--   1: 0103 耕 250 000.40, 0301 林 100 000.40 → 农 350 000.80; 0403 其他草地 →
--      未利用 49 999.62; Σ 400 000.42 = zdmj, no change
--   2: 0102 耕 200 000.00, 0703 建设 99 999.99 = 299 999.99 vs 300 000.00: D = 1 step,
--      shares < 1, the remainder to the largest: 农用地 200 000.01, and within it
--      耕地 200 000.01
--   3: 0601 农村道路 (06 农业设施建设用地, 农用地 → 其他) 30 000.40 + 1704 坑塘 (农用地,
--      其他) 120 000.00 = 农 150 000.40
--   5: 0201 果园 → 其他 60 000.40;  6: 0401 天然牧草地 → 草地 40 000.00
--   7: 0103 耕 500 000.00, 0304 林 99 999.99 → 农 599 999.99; 2302 后备耕地 (no 三大类)
--      100 000.00 + 9999 (unknown) 0.01 → unclassified 100 000.01
--  11: 耕 333 333.33, 林 333 333.33 → 农 666 666.66; 2305 沙地 未利用 333 333.34
SELECT * FROM jtsyq.parcel_class_areas('cnty.zd', 'id', 'zdmj', 'cnty.dltb', 'zd_id', 'dlbm', 'tbmj');
-- 公顷: parcel 1, control 400 000.42 m² → 40.0000 (400 000 steps): 农 350 000.80 → 350 001,
--   未利用 49 999.62 → 50 000; Σ 400 001 → D = −1, shares > −1 → the remainder to the
--   largest: 农 35.0000, 未利用 5.0000; within 农 (control 350 000): 耕 250 000.40 →
--   250 000, 林 100 000.40 → 100 000, no change: 25.0000, 10.0000.
-- parcel 11, control 100.0000: 农 666 666.66 → 666 667, 未利用 333 333.34 → 333 333,
--   Σ 1 000 000, no change; within 农 (666 667): 耕 333 333 + 林 333 333 = 666 666 →
--   one step, tie → key '1' (耕地): 33.3334, 33.3333.
SELECT * FROM jtsyq.parcel_class_areas('cnty.zd', 'id', 'zdmj', 'cnty.dltb', 'zd_id', 'dlbm', 'tbmj', unit => 'ha')
 WHERE parcel IN ('1', '2', '11');
-- a parcel with no patches keeps its whole area, as unclassified; one with
-- no recorded area is balanced to its patches
CREATE TEMP TABLE t_zd (id int, mj numeric);
CREATE TEMP TABLE t_tb (zd int, c text, a numeric);
INSERT INTO t_zd VALUES (1, 12.34), (2, NULL);
INSERT INTO t_tb VALUES (2, '0101', 1.111), (2, '1001', 2.222);
-- parcel 2: 1.111 + 2.222 = 3.333 → control 3.33; parts 1.11 + 2.22 = 3.33, no change
SELECT * FROM jtsyq.parcel_class_areas('t_zd', 'id', 'mj', 't_tb', 'zd', 'c', 'a');
INSERT INTO t_zd VALUES (1, 1);
SELECT pg_temp.err($$SELECT * FROM jtsyq.parcel_class_areas('t_zd', 'id', 'mj', 't_tb', 'zd', 'c', 'a')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.parcel_class_areas('t_zd', 'id', 'mj', 't_tb', 'zd', 'c', 'a', unit => 'acre')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.parcel_class_areas('t_zd', 'id', 'mj', 't_tb', 'zd', 'c', 'a', scheme => 'tdt1055')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.parcel_class_areas('t_zd', 'id', NULL, 't_tb', 'zd', 'c', 'a')$$);
DROP TABLE t_zd, t_tb;
-- slivers in 亩: parcel 1 of 1004.00 m², patches 0103 耕 1.00, 0301 林 3.00, 1001 建设 1000.00.
--   control 1004 × 0.0015 = 1.506 → 1.51; 农 4.00 m² = 0.006 → 0.01, 建设 1.50: Σ 1.51,
--   no change.  Within 农 (0.01): 耕 0.0015 and 林 0.0045 both → 0.00: the step goes by
--   the unrounded parts, shares 0.25 and 0.75 → to 林地: 0.00 / 0.01.
-- The patch of parcel 99, which does not exist, is left out without a finding
-- (sum_of_parts_errors reports it as an orphan): no row 99, nothing added to 1.
CREATE TEMP TABLE t_zd (id int, mj numeric);
CREATE TEMP TABLE t_tb (zd int, c text, a numeric);
INSERT INTO t_zd VALUES (1, 1004.00);
INSERT INTO t_tb VALUES (1, '0103', 1.00), (1, '0301', 3.00), (1, '1001', 1000.00), (99, '0101', 7.00);
SELECT * FROM jtsyq.parcel_class_areas('t_zd', 'id', 'mj', 't_tb', 'zd', 'c', 'a', unit => 'mu');
SELECT * FROM jtsyq.parcel_class_areas('t_zd', 'id', 'mj', 't_tb', 'zd', 'c', 'a');
SELECT pg_temp.err($$SELECT * FROM jtsyq.parcel_class_areas('t_zd', 'id', 'mj', 't_tb', 'zd', 'no_such_column', 'a')$$);
DROP TABLE t_zd, t_tb;

--
-- 3d. 集体土地所有权登记发证情况统计表 (§13.4.1).  In scope: every parcel that
-- is not state land (1, 2, 3, 5, 6, 7, 8, 9, 11), by the village it lies in.
-- Parcel 9 is not yet surveyed; 1, 2, 3, 7, 11 are registered; 6 is disputed.
--   甲村 (1, 2, 3, 5, 6): to survey 5 / 400 000.42 + 300 000 + 150 000.40 + 60 000.40
--        + 40 000 = 950 001.22; surveyed the same; to register (not 6) 4 / 910 001.22;
--        registered (1, 2, 3) 3 / 850 000.82; disputed 1 / 40 000.00
--        rates: 100 %, 100 %, 3/4 = 75.00 %, 850 000.82 / 910 001.22 = 93.4066 → 93.41 %
--   乙村 (7, 8, 9): 3 / 880 000.40; surveyed (7, 8) 2 / 800 000.00; to register 3 /
--        880 000.40; registered (7) 1 / 700 000.00; disputed 0
--        rates: 2/3 = 66.67 %, 800 000 / 880 000.40 = 90.9090 → 90.91 %, 1/3 = 33.33 %,
--        700 000 / 880 000.40 = 79.5454 → 79.55 %
--   丙村 (11): 1 / 1 000 000 everywhere, 100 %
--   甲镇 = 甲村 + 乙村: 8 / 1 830 001.62; 7 / 1 750 001.22; 7 / 1 790 001.62; 4 / 1 550 000.82;
--        1 / 40 000; rates 87.50 %, 95.6284 → 95.63 %, 57.14 %, 86.5921 → 86.59 %
--   county: 9 / 2 830 001.62; 8 / 2 750 001.22; 8 / 2 790 001.62; 5 / 2 550 000.82; 1 / 40 000;
--        rates 88.89 %, 97.1731 → 97.17 %, 62.50 %, 91.3978 → 91.40 %
-- 公顷, balanced per column, e.g. "to survey": county 2 830 001.62 → 2 830 002 steps
--   (283.0002); townships 1 830 001.62 → 1 830 002 and 1 000 000: Σ = 2 830 002, no
--   change; 甲镇's villages 950 001.22 → 950 001 and 880 000.40 → 880 000: Σ 1 830 001
--   against 1 830 002 → one step to the larger, 甲村: 95.0002, 乙村 88.0000.
--   "to register": 1 790 001.62 → 1 790 002 vs 910 001 + 880 000 = 1 790 001 → 甲村 91.0002.
--   "surveyed": 1 750 001.22 → 1 750 001 = 950 001 + 800 000, no change: 95.0001, 80.0000.
--   "registered": 1 550 000.82 → 1 550 001 = 850 001 + 700 000, no change: 85.0001, 70.0000.
CREATE VIEW cnty.registration AS
SELECT z.*, c.xzdm, z.kind = 'disputed' AS disputed
  FROM cnty.zd z JOIN cnty.cun c ON c.cundm = z.zl_cun WHERE z.kind <> 'state';
SELECT * FROM jtsyq.registration_statistics('cnty.registration', 'zl_cun', 'zdmj', 'surveyed',
                                            'registered', 'disputed', 'xzdm');
-- in m², without townships
SELECT row_kind, village_key, area_to_survey, area_surveyed, area_to_register, area_registered, area_disputed
  FROM jtsyq.registration_statistics('cnty.registration', 'zl_cun', 'zdmj', 'surveyed',
                                     'registered', 'disputed', unit => 'm2');
-- NULL areas count as 0 and NULL flags as false, without a finding; a village
-- with nothing to register has NULL registration rates (0 / 0).
--   v: (10, s, r NULL, d f), (NULL, s, r, d f), (5, NULL, NULL, NULL):
--      to survey 3 / 15.00; surveyed 2 / 10.00; to register (not disputed) 3 / 15.00;
--      registered 1 / 0.00 (its area is NULL); disputed 0;
--      rates 2/3 = 66.67, 10/15 = 66.67, 1/3 = 33.33, 0/15 = 0.00
--   w: (4, s, r, d): 1 / 4.00 everywhere but to register 0 / 0.00, registered 0 / 0.00,
--      disputed 1 / 4.00; rates 100.00, 100.00, NULL, NULL
--   county: 4 / 19.00; 3 / 14.00; 3 / 15.00; 1 / 0.00; 1 / 4.00;
--      rates 3/4 = 75.00, 14/19 = 73.684 → 73.68, 1/3 = 33.33, 0.00
CREATE TEMP TABLE t_rs (v text, a numeric, s boolean, r boolean, d boolean, txt text);
INSERT INTO t_rs VALUES ('v', 10, true, NULL, false, 'x'), ('v', NULL, true, true, false, 'x'),
                        ('v', 5, NULL, NULL, NULL, 'x'), ('w', 4, true, true, true, 'x');
SELECT * FROM jtsyq.registration_statistics('t_rs', 'v', 'a', 's', 'r', 'd', unit => 'm2');
SELECT pg_temp.err($$SELECT * FROM jtsyq.registration_statistics('t_rs', 'v', 'a', 's', 'r', 'd', unit => 'acre')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.registration_statistics('t_rs', NULL, 'a', 's', 'r', 'd')$$);
-- flags: a numeric column cannot be cast to boolean; a text one is cast row by row
SELECT pg_temp.err($$SELECT * FROM jtsyq.registration_statistics('t_rs', 'v', 'a', 'a', 'r', 'd')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.registration_statistics('t_rs', 'v', 'a', 'txt', 'r', 'd')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.registration_statistics('t_rs', 'v', 'a', 's', 'no_such_column', 'd')$$);
DROP TABLE t_rs;

--
-- 3e. 本村农民集体土地总面积 = 村土地总面积 − 国有 − 乡集体 − 邻村飞入地 + 本村飞出地
-- Village level: a parcel's owner is its owning village (village and group land).
--   甲村: lies there: 1, 2, 3, 4, 5, 6 = 1 000 001.59; 国有 4 = 50 000.37; 乡集体 0;
--         飞入 5 (乙村's) = 60 000.40; 飞出 9 = 80 000.40; disputed 6 = 40 000.00
--         formula 1 000 001.59 − 50 000.37 − 60 000.40 + 80 000.40 = 970 001.22
--         owned 1 + 2 + 3 + 9 = 930 001.22; difference 40 000.00 = the disputed land
--   乙村: 7, 8, 9, 10 = 1 000 000.40; 国有 120 000; 乡集体 100 000; 飞入 9 = 80 000.40;
--         飞出 5 = 60 000.40; formula 1 000 000.40 − 120 000 − 100 000 − 80 000.40
--         + 60 000.40 = 760 000.40 = owned 7 + 5; difference 0
--   丙村: 1 000 000.00, all its own; difference 0
SELECT * FROM jtsyq.collective_land_formula('cnty.zd', 'zl_cun', 'qs_cun', 'kind', 'zdmj');
-- in 公顷 every term is rounded first (1 000 001.59 → 100.0002, 50 000.37 → 5.0000,
-- 60 000.40 → 6.0000, 80 000.40 → 8.0000) and the formula evaluated on the printed
-- terms: 甲村 100.0002 − 5.0000 − 6.0000 + 8.0000 = 97.0002; owned 93.000122 → 93.0001;
-- difference 4.0001 (the disputed 4.0000 plus rounding)
SELECT * FROM jtsyq.collective_land_formula('cnty.zd', 'zl_cun', 'qs_cun', 'kind', 'zdmj', unit => 'ha')
 WHERE unit_id = '640122001001';
-- with the village boundaries as 村土地总面积 (ST_Area of the cun layer): 甲村 and 乙村
-- 1 000 000 each, 丙村 999 000.  甲村 1 000 000 − 50 000.37 − 60 000.40 + 80 000.40 =
-- 969 999.63, difference to owned 930 001.22 = 39 998.41 = disputed 40 000 − 1.59
-- (the parcels exceed the boundary by 1.59 m²); 乙村 1 000 000 − 120 000 − 100 000
-- − 80 000.40 + 60 000.40 = 760 000.00, difference −0.40; 丙村 999 000 vs 1 000 000
-- owned: −1000 (the boundary lost its 1 m strip)
SELECT unit_id, total_area, collective_area, owned_area, difference
  FROM jtsyq.collective_land_formula('cnty.zd', 'zl_cun', 'qs_cun', 'kind', 'zdmj',
                                     'cnty.cun', 'cundm', 'ST_Area(geom)');
-- One level down, the groups of 甲村: owner = the owning group for group
-- land, the owning village when it is another village's, NULL for 甲村's
-- own village-collective land.
--   组1: lies there 1, 3, 4 = 400 000.42 + 150 000.40 + 50 000.37 = 600 001.19;
--        国有 50 000.37; 村集体 (3) 150 000.40; 飞出 9 = 80 000.40
--        600 001.19 − 50 000.37 − 150 000.40 + 80 000.40 = 480 000.82 = owned 1 + 9
--   组2: 2, 5, 6 = 300 000 + 60 000.40 + 40 000 = 400 000.40; 飞入 5 (乙村's) 60 000.40
--        400 000.40 − 60 000.40 = 340 000.00; owned 2 = 300 000; difference 40 000 (disputed)
CREATE VIEW cnty.zd_groups AS
SELECT id, kind, zdmj, coalesce(zl_zu, zl_cun) AS zl,
       CASE WHEN kind = 'group' THEN qs_zu WHEN qs_cun <> '640122001001' THEN qs_cun END AS qs
  FROM cnty.zd WHERE zl_cun = '640122001001' OR qs_cun = '640122001001';
SELECT * FROM jtsyq.collective_land_formula('cnty.zd_groups', 'zl', 'qs', 'kind', 'zdmj')
 WHERE unit_id LIKE '6401220010010_';
CREATE TEMP TABLE t_bad (loc text, kind text, a numeric);
INSERT INTO t_bad VALUES ('v', 'collective', 1);
SELECT pg_temp.err($$SELECT * FROM jtsyq.collective_land_formula('t_bad', 'loc', 'NULL', 'kind', 'a')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.collective_land_formula('t_bad', 'loc', 'NULL', 'kind', 'a', 'cnty.cun')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.collective_land_formula('t_bad', 'loc', 'NULL', 'kind', 'a', unit => 'acre')$$);
SELECT pg_temp.err($$SELECT * FROM jtsyq.collective_land_formula('t_bad', 'loc', 'NULL', NULL, 'a')$$);
-- a row whose kind is NULL is refused like any other unknown kind
UPDATE t_bad SET kind = NULL;
SELECT pg_temp.err($$SELECT * FROM jtsyq.collective_land_formula('t_bad', 'loc', 'NULL', 'kind', 'a')$$);
DROP TABLE t_bad;

--
-- 3f. Balancing level by level with the window function: county → village
-- → parcel → land classes, in 公顷, each level's balanced figure the next
-- level's control.  Hand values at the top: county Σ zdmj = 3 000 001.99 m²
-- → 300.0002; villages (where the parcels lie) 甲村 1 000 001.59 → 1 000 002,
-- 乙村 1 000 000.40 → 1 000 000, 丙村 1 000 000: Σ 3 000 002, no change; 丙村's
-- only parcel 11 = 100.0000, its classes 01, 03, 23 as in 3b (33.3334, 33.3333,
-- 33.3333).  Below the villages the invariants are checked on every whole.
WITH cty AS (SELECT sum(zdmj) AS m2 FROM cnty.zd),
v AS (SELECT zl_cun, sum(zdmj) AS m2 FROM cnty.zd GROUP BY 1),
vb AS (SELECT v.zl_cun, v.m2, jtsyq.balanced_area(v.m2 / 10000, cty.m2 / 10000, v.zl_cun, 4) OVER () AS ha
         FROM v, cty),
zb AS (SELECT z.id, z.zl_cun, z.zdmj, vb.ha AS control,
              jtsyq.balanced_area(z.zdmj / 10000, vb.ha, z.id::text, 4) OVER (PARTITION BY z.zl_cun) AS ha
         FROM cnty.zd z JOIN vb USING (zl_cun)),
c AS (SELECT t.zd_id, l.level1, sum(t.tbmj) AS m2
        FROM cnty.dltb t LEFT JOIN jtsyq.land_class l ON l.scheme = 'yydh2023' AND l.code = t.dlbm
       GROUP BY 1, 2),
cb AS (SELECT c.zd_id, c.level1, zb.ha AS control,
              jtsyq.balanced_area(c.m2 / 10000, zb.ha, c.level1, 4) OVER (PARTITION BY c.zd_id) AS ha
         FROM c JOIN zb ON zb.id = c.zd_id)
SELECT (SELECT round(m2 / 10000, 4) FROM cty) AS county_ha,
       (SELECT string_agg(zl_cun || '=' || ha, ' ' ORDER BY zl_cun) FROM vb) AS villages,
       (SELECT sum(ha) FROM vb) = (SELECT round(m2 / 10000, 4) FROM cty) AS villages_sum,
       (SELECT bool_and(s = control) FROM (SELECT zl_cun, control, sum(ha) AS s FROM zb GROUP BY 1, 2) x) AS parcels_sum,
       (SELECT bool_and(s = control) FROM (SELECT zd_id, control, sum(ha) AS s FROM cb GROUP BY 1, 2) x) AS classes_sum,
       (SELECT string_agg(level1 || '=' || ha, ' ' ORDER BY level1) FROM cb WHERE zd_id = 11) AS parcel_11;

DROP SCHEMA cnty CASCADE;
