/*
 * test_polygon_check.c — the fast validity pre-check (src/polygon_check.c).
 *
 * Hand-made cases with the verdict the OGC rules give (GEOS's isValid
 * agrees: checked with ST_IsValidReason on the same WKT), then random rings
 * on a small integer grid, where orientation tests are exact, against a
 * brute-force oracle over all segment pairs: the check may answer UNSURE,
 * but VALID only when no two non-consecutive segments meet and INVALID only
 * when two segments really cross.
 */
#include "polygon_check.h"
#include "unit.h"

#include <stdint.h>

static UnitArena arena;
static JtAllocator alloc = {unit_arena_alloc, &arena};

static JtCheckVerdict
check(const JtGeom *g, JtCheckResult *res)
{
	jt_polygon_check(g, &alloc, NULL, res);
	unit_arena_free(&arena);
	return res->verdict;
}

#define RING(...) (const double[]){__VA_ARGS__}, (int) (sizeof((const double[]){__VA_ARGS__}) / sizeof(double) / 2)

static void
test_cases(void)
{
	static UnitPoly p,
				q;
	JtCheckResult res;
	JtGeom		members[2];
	JtGeom		mp;

	/* a square: valid */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 10, 10, 0, 10, 0, 0));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_VALID);

	/* the bow tie crosses itself at (1 1) */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 2, 2, 2, 0, 0, 2, 0, 0));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_INVALID);
	CHECK_EQ_STR(res.reason, "a ring intersects itself");
	CHECK_NEAR(res.x, 1, 1e-12);
	CHECK_NEAR(res.y, 1, 1e-12);

	/* a bow tie through a shared vertex: undecided here, GEOS says invalid */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 1, 1, 2, 2, 2, 0, 1, 1, 0, 2, 0, 0));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_UNSURE);

	/* repeated consecutive points are harmless */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 10, 0, 10, 10, 0, 10, 0, 10, 0, 0));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_VALID);

	/* collinear consecutive vertices too */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 5, 0, 10, 0, 10, 10, 0, 10, 0, 0));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_VALID);

	/* a spike folds back onto its edge: undecided (GEOS: self-intersection) */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 15, 0, 10, 0, 10, 10, 0, 10, 0, 0));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_UNSURE);

	/* not closed, too short */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 10, 10, 0, 10));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_INVALID);
	CHECK_EQ_STR(res.reason, "a ring is not closed");
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 0, 0));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_INVALID);
	CHECK_EQ_STR(res.reason, "a ring has fewer than 4 points");
	/* a degenerate ring (all on a line): undecided */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 5, 0, 0, 0));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_UNSURE);

	/* holes: inside (valid), outside, crossing, touching, nested */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 10, 10, 0, 10, 0, 0));
	unit_poly_ring(&p, RING(2, 2, 2, 4, 4, 4, 4, 2, 2, 2));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_VALID);
	unit_poly_ring(&p, RING(5, 5, 5, 8, 8, 8, 8, 5, 5, 5));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_VALID);
	unit_poly_ring(&p, RING(6, 6, 6, 7, 7, 7, 7, 6, 6, 6));	/* inside the last */
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_INVALID);
	CHECK_EQ_STR(res.reason, "a hole lies inside another hole");

	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 10, 10, 0, 10, 0, 0));
	unit_poly_ring(&p, RING(20, 20, 20, 24, 24, 24, 24, 20, 20, 20));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_INVALID);
	CHECK_EQ_STR(res.reason, "a hole lies outside its shell");

	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 10, 10, 0, 10, 0, 0));
	unit_poly_ring(&p, RING(8, 2, 8, 4, 12, 4, 12, 2, 8, 2));
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_INVALID);
	CHECK_EQ_STR(res.reason, "two rings cross");
	CHECK(res.x == 10 && (res.y == 2 || res.y == 4));

	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 10, 10, 0, 10, 0, 0));
	unit_poly_ring(&p, RING(10, 5, 8, 4, 8, 6, 10, 5));	/* touches at (10 5) */
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_UNSURE);

	/* multipolygons: disjoint, overlapping, nested, island in a hole */
	unit_poly_init(&p, 0);
	unit_poly_ring(&p, RING(0, 0, 10, 0, 10, 10, 0, 10, 0, 0));
	unit_poly_init(&q, 0);
	unit_poly_ring(&q, RING(20, 0, 30, 0, 30, 10, 20, 10, 20, 0));
	members[0] = p.g;
	members[1] = q.g;
	memset(&mp, 0, sizeof(mp));
	mp.type = JT_MULTIPOLYGON;
	mp.ndims = 2;
	mp.ngeoms = 2;
	mp.geoms = members;
	CHECK_EQ_INT(check(&mp, &res), JT_CHECK_VALID);

	unit_poly_init(&q, 0);
	unit_poly_ring(&q, RING(2, 2, 2, 4, 4, 4, 4, 2, 2, 2));
	members[1] = q.g;
	CHECK_EQ_INT(check(&mp, &res), JT_CHECK_INVALID);
	CHECK_EQ_STR(res.reason, "two polygons of the multipolygon overlap");

	unit_poly_ring(&p, RING(1, 1, 1, 5, 5, 5, 5, 1, 1, 1));	/* now q sits in p's hole */
	members[0] = p.g;
	CHECK_EQ_INT(check(&mp, &res), JT_CHECK_VALID);

	unit_poly_init(&q, 0);
	unit_poly_ring(&q, RING(5, 5, 15, 5, 15, 15, 5, 15, 5, 5));	/* crosses p */
	members[1] = q.g;
	CHECK_EQ_INT(check(&mp, &res), JT_CHECK_INVALID);
	CHECK_EQ_STR(res.reason, "two rings cross");

	/* an empty polygon has nothing to check */
	unit_poly_init(&p, 0);
	CHECK_EQ_INT(check(&p.g, &res), JT_CHECK_VALID);
}

