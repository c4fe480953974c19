/*-------------------------------------------------------------------------
 *
 * topo.c
 *	  Pure-C cores of the topology checks (see topo.h).
 *
 * Coordinates of one county are large (Gauss-Kruger eastings with a zone
 * prefix are ~3.5e7 m) but close to each other, so differences of two of
 * them are exact and every computation here works on differences: the
 * orientation of three points, distances, projections.  The screens are
 * decided with exact equality of shared vertices (cadastral neighbours share
 * identical vertices), the sign of the orientation, and distances compared
 * with eps (a hundredth of the tolerance) or the tolerance; a wrong answer
 * caused by rounding can only concern features closer than ~1e-8 m, far
 * below any tolerance, and the exact decisions are GEOS's anyway.
 *
 *-------------------------------------------------------------------------
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "topo.h"

const char *const jt_topo_kind_key[JT_TK_COUNT] = {
	[JT_TK_EMPTY_GEOMETRY] = "empty_geometry",
	[JT_TK_WRONG_TYPE] = "wrong_type",
	[JT_TK_NAN_COORDINATE] = "nan_coordinate",
	[JT_TK_SRID_MISMATCH] = "srid_mismatch",
	[JT_TK_UNCLOSED_RING] = "unclosed_ring",
	[JT_TK_DEGENERATE_RING] = "degenerate_ring",
	[JT_TK_SELF_INTERSECTION] = "self_intersection",
	[JT_TK_INVALID_GEOMETRY] = "invalid_geometry",
	[JT_TK_DUPLICATE] = "duplicate",
	[JT_TK_OVERLAP] = "overlap",
	[JT_TK_GAP] = "gap",
	[JT_TK_SLIVER] = "sliver",
	[JT_TK_NOT_IN_CONTAINER] = "not_in_container",
	[JT_TK_NEAR_COINCIDENT] = "near_coincident",
	[JT_TK_LINE_CROSSING] = "line_crossing",
	[JT_TK_LINE_OVERLAP] = "line_overlap",
	[JT_TK_DANGLE] = "dangle",
	[JT_TK_PSEUDO_NODE] = "pseudo_node",
	[JT_TK_NOT_ON_POLYGON_EDGE] = "not_on_polygon_edge",
	[JT_TK_EDGE_NOT_ON_LINE] = "edge_not_on_line",
	[JT_TK_CONTAINER_INVALID] = "container_invalid",
};

int
jt_topo_kind_from_key(const char *key)
{
	int			i;

	for (i = 0; i < JT_TK_COUNT; i++)
		if (strcmp(jt_topo_kind_key[i], key) == 0)
			return i;
	return -1;
}

/* ---------------------------------------------------------------------
 * Boxes
 * ---------------------------------------------------------------------
 */

void
jt_box_set_empty(JtBox *b)
{
	b->xmin = b->ymin = INFINITY;
	b->xmax = b->ymax = -INFINITY;
}

bool
jt_box_is_empty(const JtBox *b)
{
	return !(b->xmin <= b->xmax && b->ymin <= b->ymax);
}

bool
jt_box_within(const JtBox *a, const JtBox *b, double d)
{
	return a->xmin <= b->xmax + d && b->xmin <= a->xmax + d &&
		a->ymin <= b->ymax + d && b->ymin <= a->ymax + d;
}

/* coordinates are finite here: plain comparisons, not libm's fmin/fmax */
static inline double
dmin(double a, double b)
{
	return a < b ? a : b;
}

static inline double
dmax(double a, double b)
{
	return a > b ? a : b;
}

/* a segment from its two ends, with its box */
static inline void
segref_set(JtSegRef *s, double x1, double y1, double x2, double y2)
{
	s->x1 = x1;
	s->y1 = y1;
	s->x2 = x2;
	s->y2 = y2;
	s->xmin = dmin(x1, x2);
	s->xmax = dmax(x1, x2);
	s->ymin = dmin(y1, y2);
	s->ymax = dmax(y1, y2);
}

static inline void
box_add(JtBox *b, double x, double y)
{
	if (x < b->xmin)
		b->xmin = x;
	if (x > b->xmax)
		b->xmax = x;
	if (y < b->ymin)
		b->ymin = y;
	if (y > b->ymax)
		b->ymax = y;
}

/* ---------------------------------------------------------------------
 * Linework
 * ---------------------------------------------------------------------
 */

uint32_t
jt_linework_npaths(const JtGeom *g)
{
	uint32_t	n = 0;
	uint32_t	i;

	switch (g->type)
	{
		case JT_POINT:
			return 0;
		case JT_LINESTRING:
		case JT_POLYGON:
			return g->nrings;
		default:
			for (i = 0; i < g->ngeoms; i++)
				n += jt_linework_npaths(&g->geoms[i]);
			return n;
	}
}

static void
fill_rec(const JtGeom *g, JtLinework *lw, uint32_t *part)
{
	uint32_t	i,
				k;

	switch (g->type)
	{
		case JT_POINT:
			lw->dim = (lw->dim == -2 || lw->dim == 0) ? 0 : -1;
			if (g->nrings == 1)
				for (k = 0; k < g->rings[0].npoints; k++)
					box_add(&lw->box, g->rings[0].coords[(size_t) k * g->ndims],
							g->rings[0].coords[(size_t) k * g->ndims + 1]);
			break;
		case JT_LINESTRING:
		case JT_POLYGON:
			{
				int			dim = g->type == JT_POLYGON ? 2 : 1;

				if (lw->dim == -2)
					lw->dim = dim;
				else if (lw->dim != dim)
					lw->dim = -1;
				for (i = 0; i < g->nrings; i++)
				{
					JtPath	   *p = &lw->paths[lw->npaths++];
					const JtPointArray *pa = &g->rings[i];

					p->coords = pa->coords;
					p->npoints = pa->npoints;
					p->stride = (uint32_t) g->ndims;
					p->part = *part;
					p->seg0 = lw->nsegs;
					p->ring = (dim == 2);
					p->shell = (dim == 2 && i == 0);
					p->inside = 0;
					p->area2 = 0;
					lw->nsegs += pa->npoints > 0 ? pa->npoints - 1 : 0;
					lw->npoints += pa->npoints;
					if (pa->npoints > 0)
					{
						/*
						 * One pass, on locals (PostgreSQL builds with
						 * -fno-strict-aliasing): the box, repeated points,
						 * and the signed area (counter-clockwise positive)
						 * summed as ring_area always has, from point 1 on
						 * relative to point 0.
						 */
						const double *c = pa->coords;
						size_t		st = (size_t) g->ndims;
						uint32_t	np = pa->npoints,
									rep = 0;
						double		x0 = c[0],
									y0 = c[1],
									px = x0,
									py = y0,
									a = 0,
									bx0 = lw->box.xmin,
									by0 = lw->box.ymin,
									bx1 = lw->box.xmax,
									by1 = lw->box.ymax;

						for (k = 0; k < np; k++)
						{
							double		x = c[k * st],
										y = c[k * st + 1];

							if (x < bx0)
								bx0 = x;
							if (x > bx1)
								bx1 = x;
							if (y < by0)
								by0 = y;
							if (y > by1)
								by1 = y;
							if (k > 0)
							{
								if (x == px && y == py)
									rep++;
								/* the term of point k - 1 (from 1 on) */
								if (k >= 2)
									a += (px - x0) * (y - y0) - (x - x0) * (py - y0);
							}
							px = x;
							py = y;
						}
						lw->box.xmin = bx0;
						lw->box.ymin = by0;
						lw->box.xmax = bx1;
						lw->box.ymax = by1;
						lw->nrepeated += rep;
						if (np >= 3)
						{
							p->area2 = a;
							/* shells hold the interior on their inside, holes outside */
							if (dim == 2 && np >= 4 && a != 0)
								p->inside = ((a > 0) == p->shell) ? 1 : -1;
						}
					}
				}
				(*part)++;
			}
			break;
		default:
			for (i = 0; i < g->ngeoms; i++)
				fill_rec(&g->geoms[i], lw, part);
			break;
	}
}

void
jt_linework_fill(const JtGeom *g, JtPath *paths, JtLinework *lw)
{
	uint32_t	part = 0;

	memset(lw, 0, sizeof(*lw));
	lw->paths = paths;
	lw->dim = -2;				/* nothing seen yet */
	jt_box_set_empty(&lw->box);
	fill_rec(g, lw, &part);
	lw->nparts = part;
	if (lw->dim == -2)
		lw->dim = -1;
}

#define PX(p, i) ((p)->coords[(size_t) (i) * (p)->stride])
#define PY(p, i) ((p)->coords[(size_t) (i) * (p)->stride + 1])

/* number of non-zero-length segments of a path */
static uint32_t
path_nonzero_segs(const JtPath *p)
{
	uint32_t	n = 0;
	uint32_t	i;

	for (i = 0; i + 1 < p->npoints; i++)
		if (PX(p, i) != PX(p, i + 1) || PY(p, i) != PY(p, i + 1))
			n++;
	return n;
}

uint32_t
jt_linework_segs(const JtLinework *lw, const JtBox *clip, double d, JtSegRef *out)
{
	uint32_t	n = 0;
	uint32_t	pi,
				i;

	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];
		uint32_t	ord = 0;
		uint32_t	first = n;
		uint32_t	k;

		for (i = 0; i + 1 < p->npoints; i++)
		{
			double		x1 = PX(p, i),
						y1 = PY(p, i),
						x2 = PX(p, i + 1),
						y2 = PY(p, i + 1);
			JtSegRef   *s;

			if (x1 == x2 && y1 == y2)
				continue;
			ord++;
			if (clip &&
				(dmax(x1, x2) < clip->xmin - d || dmin(x1, x2) > clip->xmax + d ||
				 dmax(y1, y2) < clip->ymin - d || dmin(y1, y2) > clip->ymax + d))
				continue;
			s = &out[n++];
			segref_set(s, x1, y1, x2, y2);
			s->seg = p->seg0 + i;
			s->path = pi;
			s->ord = ord - 1;
		}
		for (k = first; k < n; k++)
			out[k].nord = ord;
	}
	return n;
}

static int
cmp_seg_xmin(const void *a, const void *b)
{
	double		x = ((const JtSegRef *) a)->xmin;
	double		y = ((const JtSegRef *) b)->xmin;

	return (x > y) - (x < y);
}

