/*-------------------------------------------------------------------------
 *
 * area_pg.c
 *	  SQL wrappers of the survey's ellipsoidal area and Gauss-Kruger
 *	  conversions (ellipsoid_area.c, gauss_kruger.c, polygon_check.c).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "ellipsoid_area.h"
#include "geom_pg.h"
#include "geos_pg.h"
#include "gk_pg.h"
#include "polygon_check.h"
#include "proj_pg.h"

PG_FUNCTION_INFO_V1(jtsyq_ellipsoid_area);
PG_FUNCTION_INFO_V1(jtsyq_ellipsoid_area_reference);
PG_FUNCTION_INFO_V1(jtsyq_ellipsoid_area_debug);
PG_FUNCTION_INFO_V1(jtsyq_gk_to_geodetic);
PG_FUNCTION_INFO_V1(jtsyq_geodetic_to_gk);

#define CGCS2000_SRID 4490

void
jt_check_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* ---------------------------------------------------------------------
 * Zones
 * ---------------------------------------------------------------------
 */

static bool
cgcs2000_ellipsoid(const JtCrsInfo *info)
{
	return info->is_cgcs2000 ||
		(info->semi_major == 6378137.0 && fabs(info->inv_flattening - 298.257222101) < 1e-6);
}

bool
jt_srid_is_cgcs2000_geographic(int32 srid)
{
	const JtCrsInfo *info = jt_crs_info(srid);

	return !info->is_projected && cgcs2000_ellipsoid(info);
}

/* The first vertex's easting, for the zone prefix of SRID-0 data. */
static bool
first_easting(const JtGeom *g, double *e)
{
	uint32_t	i;

	for (i = 0; i < g->nrings; i++)
		if (g->rings[i].npoints > 0)
		{
			*e = g->rings[i].coords[0];
			return true;
		}
	for (i = 0; i < g->ngeoms; i++)
		if (first_easting(&g->geoms[i], e))
			return true;
	return false;
}

/* Zone from explicit arguments and the coordinates' prefix (SRID 0, local). */
static void
zone_from_arguments(const JtGeom *g, const char *fname, bool has_cm, double cm,
					bool has_zone, int zone, JtGkZone *out)
{
	double		e0 = 0;
	int			prefix = 0;

	if (has_zone)
	{
		if (jt_gk_zone_width(zone) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: zone %d is not a CGCS2000 Gauss-Kruger zone", fname, zone),
					 errhint("3-degree zones are 25-45 (central meridian 3 * zone), 6-degree zones 13-23 (6 * zone - 3).")));
		if (has_cm && cm != jt_gk_zone_cm(zone))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: central meridian %g does not belong to zone %d", fname, cm, zone),
					 errdetail("Zone %d has central meridian %g.", zone, jt_gk_zone_cm(zone))));
		cm = jt_gk_zone_cm(zone);
	}
	else if (!isfinite(cm) || fabs(cm) > 180)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: central meridian %g is out of range", fname, cm)));

	/* an easting above 1000 km carries the zone number in front */
	if (first_easting(g, &e0) && e0 >= 1000000.0)
	{
		prefix = (int) floor(e0 / 1000000.0);
		if (has_zone && prefix != zone)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: easting %.3f carries zone prefix %d, not zone %d", fname, e0, prefix, zone)));
		if (!has_zone && jt_gk_zone_cm(prefix) != cm)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: easting %.3f carries zone prefix %d, which does not have central meridian %g",
							fname, e0, prefix, cm),
					 errhint("Give the zone argument, or remove the prefix from the eastings.")));
	}
	out->central_meridian = cm;
	out->false_easting = 500000.0 + prefix * 1000000.0;
}

