--
-- GB/T 13989-2012 sheet numbers and theoretical sheet areas
-- (src/map_sheet.c, wrappers src/map_sheet_pg.c).
--
-- Expected values, each recomputed by hand from the standard's formulas
-- (row = 4°/Δφ − [(φ mod 4°)/Δφ], column = [(λ mod 6°)/Δλ] + 1):
-- * 39°22'30" N 114°33'45" E, 1:10000 -> J50G015010, a number public tools
--   use as their example input (c = 96 - 81 = 15, d = 9 + 1 = 10);
-- * 32°54' N 112°48' E, 1:50000 -> I49E019020 (published lecture notes);
-- * 39°54'30" N 116°28'15" E -> J50, J50E001010 with bounds 116°15'-116°30'
--   E, 39°50'-40° N (cnmaptiling's documentation);
-- * the theoretical area of a 1:10000 sheet at 30°00'-30°02'30" N is the
--   domain file's check value 27847757.0265 m².
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;

SELECT jtsyq.sheet_number(114 + 33/60.0 + 45/3600.0, 39 + 22/60.0 + 30/3600.0) AS example_10000,
       jtsyq.sheet_number(112.8, 32.9, 50000) AS lecture_50000,
       jtsyq.sheet_number(116 + 28/60.0 + 15/3600.0, 39 + 54/60.0 + 30/3600.0, 1000000) AS beijing_1m,
       jtsyq.sheet_number(116 + 28/60.0 + 15/3600.0, 39 + 54/60.0 + 30/3600.0, 50000) AS beijing_50000;
SELECT * FROM jtsyq.sheet_bounds('J50E001010');

-- one point at every scale; it is a sheet corner from 1:5000 down, so the
-- sheet north-east of it (see test/unit/test_map_sheet.c for the sums)
SELECT s AS scale, jtsyq.sheet_number(114 + 33/60.0 + 45/3600.0, 39 + 22/60.0 + 30/3600.0, s) AS sheet
FROM unnest(ARRAY[1000000, 500000, 250000, 100000, 50000, 25000, 10000, 5000, 2000, 1000, 500]) s;