void
jt_segs_sort_x(JtSegRef *segs, uint32_t n)
{
	uint32_t	i,
				j;

	if (n > 24)
	{
		qsort(segs, n, sizeof(JtSegRef), cmp_seg_xmin);
		return;
	}
	/* the usual few segments of a pair: insertion sort */
	for (i = 1; i < n; i++)
	{
		JtSegRef	t = segs[i];

		for (j = i; j > 0 && segs[j - 1].xmin > t.xmin; j--)
			segs[j] = segs[j - 1];
		segs[j] = t;
	}
}

/* largest x-extent of a segment list, for range searches in x */
static double
segs_max_width(const JtSegRef *s, uint32_t n)
{
	double		w = 0;
	uint32_t	i;

	for (i = 0; i < n; i++)
		if (s[i].xmax - s[i].xmin > w)
			w = s[i].xmax - s[i].xmin;
	return w;
}

/* first index of sorted s with xmin >= x */
static uint32_t
segs_lower_bound(const JtSegRef *s, uint32_t n, double x)
{
	uint32_t	lo = 0,
				hi = n;

	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;

		if (s[mid].xmin < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void slice_near(const JtSegRef *sb, uint32_t nb, double maxw, const JtSegRef *s,
					   double d, uint32_t *lo, uint32_t *hi);

/*
 * Get segments ready for slice_near: sorted by xmin with their largest
 * width, or - a handful, as between two parcels - left as they are (-1:
 * scan them all, cheaper than sorting).
 */
#define FEW_SEGS 40

static double
segs_prepare(JtSegRef *s, uint32_t n)
{
	if (n <= FEW_SEGS)
		return -1;
	jt_segs_sort_x(s, n);
	return segs_max_width(s, n);
}

/* ---------------------------------------------------------------------
 * Primitives
 * ---------------------------------------------------------------------
 */

static inline double
orient(double ax, double ay, double bx, double by, double cx, double cy)
{
	return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* squared distance from (px, py) to segment (x1 y1, x2 y2) */
static double
pt_seg_dist2(double px, double py, double x1, double y1, double x2, double y2)
{
	double		dx = x2 - x1,
				dy = y2 - y1;
	double		rx = px - x1,
				ry = py - y1;
	double		l2 = dx * dx + dy * dy;
	double		t;

	if (l2 > 0)
	{
		t = (rx * dx + ry * dy) / l2;
		if (t < 0)
			t = 0;
		else if (t > 1)
			t = 1;
		rx -= t * dx;
		ry -= t * dy;
	}
	return rx * rx + ry * ry;
}

static inline double
pt_segref_dist2(double px, double py, const JtSegRef *s)
{
	return pt_seg_dist2(px, py, s->x1, s->y1, s->x2, s->y2);
}

static inline bool
on_seg_box(const JtSegRef *s, double x, double y)
{
	return x >= s->xmin && x <= s->xmax && y >= s->ymin && y <= s->ymax;
}

/* do the closed segments a and b have a point in common? */
static bool
segs_intersect(const JtSegRef *a, const JtSegRef *b)
{
	double		d1 = orient(a->x1, a->y1, a->x2, a->y2, b->x1, b->y1);
	double		d2 = orient(a->x1, a->y1, a->x2, a->y2, b->x2, b->y2);
	double		d3 = orient(b->x1, b->y1, b->x2, b->y2, a->x1, a->y1);
	double		d4 = orient(b->x1, b->y1, b->x2, b->y2, a->x2, a->y2);

	if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
		((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
		return true;
	if (d1 == 0 && on_seg_box(a, b->x1, b->y1))
		return true;
	if (d2 == 0 && on_seg_box(a, b->x2, b->y2))
		return true;
	if (d3 == 0 && on_seg_box(b, a->x1, a->y1))
		return true;
	if (d4 == 0 && on_seg_box(b, a->x2, a->y2))
		return true;
	return false;
}

/* a point where a and b meet (they are known to intersect) */
static void
segs_meet_point(const JtSegRef *a, const JtSegRef *b, double *x, double *y)
{
	double		d3 = orient(b->x1, b->y1, b->x2, b->y2, a->x1, a->y1);
	double		d4 = orient(b->x1, b->y1, b->x2, b->y2, a->x2, a->y2);
	double		t;

	if (d3 == d4)
	{
		/* collinear (or touching at a's end): take an end lying on the other */
		if (on_seg_box(b, a->x1, a->y1) && d3 == 0)
		{
			*x = a->x1;
			*y = a->y1;
		}
		else if (on_seg_box(b, a->x2, a->y2) && d4 == 0)
		{
			*x = a->x2;
			*y = a->y2;
		}
		else
		{
			*x = b->x1;
			*y = b->y1;
		}
		return;
	}
	t = d3 / (d3 - d4);
	if (t < 0)
		t = 0;
	else if (t > 1)
		t = 1;
	*x = a->x1 + t * (a->x2 - a->x1);
	*y = a->y1 + t * (a->y2 - a->y1);
}

/*
 * Do s and e conflict in the sense of the polygon screen: meet anywhere
 * other than in one shared vertex with the two going different ways?
 */
static bool
seg_conflict(const JtSegRef *s, const JtSegRef *e)
{
	bool		s1e1 = s->x1 == e->x1 && s->y1 == e->y1;
	bool		s1e2 = s->x1 == e->x2 && s->y1 == e->y2;
	bool		s2e1 = s->x2 == e->x1 && s->y2 == e->y1;
	bool		s2e2 = s->x2 == e->x2 && s->y2 == e->y2;
	int			shared = s1e1 + s1e2 + s2e1 + s2e2;

	if (shared >= 2)
		return false;			/* the same segment */
	if (shared == 1)
	{
		double		cx = (s1e1 || s1e2) ? s->x1 : s->x2;
		double		cy = (s1e1 || s1e2) ? s->y1 : s->y2;
		double		sx = (s1e1 || s1e2) ? s->x2 : s->x1;
		double		sy = (s1e1 || s1e2) ? s->y2 : s->y1;
		double		ex = (s1e1 || s2e1) ? e->x2 : e->x1;
		double		ey = (s1e1 || s2e1) ? e->y2 : e->y1;

		/* collinear and the same way from the shared vertex: they overlap */
		return orient(cx, cy, sx, sy, ex, ey) == 0 &&
			(sx - cx) * (ex - cx) + (sy - cy) * (ey - cy) > 0;
	}
	else
	{
		double		d1 = orient(s->x1, s->y1, s->x2, s->y2, e->x1, e->y1);
		double		d2 = orient(s->x1, s->y1, s->x2, s->y2, e->x2, e->y2);
		double		d3 = orient(e->x1, e->y1, e->x2, e->y2, s->x1, s->y1);
		double		d4 = orient(e->x1, e->y1, e->x2, e->y2, s->x2, s->y2);

		if (d1 == 0 && d2 == 0)
			return segs_intersect(s, e);	/* collinear: overlap or nothing */
		if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
			((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
			return true;		/* a proper crossing */
		/* a vertex of e inside s: s may change sides there */
		if ((d1 == 0 && on_seg_box(s, e->x1, e->y1)) || (d2 == 0 && on_seg_box(s, e->x2, e->y2)))
			return true;

		/*
		 * An end of s on e (a T-junction): s's interior stays on one side of
		 * e, located like any other segment.
		 */
		return false;
	}
}

JtLocation
jt_point_in_polygon(const JtLinework *lw, double x, double y, double eps)
{
	bool		inside = false;
	double		eps2 = eps * eps;
	uint32_t	pi,
				i;

	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];

		for (i = 0; i + 1 < p->npoints; i++)
		{
			double		x1 = PX(p, i),
						y1 = PY(p, i),
						x2 = PX(p, i + 1),
						y2 = PY(p, i + 1);

			if (x >= dmin(x1, x2) - eps && x <= dmax(x1, x2) + eps &&
				y >= dmin(y1, y2) - eps && y <= dmax(y1, y2) + eps &&
				pt_seg_dist2(x, y, x1, y1, x2, y2) <= eps2)
				return JT_ON_BOUNDARY;
			if ((y1 > y) != (y2 > y))
			{
				double		xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1);

				if (x < xc)
					inside = !inside;
			}
		}
	}
	return inside ? JT_INSIDE : JT_OUTSIDE;
}

static double
ring_area(const JtPath *p)
{
	/* (jt_linework_fill summed it: the same terms in the same order) */
	return fabs(p->area2) / 2;
}

static double
path_length(const JtPath *p)
{
	double		l = 0;
	uint32_t	i;

	for (i = 0; i + 1 < p->npoints; i++)
		l += hypot(PX(p, i + 1) - PX(p, i), PY(p, i + 1) - PY(p, i));
	return l;
}

void
jt_polygon_part_metrics(const JtLinework *lw, uint32_t part, double *area, double *perimeter)
{
	uint32_t	pi;

	*area = 0;
	*perimeter = 0;
	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];

		if (p->part != part)
			continue;
		*area += p->shell ? ring_area(p) : -ring_area(p);
		*perimeter += path_length(p);
	}
}

void
jt_polygon_part_area_l1(const JtLinework *lw, uint32_t part, double *area, double *l1)
{
	uint32_t	pi,
				i;

	*area = 0;
	*l1 = 0;
	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];

		if (p->part != part)
			continue;
		*area += p->shell ? ring_area(p) : -ring_area(p);
		for (i = 0; i + 1 < p->npoints; i++)
			*l1 += fabs(PX(p, i + 1) - PX(p, i)) + fabs(PY(p, i + 1) - PY(p, i));
	}
}

double
jt_linework_length(const JtLinework *lw)
{
	double		l = 0;
	uint32_t	pi;

	for (pi = 0; pi < lw->npaths; pi++)
		l += path_length(&lw->paths[pi]);
	return l;
}

double
jt_point_linework_distance(const JtLinework *lw, double x, double y)
{
	double		best = INFINITY;
	uint32_t	pi,
				i;

	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];

		if (p->npoints == 1)
			best = dmin(best, hypot(x - PX(p, 0), y - PY(p, 0)));
		for (i = 0; i + 1 < p->npoints; i++)
			best = dmin(best, pt_seg_dist2(x, y, PX(p, i), PY(p, i), PX(p, i + 1), PY(p, i + 1)));
	}
	return best == INFINITY ? best : sqrt(best);
}

