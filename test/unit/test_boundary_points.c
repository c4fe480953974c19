/*
 * test_boundary_points.c — 界址点 numbering, walks and 宗地四至
 * (src/boundary_points.c).
 *
 * Every expected number below was worked out by hand from the rules in
 * src/boundary_points.h (DB64/T 2020-2024 §6.7.6): the start of a ring is
 * the vertex nearest the north-west corner of its bounding box, outer rings
 * run clockwise (with north up: along the top edge eastwards first), holes
 * counter-clockwise (from their top-left point down the west side first).
 * The comment above each case gives the reasoning.
 */
#include "boundary_points.h"
#include "geom.h"
#include "unit.h"

/* ---------------------------------------------------------------------
 * Building geometries by hand
 * ---------------------------------------------------------------------
 */

static UnitArena arena;
static JtAllocator alloc = {unit_arena_alloc, &arena};

/* a ring from n x y pairs (closed by the helper) */
static JtPointArray
ring(const double *xy, int n)
{
	JtPointArray pa;
	double	   *c = unit_arena_alloc(&arena, sizeof(double) * 2 * (n + 1));

	memcpy(c, xy, sizeof(double) * 2 * n);
	c[2 * n] = xy[0];
	c[2 * n + 1] = xy[1];
	pa.npoints = n + 1;
	pa.coords = c;
	return pa;
}

/* polygon with up to 4 rings given as (xy, n) pairs; ring 0 the shell */
static JtGeom *
poly(int nrings, const double *r0, int n0, const double *r1, int n1,
	 const double *r2, int n2)
{
	JtGeom	   *g = unit_arena_alloc(&arena, sizeof(JtGeom));

	jt_geom_init(g, JT_POLYGON, 0, false, false);
	g->nrings = nrings;
	g->rings = unit_arena_alloc(&arena, sizeof(JtPointArray) * 3);
	g->rings[0] = ring(r0, n0);
	if (nrings > 1)
		g->rings[1] = ring(r1, n1);
	if (nrings > 2)
		g->rings[2] = ring(r2, n2);
	return g;
}

/* an axis-aligned box (x0,y0)-(x1,y1), given counter-clockwise */
static JtGeom *
box(double x0, double y0, double x1, double y1)
{
	double		xy[] = {x0, y0, x1, y0, x1, y1, x0, y1};

	return poly(1, xy, 4, NULL, 0, NULL, 0);
}

static JtBpOptions
opts(char method)
{
	JtBpOptions o;

	memset(&o, 0, sizeof(o));
	o.tolerance = JT_BP_TOLERANCE;
	o.default_method = method;
	return o;
}

static JtBpStatus
build(JtGeom **g, int n, const JtBpOptions *o, JtBpUnit *u)
{
	return jt_bp_build((const JtGeom *const *) g, n, o, &alloc, u);
}

/* point number seq (1-based) is at (x, y) */
#define CHECK_PT(u, n_, px, py) \
	do { \
		CHECK((n_) <= (u).npoints); \
		if ((n_) <= (u).npoints) { \
			CHECK_EQ_INT((u).points[(n_) - 1].seq, (n_)); \
			CHECK_NEAR((u).points[(n_) - 1].x, (px), 0); \
			CHECK_NEAR((u).points[(n_) - 1].y, (py), 0); \
		} \
	} while (0)

/* the walk of ring r, as numbers, equals the list */
static void
check_walk(const JtBpUnit *u, int r, const int *seqs, int n, int line)
{
	int			k;

	unit_checks++;
	if (r >= u->nrings || u->rings[r].npts != n)
	{
		unit_failures++;
		fprintf(stderr, "line %d: ring %d has %d points, expected %d\n", line, r,
				r < u->nrings ? u->rings[r].npts : -1, n);
		return;
	}
	for (k = 0; k < n; k++)
		if (u->points[u->rings[r].pts[k]].seq != seqs[k])
		{
			unit_failures++;
			fprintf(stderr, "line %d: ring %d point %d is %d, expected %d\n", line,
					r, k, u->points[u->rings[r].pts[k]].seq, seqs[k]);
			return;
		}
}

#define CHECK_WALK(u, r, ...) \
	do { \
		int w_[] = {__VA_ARGS__}; \
		check_walk(&(u), (r), w_, (int) (sizeof(w_) / sizeof(w_[0])), __LINE__); \
	} while (0)

