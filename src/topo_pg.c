/*-------------------------------------------------------------------------
 *
 * topo_pg.c
 *	  The topology engine (see topo_pg.h) and jtsyq.topology_errors().
 *
 * How a whole layer is checked
 * ----------------------------
 * The layer is read through an SPI cursor sorted by each feature's xmin
 * (SELECT key::text, geom, jtsyq._xmin(geom) ... ORDER BY 3): PostgreSQL's
 * sort spills to disk beyond work_mem, so reading costs bounded memory.  The
 * rows arrive in batches (jtsyq.topology_batch_rows).  Each feature is read
 * once: its coordinates are copied into the batch's memory context, it is
 * checked alone (empty, type, SRID, NaN, ring closure, validity, sliver),
 * converted to GEOS once, and kept while it is *live*.
 *
 * For each batch a GEOS STRtree is built over the live features that a
 * feature of this batch can still reach - those whose xmax + tolerance is
 * not west of the batch's first xmin - and each feature of the batch asks
 * the tree for candidates; every pair is examined once, when its later
 * member arrives.  A pair is first screened in pure C (topo.c) on the
 * coordinates; only when the screen cannot prove the interiors disjoint is
 * it decided with GEOS (intersection, then the maximum inscribed circle to
 * apply the tolerance).
 *
 * A feature is evicted once the next batch starts east of its xmax +
 * tolerance and no open container holds it; the memory context of a batch
 * (and, through its JtGeosArena, every GEOS object of its features) is
 * deleted when its last feature goes.  Memory therefore follows the features
 * crossed by the sweep line - for a county or a province laid out in the
 * plane, the square root of the layer - plus the members of containers the
 * sweep line crosses (a 地籍子区 is a few kilometres wide).  A container that
 * spans the whole layer keeps all its members until the end: check by
 * 地籍子区, not by county.
 *
 * Containers are read by a second cursor in the same order; a container is
 * loaded before the first feature that can reach it and completed (gaps
 * computed, members released) when the sweep has passed its east edge.
 * Gaps are proved absent without a union when every member's segments
 * were found shared with a neighbour or on the container's boundary;
 * otherwise the members are unioned and the difference taken.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/relation.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "geom_pg.h"
#include "geos_pg.h"
#include "postgis_catalog.h"
#include "topo_pg.h"

PG_FUNCTION_INFO_V1(jtsyq_topology_errors);
PG_FUNCTION_INFO_V1(jtsyq_xmin);
PG_FUNCTION_INFO_V1(jtsyq_topology_kind_keys);

int			jt_topology_batch_rows = 50000;

/* polygons of at most this many points are checked for validity in C */
#define QUICK_CHECK_MAX_POINTS 256

void
jt_topo_init(void)
{
	DefineCustomIntVariable("jtsyq.topology_batch_rows",
							"Rows jtsyq.topology_errors() reads from the layer per batch.",
							"Memory follows one batch plus the features a later one can still reach.",
							&jt_topology_batch_rows,
							50000, 1, 10000000,
							PGC_USERSET, 0,
							NULL, NULL, NULL);
	DefineCustomBoolVariable("jtsyq.topology_fast_path",
							 "Screen pairs of simple polygons by their shared vertices first.",
							 "For testing: off runs the full pair screen everywhere; findings are the same.",
							 &jt_topo_fast_path,
							 true,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);
}

/* ---------------------------------------------------------------------
 * Context, scratch, reporting
 * ---------------------------------------------------------------------
 */

void
topo_check_tolerance(const char *fname, double tol)
{
	if (!(tol > 0) || isinf(tol))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: tolerance must be a positive number of metres, got %g", fname, tol),
				 errhint("The survey's topology tolerance is 0.0001 m (DB64/T 2020-2024 §8.3.6).")));
}

void
topo_ctx_init(TopoCtx *ctx, const char *fname, double tol, double sliver_width,
			  uint32 checks, TopoEmitFn emit, void *emit_arg)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->fname = fname;
	ctx->tol = tol;
	/* "the same point": well below the tolerance, well above rounding */
	ctx->eps = tol / 100;
	ctx->sliver_width = sliver_width;
	ctx->checks = checks;
	ctx->container_dim = -1;
	ctx->emit = emit;
	ctx->emit_arg = emit_arg;
	ctx->cxt = AllocSetContextCreate(CurrentMemoryContext, "jtsyq topology",
									 ALLOCSET_DEFAULT_SIZES);
	ctx->tmpcxt = AllocSetContextCreate(ctx->cxt, "jtsyq topology scratch",
										ALLOCSET_DEFAULT_SIZES);
	(void) jt_geos();
}

void
topo_ctx_done(TopoCtx *ctx)
{
	MemoryContextDelete(ctx->cxt);
}

/* GEOS objects of the exact paths live until tmp_end() */
static JtGeosArena *
tmp_arena(TopoCtx *ctx)
{
	if (ctx->tmparena == NULL)
		ctx->tmparena = jt_geos_arena_create(ctx->tmpcxt);
	return ctx->tmparena;
}

static void
tmp_end(TopoCtx *ctx)
{
	if (ctx->tmparena != NULL)
	{
		MemoryContextReset(ctx->tmpcxt);
		ctx->tmparena = NULL;
	}
}

static GEOSGeometry *
tmp_track(TopoCtx *ctx, GEOSGeometry *g, const char *op)
{
	if (g == NULL)
		jt_geos_raise(op);
	return jt_geos_track(tmp_arena(ctx), g);
}

static void *
scratch(TopoCtx *ctx, Size size)
{
	if (size > ctx->scratch_size)
	{
		Size		n = Max(size, ctx->scratch_size * 2);

		if (ctx->scratch)
			pfree(ctx->scratch);
		ctx->scratch = MemoryContextAllocHuge(ctx->cxt, n);
		ctx->scratch_size = n;
	}
	return ctx->scratch;
}

static inline bool
wants(TopoCtx *ctx, JtTopoKind k)
{
	return (ctx->checks & (1u << k)) != 0;
}

static void
report(TopoCtx *ctx, JtTopoKind k, const char *id1, const char *id2,
	   const GEOSGeometry *g, double measure)
{
	if (!wants(ctx, k))
		return;
	ctx->nfindings++;
	ctx->emit(ctx->emit_arg, k, id1, id2, g, measure);
}

uint32
topo_parse_checks(const char *fname, Datum *elems, bool *nulls, int n, uint32 defaults)
{
	uint32		include = 0,
				exclude = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		char	   *s;
		bool		neg;
		int			k;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: checks must not contain NULL", fname)));
		s = TextDatumGetCString(elems[i]);
		neg = (s[0] == '-');
		k = jt_topo_kind_from_key(neg ? s + 1 : s);
		if (k < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: unknown check \"%s\"", fname, s),
					 errhint("The checks are the kinds in jtsyq.topology_kinds; prefix one with \"-\" to leave it out.")));
		if (neg)
			exclude |= 1u << k;
		else
			include |= 1u << k;
	}
	return (include ? include : defaults) & ~exclude;
}

/* ---------------------------------------------------------------------
 * Catalog helpers
 * ---------------------------------------------------------------------
 */

Oid
topo_geometry_type(void)
{
	static Oid	geometry_oid = InvalidOid;

	if (!OidIsValid(geometry_oid))
	{
		bool		isnull;
		Datum		d;

		if (SPI_connect() != SPI_OK_CONNECT)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("SPI_connect failed")));
		if (SPI_execute("SELECT t.oid FROM pg_catalog.pg_type t "
						"JOIN pg_catalog.pg_extension e ON e.extnamespace = t.typnamespace "
						"WHERE e.extname = 'postgis' AND t.typname = 'geometry'",
						true, 1) != SPI_OK_SELECT || SPI_processed != 1)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("the postgis extension is not installed in this database")));
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		geometry_oid = DatumGetObjectId(d);
		SPI_finish();
	}
	return geometry_oid;
}

char *
topo_relation_name(Oid relid)
{
	char	   *rel = get_rel_name(relid);

	if (rel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)), rel);
}

void
topo_check_relkind(Oid relid, const char *fname, const char *what)
{
	char		kind = get_rel_relkind(relid);

	if (kind != RELKIND_RELATION && kind != RELKIND_PARTITIONED_TABLE &&
		kind != RELKIND_VIEW && kind != RELKIND_MATVIEW && kind != RELKIND_FOREIGN_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("%s: %s %s is not a table or view", fname, what, topo_relation_name(relid))));
}

AttrNumber
topo_geometry_column(Oid relid, const char *col, const char *fname, const char *what)
{
	AttrNumber	att = get_attnum(relid, col);

	if (att == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: column \"%s\" of %s %s does not exist",
						fname, col, what, topo_relation_name(relid)),
				 errhint("Name the geometry column with geom_column => '...'.")));
	if (get_atttype(relid, att) != topo_geometry_type())
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: column \"%s\" of %s %s is of type %s, not geometry",
						fname, col, what, topo_relation_name(relid),
						format_type_be(get_atttype(relid, att)))));
	return att;
}

/*
 * The dimension a typed geometry column declares (geometry(Polygon, 4523)):
 * 0 points, 1 lines, 2 polygons, -1 none declared (geometry, a collection,
 * curves).  *srid: its SRID, 0 when none is declared.
 */
