/*-------------------------------------------------------------------------
 *
 * boundary_points.c
 *	  界址点 numbering, 界址线 and 宗地四至 for a survey unit (see the header
 *	  for the rules and how "top-left" is made precise).
 *
 * How it works, for a unit of parcels:
 *
 *	1. Every ring is read without its closing vertex and without repeated
 *	   consecutive vertices, and oriented: outer rings clockwise, holes
 *	   counter-clockwise, so the parcel's interior is always on the right
 *	   of the walk.
 *	2. Vertices within the tolerance of an earlier vertex are the same
 *	   point (a uniform grid finds them); each distinct point gets an id.
 *	3. T-junctions: a point lying on an edge (within the tolerance,
 *	   strictly between its ends) is inserted into that edge, in order
 *	   along it.  After this, a boundary shared by two parcels consists of
 *	   the same edges in both.
 *	4. Each ring's start is chosen, rings are ordered, and points are
 *	   numbered in walking order, parcel after parcel; a point keeps the
 *	   first number it gets.
 *
 * Everything is O(n log n) in the number of vertices, with the grid sized
 * from the mean edge length.
 *
 *-------------------------------------------------------------------------
 */
#include "boundary_points.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* how often (in loop iterations) the interrupt callback is called */
#define BP_CHECK_EVERY 4096

/* A vertex of a ring as read, and the distinct point it belongs to. */
typedef struct BpVertex
{
	double		x;
	double		y;
	int32_t		pid;
} BpVertex;

/* A ring while it is built. */
typedef struct BpRing
{
	int32_t		parcel;
	int32_t		part;
	bool		is_hole;
	int32_t		first;			/* its vertices: verts[first .. first+nv) */
	int32_t		nv;
	int32_t    *walk;			/* point ids after T-junction insertion */
	int32_t		nwalk;
	int32_t		start;			/* index into walk */
	double		xmin,
				xmax,
				ymin,
				ymax;
	double		start_d;		/* start point's distance used for ordering */
} BpRing;

/*
 * Uniform grid of the vertices: cell (i, j) holds the vertices
 * items[start[i * ny + j] .. start[i * ny + j + 1]), in increasing order.
 */
typedef struct BpGrid
{
	double		x0;
	double		y0;
	double		size;
	int64_t		nx;
	int64_t		ny;
	int32_t    *start;
	int32_t    *items;
} BpGrid;

/* A candidate point to insert into an edge. */
typedef struct BpInsert
{
	double		t;
	int32_t		pid;
} BpInsert;

/* An edge, for matching neighbours' edges in jt_bp_four_sides. */
typedef struct BpEdge
{
	int32_t		lo;
	int32_t		hi;
	int32_t		parcel;
	int8_t		side;			/* JtBpSide, or -1 for an edge of a hole */
	double		len;
} BpEdge;

/* (parcel, side, neighbour, length) */
typedef struct BpContact
{
	int32_t		p;
	int32_t		side;
	int32_t		q;
	double		len;
} BpContact;

typedef struct BpState
{
	const JtAllocator *a;
	const JtBpOptions *opt;
	long		ticks;
} BpState;

static void *
bp_alloc(BpState *st, size_t n, size_t size)
{
	/* callers keep n * size far below SIZE_MAX: counts are int32 */
	return st->a->alloc(st->a->arg, n * size);
}

static void
bp_tick(BpState *st)
{
	if (st->opt->check_interrupts && (++st->ticks % BP_CHECK_EVERY) == 0)
		st->opt->check_interrupts();
}

const char *
jt_bp_status_message(JtBpStatus status)
{
	switch (status)
	{
		case JT_BP_OK:
			return "ok";
		case JT_BP_NOT_POLYGONAL:
			return "not a POLYGON or MULTIPOLYGON";
		case JT_BP_DEGENERATE_RING:
			return "a ring has fewer than 3 distinct points or no area";
		case JT_BP_TOO_LARGE:
			return "too many points";
		case JT_BP_CROSSING_RING:
			return "a ring crosses itself and its lobes cancel (no net area)";
	}
	return "unknown status";
}

/* ---------------------------------------------------------------------
 * Grid of vertices
 * ---------------------------------------------------------------------
 */

static inline int64_t
bp_cell_coord(double v, double origin, double size)
{
	return (int64_t) floor((v - origin) / size);
}

/* the vertices of cell (i, j); none outside the grid */
static inline const int32_t *
bp_cell(const BpGrid *grid, int64_t i, int64_t j, int32_t *n)
{
	int64_t		c;

	if (i < 0 || j < 0 || i >= grid->nx || j >= grid->ny)
	{
		*n = 0;
		return NULL;
	}
	c = i * grid->ny + j;
	*n = grid->start[c + 1] - grid->start[c];
	return grid->items + grid->start[c];
}

