/*-------------------------------------------------------------------------
 *
 * boundary_points_pg.c
 *	  SQL functions over the boundary-point engine (boundary_points.c):
 *	  界址点, 界址线, 界址点成果表 and 宗地四至, for one parcel or for the
 *	  parcels of a survey unit (a layer), where shared points are one point.
 *
 * Output conventions (DB64/T 2020-2024 §4.2): X is the northing and Y the
 * easting, both rounded to 2 decimals; lengths in metres rounded to 2
 * decimals, computed from the unrounded coordinates (§6.7.8: read from the
 * vector data).  Rounding is the survey's 四舍五入 of the value's decimal
 * (jt_round_decimal, src/decimal_round.h); the tests compare it with
 * PostgreSQL's round(v::numeric, 2), which agrees except for values that
 * need 16-17 significant digits and lie within 1e-13 of a tie.  Point and
 * line geometries are exact (unrounded), in the parcels' SRID.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include "boundary_points.h"
#include "decimal_round.h"
#include "geom_pg.h"
#include "proj_pg.h"

PG_FUNCTION_INFO_V1(jtsyq_boundary_points);
PG_FUNCTION_INFO_V1(jtsyq_boundary_lines);
PG_FUNCTION_INFO_V1(jtsyq_boundary_point_table);
PG_FUNCTION_INFO_V1(jtsyq_boundary_points_layer);
PG_FUNCTION_INFO_V1(jtsyq_boundary_lines_layer);
PG_FUNCTION_INFO_V1(jtsyq_boundary_point_table_layer);
PG_FUNCTION_INFO_V1(jtsyq_four_sides);

/* What one call works on. */
typedef struct BpInput
{
	const char *fname;
	int			nparcels;
	JtGeom	  **geoms;			/* NULL entries for NULL geometries */
	Datum	   *codes;			/* text, or NULL when codes are not given */
	bool	   *code_nulls;
	int32		srid;
	JtBpOptions opt;
	JtBpUnit	unit;
} BpInput;

static void
bp_check_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* 'J', 'H', 'T', or the 界址点类型 (JZDLX) codes 1 解析, 2 图解, 3 航测 */
static char
bp_method(text *t, const char *fname, const char *what)
{
	char	   *s = text_to_cstring(t);

	if (strcmp(s, "J") == 0 || strcmp(s, "1") == 0)
		return 'J';
	if (strcmp(s, "T") == 0 || strcmp(s, "2") == 0)
		return 'T';
	if (strcmp(s, "H") == 0 || strcmp(s, "3") == 0)
		return 'H';
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: invalid %s \"%s\"", fname, what, s),
			 errhint("Use J (解析, analytic), H (航测, aerial) or T (图解, graphic), or the 界址点类型 codes 1 (J), 2 (T), 3 (H) — DB64/T 2020-2024 §6.7.6.2.")));
	return 0;					/* keep the compiler quiet */
}

/* the elements of a one-argument array, any number of dimensions */
static int
bp_array(FunctionCallInfo fcinfo, int argno, Datum **elems, bool **nulls)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(argno);
	Oid			elemtype = ARR_ELEMTYPE(arr);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			n;

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(arr, elemtype, typlen, typbyval, typalign, elems, nulls, &n);
	return n;
}

/* Every parcel is polygonal and finite, all in one projected SRID. */
static void
bp_check_geom(BpInput *in, JtGeom *g, bool *have_srid)
{
	jt_require_polygonal(g, in->fname);
	jt_require_finite(g, in->fname);
	if (!*have_srid)
	{
		in->srid = g->srid;
		*have_srid = true;
		if (g->srid != 0 && !jt_crs_info(g->srid)->is_projected)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: SRID %d is not a projected coordinate system", in->fname, g->srid),
					 errdetail("Boundary points, lengths and sides need plane coordinates in metres."),
					 errhint("Transform to the county's CGCS2000 Gauss-Kruger zone, e.g. ST_Transform(geom, 4523).")));
	}
	else if (g->srid != in->srid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: geometries have different SRIDs (%d and %d)",
						in->fname, in->srid, g->srid)));
}

/*
 * Read the arguments and number the points.  Argument layout:
 *	single parcel: (geom, method, known_points, known_methods)
 *	layer:		   (codes, geoms, method, known_points, known_methods, context)
 *	four sides:	   (codes, names, geoms): method args absent (method_arg < 0)
 */
