/*
 * test_topo.c — the pure-C topology cores (src/topo.c).
 *
 * Fixtures are small hand-drawn shapes (unit squares, a 1 m parcel grid)
 * written as WKT and parsed by a tiny parser below; every expected value
 * follows from the drawing (areas and distances worked out by hand in the
 * comments).  The tolerance is the survey's 0.0001 m and eps = tol / 100.
 * Coordinates are also run with a Gauss-Kruger offset (35 500 000,
 * 4 000 000) to show the screens keep working at county magnitudes.
 */
#include "topo.h"
#include "unit.h"

#include <ctype.h>
#include <stdint.h>

#define TOL 0.0001
#define EPS 0.000001

/* ---------------------------------------------------------------------
 * A tiny WKT reader for POLYGON / MULTIPOLYGON / LINESTRING /
 * MULTILINESTRING, enough for fixtures.
 * ---------------------------------------------------------------------
 */
typedef struct TGeom
{
	JtGeom		g;
	JtGeom		members[16];
	JtPointArray arrays[64];
	double		coords[4096];
	JtPath		paths[64];
	JtLinework	lw;
	int			narrays,
				ncoords;
} TGeom;

static double off_x = 0,
			off_y = 0;

/* locate segments at shared vertices by the corner (wedge) or by midpoint */
static bool use_wedges = false;

static const char *
skip_ws(const char *s)
{
	while (isspace((unsigned char) *s))
		s++;
	return s;
}

/* "(x y, x y, ...)" into a new point array */
static const char *
read_points(TGeom *t, const char *s, JtPointArray *pa)
{
	s = skip_ws(s);
	if (*s != '(')
		abort();
	s++;
	pa->coords = &t->coords[t->ncoords];
	pa->npoints = 0;
	for (;;)
	{
		char	   *end;
		double		x = strtod(s, &end);
		double		y;

		s = end;
		y = strtod(s, &end);
		s = skip_ws(end);
		t->coords[t->ncoords++] = x + off_x;
		t->coords[t->ncoords++] = y + off_y;
		pa->npoints++;
		if (*s == ',')
		{
			s++;
			continue;
		}
		if (*s != ')')
			abort();
		return s + 1;
	}
}

/* "((ring), (ring))" into g as POLYGON or LINESTRING(s) */
static const char *
read_rings(TGeom *t, const char *s, JtGeom *g)
{
	s = skip_ws(s);
	if (*s != '(')
		abort();
	s++;
	g->rings = &t->arrays[t->narrays];
	g->nrings = 0;
	for (;;)
	{
		s = read_points(t, s, &t->arrays[t->narrays++]);
		g->nrings++;
		s = skip_ws(s);
		if (*s == ',')
		{
			s++;
			continue;
		}
		return s + 1;
	}
}

static JtLinework *
wkt(TGeom *t, const char *s)
{
	memset(t, 0, sizeof(*t));
	if (strncmp(s, "POLYGON", 7) == 0)
	{
		jt_geom_init(&t->g, JT_POLYGON, 0, false, false);
		read_rings(t, s + 7, &t->g);
	}
	else if (strncmp(s, "LINESTRING", 10) == 0)
	{
		jt_geom_init(&t->g, JT_LINESTRING, 0, false, false);
		t->g.rings = &t->arrays[t->narrays++];
		t->g.nrings = 1;
		read_points(t, s + 10, t->g.rings);
	}
	else
	{
		bool		poly = strncmp(s, "MULTIPOLYGON", 12) == 0;

		jt_geom_init(&t->g, poly ? JT_MULTIPOLYGON : JT_MULTILINESTRING, 0, false, false);
		s = skip_ws(s + (poly ? 12 : 15));
		if (*s != '(')
			abort();
		s++;
		t->g.geoms = t->members;
		for (;;)
		{
			JtGeom	   *m = &t->members[t->g.ngeoms++];

			jt_geom_init(m, poly ? JT_POLYGON : JT_LINESTRING, 0, false, false);
			if (poly)
				s = read_rings(t, s, m);
			else
			{
				m->rings = &t->arrays[t->narrays++];
				m->nrings = 1;
				s = read_points(t, s, m->rings);
			}
			s = skip_ws(s);
			if (*s != ',')
				break;
			s++;
		}
	}
	if (jt_linework_npaths(&t->g) > 64)
		abort();
	jt_linework_fill(&t->g, t->paths, &t->lw);
	return &t->lw;
}

static uint8_t scratch_mem[1 << 16];

static void *
scratch_for(const JtLinework *a, const JtLinework *b)
{
	if (jt_pair_scratch_size(a, b) > sizeof(scratch_mem))
		abort();
	return scratch_mem;
}

/* ---------------------------------------------------------------------
 * Tests
 * ---------------------------------------------------------------------
 */

static void
test_kinds(void)
{
	int			i;

	for (i = 0; i < JT_TK_COUNT; i++)
	{
		CHECK(jt_topo_kind_key[i] != NULL);
		CHECK_EQ_INT(jt_topo_kind_from_key(jt_topo_kind_key[i]), i);
	}
	CHECK_EQ_INT(jt_topo_kind_from_key("overlaps"), -1);
	CHECK_EQ_STR(jt_topo_kind_key[JT_TK_OVERLAP], "overlap");
	CHECK_EQ_STR(jt_topo_kind_key[JT_TK_PSEUDO_NODE], "pseudo_node");
}

static void
test_linework(void)
{
	TGeom		a;
	JtLinework *lw;
	double		area,
				per;

	/* 10x10 square with a 2x2 hole: 100 - 4 = 96 m2, perimeter 40 + 8 */
	lw = wkt(&a, "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,4 6,6 6,6 4,4 4))");
	CHECK_EQ_INT(lw->dim, 2);
	CHECK_EQ_INT(lw->npaths, 2);
	CHECK_EQ_INT(lw->nsegs, 8);
	CHECK_EQ_INT(lw->nparts, 1);
	CHECK(lw->paths[0].shell && !lw->paths[1].shell && lw->paths[1].ring);
	CHECK_EQ_INT(lw->paths[1].seg0, 4);
	CHECK(lw->box.xmin == 0 && lw->box.xmax == 10 && lw->box.ymin == 0 && lw->box.ymax == 10);
	jt_polygon_part_metrics(lw, 0, &area, &per);
	CHECK_NEAR(area, 96, 1e-12);
	CHECK_NEAR(per, 48, 1e-12);

	lw = wkt(&a, "MULTILINESTRING((0 0,1 0),(1 0,1 1,2 1))");
	CHECK_EQ_INT(lw->dim, 1);
	CHECK_EQ_INT(lw->nparts, 2);
	CHECK_EQ_INT(lw->nsegs, 3);
	CHECK_NEAR(jt_linework_length(lw), 3, 1e-12);
	/* (0.5, 0.25) is 0.25 from the first segment */
	CHECK_NEAR(jt_point_linework_distance(lw, 0.5, 0.25), 0.25, 1e-12);
}

