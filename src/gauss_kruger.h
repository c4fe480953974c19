/*-------------------------------------------------------------------------
 *
 * gauss_kruger.h
 *	  Gauss-Kruger conversions with the land survey's own series and
 *	  CGCS2000 constants (国土调查办发〔2008〕32号 as kept by TD/T 1055-2019),
 *	  and the CGCS2000 zone facts (EPSG 4491-4554).
 *
 * Coordinates follow the survey texts: x = northing, y = easting with the
 * false easting (500 km, plus zone * 1000 km with a zone prefix) already
 * removed.  B = latitude, dL = longitude minus the central meridian, both
 * in radians.
 *
 * The inverse is the closed-form series of the 2008 notice (no iteration):
 * it is what the official area software evaluates, constants and all.  The
 * forward direction is the classical Gauss-Kruger series to l^6 with a
 * Helmert meridian arc; the notice has no forward formula.  Agreement with
 * PROJ's exact transverse Mercator is stated in sql/ellipsoid_area.sql and
 * test/unit/test_gauss_kruger.c.
 *
 * No PostgreSQL headers.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_GAUSS_KRUGER_H
#define JTSYQ_GAUSS_KRUGER_H

#include <math.h>
#include <stdbool.h>

#include "geom.h"

/* CGCS2000 constants exactly as the 3rd land survey's software uses them */
#define JT_GK_A		6378137.0
#define JT_GK_B		6356752.31414036
#define JT_GK_E2	0.00669438002290	/* first eccentricity squared */
#define JT_GK_EP2	0.00673949677548	/* second eccentricity squared */
#define JT_GK_C		6399593.62586	/* polar radius of curvature a^2/b */
#define JT_GK_K0	1.57048761144159e-07
#define JT_GK_K1	5.05250178820567e-03
#define JT_GK_K2	2.98472900956587e-05
#define JT_GK_K3	2.41626669230084e-07
#define JT_GK_K4	2.22241238938534e-09
#define JT_GK_PI	3.14159265358979	/* sic: the survey's truncated pi */
#define JT_GK_RHO	206264.8062471	/* arc-seconds per radian */

/*
 * Plausible range of a Gauss-Kruger coordinate: within 350 km of the
 * central meridian (a 6-degree zone is 334 km wide at the equator on each
 * side) and north of the equator by less than 9400 km (84.5 degrees; the
 * series are not meant for the poles).  Anything else is a wrong SRID, a
 * missing or wrong zone prefix, or swapped axes.
 */
#define JT_GK_MAX_OFFSET	350000.0
#define JT_GK_MAX_NORTHING	9400000.0

/*
 * The latitude and longitude terms of the inverse series, given the
 * footpoint latitude Bf with its cosine and tangent (shared by
 * jt_gk_inverse and the area code's fast path, which gets cos Bf and tan Bf
 * without calling cos/tan).
 */
static inline void
jt_gk_inverse_terms(double Bf, double cBf, double t, double y, double eta_e2,
					double *B, double *dL)
{
	double		t2 = t * t;
	double		eta2 = eta_e2 * cBf * cBf;
	double		V2 = 1.0 + eta2;
	double		u = y * sqrt(V2) / JT_GK_C;	/* y / N, N = c / V */
	double		u2 = u * u;
	double		V2t = V2 * t;

	*B = Bf - V2t * u2 * (0.5
						  - u2 * ((5.0 + 3.0 * t2 + eta2 - 9.0 * eta2 * t2) / 24.0
								  - u2 * (61.0 + 90.0 * t2 + 45.0 * t2 * t2) / 720.0));
	*dL = u * (1.0
			   - u2 * ((1.0 + 2.0 * t2 + eta2) / 6.0
					   - u2 * (5.0 + 28.0 * t2 + 24.0 * t2 * t2 + 6.0 * eta2 + 8.0 * eta2 * t2) / 120.0)) / cBf;
}

/* Footpoint latitude offset Bf - E as a function of sin E, cos E. */
static inline double
jt_gk_footpoint_offset(double sE, double cE)
{
	double		sE2 = sE * sE;

	return cE * sE * (JT_GK_K1 - sE2 * (JT_GK_K2 - sE2 * (JT_GK_K3 - sE2 * JT_GK_K4)));
}

/*
 * Inverse series.  eta_e2 is the eccentricity used in eta^2 = e'^2 cos^2 Bf:
 * JT_GK_EP2 per the formula, JT_GK_E2 to reproduce the 2008 pseudocode
 * literally (see ellipsoid_area.h).
 */
extern void jt_gk_inverse(double x, double y, double eta_e2,
						  double *B, double *dL);

/* Forward series: B, dL in radians -> x (northing), y (easting offset). */
extern void jt_gk_forward(double B, double dL, double *x, double *y);

/* Is (x, y) inside the plausible range above? */
extern bool jt_gk_plausible(double x, double y);

/*
 * CGCS2000 zone numbering.  3-degree zones 25-45 (central meridian 3n),
 * 6-degree zones 13-23 (6n - 3); the two ranges do not overlap, so a zone
 * number alone names a zone.  jt_gk_zone_width() is 3, 6, or 0 for a number
 * that is neither; jt_gk_zone_cm() the central meridian in degrees;
 * jt_gk_zone_srid() the EPSG code (4491-4554) or 0.
 */
extern int	jt_gk_zone_width(int zone);
extern double jt_gk_zone_cm(int zone);
extern int	jt_gk_zone_srid(int zone, bool prefix);

/*
 * The zone number whose central meridian is cm for zones of the given
 * width, or 0.
 */
extern int	jt_gk_zone_of_cm(double cm, int width);

/*
 * Whole geometries.  A zone is its central meridian (degrees) and false
 * easting (metres, zone prefix included).  Geodetic coordinates are
 * (longitude, latitude) in degrees, PostGIS's axis order.  The output is a
 * deep copy (Z and M kept) allocated from the allocator.
 */
typedef struct JtGkZone
{
	double		central_meridian;
	double		false_easting;
} JtGkZone;

typedef enum JtGkStatus
{
	JT_GK_OK = 0,
	JT_GK_OUT_OF_RANGE			/* a point outside the plausible range */
} JtGkStatus;

/*
 * Gauss-Kruger -> geodetic with the survey's inverse series (unrounded).
 * With densify_step > 0, rings and lines get points at most that far apart
 * (for the map-sheet test, where GK-straight edges must stay straight).
 */
extern JtGkStatus jt_gk_geom_inverse(const JtGeom *in, const JtGkZone *zone,
									 double densify_step,
									 const JtAllocator *allocator, JtGeom *out,
									 double *bad_x, double *bad_y);

/*
 * Geodetic -> Gauss-Kruger with the forward series.  Points more than 7
 * degrees of longitude from the central meridian, beyond 84.5 degrees of
 * latitude, or landing outside the plausible range are refused.
 */
extern JtGkStatus jt_gk_geom_forward(const JtGeom *in, const JtGkZone *zone,
									 const JtAllocator *allocator, JtGeom *out,
									 double *bad_x, double *bad_y);

#endif							/* JTSYQ_GAUSS_KRUGER_H */