-- sheet lines: a point on a parallel belongs to the sheet north of it, on a
-- meridian to the sheet east of it (the formulas' integer parts).  39°50'
-- rounds to a double just north of the line (39.833333333333336), 36°10'
-- to one just south (36.166666666666664; × 28800 units of 1/8" per degree
-- = 1041599.9999999999, so a plain floor would give the row south of the
-- line); both are on the line within 4 µm and go north.  By hand for
-- 36°10', 1:50000 (Δφ = 10', Δλ = 15'): row = 24 − (10'/10') = 23,
-- column = ⌊140'/15'⌋ + 1 = 10 (116°20' is 2°20' east of 114°), J50E023010
-- (without the snap it would be J50E024010)
SELECT jtsyq.sheet_number(116 + 20/60.0, 39 + 50/60.0, 50000) AS on_parallel,
       jtsyq.sheet_number(116 + 20/60.0, 36 + 10/60.0, 50000) AS below_parallel_double,
       jtsyq.sheet_number(116 + 20/60.0, 39 + 50/60.0 - 1e-9, 50000) AS just_south,
       jtsyq.sheet_number(116.25, 39.9, 50000) AS on_meridian,
       jtsyq.sheet_number(116.25 - 1e-9, 39.9, 50000) AS just_west,
       jtsyq.sheet_number(114, 36, 1000000) AS corner_1m;

-- theoretical areas: the check value (H50G048001 is 30°00'-30°02'30"), its
-- four 1:5000 quarters add up to it, and the default rounding is to 0.01 m²
SELECT jtsyq.sheet_area('H50G048001', 4) AS check_value,
       jtsyq.sheet_area('H50G048001') AS default_2_decimals,
       round((jtsyq.sheet_area('H50H095001', NULL) + jtsyq.sheet_area('H50H095002', NULL)
              + jtsyq.sheet_area('H50H096001', NULL) + jtsyq.sheet_area('H50H096002', NULL))::numeric, 4) AS four_quarters,
       (SELECT south FROM jtsyq.sheet_bounds('H50G048001')) AS south_edge,
       jtsyq.sheet_area('J50') > jtsyq.sheet_area('K50') AS south_sheets_larger;
-- sheet numbers are accepted in lower case (the same sheet, not an error)
SELECT jtsyq.sheet_area('j50g001001') = jtsyq.sheet_area('J50G001001') AS lower_case_accepted,
       (SELECT north FROM jtsyq.sheet_bounds('j50g001001')) = (SELECT north FROM jtsyq.sheet_bounds('J50G001001')) AS lower_case_bounds;

-- the sheets a parcel lies on (所在图幅号): a 1 km square in zone 40 just
-- east of the central meridian straddles the parallel 30° N, a sheet line
-- at every scale (rows 048/049 at 1:10000, 012/013 at 1:50000, column 001
-- east of 120° E); a small parcel inside a sheet gets one
SELECT jtsyq.sheet_numbers('SRID=4528;POLYGON((40500100 3320000,40500100 3321000,40501100 3321000,40501100 3320000,40500100 3320000))') AS at_10000,
       jtsyq.sheet_numbers('SRID=4528;POLYGON((40500100 3320000,40500100 3321000,40501100 3321000,40501100 3320000,40500100 3320000))', 50000) AS at_50000,
       jtsyq.sheet_numbers('SRID=4528;POLYGON((40500100 3320600,40500100 3320700,40500200 3320700,40500200 3320600,40500100 3320600))') AS small;
-- the parallel 30° N, checked against PROJ: it crosses between the
-- square's south and north edges, and the small parcel is north of it
SELECT ST_Y(ST_Transform('SRID=4528;POINT(40500100 3320000)'::geometry, 4490)) < 30 AS south_edge_below,
       ST_Y(ST_Transform('SRID=4528;POINT(40500100 3321000)'::geometry, 4490)) > 30 AS north_edge_above,
       ST_Y(ST_Transform('SRID=4528;POINT(40500100 3320600)'::geometry, 4490)) > 30 AS small_parcel_north;
-- a parcel whose west edge is the meridian 120°: GK coordinates of that
-- meridian are exactly the central meridian; it does not reach west of it
SELECT jtsyq.sheet_numbers('SRID=4528;POLYGON((40500000 3320600,40500000 3320700,40500100 3320700,40500100 3320600,40500000 3320600))') AS edge_on_meridian;
-- longitude/latitude input (SRID 4490), and a parcel across four sheets
SELECT jtsyq.sheet_numbers('SRID=4490;POLYGON((116.249 39.832,116.251 39.832,116.251 39.834,116.249 39.834,116.249 39.832))', 50000) AS four_sheets;

-- NULL in, NULL out (sheet_number, sheet_numbers and sheet_bounds are
-- STRICT; sheet_area is not, for its decimals => NULL, and maps a NULL
-- sheet to NULL itself)
SELECT jtsyq.sheet_number(NULL, 30) IS NULL AS null_lon,
       jtsyq.sheet_number(114, NULL) IS NULL AS null_lat,
       jtsyq.sheet_number(114, 30, NULL) IS NULL AS null_scale,
       jtsyq.sheet_area(NULL) IS NULL AS null_sheet,
       jtsyq.sheet_numbers(NULL) IS NULL AS null_geom,
       jtsyq.sheet_numbers('SRID=4490;POLYGON((116 39,116.1 39,116.1 39.1,116 39))', NULL) IS NULL AS null_numbers_scale;
SELECT * FROM jtsyq.sheet_bounds(NULL);

\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT jtsyq.sheet_number(114, 30, 20000);
SELECT jtsyq.sheet_number(114, 61);
SELECT jtsyq.sheet_number('NaN', 30);
SELECT jtsyq.sheet_area('J50G097001');
SELECT jtsyq.sheet_area('J50G001001', 12);
SELECT * FROM jtsyq.sheet_bounds('J50X001001');
SELECT jtsyq.sheet_numbers('SRID=4528;POLYGON EMPTY');
SELECT jtsyq.sheet_numbers('SRID=4528;POINT(40500000 3320000)');
SELECT jtsyq.sheet_numbers('POLYGON((0 0,1 0,1 1,0 0))');
SELECT jtsyq.sheet_numbers('SRID=4490;POLYGON((116 59.9,116.1 59.9,116.1 60.1,116 59.9))');
SELECT jtsyq.sheet_numbers('SRID=4528;POLYGON((40500000 3320000,40501000 3321000,40501000 3320000,40500000 3321000,40500000 3320000))');

\set VERBOSITY terse
-- the SQLSTATE and message of every bad input: the eleven above, then
-- those shown only here: latitudes south of the equator and longitude 180
-- (GB/T 13989 numbers the northern hemisphere, columns 1-60 end before
-- 180°), infinities, empty sheet numbers, other reference systems (WGS 84
-- 4326, Xi'an 1980 GK 2383, UTM 32650, an unknown SRID, GK eastings
-- without the zone prefix under 4528) and a bad scale for sheet_numbers
SELECT 'the SQLSTATEs' AS check;
DO $$
DECLARE
    t text;
    st text;
    msg text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        $q$SELECT jtsyq.sheet_number(114, 30, 20000)$q$,
        $q$SELECT jtsyq.sheet_number(114, 61)$q$,
        $q$SELECT jtsyq.sheet_number('NaN', 30)$q$,
        $q$SELECT jtsyq.sheet_area('J50G097001')$q$,
        $q$SELECT jtsyq.sheet_area('J50G001001', 12)$q$,
        $q$SELECT * FROM jtsyq.sheet_bounds('J50X001001')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=4528;POLYGON EMPTY')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=4528;POINT(40500000 3320000)')$q$,
        $q$SELECT jtsyq.sheet_numbers('POLYGON((0 0,1 0,1 1,0 0))')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=4490;POLYGON((116 59.9,116.1 59.9,116.1 60.1,116 59.9))')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=4528;POLYGON((40500000 3320000,40501000 3321000,40501000 3320000,40500000 3321000,40500000 3320000))')$q$,
        $q$SELECT jtsyq.sheet_number(114, -0.5)$q$,
        $q$SELECT jtsyq.sheet_number(180, 30)$q$,
        $q$SELECT jtsyq.sheet_number('Infinity', 30)$q$,
        $q$SELECT jtsyq.sheet_number(114, '-Infinity')$q$,
        $q$SELECT jtsyq.sheet_number(114, 'NaN')$q$,
        $q$SELECT jtsyq.sheet_area('')$q$,
        $q$SELECT * FROM jtsyq.sheet_bounds('')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=4326;POLYGON((116 39,116.1 39,116.1 39.1,116 39))')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=2383;POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=32650;POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=999999;POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=4528;POLYGON((500000 3320000,500000 3321000,501000 3321000,500000 3320000))')$q$,
        $q$SELECT jtsyq.sheet_numbers('SRID=4528;POLYGON((40500100 3320600,40500100 3320700,40500200 3320700,40500100 3320600))', 20000)$q$]
    LOOP
        BEGIN
            EXECUTE t;
            RAISE NOTICE 'no error: %', t;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
            RAISE NOTICE '%: %', st, msg;
        END;
    END LOOP;
END $$;