static void
test_point_in_polygon(void)
{
	TGeom		a;
	JtLinework *lw = wkt(&a, "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,4 6,6 6,6 4,4 4))");

	CHECK_EQ_INT(jt_point_in_polygon(lw, 1, 1, EPS), JT_INSIDE);
	CHECK_EQ_INT(jt_point_in_polygon(lw, 5, 5, EPS), JT_OUTSIDE);	/* in the hole */
	CHECK_EQ_INT(jt_point_in_polygon(lw, 11, 5, EPS), JT_OUTSIDE);
	CHECK_EQ_INT(jt_point_in_polygon(lw, 10, 5, EPS), JT_ON_BOUNDARY);
	CHECK_EQ_INT(jt_point_in_polygon(lw, 4, 5, EPS), JT_ON_BOUNDARY);
	/* 0.0000005 outside the edge is "on" within eps, 0.00001 is not */
	CHECK_EQ_INT(jt_point_in_polygon(lw, 10.0000005, 5, EPS), JT_ON_BOUNDARY);
	CHECK_EQ_INT(jt_point_in_polygon(lw, 10.00001, 5, EPS), JT_OUTSIDE);
}

static JtSegRef
seg(double x1, double y1, double x2, double y2)
{
	JtSegRef	s;

	memset(&s, 0, sizeof(s));
	s.x1 = x1;
	s.y1 = y1;
	s.x2 = x2;
	s.y2 = y2;
	s.xmin = fmin(x1, x2);
	s.xmax = fmax(x1, x2);
	s.ymin = fmin(y1, y2);
	s.ymax = fmax(y1, y2);
	return s;
}

static void
test_seg_covered(void)
{
	JtSegRef	s = seg(0, 0, 10, 0);
	JtSegRef	c[3];
	double		len;

	/* the same segment, reversed */
	c[0] = seg(10, 0, 0, 0);
	CHECK(jt_seg_covered(&s, c, 1, EPS, &len));
	CHECK_NEAR(len, 10, 1e-12);
	/* split in two at x = 4 (a T-junction seen from the long side) */
	c[0] = seg(0, 0, 4, 0);
	c[1] = seg(4, 0, 10, 0);
	CHECK(jt_seg_covered(&s, c, 2, EPS, &len));
	CHECK_NEAR(len, 10, 1e-12);
	/* a hole from 4 to 5: not covered, 9 m proved */
	c[1] = seg(5, 0, 10, 0);
	CHECK(!jt_seg_covered(&s, c, 2, EPS, &len));
	CHECK_NEAR(len, 9, 1e-12);
	/* a parallel segment 0.00005 away: covered within TOL, not within EPS */
	c[0] = seg(0, 0.00005, 10, 0.00005);
	CHECK(jt_seg_covered(&s, c, 1, TOL, NULL));
	CHECK(!jt_seg_covered(&s, c, 1, EPS, NULL));
	/* 0.0002 away: not within TOL */
	c[0] = seg(0, 0.0002, 10, 0.0002);
	CHECK(!jt_seg_covered(&s, c, 1, TOL, &len));
	CHECK_NEAR(len, 0, 0);
	/*
	 * meeting at a 45-degree angle at (0,0): only the point is within TOL
	 * of both ends of an interval, nothing is "along"
	 */
	c[0] = seg(0, 0, 10, 10);
	CHECK(!jt_seg_covered(&s, c, 1, TOL, &len));
	CHECK(len < TOL);
	/* zero-length segment is trivially covered */
	c[0] = seg(3, 3, 3, 3);
	s = seg(1, 1, 1, 1);
	CHECK(jt_seg_covered(&s, c, 0, EPS, NULL));
}

static void
test_quick_check(void)
{
	TGeom		a;
	JtSegRef	sc[64];
	double		x = -1,
				y = -1;

	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,1 0,1 1,0 1,0 0))"), 256, sc, &x, &y),
				 JT_SHAPE_OK);
	/* bow-tie: the two long edges cross at (1, 1) */
	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,2 2,2 0,0 2,0 0))"), 256, sc, &x, &y),
				 JT_SHAPE_PROBLEM);
	CHECK_NEAR(x, 1, 1e-12);
	CHECK_NEAR(y, 1, 1e-12);
	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,1 0,1 1,0 1))"), 256, sc, &x, &y),
				 JT_SHAPE_UNCLOSED);
	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,1 0,0 0))"), 256, sc, &x, &y),
				 JT_SHAPE_DEGENERATE);
	/* collapsed: four points, zero area */
	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,1 0,2 0,0 0))"), 256, sc, &x, &y),
				 JT_SHAPE_PROBLEM);
	/* a spike: out to (3, 0.5) and back along the same segment */
	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,1 0,1 0.5,3 0.5,1 0.5,1 1,0 1,0 0))"),
									   256, sc, &x, &y), JT_SHAPE_PROBLEM);
	/* the ring touches itself at (1, 1) (an inverted hole): invalid */
	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,2 0,2 2,1 1,1.5 1,1 1,0 2,0 0))"),
									   256, sc, &x, &y), JT_SHAPE_PROBLEM);
	/* repeated points are not a problem */
	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,1 0,1 0,1 1,0 1,0 0))"), 256, sc, &x, &y),
				 JT_SHAPE_OK);
	/* holes and large rings are left to GEOS */
	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,4 6,6 6,6 4,4 4))"),
									   256, sc, &x, &y), JT_SHAPE_UNSURE);
	CHECK_EQ_INT(jt_polygon_quick_check(wkt(&a, "POLYGON((0 0,1 0,1 1,0 1,0 0))"), 4, sc, &x, &y),
				 JT_SHAPE_UNSURE);
}