static void
bp_prepare(FunctionCallInfo fcinfo, BpInput *in, const char *fname, bool layer,
		   int geom_arg, int method_arg)
{
	bool		have_srid = false;
	JtBpStatus	st;
	int			i;

	memset(in, 0, sizeof(*in));
	in->fname = fname;
	in->opt.tolerance = JT_BP_TOLERANCE;
	in->opt.default_method = 'J';
	in->opt.check_interrupts = bp_check_interrupts;

	if (layer)
	{
		Datum	   *gd;
		bool	   *gn;
		int			ncodes = 0;

		if (PG_ARGISNULL(geom_arg))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: geoms must not be NULL", fname)));
		in->nparcels = bp_array(fcinfo, geom_arg, &gd, &gn);
		if (!PG_ARGISNULL(0))
		{
			ncodes = bp_array(fcinfo, 0, &in->codes, &in->code_nulls);
			if (ncodes != in->nparcels)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: %d codes for %d geometries", fname, ncodes, in->nparcels),
						 errhint("Pass the codes and geometries aggregated in the same order, e.g. array_agg(zddm ORDER BY zddm), array_agg(geom ORDER BY zddm).")));
		}
		in->geoms = palloc0(sizeof(JtGeom *) * Max(in->nparcels, 1));
		for (i = 0; i < in->nparcels; i++)
			if (!gn[i])
			{
				in->geoms[i] = jt_geom_from_datum(gd[i], fname);
				bp_check_geom(in, in->geoms[i], &have_srid);
			}
	}
	else
	{
		in->nparcels = 1;
		in->geoms = palloc0(sizeof(JtGeom *));
		if (!PG_ARGISNULL(geom_arg))
		{
			in->geoms[0] = PG_GETARG_JTGEOM(geom_arg, fname);
			bp_check_geom(in, in->geoms[0], &have_srid);
		}
	}

	if (method_arg >= 0)
	{
		if (PG_ARGISNULL(method_arg))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: method must not be NULL", fname)));
		in->opt.default_method = bp_method(PG_GETARG_TEXT_PP(method_arg), fname, "method");

		/* points whose method is known, e.g. from the JZD layer */
		if (PG_ARGISNULL(method_arg + 1) != PG_ARGISNULL(method_arg + 2))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: known_points and known_methods go together", fname)));
		if (!PG_ARGISNULL(method_arg + 1))
		{
			Datum	   *pd,
					   *md;
			bool	   *pn,
					   *mn;
			int			np = bp_array(fcinfo, method_arg + 1, &pd, &pn);
			int			nm = bp_array(fcinfo, method_arg + 2, &md, &mn);
			double	   *xy = palloc(sizeof(double) * 2 * Max(np, 1));
			char	   *m = palloc(Max(np, 1));
			int			k = 0;

			if (np != nm)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: %d known_points for %d known_methods", fname, np, nm)));
			for (i = 0; i < np; i++)
			{
				JtGeom	   *p;

				if (pn[i] || mn[i])
					continue;	/* a point without a method says nothing */
				p = jt_geom_from_datum(pd[i], fname);
				if (p->type != JT_POINT || jt_geom_is_empty(p))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("%s: known_points must be non-empty POINTs, got %s",
									fname, jt_geom_type_name(p->type))));
				jt_require_finite(p, fname);
				if (have_srid && p->srid != in->srid)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("%s: known_points have SRID %d, parcels %d",
									fname, p->srid, in->srid)));
				xy[2 * k] = p->rings[0].coords[0];
				xy[2 * k + 1] = p->rings[0].coords[1];
				m[k] = bp_method(DatumGetTextPP(md[i]), fname, "known method");
				k++;
			}
			in->opt.nknown = k;
			in->opt.known_xy = xy;
			in->opt.known_method = m;
		}
	}

	/* layer functions: neighbours outside the unit, not numbered */
	if (layer && method_arg >= 0 && PG_NARGS() > method_arg + 3 && !PG_ARGISNULL(method_arg + 3))
	{
		Datum	   *cd;
		bool	   *cn;
		int			nc = bp_array(fcinfo, method_arg + 3, &cd, &cn);
		JtGeom	  **ctx = palloc0(sizeof(JtGeom *) * Max(nc, 1));

		for (i = 0; i < nc; i++)
			if (!cn[i])
			{
				ctx[i] = jt_geom_from_datum(cd[i], fname);
				bp_check_geom(in, ctx[i], &have_srid);
			}
		in->opt.ncontext = nc;
		in->opt.context = (const JtGeom *const *) ctx;
	}

	st = jt_bp_build((const JtGeom *const *) in->geoms, in->nparcels, &in->opt,
					 jt_palloc_allocator(), &in->unit);
	if (st == JT_BP_TOO_LARGE)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: too many vertices", fname),
				 errhint("Number the points of one survey unit (地籍子区) at a time.")));
	if (st != JT_BP_OK)
	{
		int			p = in->unit.err_parcel;
		StringInfoData where;

		initStringInfo(&where);
		if (in->codes && p >= 0 && !in->code_nulls[p])
			appendStringInfo(&where, "parcel %s", TextDatumGetCString(in->codes[p]));
		else
			appendStringInfo(&where, "parcel %d", p + 1);
		if (in->unit.err_part >= 0)
			appendStringInfo(&where, ", polygon %d", in->unit.err_part + 1);
		if (in->unit.err_ring >= 0)
			appendStringInfo(&where, ", ring %d", in->unit.err_ring + 1);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s", fname, jt_bp_status_message(st)),
				 errdetail("At %s (rings counted from 1, the outer ring first).", where.data),
				 st == JT_BP_CROSSING_RING
				 ? errhint("Redraw the ring so that it does not cross itself; ST_MakeValid(geom) splits it into its lobes.")
				 : errhint("Remove repeated points and spikes, e.g. with ST_MakeValid(ST_RemoveRepeatedPoints(geom, 0.0001)).")));
	}
}