/*
 * Build the grid.  Cells are at least 4 tolerances wide and about one mean
 * edge long, but never so small that there are more than about 2 cells per
 * vertex: a counting sort then fills the table in linear time and every
 * lookup is direct.
 */
static void
bp_grid_build(BpState *st, const BpVertex *verts, int32_t nverts,
			  double mean_edge, BpGrid *grid)
{
	double		xmin = HUGE_VAL,
				ymin = HUGE_VAL,
				xmax = -HUGE_VAL,
				ymax = -HUGE_VAL;
	int64_t		ncell,
				c;
	int32_t		i;
	int32_t    *fill;

	for (i = 0; i < nverts; i++)
	{
		xmin = fmin(xmin, verts[i].x);
		xmax = fmax(xmax, verts[i].x);
		ymin = fmin(ymin, verts[i].y);
		ymax = fmax(ymax, verts[i].y);
	}
	if (nverts == 0)
		xmin = xmax = ymin = ymax = 0.0;
	grid->x0 = xmin;
	grid->y0 = ymin;
	grid->size = fmax(mean_edge, 4.0 * st->opt->tolerance);
	grid->size = fmax(grid->size, sqrt((xmax - xmin) * (ymax - ymin) / (2.0 * (nverts + 1))));
	/* and at most 2^20 cells along an axis (a long thin unit) */
	grid->size = fmax(grid->size, fmax(xmax - xmin, ymax - ymin) / (double) (1 << 20));
	grid->nx = bp_cell_coord(xmax, xmin, grid->size) + 1;
	grid->ny = bp_cell_coord(ymax, ymin, grid->size) + 1;
	ncell = grid->nx * grid->ny;

	grid->start = bp_alloc(st, ncell + 1, sizeof(int32_t));
	grid->items = bp_alloc(st, nverts > 0 ? nverts : 1, sizeof(int32_t));
	fill = bp_alloc(st, ncell, sizeof(int32_t));
	memset(grid->start, 0, sizeof(int32_t) * (ncell + 1));
	for (i = 0; i < nverts; i++)
	{
		c = bp_cell_coord(verts[i].x, xmin, grid->size) * grid->ny +
			bp_cell_coord(verts[i].y, ymin, grid->size);
		grid->start[c + 1]++;
	}
	for (c = 0; c < ncell; c++)
	{
		grid->start[c + 1] += grid->start[c];
		fill[c] = grid->start[c];
	}
	for (i = 0; i < nverts; i++)
	{
		c = bp_cell_coord(verts[i].x, xmin, grid->size) * grid->ny +
			bp_cell_coord(verts[i].y, ymin, grid->size);
		grid->items[fill[c]++] = i;
	}
}

/*
 * The lowest-numbered vertex below `before` within the tolerance of (x, y),
 * or -1.
 */
static int32_t
bp_grid_nearest_before(const BpGrid *grid, const BpVertex *verts,
					   double x, double y, int32_t before, double tol)
{
	int64_t		i0 = bp_cell_coord(x - tol, grid->x0, grid->size);
	int64_t		i1 = bp_cell_coord(x + tol, grid->x0, grid->size);
	int64_t		j0 = bp_cell_coord(y - tol, grid->y0, grid->size);
	int64_t		j1 = bp_cell_coord(y + tol, grid->y0, grid->size);
	int32_t		best = -1;
	int64_t		i,
				j;

	for (i = i0; i <= i1; i++)
		for (j = j0; j <= j1; j++)
		{
			int32_t		n,
						k;
			const int32_t *cell = bp_cell(grid, i, j, &n);

			for (k = 0; k < n; k++)
			{
				int32_t		v = cell[k];

				if (v >= before || (best >= 0 && v >= best))
					break;		/* in increasing order within a cell */
				if (hypot(verts[v].x - x, verts[v].y - y) <= tol)
				{
					best = v;
					break;
				}
			}
		}
	return best;
}

/* ---------------------------------------------------------------------
 * Reading rings
 * ---------------------------------------------------------------------
 */

static double
bp_signed_area2(const BpVertex *v, int32_t n)
{
	double		s = 0.0;
	int32_t		i;

	/* relative to the first vertex, to keep large coordinates accurate */
	for (i = 1; i + 1 < n; i++)
		s += (v[i].x - v[0].x) * (v[i + 1].y - v[0].y) -
			(v[i + 1].x - v[0].x) * (v[i].y - v[0].y);
	return s;
}

/*
 * A ring without net area: degenerate if its points lie on one line (within
 * the tolerance), else it crosses itself (a simple ring through points not
 * on one line encloses area), e.g. the symmetric bow tie
 * (0 0,4 4,4 0,0 4): its two lobes have opposite orientations.
 */