static void
test_self_intersections(void)
{
	TGeom		a;
	JtSegRef	sc[64];
	JtNear		pts[4];

	/* an open line crossing itself once at (1, 0.5) */
	CHECK_EQ_INT(jt_linework_self_intersections(wkt(&a, "LINESTRING(0 0,2 1,2 0,0 1)"), sc, EPS, pts, 4), 1);
	CHECK_NEAR(pts[0].x, 1, 1e-12);
	CHECK_NEAR(pts[0].y, 0.5, 1e-12);
	CHECK_EQ_INT(jt_linework_self_intersections(wkt(&a, "LINESTRING(0 0,1 0,1 1,2 1)"), sc, EPS, pts, 4), 0);
	/* a closed line is fine */
	CHECK_EQ_INT(jt_linework_self_intersections(wkt(&a, "LINESTRING(0 0,1 0,1 1,0 0)"), sc, EPS, pts, 4), 0);
	/* a "6": the end touches the line's own interior */
	CHECK_EQ_INT(jt_linework_self_intersections(wkt(&a, "LINESTRING(0 0,0 2,1 2,1 1,0 1)"), sc, EPS, pts, 4), 1);
	/* parts of a multi-line meeting end to end are fine, crossing is not */
	CHECK_EQ_INT(jt_linework_self_intersections(wkt(&a, "MULTILINESTRING((0 0,1 0),(1 0,1 1))"), sc, EPS, pts, 4), 0);
	CHECK_EQ_INT(jt_linework_self_intersections(wkt(&a, "MULTILINESTRING((0 0,2 0),(1 -1,1 1))"), sc, EPS, pts, 4), 1);
	/* end of one part on the interior of the other */
	CHECK_EQ_INT(jt_linework_self_intersections(wkt(&a, "MULTILINESTRING((0 0,2 0),(1 0,1 1))"), sc, EPS, pts, 4), 1);
	/* the same segment twice (one pair, reported once) */
	CHECK_EQ_INT(jt_linework_self_intersections(wkt(&a, "MULTILINESTRING((0 0,2 0),(2 0,0 0))"), sc, EPS, pts, 4), 1);
}

/* A = [0,1]x[0,1]; B = A shifted right by 1 + dx (dx < 0: overlap) */
static void
pair_shifted(double dx, JtPairInfo *info, uint8_t *acov, uint8_t *bcov)
{
	TGeom		a,
				b;
	char		wb[256];
	JtLinework *la = wkt(&a, "POLYGON((0 0,1 0,1 1,0 1,0 0))");
	JtLinework *lb;

	snprintf(wb, sizeof(wb), "POLYGON((%.17g 0,%.17g 0,%.17g 1,%.17g 1,%.17g 0))",
			 1 + dx, 2 + dx, 2 + dx, 1 + dx, 1 + dx);
	lb = wkt(&b, wb);
	jt_polygon_pair(la, lb, TOL, EPS, use_wedges, acov, bcov, scratch_for(la, lb), info);
}

static void
test_polygon_pair(void)
{
	TGeom		a,
				b;
	JtLinework *la,
			   *lb;
	JtPairInfo	info;
	uint8_t		acov[16],
				bcov[16];

	/* edge-matched neighbours: disjoint; A's edge 1 and B's edge 3 shared */
	memset(acov, 0, sizeof(acov));
	memset(bcov, 0, sizeof(bcov));
	pair_shifted(0, &info, acov, bcov);
	CHECK(!info.maybe);
	CHECK_EQ_INT(info.nnear, 0);
	CHECK(acov[1] == 1 && acov[0] == 0 && acov[2] == 0 && acov[3] == 0);
	CHECK(bcov[3] == 1 && bcov[0] == 0 && bcov[1] == 0 && bcov[2] == 0);

	/* a 0.0002 m overlap: maybe (GEOS will measure 0.0002 > TOL) */
	pair_shifted(-0.0002, &info, NULL, NULL);
	CHECK(info.maybe);
	CHECK_EQ_INT(info.nnear, 0);	/* 0.0002 is beyond the tolerance */
	/* a 0.00005 m overlap: maybe too (GEOS decides it is thinner than TOL) */
	pair_shifted(-0.00005, &info, NULL, NULL);
	CHECK(info.maybe);
	/*
	 * ... and its four corners are unsnapped: each lies on the other's
	 * bottom or top edge, but 0.00005 from the other's corner
	 */
	CHECK_EQ_INT(info.nnear, 4);
	CHECK_NEAR(info.maxnear, 0.00005, 1e-12);
	/* a 0.00005 m gap: disjoint, four unsnapped vertices, no shared edge */
	memset(acov, 0, sizeof(acov));
	pair_shifted(0.00005, &info, acov, NULL);
	CHECK(!info.maybe);
	CHECK_EQ_INT(info.nnear, 4);
	CHECK_EQ_INT(acov[1], 0);
	/* a 0.0002 m gap: disjoint, nothing near */
	pair_shifted(0.0002, &info, NULL, NULL);
	CHECK(!info.maybe);
	CHECK_EQ_INT(info.nnear, 0);

	/* B's edge has an extra vertex at (1, 0.5): still disjoint, all shared */
	memset(acov, 0, sizeof(acov));
	memset(bcov, 0, sizeof(bcov));
	la = wkt(&a, "POLYGON((0 0,1 0,1 1,0 1,0 0))");
	lb = wkt(&b, "POLYGON((1 0,2 0,2 1,1 1,1 0.5,1 0))");
	jt_polygon_pair(la, lb, TOL, EPS, use_wedges, acov, bcov, scratch_for(la, lb), &info);
	CHECK(!info.maybe);
	CHECK(acov[1] == 1 && bcov[3] == 1 && bcov[4] == 1);

	/* corner contact only */
	la = wkt(&a, "POLYGON((0 0,1 0,1 1,0 1,0 0))");
	lb = wkt(&b, "POLYGON((1 1,2 1,2 2,1 2,1 1))");
	jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
	CHECK(!info.maybe);

	/* containment, duplicate, a thin cross with no vertex inside the other */
	lb = wkt(&b, "POLYGON((0.2 0.2,0.4 0.2,0.4 0.4,0.2 0.4,0.2 0.2))");
	jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
	CHECK(info.maybe);
	lb = wkt(&b, "POLYGON((0 0,0 1,1 1,1 0,0 0))");
	jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
	CHECK(info.maybe);
	la = wkt(&a, "POLYGON((-1 0.4,2 0.4,2 0.6,-1 0.6,-1 0.4))");
	lb = wkt(&b, "POLYGON((0.4 -1,0.6 -1,0.6 2,0.4 2,0.4 -1))");
	jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
	CHECK(info.maybe);

	/* an enclave filling a hole is left to GEOS (its shell is all shared) */
	la = wkt(&a, "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,4 6,6 6,6 4,4 4))");
	lb = wkt(&b, "POLYGON((4 4,6 4,6 6,4 6,4 4))");
	jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
	CHECK(info.maybe);

	/* far apart */
	lb = wkt(&b, "POLYGON((40 40,60 40,60 60,40 60,40 40))");
	jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
	CHECK(!info.maybe && info.nnear == 0);
}

