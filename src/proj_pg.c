/*-------------------------------------------------------------------------
 *
 * proj_pg.c
 *	  PROJ inside a PostgreSQL backend (see proj_pg.h).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

#include "postgis_catalog.h"
#include "proj_pg.h"

PG_FUNCTION_INFO_V1(jtsyq_srid_info);

static PJ_CONTEXT *proj_ctx = NULL;
static char proj_last_log[1024];
static HTAB *crs_cache = NULL;
static HTAB *transformer_cache = NULL;

typedef struct CrsEntry
{
	int32		srid;			/* hash key */
	PJ		   *crs;
	JtCrsInfo	info;
} CrsEntry;

typedef struct TransformerEntry
{
	int64		key;			/* from << 32 | to */
	PJ		   *pj;
} TransformerEntry;

/* PROJ logs to stderr by default; keep the message for our errors instead. */
static void
proj_log_handler(void *app_data, int level, const char *msg)
{
	strlcpy(proj_last_log, msg, sizeof(proj_last_log));
}

PJ_CONTEXT *
jt_proj_ctx(void)
{
	if (proj_ctx == NULL)
	{
		proj_ctx = proj_context_create();
		if (proj_ctx == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("could not create a PROJ context")));
		proj_log_func(proj_ctx, NULL, proj_log_handler);
		proj_log_level(proj_ctx, PJ_LOG_ERROR);
		/* never reach out to the CDN for grids: the servers are offline */
		proj_context_set_enable_network(proj_ctx, 0);
	}
	return proj_ctx;
}

void
jt_proj_raise(const char *op)
{
	PJ_CONTEXT *ctx = jt_proj_ctx();
	int			err = proj_context_errno(ctx);
	const char *msg = err ? proj_context_errno_string(ctx, err) : NULL;

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("PROJ failed in %s", op),
			 errdetail("PROJ: %s%s%s", msg ? msg : "unknown error",
					   proj_last_log[0] ? "; " : "", proj_last_log)));
}