static JtBpStatus
bp_no_area_status(const BpVertex *v, int32_t n, double tol)
{
	int32_t		i,
				far = 0;
	double		best = 0.0,
				len;

	for (i = 1; i < n; i++)
	{
		double		d = hypot(v[i].x - v[0].x, v[i].y - v[0].y);

		if (d > best)
		{
			best = d;
			far = i;
		}
	}
	len = best;
	if (len <= tol)
		return JT_BP_DEGENERATE_RING;
	for (i = 1; i < n; i++)
	{
		double		cross = (v[far].x - v[0].x) * (v[i].y - v[0].y) -
			(v[far].y - v[0].y) * (v[i].x - v[0].x);

		if (fabs(cross) / len > tol)
			return JT_BP_CROSSING_RING;
	}
	return JT_BP_DEGENERATE_RING;
}

/*
 * Copy one ring into verts at *nverts, dropping the closing vertex and
 * repeated consecutive vertices, oriented as wanted.  Returns
 * JT_BP_DEGENERATE_RING or JT_BP_CROSSING_RING when the ring cannot be
 * numbered.
 */
static JtBpStatus
bp_read_ring(BpState *st, const JtPointArray *pa, int ndims, bool is_hole,
			 BpVertex *verts, int32_t *nverts, int32_t *first, int32_t *nv)
{
	double		tol = st->opt->tolerance;
	int32_t		start = *nverts;
	int32_t		n = 0;
	uint32_t	k;
	double		area2;

	for (k = 0; k < pa->npoints; k++)
	{
		double		x = pa->coords[(size_t) k * ndims];
		double		y = pa->coords[(size_t) k * ndims + 1];

		if (n > 0 && hypot(x - verts[start + n - 1].x, y - verts[start + n - 1].y) <= tol)
			continue;
		verts[start + n].x = x;
		verts[start + n].y = y;
		verts[start + n].pid = -1;
		n++;
	}
	while (n > 1 && hypot(verts[start + n - 1].x - verts[start].x,
						  verts[start + n - 1].y - verts[start].y) <= tol)
		n--;
	if (n < 3)
		return JT_BP_DEGENERATE_RING;
	area2 = bp_signed_area2(verts + start, n);
	if (fabs(area2) / 2.0 <= tol * tol)
		return bp_no_area_status(verts + start, n, tol);
	/* clockwise (negative area) for outer rings, counter-clockwise holes */
	if ((area2 > 0.0) != is_hole)
	{
		int32_t		i;

		for (i = 0; i < n / 2; i++)
		{
			BpVertex	t = verts[start + i];

			verts[start + i] = verts[start + n - 1 - i];
			verts[start + n - 1 - i] = t;
		}
	}
	*first = start;
	*nv = n;
	*nverts = start + n;
	return JT_BP_OK;
}

/* ---------------------------------------------------------------------
 * T-junctions
 * ---------------------------------------------------------------------
 */

static int
bp_insert_cmp(const void *a, const void *b)
{
	const BpInsert *ia = a;
	const BpInsert *ib = b;

	if (ia->t != ib->t)
		return ia->t < ib->t ? -1 : 1;
	return (ia->pid > ib->pid) - (ia->pid < ib->pid);
}

/* by point, then along the edge */
static int
bp_insert_pid_cmp(const void *a, const void *b)
{
	const BpInsert *ia = a;
	const BpInsert *ib = b;

	if (ia->pid != ib->pid)
		return ia->pid < ib->pid ? -1 : 1;
	return (ia->t > ib->t) - (ia->t < ib->t);
}

/* a growable int32 array */
typedef struct BpIntBuf
{
	int32_t    *v;
	int32_t		n;
	int32_t		cap;
} BpIntBuf;