static void
test_polygon_pair_county(void)
{
	JtPairInfo	info;
	uint8_t		acov[16],
				bcov[16];

	/* the same at Gauss-Kruger magnitudes */
	off_x = 35500000.123;
	off_y = 4000000.456;
	memset(acov, 0, sizeof(acov));
	memset(bcov, 0, sizeof(bcov));
	pair_shifted(0, &info, acov, bcov);
	CHECK(!info.maybe && info.nnear == 0 && acov[1] == 1 && bcov[3] == 1);
	pair_shifted(-0.0002, &info, NULL, NULL);
	CHECK(info.maybe);
	pair_shifted(0.00005, &info, NULL, NULL);
	CHECK(!info.maybe);
	CHECK_EQ_INT(info.nnear, 4);
	/* 0.00005 at 3.5e7 is representable to ~1e-8: the distance holds */
	CHECK_NEAR(info.maxnear, 0.00005, 1e-8);
	off_x = off_y = 0;
}

/*
 * Corners: b is an L-shape (reflex corner at (1 1)); polygons meeting it
 * there, inside the notch (disjoint) or poking into its body (overlap).
 * Both rings clockwise and counter-clockwise.
 */
static void
test_wedges(void)
{
	TGeom		a,
				b;
	JtLinework *la,
			   *lb;
	JtPairInfo	info;
	const char *ls[2] = {"POLYGON((0 0,2 0,2 1,1 1,1 2,0 2,0 0))",
	"POLYGON((0 0,0 2,1 2,1 1,2 1,2 0,0 0))"};
	int			k;

	for (k = 0; k < 2; k++)
	{
		lb = wkt(&b, ls[k]);
		/* the notch square [1,2]x[1,2]: edge-matched, disjoint */
		la = wkt(&a, "POLYGON((1 1,2 1,2 2,1 2,1 1))");
		jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
		CHECK(!info.maybe);
		/* a triangle in the notch touching only the corner: disjoint */
		la = wkt(&a, "POLYGON((1 1,3 2,2 3,1 1))");
		jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
		CHECK(!info.maybe);
		/* a triangle from the corner into the body: overlap */
		la = wkt(&a, "POLYGON((1 1,0.5 0.2,0.2 0.5,1 1))");
		jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
		CHECK(info.maybe);
		/* from the convex corner (2 0) outward: disjoint; inward: overlap */
		la = wkt(&a, "POLYGON((2 0,3 -1,3 0.5,2 0))");
		jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
		CHECK(!info.maybe);
		la = wkt(&a, "POLYGON((2 0,1.5 0.5,1.9 0.8,2 0))");
		jt_polygon_pair(la, lb, TOL, EPS, use_wedges, NULL, NULL, scratch_for(la, lb), &info);
		CHECK(info.maybe);
	}
}

/* a parcel within its container (地籍子区), on or off the boundary */
static void
test_within(void)
{
	TGeom		a,
				b;
	JtLinework *la,
			   *lb;
	uint8_t		acov[16];
	int			w;

	for (w = 0; w < 2; w++)
	{
		lb = wkt(&b, "POLYGON((0 0,10 0,10 10,0 10,0 0),(6 6,8 6,8 8,6 8,6 6))");
		/* in a corner: two edges on the boundary, marked */
		memset(acov, 0, sizeof(acov));
		la = wkt(&a, "POLYGON((0 0,2 0,2 2,0 2,0 0))");
		CHECK(jt_polygon_within(la, lb, NULL, EPS, w, acov, scratch_for(la, lb)));
		CHECK(acov[0] == 1 && acov[1] == 0 && acov[2] == 0 && acov[3] == 1);
		/* along the hole's edge: within */
		la = wkt(&a, "POLYGON((6 4,8 4,8 6,6 6,6 4))");
		CHECK(jt_polygon_within(la, lb, NULL, EPS, w, NULL, scratch_for(la, lb)));
		/*
		 * 0.0002 over the east edge: not within.  (0.0000005 over would be
		 * within eps, but its edges cross the container's: not proved here;
		 * the caller then asks GEOS.)  On the east edge with a vertex in the
		 * middle of the container's edge (a T-junction): within.
		 */
		la = wkt(&a, "POLYGON((9 0,10.0002 0,10.0002 1,9 1,9 0))");
		CHECK(!jt_polygon_within(la, lb, NULL, EPS, w, NULL, scratch_for(la, lb)));
		la = wkt(&a, "POLYGON((9 0.5,10 0.5,10 1.5,9 1.5,9 0.5))");
		CHECK(jt_polygon_within(la, lb, NULL, EPS, w, NULL, scratch_for(la, lb)));
		/* around the hole: not within */
		la = wkt(&a, "POLYGON((5 5,9 5,9 9,5 9,5 5))");
		CHECK(!jt_polygon_within(la, lb, NULL, EPS, w, NULL, scratch_for(la, lb)));
		/* the container itself, without its hole: not within; with: within */
		la = wkt(&a, "POLYGON((0 0,10 0,10 10,0 10,0 0))");
		CHECK(!jt_polygon_within(la, lb, NULL, EPS, w, NULL, scratch_for(la, lb)));
		la = wkt(&a, "POLYGON((0 0,10 0,10 10,0 10,0 0),(6 6,8 6,8 8,6 8,6 6))");
		CHECK(jt_polygon_within(la, lb, NULL, EPS, w, NULL, scratch_for(la, lb)));
		/* an L-shaped container: in its notch, touching the reflex corner */
		lb = wkt(&b, "POLYGON((0 0,2 0,2 1,1 1,1 2,0 2,0 0))");
		la = wkt(&a, "POLYGON((1 1,2 1,2 2,1 2,1 1))");
		CHECK(!jt_polygon_within(la, lb, NULL, EPS, w, NULL, scratch_for(la, lb)));
		la = wkt(&a, "POLYGON((0 0,1 0,1 1,0 1,0 0))");
		CHECK(jt_polygon_within(la, lb, NULL, EPS, w, NULL, scratch_for(la, lb)));
		/* from the reflex corner into the body: within */
		la = wkt(&a, "POLYGON((1 1,0.5 0.2,0.2 0.5,1 1))");
		CHECK(jt_polygon_within(la, lb, NULL, EPS, w, NULL, scratch_for(la, lb)));
	}
}

