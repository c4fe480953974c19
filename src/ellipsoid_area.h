/*-------------------------------------------------------------------------
 *
 * ellipsoid_area.h
 *	  The land survey's ellipsoidal area (椭球面积) of Gauss-Kruger polygons,
 *	  computed the way the official checking software does (国土调查办发
 *	  〔2008〕32号, TD/T 1055-2019; ../shared/domain/ellipsoid-area.md):
 *
 *	  1. vertex X/Y rounded to 4 decimals;
 *	  2. every edge longer than 70 m gets floor(length / 70) evenly spaced
 *		 points, computed from the unrounded end points and rounded to
 *		 6 decimals (for the computation only);
 *	  3. each point goes through the survey's Gauss-Kruger inverse series;
 *		 B and L, in arc-seconds, are rounded to 6 decimals;
 *	  4. the trapezoid series of the 2008 notice is summed per ring;
 *		 ring area = |sum|, polygon = |shell| - sum |holes|, multipolygon =
 *		 sum of polygons; the result is rounded to 2 decimals.
 *
 * All roundings are 四舍五入 of the decimal value (decimal_round.h).  Inserted
 * points of an edge whose end points are exact 6-decimal numbers are
 * computed in exact rational arithmetic, so a zone with and a zone without
 * the easting prefix give identical points, hence identical areas.
 *
 * Two implementations compute the same numbers.  jt_ellipsoid_area_reference
 * evaluates the formulas literally (libm sin/cos/tan for every point and
 * every multiple angle).  jt_ellipsoid_area is the fast path: it exploits
 * that inserted points lie on a straight line close to a vertex whose
 * sin/cos are known (angle-addition with short Taylor series instead of
 * fresh sin/cos), gets sin/cos of the latitude from those of the footpoint
 * latitude, and evaluates the trapezoid terms with Chebyshev recurrences
 * for cos 3Bm ... cos 9Bm and a Taylor series in the half latitude
 * difference.  Wherever its floating-point error could change a rounding
 * (a point's seconds within 1e-8" of a rounding tie, or the final area
 * within its error bound of a 0.005 m^2 tie) it recomputes with the
 * reference, so every reported value is the reference's, bit for bit;
 * test/unit/test_ellipsoid_area.c proves it on many random parcels and
 * measures the margins.
 *
 * No PostgreSQL headers.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_ELLIPSOID_AREA_H
#define JTSYQ_ELLIPSOID_AREA_H

#include <stdbool.h>
#include <stdint.h>

#include "geom.h"

/* The official defaults */
#define JT_AREA_DENSIFY_STEP		70.0
#define JT_AREA_XY_DECIMALS			4
#define JT_AREA_DENSIFY_DECIMALS	6
#define JT_AREA_SECONDS_DECIMALS	6
#define JT_AREA_RESULT_DECIMALS		2

typedef struct JtAreaOptions
{
	double		densify_step;	/* metres; 0 = no densification */
	int			xy_decimals;	/* rounding of vertex X/Y; -1 = none */
	int			densify_decimals;	/* rounding of inserted points; -1 = none */
	int			seconds_decimals;	/* rounding of B, L in arc-seconds; -1 = none */
	int			result_decimals;	/* rounding of the area; -1 = none */

	/*
	 * Reproduce the 2008 notice's pseudocode literally: it takes the second
	 * eccentricity for the trapezoid coefficients A..E and the first for
	 * eta^2 in the Gauss-Kruger inverse (the formulas say the opposite).
	 * Old 二调 data was computed so; results grow by 6 to 44 ppm.
	 */
	bool		pseudocode_literal;
	double		central_meridian;	/* degrees */
	double		false_easting;	/* metres, including a zone prefix */
	/* called every 65536 points; may longjmp (CHECK_FOR_INTERRUPTS) */
	void		(*check_interrupts) (void);
} JtAreaOptions;

typedef enum JtAreaStatus
{
	JT_AREA_OK = 0,
	JT_AREA_OUT_OF_ZONE,		/* a vertex fails jt_gk_plausible() */
	JT_AREA_BAD_OPTION			/* an option out of range */
} JtAreaStatus;

typedef struct JtAreaResult
{
	JtAreaStatus status;
	double		area;			/* m^2, rounded per result_decimals */
	double		bad_x;			/* the offending vertex (as stored) */
	double		bad_y;
	uint64_t	npoints;		/* points evaluated, inserted ones included */
	/* fast path only: how often it fell back to the reference */
	uint64_t	fallback_points;
	bool		fallback_area;
	double		unrounded;		/* the area before result rounding */
	double		error_bound;	/* fast path: its bound on |fast - reference| */
} JtAreaResult;

/* The official defaults; central meridian and false easting left at 0. */
extern void jt_area_options_default(JtAreaOptions *o);

/* Area of a POLYGON or MULTIPOLYGON (validity is the caller's business). */
extern void jt_ellipsoid_area(const JtGeom *g, const JtAreaOptions *o,
							  JtAreaResult *res);
extern void jt_ellipsoid_area_reference(const JtGeom *g, const JtAreaOptions *o,
										JtAreaResult *res);

/*
 * Area of the ellipsoidal trapezoid between latitudes B1, B2 (radians) and
 * dL radians of longitude: eq. (1) of the 2008 notice, the theoretical
 * sheet area (图幅理论面积).  Signed like dL * (B2 - B1).
 */
extern double jt_trapezoid_area(double B1, double B2, double dL, bool pseudocode_literal);

/*
 * For the unit tests: the fast path's unrounded B, L (arc-seconds) of the
 * point (x, y) anchored at a vertex with northing xs (out[0], out[1]), and
 * the reference's (out[2], out[3]).  The seconds guard must exceed their
 * difference.
 */
extern void jt_area_probe_point(double xs, double x, double y,
								const JtAreaOptions *o, double out[4]);

#endif							/* JTSYQ_ELLIPSOID_AREA_H */
