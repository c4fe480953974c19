/*-------------------------------------------------------------------------
 *
 * gauss_kruger.c
 *	  The survey's Gauss-Kruger series (see gauss_kruger.h).  No PostgreSQL
 *	  headers.
 *
 *-------------------------------------------------------------------------
 */
#include "gauss_kruger.h"

#include <math.h>
#include <string.h>

void
jt_gk_inverse(double x, double y, double eta_e2, double *B, double *dL)
{
	double		E = JT_GK_K0 * x;
	double		Bf = E + jt_gk_footpoint_offset(sin(E), cos(E));

	jt_gk_inverse_terms(Bf, cos(Bf), tan(Bf), y, eta_e2, B, dL);
}

/*
 * Meridian arc length from the equator (Helmert's series in the third
 * flattening n, accurate to well below a millimetre).
 */
static double
meridian_arc(double B)
{
	const double n = (JT_GK_A - JT_GK_B) / (JT_GK_A + JT_GK_B);
	const double n2 = n * n;
	const double n3 = n2 * n;
	const double n4 = n2 * n2;
	const double scale = (JT_GK_A + JT_GK_B) / 2.0 * (1.0 + n2 / 4.0 + n4 / 64.0);

	return scale * (B
					- (1.5 * n - 9.0 / 16.0 * n3) * sin(2.0 * B)
					+ (15.0 / 16.0 * n2 - 15.0 / 32.0 * n4) * sin(4.0 * B)
					- 35.0 / 48.0 * n3 * sin(6.0 * B)
					+ 315.0 / 512.0 * n4 * sin(8.0 * B));
}

void
jt_gk_forward(double B, double dL, double *x, double *y)
{
	double		sB = sin(B);
	double		cB = cos(B);
	double		t = tan(B);
	double		t2 = t * t;
	double		eta2 = JT_GK_EP2 * cB * cB;
	double		N = JT_GK_C / sqrt(1.0 + eta2);
	double		m = cB * dL;		/* l cos B */
	double		m2 = m * m;

	*x = meridian_arc(B)
		+ N * sB * cB * dL * dL * (0.5
								   + m2 * ((5.0 - t2 + 9.0 * eta2 + 4.0 * eta2 * eta2) / 24.0
										   + m2 * (61.0 - 58.0 * t2 + t2 * t2) / 720.0));
	*y = N * m * (1.0
				  + m2 * ((1.0 - t2 + eta2) / 6.0
						  + m2 * (5.0 - 18.0 * t2 + t2 * t2 + 14.0 * eta2 - 58.0 * eta2 * t2) / 120.0));
}

bool
jt_gk_plausible(double x, double y)
{
	return fabs(y) <= JT_GK_MAX_OFFSET && x >= -JT_GK_MAX_NORTHING && x <= JT_GK_MAX_NORTHING;
}

int
jt_gk_zone_width(int zone)
{
	if (zone >= 13 && zone <= 23)
		return 6;
	if (zone >= 25 && zone <= 45)
		return 3;
	return 0;
}

double
jt_gk_zone_cm(int zone)
{
	switch (jt_gk_zone_width(zone))
	{
		case 6:
			return 6.0 * zone - 3.0;
		case 3:
			return 3.0 * zone;
		default:
			return NAN;
	}
}

int
jt_gk_zone_srid(int zone, bool prefix)
{
	switch (jt_gk_zone_width(zone))
	{
		case 6:
			return (prefix ? 4491 : 4502) + zone - 13;
		case 3:
			return (prefix ? 4513 : 4534) + zone - 25;
		default:
			return 0;
	}
}

int
jt_gk_zone_of_cm(double cm, int width)
{
	double		z;

	if (width == 3)
		z = cm / 3.0;
	else if (width == 6)
		z = (cm + 3.0) / 6.0;
	else
		return 0;
	if (!(fabs(z) < 1000.0) || z != floor(z) || jt_gk_zone_width((int) z) != width)
		return 0;
	return (int) z;
}

/* ---------------------------------------------------------------------
 * Whole geometries
 * ---------------------------------------------------------------------
 */

typedef struct Mapper
{
	const JtGkZone *zone;
	bool		inverse;
	double		densify_step;
	const JtAllocator *allocator;
	JtGkStatus	status;
	double		bad_x,
				bad_y;
} Mapper;