static void
test_covered_by(void)
{
	TGeom		a,
				b;
	JtLinework *la = wkt(&a, "POLYGON((0 0,1 0,1 1,0 1,0 0))");
	JtLinework *lb;

	/* the same square drawn from another vertex with an extra vertex */
	lb = wkt(&b, "POLYGON((1 1,0 1,0 0,0.5 0,1 0,1 1))");
	CHECK(jt_linework_covered_by(la, lb, EPS, scratch_for(la, lb)));
	CHECK(jt_linework_covered_by(lb, la, EPS, scratch_for(lb, la)));
	/* one edge moved 0.00005: equal within TOL, not within EPS */
	lb = wkt(&b, "POLYGON((0 0,1.00005 0,1.00005 1,0 1,0 0))");
	CHECK(jt_linework_covered_by(la, lb, TOL, scratch_for(la, lb)));
	CHECK(!jt_linework_covered_by(la, lb, EPS, scratch_for(la, lb)));
	/* moved 0.0002: not within TOL */
	lb = wkt(&b, "POLYGON((0 0,1.0002 0,1.0002 1,0 1,0 0))");
	CHECK(!jt_linework_covered_by(la, lb, TOL, scratch_for(la, lb)));
}

static void
test_line_pair(void)
{
	TGeom		a,
				b;
	JtLinework *la,
			   *lb;
	JtPairInfo	info;

	/* an X: one crossing at (1, 1) */
	la = wkt(&a, "LINESTRING(0 0,2 2)");
	lb = wkt(&b, "LINESTRING(0 2,2 0)");
	jt_line_pair(la, lb, TOL, EPS, scratch_for(la, lb), &info);
	CHECK_EQ_INT(info.ncross, 1);
	CHECK_NEAR(info.cross[0].x, 1, 1e-12);
	CHECK_NEAR(info.overlap_len, 0, 0);
	CHECK(!info.duplicate);
	/* a T: A ends on B's interior - a node, not a crossing */
	la = wkt(&a, "LINESTRING(1 0,1 1)");
	lb = wkt(&b, "LINESTRING(0 1,2 1)");
	jt_line_pair(la, lb, TOL, EPS, scratch_for(la, lb), &info);
	CHECK_EQ_INT(info.ncross, 0);
	CHECK_EQ_INT(info.nnear, 0);
	/* overshoot by 0.00005: snapped to a node, but reported as unsnapped */
	la = wkt(&a, "LINESTRING(1 0,1 1.00005)");
	jt_line_pair(la, lb, TOL, EPS, scratch_for(la, lb), &info);
	CHECK_EQ_INT(info.ncross, 0);
	CHECK_EQ_INT(info.nnear, 1);
	CHECK_NEAR(info.maxnear, 0.00005, 1e-12);
	/* overshoot by 0.0002: a crossing */
	la = wkt(&a, "LINESTRING(1 0,1 1.0002)");
	jt_line_pair(la, lb, TOL, EPS, scratch_for(la, lb), &info);
	CHECK_EQ_INT(info.ncross, 1);
	/* undershoot by 0.00005: near; by 0.0002: nothing (a dangle later) */
	la = wkt(&a, "LINESTRING(1 0,1 0.99995)");
	jt_line_pair(la, lb, TOL, EPS, scratch_for(la, lb), &info);
	CHECK_EQ_INT(info.nnear, 1);
	la = wkt(&a, "LINESTRING(1 0,1 0.9998)");
	jt_line_pair(la, lb, TOL, EPS, scratch_for(la, lb), &info);
	CHECK_EQ_INT(info.nnear, 0);
	CHECK_EQ_INT(info.ncross, 0);
	/* sharing the stretch 1..2 of the x axis: 1 m along, no crossing */
	la = wkt(&a, "LINESTRING(0 0,2 0)");
	lb = wkt(&b, "LINESTRING(1 0,3 0)");
	jt_line_pair(la, lb, TOL, EPS, scratch_for(la, lb), &info);
	CHECK_NEAR(info.overlap_len, 1, 1e-12);
	CHECK_EQ_INT(info.ncross, 0);
	CHECK(!info.duplicate);
	/* the same line reversed, with an extra vertex: duplicate */
	lb = wkt(&b, "LINESTRING(2 0,1 0,0 0)");
	jt_line_pair(la, lb, TOL, EPS, scratch_for(la, lb), &info);
	CHECK(info.duplicate);
	/* meeting at a node at a 5-degree angle: nothing along, no crossing */
	lb = wkt(&b, "LINESTRING(0 0,2 0.17497732705184805)");
	jt_line_pair(la, lb, TOL, EPS, scratch_for(la, lb), &info);
	CHECK(info.overlap_len < TOL);
	CHECK_EQ_INT(info.ncross, 0);
}

static void
test_contacts(void)
{
	TGeom		a;
	JtLinework *lw = wkt(&a, "MULTILINESTRING((0 0,1 0),(1 0,1 1),(0 2,2 2))");
	JtContact	c;

	/* (1, 0): the end of path 0 and of path 1 */
	memset(&c, 0, sizeof(c));
	c.mind = INFINITY;
	jt_point_contacts(lw, 1, 0, TOL, -1, &c);
	CHECK_EQ_INT(c.ends, 2);
	CHECK(!c.interior);
	/* skipping path 0: one end, which is path 1's first */
	memset(&c, 0, sizeof(c));
	c.mind = INFINITY;
	jt_point_contacts(lw, 1, 0.00005, TOL, 0, &c);
	CHECK_EQ_INT(c.ends, 1);
	CHECK_EQ_INT(c.end_path, 1);
	CHECK_EQ_INT(c.end_which, 0);
	CHECK_NEAR(c.mind, 0.00005, 1e-12);
	/* (1, 2) lies on path 2's interior */
	memset(&c, 0, sizeof(c));
	c.mind = INFINITY;
	jt_point_contacts(lw, 1, 2, TOL, -1, &c);
	CHECK_EQ_INT(c.ends, 0);
	CHECK(c.interior);
	/* (5, 5): nothing; nearest is (2, 2) at sqrt(18) */
	memset(&c, 0, sizeof(c));
	c.mind = INFINITY;
	jt_point_contacts(lw, 5, 5, TOL, -1, &c);
	CHECK(c.ends == 0 && !c.interior);
	CHECK_NEAR(c.mind, sqrt(18), 1e-12);
	/* a closed line brings two ends to its node: with a third, degree 3 */
	lw = wkt(&a, "LINESTRING(0 0,1 0,1 1,0 0)");
	memset(&c, 0, sizeof(c));
	c.mind = INFINITY;
	jt_point_contacts(lw, 0, 0, TOL, -1, &c);
	CHECK_EQ_INT(c.ends, 2);
}