/* ---------------------------------------------------------------------
 * Coverage of a segment by other segments
 * ---------------------------------------------------------------------
 */

#define MAX_INTERVALS 64

typedef struct Interval
{
	double		a,
				b;
} Interval;

static int
cmp_interval(const void *x, const void *y)
{
	double		a = ((const Interval *) x)->a;
	double		b = ((const Interval *) y)->a;

	return (a > b) - (a < b);
}

/*
 * Intervals of s's parameter [0,1] proved within d of the segments c[]:
 * the projection of each c onto s, kept when both of its ends are within d
 * of c.  Returns the count, or -1 when there are too many to keep.
 */
static int
cover_intervals(const JtSegRef *s, const JtSegRef *c, uint32_t n, double d,
				Interval *iv)
{
	double		dx = s->x2 - s->x1,
				dy = s->y2 - s->y1;
	double		l2 = dx * dx + dy * dy;
	double		d2 = d * d;
	int			k = 0;
	uint32_t	i;

	for (i = 0; i < n; i++)
	{
		const JtSegRef *e = &c[i];
		double		ux = e->x1 - s->x1,
					uy = e->y1 - s->y1,
					vx = e->x2 - s->x1,
					vy = e->y2 - s->y1;
		double		tu,
					tv,
					a,
					b;

		if (e->xmax < s->xmin - d || e->xmin > s->xmax + d ||
			e->ymax < s->ymin - d || e->ymin > s->ymax + d)
			continue;
		tu = (ux * dx + uy * dy) / l2;
		tv = (vx * dx + vy * dy) / l2;
		a = dmax(0, dmin(tu, tv));
		b = dmin(1, dmax(tu, tv));
		if (b < a)
			continue;
		/* both ends of [a, b] within d of e (relative coordinates) */
		if (pt_seg_dist2(a * dx, a * dy, ux, uy, vx, vy) > d2 ||
			pt_seg_dist2(b * dx, b * dy, ux, uy, vx, vy) > d2)
			continue;
		if (k == MAX_INTERVALS)
			return -1;
		iv[k].a = a;
		iv[k].b = b;
		k++;
	}
	if (k > 1)
		qsort(iv, k, sizeof(Interval), cmp_interval);
	return k;
}

bool
jt_seg_covered(const JtSegRef *s, const JtSegRef *c, uint32_t n, double d,
			   double *covered_len)
{
	Interval	iv[MAX_INTERVALS];
	double		len;
	double		slack,
				ra,
				rb,
				total = 0;
	bool		gapfree;
	int			k,
				i;

	if (covered_len)
		*covered_len = 0;
	if (s->x1 == s->x2 && s->y1 == s->y2)
		return true;
	/* the usual case: the very same segment */
	for (i = 0; i < (int) n; i++)
		if ((c[i].x1 == s->x1 && c[i].y1 == s->y1 && c[i].x2 == s->x2 && c[i].y2 == s->y2) ||
			(c[i].x1 == s->x2 && c[i].y1 == s->y2 && c[i].x2 == s->x1 && c[i].y2 == s->y1))
		{
			if (covered_len)
				*covered_len = sqrt((s->x2 - s->x1) * (s->x2 - s->x1) + (s->y2 - s->y1) * (s->y2 - s->y1));
			return true;
		}
	len = sqrt((s->x2 - s->x1) * (s->x2 - s->x1) + (s->y2 - s->y1) * (s->y2 - s->y1));
	k = cover_intervals(s, c, n, d, iv);
	if (k <= 0)
		return false;

	/*
	 * Union of the intervals, sorted by start.  Holes shorter than d (in
	 * length) do not break the cover: they are within 1.5 d of the others.
	 */
	slack = d / len;
	gapfree = iv[0].a <= slack;
	ra = iv[0].a;
	rb = iv[0].b;
	for (i = 1; i < k; i++)
	{
		if (iv[i].a > rb)
		{
			if (iv[i].a > rb + slack)
				gapfree = false;
			total += rb - ra;
			ra = iv[i].a;
			rb = iv[i].b;
		}
		else if (iv[i].b > rb)
			rb = iv[i].b;
	}
	total += rb - ra;
	if (rb < 1 - slack)
		gapfree = false;
	if (covered_len)
		*covered_len = total * len;
	return gapfree;
}

void
jt_segindex_init(JtSegIndex *ix, JtSegRef *segs, uint32_t n)
{
	jt_segs_sort_x(segs, n);
	ix->segs = segs;
	ix->n = n;
	ix->maxw = segs_max_width(segs, n);
}

uint32_t
jt_segindex_near(const JtSegIndex *ix, const JtBox *box, double d, JtSegRef *out)
{
	uint32_t	i = segs_lower_bound(ix->segs, ix->n, box->xmin - d - ix->maxw);
	uint32_t	n = 0;

	for (; i < ix->n && ix->segs[i].xmin <= box->xmax + d; i++)
	{
		const JtSegRef *s = &ix->segs[i];

		if (s->xmax < box->xmin - d || s->ymin > box->ymax + d || s->ymax < box->ymin - d)
			continue;
		out[n++] = *s;
	}
	return n;
}

uint32_t
jt_linework_cover(const JtLinework *a, const JtSegIndex *ix, double d, uint8_t *cov,
				  JtSegRef *scratch, JtSegRef *uncovered)
{
	uint32_t	na = jt_linework_segs(a, NULL, 0, scratch);
	uint32_t	nu = 0;
	uint32_t	i;

	for (i = 0; i < na; i++)
	{
		uint32_t	lo,
					hi;

		slice_near(ix->segs, ix->n, ix->maxw, &scratch[i], d, &lo, &hi);
		if (jt_seg_covered(&scratch[i], ix->segs + lo, hi - lo, d, NULL))
		{
			if (cov)
				cov[scratch[i].seg] = 1;
		}
		else
		{
			if (uncovered)
				uncovered[nu] = scratch[i];
			nu++;
		}
	}
	return nu;
}

bool
jt_linework_all_marked(const JtLinework *lw, const uint8_t *cov)
{
	uint32_t	pi,
				i;

	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];

		for (i = 0; i + 1 < p->npoints; i++)
			if ((PX(p, i) != PX(p, i + 1) || PY(p, i) != PY(p, i + 1)) && !cov[p->seg0 + i])
				return false;
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Checks of one geometry
 * ---------------------------------------------------------------------
 */

static bool
segs_adjacent(const JtSegRef *a, const JtSegRef *b, const JtLinework *lw)
{
	const JtPath *p;
	uint32_t	lo,
				hi;

	if (a->path != b->path)
		return false;
	lo = a->ord < b->ord ? a->ord : b->ord;
	hi = a->ord < b->ord ? b->ord : a->ord;
	if (hi == lo + 1)
		return true;
	p = &lw->paths[a->path];
	/* the closing vertex of a closed path joins its last and first segment */
	return lo == 0 && hi + 1 == a->nord && p->npoints > 1 &&
		PX(p, 0) == PX(p, p->npoints - 1) && PY(p, 0) == PY(p, p->npoints - 1);
}

static bool
same_segment(const JtSegRef *a, const JtSegRef *b)
{
	return (a->x1 == b->x1 && a->y1 == b->y1 && a->x2 == b->x2 && a->y2 == b->y2) ||
		(a->x1 == b->x2 && a->y1 == b->y2 && a->x2 == b->x1 && a->y2 == b->y1);
}

/* the vertex a and b share exactly, if they share exactly one */
static bool
shared_vertex(const JtSegRef *a, const JtSegRef *b, double *x, double *y)
{
	if ((a->x1 == b->x1 && a->y1 == b->y1) || (a->x1 == b->x2 && a->y1 == b->y2))
	{
		*x = a->x1;
		*y = a->y1;
		return true;
	}
	if ((a->x2 == b->x1 && a->y2 == b->y1) || (a->x2 == b->x2 && a->y2 == b->y2))
	{
		*x = a->x2;
		*y = a->y2;
		return true;
	}
	return false;
}

static bool
is_path_end(const JtLinework *lw, uint32_t pi, double x, double y)
{
	const JtPath *p = &lw->paths[pi];

	if (p->ring || p->npoints == 0)
		return false;
	return (x == PX(p, 0) && y == PY(p, 0)) ||
		(x == PX(p, p->npoints - 1) && y == PY(p, p->npoints - 1));
}

static int
cmp_near(const void *a, const void *b)
{
	const JtNear *p = a,
			   *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return (p->y > q->y) - (p->y < q->y);
}

/* points in a stable order (x, then y), whatever order they were found in */
static void
sort_points(JtNear *pts, uint32_t n, uint32_t max)
{
	if (n > 1)
		qsort(pts, n < max ? n : max, sizeof(JtNear), cmp_near);
}

static void
add_point(JtNear *out, uint32_t *n, uint32_t max, double x, double y, double d, double eps)
{
	uint32_t	i;

	for (i = 0; i < *n && i < max; i++)
		if (fabs(out[i].x - x) <= eps && fabs(out[i].y - y) <= eps)
			return;
	if (*n < max)
	{
		out[*n].x = x;
		out[*n].y = y;
		out[*n].d = d;
	}
	(*n)++;
}

uint32_t
jt_linework_self_intersections(const JtLinework *lw, JtSegRef *scratch, double eps,
							   JtNear *out, uint32_t max)
{
	uint32_t	n = jt_linework_segs(lw, NULL, 0, scratch);
	uint32_t	found = 0;
	uint32_t	i,
				j;

	jt_segs_sort_x(scratch, n);
	for (i = 0; i < n; i++)
	{
		const JtSegRef *a = &scratch[i];

		for (j = i + 1; j < n && scratch[j].xmin <= a->xmax; j++)
		{
			const JtSegRef *b = &scratch[j];
			double		x,
						y;

			if (b->ymin > a->ymax || b->ymax < a->ymin)
				continue;
			if (segs_adjacent(a, b, lw))
			{
				/* consecutive: only a fold-back (spike) is a problem */
				if (same_segment(a, b) || seg_conflict(a, b))
				{
					segs_meet_point(a, b, &x, &y);
					add_point(out, &found, max, x, y, 0, eps);
				}
				continue;
			}
			if (a->path != b->path && shared_vertex(a, b, &x, &y))
			{
				/* parts of a multi-line may share their ends, nothing else */
				if (same_segment(a, b) || seg_conflict(a, b) ||
					!is_path_end(lw, a->path, x, y) || !is_path_end(lw, b->path, x, y))
					add_point(out, &found, max, x, y, 0, eps);
				continue;
			}
			if (!segs_intersect(a, b))
				continue;
			segs_meet_point(a, b, &x, &y);
			add_point(out, &found, max, x, y, 0, eps);
		}
	}
	return found;
}