int
topo_typmod_dim(Oid relid, const char *col, int32 *srid)
{
	AttrNumber	att = get_attnum(relid, col);
	Oid			type;
	int32		typmod = -1;
	Oid			coll;
	int			gtype;

	if (srid)
		*srid = 0;
	if (att == InvalidAttrNumber)
		return -1;
	get_atttypetypmodcoll(relid, att, &type, &typmod, &coll);
	if (typmod < 0)
		return -1;
	/* PostGIS liblwgeom.h TYPMOD_GET_SRID / TYPMOD_GET_TYPE */
	if (srid)
		*srid = ((typmod & 0x0FFFFF00) - (typmod & 0x10000000)) >> 8;
	gtype = (typmod & 0x000000FC) >> 2;
	switch (gtype)
	{
		case 1:					/* point */
		case 4:					/* multipoint */
			return 0;
		case 2:					/* linestring */
		case 5:					/* multilinestring */
			return 1;
		case 3:					/* polygon */
		case 6:					/* multipolygon */
			return 2;
		default:
			return -1;
	}
}

/*
 * The dimension of a container: the one its column declares, else the one
 * of its first non-empty row; 0 (points) is an error, none at all (an
 * untyped empty container) counts as polygons.
 */
int
topo_container_dim(Oid relid, const char *col, const char *fname)
{
	int			dim = topo_typmod_dim(relid, col, NULL);

	if (dim == -1)
		dim = topo_first_dim(relid, col);
	if (dim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s: container %s holds points; containers are polygons or lines",
						fname, topo_relation_name(relid))));
	if (dim == -1)
		dim = 2;				/* empty: every feature is outside */
	return dim;
}

int
topo_first_dim(Oid relid, const char *col)
{
	char	   *sql;
	int			dim = -1;

	sql = psprintf("SELECT %s.ST_Dimension(%s) FROM %s WHERE %s IS NOT NULL AND NOT %s.ST_IsEmpty(%s) LIMIT 1",
				   jt_postgis_schema(), quote_identifier(col), topo_relation_name(relid),
				   quote_identifier(col), jt_postgis_schema(), quote_identifier(col));
	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("SPI_connect failed")));
	if (SPI_execute(sql, true, 1) != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("query failed: %s", sql)));
	if (SPI_processed == 1)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
			dim = DatumGetInt32(d);
	}
	SPI_finish();
	return dim;
}

char *
topo_primary_key_column(Oid relid)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	Oid			pk = RelationGetPrimaryKeyIndex(rel);
	char	   *name = NULL;

	if (OidIsValid(pk))
	{
		HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(pk));

		if (HeapTupleIsValid(tup))
		{
			Form_pg_index idx = (Form_pg_index) GETSTRUCT(tup);

			if (idx->indnkeyatts == 1 && idx->indkey.values[0] > 0)
				name = get_attname(relid, idx->indkey.values[0], false);
			ReleaseSysCache(tup);
		}
	}
	relation_close(rel, AccessShareLock);
	return name;
}

char *
topo_key_expr(Oid relid, const char *key_column, const char *fname, const char *what)
{
	char	   *name;
	char		kind = get_rel_relkind(relid);

	if (key_column)
	{
		if (get_attnum(relid, key_column) == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("%s: key column \"%s\" of %s %s does not exist",
							fname, key_column, what, topo_relation_name(relid))));
		return pstrdup(quote_identifier(key_column));
	}
	name = topo_primary_key_column(relid);
	if (name)
		return pstrdup(quote_identifier(name));
	if (kind == RELKIND_RELATION || kind == RELKIND_MATVIEW || kind == RELKIND_PARTITIONED_TABLE)
	{
		ereport(NOTICE,
				(errmsg("%s: %s %s has no single-column primary key; its rows are identified by ctid",
						fname, what, topo_relation_name(relid)),
				 errhint("A ctid changes when the row is updated; pass a key column for stable ids.")));
		if (kind == RELKIND_PARTITIONED_TABLE)
			return pstrdup("(tableoid::regclass::text || ctid::text)");
		return pstrdup("ctid");
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: %s %s has no primary key to identify its rows", fname, what,
					topo_relation_name(relid)),
			 errhint("Name a key column (key_column => ..., container_key_column => ...).")));
	return NULL;				/* keep compiler quiet */
}

/* ---------------------------------------------------------------------
 * Generations
 * ---------------------------------------------------------------------
 */

TopoGen *
topo_gen_new(TopoCtx *ctx)
{
	/*
	 * A generation context: a batch's features are made together and freed
	 * together, and without AllocSet's rounding to powers of two a feature
	 * takes a third less memory (fewer fresh pages for a large load).
	 */
	MemoryContext cxt = GenerationContextCreate(ctx->cxt, "jtsyq topology batch",
												0, 8 * 1024, 8 * 1024 * 1024);
	TopoGen    *gen = MemoryContextAllocZero(cxt, sizeof(TopoGen));

	gen->cxt = cxt;
	gen->arena = jt_geos_arena_create(cxt);
	gen->loading = true;
	return gen;
}

static void
gen_maybe_free(TopoGen *gen)
{
	if (gen->nlive == 0 && !gen->loading)
		MemoryContextDelete(gen->cxt);	/* frees gen itself */
}

void
topo_gen_done_loading(TopoGen *gen)
{
	gen->loading = false;
	gen_maybe_free(gen);
}

void
topo_feature_release(TopoFeature *f)
{
	TopoGen    *gen = f->gen;

	gen->nlive--;
	gen_maybe_free(gen);
}

/* ---------------------------------------------------------------------
 * GEOS helpers
 * ---------------------------------------------------------------------
 */

static GEOSGeometry *
geos_point(TopoCtx *ctx, double x, double y)
{
	return tmp_track(ctx, GEOSGeom_createPointFromXY_r(jt_geos(), x, y), "GEOSGeom_createPointFromXY");
}

static GEOSGeometry *
geos_multipoint(TopoCtx *ctx, const JtNear *pts, uint32 n)
{
	GEOSContextHandle_t h = jt_geos();
	GEOSGeometry **parts;
	uint32		i;

	if (n == 1)
		return geos_point(ctx, pts[0].x, pts[0].y);
	parts = palloc(sizeof(GEOSGeometry *) * n);
	for (i = 0; i < n; i++)
	{
		parts[i] = GEOSGeom_createPointFromXY_r(h, pts[i].x, pts[i].y);
		if (parts[i] == NULL)
		{
			while (i-- > 0)
				GEOSGeom_destroy_r(h, parts[i]);
			jt_geos_raise("GEOSGeom_createPointFromXY");
		}
	}
	return tmp_track(ctx, GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, parts, n),
					 "GEOSGeom_createCollection");
}

/* a multilinestring of n segments x1 y1 x2 y2 */
static GEOSGeometry *
geos_segments(TopoCtx *ctx, const double *xyxy, size_t stride, uint32 n)
{
	GEOSContextHandle_t h = jt_geos();
	GEOSGeometry **parts = palloc(sizeof(GEOSGeometry *) * Max(n, 1));
	uint32		i;

	for (i = 0; i < n; i++)
	{
		const double *s = xyxy + i * stride;
		GEOSCoordSequence *seq = GEOSCoordSeq_create_r(h, 2, 2);

		if (seq == NULL || !GEOSCoordSeq_setXY_r(h, seq, 0, s[0], s[1]) ||
			!GEOSCoordSeq_setXY_r(h, seq, 1, s[2], s[3]) ||
			(parts[i] = GEOSGeom_createLineString_r(h, seq)) == NULL)
		{
			while (i-- > 0)
				GEOSGeom_destroy_r(h, parts[i]);
			jt_geos_raise("GEOSGeom_createLineString");
		}
	}
	return tmp_track(ctx, GEOSGeom_createCollection_r(h, GEOS_MULTILINESTRING, parts, n),
					 "GEOSGeom_createCollection");
}

static GEOSGeometry *
feature_gg(TopoFeature *f)
{
	if (f->gg == NULL)
		f->gg = jt_geos_from_geom(f->gen->arena, f->g);
	return f->gg;
}

/* the area a ring encloses, however it winds: the union of its faces */
static GEOSGeometry *
ring_enclosed(GEOSContextHandle_t h, const GEOSGeometry *ring)
{
	GEOSGeometry *noded = GEOSNode_r(h, ring);
	GEOSGeometry *faces,
			   *area;
	const GEOSGeometry *in[1];

	if (noded == NULL)
		jt_geos_raise("GEOSNode");
	in[0] = noded;
	faces = GEOSPolygonize_r(h, in, 1);
	GEOSGeom_destroy_r(h, noded);
	if (faces == NULL)
		jt_geos_raise("GEOSPolygonize");
	area = GEOSUnaryUnion_r(h, faces);
	GEOSGeom_destroy_r(h, faces);
	if (area == NULL)
		jt_geos_raise("GEOSUnaryUnion");
	return area;
}

/*
 * Repair an invalid polygon as drawn: each shell encloses everything its
 * ring goes round (a figure-eight loop, whichever way its lobes wind, stays
 * part of the parcel), minus what its holes enclose.  GEOSMakeValid's
 * methods would turn a lobe winding the other way into a hole, and the
 * hole into a gap in the coverage.
 */