/* ---------------------------------------------------------------------
 * Cases
 * ---------------------------------------------------------------------
 */

/*
 * Square given counter-clockwise from (0,0): top-left is (0,10); clockwise
 * from there: (10,10), (10,0), (0,0).
 */
static void
test_square(void)
{
	JtGeom	   *g[1] = {box(0, 0, 10, 10)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 4);
	CHECK_EQ_INT(u.nrings, 1);
	CHECK_PT(u, 1, 0, 10);
	CHECK_PT(u, 2, 10, 10);
	CHECK_PT(u, 3, 10, 0);
	CHECK_PT(u, 4, 0, 0);
	CHECK_WALK(u, 0, 1, 2, 3, 4);
	CHECK(u.points[0].method == 'J');
	CHECK_EQ_INT(u.points[3].ring, 1);
	CHECK_EQ_INT(u.rings[0].ordinal, 1);
	CHECK(!u.rings[0].is_hole);
}

/*
 * The same square given clockwise and starting elsewhere gives the same
 * numbers: orientation and start are the engine's, not the input's.
 */
static void
test_square_any_input_order(void)
{
	double		cw[] = {10, 0, 0, 0, 0, 10, 10, 10};
	JtGeom	   *g[1] = {poly(1, cw, 4, NULL, 0, NULL, 0)};
	JtBpOptions o = opts('H');
	JtBpUnit	u;

	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_PT(u, 1, 0, 10);
	CHECK_PT(u, 2, 10, 10);
	CHECK_PT(u, 3, 10, 0);
	CHECK_PT(u, 4, 0, 0);
	CHECK(u.points[2].method == 'H');
}

/*
 * Hole: outer (0,0)-(10,10) = J1..J4 as above.  The hole (2,2)-(4,4),
 * given clockwise, is walked counter-clockwise from its top-left (2,4):
 * down the west side to (2,2), east to (4,2), up to (4,4): J5..J8.
 */
static void
test_hole(void)
{
	double		outer[] = {0, 0, 10, 0, 10, 10, 0, 10};
	double		hole_cw[] = {2, 2, 2, 4, 4, 4, 4, 2};
	JtGeom	   *g[1] = {poly(2, outer, 4, hole_cw, 4, NULL, 0)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 8);
	CHECK_EQ_INT(u.nrings, 2);
	CHECK_PT(u, 5, 2, 4);
	CHECK_PT(u, 6, 2, 2);
	CHECK_PT(u, 7, 4, 2);
	CHECK_PT(u, 8, 4, 4);
	CHECK_WALK(u, 0, 1, 2, 3, 4);
	CHECK_WALK(u, 1, 5, 6, 7, 8);
	CHECK(u.rings[1].is_hole);
	CHECK_EQ_INT(u.rings[1].ordinal, 2);
	CHECK_EQ_INT(u.points[4].ring, 2);
}

/*
 * Two holes, B (2,2)-(4,4) given first and A (6,6)-(8,8) second.  Their
 * start points (2,4) and (6,8) are both sqrt(40) from the part's corner
 * (0,10): tied, so the northern one, A, is numbered first: J5 (6,8),
 * J6 (6,6), J7 (8,6), J8 (8,8); then B: J9 (2,4) .. J12 (4,4).
 */
static void
test_two_holes_tie(void)
{
	double		outer[] = {0, 0, 10, 0, 10, 10, 0, 10};
	double		b[] = {2, 2, 4, 2, 4, 4, 2, 4};
	double		a[] = {6, 6, 8, 6, 8, 8, 6, 8};
	JtGeom	   *g[1] = {poly(3, outer, 4, b, 4, a, 4)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 12);
	CHECK_PT(u, 5, 6, 8);
	CHECK_PT(u, 6, 6, 6);
	CHECK_PT(u, 7, 8, 6);
	CHECK_PT(u, 8, 8, 8);
	CHECK_PT(u, 9, 2, 4);
	CHECK_PT(u, 12, 4, 4);
	CHECK_EQ_INT(u.rings[1].part, 0);
	CHECK_WALK(u, 2, 9, 10, 11, 12);
}