void
jt_resolve_gk_zone(const JtGeom *g, const char *fname,
				   bool has_cm, double cm, bool has_zone, int zone,
				   JtGkZone *out)
{
	const JtCrsInfo *info;

	if (g->srid == 0)
	{
		if (!has_cm && !has_zone)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: geometry has no SRID", fname),
					 errhint("Set a CGCS2000 Gauss-Kruger SRID (EPSG 4491-4554) with ST_SetSRID(), or give central_meridian or zone.")));
		zone_from_arguments(g, fname, has_cm, cm, has_zone, zone, out);
		return;
	}

	info = jt_crs_info(g->srid);
	if (info->is_gauss_kruger && cgcs2000_ellipsoid(info))
	{
		if ((has_cm && cm != info->central_meridian) ||
			(has_zone && (jt_gk_zone_width(zone) == 0 || jt_gk_zone_cm(zone) != info->central_meridian)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the arguments contradict SRID %d", fname, g->srid),
					 errdetail("SRID %d (%s) has central meridian %g.", g->srid, info->name,
							   info->central_meridian)));
		out->central_meridian = info->central_meridian;
		out->false_easting = info->false_easting;
		return;
	}
	if (!info->is_projected)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: SRID %d (%s) is geographic, not Gauss-Kruger", fname, g->srid, info->name),
				 errhint("Transform to a CGCS2000 Gauss-Kruger zone first, e.g. with jtsyq.geodetic_to_gk().")));
	if (has_cm || has_zone)
	{
		/* a local system whose zone the caller vouches for */
		zone_from_arguments(g, fname, has_cm, cm, has_zone, zone, out);
		return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: SRID %d (%s) is not a CGCS2000 Gauss-Kruger system", fname, g->srid, info->name),
			 errdetail("%s", !cgcs2000_ellipsoid(info) ? "Its ellipsoid is not CGCS2000's." :
					   "It is not a transverse Mercator with scale 1, false northing 0 and false easting 500 km (plus zone prefix)."),
			 errhint("Transform with ST_Transform() to EPSG 4491-4554, or give central_meridian or zone for a local Gauss-Kruger system.")));
}

/* ---------------------------------------------------------------------
 * ellipsoid_area
 * ---------------------------------------------------------------------
 */

/* Reject what has no survey area; the GEOS check settles doubtful cases. */
void
jt_require_valid_polygon(const JtGeom *g, const char *fname)
{
	JtCheckResult res;

	jt_polygon_check(g, jt_palloc_allocator(), jt_check_interrupts, &res);
	if (res.verdict == JT_CHECK_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid polygon: %s", fname, res.reason),
				 errdetail("At or near POINT(%.4f %.4f).", res.x, res.y),
				 errhint("Repair it (ST_MakeValid) or fix the data; a self-intersecting ring has no area.")));
	if (res.verdict == JT_CHECK_UNSURE)
	{
		JtGeosArena *arena = jt_geos_arena_create(CurrentMemoryContext);
		GEOSContextHandle_t h = jt_geos();
		GEOSGeometry *gg = jt_geos_from_geom(arena, g);
		char	   *reason = NULL;
		GEOSGeometry *location = NULL;
		char		valid = GEOSisValidDetail_r(h, gg, 0, &reason, &location);

		if (valid == 2)
			jt_geos_raise("GEOSisValidDetail");
		if (valid == 0)
		{
			char	   *where = location ? jt_geos_wkt(location, 4) : pstrdup("unknown");
			char	   *why = pstrdup(reason ? reason : "invalid");

			if (location)
				GEOSGeom_destroy_r(h, location);
			if (reason)
				GEOSFree_r(h, reason);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: invalid polygon: %s", fname, why),
					 errdetail("At or near %s.", where),
					 errhint("Repair it (ST_MakeValid) or fix the data; a self-intersecting ring has no area.")));
		}
		if (location)
			GEOSGeom_destroy_r(h, location);
		if (reason)
			GEOSFree_r(h, reason);
	}
}

/* A decimals argument: NULL (no rounding) or lo..hi. */
static int
decimals_arg(FunctionCallInfo fcinfo, int n, const char *name, int hi)
{
	int			d;

	if (PG_ARGISNULL(n))
		return -1;
	d = PG_GETARG_INT32(n);
	if (d < 0 || d > hi)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ellipsoid_area: %s must be between 0 and %d, or NULL for no rounding", name, hi)));
	return d;
}

/*
 * The common part of the area functions: checks, zone, options.  Returns
 * the geometry, or NULL when the geometry argument is NULL.
 */
