/*
 * test_map_sheet.c — GB/T 13989-2012 sheet numbers and theoretical sheet
 * areas (src/map_sheet.c).
 *
 * Worked examples.  The standard's own text was not available to us; these
 * are published applications of its formulas for a point's sheet number
 * (row letter a = [lat/4 deg] + 1, column b = [lon/6 deg] + 31, row c = 4
 * deg/dLat - [(lat mod 4 deg)/dLat], column d = [(lon mod 6 deg)/dLon] + 1),
 * each recomputed by hand below:
 * - 39°22'30" N, 114°33'45" E at 1:10 000 -> J50G015010, a number public
 *   tools use as their example input; by hand: a = [39.375/4]+1 = 10 (J), b = [114.5625/6]+31 = 50, c = 96 - [3.375/(1/24)] = 96 - 81 =
 *   15, d = [0.5625/(1/16)]+1 = 10.
 * - 32°54' N, 112°48' E at 1:50 000 -> I49E019020 (lecture notes "地图分幅
 *   与编号", 360docs): c = 24 - [0.9/(1/6)] = 19, d = [4.8/0.25]+1 = 20.
 * - 39°54'30" N, 116°28'15" E -> J50 and, at 1:50 000, J50E001010 with
 *   bounds 116°15'-116°30' E, 39°50'-40°00' N (cnmaptiling's README).
 * - 31°50'57" N, 117°17'24" E at 1:50 000 -> H50E001014 (same source).
 * The theoretical area of the 1:10 000 sheet 30°00'-30°02'30" N is the
 * domain file's check value 27847757.0265 m^2.
 */
#include "map_sheet.h"
#include "unit.h"

#include <stdint.h>

static double
dms(double d, double m, double s)
{
	return d + m / 60 + s / 3600;
}

static const char *
number(double lon, double lat, int scale)
{
	static char buf[JT_SHEET_NUMBER_LEN];
	JtSheet		sheet;

	if (jt_sheet_of_point(lon, lat, scale, &sheet) != JT_SHEET_OK)
		return "(error)";
	jt_sheet_format(&sheet, buf);
	return buf;
}

static UnitArena arena;
static JtAllocator alloc = {unit_arena_alloc, &arena};

typedef struct Found
{
	int			n;
	char		numbers[16][JT_SHEET_NUMBER_LEN];
} Found;

static void
found_cb(const JtSheet *sheet, void *arg)
{
	Found	   *f = (Found *) arg;

	if (f->n < 16)
		jt_sheet_format(sheet, f->numbers[f->n]);
	f->n++;
}

/* sheets of the square [lon0, lon1] x [lat0, lat1] (degrees) */
static int
sheets_of_box(double lon0, double lat0, double lon1, double lat1, int scale, Found *f)
{
	double		c[10] = {lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0};
	JtPointArray pa = {5, c};
	JtGeom		g = {0};
	JtSheetStatus st;

	g.type = JT_POLYGON;
	g.ndims = 2;
	g.nrings = 1;
	g.rings = &pa;
	f->n = 0;
	st = jt_sheets_of_polygon(&g, scale, 0.001, found_cb, f, &alloc, NULL);
	unit_arena_free(&arena);
	return st == JT_SHEET_OK ? f->n : -1;
}