/*
 * Multipolygon given as (20,0)-(30,10) then (0,0)-(10,10).  The parcel's
 * corner is (0,10); the second part's start (0,10) is 0 from it, the
 * first's (20,10) is 20: the western part is numbered first, J1..J4, then
 * J5 (20,10), J6 (30,10), J7 (30,0), J8 (20,0).
 */
static void
test_multipolygon(void)
{
	JtGeom	   *g = unit_arena_alloc(&arena, sizeof(JtGeom));
	JtGeom	   *parts[1];
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	jt_geom_init(g, JT_MULTIPOLYGON, 0, false, false);
	g->ngeoms = 2;
	g->geoms = unit_arena_alloc(&arena, sizeof(JtGeom) * 2);
	g->geoms[0] = *box(20, 0, 30, 10);
	g->geoms[1] = *box(0, 0, 10, 10);
	parts[0] = g;
	CHECK_EQ_INT(build(parts, 1, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 8);
	CHECK_PT(u, 1, 0, 10);
	CHECK_PT(u, 4, 0, 0);
	CHECK_PT(u, 5, 20, 10);
	CHECK_PT(u, 6, 30, 10);
	CHECK_PT(u, 7, 30, 0);
	CHECK_PT(u, 8, 20, 0);
	CHECK_EQ_INT(u.rings[0].part, 1);
	CHECK_EQ_INT(u.rings[1].part, 0);
	CHECK_EQ_INT(u.rings[1].ordinal, 2);
}

/*
 * Collinear and repeated vertices: (5,10) lies on the top edge and is
 * given twice.  Collinear vertices are boundary points (§6.7.5 b: where a
 * neighbour's line meets the boundary); the repeat is one point:
 * J1 (0,10), J2 (5,10), J3 (10,10), J4 (10,0), J5 (0,0).
 */
static void
test_collinear(void)
{
	double		xy[] = {0, 0, 10, 0, 10, 10, 5, 10, 5, 10, 0, 10};
	JtGeom	   *g[1] = {poly(1, xy, 6, NULL, 0, NULL, 0)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 5);
	CHECK_PT(u, 1, 0, 10);
	CHECK_PT(u, 2, 5, 10);
	CHECK_PT(u, 3, 10, 10);
	CHECK_PT(u, 4, 10, 0);
	CHECK_PT(u, 5, 0, 0);
}

/*
 * Ambiguous top-left.  Diamond (5,0) (10,5) (5,10) (0,5): the box corner
 * is (0,10); (5,10) and (0,5) are both 5 from it.  Tie: north wins, so
 * J1 = (5,10), then clockwise J2 (10,5), J3 (5,0), J4 (0,5).
 */
static void
test_ambiguous_top_left(void)
{
	double		xy[] = {5, 0, 10, 5, 5, 10, 0, 5};
	JtGeom	   *g[1] = {poly(1, xy, 4, NULL, 0, NULL, 0)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_PT(u, 1, 5, 10);
	CHECK_PT(u, 2, 10, 5);
	CHECK_PT(u, 3, 5, 0);
	CHECK_PT(u, 4, 0, 5);
}

/*
 * Near ties.  Left vertex at (0, 5.00005): 4.99995 from the corner (0,10),
 * the top vertex (5,10) is 5 away: 0.00005 apart, within the 0.0001 m
 * tolerance, so still tied and the top vertex wins.  At (0, 5.0002) the
 * left vertex is 0.0002 nearer: it wins.
 */
static void
test_near_tie(void)
{
	double		a[] = {5, 0, 10, 5, 5, 10, 0, 5.00005};
	double		b[] = {5, 0, 10, 5, 5, 10, 0, 5.0002};
	JtGeom	   *ga[1] = {poly(1, a, 4, NULL, 0, NULL, 0)};
	JtGeom	   *gb[1] = {poly(1, b, 4, NULL, 0, NULL, 0)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	CHECK_EQ_INT(build(ga, 1, &o, &u), JT_BP_OK);
	CHECK_PT(u, 1, 5, 10);
	CHECK_EQ_INT(build(gb, 1, &o, &u), JT_BP_OK);
	CHECK_PT(u, 1, 0, 5.0002);
	CHECK_PT(u, 2, 5, 10);
	CHECK_PT(u, 3, 10, 5);
}

/*
 * "Top-left" is not "northernmost": (0,8) (10,10) (10,0) (0,0).  The box
 * corner is (0,10); (0,8) is 2 from it, (10,10) is 10.  J1 = (0,8), then
 * clockwise (10,10), (10,0), (0,0).
 */
static void
test_top_left_not_north(void)
{
	double		xy[] = {0, 0, 10, 0, 10, 10, 0, 8};
	JtGeom	   *g[1] = {poly(1, xy, 4, NULL, 0, NULL, 0)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_PT(u, 1, 0, 8);
	CHECK_PT(u, 2, 10, 10);
	CHECK_PT(u, 3, 10, 0);
	CHECK_PT(u, 4, 0, 0);
}

/*
 * Mixed methods: (10,10) is known to be a graphic point (T), the rest use
 * the default J: J1, T2, J3, J4 — one running number (§6.7.6.2).  A known
 * point 0.00005 off the vertex still matches; one 0.01 off does not.
 */
static void
test_mixed_methods(void)
{
	JtGeom	   *g[1] = {box(0, 0, 10, 10)};
	double		known[] = {10.00005, 10, 0.01, 0};
	char		km[] = {'T', 'H'};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	o.nknown = 2;
	o.known_xy = known;
	o.known_method = km;
	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK(u.points[0].method == 'J');
	CHECK(u.points[1].method == 'T');
	CHECK(u.points[2].method == 'J');
	CHECK(u.points[3].method == 'J');
}

/*
 * Neighbours share points.  A (0,0)-(10,10) first: J1 (0,10), J2 (10,10),
 * J3 (10,0), J4 (0,0).  B (10,0)-(20,10) starts at its top-left (10,10),
 * already J2; then (20,10) J5, (20,0) J6, (10,0) J3.  Six points in all.
 */
static void
test_neighbours(void)
{
	JtGeom	   *g[2] = {box(0, 0, 10, 10), box(10, 0, 20, 10)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;
	JtBpSides	s;

	CHECK_EQ_INT(build(g, 2, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 6);
	CHECK_WALK(u, 0, 1, 2, 3, 4);
	CHECK_WALK(u, 1, 2, 5, 6, 3);
	CHECK_EQ_INT(u.parcel_ring[1], 1);
	CHECK_EQ_INT(u.parcel_ring[2], 2);
	CHECK_EQ_INT(u.points[4].parcel, 1);
	CHECK_EQ_INT(u.points[1].parcel, 0);

	/* 四至: B is east of A (10 m), A west of B; nothing else */
	jt_bp_four_sides(&u, &o, &alloc, &s);
	CHECK_EQ_INT(s.start[0 * 4 + JT_BP_EAST + 1] - s.start[0 * 4 + JT_BP_EAST], 1);
	CHECK_EQ_INT(s.nb[s.start[0 * 4 + JT_BP_EAST]], 1);
	CHECK_NEAR(s.len[s.start[0 * 4 + JT_BP_EAST]], 10, 1e-12);
	CHECK_EQ_INT(s.nb[s.start[1 * 4 + JT_BP_WEST]], 0);
	CHECK_EQ_INT(s.start[8], 2);
}

/*
 * T-junctions.  A (0,0)-(20,10) has only its corners; B (0,10)-(10,20)
 * and C (10,10)-(20,20) sit on its top edge and meet at (10,10), which is
 * not a vertex of A.  It is a boundary point of A (§6.7.5 b), inserted:
 * A: J1 (0,10), J2 (10,10), J3 (20,10), J4 (20,0), J5 (0,0).
 * B from (0,20): J6 (0,20), J7 (10,20), J2, J1.
 * C from (10,20) = J7: J8 (20,20), J3, J2.
 * 四至: A has B and C to the north (10 m each, tie kept in parcel order);
 * B has C to the east and A to the south; C has B to the west, A south.
 */
static void
test_t_junction(void)
{
	JtGeom	   *g[3] = {box(0, 0, 20, 10), box(0, 10, 10, 20), box(10, 10, 20, 20)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;
	JtBpSides	s;
	int			k;

	CHECK_EQ_INT(build(g, 3, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 8);
	CHECK_PT(u, 2, 10, 10);
	CHECK_WALK(u, 0, 1, 2, 3, 4, 5);
	CHECK_WALK(u, 1, 6, 7, 2, 1);
	CHECK_WALK(u, 2, 7, 8, 3, 2);

	jt_bp_four_sides(&u, &o, &alloc, &s);
	k = 0 * 4 + JT_BP_NORTH;
	CHECK_EQ_INT(s.start[k + 1] - s.start[k], 2);
	CHECK_EQ_INT(s.nb[s.start[k]], 1);
	CHECK_EQ_INT(s.nb[s.start[k] + 1], 2);
	for (k = JT_BP_EAST; k <= JT_BP_WEST; k++)
		CHECK_EQ_INT(s.start[k + 1] - s.start[k], 0);
	CHECK_EQ_INT(s.nb[s.start[1 * 4 + JT_BP_EAST]], 2);
	CHECK_EQ_INT(s.nb[s.start[1 * 4 + JT_BP_SOUTH]], 0);
	CHECK_EQ_INT(s.start[1 * 4 + JT_BP_NORTH + 1] - s.start[1 * 4 + JT_BP_NORTH], 0);
	CHECK_EQ_INT(s.nb[s.start[2 * 4 + JT_BP_WEST]], 1);
	CHECK_EQ_INT(s.nb[s.start[2 * 4 + JT_BP_SOUTH]], 0);
}

/*
 * Context across a unit's border: the unit is P4 (200,0)-(400,200); its
 * western neighbours P2 (100,100)-(200,200) and P3 (0,0)-(200,100) belong
 * to another 地籍子区.  They meet at (200,100), on P4's west edge: that is
 * a point of P4 (§6.7.5 b) though no vertex of P4.  P4 from its top-left
 * (200,200): J1, (400,200) J2, (400,0) J3, (200,0) J4, (200,100) J5.  The
 * context's own vertices are not numbered.
 */
static void
test_context(void)
{
	JtGeom	   *g[1] = {box(200, 0, 400, 200)};
	JtGeom	   *ctx[3] = {box(100, 100, 200, 200), box(0, 0, 200, 100), NULL};
	double		degenerate[] = {500, 0, 600, 0, 700, 0};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	ctx[2] = poly(1, degenerate, 3, NULL, 0, NULL, 0);
	o.ncontext = 3;
	o.context = (const JtGeom *const *) ctx;
	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 5);
	CHECK_PT(u, 5, 200, 100);
	CHECK_WALK(u, 0, 1, 2, 3, 4, 5);
	/* without the context, 4 points */
	o.ncontext = 0;
	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 4);
}

/*
 * Enclave: P (0,0)-(10,10) with a hole (4,4)-(6,6); Q fills the hole.
 * P: J1..J4 outside; hole from (4,6) counter-clockwise: J5 (4,6),
 * J6 (4,4), J7 (6,4), J8 (6,6).  Q from its top-left (4,6) = J5,
 * clockwise: J8, J7, J6.  四至: hole edges are not sides of P, so P has
 * none; Q has P on all four sides.
 */
static void
test_enclave(void)
{
	double		outer[] = {0, 0, 10, 0, 10, 10, 0, 10};
	double		hole[] = {4, 4, 6, 4, 6, 6, 4, 6};
	JtGeom	   *g[2] = {poly(2, outer, 4, hole, 4, NULL, 0), box(4, 4, 6, 6)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;
	JtBpSides	s;
	int			k;

	CHECK_EQ_INT(build(g, 2, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 8);
	CHECK_PT(u, 5, 4, 6);
	CHECK_PT(u, 6, 4, 4);
	CHECK_WALK(u, 1, 5, 6, 7, 8);
	CHECK_WALK(u, 2, 5, 8, 7, 6);
	jt_bp_four_sides(&u, &o, &alloc, &s);
	for (k = 0; k < 4; k++)
	{
		CHECK_EQ_INT(s.start[k + 1] - s.start[k], 0);
		CHECK_EQ_INT(s.start[4 + k + 1] - s.start[4 + k], 1);
		CHECK_EQ_INT(s.nb[s.start[4 + k]], 0);
		CHECK_NEAR(s.len[s.start[4 + k]], 2, 1e-12);
	}
}

/*
 * Diagonal sides at exactly 45°.  T1 (0,0) (10,0) (10,10) lies below the
 * diagonal, T2 (0,0) (10,10) (0,10) above it.  T1's diagonal edge has its
 * outward normal at azimuth 315° (north-west), which belongs to north; T2
 * sees it at 135°, which belongs to south.
 */
static void
test_diagonal_sides(void)
{
	double		t1[] = {0, 0, 10, 0, 10, 10};
	double		t2[] = {0, 0, 10, 10, 0, 10};
	JtGeom	   *g[2] = {poly(1, t1, 3, NULL, 0, NULL, 0), poly(1, t2, 3, NULL, 0, NULL, 0)};
	JtBpOptions o = opts('J');
	JtBpUnit	u;
	JtBpSides	s;

	CHECK_EQ_INT(build(g, 2, &o, &u), JT_BP_OK);
	/* T1: corner (0,10); (0,0) and (10,10) both 10 away: north wins */
	CHECK_PT(u, 1, 10, 10);
	CHECK_PT(u, 2, 10, 0);
	CHECK_PT(u, 3, 0, 0);
	/* T2 starts at (0,10), the only new point */
	CHECK_PT(u, 4, 0, 10);
	CHECK_WALK(u, 1, 4, 1, 3);
	jt_bp_four_sides(&u, &o, &alloc, &s);
	CHECK_EQ_INT(s.start[0 * 4 + JT_BP_NORTH + 1] - s.start[0 * 4 + JT_BP_NORTH], 1);
	CHECK_NEAR(s.len[s.start[0 * 4 + JT_BP_NORTH]], sqrt(200.0), 1e-12);
	CHECK_EQ_INT(s.start[1 * 4 + JT_BP_SOUTH + 1] - s.start[1 * 4 + JT_BP_SOUTH], 1);
	CHECK_EQ_INT(s.start[8], 2);
}

/*
 * Coordinates with Z (and large Gauss-Kruger values with the zone prefix):
 * the stride is honoured and the numbers are as for the plain square.
 */
static void
test_z_and_large_coords(void)
{
	double		c[] = {35500000.123, 4200000.456, 7,
		35500010.123, 4200000.456, 7,
		35500010.123, 4200010.456, 7,
		35500000.123, 4200010.456, 7,
	35500000.123, 4200000.456, 7};
	JtGeom		g1;
	JtPointArray pa = {5, c};
	JtGeom	   *g[1] = {&g1};
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	jt_geom_init(&g1, JT_POLYGON, 4523, true, false);
	g1.nrings = 1;
	g1.rings = &pa;
	CHECK_EQ_INT(build(g, 1, &o, &u), JT_BP_OK);
	CHECK_PT(u, 1, 35500000.123, 4200010.456);
	CHECK_PT(u, 2, 35500010.123, 4200010.456);
	CHECK_PT(u, 3, 35500010.123, 4200000.456);
}

/* Degenerate rings and non-polygons are reported with their position. */
static void
test_errors(void)
{
	double		line[] = {0, 0, 10, 0, 20, 0};
	double		two[] = {0, 0, 10, 10, 10, 10.00001};
	double		outer[] = {0, 0, 10, 0, 10, 10, 0, 10};
	JtGeom	   *g[2];
	JtGeom		pt;
	JtBpOptions o = opts('J');
	JtBpUnit	u;

	g[0] = box(0, 0, 1, 1);
	g[1] = poly(1, line, 3, NULL, 0, NULL, 0);
	CHECK_EQ_INT(build(g, 2, &o, &u), JT_BP_DEGENERATE_RING);
	CHECK_EQ_INT(u.err_parcel, 1);
	CHECK_EQ_INT(u.err_part, 0);
	CHECK_EQ_INT(u.err_ring, 0);

	g[1] = poly(2, outer, 4, two, 3, NULL, 0);
	CHECK_EQ_INT(build(g, 2, &o, &u), JT_BP_DEGENERATE_RING);
	CHECK_EQ_INT(u.err_parcel, 1);
	CHECK_EQ_INT(u.err_ring, 1);

	/*
	 * The symmetric bow tie (0 0,4 4,4 0,0 4): 4 distinct points, two lobes
	 * of 4 m² with opposite orientations, net area 0 by the shoelace sum.
	 * Not on one line, so it is reported as crossing itself.
	 */
	{
		double		bow[] = {0, 0, 4, 4, 4, 0, 0, 4};

		g[1] = poly(1, bow, 4, NULL, 0, NULL, 0);
		CHECK_EQ_INT(build(g, 2, &o, &u), JT_BP_CROSSING_RING);
		CHECK_EQ_INT(u.err_parcel, 1);
		CHECK_EQ_INT(u.err_ring, 0);
	}

	jt_geom_init(&pt, JT_POINT, 0, false, false);
	g[1] = &pt;
	CHECK_EQ_INT(build(g, 2, &o, &u), JT_BP_NOT_POLYGONAL);
	CHECK_EQ_INT(u.err_parcel, 1);
	CHECK(strlen(jt_bp_status_message(JT_BP_DEGENERATE_RING)) > 0);

	/* NULL and empty parcels have no points but keep their place */
	g[0] = NULL;
	g[1] = box(0, 0, 1, 1);
	CHECK_EQ_INT(build(g, 2, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 4);
	CHECK_EQ_INT(u.parcel_ring[0], 0);
	CHECK_EQ_INT(u.parcel_ring[1], 0);
	CHECK_EQ_INT(u.rings[0].parcel, 1);
	CHECK_EQ_INT(build(g, 0, &o, &u), JT_BP_OK);
	CHECK_EQ_INT(u.npoints, 0);
}

/*
 * A larger layer checked against counts worked out by hand: a wall of
 * bricks 2 wide and 1 high, R rows of W bricks, odd rows shifted by 1 (the
 * half bricks at their ends are left out).  Every brick corner is a
 * lattice point; each interior brick touches two bricks above and two
 * below whose corners fall in the middle of its long edges: those are
 * T-junctions, so such a brick has 6 points, not 4.
 */
static int	ticks;
static void
count_tick(void)
{
	ticks++;
}

static void
test_brick_wall(void)
{
	enum
	{
		R = 20, W = 20
	};
	JtGeom	   *g[R * W];
	JtBpOptions o = opts('J');
	JtBpUnit	u;
	int			n = 0,
				r,
				c,
				six = 0,
				k,
				bad = 0;
	int64_t		expect_points = 0;

	for (r = 0; r < R; r++)
		for (c = 0; c < W - (r % 2); c++)
		{
			double		x0 = 2 * c + (r % 2);

			g[n++] = box(x0, r, x0 + 2, r + 1);
		}
	o.check_interrupts = count_tick;
	CHECK_EQ_INT(build(g, n, &o, &u), JT_BP_OK);
	CHECK(ticks > 0);

	/*
	 * Points: row line y (0..R) carries the corners of the rows below and
	 * above it.  Even rows have corners at x = 0, 2, .. 2W (W + 1 points);
	 * odd rows at x = 1, 3, .. 2W - 1 (W points).  Line 0 and line R touch
	 * one row; inner lines the union of an even and an odd row's corners.
	 */
	expect_points += W + 1;		/* y = 0, row 0 (even) */
	for (k = 1; k < R; k++)
		expect_points += (W + 1) + W;
	expect_points += (R - 1) % 2 == 0 ? W + 1 : W;	/* top line */
	CHECK_EQ_INT(u.npoints, expect_points);
	for (k = 0; k < u.nrings; k++)
	{
		if (u.rings[k].npts == 6)
			six++;
		else if (u.rings[k].npts != 4 && u.rings[k].npts != 5)
			bad++;
	}
	CHECK_EQ_INT(bad, 0);
	/* interior rows' bricks not at a row end have 6 points */
	CHECK(six > (R - 2) * (W - 3));
	/* every number from 1 to npoints is used exactly once */
	for (k = 0; k < u.npoints; k++)
		if (u.points[k].seq != k + 1)
			bad++;
	CHECK_EQ_INT(bad, 0);
	(void) n;
}

int
main(void)
{
	test_square();
	test_square_any_input_order();
	test_hole();
	test_two_holes_tie();
	test_multipolygon();
	test_collinear();
	test_ambiguous_top_left();
	test_near_tie();
	test_top_left_not_north();
	test_mixed_methods();
	test_neighbours();
	test_t_junction();
	test_enclave();
	test_context();
	test_diagonal_sides();
	test_z_and_large_coords();
	test_errors();
	unit_arena_free(&arena);
	test_brick_wall();
	unit_arena_free(&arena);
	UNIT_DONE();
}
