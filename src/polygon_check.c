/*-------------------------------------------------------------------------
 *
 * polygon_check.c
 *	  Fast conservative polygon validity check (see polygon_check.h).  No
 *	  PostgreSQL headers.
 *
 *-------------------------------------------------------------------------
 */
#include "polygon_check.h"

#include <float.h>
#include <math.h>
#include <stdint.h>

/* Give up on containment tests (leave them to GEOS) beyond this many. */
#define MAX_CONTAINMENT_TESTS 4000000

#define INTERRUPT_EVERY 65536

/* libm's fmin/fmax are calls; coordinates are finite here */
#define MIN2(a, b) ((a) < (b) ? (a) : (b))
#define MAX2(a, b) ((a) > (b) ? (a) : (b))

typedef struct Seg
{
	double		minx,
				maxx,
				miny,
				maxy;
	double		ax,
				ay,
				bx,
				by;
	uint32_t	ring;			/* ring number across the geometry */
	uint32_t	seq;			/* segment number within the ring */
} Seg;

typedef struct RingInfo
{
	const JtPointArray *pa;
	int			ndims;
	uint32_t	nsegs;			/* after dropping zero-length segments */
	uint32_t	polygon;		/* member number */
	bool		shell;
	double		minx,
				maxx,
				miny,
				maxy;
} RingInfo;

typedef struct Checker
{
	const JtAllocator *allocator;
	void		(*check_interrupts) (void);
	uint64_t	work;
	RingInfo   *rings;
	uint32_t	nrings;
	Seg		   *segs;
	uint32_t	nsegs;
} Checker;

static void
tick(Checker *ck)
{
	if ((++ck->work % INTERRUPT_EVERY) == 0 && ck->check_interrupts)
		ck->check_interrupts();
}

/*
 * Sign of the orientation of (a, b, c): +1 counter-clockwise, -1 clockwise,
 * 0 when collinear or too close to call.  The coordinate differences may be
 * rounded (relative error eps each), so each product carries at most 3 eps;
 * signs beyond 8 eps of the products' magnitudes are certain.
 */
static int
orient(double ax, double ay, double bx, double by, double cx, double cy)
{
	double		p = (bx - ax) * (cy - ay);
	double		q = (by - ay) * (cx - ax);
	double		det = p - q;
	double		bound = 8 * DBL_EPSILON * (fabs(p) + fabs(q));

	if (det > bound)
		return 1;
	if (det < -bound)
		return -1;
	return 0;
}

static void
set_invalid(JtCheckResult *res, const char *reason, double x, double y)
{
	res->verdict = JT_CHECK_INVALID;
	res->reason = reason;
	res->x = x;
	res->y = y;
}

/* Count the rings and collect them with their bounding boxes. */
static uint32_t
collect_rings(Checker *ck, const JtGeom *g, uint32_t *polygon, bool fill)
{
	uint32_t	n = 0;
	uint32_t	i;

	if (g->type == JT_POLYGON)
	{
		for (i = 0; i < g->nrings; i++)
		{
			if (fill)
			{
				RingInfo   *ri = &ck->rings[ck->nrings++];

				ri->pa = &g->rings[i];
				ri->ndims = g->ndims;
				ri->polygon = *polygon;
				ri->shell = (i == 0);
				ri->nsegs = 0;
			}
			n++;
		}
		if (g->nrings > 0)
			(*polygon)++;
		return n;
	}
	for (i = 0; i < g->ngeoms; i++)
		n += collect_rings(ck, &g->geoms[i], polygon, fill);
	return n;
}

