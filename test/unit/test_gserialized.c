/*
 * test_gserialized.c — the serialized-geometry reader and writer (src/gserialized.c).
 *
 * Fixtures are the bytes PostGIS 3.3.2 itself stored for each geometry
 * (SELECT jtsyq._geom_raw(g)), so they test the reader against the real
 * format and the writer for byte-identity; the version-1 fixture follows the
 * PostGIS 2.x layout (no version bit), written out by hand.
 */
#include "geom.h"
#include "unit.h"

#include <stdint.h>

/* Decode hex into a buffer positioned so that (buf - 4) is 8-byte aligned,
 * as in a detoasted datum. */
typedef struct Fixture
{
	double		storage[512];
	uint8_t    *buf;
	size_t		len;
} Fixture;

static void
fixture_load(Fixture *f, const char *hex)
{
	size_t		n = strlen(hex) / 2;
	size_t		i;

	if (n + 8 > sizeof(f->storage))
		abort();
	f->buf = (uint8_t *) f->storage + 4;
	for (i = 0; i < n; i++)
	{
		unsigned int byte;

		sscanf(hex + 2 * i, "%2x", &byte);
		f->buf[i] = (uint8_t) byte;
	}
	f->len = n;
}

static JtGeomStatus
parse(const char *hex, Fixture *f, UnitArena *arena, JtGeom *g)
{
	JtAllocator a = {unit_arena_alloc, arena};

	fixture_load(f, hex);
	return jt_gserialized_read(f->buf, f->len, &a, g);
}

/* writer output must equal PostGIS's bytes */
static void
check_rewrite(const JtGeom *g, const Fixture *f)
{
	size_t		size = jt_gserialized_size(g);
	double		out[512];
	uint8_t    *buf = (uint8_t *) out + 4;

	CHECK_EQ_INT(size, f->len);
	if (size != f->len || size + 8 > sizeof(out))
		return;
	jt_gserialized_write(g, buf);
	CHECK(memcmp(buf, f->buf, size) == 0);
}

/* SRID=4523;POLYGON((35500000 3300000,35500010 3300000,35500010 3300010,
 * 35500000 3300000),(35500001 3300001,35500002 3300001,35500002 3300002,
 * 35500001 3300001)) — bounding box, two rings, padding */
static const char *POLY_4523 =
"0011ab44f86b074cfb6b074c806a494aa86a494a03000000020000000400000004000000"
"000000007fed804100000000502d4941000000507fed804100000000502d4941000000507fed"
"804100000000552d4941000000007fed804100000000502d4941000000087fed804100000080"
"502d4941000000107fed804100000080502d4941000000107fed804100000000512d49410000"
"00087fed804100000080502d4941";

static const char *POINT_2D = "000000400100000001000000000000000000f03f0000000000000040";
static const char *LINE_2PT =
"000000400200000002000000000000000000f03f000000000000004000000000000008400000000000001040";
static const char *MPOLY_4490 =
"00118a4400000000000040400000000000004040060000000200000003000000010000000400"
"00000000000000000000000000000000000000000000000000000000f03f0000000000000000"
"000000000000f03f000000000000f03f00000000000000000000000000000000030000000100"
"0000040000000000000000000000000000400000000000000040000000000000084000000000"
"000000400000000000000840000000000000084000000000000000400000000000000040";
static const char *NESTED_COLL =
"000000440000000000000040000000000000004007000000020000000100000001000000000000000000"
"f03f00000000000000400700000001000000020000000300000000000000000000000000000000000000"
"000000000000f03f000000000000f03f00000000000000400000000000000040";
static const char *POINT_ZM =
"000000430100000001000000000000000000f03f000000000000004000000000000008400000000000001040";
static const char *POLY_EMPTY = "000000400300000000000000";
static const char *POINT_M =
"000000420100000001000000000000000000f03f00000000000000400000000000000840";
/* PostGIS 2.x (version 1) POINT(1 2) SRID 4490: flags without version bit */
static const char *POINT_V1 = "00118a000100000001000000000000000000f03f0000000000000040";

static void
test_polygon(void)
{
	Fixture		f;
	UnitArena	arena = {0};
	JtGeom		g;

	CHECK_EQ_INT(parse(POLY_4523, &f, &arena, &g), JT_GEOM_OK);
	CHECK_EQ_INT(g.type, JT_POLYGON);
	CHECK_EQ_INT(g.srid, 4523);
	CHECK_EQ_INT(g.ndims, 2);
	CHECK_EQ_INT(g.nrings, 2);
	CHECK_EQ_INT(g.rings[0].npoints, 4);
	CHECK_EQ_INT(g.rings[1].npoints, 4);
	CHECK_NEAR(g.rings[0].coords[0], 35500000, 0);
	CHECK_NEAR(g.rings[0].coords[1], 3300000, 0);
	CHECK_NEAR(g.rings[0].coords[5], 3300010, 0);
	CHECK_NEAR(g.rings[1].coords[2], 35500002, 0);
	CHECK_EQ_INT(jt_geom_npoints(&g), 8);
	CHECK(jt_geom_is_polygonal(&g));
	CHECK(!jt_geom_is_empty(&g));
	check_rewrite(&g, &f);
	unit_arena_free(&arena);
}

