--
-- Unit codes: allocation of 宗地顺序号 (next_zdsxh, note_zdsxh,
-- seed_zdsxh_counter, the bdcdyh_guard trigger) and the code history
-- (新旧代码对照表: bdcdyh_history, record_code_change, current_codes,
-- origin_codes, code_lineage).  Concurrency is in
-- test/isolation/specs/zdsxh_alloc.spec.
--
-- Expected values were worked out by hand from the rules (DB64/T 2020-2024
-- §6.5.2: a changed parcel gets the next number after the largest used in
-- its 地籍子区 for its 宗地特征码; a retired code is never used again) and
-- from the scenario's own steps, written next to each query.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;
SET search_path = public, jtsyq;
SET DateStyle = ISO;
\set VERBOSITY default
\set SHOW_CONTEXT never
-- the tables belong to the extension: start from empty ones (and ids from 1)
TRUNCATE jtsyq.bdcdyh_history, jtsyq.zdsxh_counter, jtsyq._bdcdyh_history_lock RESTART IDENTITY;

CREATE FUNCTION pg_temp.try_sql(q text, OUT state text, OUT message text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    state := 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
END
$$;

--
-- next_zdsxh: largest used + 1, per 地籍子区 and 宗地特征码
--
SELECT next_zdsxh('640104003002', 'JA') AS first,               -- 1
       next_zdsxh('640104003002', 'JA') AS second,              -- 2
       next_zdsxh('640104003002', 'JB') AS other_feature_code,  -- 1
       next_zdsxh('640104003001', 'JA') AS other_subdistrict,   -- 1
       next_zdsxh('640104003002', 'JA') AS third;               -- 3
-- a rolled-back allocation leaves no gap: 4 is handed out again
BEGIN;
SELECT next_zdsxh('640104003002', 'JA') AS rolled_back;         -- 4
ROLLBACK;
SELECT next_zdsxh('640104003002', 'JA') AS after_rollback;      -- 4
BEGIN;
SAVEPOINT s;
SELECT next_zdsxh('640104003002', 'JA') AS in_savepoint;        -- 5
ROLLBACK TO s;
SELECT next_zdsxh('640104003002', 'JA') AS after_savepoint;     -- 5
COMMIT;
SELECT * FROM jtsyq.zdsxh_counter ORDER BY 1, 2;
-- bad keys (22023), NULL in NULL out
SELECT what, r.*
  FROM (VALUES
    ('short 子区 code', $$SELECT jtsyq.next_zdsxh('64010400300', 'JA')$$),
    ('bad province',   $$SELECT jtsyq.next_zdsxh('990104003002', 'JA')$$),
    ('bad 特征码',      $$SELECT jtsyq.next_zdsxh('640104003002', 'JK')$$),
    ('lower case',     $$SELECT jtsyq.next_zdsxh('640104003002', 'ja')$$),
    ('empty 特征码',    $$SELECT jtsyq.next_zdsxh('640104003002', '')$$)) v(what, q),
       LATERAL pg_temp.try_sql(q) r;
SELECT next_zdsxh(NULL, 'JA') IS NULL AS null_in_null_out,
       next_zdsxh('640104003002', NULL) IS NULL AS null_feature_code;
-- past 99999: a clear error, and the counter stays at 99999
SELECT next_zdsxh('640104003009', 'JA') AS first_in_009;        -- 1
UPDATE jtsyq.zdsxh_counter SET last_zdsxh = 99998 WHERE djzqdm = '640104003009';
SELECT next_zdsxh('640104003009', 'JA') AS last_one;            -- 99999
SELECT next_zdsxh('640104003009', 'JA');
\set VERBOSITY sqlstate
SELECT next_zdsxh('640104003009', 'JA');
\set VERBOSITY default
SELECT last_zdsxh FROM jtsyq.zdsxh_counter WHERE djzqdm = '640104003009';

--
-- Seeding from codes already registered, and noting codes entered directly
--
CREATE TABLE legacy_zd (code text);
INSERT INTO legacy_zd VALUES
  ('640104003007JA00017W00000000'), ('640104003007JA00042W00000000'),
  ('640104003007JA00042W00000000'),                  -- a duplicate: harmless
  ('640104003007JB00005W00000000'), ('640104003007GB00101F00010001'),
  ('640104003007JA0099W00000000'),                   -- invalid: skipped
  (NULL);
-- three counters: 003007 JA 42, JB 5, GB 101
SELECT seed_zdsxh_counter('legacy_zd', 'code') AS counters_seeded;
SELECT * FROM jtsyq.zdsxh_counter WHERE djzqdm = '640104003007' ORDER BY 2;
SELECT next_zdsxh('640104003007', 'JA') AS after_42,            -- 43
       next_zdsxh('640104003007', 'JB') AS after_5;             -- 6
-- seeding again never lowers a counter
SELECT seed_zdsxh_counter('legacy_zd', 'code') AS raised_again; -- 0
-- the column may also be jtsyq.bdcdyh, and is 'bdcdyh' by default
CREATE TABLE registered (bdcdyh jtsyq.bdcdyh);
INSERT INTO registered VALUES ('640104003007JA00077W00000000');
SELECT seed_zdsxh_counter('registered') AS raised;              -- 1
SELECT next_zdsxh('640104003007', 'JA') AS after_77;            -- 78
-- note_zdsxh raises, never lowers
SELECT note_zdsxh('640104003007JA00100W00000000') AS noted_100, -- 100
       note_zdsxh('640104003007JA00003W00000000') AS noted_3,   -- 100
       next_zdsxh('640104003007', 'JA') AS after_100;           -- 101
SELECT seed_zdsxh_counter('legacy_zd', 'no_such_column');
-- bad input, with SQLSTATEs; NULL in, NULL out
SELECT what, r.*
  FROM (VALUES
    ('seed: missing column',  $$SELECT jtsyq.seed_zdsxh_counter('legacy_zd', 'no_such_column')$$),
    ('seed: missing table',   $$SELECT jtsyq.seed_zdsxh_counter('no_such_table')$$),
    ('note: not a code',      $$SELECT jtsyq.note_zdsxh('x')$$)) v(what, q),
       LATERAL pg_temp.try_sql(q) r;
SELECT note_zdsxh(NULL) IS NULL AS note_null;
-- an empty table seeds nothing
CREATE TEMP TABLE empty_zd (bdcdyh jtsyq.bdcdyh);
SELECT seed_zdsxh_counter('empty_zd') AS seeded_from_empty;     -- 0
DROP TABLE empty_zd;

--
-- The code history.  Scenario in 地籍子区 640104003002, feature code JA:
--   P1 = …JA00001, P2 = …JA00002, P3 = …JA00003 (allocated above).
--   YW-2023-001, 2023-05-10, 分割:        P1 -> P6, P7 (next numbers: 6, 7)
--   YW-2023-002, 2023-08-01, 合并:        P2 + P7 -> P8 (next: 8)
--   YW-2024-001, 2024-01-15, 地籍子区调整: P8 -> Q1, P6 -> Q2 in 子区
--                                        640104003005 (next there: 1, 2)
--   YW-2024-002, 2024-03-01, 征收:        P3 -> none
--
SELECT record_code_change(ARRAY[make_bdcdyh('640104003002', 'JA', 1)],
                          ARRAY[make_bdcdyh('640104003002', 'JA', next_zdsxh('640104003002', 'JA')),
                                make_bdcdyh('640104003002', 'JA', next_zdsxh('640104003002', 'JA'))],
                          '分割', '2023-05-10', 'YW-2023-001') AS split_rows;            -- 2
SELECT record_code_change(ARRAY[make_bdcdyh('640104003002', 'JA', 7), make_bdcdyh('640104003002', 'JA', 2)],
                          ARRAY[make_bdcdyh('640104003002', 'JA', next_zdsxh('640104003002', 'JA'))],
                          '合并', '2023-08-01', 'YW-2023-002') AS merge_rows;            -- 2
SELECT record_code_change(ARRAY[make_bdcdyh('640104003002', 'JA', 8)],
                          ARRAY[make_bdcdyh('640104003005', 'JA', next_zdsxh('640104003005', 'JA'))],
                          '地籍子区调整', '2024-01-15', 'YW-2024-001') AS renumbered,
       record_code_change(ARRAY[make_bdcdyh('640104003002', 'JA', 6)],
                          ARRAY[make_bdcdyh('640104003005', 'JA', next_zdsxh('640104003005', 'JA'))],
                          '地籍子区调整', '2024-01-15', 'YW-2024-001') AS renumbered_too;
SELECT record_code_change(ARRAY[make_bdcdyh('640104003002', 'JA', 3)], '{}',
                          '征收', '2024-03-01', 'YW-2024-002') AS retired;                -- 1
SELECT id, old_code, new_code, reason, change_date, ywh FROM jtsyq.bdcdyh_history ORDER BY id;
SELECT * FROM jtsyq.zdsxh_counter WHERE djzqdm IN ('640104003002', '640104003005') ORDER BY 1, 2;

-- forward to the codes in force
SELECT 'P1' AS code, array_agg(c ORDER BY c) AS current FROM current_codes('640104003002JA00001W00000000') c  -- Q1, Q2
UNION ALL
SELECT 'P2', array_agg(c ORDER BY c) FROM current_codes('640104003002JA00002W00000000') c                     -- Q1
UNION ALL
SELECT 'P3', array_agg(c ORDER BY c) FROM current_codes('640104003002JA00003W00000000') c                     -- none
UNION ALL
SELECT 'P7', array_agg(c ORDER BY c) FROM current_codes('640104003002JA00007W00000000') c                     -- Q1
UNION ALL
SELECT 'Q1', array_agg(c ORDER BY c) FROM current_codes('640104003005JA00001W00000000') c                     -- itself
UNION ALL
SELECT 'P4 (never changed)', array_agg(c ORDER BY c) FROM current_codes('640104003002JA00004W00000000') c;    -- itself
-- back to the origins
SELECT 'Q1' AS code, array_agg(c ORDER BY c) AS origins FROM origin_codes('640104003005JA00001W00000000') c  -- P1, P2
UNION ALL
SELECT 'Q2', array_agg(c ORDER BY c) FROM origin_codes('640104003005JA00002W00000000') c                     -- P1
UNION ALL
SELECT 'P8', array_agg(c ORDER BY c) FROM origin_codes('640104003002JA00008W00000000') c                     -- P1, P2
UNION ALL
SELECT 'P1', array_agg(c ORDER BY c) FROM origin_codes('640104003002JA00001W00000000') c;                    -- itself
-- the 上下手 chain of Q1: -1 P8->Q1; -2 P2->P8, P7->P8; -3 P1->P7
SELECT * FROM code_lineage('640104003005JA00001W00000000');
-- of P7: -1 P1->P7; 1 P7->P8; 2 P8->Q1 (not its sibling P1->P6)
SELECT * FROM code_lineage('640104003002JA00007W00000000');
-- of P3: retired without successor
SELECT * FROM code_lineage('640104003002JA00003W00000000');
SELECT bdcdyh_is_retired('640104003002JA00001W00000000') AS p1_retired,
       bdcdyh_is_retired('640104003005JA00001W00000000') AS q1_retired;
-- NULL: NULL or no rows (STRICT)
SELECT bdcdyh_is_retired(NULL) IS NULL AS is_retired_null,
       (SELECT count(*) FROM current_codes(NULL)) AS current_rows,
       (SELECT count(*) FROM origin_codes(NULL)) AS origin_rows,
       (SELECT count(*) FROM code_lineage(NULL)) AS lineage_rows;

-- the rules of the history (each 23514 unless said otherwise)
SELECT rule, r.*
  FROM (VALUES
    ('retired twice',
     $$SELECT jtsyq.record_code_change('{640104003002JA00001W00000000}', '{640104003002JA00009W00000000}', '更正', '2024-05-01', 'YW-2024-009')$$),
    ('created twice',
     $$SELECT jtsyq.record_code_change('{640104003002JA00004W00000000}', '{640104003005JA00001W00000000}', '更正', '2024-05-01', 'YW-2024-010')$$),
    ('created after it was retired',
     $$SELECT jtsyq.record_code_change('{640104003005JA00001W00000000}', '{640104003002JA00001W00000000}', '更正', '2024-06-01', 'YW-2024-011')$$),
    ('a cycle (dates reversed)',
     $$SELECT jtsyq.record_code_change('{640104003005JA00001W00000000}', '{640104003002JA00001W00000000}', '更正', '2023-05-01', 'YW-2024-012')$$),
    ('retired before it was created',
     $$SELECT jtsyq.record_code_change('{640104003005JA00002W00000000}', '{640104003005JA00003W00000000}', '分割', '2023-12-01', 'YW-2024-013')$$),
    ('two dates in one 业务号',
     $$SELECT jtsyq.record_code_change('{640104003002JA00004W00000000}', '{640104003002JA00010W00000000}', '分割', '2024-02-02', 'YW-2024-001')$$),
    ('successor and none',
     $$SELECT jtsyq.record_code_change('{640104003002JA00003W00000000}', '{640104003002JA00011W00000000}', '征收', '2024-03-01', 'YW-2024-002')$$),
    ('old = new (CHECK)',
     $$INSERT INTO jtsyq.bdcdyh_history (old_code, new_code, reason, change_date, ywh) VALUES ('640104003002JA00004W00000000', '640104003002JA00004W00000000', '更正', '2024-05-01', 'YW-2024-014')$$),
    ('the same row twice (23505)',
     $$SELECT jtsyq.record_code_change('{640104003002JA00003W00000000}', '{}', '征收', '2024-03-01', 'YW-2024-002')$$),
    ('empty reason (23514)',
     $$SELECT jtsyq.record_code_change('{640104003002JA00004W00000000}', '{640104003002JA00012W00000000}', ' ', '2024-05-01', 'YW-2024-015')$$),
    ('UPDATE (0A000)',
     $$UPDATE jtsyq.bdcdyh_history SET reason = '改' WHERE ywh = 'YW-2024-002'$$),
    ('n -> m (22023)',
     $$SELECT jtsyq.record_code_change('{640104003002JA00004W00000000,640104003002JA00005W00000000}', '{640104003002JA00012W00000000,640104003002JA00013W00000000}', '调整', '2024-05-01', 'YW-2024-016')$$),
    ('no old code (22023)',
     $$SELECT jtsyq.record_code_change('{}', '{640104003002JA00012W00000000}', '调整', '2024-05-01', 'YW-2024-016')$$),
    ('a code twice (22023)',
     $$SELECT jtsyq.record_code_change('{640104003002JA00004W00000000}', '{640104003002JA00012W00000000,640104003002JA00012W00000000}', '分割', '2024-05-01', 'YW-2024-016')$$),
    ('NULL element (22004)',
     $$SELECT jtsyq.record_code_change(ARRAY[NULL::jtsyq.bdcdyh], '{}', '分割', '2024-05-01', 'YW-2024-016')$$),
    ('NULL 业务号 (22004)',
     $$SELECT jtsyq.record_code_change('{640104003002JA00004W00000000}', '{}', '征收', '2024-05-01', NULL)$$),
    ('NULL old codes (22004)',
     $$SELECT jtsyq.record_code_change(NULL, '{}', '征收', '2024-05-01', 'YW-2024-016')$$),
    ('NULL new codes (22004)',
     $$SELECT jtsyq.record_code_change('{640104003002JA00004W00000000}', NULL, '征收', '2024-05-01', 'YW-2024-016')$$),
    ('NULL reason (22004)',
     $$SELECT jtsyq.record_code_change('{640104003002JA00004W00000000}', '{}', NULL, '2024-05-01', 'YW-2024-016')$$),
    ('NULL date (22004)',
     $$SELECT jtsyq.record_code_change('{640104003002JA00004W00000000}', '{}', '征收', NULL, 'YW-2024-016')$$)) v(rule, q),
       LATERAL pg_temp.try_sql(q) r;
-- nothing of that was written
SELECT count(*) AS history_rows FROM jtsyq.bdcdyh_history;   -- 7
-- one message in full
SELECT jtsyq.record_code_change('{640104003002JA00001W00000000}', '{640104003002JA00009W00000000}', '更正', '2024-05-01', 'YW-2024-009');

-- numbers in the history count as used: a direct insert raises the counter
-- (003002 JA: 8 -> 50), and a 子区 without a counter starts after the
-- history's largest number (003006 JA: 31 -> next 32)
INSERT INTO jtsyq.bdcdyh_history (old_code, new_code, reason, change_date, ywh)
VALUES ('640104003002JA00004W00000000', '640104003002JA00050W00000000', '界址变化', '2024-04-01', 'YW-2024-003'),
       ('640104003006JA00030W00000000', '640104003006JA00031W00000000', '界址变化', '2024-04-01', 'YW-2024-003');
SELECT next_zdsxh('640104003002', 'JA') AS after_50,   -- 51
       next_zdsxh('640104003006', 'JA') AS after_31;   -- 32
-- a cycle within one day, the only cycle whose dates are consistent (along a
-- cycle each code's creation date <= its retirement date, so all are equal):
-- P4 -> JA00050 was recorded on 2024-04-01 above; JA00050 -> P4 on the same
-- day breaks no date rule, and only the cycle check refuses it (23514)
SELECT * FROM pg_temp.try_sql($$SELECT jtsyq.record_code_change('{640104003002JA00050W00000000}', '{640104003002JA00004W00000000}', '更正', '2024-04-01', 'YW-2024-017')$$);

--
-- bdcdyh_guard: a table of current parcels refuses retired codes and notes
-- the numbers of codes entered directly
--
CREATE TABLE zd (bdcdyh jtsyq.bdcdyh PRIMARY KEY, qlr text);
CREATE TRIGGER zd_guard BEFORE INSERT OR UPDATE ON zd
    FOR EACH ROW EXECUTE FUNCTION jtsyq.bdcdyh_guard('bdcdyh');
INSERT INTO zd VALUES ('640104003008JA00250W00000000', '某村一组');   -- a legacy number
SELECT next_zdsxh('640104003008', 'JA') AS after_250;                  -- 251
INSERT INTO zd VALUES ('640104003005JA00001W00000000', '某村');        -- Q1: current, fine
INSERT INTO zd VALUES ('640104003002JA00001W00000000', '某村');        -- P1: retired
UPDATE zd SET qlr = '某村二组' WHERE bdcdyh = '640104003008JA00250W00000000';
UPDATE zd SET bdcdyh = '640104003002JA00008W00000000' WHERE qlr = '某村';  -- P8: retired
SELECT * FROM zd ORDER BY bdcdyh;
-- on a text column the guard validates too
CREATE TABLE zd_text (code text);
CREATE TRIGGER zd_text_guard BEFORE INSERT ON zd_text
    FOR EACH ROW EXECUTE FUNCTION jtsyq.bdcdyh_guard('code');
INSERT INTO zd_text VALUES ('640104003008JA0025W00000000');
-- the SQLSTATEs of the three refusals above: retired code on INSERT and on
-- UPDATE (23514), malformed text (22P02)
\set VERBOSITY sqlstate
INSERT INTO zd VALUES ('640104003002JA00001W00000000', '某村');
UPDATE zd SET bdcdyh = '640104003002JA00008W00000000' WHERE qlr = '某村';
INSERT INTO zd_text VALUES ('640104003008JA0025W00000000');
\set VERBOSITY default
-- a trigger argument naming a column the table does not have, and a column
-- of another type (integer)
CREATE TABLE zd_int (n integer);
CREATE TRIGGER zd_int_missing BEFORE INSERT ON zd_int
    FOR EACH ROW EXECUTE FUNCTION jtsyq.bdcdyh_guard('no_such_column');
SELECT * FROM pg_temp.try_sql($$INSERT INTO zd_int VALUES (1)$$);
DROP TRIGGER zd_int_missing ON zd_int;
CREATE TRIGGER zd_int_guard BEFORE INSERT ON zd_int
    FOR EACH ROW EXECUTE FUNCTION jtsyq.bdcdyh_guard('n');
SELECT * FROM pg_temp.try_sql($$INSERT INTO zd_int VALUES (1)$$);
DROP TABLE zd_int;
-- misuse: only as a BEFORE ... FOR EACH ROW trigger (39P01)
CREATE TRIGGER zd_after AFTER INSERT ON zd_text
    FOR EACH ROW EXECUTE FUNCTION jtsyq.bdcdyh_guard('code');
\set VERBOSITY sqlstate
INSERT INTO zd_text VALUES (NULL);
\set VERBOSITY default

-- nothing depends on the caller's search_path
SET search_path = pg_catalog;
SELECT jtsyq.next_zdsxh('640104003008', 'JA') AS qualified,   -- 252
       (SELECT array_agg(c) FROM jtsyq.current_codes('640104003002JA00002W00000000') c) AS p2_now;
RESET search_path;

DROP TABLE legacy_zd, registered, zd, zd_text;
TRUNCATE jtsyq.bdcdyh_history, jtsyq.zdsxh_counter, jtsyq._bdcdyh_history_lock RESTART IDENTITY;