/*
 * Is a single closed ring of few points and no repeated ones simple?  The
 * same pairs and tests as jt_linework_self_intersections (all of them
 * symmetric), on the coordinates as they are: segment i runs from vertex i
 * to i + 1, the adjacent pairs are (i, i + 1) and (n - 1, 0), and for those
 * the test reduces to a fold back at the shared vertex (what same_segment
 * and seg_conflict decide for two segments sharing one end); the others are
 * swept in order of their west ends, a few machine words per segment
 * instead of a JtSegRef.
 */
#define QUICK_FEW_POINTS 48

static inline bool
folds_back(double px, double py, double qx, double qy, double rx, double ry)
{
	/* (p = r, straight back, is the special case of a zero turn) */
	return orient(qx, qy, px, py, rx, ry) == 0 && (px - qx) * (rx - qx) + (py - qy) * (ry - qy) > 0;
}

/*
 * ord[0..n-1] = 0..n-1 sorted by key (n <= QUICK_FEW_POINTS): a natural
 * merge sort.  Along a ring the west ends come in a few monotone runs (up
 * along one side, down along the other), so a few merges sort them.
 */
static void
sort_few_by_key(const double *key, uint8_t *ord, uint32_t n)
{
	uint8_t		buf[QUICK_FEW_POINTS];
	uint8_t    *src = ord,
			   *dst = buf;
	uint32_t	runs[QUICK_FEW_POINTS + 1];
	uint32_t	nruns = 0,
				i = 0,
				j,
				k;

	while (i < n)
	{
		j = i + 1;
		if (j < n && key[j] < key[i])
		{
			/* a falling run, stored reversed */
			while (j < n && key[j] < key[j - 1])
				j++;
			for (k = i; k < j; k++)
				ord[k] = (uint8_t) (j - 1 - (k - i));
		}
		else
		{
			while (j < n && key[j] >= key[j - 1])
				j++;
			for (k = i; k < j; k++)
				ord[k] = (uint8_t) k;
		}
		runs[nruns++] = i;
		i = j;
	}
	runs[nruns] = n;
	while (nruns > 1)
	{
		uint32_t	r,
					m = 0;
		uint8_t    *t;

		for (r = 0; r < nruns; r += 2)
		{
			uint32_t	lo = runs[r],
						mid = r + 1 < nruns ? runs[r + 1] : n,
						hi = r + 2 <= nruns ? runs[r + 2] : n,
						a = lo,
						b = mid,
						o = lo;

			while (a < mid && b < hi)
				dst[o++] = key[src[b]] < key[src[a]] ? src[b++] : src[a++];
			while (a < mid)
				dst[o++] = src[a++];
			while (b < hi)
				dst[o++] = src[b++];
			runs[m++] = lo;
		}
		runs[m] = n;
		nruns = m;
		t = src;
		src = dst;
		dst = t;
	}
	if (src != ord)
		memcpy(ord, src, n);
}

static inline void
ring_seg(const JtPath *p, uint32_t i, JtSegRef *s)
{
	segref_set(s, PX(p, i), PY(p, i), PX(p, i + 1), PY(p, i + 1));
}

static bool
ring_simple_few(const JtPath *p, double *x, double *y)
{
	uint32_t	n = p->npoints - 1;
	double		x0[QUICK_FEW_POINTS],
				x1[QUICK_FEW_POINTS],
				y0[QUICK_FEW_POINTS],
				y1[QUICK_FEW_POINTS];
	uint8_t		ord[QUICK_FEW_POINTS];
	uint32_t	i,
				k;

	for (i = 0; i < n; i++)
	{
		uint32_t	h = i + 1 < n ? i + 1 : 0;
		double		ax = PX(p, i),
					ay = PY(p, i),
					bx = PX(p, i + 1),
					by = PY(p, i + 1);

		if (folds_back(ax, ay, bx, by, PX(p, h + 1), PY(p, h + 1)))
		{
			*x = bx;
			*y = by;
			return false;
		}
		x0[i] = dmin(ax, bx);
		x1[i] = dmax(ax, bx);
		y0[i] = dmin(ay, by);
		y1[i] = dmax(ay, by);
	}
	sort_few_by_key(x0, ord, n);
	for (k = 0; k < n; k++)
	{
		uint32_t	a = ord[k];
		uint32_t	m;

		for (m = k + 1; m < n && x0[ord[m]] <= x1[a]; m++)
		{
			uint32_t	b = ord[m];
			uint32_t	lo = a < b ? a : b,
						hi = a < b ? b : a;
			JtSegRef	sa,
						sb;

			if (y0[b] > y1[a] || y1[b] < y0[a] || hi == lo + 1 || (lo == 0 && hi == n - 1))
				continue;
			ring_seg(p, a, &sa);
			ring_seg(p, b, &sb);
			if (segs_intersect(&sa, &sb))
			{
				segs_meet_point(&sa, &sb, x, y);
				return false;
			}
		}
	}
	return true;
}

JtShapeStatus
jt_polygon_quick_check(const JtLinework *lw, uint32_t max_points, JtSegRef *scratch,
					   double *x, double *y)
{
	uint32_t	pi;
	JtNear		hit;

	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];

		if (p->npoints < 4)
		{
			if (p->npoints > 0)
			{
				*x = PX(p, 0);
				*y = PY(p, 0);
			}
			return JT_SHAPE_DEGENERATE;
		}
		*x = PX(p, 0);
		*y = PY(p, 0);
		if (PX(p, 0) != PX(p, p->npoints - 1) || PY(p, 0) != PY(p, p->npoints - 1))
			return JT_SHAPE_UNCLOSED;
	}
	if (lw->npaths != 1 || lw->npoints > max_points)
		return JT_SHAPE_UNSURE;
	if (lw->npoints <= QUICK_FEW_POINTS && lw->nrepeated == 0)
	{
		if (!ring_simple_few(&lw->paths[0], x, y))
			return JT_SHAPE_PROBLEM;
	}
	else if (jt_linework_self_intersections(lw, scratch, 0, &hit, 1) > 0)
	{
		*x = hit.x;
		*y = hit.y;
		return JT_SHAPE_PROBLEM;
	}
	if ((lw->nrepeated == 0 ? lw->paths[0].npoints - 1 : path_nonzero_segs(&lw->paths[0])) < 3 ||
		ring_area(&lw->paths[0]) == 0)
		return JT_SHAPE_PROBLEM;
	return JT_SHAPE_OK;
}

/* ---------------------------------------------------------------------
 * Pairs
 * ---------------------------------------------------------------------
 */

size_t
jt_pair_scratch_size(const JtLinework *a, const JtLinework *b)
{
	return ((size_t) a->nsegs + b->nsegs) * sizeof(JtSegRef) +
		((size_t) a->npaths + b->npaths) * sizeof(uint32_t);
}

/* the slice of sorted sb that can come within d of s */
static void
slice_near(const JtSegRef *sb, uint32_t nb, double maxw, const JtSegRef *s, double d,
		   uint32_t *lo, uint32_t *hi)
{
	uint32_t	h;

	if (maxw < 0)
	{
		/* a few segments, unsorted: all of them (callers test boxes) */
		*lo = 0;
		*hi = nb;
		return;
	}
	*lo = segs_lower_bound(sb, nb, s->xmin - d - maxw);
	h = *lo;
	while (h < nb && sb[h].xmin <= s->xmax + d)
		h++;
	*hi = h;
}

/*
 * Is direction (vx, vy) from vertex c strictly inside polygon b near c,
 * where b's ring arrives at c along `ein` and leaves along `eout`?  Returns
 * 1 inside, 0 outside, -1 undecided (a spike, or orientation unknown).
 */
static int
wedge_inside(const JtLinework *b, const JtSegRef *ein, const JtSegRef *eout,
			 double cx, double cy, double vx, double vy)
{
	int			side = b->paths[ein->path].inside;
	double		ax,
				ay,
				bx,
				by,
				ab;

	if (side == 0)
		return -1;
	/* with the interior on the left: out along a, back along b */
	if (side > 0)
	{
		ax = eout->x2 - cx;
		ay = eout->y2 - cy;
		bx = ein->x1 - cx;
		by = ein->y1 - cy;
	}
	else
	{
		ax = ein->x1 - cx;
		ay = ein->y1 - cy;
		bx = eout->x2 - cx;
		by = eout->y2 - cy;
	}
	ab = ax * by - ay * bx;
	if (ab > 0)					/* convex corner */
		return (ax * vy - ay * vx > 0) && (vx * by - vy * bx > 0);
	if (ab < 0)					/* reflex corner */
		return !((bx * vy - by * vx >= 0) && (vx * ay - vy * ax >= 0));
	if (ax * bx + ay * by < 0)	/* straight on */
		return ax * vy - ay * vx > 0;
	return -1;
}

/*
 * One side of the polygon screen: classify a's segments against b, and
 * note a's vertices within tol of b but not on it (unsnapped).
 * covcount (one per path of a) counts the segments found on b's boundary.
 *
 * A segment not on b's boundary and meeting it at most in vertices it
 * shares lies wholly inside or wholly outside b.  When it shares a vertex
 * c with b, the corner of b at c tells which (wedge_inside); otherwise its
 * midpoint is located in b.
 */