/* Ring closure, length, segments; false when the verdict is settled. */
static bool
build_segments(Checker *ck, JtCheckResult *res)
{
	uint32_t	r;

	for (r = 0; r < ck->nrings; r++)
	{
		RingInfo   *ri = &ck->rings[r];
		const JtPointArray *pa = ri->pa;
		const double *c = pa->coords;
		int			nd = ri->ndims;
		uint32_t	k;

		if (pa->npoints < 4)
		{
			set_invalid(res, "a ring has fewer than 4 points",
						pa->npoints ? c[0] : 0, pa->npoints ? c[1] : 0);
			return false;
		}
		if (c[0] != c[(size_t) (pa->npoints - 1) * nd] ||
			c[1] != c[(size_t) (pa->npoints - 1) * nd + 1])
		{
			set_invalid(res, "a ring is not closed", c[0], c[1]);
			return false;
		}
		ri->minx = ri->maxx = c[0];
		ri->miny = ri->maxy = c[1];
		for (k = 0; k + 1 < pa->npoints; k++)
		{
			const double *p = c + (size_t) k * nd;
			const double *q = p + nd;
			Seg		   *s;

			if (p[0] == q[0] && p[1] == q[1])
				continue;		/* repeated point */
			s = &ck->segs[ck->nsegs++];
			s->ax = p[0];
			s->ay = p[1];
			s->bx = q[0];
			s->by = q[1];
			s->minx = MIN2(p[0], q[0]);
			s->maxx = MAX2(p[0], q[0]);
			s->miny = MIN2(p[1], q[1]);
			s->maxy = MAX2(p[1], q[1]);
			s->ring = r;
			s->seq = ri->nsegs++;
			ri->minx = MIN2(ri->minx, s->minx);
			ri->maxx = MAX2(ri->maxx, s->maxx);
			ri->miny = MIN2(ri->miny, s->miny);
			ri->maxy = MAX2(ri->maxy, s->maxy);
		}
		/* fewer than 3 distinct segments cannot bound an area */
		if (ri->nsegs < 3)
		{
			res->verdict = JT_CHECK_UNSURE;
			return false;
		}
	}
	return true;
}

/*
 * Sort order of the segments by minx: (key, index) pairs are sorted rather
 * than the segments themselves, insertion sort for short lists, heapsort
 * (no recursion, no extra memory) beyond.
 */
typedef struct SortKey
{
	double		minx;
	uint32_t	idx;
} SortKey;

static void
sift_down(SortKey *a, size_t start, size_t end)
{
	size_t		root = start;

	while (2 * root + 1 < end)
	{
		size_t		child = 2 * root + 1;
		size_t		sw = root;
		SortKey		tmp;

		if (a[sw].minx < a[child].minx)
			sw = child;
		if (child + 1 < end && a[sw].minx < a[child + 1].minx)
			sw = child + 1;
		if (sw == root)
			return;
		tmp = a[root];
		a[root] = a[sw];
		a[sw] = tmp;
		root = sw;
	}
}

