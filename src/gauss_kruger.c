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