static void
bp_intbuf_push(BpState *st, BpIntBuf *b, int32_t x)
{
	if (b->n == b->cap)
	{
		int32_t		cap = b->cap ? b->cap * 2 : 64;
		int32_t    *v = bp_alloc(st, cap, sizeof(int32_t));

		if (b->n)
			memcpy(v, b->v, sizeof(int32_t) * b->n);
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = x;
}

/*
 * Points lying on edge a -> b (a and b excluded), in order along it,
 * appended to ins (which has room for the unit's vertex count).
 */
static int32_t
bp_edge_inserts(BpState *st, const BpGrid *grid, const BpVertex *verts,
				const BpVertex *a, const BpVertex *b, BpInsert *ins)
{
	double		tol = st->opt->tolerance;
	double		dx = b->x - a->x;
	double		dy = b->y - a->y;
	double		len2 = dx * dx + dy * dy;
	double		exmin = fmin(a->x, b->x) - tol;
	double		exmax = fmax(a->x, b->x) + tol;
	int64_t		i0 = bp_cell_coord(exmin, grid->x0, grid->size);
	int64_t		i1 = bp_cell_coord(exmax, grid->x0, grid->size);
	int32_t		nins = 0;
	int64_t		i;

	for (i = (i0 < 0 ? 0 : i0); i <= i1 && i < grid->nx; i++)
	{
		/* the part of the edge inside this column of cells */
		double		cx0 = grid->x0 + (double) i * grid->size - tol;
		double		cx1 = grid->x0 + (double) (i + 1) * grid->size + tol;
		double		ylo,
					yhi;
		int64_t		j0,
					j1,
					j;

		if (dx == 0.0)
		{
			ylo = fmin(a->y, b->y);
			yhi = fmax(a->y, b->y);
		}
		else
		{
			double		t0 = (fmax(cx0, exmin) - a->x) / dx;
			double		t1 = (fmin(cx1, exmax) - a->x) / dx;

			t0 = fmin(fmax(t0, 0.0), 1.0);
			t1 = fmin(fmax(t1, 0.0), 1.0);
			ylo = fmin(a->y + t0 * dy, a->y + t1 * dy);
			yhi = fmax(a->y + t0 * dy, a->y + t1 * dy);
		}
		j0 = bp_cell_coord(ylo - tol, grid->y0, grid->size);
		j1 = bp_cell_coord(yhi + tol, grid->y0, grid->size);
		for (j = (j0 < 0 ? 0 : j0); j <= j1 && j < grid->ny; j++)
		{
			int32_t		n,
						k;
			const int32_t *cell = bp_cell(grid, i, j, &n);

			for (k = 0; k < n; k++)
			{
				const BpVertex *v = &verts[cell[k]];
				double		t,
							px,
							py;

				if (v->pid == a->pid || v->pid == b->pid)
					continue;
				t = ((v->x - a->x) * dx + (v->y - a->y) * dy) / len2;
				if (t <= 0.0 || t >= 1.0)
					continue;
				px = a->x + t * dx;
				py = a->y + t * dy;
				if (hypot(v->x - px, v->y - py) > tol ||
					hypot(v->x - a->x, v->y - a->y) <= tol ||
					hypot(v->x - b->x, v->y - b->y) <= tol)
					continue;
				ins[nins].t = t;
				ins[nins].pid = v->pid;
				nins++;
			}
		}
		bp_tick(st);
	}
	if (nins > 1)
	{
		int32_t		k,
					m = 0;

		/* one entry per point (it may have several vertices here) */
		qsort(ins, nins, sizeof(BpInsert), bp_insert_pid_cmp);
		for (k = 0; k < nins; k++)
			if (m == 0 || ins[m - 1].pid != ins[k].pid)
				ins[m++] = ins[k];
		nins = m;
		qsort(ins, nins, sizeof(BpInsert), bp_insert_cmp);
	}
	return nins;
}

/* ---------------------------------------------------------------------
 * Start points and ring order
 * ---------------------------------------------------------------------
 */

/*
 * Is candidate (d1, x1, y1) before (d2, x2, y2)?  Nearer to the corner,
 * with distances within the tolerance tied; then north before south, then
 * west before east.
 */
static bool
bp_before(double d1, double x1, double y1, double d2, double x2, double y2,
		  double tol)
{
	if (fabs(d1 - d2) > tol)
		return d1 < d2;
	if (y1 != y2)
		return y1 > y2;
	return x1 < x2;
}

/* index into walk of the point nearest (cx, cy), ties as bp_before */
static int32_t
bp_pick_start(const BpRing *r, const JtBpPoint *pts, double cx, double cy,
			  double tol, double *dist)
{
	double		dmin = HUGE_VAL;
	int32_t		best = -1;
	int32_t		k;

	for (k = 0; k < r->nwalk; k++)
	{
		const JtBpPoint *p = &pts[r->walk[k]];

		dmin = fmin(dmin, hypot(p->x - cx, p->y - cy));
	}
	for (k = 0; k < r->nwalk; k++)
	{
		const JtBpPoint *p = &pts[r->walk[k]];
		double		d = hypot(p->x - cx, p->y - cy);

		if (d > dmin + tol)
			continue;
		if (best < 0)
			best = k;
		else
		{
			const JtBpPoint *b = &pts[r->walk[best]];

			/* all candidates are tied on distance: compare north, west */
			if (p->y > b->y || (p->y == b->y && p->x < b->x))
				best = k;
		}
	}
	*dist = hypot(pts[r->walk[best]].x - cx, pts[r->walk[best]].y - cy);
	return best;
}

/* sort ring indexes idx[0..n) by their start points' distances */
static void
bp_sort_rings(int32_t *idx, int32_t n, const BpRing *rings,
			  const JtBpPoint *pts, double tol)
{
	int32_t		i,
				j;

	/* insertion sort: few rings, and stable for exact ties */
	for (i = 1; i < n; i++)
	{
		int32_t		cur = idx[i];
		const JtBpPoint *pc = &pts[rings[cur].walk[rings[cur].start]];

		for (j = i; j > 0; j--)
		{
			int32_t		prev = idx[j - 1];
			const JtBpPoint *pp = &pts[rings[prev].walk[rings[prev].start]];

			if (!bp_before(rings[cur].start_d, pc->x, pc->y,
						   rings[prev].start_d, pp->x, pp->y, tol))
				break;
			idx[j] = prev;
		}
		idx[j] = cur;
	}
}

/* ---------------------------------------------------------------------
 * The build
 * ---------------------------------------------------------------------
 */

JtBpStatus
jt_bp_build(const JtGeom *const *parcels, int32_t nparcels,
			const JtBpOptions *options, const JtAllocator *allocator,
			JtBpUnit *out)
{
	BpState		st = {allocator, options, 0};
	double		tol = options->tolerance;
	int64_t		total = 0;
	int32_t		nrings = 0;
	int32_t		nverts = 0;
	int32_t		npids = 0;
	BpVertex   *verts;
	BpRing	   *rings;
	BpGrid		grid;
	BpInsert   *ins;
	JtBpPoint  *pid_pt;			/* per point id: coordinates etc. */
	char	   *pid_method;
	int32_t    *pid_seq;
	int32_t    *order;
	int32_t		p,
				r,
				k,
				seq;
	double		edge_sum = 0.0;
	int64_t		nedges = 0;

	memset(out, 0, sizeof(*out));
	out->nparcels = nparcels;
	out->err_parcel = out->err_part = out->err_ring = -1;

	/* count rings and vertices */
	for (p = 0; p < nparcels; p++)
	{
		const JtGeom *g = parcels[p];
		uint32_t	gi;

		if (g == NULL)
			continue;
		if (!jt_geom_is_polygonal(g))
		{
			out->err_parcel = p;
			return JT_BP_NOT_POLYGONAL;
		}
		for (gi = 0; gi < (g->type == JT_POLYGON ? 1 : g->ngeoms); gi++)
		{
			const JtGeom *poly = g->type == JT_POLYGON ? g : &g->geoms[gi];
			uint32_t	ri;

			for (ri = 0; ri < poly->nrings; ri++)
			{
				total += poly->rings[ri].npoints;
				nrings++;
			}
		}
		if (total > INT32_MAX / 4 || nrings > INT32_MAX / 4)
			return JT_BP_TOO_LARGE;
	}
	for (p = 0; p < options->ncontext; p++)
	{
		const JtGeom *g = options->context[p];
		uint32_t	gi;

		if (g == NULL || !jt_geom_is_polygonal(g))
			continue;
		for (gi = 0; gi < (g->type == JT_POLYGON ? 1 : g->ngeoms); gi++)
		{
			const JtGeom *poly = g->type == JT_POLYGON ? g : &g->geoms[gi];
			uint32_t	ri;

			for (ri = 0; ri < poly->nrings; ri++)
				total += poly->rings[ri].npoints;
		}
		if (total > INT32_MAX / 4)
			return JT_BP_TOO_LARGE;
	}

	verts = bp_alloc(&st, total > 0 ? total : 1, sizeof(BpVertex));
	rings = bp_alloc(&st, nrings > 0 ? nrings : 1, sizeof(BpRing));
	out->parcel_ring = bp_alloc(&st, (size_t) nparcels + 1, sizeof(int32_t));

	/* 1. read and orient the rings */
	nrings = 0;
	for (p = 0; p < nparcels; p++)
	{
		const JtGeom *g = parcels[p];
		uint32_t	gi;

		if (g == NULL)
			continue;
		for (gi = 0; gi < (g->type == JT_POLYGON ? 1 : g->ngeoms); gi++)
		{
			const JtGeom *poly = g->type == JT_POLYGON ? g : &g->geoms[gi];
			uint32_t	ri;

			for (ri = 0; ri < poly->nrings; ri++)
			{
				BpRing	   *rg = &rings[nrings];
				JtBpStatus	rs;

				memset(rg, 0, sizeof(*rg));
				rg->parcel = p;
				rg->part = (int32_t) gi;
				rg->is_hole = ri > 0;
				rs = bp_read_ring(&st, &poly->rings[ri], poly->ndims, rg->is_hole,
								  verts, &nverts, &rg->first, &rg->nv);
				if (rs != JT_BP_OK)
				{
					out->err_parcel = p;
					out->err_part = (int32_t) gi;
					out->err_ring = (int32_t) ri;
					return rs;
				}
				for (k = 0; k < rg->nv; k++)
				{
					const BpVertex *va = &verts[rg->first + k];
					const BpVertex *vb = &verts[rg->first + (k + 1) % rg->nv];

					edge_sum += hypot(vb->x - va->x, vb->y - va->y);
				}
				nedges += rg->nv;
				nrings++;
			}
		}
	}

	/* the context's vertices: after the unit's, so they never name a point */
	for (p = 0; p < options->ncontext; p++)
	{
		const JtGeom *g = options->context[p];
		uint32_t	gi;

		if (g == NULL || !jt_geom_is_polygonal(g))
			continue;
		for (gi = 0; gi < (g->type == JT_POLYGON ? 1 : g->ngeoms); gi++)
		{
			const JtGeom *poly = g->type == JT_POLYGON ? g : &g->geoms[gi];
			uint32_t	ri;

			for (ri = 0; ri < poly->nrings; ri++)
			{
				int32_t		first,
							nv;

				/* a degenerate context ring just adds nothing */
				(void) bp_read_ring(&st, &poly->rings[ri], poly->ndims, false,
									verts, &nverts, &first, &nv);
			}
		}
	}

	/* 2. distinct points */
	bp_grid_build(&st, verts, nverts, nedges > 0 ? edge_sum / nedges : 1.0, &grid);
	pid_pt = bp_alloc(&st, nverts > 0 ? nverts : 1, sizeof(JtBpPoint));
	memset(pid_pt, 0, sizeof(JtBpPoint) * (nverts > 0 ? nverts : 1));
	for (k = 0; k < nverts; k++)
	{
		int32_t		w = bp_grid_nearest_before(&grid, verts, verts[k].x, verts[k].y,
											   k, tol);

		if (w >= 0)
			verts[k].pid = verts[w].pid;
		else
		{
			verts[k].pid = npids;
			pid_pt[npids].x = verts[k].x;
			pid_pt[npids].y = verts[k].y;
			npids++;
		}
		bp_tick(&st);
	}

	/* 3. walks with T-junction points inserted */
	ins = bp_alloc(&st, nverts > 0 ? nverts : 1, sizeof(BpInsert));
	for (r = 0; r < nrings; r++)
	{
		BpRing	   *rg = &rings[r];
		BpIntBuf	walk = {NULL, 0, 0};

		for (k = 0; k < rg->nv; k++)
		{
			const BpVertex *va = &verts[rg->first + k];
			const BpVertex *vb = &verts[rg->first + (k + 1) % rg->nv];
			int32_t		nins = bp_edge_inserts(&st, &grid, verts, va, vb, ins);
			int32_t		m;

			bp_intbuf_push(&st, &walk, va->pid);
			for (m = 0; m < nins; m++)
				bp_intbuf_push(&st, &walk, ins[m].pid);
		}
		/* drop repeats that clustering may have made adjacent */
		{
			int32_t		n = 0;

			for (k = 0; k < walk.n; k++)
				if (n == 0 || walk.v[n - 1] != walk.v[k])
					walk.v[n++] = walk.v[k];
			while (n > 1 && walk.v[n - 1] == walk.v[0])
				n--;
			walk.n = n;
		}
		if (walk.n < 3)
		{
			out->err_parcel = rg->parcel;
			out->err_part = rg->part;
			out->err_ring = -1;
			return JT_BP_DEGENERATE_RING;
		}
		rg->walk = walk.v;
		rg->nwalk = walk.n;
		rg->xmin = rg->ymin = HUGE_VAL;
		rg->xmax = rg->ymax = -HUGE_VAL;
		for (k = 0; k < rg->nwalk; k++)
		{
			const JtBpPoint *pt = &pid_pt[rg->walk[k]];

			rg->xmin = fmin(rg->xmin, pt->x);
			rg->xmax = fmax(rg->xmax, pt->x);
			rg->ymin = fmin(rg->ymin, pt->y);
			rg->ymax = fmax(rg->ymax, pt->y);
		}
		/* start: nearest to the north-west corner of its own box */
		rg->start = bp_pick_start(rg, pid_pt, rg->xmin, rg->ymax, tol, &rg->start_d);
	}

	/* points whose method is known */
	pid_method = bp_alloc(&st, npids > 0 ? npids : 1, 1);
	memset(pid_method, 0, npids > 0 ? npids : 1);
	for (k = 0; k < options->nknown; k++)
	{
		int32_t		w = bp_grid_nearest_before(&grid, verts,
											   options->known_xy[2 * k],
											   options->known_xy[2 * k + 1],
											   nverts, tol);

		if (w >= 0 && pid_method[verts[w].pid] == 0)
			pid_method[verts[w].pid] = options->known_method[k];
	}

	/* 4. order the rings of each parcel, and number */
	pid_seq = bp_alloc(&st, npids > 0 ? npids : 1, sizeof(int32_t));
	memset(pid_seq, 0, sizeof(int32_t) * (npids > 0 ? npids : 1));
	order = bp_alloc(&st, nrings > 0 ? nrings : 1, sizeof(int32_t));
	out->rings = bp_alloc(&st, nrings > 0 ? nrings : 1, sizeof(JtBpRing));
	out->nrings = nrings;
	seq = 0;
	r = 0;
	for (p = 0; p < nparcels; p++)
	{
		int32_t		r0 = r,
					r1,
					nshell = 0,
					norder = 0,
					ordinal = 0,
					s;
		double		pxmin = HUGE_VAL,
					pymax = -HUGE_VAL;

		out->parcel_ring[p] = r0;
		while (r < nrings && rings[r].parcel == p)
			r++;
		r1 = r;
		/* shells, ordered by their start's distance to the parcel's corner */
		for (k = r0; k < r1; k++)
			if (!rings[k].is_hole)
			{
				pxmin = fmin(pxmin, rings[k].xmin);
				pymax = fmax(pymax, rings[k].ymax);
			}
		for (k = r0; k < r1; k++)
			if (!rings[k].is_hole)
			{
				const JtBpPoint *sp = &pid_pt[rings[k].walk[rings[k].start]];

				rings[k].start_d = hypot(sp->x - pxmin, sp->y - pymax);
				order[nshell++] = k;
			}
		bp_sort_rings(order, nshell, rings, pid_pt, tol);
		/* each shell followed by its holes */
		for (s = 0; s < nshell; s++)
		{
			const BpRing *shell = &rings[order[s]];
			int32_t    *holes = order + nshell + norder;
			int32_t		nholes = 0,
						h;

			for (k = r0; k < r1; k++)
				if (rings[k].is_hole && rings[k].part == shell->part)
				{
					const JtBpPoint *sp = &pid_pt[rings[k].walk[rings[k].start]];

					rings[k].start_d = hypot(sp->x - shell->xmin, sp->y - shell->ymax);
					holes[nholes++] = k;
				}
			bp_sort_rings(holes, nholes, rings, pid_pt, tol);
			for (h = -1; h < nholes; h++)
			{
				const BpRing *rg = h < 0 ? shell : &rings[holes[h]];
				JtBpRing   *orr = &out->rings[r0 + ordinal];

				ordinal++;
				orr->parcel = p;
				orr->ordinal = ordinal;
				orr->part = rg->part;
				orr->is_hole = rg->is_hole;
				orr->npts = rg->nwalk;
				orr->pts = bp_alloc(&st, rg->nwalk, sizeof(int32_t));
				for (k = 0; k < rg->nwalk; k++)
				{
					int32_t		pid = rg->walk[(rg->start + k) % rg->nwalk];

					if (pid_seq[pid] == 0)
					{
						pid_seq[pid] = ++seq;
						pid_pt[pid].seq = seq;
						pid_pt[pid].method = pid_method[pid] ? pid_method[pid]
							: options->default_method;
						pid_pt[pid].parcel = p;
						pid_pt[pid].ring = ordinal;
					}
					orr->pts[k] = pid;
				}
				bp_tick(&st);
			}
			norder += nholes;
		}
	}
	out->parcel_ring[nparcels] = r;

	/* points in number order; ring walks refer to them */
	out->npoints = seq;
	out->points = bp_alloc(&st, seq > 0 ? seq : 1, sizeof(JtBpPoint));
	for (k = 0; k < npids; k++)
		if (pid_seq[k] > 0)
			out->points[pid_seq[k] - 1] = pid_pt[k];
	for (r = 0; r < nrings; r++)
		for (k = 0; k < out->rings[r].npts; k++)
			out->rings[r].pts[k] = pid_seq[out->rings[r].pts[k]] - 1;
	return JT_BP_OK;
}

/* ---------------------------------------------------------------------
 * 宗地四至
 * ---------------------------------------------------------------------
 */

/* side of the outward normal of an edge walked with the interior on the right */
static JtBpSide
bp_edge_side(double dx, double dy)
{
	double		nx = -dy;		/* the normal to the left of (dx, dy) */
	double		ny = dx;

	if (ny > 0.0 && -ny <= nx && nx < ny)
		return JT_BP_NORTH;		/* azimuth in [315, 45) */
	if (nx > 0.0 && -nx < ny && ny <= nx)
		return JT_BP_EAST;		/* [45, 135) */
	if (ny < 0.0 && ny < nx && nx <= -ny)
		return JT_BP_SOUTH;		/* [135, 225) */
	return JT_BP_WEST;			/* [225, 315) */
}

/* -1, 0, 1 as a < b, a == b, a > b */
#define BP_CMP(a, b) (((a) > (b)) - ((a) < (b)))

static int
bp_edge_cmp(const void *a, const void *b)
{
	const BpEdge *ea = a;
	const BpEdge *eb = b;

	if (ea->lo != eb->lo)
		return BP_CMP(ea->lo, eb->lo);
	if (ea->hi != eb->hi)
		return BP_CMP(ea->hi, eb->hi);
	if (ea->parcel != eb->parcel)
		return BP_CMP(ea->parcel, eb->parcel);
	return BP_CMP(ea->side, eb->side);
}

static int
bp_contact_cmp(const void *a, const void *b)
{
	const BpContact *ca = a;
	const BpContact *cb = b;

	if (ca->p != cb->p)
		return BP_CMP(ca->p, cb->p);
	if (ca->side != cb->side)
		return BP_CMP(ca->side, cb->side);
	return BP_CMP(ca->q, cb->q);
}

/* within one parcel and side: longest shared length first, then order */
static int
bp_contact_len_cmp(const void *a, const void *b)
{
	const BpContact *ca = a;
	const BpContact *cb = b;

	if (ca->len != cb->len)
		return ca->len > cb->len ? -1 : 1;
	return (ca->q > cb->q) - (ca->q < cb->q);
}

void
jt_bp_four_sides(const JtBpUnit *unit, const JtBpOptions *options,
				 const JtAllocator *allocator, JtBpSides *out)
{
	BpState		st = {allocator, options, 0};
	int64_t		nedges = 0;
	BpEdge	   *edges;
	BpContact  *ct;
	int32_t		nct = 0,
				ncap,
				m,
				r,
				k,
				i;

	for (r = 0; r < unit->nrings; r++)
		nedges += unit->rings[r].npts;
	edges = bp_alloc(&st, nedges > 0 ? nedges : 1, sizeof(BpEdge));
	nedges = 0;
	for (r = 0; r < unit->nrings; r++)
	{
		const JtBpRing *rg = &unit->rings[r];

		for (k = 0; k < rg->npts; k++)
		{
			int32_t		a = rg->pts[k];
			int32_t		b = rg->pts[(k + 1) % rg->npts];
			const JtBpPoint *pa = &unit->points[a];
			const JtBpPoint *pb = &unit->points[b];
			BpEdge	   *e = &edges[nedges++];

			e->lo = a < b ? a : b;
			e->hi = a < b ? b : a;
			e->parcel = rg->parcel;
			e->side = rg->is_hole ? -1 : (int8_t) bp_edge_side(pb->x - pa->x, pb->y - pa->y);
			e->len = hypot(pb->x - pa->x, pb->y - pa->y);
		}
	}
	qsort(edges, nedges, sizeof(BpEdge), bp_edge_cmp);

	/* contacts: every pair of parcels sharing an edge, both ways */
	ncap = 64;
	ct = bp_alloc(&st, ncap, sizeof(BpContact));
	for (i = 0; i < nedges;)
	{
		int32_t		j = i,
					x,
					y;

		while (j < nedges && edges[j].lo == edges[i].lo && edges[j].hi == edges[i].hi)
			j++;
		for (x = i; x < j; x++)
			for (y = i; y < j; y++)
			{
				if (edges[x].parcel == edges[y].parcel || edges[x].side < 0)
					continue;
				if (nct == ncap)
				{
					BpContact  *n2 = bp_alloc(&st, (size_t) ncap * 2, sizeof(BpContact));

					memcpy(n2, ct, sizeof(BpContact) * ncap);
					ct = n2;
					ncap *= 2;
				}
				ct[nct].p = edges[x].parcel;
				ct[nct].side = edges[x].side;
				ct[nct].q = edges[y].parcel;
				ct[nct].len = edges[x].len;
				nct++;
			}
		i = j;
		bp_tick(&st);
	}

	/* sum per (parcel, side, neighbour) */
	qsort(ct, nct, sizeof(BpContact), bp_contact_cmp);
	m = 0;
	for (i = 0; i < nct; i++)
	{
		if (m > 0 && ct[m - 1].p == ct[i].p && ct[m - 1].side == ct[i].side &&
			ct[m - 1].q == ct[i].q)
			ct[m - 1].len += ct[i].len;
		else
			ct[m++] = ct[i];
	}
	nct = m;

	out->start = bp_alloc(&st, (size_t) unit->nparcels * 4 + 1, sizeof(int32_t));
	out->nb = bp_alloc(&st, nct > 0 ? nct : 1, sizeof(int32_t));
	out->len = bp_alloc(&st, nct > 0 ? nct : 1, sizeof(double));
	i = 0;
	for (k = 0; k < unit->nparcels * 4; k++)
	{
		int32_t		j = i;

		out->start[k] = i;
		while (j < nct && ct[j].p * 4 + ct[j].side == k)
			j++;
		qsort(ct + i, j - i, sizeof(BpContact), bp_contact_len_cmp);
		for (; i < j; i++)
		{
			out->nb[i] = ct[i].q;
			out->len[i] = ct[i].len;
		}
	}
	out->start[unit->nparcels * 4] = nct;
}