/* Map one (x, y) pair in place; false (status set) when refused. */
static bool
map_xy(Mapper *m, double *xy)
{
	double		x,
				y;

	if (m->inverse)
	{
		double		B,
					dL;

		x = xy[1];
		y = xy[0] - m->zone->false_easting;
		if (!jt_gk_plausible(x, y))
			goto refuse;
		jt_gk_inverse(x, y, JT_GK_EP2, &B, &dL);
		xy[0] = m->zone->central_meridian + dL * (180.0 / M_PI);
		xy[1] = B * (180.0 / M_PI);
		return true;
	}
	else
	{
		double		dL = xy[0] - m->zone->central_meridian;

		if (!(fabs(dL) <= 7.0) || !(fabs(xy[1]) <= 84.5))
			goto refuse;
		jt_gk_forward(xy[1] * (M_PI / 180.0), dL * (M_PI / 180.0), &x, &y);
		if (!jt_gk_plausible(x, y))
			goto refuse;
		xy[0] = y + m->zone->false_easting;
		xy[1] = x;
		return true;
	}
refuse:
	if (m->status == JT_GK_OK)
	{
		m->status = JT_GK_OUT_OF_RANGE;
		m->bad_x = xy[0];
		m->bad_y = xy[1];
	}
	return false;
}

/* Number of pieces an edge is cut into for densification. */
static uint32_t
pieces(const Mapper *m, const double *p, const double *q)
{
	double		d;

	if (m->densify_step <= 0)
		return 1;
	d = hypot(q[0] - p[0], q[1] - p[1]);
	if (!(d > m->densify_step))
		return 1;
	if (d / m->densify_step > 1e6)
		return 1000000;
	return (uint32_t) ceil(d / m->densify_step);
}

static bool
map_points(Mapper *m, const JtPointArray *in, int nd, JtPointArray *out)
{
	uint64_t	n = in->npoints;
	uint32_t	i;
	double	   *c;
	uint64_t	k = 0;

	if (n > 1 && m->densify_step > 0)
	{
		n = 1;
		for (i = 0; i + 1 < in->npoints; i++)
			n += pieces(m, in->coords + (size_t) i * nd, in->coords + (size_t) (i + 1) * nd);
		if (n > UINT32_MAX)
			n = UINT32_MAX;		/* cannot happen within the plausible range */
	}
	c = m->allocator->alloc(m->allocator->arg, sizeof(double) * nd * (n ? n : 1));
	for (i = 0; i < in->npoints && k < n; i++)
	{
		const double *p = in->coords + (size_t) i * nd;

		if (i + 1 < in->npoints && m->densify_step > 0)
		{
			const double *q = p + nd;
			uint32_t	np = pieces(m, p, q);
			uint32_t	j;

			for (j = 0; j < np && k + 1 < n; j++, k++)
			{
				double	   *o = c + k * nd;
				double		f = (double) j / np;

				memcpy(o, p, sizeof(double) * nd);
				o[0] = p[0] + (q[0] - p[0]) * f;
				o[1] = p[1] + (q[1] - p[1]) * f;
				if (!map_xy(m, o))
					return false;
			}
			continue;
		}
		memcpy(c + k * nd, p, sizeof(double) * nd);
		if (!map_xy(m, c + k * nd))
			return false;
		k++;
	}
	out->npoints = (uint32_t) k;
	out->coords = c;
	return true;
}

static bool
map_geom(Mapper *m, const JtGeom *in, JtGeom *out)
{
	uint32_t	i;

	*out = *in;
	if (in->nrings > 0)
	{
		JtPointArray *rings = m->allocator->alloc(m->allocator->arg, sizeof(JtPointArray) * in->nrings);

		for (i = 0; i < in->nrings; i++)
			if (!map_points(m, &in->rings[i], in->ndims, &rings[i]))
				return false;
		out->rings = rings;
	}
	if (in->ngeoms > 0)
	{
		JtGeom	   *geoms = m->allocator->alloc(m->allocator->arg, sizeof(JtGeom) * in->ngeoms);

		for (i = 0; i < in->ngeoms; i++)
			if (!map_geom(m, &in->geoms[i], &geoms[i]))
				return false;
		out->geoms = geoms;
	}
	return true;
}

static JtGkStatus
map_run(Mapper *m, const JtGeom *in, JtGeom *out, double *bad_x, double *bad_y)
{
	m->status = JT_GK_OK;
	m->bad_x = m->bad_y = 0;
	map_geom(m, in, out);
	*bad_x = m->bad_x;
	*bad_y = m->bad_y;
	return m->status;
}

JtGkStatus
jt_gk_geom_inverse(const JtGeom *in, const JtGkZone *zone, double densify_step,
				   const JtAllocator *allocator, JtGeom *out,
				   double *bad_x, double *bad_y)
{
	Mapper		m = {zone, true, densify_step, allocator, JT_GK_OK, 0, 0};

	return map_run(&m, in, out, bad_x, bad_y);
}

JtGkStatus
jt_gk_geom_forward(const JtGeom *in, const JtGkZone *zone,
				   const JtAllocator *allocator, JtGeom *out,
				   double *bad_x, double *bad_y)
{
	Mapper		m = {zone, false, 0, allocator, JT_GK_OK, 0, 0};

	return map_run(&m, in, out, bad_x, bad_y);
}