/* do the cell lists of two writers conflict (one common cell, one X)? */
static bool
cells_conflict(const JtLockCell *a, int na, const JtLockCell *b, int nb)
{
	int			i,
				j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a[i].level == b[j].level && a[i].cx == b[j].cx && a[i].cy == b[j].cy &&
				(a[i].exclusive || b[j].exclusive))
				return true;
	return false;
}

static bool
sorted_for_locking(const JtLockCell *c, int n)
{
	int			i;

	for (i = 1; i < n; i++)
	{
		if (c[i - 1].level < c[i].level)
			return false;
		if (c[i - 1].level == c[i].level &&
			(c[i - 1].cx > c[i].cx || (c[i - 1].cx == c[i].cx && c[i - 1].cy >= c[i].cy)))
			return false;
	}
	return true;
}

static void
test_lock_cells(void)
{
	JtLockCell	a[256],
				b[256];
	JtBox		box = {10, 10, 20, 20};
	JtBox		cb;
	int			na,
				nb,
				level,
				i;
	unsigned int seed = 12345;

	/* a 10 m parcel in one 1000 m cell: X at level 0, S at 1, 2, 3, top */
	na = jt_lock_cells(&box, 1, 1000, 16, a, 256, &level);
	CHECK_EQ_INT(level, 0);
	CHECK_EQ_INT(na, 5);
	CHECK(sorted_for_locking(a, na));
	CHECK(a[0].level == 4 && !a[0].exclusive && a[4].level == 0 && a[4].exclusive);
	CHECK(a[4].cx == 0 && a[4].cy == 0);
	jt_lock_cell_box(&a[4], 1000, &cb);
	CHECK(cb.xmin == 0 && cb.xmax == 1000);
	/* negative coordinates round down: -1 is in cell -1 */
	box.xmin = box.xmax = -1;
	na = jt_lock_cells(&box, 1, 1000, 16, a, 256, &level);
	CHECK(a[na - 1].cx == -1 && a[na - 1].cy == 0);
	CHECK(a[na - 2].cx == -1);	/* level 1: floor(-1 / 32) = -1 */
	/* cell edges: -1000 is the west edge of cell -1, -1000.5 in cell -2, 1000 in 1 */
	{
		static const double xs[] = {-1000, -1000.5, -999.5, 999.9999, 1000, -32000, -32000.5};
		static const int64_t cx[] = {-1, -2, -1, 0, 1, -32, -33};
		static const int64_t cx1[] = {-1, -1, -1, 0, 0, -1, -2};

		for (i = 0; i < 7; i++)
		{
			box.xmin = box.xmax = xs[i];
			na = jt_lock_cells(&box, 1, 1000, 16, a, 256, &level);
			CHECK(a[na - 1].level == 0 && a[na - 1].cx == cx[i]);
			CHECK(a[na - 2].level == 1 && a[na - 2].cx == cx1[i]);
		}
	}
	/* a 100 km box needs more than 16 1-km cells: level 1 (32 km) */
	box.xmin = 0;
	box.xmax = 100000;
	box.ymin = 0;
	box.ymax = 1000;
	na = jt_lock_cells(&box, 1, 1000, 16, a, 256, &level);
	CHECK_EQ_INT(level, 1);
	/* a box larger than the largest grid: the whole layer, exclusively */
	box.xmax = 1e12;
	na = jt_lock_cells(&box, 1, 1000, 16, a, 256, &level);
	CHECK_EQ_INT(level, 4);
	CHECK(na == 1 && a[0].exclusive);
	/* keys differ by cell (not a proof, a sanity check) */
	a[0].level = 0;
	a[0].cx = 1;
	a[0].cy = 2;
	b[0] = a[0];
	b[0].cy = 3;
	CHECK(jt_lock_cell_key(&a[0]) != jt_lock_cell_key(&b[0]));

	/*
	 * The property the trigger relies on: writers whose boxes intersect
	 * always conflict.  Random boxes of sizes from 1 m to 2000 km.
	 */
	for (i = 0; i < 20000; i++)
	{
		JtBox		p,
					q;
		double		sp = pow(10, (rand_r(&seed) % 600) / 100.0);
		double		sq = pow(10, (rand_r(&seed) % 600) / 100.0);
		double		cx = (rand_r(&seed) % 2000001) - 1000000.0;
		double		cy = (rand_r(&seed) % 2000001) - 1000000.0;

		p.xmin = cx;
		p.ymin = cy;
		p.xmax = cx + sp;
		p.ymax = cy + sp * 0.7;
		/* q overlaps p: its corner is inside p */
		q.xmax = cx + sp * (rand_r(&seed) % 100) / 100.0;
		q.ymax = cy + sp * 0.7 * (rand_r(&seed) % 100) / 100.0;
		q.xmin = q.xmax - sq;
		q.ymin = q.ymax - sq * 1.3;
		na = jt_lock_cells(&p, 1, 1000, 16, a, 256, &level);
		nb = jt_lock_cells(&q, 1, 1000, 16, b, 256, &level);
		if (!cells_conflict(a, na, b, nb) || !sorted_for_locking(a, na))
		{
			CHECK(false);
			break;
		}
	}
	CHECK(i == 20000);

	/* many boxes (a bulk load): the union of their cells, deduplicated */
	{
		JtBox		many[100];

		for (i = 0; i < 100; i++)
		{
			many[i].xmin = 100 * i;
			many[i].xmax = 100 * i + 50;
			many[i].ymin = 0;
			many[i].ymax = 50;
		}
		/* x from 0 to 9950: cells 0..9 at level 0 */
		na = jt_lock_cells(many, 100, 1000, 16, a, 256, &level);
		CHECK_EQ_INT(level, 0);
		CHECK_EQ_INT(na, 10 + 1 + 1 + 1 + 1);
		/* with at most 4 cells allowed: level 1 (cell 0 of 32 km) */
		na = jt_lock_cells(many, 100, 1000, 4, a, 256, &level);
		CHECK_EQ_INT(level, 1);
		CHECK_EQ_INT(na, 4);
	}
}

/* ---------------------------------------------------------------------
 * The fast path against the full screen
 * ---------------------------------------------------------------------
 *
 * A layer like the benchmark's: edge-matched parcels on a jittered grid at
 * Gauss-Kruger magnitudes, every edge bent through shared points, with
 * faults seeded into some parcels (vertices moved by 0.00005, 0.0002 and
 * 0.3 m, an extra vertex on a shared edge exactly or 0.00005 m off it, a
 * shared vertex dropped, a parcel replaced by its duplicate - rotated or
 * reversed -, by a parcel inside it, by a shifted copy, by a self-crossing
 * ring).  Every pair whose boxes meet is screened with the fast path on
 * and off: the answers (maybe, the unsnapped vertices and their distances,
 * the shared-segment marks) must be identical, and both the fast path's
 * acceptances and its refusals must occur.
 */
