/*-------------------------------------------------------------------------
 *
 * map_sheet_pg.c
 *	  SQL wrappers of the GB/T 13989-2012 sheet numbers and theoretical
 *	  sheet areas (map_sheet.c).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "decimal_round.h"
#include "geom_pg.h"
#include "gk_pg.h"
#include "map_sheet.h"
#include "proj_pg.h"

PG_FUNCTION_INFO_V1(jtsyq_sheet_number);
PG_FUNCTION_INFO_V1(jtsyq_sheet_numbers);
PG_FUNCTION_INFO_V1(jtsyq_sheet_area);
PG_FUNCTION_INFO_V1(jtsyq_sheet_bounds);

/* GK edges are densified this finely before sheet lines are tested */
#define SHEET_DENSIFY_STEP 50.0
/* a parcel must reach this far (metres) into a sheet to be on it */
#define SHEET_TOLERANCE 0.001

static const JtSheetScale *
scale_arg(int32 denominator, const char *fname)
{
	const JtSheetScale *sc = jt_sheet_scale(denominator);

	if (sc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: 1:%d is not a scale of GB/T 13989-2012", fname, denominator),
				 errhint("Scales: 1000000, 500000, 250000, 100000, 50000, 25000, 10000, 5000, 2000, 1000, 500.")));
	return sc;
}

static void
out_of_range(const char *fname, double lon, double lat)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: longitude %g, latitude %g is outside the numbered range", fname, lon, lat),
			 errdetail("Sheet numbers are computed for latitudes 0 to 60 N and longitudes -180 to 180 (GB/T 13989 rows A-O).")));
}

/* jtsyq.sheet_number(lon float8, lat float8, scale int) -> text */
Datum
jtsyq_sheet_number(PG_FUNCTION_ARGS)
{
	double		lon = PG_GETARG_FLOAT8(0);
	double		lat = PG_GETARG_FLOAT8(1);
	int32		denominator = PG_GETARG_INT32(2);
	JtSheet		sheet;
	char		buf[JT_SHEET_NUMBER_LEN];

	(void) scale_arg(denominator, "sheet_number");
	if (jt_sheet_of_point(lon, lat, denominator, &sheet) != JT_SHEET_OK)
		out_of_range("sheet_number", lon, lat);
	jt_sheet_format(&sheet, buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

typedef struct SheetList
{
	Datum	   *items;
	int			n;
	int			cap;
} SheetList;

static void
collect_sheet(const JtSheet *sheet, void *arg)
{
	SheetList  *list = (SheetList *) arg;
	char		buf[JT_SHEET_NUMBER_LEN];

	if (list->n == list->cap)
	{
		list->cap *= 2;
		list->items = repalloc(list->items, sizeof(Datum) * list->cap);
	}
	jt_sheet_format(sheet, buf);
	list->items[list->n++] = PointerGetDatum(cstring_to_text(buf));
}

static int
cmp_text_datum(const void *a, const void *b)
{
	text	   *ta = DatumGetTextPP(*(const Datum *) a);
	text	   *tb = DatumGetTextPP(*(const Datum *) b);
	int			la = VARSIZE_ANY_EXHDR(ta);
	int			lb = VARSIZE_ANY_EXHDR(tb);
	int			c = memcmp(VARDATA_ANY(ta), VARDATA_ANY(tb), Min(la, lb));

	return c != 0 ? c : la - lb;
}

/* jtsyq.sheet_numbers(geom geometry, scale int) -> text[] */
Datum
jtsyq_sheet_numbers(PG_FUNCTION_ARGS)
{
	JtGeom	   *g = PG_GETARG_JTGEOM(0, "sheet_numbers");
	int32		denominator = PG_GETARG_INT32(1);
	JtGeom		geo;
	const JtGeom *use = g;
	SheetList	list;
	double		bx,
				by;

	(void) scale_arg(denominator, "sheet_numbers");
	jt_require_polygonal(g, "sheet_numbers");
	if (jt_geom_is_empty(g))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sheet_numbers: geometry is empty")));
	jt_require_finite(g, "sheet_numbers");
	if (g->srid == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sheet_numbers: geometry has no SRID"),
				 errhint("Use a CGCS2000 Gauss-Kruger SRID (EPSG 4491-4554) or CGCS2000 longitude/latitude (4490).")));
	if (!jt_srid_is_cgcs2000_geographic(g->srid))
	{
		JtGkZone	zone;
		const JtCrsInfo *info = jt_crs_info(g->srid);

		/* longitude/latitude is accepted, but only CGCS2000's */
		if (!info->is_projected)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("sheet_numbers: SRID %d (%s) is longitude/latitude, but not CGCS2000's",
							g->srid, info->name),
					 errhint("Use CGCS2000 longitude/latitude (4490) or a CGCS2000 Gauss-Kruger SRID (EPSG 4491-4554); ST_Transform() converts.")));
		jt_resolve_gk_zone(g, "sheet_numbers", false, 0, false, 0, &zone);
		if (jt_gk_geom_inverse(g, &zone, SHEET_DENSIFY_STEP, jt_palloc_allocator(),
							   &geo, &bx, &by) != JT_GK_OK)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("sheet_numbers: vertex (%.4f %.4f) is outside its Gauss-Kruger zone", bx, by),
					 errhint("Check the SRID and the zone prefix of the eastings.")));
		use = &geo;
	}
	jt_require_valid_polygon(g, "sheet_numbers");

	list.cap = 8;
	list.n = 0;
	list.items = palloc(sizeof(Datum) * list.cap);
	if (jt_sheets_of_polygon(use, denominator, SHEET_TOLERANCE, collect_sheet, &list,
							 jt_palloc_allocator(), jt_check_interrupts) != JT_SHEET_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sheet_numbers: the geometry reaches outside the numbered range"),
				 errdetail("Sheet numbers are computed for latitudes 0 to 60 N and longitudes -180 to 180 (GB/T 13989 rows A-O).")));
	qsort(list.items, list.n, sizeof(Datum), cmp_text_datum);
	PG_RETURN_ARRAYTYPE_P(construct_array(list.items, list.n, TEXTOID, -1, false, TYPALIGN_INT));
}