static GEOSGeometry *
repair_polygon(GEOSContextHandle_t h, const GEOSGeometry *g)
{
	int			n = GEOSGetNumGeometries_r(h, g);
	GEOSGeometry **parts = palloc(sizeof(GEOSGeometry *) * Max(n, 1));
	GEOSGeometry *all,
			   *result;
	int			i,
				j;

	for (i = 0; i < n; i++)
	{
		const GEOSGeometry *poly = GEOSGetGeometryN_r(h, g, i);
		int			nholes = GEOSGetNumInteriorRings_r(h, poly);
		GEOSGeometry *part;

		if (GEOSisEmpty_r(h, poly))
		{
			parts[i] = GEOSGeom_createEmptyPolygon_r(h);
			continue;
		}
		part = ring_enclosed(h, GEOSGetExteriorRing_r(h, poly));
		for (j = 0; j < nholes; j++)
		{
			GEOSGeometry *hole = ring_enclosed(h, GEOSGetInteriorRingN_r(h, poly, j));
			GEOSGeometry *rest = GEOSDifference_r(h, part, hole);

			GEOSGeom_destroy_r(h, hole);
			GEOSGeom_destroy_r(h, part);
			if (rest == NULL)
				jt_geos_raise("GEOSDifference");
			part = rest;
		}
		parts[i] = part;
	}
	all = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, n);
	if (all == NULL)
		jt_geos_raise("GEOSGeom_createCollection");
	result = GEOSUnaryUnion_r(h, all);
	GEOSGeom_destroy_r(h, all);
	if (result == NULL)
		jt_geos_raise("GEOSUnaryUnion");
	return result;
}

/*
 * The geometry to overlay: the feature's own, or for an invalid polygon
 * its repair (overlays of invalid input fail or mislead).
 */
static GEOSGeometry *
overlay_geom(TopoCtx *ctx, TopoFeature *f)
{
	GEOSContextHandle_t h = jt_geos();
	GEOSGeometry *gg = feature_gg(f);

	if (f->lw.dim != 2)
		return gg;
	if (!f->validity_known)
	{
		char		v = GEOSisValid_r(h, gg);

		if (v == 2)
			jt_geos_raise("GEOSisValid");
		f->invalid = (v == 0);
		f->validity_known = true;
	}
	if (!f->invalid)
		return gg;
	if (f->fixed == NULL)
		f->fixed = jt_geos_track(f->gen->arena, repair_polygon(h, gg));
	return f->fixed;
}

static double
geos_area(const GEOSGeometry *g)
{
	double		a;

	if (!GEOSArea_r(jt_geos(), g, &a))
		jt_geos_raise("GEOSArea");
	return a;
}

static double
geos_length(const GEOSGeometry *g)
{
	double		l;

	if (!GEOSLength_r(jt_geos(), g, &l))
		jt_geos_raise("GEOSLength");
	return l;
}

/*
 * Is polygon p thicker than the tolerance: does a disc of diameter tol fit
 * inside it?  That is the cluster-tolerance reading of "what vanishes when
 * points and edges closer than the tolerance are made coincident": a
 * region no wider than tol collapses.  A point on the surface far enough
 * from the boundary answers at once; otherwise the region is eroded by
 * tol / 2 (a negative buffer) and is thick if something is left.  (GEOS's
 * maximum inscribed circle would answer too, but it lays a grid of cells
 * of the region's width over it: hundreds of thousands of cells for a
 * sliver 0.00005 m wide and 10 m long.)
 */
static bool
polygon_is_thick(TopoCtx *ctx, const GEOSGeometry *p)
{
	GEOSContextHandle_t h = jt_geos();
	double		half = ctx->tol / 2;
	GEOSGeometry *pt,
			   *core;
	JtGeom	   *jg;
	JtLinework	lw;
	double		x,
				y;

	if (geos_area(p) <= M_PI * half * half)
		return false;
	pt = tmp_track(ctx, GEOSPointOnSurface_r(h, p), "GEOSPointOnSurface");
	if (!GEOSisEmpty_r(h, pt) && GEOSGeomGetX_r(h, pt, &x) && GEOSGeomGetY_r(h, pt, &y))
	{
		jg = jt_geom_from_geos(p, 0);
		jt_linework_fill(jg, palloc(sizeof(JtPath) * Max(jt_linework_npaths(jg), 1)), &lw);
		if (jt_point_linework_distance(&lw, x, y) > half)
			return true;
	}
	CHECK_FOR_INTERRUPTS();
	core = tmp_track(ctx, GEOSBuffer_r(h, p, -half, 8), "GEOSBuffer");
	return !GEOSisEmpty_r(h, core) && geos_area(core) > 0;
}

/*
 * The polygons of g thicker than the tolerance, as one geometry (NULL if
 * none) with their total area; or, with each != NULL, reported one by one.
 */
static GEOSGeometry *
thick_polygons(TopoCtx *ctx, const GEOSGeometry *g, double *area)
{
	GEOSContextHandle_t h = jt_geos();
	int			t = GEOSGeomTypeId_r(h, g);
	int			n,
				i,
				k = 0;
	GEOSGeometry **keep;

	*area = 0;
	if (t == GEOS_POLYGON)
	{
		if (GEOSisEmpty_r(h, g) || !polygon_is_thick(ctx, g))
			return NULL;
		*area = geos_area(g);
		return (GEOSGeometry *) g;
	}
	if (t != GEOS_MULTIPOLYGON && t != GEOS_GEOMETRYCOLLECTION)
		return NULL;
	n = GEOSGetNumGeometries_r(h, g);
	keep = palloc(sizeof(GEOSGeometry *) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		const GEOSGeometry *m = GEOSGetGeometryN_r(h, g, i);
		double		a;
		GEOSGeometry *sub = thick_polygons(ctx, m, &a);
		int			j;

		if (sub == NULL)
			continue;
		*area += a;
		if (GEOSGeomTypeId_r(h, sub) == GEOS_POLYGON)
			keep[k++] = GEOSGeom_clone_r(h, sub);
		else
		{
			keep = repalloc(keep, sizeof(GEOSGeometry *) * (n + k + GEOSGetNumGeometries_r(h, sub)));
			for (j = 0; j < GEOSGetNumGeometries_r(h, sub); j++)
				keep[k++] = GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, sub, j));
		}
	}
	if (k == 0)
		return NULL;
	if (k == 1)
		return tmp_track(ctx, keep[0], "GEOSGeom_clone");
	return tmp_track(ctx, GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, keep, k),
					 "GEOSGeom_createCollection");
}

char *
topo_geom_wkt(const GEOSGeometry *g)
{
	char	   *wkt = jt_geos_wkt(g, 6);

	if (strlen(wkt) > 1000)
		strcpy(wkt + 990, " ...");
	return wkt;
}

/* ---------------------------------------------------------------------
 * One feature
 * ---------------------------------------------------------------------
 */

static JtTopoKind
invalid_kind(const char *reason)
{
	if (strstr(reason, "Self-intersection"))
		return JT_TK_SELF_INTERSECTION;
	if (strstr(reason, "Too few"))
		return JT_TK_DEGENERATE_RING;
	if (strstr(reason, "not closed"))
		return JT_TK_UNCLOSED_RING;
	return JT_TK_INVALID_GEOMETRY;
}

/* report something about a feature (containers: as container_invalid) */
static void
report_feature(TopoCtx *ctx, TopoFeature *f, int role, JtTopoKind k,
			   const GEOSGeometry *g, double measure)
{
	if (role == TOPO_CONTAINER)
		report(ctx, JT_TK_CONTAINER_INVALID, f->key, NULL, g, measure);
	else if (role == TOPO_FEATURE && (f->is_new || !ctx->only_new))
		report(ctx, k, f->key, NULL, g, measure);
}

static void
check_validity(TopoCtx *ctx, TopoFeature *f, int role, JtShapeStatus st)
{
	GEOSContextHandle_t h = jt_geos();
	char	   *reason = NULL;
	GEOSGeometry *loc = NULL;
	char		v;

	f->validity_known = true;
	if (st == JT_SHAPE_OK)
		return;
	v = GEOSisValidDetail_r(h, f->gg, 0, &reason, &loc);
	if (v == 2)
		jt_geos_raise("GEOSisValidDetail");
	if (v == 1)
	{
		if (reason)
			GEOSFree_r(h, reason);
		if (loc)
			GEOSGeom_destroy_r(h, loc);
		return;
	}
	f->invalid = true;
	if (loc)
		tmp_track(ctx, loc, "GEOSisValidDetail");
	if (reason)
	{
		JtTopoKind	k = invalid_kind(reason);

		GEOSFree_r(h, reason);
		report_feature(ctx, f, role, k, loc, NAN);
	}
	else
		report_feature(ctx, f, role, JT_TK_INVALID_GEOMETRY, loc, NAN);
}