static void
init_caches(void)
{
	HASHCTL		ctl;

	if (crs_cache)
		return;
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(int32);
	ctl.entrysize = sizeof(CrsEntry);
	ctl.hcxt = TopMemoryContext;
	crs_cache = hash_create("jtsyq CRS cache", 32, &ctl,
							HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	ctl.keysize = sizeof(int64);
	ctl.entrysize = sizeof(TransformerEntry);
	transformer_cache = hash_create("jtsyq PROJ transformer cache", 32, &ctl,
									HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}

/* Build a PJ for a spatial_ref_sys row as PostGIS does: authority, WKT, proj4. */
static PJ  *
crs_from_row(const JtSrsRow *row)
{
	PJ_CONTEXT *ctx = jt_proj_ctx();
	PJ		   *pj = NULL;

	proj_last_log[0] = '\0';
	if (row->auth_name && row->auth_srid > 0)
	{
		char		buf[128];

		snprintf(buf, sizeof(buf), "%s:%d", row->auth_name, row->auth_srid);
		pj = proj_create(ctx, buf);
	}
	if (pj == NULL && row->srtext)
		pj = proj_create(ctx, row->srtext);
	if (pj == NULL && row->proj4text)
	{
		/* a bare proj string is an operation unless it says it is a CRS */
		if (strstr(row->proj4text, "+type=crs") == NULL)
		{
			char	   *def = psprintf("%s +type=crs", row->proj4text);

			pj = proj_create(ctx, def);
			pfree(def);
		}
		else
			pj = proj_create(ctx, row->proj4text);
	}
	return pj;
}

static char *
top_strdup(const char *s)
{
	return MemoryContextStrdup(TopMemoryContext, s ? s : "");
}

static double
op_param(PJ_CONTEXT *ctx, PJ *op, const char *name, bool *found)
{
	int			idx = proj_coordoperation_get_param_index(ctx, op, name);
	double		value = 0,
				conv = 1;
	const char *unit_category = NULL;

	*found = false;
	if (idx < 0)
		return 0;
	if (!proj_coordoperation_get_param(ctx, op, idx, NULL, NULL, NULL, &value,
									   NULL, &conv, NULL, NULL, NULL, &unit_category))
		return 0;
	*found = true;

	/*
	 * Angles are returned in degrees.  EPSG stores them in degrees already;
	 * converting through radians would turn 105 into 105.00000000000001.
	 */
	if (unit_category && strcmp(unit_category, "angular") == 0)
		return fabs(conv - M_PI / 180.0) < 1e-15 ? value : value * conv * 180.0 / M_PI;
	return value * conv;
}

static bool
near(double a, double b, double eps)
{
	return fabs(a - b) <= eps;
}

/* Fill the zone facts from the projection parameters (see header). */
static void
infer_zone(JtCrsInfo *info)
{
	double		cm = info->central_meridian;
	double		fe = info->false_easting;
	double		prefix;

	info->is_gauss_kruger = info->is_transverse_mercator &&
		near(info->scale_factor, 1.0, 1e-12) &&
		near(info->latitude_of_origin, 0.0, 1e-12) &&
		near(info->false_northing, 0.0, 1e-6) &&
		fe >= 500000.0 && near(fmod(fe - 500000.0, 1000000.0), 0.0, 1e-6);
	if (!info->is_gauss_kruger)
		return;

	prefix = (fe - 500000.0) / 1000000.0;
	info->zone_prefix = prefix > 0.5;
	if (info->zone_prefix)
	{
		int			z = (int) lround(prefix);

		info->zone = z;
		if (near(cm, 3.0 * z, 1e-9))
			info->zone_width = 3;
		else if (near(cm, 6.0 * z - 3.0, 1e-9))
			info->zone_width = 6;
		else
			info->zone = 0;		/* prefix does not match the meridian */
		return;
	}

	/*
	 * Without a prefix a 3-degree and a 6-degree zone with the same central
	 * meridian (e.g. 105E: 3-degree zone 35, 6-degree zone 18) are the same
	 * projection; the EPSG names tell them apart.
	 */
	if (strstr(info->name, "3-degree") != NULL && near(fmod(cm, 3.0), 0.0, 1e-9))
	{
		info->zone_width = 3;
		info->zone = (int) lround(cm / 3.0);
	}
	else if (strstr(info->name, "Gauss-Kruger") != NULL && near(fmod(cm + 3.0, 6.0), 0.0, 1e-9))
	{
		info->zone_width = 6;
		info->zone = (int) lround((cm + 3.0) / 6.0);
	}
}

static void
fill_info(PJ *crs, JtCrsInfo *info)
{
	PJ_CONTEXT *ctx = jt_proj_ctx();
	PJ		   *geod;
	PJ		   *datum;
	PJ		   *ell;
	PJ		   *op;
	PJ_TYPE		type = proj_get_type(crs);
	bool		found;

	info->name = top_strdup(proj_get_name(crs));
	info->is_projected = (type == PJ_TYPE_PROJECTED_CRS);

	geod = proj_crs_get_geodetic_crs(ctx, crs);
	if (geod)
	{
		const char *auth = proj_get_id_auth_name(geod, 0);
		const char *code = proj_get_id_code(geod, 0);

		datum = proj_crs_get_datum(ctx, geod);
		info->datum_name = top_strdup(datum ? proj_get_name(datum) : proj_get_name(geod));
		if (datum)
		{
			const char *dauth = proj_get_id_auth_name(datum, 0);
			const char *dcode = proj_get_id_code(datum, 0);

			if (dauth && dcode && strcmp(dauth, "EPSG") == 0 && strcmp(dcode, "1043") == 0)
				info->is_cgcs2000 = true;
			proj_destroy(datum);
		}
		if (auth && code && strcmp(auth, "EPSG") == 0 && strcmp(code, "4490") == 0)
			info->is_cgcs2000 = true;
		/* WKT1 from a custom srtext carries only the name */
		if (strcmp(info->datum_name, "China 2000") == 0 ||
			strcmp(info->datum_name, "China_2000") == 0 ||
			strcmp(info->datum_name, "China_2000_Datum") == 0)
			info->is_cgcs2000 = true;

		ell = proj_get_ellipsoid(ctx, geod);
		if (ell)
		{
			double		a,
						b,
						invf;
			int			computed;

			if (proj_ellipsoid_get_parameters(ctx, ell, &a, &b, &computed, &invf))
			{
				info->semi_major = a;
				info->inv_flattening = invf;
			}
			proj_destroy(ell);
		}
		proj_destroy(geod);
	}
	else
		info->datum_name = top_strdup("");

	if (!info->is_projected)
		return;
	op = proj_crs_get_coordoperation(ctx, crs);
	if (op == NULL)
		return;
	{
		const char *method = NULL;
		const char *mauth = NULL;
		const char *mcode = NULL;

		if (proj_coordoperation_get_method_info(ctx, op, &method, &mauth, &mcode))
			info->is_transverse_mercator =
				(mauth && mcode && strcmp(mauth, "EPSG") == 0 && strcmp(mcode, "9807") == 0) ||
				(method && strcmp(method, "Transverse Mercator") == 0);
	}
	if (info->is_transverse_mercator)
	{
		info->central_meridian = op_param(ctx, op, "Longitude of natural origin", &found);
		info->latitude_of_origin = op_param(ctx, op, "Latitude of natural origin", &found);
		info->scale_factor = op_param(ctx, op, "Scale factor at natural origin", &found);
		if (!found)
			info->scale_factor = 1.0;
		info->false_easting = op_param(ctx, op, "False easting", &found);
		info->false_northing = op_param(ctx, op, "False northing", &found);
	}
	proj_destroy(op);
	infer_zone(info);
}

const JtCrsInfo *
jt_crs_info(int32 srid)
{
	CrsEntry   *entry;
	bool		found;
	JtSrsRow	row;
	PJ		   *crs;
	JtCrsInfo	info;

	init_caches();
	entry = hash_search(crs_cache, &srid, HASH_FIND, NULL);
	if (entry)
		return &entry->info;

	if (srid <= 0 || !jt_srs_lookup(srid, &row))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("SRID %d is not in spatial_ref_sys", srid),
				 errhint("CGCS2000 is SRID 4490 and its Gauss-Kruger zones are 4491-4554.")));
	crs = crs_from_row(&row);
	if (crs == NULL)
		jt_proj_raise(psprintf("reading the definition of SRID %d", srid));
	if (proj_get_type(crs) == PJ_TYPE_BOUND_CRS)
	{
		/* a proj4 string with +towgs84: the projection is the source CRS */
		PJ		   *src = proj_get_source_crs(jt_proj_ctx(), crs);

		if (src)
		{
			proj_destroy(crs);
			crs = src;
		}
	}

	memset(&info, 0, sizeof(info));
	info.srid = srid;
	PG_TRY();
	{
		fill_info(crs, &info);
	}
	PG_CATCH();
	{
		proj_destroy(crs);
		PG_RE_THROW();
	}
	PG_END_TRY();

	entry = hash_search(crs_cache, &srid, HASH_ENTER, &found);
	entry->crs = crs;
	entry->info = info;
	return &entry->info;
}