static bool
screen_side(const JtLinework *a, const JtSegRef *sa, uint32_t na,
			const JtLinework *b, const JtSegRef *sb, uint32_t nb, double maxw,
			const JtBox *x, double tol, double eps, bool wedges, bool within,
			uint8_t *acov, uint32_t *covcount, JtPairInfo *out)
{
	double		tol2 = tol * tol,
				eps2 = eps * eps;
	bool		maybe = false;
	uint32_t	i,
				j,
				pi;
	/* within: the side of the previous segment, reused along the ring */
	uint32_t	prev_seg = UINT32_MAX;
	int			prev_inside = -1;

	memset(covcount, 0, sizeof(uint32_t) * a->npaths);
	for (i = 0; i < na; i++)
	{
		const JtSegRef *s = &sa[i];
		uint32_t	lo,
					hi;
		bool		conflict = false,
					covered = false;
		const JtSegRef *ein = NULL,
				   *eout = NULL;
		int			nin = 0,
					nout = 0;
		double		cx = 0,
					cy = 0,
					vx = 0,
					vy = 0;
		bool		vertex_near = out &&
			(s->x1 >= x->xmin && s->x1 <= x->xmax && s->y1 >= x->ymin && s->y1 <= x->ymax);
		double		d1 = INFINITY,	/* (x1, y1) to b's boundary, squared */
					d2 = INFINITY,	/* (x2, y2) likewise */
					dv1 = INFINITY; /* (x1, y1) to b's nearest vertex */

		slice_near(sb, nb, maxw, s, tol, &lo, &hi);

		/*
		 * One pass over the candidates: the same segment (shared: done),
		 * the distances of s's ends (coverage, unsnapped vertices),
		 * conflicts, and b's corner at a vertex s shares with it.
		 */
		for (j = lo; j < hi; j++)
		{
			const JtSegRef *e = &sb[j];
			bool		at1,
						at2;

			if (e->xmax < s->xmin - tol || e->xmin > s->xmax + tol ||
				e->ymax < s->ymin - tol || e->ymin > s->ymax + tol)
				continue;
			if ((e->x1 == s->x1 && e->y1 == s->y1 && e->x2 == s->x2 && e->y2 == s->y2) ||
				(e->x1 == s->x2 && e->y1 == s->y2 && e->x2 == s->x1 && e->y2 == s->y1))
			{
				covered = true;
				break;
			}
			d1 = dmin(d1, pt_segref_dist2(s->x1, s->y1, e));
			if (vertex_near)
			{
				dv1 = dmin(dv1, (s->x1 - e->x1) * (s->x1 - e->x1) + (s->y1 - e->y1) * (s->y1 - e->y1));
				dv1 = dmin(dv1, (s->x1 - e->x2) * (s->x1 - e->x2) + (s->y1 - e->y2) * (s->y1 - e->y2));
			}
			if (conflict || e->xmax < s->xmin || e->xmin > s->xmax ||
				e->ymin > s->ymax || e->ymax < s->ymin)
				continue;
			conflict = seg_conflict(s, e);
			if (conflict)
				continue;
			/* b's segments at the first vertex of s that b shares */
			at1 = (e->x1 == s->x1 && e->y1 == s->y1) || (e->x2 == s->x1 && e->y2 == s->y1);
			at2 = (e->x1 == s->x2 && e->y1 == s->y2) || (e->x2 == s->x2 && e->y2 == s->y2);
			if (nin + nout == 0 && (at1 || at2))
			{
				cx = at1 ? s->x1 : s->x2;
				cy = at1 ? s->y1 : s->y2;
				vx = (at1 ? s->x2 : s->x1) - cx;
				vy = (at1 ? s->y2 : s->y1) - cy;
			}
			if (nin + nout > 0 || at1 || at2)
			{
				if (e->x2 == cx && e->y2 == cy)
				{
					ein = e;
					nin++;
				}
				else if (e->x1 == cx && e->y1 == cy)
				{
					eout = e;
					nout++;
				}
			}
		}

		/* unsnapped: a's vertex (x1, y1) near b's vertices or boundary */
		if (vertex_near && !covered &&
			((d1 > eps2 && d1 <= tol2) || (dv1 > eps2 && dv1 <= tol2)))
		{
			double		d = sqrt((d1 > eps2 && d1 <= tol2) ? d1 : dv1);

			add_point(out->near, &out->nnear, JT_MAX_NEAR, s->x1, s->y1, d, 0);
			if (d > out->maxnear)
				out->maxnear = d;
		}

		/*
		 * On b's boundary but not one of its segments (b has more vertices
		 * there): both ends must be on b's boundary first.
		 */
		if (!covered && d1 <= eps2)
		{
			for (j = lo; j < hi; j++)
				if (!(sb[j].xmax < s->x2 - eps || sb[j].xmin > s->x2 + eps ||
					  sb[j].ymax < s->y2 - eps || sb[j].ymin > s->y2 + eps))
					d2 = dmin(d2, pt_segref_dist2(s->x2, s->y2, &sb[j]));
			if (d2 <= eps2)
				covered = jt_seg_covered(s, sb + lo, hi - lo, eps, NULL);
		}
		if (covered)
		{
			if (acov)
				acov[s->seg] = 1;
			covcount[s->path]++;
			continue;
		}
		if (!conflict)
		{
			int			w = -1;

			/*
			 * Along a ring, a segment that starts where the previous one
			 * ended, off b's boundary, is on the same side of it.
			 */
			if (within && s->seg == prev_seg + 1 && prev_inside >= 0 && d1 > eps2)
				w = prev_inside;
			if (w < 0 && wedges && nin == 1 && nout == 1 && ein->path == eout->path)
				w = wedge_inside(b, ein, eout, cx, cy, vx, vy);
			if (w < 0)
			{
				JtLocation	loc = jt_point_in_polygon(b, (s->x1 + s->x2) / 2, (s->y1 + s->y2) / 2, eps);

				w = within ? (loc == JT_INSIDE) : (loc != JT_OUTSIDE);
			}
			prev_seg = s->seg;
			prev_inside = w;
			conflict = within ? (w == 0) : (w != 0);
		}
		else
			prev_inside = -1;
		if (conflict)
			maybe = true;
	}
	if (within)
		return maybe;

	/*
	 * An exterior ring lying entirely on b's boundary: a component equal to
	 * one of b's (a duplicate), or an enclave filling b's hole.  Let GEOS
	 * tell.
	 */
	for (pi = 0; pi < a->npaths; pi++)
		if (a->paths[pi].shell && covcount[pi] > 0 &&
			covcount[pi] == path_nonzero_segs(&a->paths[pi]))
			maybe = true;
	return maybe;
}

/*
 * Unsnapped vertices: vertices of a within tol of one of b's vertices, or
 * of b's boundary, but farther than eps from it.  Clustering with the
 * tolerance would move them; exact data has them shared.
 */
static void
near_side(const JtLinework *a, const JtBox *x, const JtSegRef *sb, uint32_t nb, double maxw,
		  double tol, double eps, JtPairInfo *out, bool ends_only)
{
	uint32_t	pi,
				i,
				j;

	for (pi = 0; pi < a->npaths; pi++)
	{
		const JtPath *p = &a->paths[pi];
		/* a ring's closing point repeats its first */
		uint32_t	n = p->ring && p->npoints > 0 ? p->npoints - 1 : p->npoints;

		for (i = 0; i < n; i++)
		{
			double		vx,
						vy,
						best = INFINITY,
						bestv = INFINITY,
						d;
			JtSegRef	pt;
			uint32_t	lo,
						hi;

			if (ends_only && i != 0 && i != n - 1)
				continue;
			vx = PX(p, i);
			vy = PY(p, i);
			if (vx < x->xmin || vx > x->xmax || vy < x->ymin || vy > x->ymax)
				continue;
			pt.xmin = pt.xmax = vx;
			pt.ymin = pt.ymax = vy;
			slice_near(sb, nb, maxw, &pt, tol, &lo, &hi);
			for (j = lo; j < hi; j++)
			{
				if (sb[j].ymin > vy + tol || sb[j].ymax < vy - tol || sb[j].xmax < vx - tol)
					continue;
				best = dmin(best, pt_segref_dist2(vx, vy, &sb[j]));
				bestv = dmin(bestv, dmin((vx - sb[j].x1) * (vx - sb[j].x1) + (vy - sb[j].y1) * (vy - sb[j].y1),
										 (vx - sb[j].x2) * (vx - sb[j].x2) + (vy - sb[j].y2) * (vy - sb[j].y2)));
			}
			best = sqrt(best);
			bestv = sqrt(bestv);
			if (best > eps && best <= tol)
				d = best;
			else if (bestv > eps && bestv <= tol)
				d = bestv;
			else
				continue;
			add_point(out->near, &out->nnear, JT_MAX_NEAR, vx, vy, d, 0);
			if (d > out->maxnear)
				out->maxnear = d;
		}
	}
}

/* box where two lineworks can interact: their boxes' intersection, grown */
static bool
pair_box(const JtLinework *a, const JtLinework *b, double tol, JtBox *x)
{
	if (!jt_box_within(&a->box, &b->box, tol))
		return false;
	x->xmin = dmax(a->box.xmin, b->box.xmin) - tol;
	x->ymin = dmax(a->box.ymin, b->box.ymin) - tol;
	x->xmax = dmin(a->box.xmax, b->box.xmax) + tol;
	x->ymax = dmin(a->box.ymax, b->box.ymax) + tol;
	return true;
}

/*
 * The segments of two lineworks where they can interact (box x), ready for
 * slice_near; false when they are farther apart than tol.
 */
static bool
pair_segments(const JtLinework *a, const JtLinework *b, double tol, JtSegRef *scratch,
			  JtBox *x, JtSegRef **sa, uint32_t *na, JtSegRef **sb, uint32_t *nb,
			  double *wa, double *wb)
{
	if (!pair_box(a, b, tol, x))
		return false;
	*sa = scratch;
	*na = jt_linework_segs(a, x, 0, *sa);
	*sb = *sa + *na;
	*nb = jt_linework_segs(b, x, 0, *sb);
	*wa = segs_prepare(*sa, *na);
	*wb = segs_prepare(*sb, *nb);
	return true;
}