static JtGeom *
area_setup(FunctionCallInfo fcinfo, const char *fname, bool with_options, JtAreaOptions *o)
{
	JtGeom	   *g;
	JtGkZone	zone;

	if (PG_ARGISNULL(0))
		return NULL;
	g = PG_GETARG_JTGEOM(0, fname);
	jt_require_polygonal(g, fname);
	if (jt_geom_is_empty(g))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: geometry is empty", fname),
				 errdetail("An empty parcel has no area to report; NULL would hide it from sums.")));
	jt_require_finite(g, fname);

	jt_area_options_default(o);
	if (with_options)
	{
		if (PG_ARGISNULL(1) || PG_ARGISNULL(6))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: densify_step and pseudocode_literal must not be NULL", fname)));
		o->densify_step = PG_GETARG_FLOAT8(1);
		if (!isfinite(o->densify_step) ||
			(o->densify_step != 0 && (o->densify_step < 0.01 || o->densify_step > 1e7)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: densify_step must be 0 (no densification) or between 0.01 and 10000000 metres", fname)));
		o->xy_decimals = decimals_arg(fcinfo, 2, "xy_decimals", 7);
		o->densify_decimals = decimals_arg(fcinfo, 3, "densify_decimals", 7);
		o->seconds_decimals = decimals_arg(fcinfo, 4, "seconds_decimals", 9);
		o->result_decimals = decimals_arg(fcinfo, 5, "result_decimals", 9);
		o->pseudocode_literal = PG_GETARG_BOOL(6);
		jt_resolve_gk_zone(g, fname, !PG_ARGISNULL(7), PG_ARGISNULL(7) ? 0 : PG_GETARG_FLOAT8(7),
						   !PG_ARGISNULL(8), PG_ARGISNULL(8) ? 0 : PG_GETARG_INT32(8), &zone);
	}
	else
		jt_resolve_gk_zone(g, fname, false, 0, false, 0, &zone);
	o->central_meridian = zone.central_meridian;
	o->false_easting = zone.false_easting;
	o->check_interrupts = jt_check_interrupts;

	jt_require_valid_polygon(g, fname);
	return g;
}

static void
area_report(const JtAreaResult *res, const JtAreaOptions *o, const char *fname)
{
	if (res->status == JT_AREA_OUT_OF_ZONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: vertex (%.4f %.4f) is outside its Gauss-Kruger zone", fname,
						res->bad_x, res->bad_y),
				 errdetail("Central meridian %g, false easting %.0f m; survey coordinates must be within %.0f km of the central meridian and %.0f km of the equator.",
						   o->central_meridian, o->false_easting,
						   JT_GK_MAX_OFFSET / 1000, JT_GK_MAX_NORTHING / 1000),
				 errhint("Check the SRID and the zone prefix of the eastings, and that X is the easting.")));
	if (res->status != JT_AREA_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid option", fname)));
}

/* ellipsoid_area() and its reference twin: the same arguments and checks */
static Datum
area_call(FunctionCallInfo fcinfo, const char *fname, bool reference)
{
	JtAreaOptions o;
	JtAreaResult res;
	JtGeom	   *g = area_setup(fcinfo, fname, true, &o);

	if (g == NULL)
		PG_RETURN_NULL();
	if (reference)
		jt_ellipsoid_area_reference(g, &o, &res);
	else
		jt_ellipsoid_area(g, &o, &res);
	area_report(&res, &o, fname);
	PG_RETURN_FLOAT8(res.area);
}

/*
 * jtsyq.ellipsoid_area(geom, densify_step, xy_decimals, densify_decimals,
 *		seconds_decimals, result_decimals, pseudocode_literal,
 *		central_meridian, zone) -> float8
 */
Datum
jtsyq_ellipsoid_area(PG_FUNCTION_ARGS)
{
	return area_call(fcinfo, "ellipsoid_area", false);
}

/* jtsyq._ellipsoid_area_reference(...): the literal implementation. */
Datum
jtsyq_ellipsoid_area_reference(PG_FUNCTION_ARGS)
{
	return area_call(fcinfo, "_ellipsoid_area_reference", true);
}

/*
 * jtsyq._ellipsoid_area_debug(geom, reference) -> record
 *		With the official defaults: the area, the unrounded value, the points
 *		evaluated (inserted ones included) and the fast path's fallbacks.
 */
Datum
jtsyq_ellipsoid_area_debug(PG_FUNCTION_ARGS)
{
	JtAreaOptions o;
	JtAreaResult res;
	JtGeom	   *g;
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6] = {0};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	g = area_setup(fcinfo, "_ellipsoid_area_debug", false, &o);
	if (PG_GETARG_BOOL(1))
		jt_ellipsoid_area_reference(g, &o, &res);
	else
		jt_ellipsoid_area(g, &o, &res);
	area_report(&res, &o, "_ellipsoid_area_debug");

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	desc = BlessTupleDesc(desc);
	values[0] = Float8GetDatum(res.area);
	values[1] = Float8GetDatum(res.unrounded);
	values[2] = Int64GetDatum((int64) res.npoints);
	values[3] = Int64GetDatum((int64) res.fallback_points);
	values[4] = BoolGetDatum(res.fallback_area);
	values[5] = Float8GetDatum(res.error_bound);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/* ---------------------------------------------------------------------
 * Conversions
 * ---------------------------------------------------------------------
 */