static void
test_simple_kinds(void)
{
	Fixture		f;
	UnitArena	arena = {0};
	JtGeom		g;

	CHECK_EQ_INT(parse(POINT_2D, &f, &arena, &g), JT_GEOM_OK);
	CHECK_EQ_INT(g.type, JT_POINT);
	CHECK_EQ_INT(g.srid, 0);
	CHECK_NEAR(g.rings[0].coords[1], 2.0, 0);
	check_rewrite(&g, &f);

	CHECK_EQ_INT(parse(LINE_2PT, &f, &arena, &g), JT_GEOM_OK);
	CHECK_EQ_INT(g.type, JT_LINESTRING);
	CHECK_EQ_INT(g.rings[0].npoints, 2);
	check_rewrite(&g, &f);

	CHECK_EQ_INT(parse(MPOLY_4490, &f, &arena, &g), JT_GEOM_OK);
	CHECK_EQ_INT(g.type, JT_MULTIPOLYGON);
	CHECK_EQ_INT(g.srid, 4490);
	CHECK_EQ_INT(g.ngeoms, 2);
	CHECK_EQ_INT(g.geoms[1].type, JT_POLYGON);
	CHECK_NEAR(g.geoms[1].rings[0].coords[4], 3.0, 0);
	check_rewrite(&g, &f);

	CHECK_EQ_INT(parse(NESTED_COLL, &f, &arena, &g), JT_GEOM_OK);
	CHECK_EQ_INT(g.type, JT_COLLECTION);
	CHECK_EQ_INT(g.ngeoms, 2);
	CHECK_EQ_INT(g.geoms[1].type, JT_COLLECTION);
	CHECK_EQ_INT(g.geoms[1].geoms[0].type, JT_LINESTRING);
	CHECK_EQ_INT(g.geoms[1].geoms[0].rings[0].npoints, 3);
	CHECK_EQ_INT(jt_geom_npoints(&g), 4);
	check_rewrite(&g, &f);

	CHECK_EQ_INT(parse(POINT_ZM, &f, &arena, &g), JT_GEOM_OK);
	CHECK(g.has_z && g.has_m);
	CHECK_EQ_INT(g.ndims, 4);
	CHECK_NEAR(g.rings[0].coords[3], 4.0, 0);
	check_rewrite(&g, &f);

	CHECK_EQ_INT(parse(POINT_M, &f, &arena, &g), JT_GEOM_OK);
	CHECK(!g.has_z && g.has_m);
	CHECK_EQ_INT(g.ndims, 3);
	check_rewrite(&g, &f);

	CHECK_EQ_INT(parse(POLY_EMPTY, &f, &arena, &g), JT_GEOM_OK);
	CHECK(jt_geom_is_empty(&g));
	CHECK_EQ_INT(g.nrings, 0);
	check_rewrite(&g, &f);

	/* version 1 reads the same; we always write version 2 */
	CHECK_EQ_INT(parse(POINT_V1, &f, &arena, &g), JT_GEOM_OK);
	CHECK_EQ_INT(g.type, JT_POINT);
	CHECK_EQ_INT(g.srid, 4490);
	CHECK_NEAR(g.rings[0].coords[0], 1.0, 0);
	unit_arena_free(&arena);
}

/* Every strict prefix of a valid value must be rejected, never over-read. */
static void
test_truncation(void)
{
	const char *all[] = {POLY_4523, POINT_2D, LINE_2PT, MPOLY_4490, NESTED_COLL,
	POINT_ZM, POLY_EMPTY};
	size_t		i,
				cut;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
	{
		Fixture		f;
		UnitArena	arena = {0};
		JtAllocator a = {unit_arena_alloc, &arena};
		JtGeom		g;
		int			bad = 0;

		fixture_load(&f, all[i]);
		for (cut = 0; cut < f.len; cut++)
		{
			/* copy to a heap block of exactly `cut` bytes so ASan sees over-reads */
			uint8_t    *heap = NULL;
			JtGeomStatus st;

			if (posix_memalign((void **) &heap, 8, cut + 8) != 0)
				abort();
			memcpy(heap + 4, f.buf, cut);
			st = jt_gserialized_read(heap + 4, cut, &a, &g);
			if (st == JT_GEOM_OK)
				bad++;
			free(heap);
		}
		CHECK_EQ_INT(bad, 0);
		unit_arena_free(&arena);
	}
}