static void
parse_sheet_arg(text *t, const char *fname, JtSheet *sheet)
{
	if (jt_sheet_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), sheet) != JT_SHEET_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("%s: \"%s\" is not a GB/T 13989-2012 sheet number", fname, text_to_cstring(t)),
				 errhint("E.g. J50 (1:1000000), J50G001001 (1:10000), J50K00010001 (1:500).")));
}

/* jtsyq.sheet_area(sheet_number text, decimals int) -> float8 */
Datum
jtsyq_sheet_area(PG_FUNCTION_ARGS)
{
	JtSheet		sheet;
	double		area;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	parse_sheet_arg(PG_GETARG_TEXT_PP(0), "sheet_area", &sheet);
	area = jt_sheet_area(&sheet);
	if (!PG_ARGISNULL(1))
	{
		int32		d = PG_GETARG_INT32(1);

		if (d < 0 || d > JT_ROUND_MAX_DECIMALS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("sheet_area: decimals must be between 0 and %d, or NULL for no rounding",
							JT_ROUND_MAX_DECIMALS)));
		area = jt_round_decimal(area, d);
	}
	PG_RETURN_FLOAT8(area);
}

/* jtsyq.sheet_bounds(sheet_number text) -> (west, south, east, north) */
Datum
jtsyq_sheet_bounds(PG_FUNCTION_ARGS)
{
	JtSheet		sheet;
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {0};
	double		w,
				s,
				e,
				n;

	parse_sheet_arg(PG_GETARG_TEXT_PP(0), "sheet_bounds", &sheet);
	jt_sheet_bounds(&sheet, &w, &s, &e, &n);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	desc = BlessTupleDesc(desc);
	values[0] = Float8GetDatum(w);
	values[1] = Float8GetDatum(s);
	values[2] = Float8GetDatum(e);
	values[3] = Float8GetDatum(n);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