static void
conversion_refused(const char *fname, double x, double y, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: point (%.6f %.6f) is outside the zone's plausible range", fname, x, y),
			 errdetail("%s", what)));
}

/* jtsyq.gk_to_geodetic(geom, central_meridian, zone) -> geometry(4490) */
Datum
jtsyq_gk_to_geodetic(PG_FUNCTION_ARGS)
{
	JtGeom	   *g;
	JtGeom		out;
	JtGkZone	zone;
	double		bx,
				by;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	g = PG_GETARG_JTGEOM(0, "gk_to_geodetic");
	jt_require_finite(g, "gk_to_geodetic");
	jt_resolve_gk_zone(g, "gk_to_geodetic",
					   !PG_ARGISNULL(1), PG_ARGISNULL(1) ? 0 : PG_GETARG_FLOAT8(1),
					   !PG_ARGISNULL(2), PG_ARGISNULL(2) ? 0 : PG_GETARG_INT32(2), &zone);
	if (jt_gk_geom_inverse(g, &zone, 0, jt_palloc_allocator(), &out, &bx, &by) != JT_GK_OK)
		conversion_refused("gk_to_geodetic", bx, by,
						   "Survey coordinates must be within 350 km of the central meridian and 9400 km of the equator; check the SRID and the zone prefix.");
	out.srid = CGCS2000_SRID;
	PG_RETURN_DATUM(jt_geom_to_datum(&out));
}

/* jtsyq.geodetic_to_gk(geom, zone, zone_prefix, target_srid) -> geometry */
Datum
jtsyq_geodetic_to_gk(PG_FUNCTION_ARGS)
{
	JtGeom	   *g;
	JtGeom		out;
	JtGkZone	zone;
	int32		srid;
	double		bx,
				by;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	g = PG_GETARG_JTGEOM(0, "geodetic_to_gk");
	jt_require_finite(g, "geodetic_to_gk");
	if (g->srid == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geodetic_to_gk: geometry has no SRID"),
				 errhint("Longitude/latitude on CGCS2000 is SRID 4490: ST_SetSRID(geom, 4490).")));
	if (!jt_srid_is_cgcs2000_geographic(g->srid))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geodetic_to_gk: SRID %d is not CGCS2000 longitude/latitude", g->srid),
				 errhint("Transform to SRID 4490 first.")));
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("geodetic_to_gk: zone_prefix must not be NULL")));

	if (!PG_ARGISNULL(3))
	{
		/* a target SRID: any CGCS2000 Gauss-Kruger system */
		const JtCrsInfo *info;

		srid = PG_GETARG_INT32(3);
		info = jt_crs_info(srid);
		if (!info->is_gauss_kruger || !cgcs2000_ellipsoid(info))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("geodetic_to_gk: SRID %d (%s) is not a CGCS2000 Gauss-Kruger system", srid, info->name)));
		if (!PG_ARGISNULL(1) && jt_gk_zone_cm(PG_GETARG_INT32(1)) != info->central_meridian)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("geodetic_to_gk: zone %d contradicts SRID %d", PG_GETARG_INT32(1), srid)));
		zone.central_meridian = info->central_meridian;
		zone.false_easting = info->false_easting;
	}
	else
	{
		int			z;
		bool		prefix = PG_GETARG_BOOL(2);

		if (PG_ARGISNULL(1))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("geodetic_to_gk: give a zone or a target_srid")));
		z = PG_GETARG_INT32(1);
		srid = jt_gk_zone_srid(z, prefix);
		if (srid == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("geodetic_to_gk: zone %d is not a CGCS2000 Gauss-Kruger zone", z),
					 errhint("3-degree zones are 25-45, 6-degree zones 13-23.")));
		zone.central_meridian = jt_gk_zone_cm(z);
		zone.false_easting = 500000.0 + (prefix ? z * 1000000.0 : 0);
	}
	if (jt_gk_geom_forward(g, &zone, jt_palloc_allocator(), &out, &bx, &by) != JT_GK_OK)
		conversion_refused("geodetic_to_gk", bx, by,
						   "Points must be within 7 degrees of longitude of the central meridian, 84.5 degrees of latitude, and 350 km of the central meridian.");
	out.srid = srid;
	PG_RETURN_DATUM(jt_geom_to_datum(&out));
}