/* ---------------------------------------------------------------------
 * The fast path of the polygon screen: shared boundaries matched by vertex
 * ---------------------------------------------------------------------
 *
 * Edge-matched cadastral parcels share their common boundary vertex for
 * vertex.  For two simple one-ring polygons a and b (both known valid) the
 * vertices of one equal to vertices of the other are found first (a small
 * hash table), and with them the segments the two have in common (both
 * ends shared, and adjacent in both rings).  A shared segment lies on both
 * boundaries: it enters neither interior and needs no further test.  Only
 * the other segments that meet the pair box x are looked at:
 *
 *	- every vertex of a near the pair that b does not have must be farther
 *	  than tol from every segment of b (else it is unsnapped, or on b's
 *	  boundary: the full screen decides);
 *	- an unshared segment s of a cannot meet a shared one except at its own
 *	  ends (the shared ones are segments of a's own simple ring), so s meets
 *	  b's boundary only where it meets one of b's unshared segments: any such
 *	  contact other than a common end sends the pair to the full screen;
 *	- s then lies wholly inside or wholly outside b.  At a shared vertex
 *	  b's corner tells which (wedge_inside); a vertex of a that b does not
 *	  have is off b's boundary, so on the same side as the unshared segments
 *	  that reach it; a vertex outside b's box is outside.  Inside, or not
 *	  decided: the full screen.
 *
 * and the same for b against a.  When every test passes, the interiors are
 * disjoint by the argument above jt_polygon_pair (each boundary segment
 * lies on the other's boundary or outside it; an exterior ring wholly
 * shared also goes to the full screen), no vertex is unsnapped, and the
 * shared segments are exactly those the full screen marks as covered.
 * Anything unusual - several rings, repeated points, a segment joining two
 * shared vertices that is not itself shared, vertices within tol - is left
 * to the full screen, so the fast path never changes a finding; the unit
 * tests compare the two on random and on seeded-fault layers.
 */
bool		jt_topo_fast_path = true;

/* rings of at most this many vertices: one bit each in a uint64_t */
#define FAST_MAX_N 64

typedef struct FastRing
{
	const JtLinework *lw;
	const double *c;			/* vertex i at c[i * st] */
	size_t		st;
	uint32_t	n;				/* vertices, the closing point not counted */
	uint64_t	all;			/* bits 0 .. n - 1 */
	uint64_t	seg;			/* segments meeting x (segment i: vertex i to
								 * i + 1) */
	uint64_t	vert;			/* their ends */
	uint64_t	common;			/* vertices the other ring has too */
	uint64_t	matched;		/* segments the other ring has too */
	uint64_t	out;			/* vertices known outside the other polygon */
	uint8_t		other[FAST_MAX_N];	/* where common: the other ring's vertex */
} FastRing;

#define FR_X(r, i) ((r)->c[(size_t) (i) * (r)->st])
#define FR_Y(r, i) ((r)->c[(size_t) (i) * (r)->st + 1])
#define FR_NEXT(r, i) ((i) + 1 == (r)->n ? 0 : (i) + 1)
#define FR_PREV(r, i) ((i) == 0 ? (r)->n - 1 : (i) - 1)
#define BIT(i) (UINT64_C(1) << (i))

/* bit i to i + 1 (segment i to its end vertex), cyclically */
static inline uint64_t
fast_rotl(const FastRing *r, uint64_t m)
{
	return ((m << 1) | (m >> (r->n - 1))) & r->all;
}

/* bit i + 1 to i (a vertex to the segment it ends), cyclically */
static inline uint64_t
fast_rotr(const FastRing *r, uint64_t m)
{
	return ((m >> 1) | (m << (r->n - 1))) & r->all;
}

static inline int
fast_ctz(uint64_t m)
{
	return __builtin_ctzll(m);
}

/* set up r for the ring of lw (false: not a case for the fast path) */
static bool
fast_ring_init(FastRing *r, const JtLinework *lw, const JtBox *x)
{
	const JtPath *p = &lw->paths[0];
	double		xmin = x->xmin,
				xmax = x->xmax,
				ymin = x->ymin,
				ymax = x->ymax,
				x1,
				y1;
	uint64_t	seg = 0;
	uint32_t	i,
				n;
	const double *c;
	size_t		st;

	if (lw->npaths != 1 || lw->nrepeated > 0 || !p->shell || p->inside == 0 ||
		p->npoints < 4 || p->npoints - 1 > FAST_MAX_N ||
		PX(p, 0) != PX(p, p->npoints - 1) || PY(p, 0) != PY(p, p->npoints - 1))
		return false;
	n = p->npoints - 1;
	c = p->coords;
	st = p->stride;
	r->lw = lw;
	r->c = c;
	r->st = st;
	r->n = n;
	r->all = n == 64 ? ~UINT64_C(0) : BIT(n) - 1;
	x1 = c[0];
	y1 = c[1];
	for (i = 0; i < n; i++)
	{
		double		x2 = c[(i + 1) * st],
					y2 = c[(i + 1) * st + 1];
		if (!((x1 < xmin && x2 < xmin) || (x1 > xmax && x2 > xmax) ||
			  (y1 < ymin && y2 < ymin) || (y1 > ymax && y2 > ymax)))
			seg |= BIT(i);
		x1 = x2;
		y1 = y2;
	}
	r->seg = seg;
	r->vert = seg | fast_rotl(r, seg);
	r->common = r->matched = r->out = 0;
	return true;
}

static inline uint32_t
fast_hash(double x, double y)
{
	uint64_t	bx,
				by;

	memcpy(&bx, &x, sizeof(bx));
	memcpy(&by, &y, sizeof(by));
	return (uint32_t) (((bx * UINT64_C(0x9E3779B97F4A7C15)) ^ (by * UINT64_C(0xC2B2AE3D27D4EB4F))) >> 57);
}

/*
 * Vertices of interest of a equal to vertices of interest of b (a hash
 * table of b's).  Equal coordinates with different bits (0 and -0) are
 * missed: such a vertex is then within tol of the other ring, and the
 * pair goes to the full screen.
 */
static void
fast_match_vertices(FastRing *a, FastRing *b)
{
	uint8_t		slot[128];
	uint64_t	m;

	memset(slot, 0xFF, sizeof(slot));
	for (m = b->vert; m; m &= m - 1)
	{
		int			j = fast_ctz(m);
		uint32_t	h = fast_hash(FR_X(b, j), FR_Y(b, j));

		while (slot[h] != 0xFF)
			h = (h + 1) & 127;
		slot[h] = (uint8_t) j;
	}
	for (m = a->vert; m; m &= m - 1)
	{
		int			i = fast_ctz(m);
		double		vx = FR_X(a, i),
					vy = FR_Y(a, i);
		uint32_t	h;

		for (h = fast_hash(vx, vy); slot[h] != 0xFF; h = (h + 1) & 127)
		{
			int			j = slot[h];

			if (FR_X(b, j) == vx && FR_Y(b, j) == vy)
			{
				a->other[i] = (uint8_t) j;
				b->other[j] = (uint8_t) i;
				a->common |= BIT(i);
				b->common |= BIT(j);
				break;
			}
		}
	}
}

/* r's segments in x that are also segments of o: both ends shared, adjacent in o */
static void
fast_mark_matched(FastRing *r, const FastRing *o)
{
	uint64_t	m;

	for (m = r->seg & r->common & fast_rotr(r, r->common); m; m &= m - 1)
	{
		int			i = fast_ctz(m);
		uint32_t	j1 = r->other[i],
					j2 = r->other[FR_NEXT(r, (uint32_t) i)];

		if (j2 == FR_NEXT(o, j1) || j1 == FR_NEXT(o, j2))
			r->matched |= BIT(i);
	}
}

/*
 * Every vertex of r near the pair that o does not have must be farther than
 * tol from o's segments in x (and so from all of o's boundary).
 */
static bool
fast_vertices_clear(const FastRing *r, const FastRing *o, double tol)
{
	double		tol2 = tol * tol;
	const JtBox *ob = &o->lw->box;
	uint64_t	m,
				k;

	for (m = r->vert & ~r->common; m; m &= m - 1)
	{
		int			i = fast_ctz(m);
		double		vx = FR_X(r, i),
					vy = FR_Y(r, i);

		/* beyond tol of o's box: clear of all its segments */
		if (vx < ob->xmin - tol || vx > ob->xmax + tol || vy < ob->ymin - tol || vy > ob->ymax + tol)
			continue;
		for (k = o->seg; k; k &= k - 1)
		{
			int			j = fast_ctz(k);
			double		x1 = FR_X(o, j),
						y1 = FR_Y(o, j),
						x2 = FR_X(o, j + 1),
						y2 = FR_Y(o, j + 1);

			if ((vx < x1 - tol && vx < x2 - tol) || (vx > x1 + tol && vx > x2 + tol) ||
				(vy < y1 - tol && vy < y2 - tol) || (vy > y1 + tol && vy > y2 + tol))
				continue;
			if (pt_seg_dist2(vx, vy, x1, y1, x2, y2) <= tol2)
				return false;
		}
	}
	return true;
}

static inline void
fast_segref(const FastRing *r, uint32_t i, JtSegRef *s)
{
	segref_set(s, FR_X(r, i), FR_Y(r, i), FR_X(r, i + 1), FR_Y(r, i + 1));
}

/* do a's and b's unshared segments in x meet other than at a common end? */
static bool
fast_segments_meet(const FastRing *a, const FastRing *b)
{
	uint64_t	ma,
				mb;

	for (ma = a->seg & ~a->matched; ma; ma &= ma - 1)
	{
		uint32_t	i = (uint32_t) fast_ctz(ma),
					i2 = FR_NEXT(a, i);
		/* b's segments that start or end at a common end of this one */
		uint64_t	touch = 0;
		JtSegRef	s;

		if (a->common & BIT(i))
			touch |= BIT(a->other[i]) | BIT(FR_PREV(b, (uint32_t) a->other[i]));
		if (a->common & BIT(i2))
			touch |= BIT(a->other[i2]) | BIT(FR_PREV(b, (uint32_t) a->other[i2]));
		fast_segref(a, i, &s);

		/*
		 * Segments of simple rings sharing an end meet only there: their
		 * other ends are farther than tol from the other ring, or shared
		 * too (the same segment, or a vertex on a segment of its own ring).
		 */
		for (mb = b->seg & ~b->matched & ~touch; mb; mb &= mb - 1)
		{
			uint32_t	j = (uint32_t) fast_ctz(mb);
			JtSegRef	e;

			e.x1 = FR_X(b, j);
			e.x2 = FR_X(b, j + 1);
			if (dmax(e.x1, e.x2) < s.xmin || dmin(e.x1, e.x2) > s.xmax)
				continue;
			fast_segref(b, j, &e);
			if (e.ymax < s.ymin || e.ymin > s.ymax)
				continue;
			if (segs_intersect(&s, &e))
				return true;
		}
	}
	return false;
}