PJ *
jt_proj_transformer(int32 from_srid, int32 to_srid)
{
	int64		key = ((int64) from_srid << 32) | (uint32) to_srid;
	TransformerEntry *entry;
	bool		found;
	PJ		   *pj;
	PJ		   *norm;
	CrsEntry   *src;
	CrsEntry   *dst;

	init_caches();
	entry = hash_search(transformer_cache, &key, HASH_FIND, NULL);
	if (entry)
		return entry->pj;

	(void) jt_crs_info(from_srid);
	(void) jt_crs_info(to_srid);
	src = hash_search(crs_cache, &from_srid, HASH_FIND, NULL);
	dst = hash_search(crs_cache, &to_srid, HASH_FIND, NULL);
	pj = proj_create_crs_to_crs_from_pj(jt_proj_ctx(), src->crs, dst->crs, NULL, NULL);
	if (pj == NULL)
		jt_proj_raise(psprintf("creating a transformation from SRID %d to %d", from_srid, to_srid));
	norm = proj_normalize_for_visualization(jt_proj_ctx(), pj);
	proj_destroy(pj);
	if (norm == NULL)
		jt_proj_raise("proj_normalize_for_visualization");

	entry = hash_search(transformer_cache, &key, HASH_ENTER, &found);
	entry->pj = norm;
	return norm;
}

/*
 * jtsyq.srid_info(srid integer) -> record
 *		What jtsyq reads from a SRID's definition: datum, projection, and the
 *		Gauss-Kruger zone (number, width, prefix) used by the area code.
 */
Datum
jtsyq_srid_info(PG_FUNCTION_ARGS)
{
	int32		srid = PG_GETARG_INT32(0);
	const JtCrsInfo *info = jt_crs_info(srid);
	TupleDesc	desc;
	Datum		values[11];
	bool		nulls[11] = {0};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	desc = BlessTupleDesc(desc);

	values[0] = CStringGetTextDatum(info->name);
	values[1] = CStringGetTextDatum(info->datum_name);
	values[2] = BoolGetDatum(info->is_cgcs2000);
	values[3] = BoolGetDatum(info->is_projected);
	values[4] = BoolGetDatum(info->is_gauss_kruger);
	values[5] = Float8GetDatum(info->central_meridian);
	nulls[5] = !info->is_transverse_mercator;
	values[6] = Float8GetDatum(info->false_easting);
	nulls[6] = !info->is_transverse_mercator;
	values[7] = Int32GetDatum(info->zone);
	nulls[7] = info->zone == 0;
	values[8] = Int32GetDatum(info->zone_width);
	nulls[8] = info->zone_width == 0;
	values[9] = BoolGetDatum(info->zone_prefix);
	nulls[9] = !info->is_gauss_kruger;
	values[10] = Float8GetDatum(info->semi_major);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