static void
sort_keys(SortKey *a, size_t n)
{
	size_t		i;

	if (n <= 48)
	{
		for (i = 1; i < n; i++)
		{
			SortKey		tmp = a[i];
			size_t		j = i;

			while (j > 0 && a[j - 1].minx > tmp.minx)
			{
				a[j] = a[j - 1];
				j--;
			}
			a[j] = tmp;
		}
		return;
	}
	for (i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (i = n; i-- > 1;)
	{
		SortKey		tmp = a[0];

		a[0] = a[i];
		a[i] = tmp;
		sift_down(a, 0, i);
	}
}

/* Are s and t consecutive segments of one ring? */
static bool
adjacent(const Checker *ck, const Seg *s, const Seg *t)
{
	uint32_t	n;

	if (s->ring != t->ring)
		return false;
	n = ck->rings[s->ring].nsegs;
	return s->seq + 1 == t->seq || t->seq + 1 == s->seq ||
		(s->seq == 0 && t->seq == n - 1) || (t->seq == 0 && s->seq == n - 1);
}

/*
 * Test one pair of segments whose boxes overlap.  Returns false when the
 * verdict is settled (INVALID) or doubtful (UNSURE).
 */
static bool
test_pair(const Checker *ck, const Seg *s, const Seg *t, JtCheckResult *res)
{
	int			o1,
				o2,
				o3,
				o4;

	if (adjacent(ck, s, t))
	{
		/*
		 * Consecutive segments share a vertex; they meet elsewhere only if
		 * they fold back onto each other (a spike).  The shared vertex is
		 * s's end and t's start or the other way round.
		 */
		double		px,
					py,
					ox1,
					oy1,
					ox2,
					oy2;

		if (s->bx == t->ax && s->by == t->ay)
		{
			px = s->bx;
			py = s->by;
			ox1 = s->ax;
			oy1 = s->ay;
			ox2 = t->bx;
			oy2 = t->by;
		}
		else
		{
			px = t->bx;
			py = t->by;
			ox1 = t->ax;
			oy1 = t->ay;
			ox2 = s->bx;
			oy2 = s->by;
		}
		if (orient(px, py, ox1, oy1, ox2, oy2) == 0 &&
			(ox1 - px) * (ox2 - px) + (oy1 - py) * (oy2 - py) >= 0)
		{
			res->verdict = JT_CHECK_UNSURE;
			return false;
		}
		return true;
	}
	o1 = orient(s->ax, s->ay, s->bx, s->by, t->ax, t->ay);
	o2 = orient(s->ax, s->ay, s->bx, s->by, t->bx, t->by);
	if (o1 != 0 && o1 == o2)
		return true;			/* t entirely on one side of s */
	o3 = orient(t->ax, t->ay, t->bx, t->by, s->ax, s->ay);
	o4 = orient(t->ax, t->ay, t->bx, t->by, s->bx, s->by);
	if (o3 != 0 && o3 == o4)
		return true;			/* s entirely on one side of t */
	if (o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0)
	{
		/* a proper crossing: report where */
		double		dx1 = s->bx - s->ax,
					dy1 = s->by - s->ay,
					dx2 = t->bx - t->ax,
					dy2 = t->by - t->ay;
		double		den = dx1 * dy2 - dy1 * dx2;
		double		u = ((t->ax - s->ax) * dy2 - (t->ay - s->ay) * dx2) / den;

		set_invalid(res, s->ring == t->ring ? "a ring intersects itself" : "two rings cross",
					s->ax + u * dx1, s->ay + u * dy1);
		return false;
	}
	res->verdict = JT_CHECK_UNSURE;	/* touching, collinear or too close */
	return false;
}

static bool
sweep(Checker *ck, JtCheckResult *res)
{
	SortKey    *keys = ck->allocator->alloc(ck->allocator->arg,
											sizeof(SortKey) * (ck->nsegs ? ck->nsegs : 1));
	uint32_t	i,
				j;

	for (i = 0; i < ck->nsegs; i++)
	{
		keys[i].minx = ck->segs[i].minx;
		keys[i].idx = i;
	}
	sort_keys(keys, ck->nsegs);
	for (i = 0; i < ck->nsegs; i++)
	{
		const Seg  *s = &ck->segs[keys[i].idx];

		for (j = i + 1; j < ck->nsegs && keys[j].minx <= s->maxx; j++)
		{
			const Seg  *t = &ck->segs[keys[j].idx];

			tick(ck);
			if (t->miny > s->maxy || t->maxy < s->miny)
				continue;
			if (!test_pair(ck, s, t, res))
				return false;
		}
	}
	return true;
}

/*
 * Is (px, py) inside ring r?  +1 inside, -1 outside, 0 undecided (on or
 * too close to the boundary).  Crossing number with orientation signs.
 */
static int
point_in_ring(const Checker *ck, uint32_t r, double px, double py)
{
	const RingInfo *ri = &ck->rings[r];
	const double *c = ri->pa->coords;
	int			nd = ri->ndims;
	bool		inside = false;
	uint32_t	k;

	if (px < ri->minx || px > ri->maxx || py < ri->miny || py > ri->maxy)
		return -1;
	for (k = 0; k + 1 < ri->pa->npoints; k++)
	{
		const double *a = c + (size_t) k * nd;
		const double *b = a + nd;

		/* edges straddling the horizontal line through p, half-open */
		if ((a[1] > py) != (b[1] > py))
		{
			int			o = orient(a[0], a[1], b[0], b[1], px, py);

			if (o == 0)
				return 0;
			/* upward edge with p on its left, or downward with p on its right */
			if ((b[1] > a[1]) == (o > 0))
				inside = !inside;
		}
		else if (a[1] == py && b[1] == py &&
				 px >= MIN2(a[0], b[0]) && px <= MAX2(a[0], b[0]))
			return 0;			/* on a horizontal edge */
	}
	return inside ? 1 : -1;
}

/* Is p inside ring q?  Counts the test; false with UNSURE set on doubt. */
static bool
inside(Checker *ck, uint32_t q, double px, double py, uint64_t *tests,
	   int *in, JtCheckResult *res)
{
	if (++*tests > MAX_CONTAINMENT_TESTS)
	{
		res->verdict = JT_CHECK_UNSURE;
		return false;
	}
	tick(ck);
	*in = point_in_ring(ck, q, px, py);
	if (*in == 0)
	{
		res->verdict = JT_CHECK_UNSURE;
		return false;
	}
	return true;
}

/*
 * The containment rules, once no two rings meet: a ring lies entirely
 * inside or outside another, so its first vertex decides.  A hole must lie
 * in its shell and in none of its polygon's other holes; a member's shell
 * may lie in another member's shell only inside one of that member's holes.
 */
static void
containment(Checker *ck, JtCheckResult *res)
{
	uint64_t	tests = 0;
	uint32_t	r,
				q,
				h;

	for (r = 0; r < ck->nrings; r++)
	{
		const RingInfo *ri = &ck->rings[r];
		double		px = ri->pa->coords[0];
		double		py = ri->pa->coords[1];
		int			in;

		for (q = 0; q < ck->nrings; q++)
		{
			const RingInfo *rq = &ck->rings[q];

			if (q == r)
				continue;
			if (!ri->shell)
			{
				if (rq->polygon != ri->polygon)
					continue;
				if (!inside(ck, q, px, py, &tests, &in, res))
					return;
				if (rq->shell && in < 0)
				{
					set_invalid(res, "a hole lies outside its shell", px, py);
					return;
				}
				if (!rq->shell && in > 0)
				{
					set_invalid(res, "a hole lies inside another hole", px, py);
					return;
				}
				continue;
			}
			if (!rq->shell)
				continue;
			if (!inside(ck, q, px, py, &tests, &in, res))
				return;
			if (in < 0)
				continue;
			/* inside another member's shell: it must sit in one of its holes */
			for (h = 0; h < ck->nrings; h++)
			{
				const RingInfo *rh = &ck->rings[h];

				if (rh->shell || rh->polygon != rq->polygon)
					continue;
				if (!inside(ck, h, px, py, &tests, &in, res))
					return;
				if (in > 0)
					break;
			}
			if (h == ck->nrings)
			{
				set_invalid(res, "two polygons of the multipolygon overlap", px, py);
				return;
			}
		}
	}
}

void
jt_polygon_check(const JtGeom *g, const JtAllocator *allocator,
				 void (*check_interrupts) (void), JtCheckResult *res)
{
	Checker		ck;
	uint32_t	polygon = 0;
	uint32_t	n;
	uint64_t	npts;

	res->verdict = JT_CHECK_VALID;
	res->reason = NULL;
	res->x = res->y = 0;

	ck.allocator = allocator;
	ck.check_interrupts = check_interrupts;
	ck.work = 0;
	ck.nrings = 0;
	ck.nsegs = 0;
	n = collect_rings(&ck, g, &polygon, false);
	if (n == 0)
		return;
	npts = jt_geom_npoints(g);
	ck.rings = allocator->alloc(allocator->arg, sizeof(RingInfo) * n);
	ck.segs = allocator->alloc(allocator->arg, sizeof(Seg) * (size_t) (npts ? npts : 1));
	polygon = 0;
	collect_rings(&ck, g, &polygon, true);
	if (!build_segments(&ck, res))
		return;
	if (!sweep(&ck, res))
		return;
	if (ck.nrings > 1)
		containment(&ck, res);
}