#define CMP_NX 14
#define CMP_BENDS 4

static uint64_t cmp_rng = 0x2545F4914F6CDD1DULL;

static double
cmp_rand(void)
{
	cmp_rng ^= cmp_rng << 13;
	cmp_rng ^= cmp_rng >> 7;
	cmp_rng ^= cmp_rng << 17;
	return (double) (cmp_rng >> 11) / 9007199254740992.0;
}

typedef struct CmpNode
{
	double		x,
				y;
} CmpNode;

/* point k (0 .. CMP_BENDS + 1) of the edge from node (i, j) east (dir 0) or north (dir 1) */
static CmpNode
cmp_edge_point(const CmpNode *nodes, const CmpNode *bends, int i, int j, int dir, int k)
{
	const CmpNode *a = &nodes[i * (CMP_NX + 1) + j];
	const CmpNode *b = dir == 0 ? &nodes[(i + 1) * (CMP_NX + 1) + j] : &nodes[i * (CMP_NX + 1) + j + 1];
	CmpNode		p;

	if (k == 0)
		return *a;
	if (k == CMP_BENDS + 1)
		return *b;
	p = bends[((i * (CMP_NX + 1) + j) * 2 + dir) * CMP_BENDS + k - 1];
	p.x += a->x + (b->x - a->x) * k / (CMP_BENDS + 1);
	p.y += a->y + (b->y - a->y) * k / (CMP_BENDS + 1);
	return p;
}

/* polygon from n closed-ring points into t */
static JtLinework *
cmp_polygon(TGeom *t, const CmpNode *pts, int n)
{
	int			k;

	memset(t, 0, sizeof(*t));
	jt_geom_init(&t->g, JT_POLYGON, 0, false, false);
	t->g.rings = &t->arrays[0];
	t->g.nrings = 1;
	t->narrays = 1;
	t->arrays[0].coords = t->coords;
	t->arrays[0].npoints = (uint32_t) n;
	for (k = 0; k < n; k++)
	{
		t->coords[2 * k] = pts[k].x;
		t->coords[2 * k + 1] = pts[k].y;
	}
	jt_linework_fill(&t->g, t->paths, &t->lw);
	return &t->lw;
}

static void
test_fast_path_vs_full(void)
{
	static CmpNode nodes[(CMP_NX + 1) * (CMP_NX + 1)];
	static CmpNode bends[(CMP_NX + 1) * (CMP_NX + 1) * 2 * CMP_BENDS];
	TGeom	   *g = calloc(CMP_NX * CMP_NX, sizeof(TGeom));
	bool	   *valid = calloc(CMP_NX * CMP_NX, sizeof(bool));
	int			i,
				j,
				a,
				b,
				fault_count[12] = {0};
	int			accepted = 0,
				declined = 0,
				pairs = 0,
				maybes = 0,
				nears = 0;

	for (i = 0; i <= CMP_NX; i++)
		for (j = 0; j <= CMP_NX; j++)
		{
			nodes[i * (CMP_NX + 1) + j].x = 35500000.0 + 100.0 * i + 30 * (cmp_rand() - 0.5);
			nodes[i * (CMP_NX + 1) + j].y = 4000000.0 + 100.0 * j + 30 * (cmp_rand() - 0.5);
		}
	for (i = 0; i < (int) (sizeof(bends) / sizeof(bends[0])); i++)
	{
		bends[i].x = 8 * (cmp_rand() - 0.5);
		bends[i].y = 8 * (cmp_rand() - 0.5);
	}
	for (i = 0; i < CMP_NX; i++)
		for (j = 0; j < CMP_NX; j++)
		{
			CmpNode		pts[64],
						tmp[64];
			int			n = 0,
						k,
						fault = (int) (cmp_rand() * 24);	/* half the parcels: no fault */
			int			v = 1 + (int) (cmp_rand() * (4 * (CMP_BENDS + 1) - 2));
			double		ang = cmp_rand() * 6.283185307179586;
			static const double moves[] = {0.00005, 0.0002, 0.3};

			for (k = 0; k <= CMP_BENDS; k++)
				pts[n++] = cmp_edge_point(nodes, bends, i, j, 0, k);
			for (k = 0; k <= CMP_BENDS; k++)
				pts[n++] = cmp_edge_point(nodes, bends, i + 1, j, 1, k);
			for (k = CMP_BENDS + 1; k > 0; k--)
				pts[n++] = cmp_edge_point(nodes, bends, i, j + 1, 0, k);
			for (k = CMP_BENDS + 1; k > 0; k--)
				pts[n++] = cmp_edge_point(nodes, bends, i, j, 1, k);
			pts[n++] = pts[0];
			if (fault < 12)
				fault_count[fault]++;
			switch (fault)
			{
				case 0:
				case 1:
				case 2:
					/* a vertex moved (the first one moves the closing point too) */
					pts[v].x += moves[fault] * cos(ang);
					pts[v].y += moves[fault] * sin(ang);
					break;
				case 3:
				case 4:
					/* an extra vertex on segment v: on it, or 0.00005 off */
					memmove(&pts[v + 2], &pts[v + 1], sizeof(CmpNode) * (n - v - 1));
					pts[v + 1].x = (pts[v].x + pts[v + 2].x) / 2 + (fault == 4 ? 0.00005 : 0);
					pts[v + 1].y = (pts[v].y + pts[v + 2].y) / 2;
					n++;
					break;
				case 5:
					/* a shared vertex dropped */
					memmove(&pts[v], &pts[v + 1], sizeof(CmpNode) * (n - v - 1));
					n--;
					break;
				case 6:
				case 7:
					/* the same ring, started elsewhere, or reversed */
					for (k = 0; k < n - 1; k++)
						tmp[k] = pts[fault == 6 ? (k + v) % (n - 1) : n - 2 - k];
					tmp[n - 1] = tmp[0];
					memcpy(pts, tmp, sizeof(CmpNode) * n);
					break;
				case 8:
					/* a small parcel inside this one's place */
					{
						double		cx = (pts[0].x + pts[2 * (CMP_BENDS + 1)].x) / 2,
									cy = (pts[0].y + pts[2 * (CMP_BENDS + 1)].y) / 2;

						n = 0;
						pts[n].x = cx - 5, pts[n++].y = cy - 5;
						pts[n].x = cx + 5, pts[n++].y = cy - 5;
						pts[n].x = cx + 5, pts[n++].y = cy + 5;
						pts[n].x = cx - 5, pts[n++].y = cy + 5;
						pts[n++] = pts[0];
					}
					break;
				case 9:
					/* shifted by 0.0002 m */
					for (k = 0; k < n; k++)
						pts[k].x += 0.0002;
					break;
				case 10:
					/* two vertices swapped: the ring crosses itself */
					tmp[0] = pts[v];
					pts[v] = pts[v + 1 < n - 1 ? v + 1 : 1];
					pts[v + 1 < n - 1 ? v + 1 : 1] = tmp[0];
					break;
				case 11:
					/* a vertex pushed 2 m into the neighbour */
					pts[v].x += 2 * cos(ang);
					pts[v].y += 2 * sin(ang);
					break;
				default:
					break;
			}
			if (pts[n - 1].x != pts[0].x || pts[n - 1].y != pts[0].y)
				pts[n - 1] = pts[0];
			{
				JtLinework *lw = cmp_polygon(&g[i * CMP_NX + j], pts, n);
				double		x,
							y;

				valid[i * CMP_NX + j] =
					jt_polygon_quick_check(lw, 256, (JtSegRef *) scratch_mem, &x, &y) == JT_SHAPE_OK;
			}
		}
	for (a = 0; a < CMP_NX * CMP_NX; a++)
		for (b = 0; b < CMP_NX * CMP_NX; b++)
		{
			JtLinework *la = &g[a].lw,
					   *lb = &g[b].lw;
			JtPairInfo	ref,
						fast;
			uint8_t		acov_ref[64],
						bcov_ref[64],
						acov_fast[64],
						bcov_fast[64];
			bool		wedges = valid[a] && valid[b];
			uint32_t	k;

			if (a == b || !jt_box_within(&la->box, &lb->box, TOL))
				continue;
			pairs++;
			memset(acov_ref, 0, sizeof(acov_ref));
			memset(bcov_ref, 0, sizeof(bcov_ref));
			memset(acov_fast, 0, sizeof(acov_fast));
			memset(bcov_fast, 0, sizeof(bcov_fast));
			jt_topo_fast_path = false;
			jt_polygon_pair(la, lb, TOL, EPS, wedges, acov_ref, bcov_ref, scratch_for(la, lb), &ref);
			jt_topo_fast_path = true;
			jt_polygon_pair(la, lb, TOL, EPS, wedges, acov_fast, bcov_fast, scratch_for(la, lb), &fast);
			if (wedges)
			{
				JtPairInfo	tmp;

				if (jt_polygon_pair_fast(la, lb, TOL, EPS, NULL, NULL, scratch_for(la, lb), &tmp))
					accepted++;
				else
					declined++;
			}
			CHECK(fast.maybe == ref.maybe);
			CHECK_EQ_INT(fast.nnear, ref.nnear);
			for (k = 0; k < ref.nnear && k < JT_MAX_NEAR; k++)
				CHECK(fast.near[k].x == ref.near[k].x && fast.near[k].y == ref.near[k].y &&
					  fast.near[k].d == ref.near[k].d);
			CHECK(memcmp(acov_fast, acov_ref, sizeof(acov_ref)) == 0);
			CHECK(memcmp(bcov_fast, bcov_ref, sizeof(bcov_ref)) == 0);
			maybes += ref.maybe;
			nears += ref.nnear > 0;
		}
	/* every kind of fault was seeded, and the comparison saw both outcomes */
	for (i = 0; i < 12; i++)
		CHECK(fault_count[i] > 0);
	CHECK(accepted > pairs / 2);
	CHECK(declined > 0);
	CHECK(maybes > 0);
	CHECK(nears > 0);
	printf("fast path vs full screen: %d pairs, fast path took %d, declined %d; %d maybe, %d with unsnapped vertices\n",
		   pairs, accepted, declined, maybes, nears);
	free(g);
	free(valid);
}