static void
test_rejections(void)
{
	Fixture		f;
	UnitArena	arena = {0};
	JtGeom		g;

	/* geography flag */
	CHECK_EQ_INT(parse("000000480100000001000000000000000000f03f0000000000000040", &f, &arena, &g),
				 JT_GEOM_GEODETIC);
	/* CIRCULARSTRING (8), CURVEPOLYGON (10), TIN (15), 99 */
	CHECK_EQ_INT(parse("000000400800000000000000", &f, &arena, &g), JT_GEOM_CURVED);
	CHECK_EQ_INT(parse("000000400a00000000000000", &f, &arena, &g), JT_GEOM_CURVED);
	CHECK_EQ_INT(parse("000000400f00000000000000", &f, &arena, &g), JT_GEOM_SURFACE);
	CHECK_EQ_INT(parse("000000406300000000000000", &f, &arena, &g), JT_GEOM_BAD_TYPE);
	/* MULTIPOINT holding a LINESTRING */
	CHECK_EQ_INT(parse("00000040040000000100000002000000000000000000", &f, &arena, &g),
				 JT_GEOM_BAD_MEMBER);
	/* trailing garbage after POINT(1 2) */
	CHECK_EQ_INT(parse("000000400100000001000000000000000000f03f000000000000004000000000", &f, &arena, &g),
				 JT_GEOM_TRAILING);
	/* a point claiming 2 points */
	CHECK_EQ_INT(parse("000000400100000002000000000000000000f03f0000000000000040", &f, &arena, &g),
				 JT_GEOM_TRUNCATED);
	/* huge ring count must not allocate: 0x7fffffff rings */
	CHECK_EQ_INT(parse("0000004003000000ffffff7f", &f, &arena, &g), JT_GEOM_TRUNCATED);
	unit_arena_free(&arena);

	/* collections nested beyond the limit */
	{
		char		hex[8 + 16 * (JT_MAX_NESTING + 2) + 1];
		int			k;

		strcpy(hex, "00000040");
		for (k = 0; k < JT_MAX_NESTING + 1; k++)
			strcat(hex, "0700000001000000");
		strcat(hex, "0700000000000000");
		CHECK_EQ_INT(parse(hex, &f, &arena, &g), JT_GEOM_TOO_DEEP);
		unit_arena_free(&arena);
	}

	/* misaligned buffer */
	{
		double		storage[8];
		uint8_t    *buf = (uint8_t *) storage + 1;
		JtAllocator a = {unit_arena_alloc, &arena};

		fixture_load(&f, POINT_2D);
		memcpy(buf, f.buf, f.len);
		CHECK_EQ_INT(jt_gserialized_read(buf, f.len, &a, &g), JT_GEOM_MISALIGNED);
		unit_arena_free(&arena);
	}
}

/* The writer alone: negative SRIDs, NaN finiteness, bbox rounding outwards. */
static void
test_writer(void)
{
	double		coords[] = {0.1, 0.2, 1e7 + 0.3, 0.2, 1e7 + 0.3, 3e6 + 0.7, 0.1, 0.2};
	JtPointArray ring = {4, coords};
	JtGeom		g;
	double		out[32];
	uint8_t    *buf = (uint8_t *) out + 4;
	float		box[4];
	UnitArena	arena = {0};
	JtAllocator a = {unit_arena_alloc, &arena};
	JtGeom		back;

	jt_geom_init(&g, JT_POLYGON, -5, false, false);
	g.nrings = 1;
	g.rings = &ring;
	CHECK_EQ_INT(jt_gserialized_size(&g), 4 + 16 + 8 + 8 + 4 * 16);
	jt_gserialized_write(&g, buf);
	memcpy(box, buf + 4, sizeof(box));
	CHECK(box[0] <= 0.1 && box[1] >= 1e7 + 0.3 && box[2] <= 0.2 && box[3] >= 3e6 + 0.7);
	CHECK_EQ_INT(jt_gserialized_read(buf, jt_gserialized_size(&g), &a, &back), JT_GEOM_OK);
	CHECK_EQ_INT(back.srid, -5);
	CHECK(jt_geom_all_finite(&back));
	coords[3] = NAN;
	CHECK(!jt_geom_all_finite(&g));
	CHECK_EQ_STR(jt_geom_type_name(JT_MULTIPOLYGON), "MULTIPOLYGON");
	CHECK_EQ_STR(jt_geom_type_name(99), "UNKNOWN");
	unit_arena_free(&arena);
}

int
main(void)
{
	test_polygon();
	test_simple_kinds();
	test_truncation();
	test_rejections();
	test_writer();
	UNIT_DONE();
}