/* is direction (vx, vy) from r's vertex i, shared with o, inside o? */
static int
fast_wedge(const FastRing *r, uint32_t i, const FastRing *o, double vx, double vy)
{
	uint32_t	j = r->other[i];
	uint32_t	jp = FR_PREV(o, j),
				jn = FR_NEXT(o, j);
	JtSegRef	ein,
				eout;

	memset(&ein, 0, sizeof(ein));
	memset(&eout, 0, sizeof(eout));
	ein.x1 = FR_X(o, jp);
	ein.y1 = FR_Y(o, jp);
	ein.x2 = FR_X(o, j);
	ein.y2 = FR_Y(o, j);
	eout.x1 = ein.x2;
	eout.y1 = ein.y2;
	eout.x2 = FR_X(o, jn);
	eout.y2 = FR_Y(o, jn);
	return wedge_inside(o->lw, &ein, &eout, ein.x2, ein.y2, vx, vy);
}

/*
 * Are all of r's unshared segments in x outside o?  A vertex of r that o
 * does not have is off o's boundary, so on the same side as the unshared
 * segments that reach it: sides pass along chains of them.  A vertex
 * outside o's box is outside; at a shared vertex o's corner tells which
 * side a segment leaves to; a chain with neither is located by a midpoint.
 */
static bool
fast_outside(FastRing *r, const FastRing *o, double eps)
{
	const JtBox *ob = &o->lw->box;
	uint64_t	free = r->vert & ~r->common,
				u = r->seg & ~r->matched,
				out = 0,
				m;

	for (m = free; m; m &= m - 1)
	{
		int			i = fast_ctz(m);

		if (FR_X(r, i) < ob->xmin || FR_X(r, i) > ob->xmax ||
			FR_Y(r, i) < ob->ymin || FR_Y(r, i) > ob->ymax)
			out |= BIT(i);
	}
	for (;;)
	{
		uint64_t	undecided;
		uint32_t	i,
					i2;
		int			w;

		/* along unshared segments, from a known end to a free one */
		for (;;)
		{
			uint64_t	more = out | (fast_rotl(r, out & u) & free) | (fast_rotr(r, out) & u & free);

			if (more == out)
				break;
			out = more;
		}
		undecided = u & ~(out | fast_rotr(r, out));
		if (undecided == 0)
			break;
		i = (uint32_t) fast_ctz(undecided);
		i2 = FR_NEXT(r, i);
		if (r->common & (BIT(i) | BIT(i2)))
		{
			/* (not both: such chords were sent to the full screen) */
			uint32_t	cv = (r->common & BIT(i)) ? i : i2,
						fv = cv == i ? i2 : i;

			w = fast_wedge(r, cv, o, FR_X(r, fv) - FR_X(r, cv), FR_Y(r, fv) - FR_Y(r, cv));
			if (w < 0)
				w = jt_point_in_polygon(o->lw, (FR_X(r, i) + FR_X(r, i2)) / 2,
										(FR_Y(r, i) + FR_Y(r, i2)) / 2, eps) == JT_OUTSIDE ? 0 : 1;
			if (w > 0)
				return false;	/* inside: an overlap, for the full screen */
			out |= BIT(fv);
		}
		else
		{
			if (jt_point_in_polygon(o->lw, (FR_X(r, i) + FR_X(r, i2)) / 2,
									(FR_Y(r, i) + FR_Y(r, i2)) / 2, eps) != JT_OUTSIDE)
				return false;
			out |= BIT(i) | BIT(i2);
		}
	}
	r->out = out;
	return true;
}

bool
jt_polygon_pair_fast(const JtLinework *a, const JtLinework *b, double tol, double eps,
					 uint8_t *acov, uint8_t *bcov, void *scratch, JtPairInfo *out)
{
	FastRing	ra,
				rb;
	JtBox		x;
	uint64_t	m;

	memset(out, 0, sizeof(*out));
	if (!pair_box(a, b, tol, &x))
		return true;			/* too far apart to interact */
	if (!fast_ring_init(&ra, a, &x) || !fast_ring_init(&rb, b, &x))
		return false;
	fast_match_vertices(&ra, &rb);
	fast_mark_matched(&ra, &rb);
	fast_mark_matched(&rb, &ra);
	/* a ring wholly on the other's boundary: equal, or an enclave */
	if (ra.matched == ra.all || rb.matched == rb.all)
		return false;
	/* an unshared segment joining two shared vertices (a chord) */
	if ((ra.seg & ~ra.matched & ra.common & fast_rotr(&ra, ra.common)) ||
		(rb.seg & ~rb.matched & rb.common & fast_rotr(&rb, rb.common)))
		return false;
	if (!fast_vertices_clear(&ra, &rb, tol) || !fast_vertices_clear(&rb, &ra, tol) ||
		fast_segments_meet(&ra, &rb) ||
		!fast_outside(&ra, &rb, eps) || !fast_outside(&rb, &ra, eps))
		return false;
	if (acov)
		for (m = ra.matched; m; m &= m - 1)
			acov[a->paths[0].seg0 + fast_ctz(m)] = 1;
	if (bcov)
		for (m = rb.matched; m; m &= m - 1)
			bcov[b->paths[0].seg0 + fast_ctz(m)] = 1;
	(void) scratch;
	return true;
}

/*
 * Why "disjoint" is sound.  If no segment of a enters b's interior (each
 * lies on b's boundary, or meets it in at most a shared vertex and has its
 * midpoint outside b), and the same holds for b, then the boundary of each
 * polygon misses the other's interior.  The interior of a polygon is
 * connected, so the interior of each component of b then lies wholly
 * inside a or wholly outside it, and vice versa; if a component P of a and
 * Q of b had intersecting interiors, each would contain the other, P = Q,
 * and P's exterior ring would lie entirely on b's boundary - the case
 * screen_side() hands to GEOS.  Segments outside the box x cannot meet b.
 */
void
jt_polygon_pair(const JtLinework *a, const JtLinework *b, double tol, double eps,
				bool wedges, uint8_t *acov, uint8_t *bcov, void *scratch, JtPairInfo *out)
{
	JtSegRef   *sa,
			   *sb;
	uint32_t   *counts;
	uint32_t	na,
				nb;
	double		wa,
				wb;
	JtBox		x;

	if (wedges && jt_topo_fast_path &&
		jt_polygon_pair_fast(a, b, tol, eps, acov, bcov, scratch, out))
		return;
	memset(out, 0, sizeof(*out));
	if (!pair_segments(a, b, tol, (JtSegRef *) scratch, &x, &sa, &na, &sb, &nb, &wa, &wb))
		return;
	counts = (uint32_t *) ((JtSegRef *) scratch + a->nsegs + b->nsegs);

	if (screen_side(a, sa, na, b, sb, nb, wb, &x, tol, eps, wedges, false, acov, counts, out))
		out->maybe = true;
	if (screen_side(b, sb, nb, a, sa, na, wa, &x, tol, eps, wedges, false, bcov,
					counts + a->npaths, out))
		out->maybe = true;
	sort_points(out->near, out->nnear, JT_MAX_NEAR);
}

bool
jt_polygon_within(const JtLinework *a, const JtLinework *b, const JtSegIndex *bix,
				  double eps, bool wedges, uint8_t *acov, void *scratch)
{
	JtSegRef   *sa = (JtSegRef *) scratch;
	JtSegRef   *sb;
	uint32_t   *counts;
	uint32_t	na,
				nb,
				pi;
	double		wb;

	if (!(a->box.xmin >= b->box.xmin - eps && a->box.xmax <= b->box.xmax + eps &&
		  a->box.ymin >= b->box.ymin - eps && a->box.ymax <= b->box.ymax + eps))
		return false;
	na = jt_linework_segs(a, NULL, 0, sa);
	sb = sa + na;
	if (bix)
	{
		/* a large b: its segments near a, from its index */
		nb = jt_segindex_near(bix, &a->box, eps, sb);
		wb = nb > FEW_SEGS ? segs_max_width(sb, nb) : -1;
	}
	else
	{
		nb = jt_linework_segs(b, &a->box, eps, sb);
		wb = segs_prepare(sb, nb);
	}
	counts = (uint32_t *) (sb + nb);
	if (screen_side(a, sa, na, b, sb, nb, wb, &a->box, eps, eps, wedges, true, acov, counts, NULL))
		return false;
	/* a must not enclose one of b's holes */
	for (pi = 0; pi < b->npaths; pi++)
	{
		const JtPath *p = &b->paths[pi];

		if (!p->shell && p->npoints > 0 && PX(p, 0) >= a->box.xmin && PX(p, 0) <= a->box.xmax &&
			PY(p, 0) >= a->box.ymin && PY(p, 0) <= a->box.ymax &&
			jt_point_in_polygon(a, PX(p, 0), PY(p, 0), eps) == JT_INSIDE)
			return false;
	}
	return true;
}

bool
jt_linework_covered_by(const JtLinework *a, const JtLinework *b, double d, void *scratch)
{
	JtSegRef   *sa = (JtSegRef *) scratch;
	JtSegRef   *sb;
	uint32_t	na,
				nb,
				i;
	double		maxw;

	na = jt_linework_segs(a, NULL, 0, sa);
	sb = sa + na;
	nb = jt_linework_segs(b, &a->box, d, sb);
	maxw = segs_prepare(sb, nb);
	for (i = 0; i < na; i++)
	{
		uint32_t	lo,
					hi;

		slice_near(sb, nb, maxw, &sa[i], d, &lo, &hi);
		if (!jt_seg_covered(&sa[i], sb + lo, hi - lo, d, NULL))
			return false;
	}
	return true;
}

/* is (x, y) within d of one of lw's path ends? */
static bool
near_path_end(const JtLinework *lw, double x, double y, double d)
{
	uint32_t	pi;

	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];

		if (p->npoints == 0)
			continue;
		if (hypot(x - PX(p, 0), y - PY(p, 0)) <= d ||
			hypot(x - PX(p, p->npoints - 1), y - PY(p, p->npoints - 1)) <= d)
			return true;
	}
	return false;
}

/*
 * Length of the sa segments lying along sb (within d): the union of the
 * proved intervals of each segment; the runs are kept as stretches.
 */