static void
check_slivers(TopoCtx *ctx, TopoFeature *f)
{
	GEOSContextHandle_t h = jt_geos();
	uint32		part;

	for (part = 0; part < f->lw.nparts; part++)
	{
		double		area,
					per,
					width;
		const GEOSGeometry *pg;

		/* most parcels are proved thick enough without square roots */
		jt_polygon_part_area_l1(&f->lw, part, &area, &per);
		if (per > 0 && 2 * area / per >= ctx->sliver_width)
			continue;
		jt_polygon_part_metrics(&f->lw, part, &area, &per);
		if (per <= 0)
			continue;
		width = 2 * area / per;
		if (width >= ctx->sliver_width)
			continue;
		pg = GEOSGeomTypeId_r(h, feature_gg(f)) == GEOS_MULTIPOLYGON ?
			GEOSGetGeometryN_r(h, f->gg, part) : f->gg;
		report(ctx, JT_TK_SLIVER, f->key, NULL, pg, width);
	}
}

TopoFeature *
topo_feature_load(TopoCtx *ctx, TopoGen *gen, const char *key, const char *link,
				  Datum geom, bool isnull, int role, bool is_new)
{
	MemoryContext old = MemoryContextSwitchTo(gen->cxt);
	/* one chunk for the feature and its key (a large load touches less memory) */
	TopoFeature *f = palloc0(offsetof(TopoFeature, keybuf) + (key ? strlen(key) + 1 : 0));
	uint32		npaths;
	int		   *dimp = role == TOPO_CONTAINER ? &ctx->container_dim : &ctx->layer_dim;
	JtShapeStatus st = JT_SHAPE_UNSURE;
	struct varlena *v;
	double		x = 0,
				y = 0;
	JtTopoKind	bad;
	double		measure = NAN;
	bool		at_point = false;

	f->seq = ctx->nextseq++;
	f->key = key ? strcpy(f->keybuf, key) : NULL;
	f->link = link ? pstrdup(link) : NULL;
	f->gen = gen;
	f->is_new = is_new;
	f->excluded = true;
	gen->nlive++;

	if (isnull)
	{
		bad = JT_TK_EMPTY_GEOMETRY;
		goto bad;
	}
	v = PG_DETOAST_DATUM_COPY(geom);
	f->datum = v;
	f->g = jt_geom_try_from_datum(PointerGetDatum(v), ctx->fname);
	if (f->g == NULL)
	{
		/* a curve or a surface: not a cadastral polygon or line */
		bad = JT_TK_WRONG_TYPE;
		goto bad;
	}
	npaths = jt_linework_npaths(f->g);
	jt_linework_fill(f->g, npaths <= 1 ? &f->path1 : palloc(sizeof(JtPath) * npaths), &f->lw);
	if (jt_geom_is_empty(f->g))
	{
		bad = JT_TK_EMPTY_GEOMETRY;
		goto bad;
	}
	if (!ctx->srid_known)
	{
		ctx->srid = f->g->srid;
		ctx->srid_known = true;
	}
	else if (f->g->srid != ctx->srid)
	{
		bad = JT_TK_SRID_MISMATCH;
		measure = f->g->srid;
		goto bad;
	}
	if (f->lw.dim != 1 && f->lw.dim != 2)
	{
		bad = JT_TK_WRONG_TYPE;
		goto bad;
	}
	if (*dimp == 0)
		*dimp = f->lw.dim;
	else if (*dimp != f->lw.dim)
	{
		bad = JT_TK_WRONG_TYPE;
		goto bad;
	}
	if (!jt_geom_all_finite(f->g))
	{
		bad = JT_TK_NAN_COORDINATE;
		goto bad;
	}
	if (f->lw.dim == 2)
	{
		/* GEOS cannot even build unclosed or too short rings */
		st = jt_polygon_quick_check(&f->lw, QUICK_CHECK_MAX_POINTS,
									scratch(ctx, sizeof(JtSegRef) * Max(f->lw.nsegs, 1)), &x, &y);
		if (st == JT_SHAPE_UNCLOSED || st == JT_SHAPE_DEGENERATE)
		{
			bad = st == JT_SHAPE_UNCLOSED ? JT_TK_UNCLOSED_RING : JT_TK_DEGENERATE_RING;
			at_point = f->lw.npoints > 0;
			goto bad;
		}
	}
	f->excluded = false;
	if (st == JT_SHAPE_OK)
		f->validity_known = true;

	/* GEOS objects only when needed: containers, unsure validity, the sweep */
	if (role == TOPO_CONTAINER)
		(void) feature_gg(f);
	if (role != TOPO_NEIGHBOUR && f->lw.dim == 2 && st != JT_SHAPE_OK)
	{
		(void) feature_gg(f);
		check_validity(ctx, f, role, st);
	}
	if (f->lw.dim == 1 && role == TOPO_FEATURE && (is_new || !ctx->only_new) &&
		wants(ctx, JT_TK_SELF_INTERSECTION))
	{
		JtNear		pts[JT_MAX_NEAR];
		uint32		n = jt_linework_self_intersections(&f->lw,
													   scratch(ctx, sizeof(JtSegRef) * Max(f->lw.nsegs, 1)),
													   ctx->eps, pts, JT_MAX_NEAR);

		if (n > 0)
			report(ctx, JT_TK_SELF_INTERSECTION, f->key, NULL,
				   geos_multipoint(ctx, pts, Min(n, JT_MAX_NEAR)), NAN);
	}
	if (f->lw.dim == 2 && role == TOPO_FEATURE && (is_new || !ctx->only_new) &&
		!f->invalid && wants(ctx, JT_TK_SLIVER))
		check_slivers(ctx, f);
	if (f->lw.dim == 2 && role != TOPO_CONTAINER && ctx->container_dim != -1)
		f->segcov = palloc0(Max(f->lw.nsegs, 1));
	MemoryContextSwitchTo(old);
	tmp_end(ctx);
	return f;

bad:
	MemoryContextSwitchTo(old);
	report_feature(ctx, f, role, bad, at_point ? geos_point(ctx, x, y) : NULL, measure);
	tmp_end(ctx);
	return f;
}

/* ---------------------------------------------------------------------
 * Pairs
 * ---------------------------------------------------------------------
 */

static void
polygon_pair_exact(TopoCtx *ctx, TopoFeature *a, TopoFeature *b)
{
	GEOSContextHandle_t h = jt_geos();
	GEOSGeometry *ga = overlay_geom(ctx, a);
	GEOSGeometry *gb = overlay_geom(ctx, b);
	GEOSGeometry *r,
			   *thick;
	void	   *scr = scratch(ctx, jt_pair_scratch_size(&a->lw, &b->lw));
	double		area;

	/* boundaries equal within the tolerance: the same parcel twice */
	if (wants(ctx, JT_TK_DUPLICATE) &&
		jt_linework_covered_by(&a->lw, &b->lw, ctx->tol, scr) &&
		jt_linework_covered_by(&b->lw, &a->lw, ctx->tol, scr))
	{
		report(ctx, JT_TK_DUPLICATE, a->key, b->key, ga, geos_area(ga));
		return;
	}
	r = tmp_track(ctx, GEOSIntersection_r(h, ga, gb), "GEOSIntersection");
	thick = thick_polygons(ctx, r, &area);
	if (thick)
		report(ctx, JT_TK_OVERLAP, a->key, b->key, thick, area);
}

void
topo_pair(TopoCtx *ctx, TopoFeature *a, TopoFeature *b)
{
	JtPairInfo	info;
	void	   *scr;

	if (a->excluded || b->excluded || a == b)
		return;
	if (ctx->only_new && !a->is_new)
	{
		TopoFeature *t;

		if (!b->is_new)
			return;
		t = a;
		a = b;
		b = t;
	}
	scr = scratch(ctx, jt_pair_scratch_size(&a->lw, &b->lw));
	if (ctx->layer_dim == 2)
	{
		bool		wedges = a->validity_known && !a->invalid &&
			b->validity_known && !b->invalid;

		jt_polygon_pair(&a->lw, &b->lw, ctx->tol, ctx->eps, wedges, a->segcov, b->segcov, scr, &info);
		if (info.nnear > 0)
			report(ctx, JT_TK_NEAR_COINCIDENT, a->key, b->key,
				   geos_multipoint(ctx, info.near, Min(info.nnear, JT_MAX_NEAR)), info.maxnear);
		if (info.maybe)
		{
			a->suspect = b->suspect = true;
			polygon_pair_exact(ctx, a, b);
		}
	}
	else
	{
		jt_line_pair(&a->lw, &b->lw, ctx->tol, ctx->eps, scr, &info);
		if (info.duplicate && wants(ctx, JT_TK_DUPLICATE))
			report(ctx, JT_TK_DUPLICATE, a->key, b->key, feature_gg(a),
				   jt_linework_length(&a->lw));
		else if (info.overlap_len > ctx->tol)
			report(ctx, JT_TK_LINE_OVERLAP, a->key, b->key,
				   geos_segments(ctx, &info.stretch[0][0], 4, Min(info.nstretch, JT_MAX_STRETCH)),
				   info.overlap_len);
		if (info.ncross > 0)
			report(ctx, JT_TK_LINE_CROSSING, a->key, b->key,
				   geos_multipoint(ctx, info.cross, Min(info.ncross, JT_MAX_NEAR)), info.ncross);
		if (info.nnear > 0)
			report(ctx, JT_TK_NEAR_COINCIDENT, a->key, b->key,
				   geos_multipoint(ctx, info.near, Min(info.nnear, JT_MAX_NEAR)), info.maxnear);
	}
	tmp_end(ctx);
}