int
main(void)
{
	static const int all_scales[] = {1000000, 500000, 250000, 100000, 50000, 25000,
	10000, 5000, 2000, 1000, 500};
	JtSheet		sheet;
	Found		f;
	double		w,
				s,
				e,
				n;
	int			i;

	/* the worked examples */
	CHECK_EQ_STR(number(dms(114, 33, 45), dms(39, 22, 30), 10000), "J50G015010");
	CHECK_EQ_STR(number(dms(112, 48, 0), dms(32, 54, 0), 50000), "I49E019020");
	CHECK_EQ_STR(number(dms(116, 28, 15), dms(39, 54, 30), 1000000), "J50");
	CHECK_EQ_STR(number(dms(116, 28, 15), dms(39, 54, 30), 50000), "J50E001010");
	CHECK_EQ_STR(number(dms(117, 17, 24), dms(31, 50, 57), 50000), "H50E001014");
	CHECK_EQ_INT(jt_sheet_parse("J50E001010", 10, &sheet), JT_SHEET_OK);
	jt_sheet_bounds(&sheet, &w, &s, &e, &n);
	CHECK(w == dms(116, 15, 0) && e == dms(116, 30, 0));
	CHECK_NEAR(s, dms(39, 50, 0), 1e-12);
	CHECK(n == 40.0);

	/*
	 * The same point at every scale, by hand: latitude mod 4 deg = 12150",
	 * longitude mod 6 deg = 2025".  1:5000 (75" x 112.5"): 192 - 12150/75 =
	 * 30, 2025/112.5 + 1 = 19; 1:2000 (25" x 37.5"): 576 - 486 = 90, 55;
	 * 1:1000: 1152 - 972 = 180, 109; 1:500: 2304 - 1944 = 360, 217 (the
	 * point is a corner at these scales, so the sheet north-east of it).
	 */
	CHECK_EQ_STR(number(dms(114, 33, 45), dms(39, 22, 30), 500000), "J50B001001");
	CHECK_EQ_STR(number(dms(114, 33, 45), dms(39, 22, 30), 250000), "J50C001001");
	CHECK_EQ_STR(number(dms(114, 33, 45), dms(39, 22, 30), 100000), "J50D002002");
	CHECK_EQ_STR(number(dms(114, 33, 45), dms(39, 22, 30), 25000), "J50F008005");
	CHECK_EQ_STR(number(dms(114, 33, 45), dms(39, 22, 30), 5000), "J50H030019");
	CHECK_EQ_STR(number(dms(114, 33, 45), dms(39, 22, 30), 2000), "J50I090055");
	CHECK_EQ_STR(number(dms(114, 33, 45), dms(39, 22, 30), 1000), "J50J01800109");
	CHECK_EQ_STR(number(dms(114, 33, 45), dms(39, 22, 30), 500), "J50K03600217");

	/*
	 * Sheet lines: a point on a parallel belongs to the sheet north of it,
	 * on a meridian to the sheet east of it; J50G015010's south-west corner
	 * is 39°22'30" N, 114°33'45" E itself.  39°50' (not a double) snaps.
	 */
	CHECK_EQ_INT(jt_sheet_parse("J50G015010", 10, &sheet), JT_SHEET_OK);
	jt_sheet_bounds(&sheet, &w, &s, &e, &n);
	CHECK_NEAR(w, dms(114, 33, 45), 1e-12);
	CHECK_NEAR(s, dms(39, 22, 30), 1e-12);
	CHECK_EQ_STR(number(e, s, 10000), "J50G015011");	/* east edge: next sheet */
	CHECK_EQ_STR(number(w, n, 10000), "J50G014010");	/* north edge: next row up */
	CHECK_EQ_STR(number(dms(116, 20, 0), dms(39, 50, 0), 50000), "J50E001010");
	CHECK_EQ_STR(number(dms(116, 20, 0), dms(39, 50, 0) - 1e-9, 50000), "J50E002010");
	CHECK_EQ_STR(number(114.0, 36.0, 1000000), "J50");	/* the 1:1M corner */
	CHECK_EQ_STR(number(114.0, 36.0, 10000), "J50G096001");
	CHECK_EQ_STR(number(114.0 - 1e-7, 36.0 - 1e-7, 1000000), "I49");
	CHECK_EQ_STR(number(0.0, 0.0, 1000000), "A31");
	CHECK_EQ_STR(number(-180.0, 0.0, 1000000), "A01");

	/* out of range and bad scales */
	CHECK(jt_sheet_of_point(114, 60.0, 10000, &sheet) == JT_SHEET_OUT_OF_RANGE);
	CHECK(jt_sheet_of_point(114, -0.5, 10000, &sheet) == JT_SHEET_OUT_OF_RANGE);
	CHECK(jt_sheet_of_point(180.0, 30, 10000, &sheet) == JT_SHEET_OUT_OF_RANGE);
	CHECK(jt_sheet_of_point(NAN, 30, 10000, &sheet) == JT_SHEET_OUT_OF_RANGE);
	CHECK(jt_sheet_of_point(114, 30, 20000, &sheet) == JT_SHEET_BAD_SCALE);

	/* parsing */
	CHECK_EQ_INT(jt_sheet_parse("j50g015010", 10, &sheet), JT_SHEET_OK);
	CHECK_EQ_INT(sheet.row, 15);
	CHECK_EQ_INT(jt_sheet_parse("J50", 3, &sheet), JT_SHEET_OK);
	CHECK(sheet.scale->denominator == 1000000);
	CHECK_EQ_INT(jt_sheet_parse("J50K23042304", 12, &sheet), JT_SHEET_OK);
	CHECK_EQ_INT(jt_sheet_parse("J50K23052304", 12, &sheet), JT_SHEET_MALFORMED);	/* row 2305 > 2304 */
	CHECK_EQ_INT(jt_sheet_parse("J50G097001", 10, &sheet), JT_SHEET_MALFORMED);	/* 96 rows */
	CHECK_EQ_INT(jt_sheet_parse("J50G000001", 10, &sheet), JT_SHEET_MALFORMED);
	CHECK_EQ_INT(jt_sheet_parse("J61", 3, &sheet), JT_SHEET_MALFORMED);
	CHECK_EQ_INT(jt_sheet_parse("P50", 3, &sheet), JT_SHEET_MALFORMED);	/* beyond 60 N */
	CHECK_EQ_INT(jt_sheet_parse("J50G0150100", 11, &sheet), JT_SHEET_MALFORMED);
	CHECK_EQ_INT(jt_sheet_parse("J50J015010", 10, &sheet), JT_SHEET_MALFORMED);	/* J needs 4 digits */
	CHECK_EQ_INT(jt_sheet_parse("J50A015010", 10, &sheet), JT_SHEET_MALFORMED);
	CHECK_EQ_INT(jt_sheet_parse("J5OG015010", 10, &sheet), JT_SHEET_MALFORMED);
	CHECK_EQ_INT(jt_sheet_parse("", 0, &sheet), JT_SHEET_MALFORMED);

	/* theoretical area: the domain file's check value */
	CHECK_EQ_INT(jt_sheet_parse("H50G048001", 10, &sheet), JT_SHEET_OK);
	jt_sheet_bounds(&sheet, &w, &s, &e, &n);
	CHECK(s == 30.0);
	CHECK_NEAR(jt_sheet_area(&sheet), 27847757.0265, 5e-5);
	/* the four 1:5000 sheets of a 1:10000 sheet add up to it */
	{
		double		sum = 0;
		const char *parts[4] = {"H50H095001", "H50H095002", "H50H096001", "H50H096002"};

		for (i = 0; i < 4; i++)
		{
			JtSheet		part;

			CHECK_EQ_INT(jt_sheet_parse(parts[i], 10, &part), JT_SHEET_OK);
			sum += jt_sheet_area(&part);
		}
		CHECK_NEAR(sum, 27847757.0265, 1e-4);
	}

	/*
	 * Random points at every scale: number -> parse -> bounds contain the
	 * point (south/west inclusive), and formatting the parse gives the
	 * number back.
	 */
	for (i = 0; i < 100000; i++)
	{
		int			scale = all_scales[i % 11];
		double		lon = 73 + unit_rand() * 63;
		double		lat = unit_rand() * 59.99;
		char		buf[JT_SHEET_NUMBER_LEN];
		char		buf2[JT_SHEET_NUMBER_LEN];
		JtSheet		back;

		CHECK_EQ_INT(jt_sheet_of_point(lon, lat, scale, &sheet), JT_SHEET_OK);
		jt_sheet_format(&sheet, buf);
		if (jt_sheet_parse(buf, strlen(buf), &back) != JT_SHEET_OK)
		{
			CHECK(0);
			continue;
		}
		jt_sheet_format(&back, buf2);
		CHECK_EQ_STR(buf, buf2);
		jt_sheet_bounds(&back, &w, &s, &e, &n);
		if (!(lon >= w - 1e-9 && lon < e + 1e-9 && lat >= s - 1e-9 && lat < n + 1e-9))
		{
			fprintf(stderr, "%s does not contain %.9f %.9f\n", buf, lon, lat);
			CHECK(0);
		}
	}

	/* sheets a polygon reaches into */
	CHECK_EQ_INT(jt_sheet_parse("J50G015010", 10, &sheet), JT_SHEET_OK);
	jt_sheet_bounds(&sheet, &w, &s, &e, &n);
	/* well inside: one sheet */
	CHECK_EQ_INT(sheets_of_box(w + 0.01, s + 0.01, w + 0.02, s + 0.02, 10000, &f), 1);
	CHECK_EQ_STR(f.numbers[0], "J50G015010");
	/* across the south-west corner: four, north row first */
	CHECK_EQ_INT(sheets_of_box(w - 0.001, s - 0.001, w + 0.001, s + 0.001, 10000, &f), 4);
	CHECK_EQ_STR(f.numbers[0], "J50G015009");
	CHECK_EQ_STR(f.numbers[1], "J50G015010");
	CHECK_EQ_STR(f.numbers[2], "J50G016009");
	CHECK_EQ_STR(f.numbers[3], "J50G016010");
	/* an edge lying on the sheet line, or 0.5 mm over it: one sheet */
	CHECK_EQ_INT(sheets_of_box(w, s + 0.01, w + 0.01, s + 0.02, 10000, &f), 1);
	CHECK_EQ_INT(sheets_of_box(w - 0.5e-3 / 95000, s + 0.01, w + 0.01, s + 0.02, 10000, &f), 1);
	/* 5 mm over it: two */
	CHECK_EQ_INT(sheets_of_box(w - 5e-3 / 85000, s + 0.01, w + 0.01, s + 0.02, 10000, &f), 2);
	/* out of range */
	CHECK_EQ_INT(sheets_of_box(114, 59.9, 114.1, 60.1, 10000, &f), -1);

	unit_arena_free(&arena);
	UNIT_DONE();
}
