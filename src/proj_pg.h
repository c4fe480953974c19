/*-------------------------------------------------------------------------
 *
 * proj_pg.h
 *	  One PROJ context per backend, CRS facts and transformations cached per
 *	  SRID, PROJ errors as SQL errors.
 *
 * The survey computes areas with its own Gauss-Kruger series, not with PROJ
 * (see area code); PROJ is used to understand a SRID (is it CGCS2000? which
 * central meridian and false easting?) so that any spatial_ref_sys entry,
 * including a county's custom local system, is interpreted from its
 * definition rather than from a hard-coded list, and as an independent
 * oracle in the tests.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_PROJ_PG_H
#define JTSYQ_PROJ_PG_H

#include "postgres.h"

#include <proj.h>

/* What a SRID's definition says, as far as jtsyq cares. */
typedef struct JtCrsInfo
{
	int32		srid;
	char	   *name;			/* CRS name, e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 35" */
	char	   *datum_name;		/* e.g. "China 2000" */
	double		semi_major;		/* metres */
	double		inv_flattening;
	bool		is_cgcs2000;	/* datum is China 2000 (EPSG 1043 / CRS 4490) */
	bool		is_projected;
	bool		is_transverse_mercator;
	double		central_meridian;	/* degrees */
	double		latitude_of_origin; /* degrees */
	double		scale_factor;
	double		false_easting;	/* metres */
	double		false_northing; /* metres */
	/* Gauss-Kruger zone facts (GB/T 17798 / the 3rd land survey's zoning) */
	bool		is_gauss_kruger;	/* TM, k0 = 1, lat0 = 0, FN = 0, FE = 500 km (+ zone) */
	bool		zone_prefix;	/* easting carries the zone number */
	int			zone;			/* 0 when not determined */
	int			zone_width;		/* 3 or 6 degrees, 0 when not determined */
} JtCrsInfo;

extern PJ_CONTEXT *jt_proj_ctx(void);

/* Raise the error PROJ just reported for `op` (22023 for bad definitions). */
extern void jt_proj_raise(const char *op) pg_attribute_noreturn();

/*
 * Facts about a SRID, read from spatial_ref_sys once per backend and SRID.
 * Raises 22023 when the SRID is not in spatial_ref_sys or PROJ cannot make
 * sense of it.  The result lives in TopMemoryContext; do not free it.
 */
extern const JtCrsInfo *jt_crs_info(int32 srid);

/*
 * A transformation between two SRIDs with (easting, northing) /
 * (longitude, latitude) axis order, as PostGIS stores coordinates.
 * Cached per backend; do not destroy.
 */
extern PJ  *jt_proj_transformer(int32 from_srid, int32 to_srid);

#endif							/* JTSYQ_PROJ_PG_H */