/* ---------------------------------------------------------------------
 * Containers
 * ---------------------------------------------------------------------
 */

static const GEOSPreparedGeometry *
container_prepared(TopoCtx *ctx, TopoFeature *c)
{
	if (c->prep == NULL)
	{
		GEOSGeometry *g = overlay_geom(ctx, c);
		const GEOSPreparedGeometry *p = GEOSPrepare_r(jt_geos(), g);

		if (p == NULL)
			jt_geos_raise("GEOSPrepare");
		c->prep = jt_geos_track_prepared(c->gen->arena, p);
	}
	return c->prep;
}

/* the sorted boundary segments (or lines) of a container */
static const JtSegIndex *
container_index(TopoFeature *c)
{
	if (c->bix.segs == NULL)
	{
		JtSegRef   *segs = MemoryContextAlloc(c->gen->cxt,
											  sizeof(JtSegRef) * Max(c->lw.nsegs, 1));

		jt_segindex_init(&c->bix, segs, jt_linework_segs(&c->lw, NULL, 0, segs));
	}
	return &c->bix;
}

static void
add_member(TopoFeature *c, TopoFeature *f)
{
	int			i;

	for (i = 0; i < c->nmembers; i++)
		if (c->members[i] == f)
			return;
	if (c->nmembers == c->maxmembers)
	{
		c->maxmembers = Max(16, c->maxmembers * 2);
		if (c->members)
			c->members = repalloc_huge(c->members, sizeof(TopoFeature *) * c->maxmembers);
		else
			c->members = MemoryContextAllocHuge(c->gen->cxt,
												sizeof(TopoFeature *) * c->maxmembers);
	}
	c->members[c->nmembers++] = f;
	f->pins++;
}

/* mark f's segments lying on c's boundary (within eps) as covered */
static void
mark_on_boundary(TopoCtx *ctx, TopoFeature *f, TopoFeature *c)
{
	const JtSegIndex *ix = container_index(c);
	JtSegRef   *buf;
	JtSegIndex	near;
	uint32		n;

	if (f->segcov == NULL)
		return;
	buf = scratch(ctx, sizeof(JtSegRef) * ((Size) ix->n + f->lw.nsegs + 1));
	n = jt_segindex_near(ix, &f->lw.box, ctx->eps, buf);
	if (n == 0)
		return;
	jt_segindex_init(&near, buf, n);
	(void) jt_linework_cover(&f->lw, &near, ctx->eps, f->segcov, buf + n, NULL);
}

static void
contain_polygon(TopoCtx *ctx, TopoFeature *f, TopoFeature **cands, int n)
{
	GEOSContextHandle_t h = jt_geos();
	GEOSGeometry *gf = overlay_geom(ctx, f);
	TopoFeature *best = NULL;
	double		best_area = 0,
				area;
	GEOSGeometry *outside,
			   *thick;
	int			i;

	for (i = 0; i < n; i++)
	{
		TopoFeature *c = cands[i];
		const GEOSPreparedGeometry *p;
		char		r;

		if (c->excluded)
			continue;
		p = container_prepared(ctx, c);
		/* inside, away from the boundary: GEOS's fast prepared test */
		r = GEOSPreparedContainsProperly_r(h, p, gf);
		if (r == 2)
			jt_geos_raise("GEOSPreparedContainsProperly");
		if (r)
		{
			add_member(c, f);
			return;
		}

		/*
		 * Touching the boundary: prepared "covers" falls back to a full
		 * relate in GEOS 3.11, so decide on the coordinates first (and mark
		 * the segments on the boundary on the way).
		 */
		if (f->validity_known && !f->invalid && !c->invalid &&
			jt_polygon_within(&f->lw, &c->lw, c->lw.nsegs > 64 ? container_index(c) : NULL,
							  ctx->eps, true, f->segcov,
							  scratch(ctx, jt_pair_scratch_size(&f->lw, &c->lw) + sizeof(uint32))))
		{
			add_member(c, f);
			return;
		}
		r = GEOSPreparedCovers_r(h, p, gf);
		if (r == 2)
			jt_geos_raise("GEOSPreparedCovers");
		if (r)
		{
			add_member(c, f);
			mark_on_boundary(ctx, f, c);
			return;
		}
	}

	/* not inside one container: find where it lies */
	f->suspect = true;
	for (i = 0; i < n; i++)
	{
		char		r;
		GEOSGeometry *in;

		if (cands[i]->excluded)
			continue;
		r = GEOSPreparedIntersects_r(h, container_prepared(ctx, cands[i]), gf);
		if (r == 2)
			jt_geos_raise("GEOSPreparedIntersects");
		if (!r)
			continue;
		in = tmp_track(ctx, GEOSIntersection_r(h, overlay_geom(ctx, cands[i]), gf),
					   "GEOSIntersection");
		area = geos_area(in);
		if (area <= 0)
			continue;
		add_member(cands[i], f);
		mark_on_boundary(ctx, f, cands[i]);
		if (area > best_area)
		{
			best_area = area;
			best = cands[i];
		}
	}
	outside = best ? tmp_track(ctx, GEOSDifference_r(h, gf, overlay_geom(ctx, best)), "GEOSDifference") : gf;
	thick = thick_polygons(ctx, outside, &area);
	if (thick)
		report(ctx, JT_TK_NOT_IN_CONTAINER, f->key, best ? best->key : f->link, thick, area);
}

/*
 * Lines that must lie on polygon edges (or polygon edges on lines): the
 * parts of f farther than the tolerance from the candidates' linework.
 */
static void
edges_check(TopoCtx *ctx, TopoFeature *f, TopoFeature **cands, int n, JtTopoKind kind)
{
	GEOSContextHandle_t h = jt_geos();
	Size		total = 0;
	JtSegRef   *buf,
			   *work,
			   *unc;
	JtSegIndex	near;
	uint32		m = 0,
				nu;
	int			i;
	GEOSGeometry *gu,
			   *diff;
	double		len;

	if (!wants(ctx, kind))
		return;
	for (i = 0; i < n; i++)
		if (!cands[i]->excluded)
			total += container_index(cands[i])->n;
	buf = scratch(ctx, sizeof(JtSegRef) * (total + 2 * (Size) f->lw.nsegs + 1));
	for (i = 0; i < n; i++)
		if (!cands[i]->excluded)
			m += jt_segindex_near(&cands[i]->bix, &f->lw.box, ctx->tol, buf + m);
	jt_segindex_init(&near, buf, m);
	work = buf + m;
	unc = work + f->lw.nsegs;
	nu = jt_linework_cover(&f->lw, &near, ctx->tol, NULL, work, unc);
	if (nu == 0)
		return;

	/* exact: what is left of the uncovered segments outside a tol buffer */
	gu = geos_segments(ctx, &unc[0].x1, sizeof(JtSegRef) / sizeof(double), nu);
	if (m > 0)
	{
		GEOSGeometry *lines = geos_segments(ctx, &buf[0].x1, sizeof(JtSegRef) / sizeof(double), m);
		GEOSGeometry *zone = tmp_track(ctx, GEOSBuffer_r(h, lines, ctx->tol, 8), "GEOSBuffer");

		diff = tmp_track(ctx, GEOSDifference_r(h, gu, zone), "GEOSDifference");
	}
	else
		diff = gu;
	len = geos_length(diff);
	if (len > ctx->tol)
		report(ctx, kind, f->key, NULL, diff, len);
}

void
topo_contain(TopoCtx *ctx, TopoFeature *f, TopoFeature **cands, int n)
{
	if (f->excluded || (ctx->only_new && !f->is_new))
		return;
	if (ctx->container_dim == 1 && ctx->layer_dim == 1)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s: a line layer cannot have a line container", ctx->fname),
				 errhint("Lines are checked against a polygon layer (are they on its edges?).")));
	if (ctx->container_dim == 2 && ctx->layer_dim == 2)
	{
		if (wants(ctx, JT_TK_NOT_IN_CONTAINER) || wants(ctx, JT_TK_GAP))
			contain_polygon(ctx, f, cands, n);
	}
	else if (ctx->container_dim == 2 && ctx->layer_dim == 1)
		edges_check(ctx, f, cands, n, JT_TK_NOT_ON_POLYGON_EDGE);
	else if (ctx->container_dim == 1 && ctx->layer_dim == 2)
		edges_check(ctx, f, cands, n, JT_TK_EDGE_NOT_ON_LINE);
	tmp_end(ctx);
}

