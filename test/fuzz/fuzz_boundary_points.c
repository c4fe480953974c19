/*
 * fuzz_boundary_points.c — the boundary-point engine (src/boundary_points.c)
 * on arbitrary layers: no crash, no sanitizer report, no leak, and the
 * invariants every caller relies on.
 *
 * Input: byte 0 = number of parcels (1..8); then per parcel a ring count
 * (1..3) and per ring a vertex count (3..40) followed by that many (x, y)
 * pairs of signed bytes on a 1 m grid, with some at 0.00005 m offsets (within
 * the tolerance) — small grids make coincident vertices, collinear runs,
 * T-junctions, zero-area and self-touching rings likely.
 */
#include "boundary_points.h"
#include "geom.h"
/* the unit tests' malloc arena (UnitArena) */
#include "../unit/unit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NEED(k) do { if (pos + (k) > size) goto build; } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	UnitArena	arena = {{0}, 0};
	JtAllocator alloc = {unit_arena_alloc, &arena};
	JtGeom	   *parcels[8];
	JtGeom	  **ptrs = parcels;
	JtBpOptions opt;
	JtBpUnit	u;
	JtBpSides	s;
	size_t		pos = 1;
	int			np,
				p,
				k;

	if (size < 1)
		return 0;
	np = 1 + data[0] % 8;
	memset(parcels, 0, sizeof(parcels));
	for (p = 0; p < np; p++)
	{
		JtGeom	   *g = unit_arena_alloc(&arena, sizeof(JtGeom));
		int			nr,
					r;

		jt_geom_init(g, JT_POLYGON, 0, false, false);
		parcels[p] = g;
		NEED(1);
		nr = 1 + data[pos++] % 3;
		g->rings = unit_arena_alloc(&arena, sizeof(JtPointArray) * nr);
		for (r = 0; r < nr; r++)
		{
			int			nv,
						v;
			double	   *c;

			NEED(1);
			nv = 3 + data[pos++] % 38;
			NEED((size_t) nv * 2);
			c = unit_arena_alloc(&arena, sizeof(double) * 2 * (nv + 1));
			for (v = 0; v < nv; v++)
			{
				int8_t		x = (int8_t) data[pos++];
				int8_t		y = (int8_t) data[pos++];

				c[2 * v] = 35500000.0 + x + ((x & 3) == 3 ? 0.00005 : 0.0);
				c[2 * v + 1] = 4200000.0 + y;
			}
			c[2 * nv] = c[0];
			c[2 * nv + 1] = c[1];
			g->rings[r].npoints = nv + 1;
			g->rings[r].coords = c;
			g->nrings++;
		}
	}
build:
	memset(&opt, 0, sizeof(opt));
	opt.tolerance = JT_BP_TOLERANCE;
	opt.default_method = 'J';
	/* the last parcel doubles as context for the others */
	if (np > 1)
	{
		opt.ncontext = 1;
		opt.context = (const JtGeom *const *) &parcels[np - 1];
		np--;
	}
	if (jt_bp_build((const JtGeom *const *) ptrs, np, &opt, &alloc, &u) == JT_BP_OK)
	{
		for (k = 0; k < u.npoints; k++)
			if (u.points[k].seq != k + 1)
				abort();
		for (k = 0; k < u.nrings; k++)
		{
			int			i;

			if (u.rings[k].npts < 3)
				abort();
			for (i = 0; i < u.rings[k].npts; i++)
				if (u.rings[k].pts[i] < 0 || u.rings[k].pts[i] >= u.npoints)
					abort();
		}
		jt_bp_four_sides(&u, &opt, &alloc, &s);
		for (k = 0; k < u.nparcels * 4; k++)
			if (s.start[k] > s.start[k + 1])
				abort();
		for (k = 0; k < s.start[u.nparcels * 4]; k++)
			if (s.nb[k] < 0 || s.nb[k] >= u.nparcels)
				abort();
	}
	unit_arena_free(&arena);
	return 0;
}