static double
along_length(const JtSegRef *sa, uint32_t na, const JtSegRef *sb, uint32_t nb, double maxw,
			 double d, JtPairInfo *out)
{
	double		total = 0;
	uint32_t	i;

	for (i = 0; i < na; i++)
	{
		const JtSegRef *s = &sa[i];
		Interval	iv[MAX_INTERVALS];
		double		dx = s->x2 - s->x1,
					dy = s->y2 - s->y1,
					len = hypot(dx, dy);
		uint32_t	lo,
					hi;
		int			k,
					j;

		slice_near(sb, nb, maxw, s, d, &lo, &hi);
		k = cover_intervals(s, sb + lo, hi - lo, d, iv);
		for (j = 0; j < k;)
		{
			double		ra = iv[j].a,
						rb = iv[j].b;

			for (j++; j < k && iv[j].a <= rb; j++)
				rb = dmax(rb, iv[j].b);
			if (rb <= ra)
				continue;
			total += (rb - ra) * len;
			if (out)
			{
				if (out->nstretch < JT_MAX_STRETCH)
				{
					out->stretch[out->nstretch][0] = s->x1 + ra * dx;
					out->stretch[out->nstretch][1] = s->y1 + ra * dy;
					out->stretch[out->nstretch][2] = s->x1 + rb * dx;
					out->stretch[out->nstretch][3] = s->y1 + rb * dy;
				}
				out->nstretch++;
			}
		}
	}
	return total;
}

void
jt_line_pair(const JtLinework *a, const JtLinework *b, double tol, double eps,
			 void *scratch, JtPairInfo *out)
{
	JtSegRef   *sa,
			   *sb;
	uint32_t	na,
				nb,
				i,
				j;
	double		wa,
				wb,
				cov_a,
				cov_b;
	JtBox		x;

	memset(out, 0, sizeof(*out));
	if (!pair_segments(a, b, tol, (JtSegRef *) scratch, &x, &sa, &na, &sb, &nb, &wa, &wb))
		return;

	/* stretches of one line lying along the other */
	cov_a = along_length(sa, na, sb, nb, wb, tol, out);
	cov_b = along_length(sb, nb, sa, na, wa, tol, NULL);
	out->overlap_len = cov_a;
	out->duplicate = cov_a >= jt_linework_length(a) - tol &&
		cov_b >= jt_linework_length(b) - tol;

	/* crossings: away from both lines' ends and from shared stretches */
	for (i = 0; i < na; i++)
	{
		const JtSegRef *s = &sa[i];
		uint32_t	lo,
					hi;
		double		slen;

		slice_near(sb, nb, wb, s, tol, &lo, &hi);
		if (jt_seg_covered(s, sb + lo, hi - lo, tol, &slen) || slen > 0)
			continue;
		for (j = lo; j < hi; j++)
		{
			const JtSegRef *e = &sb[j];
			double		px,
						py;

			if (e->xmax < s->xmin || e->ymin > s->ymax || e->ymax < s->ymin)
				continue;
			if (!segs_intersect(s, e))
				continue;
			segs_meet_point(s, e, &px, &py);
			if (near_path_end(a, px, py, tol) || near_path_end(b, px, py, tol))
				continue;
			add_point(out->cross, &out->ncross, JT_MAX_NEAR, px, py, 0, eps);
		}
	}

	/* unsnapped nodes: ends within tol of the other line but not on it */
	near_side(a, &x, sb, nb, wb, tol, eps, out, true);
	near_side(b, &x, sa, na, wa, tol, eps, out, true);
	sort_points(out->near, out->nnear, JT_MAX_NEAR);
	sort_points(out->cross, out->ncross, JT_MAX_NEAR);
}

void
jt_point_contacts(const JtLinework *lw, double x, double y, double tol, int skip_path,
				  JtContact *c)
{
	uint32_t	pi,
				i;

	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];
		bool		at_end = false;
		double		d;

		if ((int) pi == skip_path || p->npoints == 0)
			continue;
		d = hypot(x - PX(p, 0), y - PY(p, 0));
		c->mind = dmin(c->mind, d);
		if (d <= tol)
		{
			c->ends++;
			c->end_path = (int) pi;
			c->end_which = 0;
			at_end = true;
		}
		d = hypot(x - PX(p, p->npoints - 1), y - PY(p, p->npoints - 1));
		c->mind = dmin(c->mind, d);
		/* a closed path brings both its ends to its node */
		if (d <= tol)
		{
			c->ends++;
			c->end_path = (int) pi;
			c->end_which = 1;
			at_end = true;
		}
		if (at_end)
			continue;
		for (i = 0; i + 1 < p->npoints; i++)
		{
			d = sqrt(pt_seg_dist2(x, y, PX(p, i), PY(p, i), PX(p, i + 1), PY(p, i + 1)));
			c->mind = dmin(c->mind, d);
			if (d <= tol)
				c->interior = true;
		}
	}
}

/* ---------------------------------------------------------------------
 * Lock cells
 * ---------------------------------------------------------------------
 */

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t
level_scale(int level)
{
	int64_t		s = 1;
	int			i;

	for (i = 0; i < level; i++)
		s *= JT_LOCK_FACTOR;
	return s;
}

/*
 * level-0 index of coordinate v, clamped far from int64 overflow: floor()
 * by truncation and a step down for negative fractions (the same value,
 * without a libm call per box side and level)
 */
static inline int64_t
cell0(double v, double cell)
{
	double		t = v / cell;
	int64_t		q;

	if (t > 1e15)
		t = 1e15;
	if (t < -1e15)
		t = -1e15;
	q = (int64_t) t;
	if ((double) q > t)
		q--;
	return q;
}

static int
cmp_cell(const void *x, const void *y)
{
	const JtLockCell *a = x,
			   *b = y;

	if (a->level != b->level)
		return a->level > b->level ? -1 : 1;
	if (a->cx != b->cx)
		return a->cx < b->cx ? -1 : 1;
	if (a->cy != b->cy)
		return a->cy < b->cy ? -1 : 1;
	return 0;
}

/* sort and merge duplicates (exclusive wins); returns the new count */
static int
compact_cells(JtLockCell *c, int n)
{
	int			i,
				k = 0;

	if (n == 0)
		return 0;
	qsort(c, n, sizeof(JtLockCell), cmp_cell);
	for (i = 1; i < n; i++)
	{
		if (cmp_cell(&c[k], &c[i]) == 0)
			c[k].exclusive |= c[i].exclusive;
		else
			c[++k] = c[i];
	}
	return k + 1;
}

/* cells of all boxes at `level`, into c[start..cap); -1 if more than max */
static int
cells_at_level(const JtBox *boxes, size_t nboxes, double cell, int level, int exclusive,
			   int max_cells, JtLockCell *c, int start, int cap)
{
	int64_t		s = level_scale(level);
	int			n = start;
	size_t		bi;
	int64_t		px0 = 0,
				px1 = -1,
				py0 = 0,
				py1 = -1;

	for (bi = 0; bi < nboxes; bi++)
	{
		int64_t		x0 = cell0(boxes[bi].xmin, cell);
		int64_t		x1 = cell0(boxes[bi].xmax, cell);
		int64_t		y0 = cell0(boxes[bi].ymin, cell);
		int64_t		y1 = cell0(boxes[bi].ymax, cell);
		int64_t		cx,
					cy;

		if (s > 1)
		{
			x0 = floor_div(x0, s);
			x1 = floor_div(x1, s);
			y0 = floor_div(y0, s);
			y1 = floor_div(y1, s);
		}
		if ((x1 - x0 + 1) * (y1 - y0 + 1) > max_cells)
			return -1;
		/* rows of a load come in runs in the same cells: skip repeats */
		if (bi > 0 && x0 == px0 && x1 == px1 && y0 == py0 && y1 == py1)
			continue;
		px0 = x0;
		px1 = x1;
		py0 = y0;
		py1 = y1;
		for (cx = x0; cx <= x1; cx++)
			for (cy = y0; cy <= y1; cy++)
			{
				if (n == cap)
				{
					n = start + compact_cells(c + start, n - start);
					if (n - start > max_cells || n == cap)
						return -1;
				}
				c[n].level = level;
				c[n].exclusive = exclusive;
				c[n].cx = cx;
				c[n].cy = cy;
				n++;
			}
	}
	n = start + compact_cells(c + start, n - start);
	return n - start > max_cells ? -1 : n;
}

int
jt_lock_cells(const JtBox *boxes, size_t nboxes, double cell, int max_cells,
			  JtLockCell *out, int cap, int *level)
{
	int			lv,
				n = -1,
				up;

	for (lv = 0; lv < JT_LOCK_TOP_LEVEL; lv++)
	{
		n = cells_at_level(boxes, nboxes, cell, lv, 1, max_cells, out, 0, cap / 2);
		if (n >= 0)
			break;
	}
	if (n < 0)
	{
		lv = JT_LOCK_TOP_LEVEL;
		n = 0;
	}
	*level = lv;
	/* share locks on every coarser level, the whole-layer cell last */
	for (up = lv + 1; up < JT_LOCK_TOP_LEVEL; up++)
	{
		int			m = cells_at_level(boxes, nboxes, cell, up, 0, max_cells, out, n, cap - 1);

		if (m < 0)
			break;				/* cannot happen: coarser never has more cells */
		n = m;
	}
	out[n].level = JT_LOCK_TOP_LEVEL;
	out[n].exclusive = (lv == JT_LOCK_TOP_LEVEL);
	out[n].cx = 0;
	out[n].cy = 0;
	n++;
	return compact_cells(out, n);
}

void
jt_lock_cell_box(const JtLockCell *c, double cell, JtBox *box)
{
	double		size = cell * (double) level_scale(c->level);

	if (c->level >= JT_LOCK_TOP_LEVEL)
	{
		box->xmin = box->ymin = -INFINITY;
		box->xmax = box->ymax = INFINITY;
		return;
	}
	box->xmin = (double) c->cx * size;
	box->ymin = (double) c->cy * size;
	box->xmax = box->xmin + size;
	box->ymax = box->ymin + size;
}

int32_t
jt_lock_cell_key(const JtLockCell *c)
{
	uint64_t	h = (uint64_t) c->level * 0x9E3779B97F4A7C15ULL;

	h ^= (uint64_t) c->cx + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
	h ^= (uint64_t) c->cy + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
	/* splitmix64 finalizer */
	h ^= h >> 30;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 27;
	h *= 0x94D049BB133111EBULL;
	h ^= h >> 31;
	return (int32_t) (uint32_t) h;
}