/* ---------------------------------------------------------------------
 * Output helpers
 * ---------------------------------------------------------------------
 */

/* the survey's 四舍五入 to 2 decimals (issue 3's jt_round_decimal), numeric */
static Datum
bp_round2_numeric(double v)
{
	char		buf[64];

	snprintf(buf, sizeof(buf), "%.2f", jt_round_decimal(v, 2));
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* the same as float8 */
static Datum
bp_round2(double v)
{
	return Float8GetDatum(jt_round_decimal(v, 2));
}

static Datum
bp_jzdh(const JtBpPoint *p)
{
	char		buf[32];

	snprintf(buf, sizeof(buf), "%c%d", p->method, p->seq);
	return CStringGetTextDatum(buf);
}

static Datum
bp_point_datum(const BpInput *in, const JtBpPoint *p)
{
	JtGeom		g;
	JtPointArray pa;
	double		c[2] = {p->x, p->y};

	jt_geom_init(&g, JT_POINT, in->srid, false, false);
	pa.npoints = 1;
	pa.coords = c;
	g.nrings = 1;
	g.rings = &pa;
	return jt_geom_to_datum(&g);
}

static Datum
bp_line_datum(const BpInput *in, const JtBpPoint *a, const JtBpPoint *b)
{
	JtGeom		g;
	JtPointArray pa;
	double		c[4] = {a->x, a->y, b->x, b->y};

	jt_geom_init(&g, JT_LINESTRING, in->srid, false, false);
	pa.npoints = 2;
	pa.coords = c;
	g.nrings = 1;
	g.rings = &pa;
	return jt_geom_to_datum(&g);
}

static double
bp_dist(const JtBpPoint *a, const JtBpPoint *b)
{
	return hypot(b->x - a->x, b->y - a->y);
}

/* code of parcel p as a datum, or NULL */
static void
bp_code(const BpInput *in, int p, Datum *value, bool *isnull)
{
	if (in->codes == NULL || in->code_nulls[p])
	{
		*value = (Datum) 0;
		*isnull = true;
	}
	else
	{
		*value = in->codes[p];
		*isnull = false;
	}
}

/* ---------------------------------------------------------------------
 * 界址点: one row per distinct point, in number order
 * ---------------------------------------------------------------------
 */

static void
bp_emit_points(FunctionCallInfo fcinfo, BpInput *in, bool layer)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const JtBpUnit *u = &in->unit;
	int		   *nlist = NULL;
	int		  **list = NULL;
	int			r,
				k;

	if (layer)
	{
		/* the parcels each point belongs to, in parcel order */
		nlist = palloc0(sizeof(int) * Max(u->npoints, 1));
		list = palloc0(sizeof(int *) * Max(u->npoints, 1));
		for (r = 0; r < u->nrings; r++)
			for (k = 0; k < u->rings[r].npts; k++)
				nlist[u->rings[r].pts[k]]++;
		for (k = 0; k < u->npoints; k++)
		{
			list[k] = palloc(sizeof(int) * nlist[k]);
			nlist[k] = 0;
		}
		for (r = 0; r < u->nrings; r++)
			for (k = 0; k < u->rings[r].npts; k++)
			{
				int			pt = u->rings[r].pts[k];
				int			p = u->rings[r].parcel;

				if (nlist[pt] == 0 || list[pt][nlist[pt] - 1] != p)
					list[pt][nlist[pt]++] = p;
			}
	}

	for (k = 0; k < u->npoints; k++)
	{
		const JtBpPoint *p = &u->points[k];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = bp_jzdh(p);
		if (layer)
		{
			Datum	   *codes = palloc(sizeof(Datum) * nlist[k]);
			bool	   *cnulls = palloc(sizeof(bool) * nlist[k]);
			int			dims[1] = {nlist[k]};
			int			lbs[1] = {1};
			int			j;

			for (j = 0; j < nlist[k]; j++)
				bp_code(in, list[k][j], &codes[j], &cnulls[j]);
			values[1] = Int32GetDatum(p->seq);
			values[2] = bp_round2(p->y);
			values[3] = bp_round2(p->x);
			values[4] = bp_point_datum(in, p);
			values[5] = PointerGetDatum(construct_md_array(codes, cnulls, 1, dims, lbs,
														   TEXTOID, -1, false, TYPALIGN_INT));
		}
		else
		{
			values[1] = Int32GetDatum(p->ring);
			values[2] = Int32GetDatum(p->seq);
			values[3] = bp_round2(p->y);
			values[4] = bp_round2(p->x);
			values[5] = bp_point_datum(in, p);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		CHECK_FOR_INTERRUPTS();
	}
}

/* ---------------------------------------------------------------------
 * 界址线 and 界址点成果表: per parcel, along the walks
 * ---------------------------------------------------------------------
 */

static void
bp_emit_walks(FunctionCallInfo fcinfo, BpInput *in, bool layer, bool lines)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const JtBpUnit *u = &in->unit;
	int			p,
				r,
				k;

	for (p = 0; p < u->nparcels; p++)
	{
		int			row = 0;

		for (r = u->parcel_ring[p]; r < u->parcel_ring[p + 1]; r++)
		{
			const JtBpRing *rg = &u->rings[r];

			for (k = 0; k < rg->npts; k++)
			{
				const JtBpPoint *a = &u->points[rg->pts[k]];
				const JtBpPoint *b = &u->points[rg->pts[(k + 1) % rg->npts]];
				Datum		values[8];
				bool		nulls[8] = {false, false, false, false, false, false, false, false};
				int			c = 0;

				if (layer)
				{
					bp_code(in, p, &values[0], &nulls[0]);
					c = 1;
				}
				values[c++] = Int32GetDatum(rg->ordinal);
				values[c++] = Int32GetDatum(++row);
				values[c++] = bp_jzdh(a);
				if (lines)
				{
					values[c++] = bp_jzdh(b);
					values[c++] = bp_round2_numeric(bp_dist(a, b));
					values[c++] = bp_line_datum(in, a, b);
				}
				else
				{
					values[c++] = bp_round2(a->y);
					values[c++] = bp_round2(a->x);
					values[c++] = bp_round2_numeric(bp_dist(a, b));
				}
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
			CHECK_FOR_INTERRUPTS();
		}
	}
}

/* ---------------------------------------------------------------------
 * Entry points
 * ---------------------------------------------------------------------
 */

typedef enum BpOutput
{
	BP_POINTS,					/* one row per distinct point */
	BP_LINES,					/* one row per edge of a walk */
	BP_TABLE					/* one row per point of a walk (成果表) */
} BpOutput;

/*
 * The six numbering functions: one parcel (geom, method, known_points,
 * known_methods) or a layer (codes, geoms, method, known_points,
 * known_methods, context), and what to return.
 */
static Datum
bp_run(FunctionCallInfo fcinfo, const char *fname, bool layer, BpOutput output)
{
	BpInput		in;

	InitMaterializedSRF(fcinfo, 0);
	bp_prepare(fcinfo, &in, fname, layer, layer ? 1 : 0, layer ? 2 : 1);
	if (output == BP_POINTS)
		bp_emit_points(fcinfo, &in, layer);
	else
		bp_emit_walks(fcinfo, &in, layer, output == BP_LINES);
	return (Datum) 0;
}

/* jtsyq.boundary_points(...) -> (jzdh, ring, seq, x, y, geom) */
Datum
jtsyq_boundary_points(PG_FUNCTION_ARGS)
{
	return bp_run(fcinfo, "boundary_points", false, BP_POINTS);
}

/* jtsyq.boundary_lines(...) -> (ring, seq, qdh, zdh, jzxcd, geom) */
Datum
jtsyq_boundary_lines(PG_FUNCTION_ARGS)
{
	return bp_run(fcinfo, "boundary_lines", false, BP_LINES);
}

/* jtsyq.boundary_point_table(...) -> (ring, seq, jzdh, x, y, edge_length) */
Datum
jtsyq_boundary_point_table(PG_FUNCTION_ARGS)
{
	return bp_run(fcinfo, "boundary_point_table", false, BP_TABLE);
}

/* jtsyq.boundary_points_layer(...) -> (jzdh, seq, x, y, geom, zddm text[]) */
Datum
jtsyq_boundary_points_layer(PG_FUNCTION_ARGS)
{
	return bp_run(fcinfo, "boundary_points_layer", true, BP_POINTS);
}

/* jtsyq.boundary_lines_layer(...) -> (zddm, ring, seq, qdh, zdh, jzxcd, geom) */
Datum
jtsyq_boundary_lines_layer(PG_FUNCTION_ARGS)
{
	return bp_run(fcinfo, "boundary_lines_layer", true, BP_LINES);
}

/* jtsyq.boundary_point_table_layer(...) -> (zddm, ring, seq, jzdh, x, y, edge_length) */
Datum
jtsyq_boundary_point_table_layer(PG_FUNCTION_ARGS)
{
	return bp_run(fcinfo, "boundary_point_table_layer", true, BP_TABLE);
}

/*
 * jtsyq.four_sides(codes, names, geoms) -> (zddm, north, east, south, west)
 *	 Neighbours' names (their code when the name is NULL) joined with
 *	 "、", longest shared boundary first, each name once (several parcels
 *	 of one owner are one neighbour); NULL where nothing adjoins.
 */
Datum
jtsyq_four_sides(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo;
	BpInput		in;
	JtBpSides	sides;
	Datum	   *names = NULL;
	bool	   *name_nulls = NULL;
	char	  **emitted;
	int			nnames;
	int			p,
				s;

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bp_prepare(fcinfo, &in, "four_sides", true, 2, -1);
	if (!PG_ARGISNULL(1) && bp_array(fcinfo, 1, &names, &name_nulls) != in.nparcels)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("four_sides: names and geoms differ in length")));
	jt_bp_four_sides(&in.unit, &in.opt, jt_palloc_allocator(), &sides);
	emitted = palloc(sizeof(char *) * Max(in.nparcels, 1));

	for (p = 0; p < in.nparcels; p++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		bp_code(&in, p, &values[0], &nulls[0]);
		for (s = 0; s < 4; s++)
		{
			int			k0 = sides.start[p * 4 + s];
			int			k1 = sides.start[p * 4 + s + 1];
			StringInfoData buf;
			int			k;

			if (k0 == k1)
			{
				nulls[1 + s] = true;
				continue;
			}
			initStringInfo(&buf);
			nnames = 0;
			for (k = k0; k < k1; k++)
			{
				int			q = sides.nb[k];
				Datum		v;
				bool		isnull;
				char	   *name;
				int			j;
				bool		seen = false;

				if (names && !name_nulls[q])
				{
					v = names[q];
					isnull = false;
				}
				else
					bp_code(&in, q, &v, &isnull);
				name = isnull ? psprintf("#%d", q + 1) : TextDatumGetCString(v);
				/* neighbours with the same owner are named once */
				for (j = 0; j < nnames && !seen; j++)
					seen = strcmp(emitted[j], name) == 0;
				if (seen)
					continue;
				emitted[nnames++] = name;
				if (nnames > 1)
					appendStringInfoString(&buf, "、");
				appendStringInfoString(&buf, name);
			}
			values[1 + s] = CStringGetTextDatum(buf.data);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