/* a container's members must tile it: report the gaps */
static void
container_gaps(TopoCtx *ctx, TopoFeature *c)
{
	GEOSContextHandle_t h = jt_geos();
	bool		proved = c->nmembers > 0 && c->lw.nparts == 1 && !c->invalid;
	GEOSGeometry **parts;
	GEOSGeometry *all,
			   *uni,
			   *gaps;
	int			i,
				n;

	for (i = 0; proved && i < c->nmembers; i++)
	{
		TopoFeature *m = c->members[i];

		if (m->suspect || m->invalid || m->segcov == NULL ||
			!jt_linework_all_marked(&m->lw, m->segcov))
			proved = false;
	}
	if (proved)
		return;

	/* exact: the container minus the union of its members */
	parts = palloc(sizeof(GEOSGeometry *) * Max(c->nmembers, 1));
	for (i = 0; i < c->nmembers; i++)
	{
		parts[i] = GEOSGeom_clone_r(h, overlay_geom(ctx, c->members[i]));
		if (parts[i] == NULL)
		{
			while (i-- > 0)
				GEOSGeom_destroy_r(h, parts[i]);
			jt_geos_raise("GEOSGeom_clone");
		}
	}
	all = tmp_track(ctx, GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, c->nmembers),
					"GEOSGeom_createCollection");
	uni = tmp_track(ctx, GEOSUnaryUnion_r(h, all), "GEOSUnaryUnion");
	gaps = tmp_track(ctx, GEOSDifference_r(h, overlay_geom(ctx, c), uni), "GEOSDifference");
	n = GEOSGetNumGeometries_r(h, gaps);
	for (i = 0; i < n; i++)
	{
		const GEOSGeometry *g = GEOSGetGeometryN_r(h, gaps, i);

		CHECK_FOR_INTERRUPTS();
		if (GEOSGeomTypeId_r(h, g) == GEOS_POLYGON && !GEOSisEmpty_r(h, g) &&
			polygon_is_thick(ctx, g))
			report(ctx, JT_TK_GAP, c->key, NULL, g, geos_area(g));
	}
}

/* ---------------------------------------------------------------------
 * Line ends: dangles and pseudo-nodes
 * ---------------------------------------------------------------------
 */

void
topo_nodes(TopoCtx *ctx, TopoFeature *f, TopoFeature **nbrs, int nnbrs)
{
	const JtLinework *lw = &f->lw;
	uint32		pi;

	if (f->excluded || f->nodes_done || lw->dim != 1)
		return;
	f->nodes_done = true;
	if ((ctx->only_new && !f->is_new) ||
		(!wants(ctx, JT_TK_DANGLE) && !wants(ctx, JT_TK_PSEUDO_NODE)))
		return;
	for (pi = 0; pi < lw->npaths; pi++)
	{
		const JtPath *p = &lw->paths[pi];
		double		x0,
					y0,
					x1,
					y1;
		int			end;

		if (p->npoints < 2)
			continue;
		x0 = p->coords[0];
		y0 = p->coords[1];
		x1 = p->coords[(size_t) (p->npoints - 1) * p->stride];
		y1 = p->coords[(size_t) (p->npoints - 1) * p->stride + 1];
		/* a closed line (within the tolerance) has no free end */
		if (hypot(x1 - x0, y1 - y0) <= ctx->tol)
			continue;
		for (end = 0; end < 2; end++)
		{
			double		x = end ? x1 : x0;
			double		y = end ? y1 : y0;
			JtContact	c;
			TopoFeature *other = NULL;
			int			other_path = -1;
			JtBox		pb = {x, y, x, y};
			int			i;

			memset(&c, 0, sizeof(c));
			c.mind = INFINITY;
			jt_point_contacts(lw, x, y, ctx->tol, (int) pi, &c);
			if (c.ends > 0)
			{
				other = f;
				other_path = c.end_path;
			}
			for (i = 0; i < nnbrs; i++)
			{
				TopoFeature *nb = nbrs[i];
				int			before = c.ends;

				if (nb == f || nb->excluded || !jt_box_within(&nb->lw.box, &pb, ctx->tol))
					continue;
				jt_point_contacts(&nb->lw, x, y, ctx->tol, -1, &c);
				if (c.ends > before)
					other = nb;
			}
			if (c.ends == 0 && !c.interior)
				report(ctx, JT_TK_DANGLE, f->key, NULL, geos_point(ctx, x, y), NAN);
			else if (c.ends == 1 && !c.interior && other != NULL)
			{
				/* two line ends meeting and nothing else: report it once */
				bool		mine;

				if (other == f)
					mine = (int) pi < other_path;
				else
					mine = (ctx->only_new && !other->is_new) || f->seq < other->seq;
				if (mine)
					report(ctx, JT_TK_PSEUDO_NODE, f->key, other == f ? f->key : other->key,
						   geos_point(ctx, x, y), NAN);
			}
		}
	}
	tmp_end(ctx);
}

/* ---------------------------------------------------------------------
 * The sweep
 * ---------------------------------------------------------------------
 */

typedef struct OpenKey
{
	const char *key;			/* hash key: the container's key text */
	TopoFeature *c;
} OpenKey;

typedef struct Sweep
{
	TopoCtx    *ctx;
	Portal		fportal;
	Portal		cportal;
	/* live features and open containers */
	TopoFeature **live;
	int			nlive,
				maxlive;
	TopoFeature **open;
	int			nopen,
				maxopen;
	/* container rows read ahead */
	SPITupleTable *cbuf;
	uint64		cbuf_n,
				cbuf_i;
	bool		cdone;
	HTAB	   *open_keys;		/* link mode: key -> open container */
	/* the batch's trees */
	MemoryContext treecxt;
	JtGeosArena *treearena;
	GEOSSTRtree *ftree;
	GEOSSTRtree *ctree;
	TopoFeature **qbuf;
	int			qn,
				qmax;
	MemoryContext rowcxt;
} Sweep;

static uint32
key_hash(const void *key, Size keysize)
{
	const char *s = *(const char *const *) key;

	return string_hash(s, strlen(s) + 1);
}

static int
key_match(const void *a, const void *b, Size keysize)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

HTAB *
topo_string_hash(const char *name, Size entrysize, MemoryContext cxt)
{
	HASHCTL		hc;

	memset(&hc, 0, sizeof(hc));
	hc.keysize = sizeof(char *);
	hc.entrysize = entrysize;
	hc.hash = key_hash;
	hc.match = key_match;
	hc.hcxt = cxt;
	return hash_create(name, 1024, &hc, HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
}

static void
append(TopoCtx *ctx, TopoFeature ***arr, int *n, int *max, TopoFeature *f)
{
	if (*n == *max)
	{
		*max = Max(1024, *max * 2);
		if (*arr)
			*arr = repalloc_huge(*arr, sizeof(TopoFeature *) * *max);
		else
			*arr = MemoryContextAllocHuge(ctx->cxt, sizeof(TopoFeature *) * *max);
	}
	(*arr)[(*n)++] = f;
}

static void
collect_cb(void *item, void *userdata)
{
	Sweep	   *sw = (Sweep *) userdata;

	/* the buffer holds every item of the tree: never full */
	if (sw->qn < sw->qmax)
		sw->qbuf[sw->qn++] = (TopoFeature *) item;
}

static int
tree_query(Sweep *sw, GEOSSTRtree *tree, const JtBox *box, double d)
{
	GEOSContextHandle_t h = jt_geos();
	GEOSGeometry *rect;

	sw->qn = 0;
	if (tree == NULL)
		return 0;
	rect = GEOSGeom_createRectangle_r(h, box->xmin - d, box->ymin - d,
									  box->xmax + d, box->ymax + d);
	if (rect == NULL)
		jt_geos_raise("GEOSGeom_createRectangle");
	GEOSSTRtree_query_r(h, tree, rect, collect_cb, sw);
	GEOSGeom_destroy_r(h, rect);
	return sw->qn;
}

/* a tree over items whose xmax + tol reaches x (all when x is -inf) */
static GEOSSTRtree *
build_tree(Sweep *sw, TopoFeature **items, int n, double x)
{
	GEOSContextHandle_t h = jt_geos();
	GEOSSTRtree *tree;
	int			i,
				k = 0;

	if (n == 0)
		return NULL;
	tree = GEOSSTRtree_create_r(h, 10);
	if (tree == NULL)
		jt_geos_raise("GEOSSTRtree_create");
	jt_geos_track_strtree(sw->treearena, tree);
	for (i = 0; i < n; i++)
	{
		TopoFeature *f = items[i];

		if (f->excluded || f->lw.box.xmax + sw->ctx->tol < x)
			continue;
		GEOSSTRtree_insert_r(h, tree, feature_gg(f), f);
		k++;
	}
	if (k > sw->qmax)
	{
		sw->qmax = Max(k, sw->qmax * 2);
		if (sw->qbuf)
			pfree(sw->qbuf);
		sw->qbuf = MemoryContextAllocHuge(sw->ctx->cxt, sizeof(TopoFeature *) * sw->qmax);
	}
	return tree;
}

static void
row_text(SPITupleTable *tt, uint64 i, int col, char **out)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tt->vals[i], tt->tupdesc, col, &isnull);

	*out = isnull ? NULL : TextDatumGetCString(d);
}

static double
row_x(SPITupleTable *tt, uint64 i)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tt->vals[i], tt->tupdesc, 3, &isnull);

	return isnull ? INFINITY : DatumGetFloat8(d);
}