/* ---- brute force on an integer grid (exact orientations) ---- */

static int
sgn(double v)
{
	return (v > 0) - (v < 0);
}

static int
orient_exact(const double *a, const double *b, const double *c)
{
	return sgn((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

static bool
on_segment(const double *a, const double *b, const double *p)
{
	return orient_exact(a, b, p) == 0 &&
		p[0] >= fmin(a[0], b[0]) && p[0] <= fmax(a[0], b[0]) &&
		p[1] >= fmin(a[1], b[1]) && p[1] <= fmax(a[1], b[1]);
}

/*
 * Over all pairs of segments of a ring: does a pair cross properly?  Does
 * any non-consecutive pair meet at all, or a consecutive pair overlap?
 */
static void
brute(const double *c, int n, bool *crossing, bool *contact)
{
	int			i,
				j;

	*crossing = *contact = false;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
		{
			const double *a = c + 2 * i,
					   *b = c + 2 * (i + 1),
					   *p = c + 2 * j,
					   *q = c + 2 * (j + 1);
			int			o1 = orient_exact(a, b, p),
						o2 = orient_exact(a, b, q),
						o3 = orient_exact(p, q, a),
						o4 = orient_exact(p, q, b);
			bool		consecutive = (j == i + 1) || (i == 0 && j == n - 1);

			if (o1 * o2 < 0 && o3 * o4 < 0)
				*crossing = true;
			if (consecutive)
			{
				/* shared vertex; they must not overlap */
				const double *s = (j == i + 1) ? b : a;
				const double *u = (j == i + 1) ? a : b;
				const double *w = (j == i + 1) ? q : p;

				if (orient_exact(s, u, w) == 0 &&
					(u[0] - s[0]) * (w[0] - s[0]) + (u[1] - s[1]) * (w[1] - s[1]) > 0)
					*contact = true;
				continue;
			}
			if ((o1 * o2 < 0 && o3 * o4 < 0) || on_segment(a, b, p) || on_segment(a, b, q) ||
				on_segment(p, q, a) || on_segment(p, q, b))
				*contact = true;
		}
}

static int
irand(int n)
{
	return (int) (unit_rand() * n);
}

static void
test_random_rings(void)
{
	static UnitPoly p;
	double		c[2 * 41];
	int			counts[3] = {0, 0, 0};
	int			i,
				k;

	for (i = 0; i < 100000; i++)
	{
		int			n = 3 + irand(10);
		int			grid = 4 + irand(60);
		bool		crossing,
					contact;
		JtCheckResult res;

		for (k = 0; k < n; k++)
		{
			c[2 * k] = irand(grid);
			c[2 * k + 1] = irand(grid);
		}
		c[2 * n] = c[0];
		c[2 * n + 1] = c[1];
		/* no repeated consecutive points in the oracle's input */
		for (k = 0; k < n; k++)
			if (c[2 * k] == c[2 * k + 2] && c[2 * k + 1] == c[2 * k + 3])
				break;
		if (k < n)
			continue;
		unit_poly_init(&p, 0);
		unit_poly_ring(&p, c, n + 1);
		brute(c, n, &crossing, &contact);
		check(&p.g, &res);
		counts[res.verdict]++;
		if (res.verdict == JT_CHECK_VALID && contact)
		{
			fprintf(stderr, "ring %d judged valid but segments meet\n", i);
			CHECK(0);
		}
		if (res.verdict == JT_CHECK_INVALID && !crossing)
		{
			fprintf(stderr, "ring %d judged invalid without a crossing\n", i);
			CHECK(0);
		}
		/* a crossing is never called valid (checked above), and a clean
		 * ring with at least three distinct segments is never doubted */
		if (!contact && n >= 3 && res.verdict == JT_CHECK_UNSURE)
		{
			bool		collinear = true;

			for (k = 2; k < n; k++)
				if (orient_exact(c, c + 2, c + 2 * k) != 0)
					collinear = false;
			CHECK(collinear);
		}
	}
	fprintf(stderr, "random rings: %d valid, %d invalid, %d left to GEOS\n",
			counts[0], counts[1], counts[2]);
}

int
main(void)
{
	test_cases();
	test_random_rings();
	UNIT_DONE();
}