/*
 * Rings of up to 48 points are checked by testing every pair (no sort):
 * on random rings drawn on a small integer grid - so that collinear runs,
 * spikes, repeated points and touching vertices are frequent - the answer
 * must be that of the sweep (jt_linework_self_intersections), plus the
 * zero-area and fewer-than-three-segments rules.
 */
static void
test_quick_check_random(void)
{
	int			trial,
				problems = 0,
				oks = 0;

	for (trial = 0; trial < 20000; trial++)
	{
		CmpNode		pts[16];
		TGeom	   *t = malloc(sizeof(TGeom));
		int			n = 3 + (int) (cmp_rand() * 10),
					k,
					nonzero = 0;
		double		area = 0,
					x,
					y;
		JtNear		hit;
		JtLinework *lw;
		JtShapeStatus st;
		bool		expect_problem;

		for (k = 0; k < n; k++)
		{
			pts[k].x = 35500000 + (int) (cmp_rand() * 5);
			pts[k].y = 4000000 + (int) (cmp_rand() * 5);
		}
		pts[n++] = pts[0];
		lw = cmp_polygon(t, pts, n);
		for (k = 0; k + 1 < n; k++)
		{
			nonzero += pts[k].x != pts[k + 1].x || pts[k].y != pts[k + 1].y;
			area += (pts[k].x - pts[0].x) * (pts[k + 1].y - pts[0].y) -
				(pts[k + 1].x - pts[0].x) * (pts[k].y - pts[0].y);
		}
		expect_problem = jt_linework_self_intersections(lw, (JtSegRef *) scratch_mem, 0, &hit, 1) > 0 ||
			nonzero < 3 || area == 0;
		st = jt_polygon_quick_check(lw, 256, (JtSegRef *) scratch_mem, &x, &y);
		CHECK(st == (expect_problem ? JT_SHAPE_PROBLEM : JT_SHAPE_OK));
		problems += st == JT_SHAPE_PROBLEM;
		oks += st == JT_SHAPE_OK;
		free(t);
	}
	CHECK(problems > 1000 && oks > 1000);
}

int
main(void)
{
	test_kinds();
	test_linework();
	test_point_in_polygon();
	test_seg_covered();
	test_quick_check();
	test_self_intersections();
	/* the pair screen gives the same answers either way */
	use_wedges = false;
	test_polygon_pair();
	test_polygon_pair_county();
	use_wedges = true;
	test_polygon_pair();
	test_polygon_pair_county();
	test_wedges();
	/* ... with and without the fast path (which needs wedges) */
	jt_topo_fast_path = false;
	test_polygon_pair();
	test_polygon_pair_county();
	test_wedges();
	jt_topo_fast_path = true;
	test_fast_path_vs_full();
	test_quick_check_random();
	test_within();
	test_covered_by();
	test_line_pair();
	test_contacts();
	test_lock_cells();
	UNIT_DONE();
}