/* load the containers whose xmin is at most `upto` */
static void
load_containers(Sweep *sw, double upto)
{
	TopoCtx    *ctx = sw->ctx;
	TopoGen    *gen = NULL;

	while (!sw->cdone)
	{
		char	   *key;
		bool		isnull;
		Datum		geom;
		TopoFeature *c;
		MemoryContext old;

		if (sw->cbuf_i >= sw->cbuf_n)
		{
			if (sw->cbuf)
				SPI_freetuptable(sw->cbuf);
			SPI_cursor_fetch(sw->cportal, true, 1000);
			sw->cbuf = SPI_tuptable;
			sw->cbuf_n = SPI_processed;
			sw->cbuf_i = 0;
			if (sw->cbuf_n == 0)
			{
				sw->cdone = true;
				break;
			}
		}
		if (row_x(sw->cbuf, sw->cbuf_i) > upto)
			break;
		CHECK_FOR_INTERRUPTS();
		if (gen == NULL)
			gen = topo_gen_new(ctx);
		old = MemoryContextSwitchTo(sw->rowcxt);
		row_text(sw->cbuf, sw->cbuf_i, 1, &key);
		geom = SPI_getbinval(sw->cbuf->vals[sw->cbuf_i], sw->cbuf->tupdesc, 2, &isnull);
		MemoryContextSwitchTo(old);
		sw->cbuf_i++;
		c = topo_feature_load(ctx, gen, key, NULL, geom, isnull, TOPO_CONTAINER, true);
		MemoryContextReset(sw->rowcxt);
		if (c->excluded)
		{
			topo_feature_release(c);
			continue;
		}
		(void) feature_gg(c);
		append(ctx, &sw->open, &sw->nopen, &sw->maxopen, c);
		if (sw->open_keys && c->key)
		{
			bool		found;
			OpenKey    *e = hash_search(sw->open_keys, &c->key, HASH_ENTER, &found);

			if (!found)
				e->c = c;
		}
	}
	if (gen)
		topo_gen_done_loading(gen);
}

static void
complete_container(Sweep *sw, TopoFeature *c)
{
	TopoCtx    *ctx = sw->ctx;
	int			i;

	if (ctx->container_dim == 2 && ctx->layer_dim != 1 && wants(ctx, JT_TK_GAP))
		container_gaps(ctx, c);
	tmp_end(ctx);
	for (i = 0; i < c->nmembers; i++)
		c->members[i]->pins--;
	if (sw->open_keys && c->key)
	{
		OpenKey    *e = hash_search(sw->open_keys, &c->key, HASH_FIND, NULL);

		if (e && e->c == c)
			hash_search(sw->open_keys, &c->key, HASH_REMOVE, NULL);
	}
	topo_feature_release(c);
}

/* everything the sweep has passed (no feature west of next_x remains) */
static void
end_batch(Sweep *sw, double next_x)
{
	TopoCtx    *ctx = sw->ctx;
	double		tol = ctx->tol;
	int			i,
				k;

	/* line ends of lines leaving: all their neighbours are in the tree */
	if (ctx->layer_dim == 1)
		for (i = 0; i < sw->nlive; i++)
		{
			TopoFeature *f = sw->live[i];

			if (!f->nodes_done && f->lw.box.xmax + tol < next_x)
			{
				int			n = tree_query(sw, sw->ftree, &f->lw.box, tol);

				CHECK_FOR_INTERRUPTS();
				topo_nodes(ctx, f, sw->qbuf, n);
			}
		}
	MemoryContextReset(sw->treecxt);
	sw->treearena = jt_geos_arena_create(sw->treecxt);
	sw->ftree = sw->ctree = NULL;

	for (i = 0, k = 0; i < sw->nopen; i++)
	{
		TopoFeature *c = sw->open[i];

		if (c->lw.box.xmax + tol < next_x)
		{
			CHECK_FOR_INTERRUPTS();
			complete_container(sw, c);
		}
		else
			sw->open[k++] = c;
	}
	sw->nopen = k;

	for (i = 0, k = 0; i < sw->nlive; i++)
	{
		TopoFeature *f = sw->live[i];

		if (f->lw.box.xmax + tol < next_x && f->pins == 0)
			topo_feature_release(f);
		else
			sw->live[k++] = f;
	}
	sw->nlive = k;
}

static void
sweep_init(Sweep *sw, TopoCtx *ctx, Portal containers)
{
	memset(sw, 0, sizeof(*sw));
	sw->ctx = ctx;
	sw->cportal = containers;
	sw->cdone = (containers == NULL);
	sw->treecxt = AllocSetContextCreate(ctx->cxt, "jtsyq topology trees", ALLOCSET_DEFAULT_SIZES);
	sw->treearena = jt_geos_arena_create(sw->treecxt);
	sw->rowcxt = AllocSetContextCreate(ctx->cxt, "jtsyq topology row", ALLOCSET_SMALL_SIZES);
	if (ctx->link)
		sw->open_keys = topo_string_hash("jtsyq open containers", sizeof(OpenKey), ctx->cxt);
}

/* west to east, then by key (strcmp = ORDER BY ... COLLATE "C") */
static int
cmp_feature_order(const void *a, const void *b)
{
	const TopoFeature *f = *(TopoFeature *const *) a;
	const TopoFeature *g = *(TopoFeature *const *) b;

	if (f->lw.box.xmin != g->lw.box.xmin)
		return f->lw.box.xmin < g->lw.box.xmin ? -1 : 1;
	if (f->key == NULL || g->key == NULL)
		return (f->key == NULL) - (g->key == NULL);
	return strcmp(f->key, g->key);
}

/*
 * Read one batch of rows and check it: each new feature against the live
 * ones it can reach and against its containers.  With `unsorted` the batch
 * is the whole layer, read in any order: it is put in the order the sorted
 * query would have given, so that the findings are the same.
 */
static void
sweep_batch(Sweep *sw, SPITupleTable *tt, uint64 n, bool unsorted)
{
	TopoCtx    *ctx = sw->ctx;
	double		tol = ctx->tol;
	bool		has_link = tt->tupdesc->natts >= 4;
	TopoGen    *gen = topo_gen_new(ctx);
	TopoFeature **batch = MemoryContextAllocHuge(ctx->cxt, sizeof(TopoFeature *) * Max(n, 1));
	int			nb = 0,
				i,
				j;
	double		first_x = unsorted ? -INFINITY : row_x(tt, 0);
	double		maxx = -INFINITY;

	for (i = 0; i < (int) n; i++)
	{
		char	   *key,
				   *link = NULL;
		bool		isnull,
					is_new = true;
		Datum		geom;
		TopoFeature *f;
		MemoryContext old;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(sw->rowcxt);
		row_text(tt, i, 1, &key);
		geom = SPI_getbinval(tt->vals[i], tt->tupdesc, 2, &isnull);
		if (has_link)
			row_text(tt, i, 4, &link);
		MemoryContextSwitchTo(old);
		if (ctx->new_keys)
		{
			TopoNewKey *nk = key ? hash_search(ctx->new_keys, &key, HASH_FIND, NULL) : NULL;

			is_new = nk != NULL && !nk->reported;
		}
		f = topo_feature_load(ctx, gen, key, link, geom, isnull,
							  is_new ? TOPO_FEATURE : TOPO_NEIGHBOUR, is_new);
		MemoryContextReset(sw->rowcxt);
		if (f->excluded)
		{
			topo_feature_release(f);
			continue;
		}
		batch[nb++] = f;
		maxx = Max(maxx, f->lw.box.xmax);
	}
	SPI_freetuptable(tt);
	topo_gen_done_loading(gen);
	if (unsorted && nb > 1)
	{
		int64		seq0 = batch[0]->seq;

		for (i = 1; i < nb; i++)
			seq0 = Min(seq0, batch[i]->seq);
		qsort(batch, nb, sizeof(TopoFeature *), cmp_feature_order);
		for (i = 0; i < nb; i++)
			batch[i]->seq = seq0 + i;
	}
	for (i = 0; i < nb; i++)
	{
		(void) feature_gg(batch[i]);
		append(ctx, &sw->live, &sw->nlive, &sw->maxlive, batch[i]);
	}

	if (!sw->cdone && nb > 0)
		load_containers(sw, unsorted ? INFINITY : maxx + tol);
	sw->ftree = build_tree(sw, sw->live, sw->nlive, first_x);
	sw->ctree = sw->open_keys ? NULL : build_tree(sw, sw->open, sw->nopen, -INFINITY);

	for (i = 0; i < nb; i++)
	{
		TopoFeature *b = batch[i];
		int			k;

		CHECK_FOR_INTERRUPTS();
		k = tree_query(sw, sw->ftree, &b->lw.box, tol);
		for (j = 0; j < k; j++)
			if (sw->qbuf[j]->seq < b->seq)
				topo_pair(ctx, sw->qbuf[j], b);
		if (ctx->container_dim == -1)
			continue;
		if (sw->open_keys)
		{
			OpenKey    *e = b->link ? hash_search(sw->open_keys, &b->link, HASH_FIND, NULL) : NULL;
			TopoFeature *c = e ? e->c : NULL;

			topo_contain(ctx, b, &c, c ? 1 : 0);
		}
		else
		{
			k = tree_query(sw, sw->ctree, &b->lw.box, tol);
			topo_contain(ctx, b, sw->qbuf, k);
		}
	}
	pfree(batch);
}

static void
sweep_finish(Sweep *sw)
{
	/* containers no feature reached: each is one gap */
	load_containers(sw, INFINITY);
	end_batch(sw, INFINITY);
	if (sw->cbuf)
		SPI_freetuptable(sw->cbuf);
}

void
topo_sweep(TopoCtx *ctx, Portal features, Portal containers)
{
	Sweep		sw;
	SPITupleTable *tt;
	uint64		n;

	sweep_init(&sw, ctx, containers);
	SPI_cursor_fetch(features, true, jt_topology_batch_rows);
	tt = SPI_tuptable;
	n = SPI_processed;
	while (n > 0)
	{
		double		next_x;

		sweep_batch(&sw, tt, n, false);
		SPI_cursor_fetch(features, true, jt_topology_batch_rows);
		tt = SPI_tuptable;
		n = SPI_processed;
		next_x = n > 0 ? row_x(tt, 0) : INFINITY;
		end_batch(&sw, next_x);
	}
	if (tt)
		SPI_freetuptable(tt);
	sweep_finish(&sw);
}

void
topo_sweep_query(TopoCtx *ctx, const char *sql, int nargs, Oid *types, Datum *args,
				 Portal containers)
{
	Portal		p;
	char	   *sorted;

	/* a layer that fits in one batch needs no sorting */
	p = SPI_cursor_open_with_args(NULL, sql, nargs, types, args, NULL, true, 0);
	SPI_cursor_fetch(p, true, (long) jt_topology_batch_rows + 1);
	if (SPI_processed <= (uint64) jt_topology_batch_rows)
	{
		Sweep		sw;
		SPITupleTable *tt = SPI_tuptable;
		uint64		n = SPI_processed;

		SPI_cursor_close(p);
		sweep_init(&sw, ctx, containers);
		if (n > 0)
			sweep_batch(&sw, tt, n, true);
		else
			SPI_freetuptable(tt);
		end_batch(&sw, INFINITY);
		sweep_finish(&sw);
		return;
	}
	SPI_freetuptable(SPI_tuptable);
	SPI_cursor_close(p);
	sorted = psprintf("SELECT * FROM (%s) s ORDER BY x NULLS LAST, k COLLATE \"C\"", sql);
	p = SPI_cursor_open_with_args(NULL, sorted, nargs, types, args, NULL, true, 0);
	topo_sweep(ctx, p, containers);
	SPI_cursor_close(p);
}

/* ---------------------------------------------------------------------
 * SQL: jtsyq.topology_errors(...)
 * ---------------------------------------------------------------------
 */

typedef struct SrfEmit
{
	ReturnSetInfo *rsinfo;
	TopoCtx    *ctx;
	MemoryContext cxt;
} SrfEmit;

static void
srf_emit(void *arg, JtTopoKind kind, const char *id1, const char *id2,
		 const GEOSGeometry *g, double measure)
{
	SrfEmit    *e = (SrfEmit *) arg;
	MemoryContext old = MemoryContextSwitchTo(e->cxt);
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	values[0] = CStringGetTextDatum(jt_topo_kind_key[kind]);
	if (id1)
		values[1] = CStringGetTextDatum(id1);
	else
		nulls[1] = true;
	if (id2)
		values[2] = CStringGetTextDatum(id2);
	else
		nulls[2] = true;
	if (g)
		values[3] = jt_geom_to_datum(jt_geom_from_geos(g, e->ctx->srid));
	else
		nulls[3] = true;
	if (isnan(measure))
		nulls[4] = true;
	else
		values[4] = Float8GetDatum(measure);
	tuplestore_putvalues(e->rsinfo->setResult, e->rsinfo->setDesc, values, nulls);
	MemoryContextSwitchTo(old);
	MemoryContextReset(e->cxt);
}

static char *
arg_name(FunctionCallInfo fcinfo, int i, const char *dflt)
{
	if (PG_ARGISNULL(i))
		return dflt ? pstrdup(dflt) : NULL;
	return pstrdup(NameStr(*PG_GETARG_NAME(i)));
}

/*
 * jtsyq.topology_errors(layer regclass, geom_column name, tolerance float8,
 *		container regclass, container_geom_column name, key_column name,
 *		container_key_column name, container_link name, sliver_width float8,
 *		checks text[]) RETURNS TABLE(kind, id1, id2, geom, measure)
 */
Datum
jtsyq_topology_errors(PG_FUNCTION_ARGS)
{
	const char *fname = "topology_errors";
	ReturnSetInfo *rsinfo;
	Oid			layer,
				container;
	char	   *geomcol,
			   *cgeomcol,
			   *keycol,
			   *ckeycol,
			   *link;
	double		tol,
				sliver;
	uint32		checks = TOPO_ALL_CHECKS;
	TopoCtx		ctx;
	SrfEmit		em;
	char	   *sql;
	Portal		cportal = NULL;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: layer must not be NULL", fname)));
	layer = PG_GETARG_OID(0);
	geomcol = arg_name(fcinfo, 1, "geom");
	tol = PG_ARGISNULL(2) ? 0.0001 : PG_GETARG_FLOAT8(2);
	container = PG_ARGISNULL(3) ? InvalidOid : PG_GETARG_OID(3);
	cgeomcol = arg_name(fcinfo, 4, "geom");
	keycol = arg_name(fcinfo, 5, NULL);
	ckeycol = arg_name(fcinfo, 6, NULL);
	link = arg_name(fcinfo, 7, NULL);
	sliver = PG_ARGISNULL(8) ? 0.1 : PG_GETARG_FLOAT8(8);
	topo_check_tolerance(fname, tol);
	if (!(sliver >= 0) || isinf(sliver))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: sliver_width must be zero (no sliver check) or a positive number of metres, got %g",
						fname, sliver)));
	if (!PG_ARGISNULL(9))
	{
		Datum	   *elems;
		bool	   *enulls;
		int			n;

		deconstruct_array(PG_GETARG_ARRAYTYPE_P(9), TEXTOID, -1, false, TYPALIGN_INT,
						  &elems, &enulls, &n);
		checks = topo_parse_checks(fname, elems, enulls, n, TOPO_ALL_CHECKS);
	}
	if (link && !OidIsValid(container))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: container_link needs a container", fname)));

	topo_check_relkind(layer, fname, "layer");
	(void) topo_geometry_column(layer, geomcol, fname, "layer");
	if (link && get_attnum(layer, link) == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: container_link column \"%s\" of layer %s does not exist",
						fname, link, topo_relation_name(layer))));
	if (OidIsValid(container))
	{
		topo_check_relkind(container, fname, "container");
		(void) topo_geometry_column(container, cgeomcol, fname, "container");
	}

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	topo_ctx_init(&ctx, fname, tol, sliver, checks, srf_emit, &em);
	if (sliver == 0)
		ctx.checks &= ~(1u << JT_TK_SLIVER);
	em.rsinfo = rsinfo;
	em.ctx = &ctx;
	em.cxt = AllocSetContextCreate(ctx.cxt, "jtsyq topology output", ALLOCSET_DEFAULT_SIZES);
	ctx.link = (link != NULL);
	if (OidIsValid(container))
	{
		ctx.container_dim = topo_container_dim(container, cgeomcol, fname);
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("SPI_connect failed")));
	sql = psprintf("SELECT %s::text AS k, %s AS g, jtsyq._xmin(%s) AS x%s%s%s FROM %s",
				   topo_key_expr(layer, keycol, fname, "layer"),
				   quote_identifier(geomcol), quote_identifier(geomcol),
				   link ? ", " : "", link ? quote_identifier(link) : "", link ? "::text AS l" : "",
				   topo_relation_name(layer));
	if (OidIsValid(container))
	{
		char	   *csql = psprintf("SELECT %s::text, %s, jtsyq._xmin(%s) FROM %s ORDER BY 3 NULLS LAST",
									topo_key_expr(container, ckeycol, fname, "container"),
									quote_identifier(cgeomcol), quote_identifier(cgeomcol),
									topo_relation_name(container));

		cportal = SPI_cursor_open_with_args(NULL, csql, 0, NULL, NULL, NULL, true, 0);
	}

	topo_sweep_query(&ctx, sql, 0, NULL, NULL, cportal);
	if (cportal)
		SPI_cursor_close(cportal);
	SPI_finish();
	topo_ctx_done(&ctx);
	return (Datum) 0;
}

/*
 * jtsyq._xmin(geometry) -> float8
 *		West edge of a geometry (its smallest x), the sort key of the sweep;
 *		NULL when empty or not finite (sorted last, reported as such).
 */
Datum
jtsyq_xmin(PG_FUNCTION_ARGS)
{
	JtGeom	   *g = jt_geom_try_from_datum(PG_GETARG_DATUM(0), "_xmin");
	JtLinework	lw;

	/* NULL for a row without a usable box: it becomes a finding, not a pair */
	if (g == NULL || jt_geom_is_empty(g) || !jt_geom_all_finite(g))
		PG_RETURN_NULL();
	jt_linework_fill(g, palloc(sizeof(JtPath) * Max(jt_linework_npaths(g), 1)), &lw);
	PG_RETURN_FLOAT8(lw.box.xmin);
}

/*
 * jtsyq._topology_kind_keys() -> text[]
 *		The kinds the C code knows, in order; the tests compare them with
 *		jtsyq.topology_kinds.
 */
Datum
jtsyq_topology_kind_keys(PG_FUNCTION_ARGS)
{
	Datum		elems[JT_TK_COUNT];
	int			i;

	for (i = 0; i < JT_TK_COUNT; i++)
		elems[i] = CStringGetTextDatum(jt_topo_kind_key[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, JT_TK_COUNT, TEXTOID, -1, false, TYPALIGN_INT));
}
