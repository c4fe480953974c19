/*-------------------------------------------------------------------------
 *
 * geos_pg.c
 *	  GEOS inside a PostgreSQL backend (see geos_pg.h).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "geom_pg.h"
#include "geos_pg.h"

PG_FUNCTION_INFO_V1(jtsyq_overlap_area);

static GEOSContextHandle_t geos_handle = NULL;
static char geos_last_error[1024];
static char geos_last_notice[1024];
static GEOSInterruptCallback *prev_interrupt_callback = NULL;

/* ---------------------------------------------------------------------
 * Context, messages and interruption
 * ---------------------------------------------------------------------
 */

static void
geos_error_handler(const char *message, void *userdata)
{
	strlcpy(geos_last_error, message, sizeof(geos_last_error));
}

/*
 * GEOS notices (e.g. "Self-intersection at ...") are kept, not printed:
 * a layer check would otherwise flood the client with one per feature.
 */
static void
geos_notice_handler(const char *message, void *userdata)
{
	strlcpy(geos_last_notice, message, sizeof(geos_last_notice));
}

GEOSContextHandle_t
jt_geos(void)
{
	if (geos_handle == NULL)
	{
		geos_handle = GEOS_init_r();
		if (geos_handle == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("could not initialize GEOS")));
		GEOSContext_setErrorMessageHandler_r(geos_handle, geos_error_handler, NULL);
		GEOSContext_setNoticeMessageHandler_r(geos_handle, geos_notice_handler, NULL);
	}
	geos_last_error[0] = '\0';
	return geos_handle;
}

const char *
jt_geos_last_notice(void)
{
	return geos_last_notice;
}

/*
 * GEOS calls this at its interruption points.  PostGIS registers its own
 * callback in the same process (it shares libgeos_c), so we chain to the one
 * we replaced.  A cancel request or statement timeout sets QueryCancelPending
 * (ProcDiePending on termination); asking GEOS to stop makes the running
 * operation throw, return an error, and jt_geos_raise() then lets
 * CHECK_FOR_INTERRUPTS() report the cancel in the normal way.
 */
static void
geos_interrupt_callback(void)
{
	if (prev_interrupt_callback)
		prev_interrupt_callback();
	if (QueryCancelPending || ProcDiePending)
		GEOS_interruptRequest();
}

void
jt_geos_init_interrupts(void)
{
	prev_interrupt_callback = GEOS_interruptRegisterCallback(geos_interrupt_callback);
}

void
jt_geos_raise(const char *op)
{
	const char *msg = geos_last_error[0] ? geos_last_error : "unknown error";

	/* an interrupted operation: report the cancel itself */
	CHECK_FOR_INTERRUPTS();
	GEOS_interruptCancel();

	if (strstr(msg, "TopologyException") || strstr(msg, "IllegalArgumentException"))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("GEOS cannot compute %s on this input", op),
				 errdetail("GEOS: %s", msg),
				 errhint("The input geometry is probably invalid; check it with ST_IsValidReason() or jtsyq.topology_errors().")));
	ereport(ERROR,
			(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			 errmsg("GEOS failed in %s", op),
			 errdetail("GEOS: %s", msg)));
}

/* ---------------------------------------------------------------------
 * Arena
 * ---------------------------------------------------------------------
 */

typedef enum ArenaKind
{
	ARENA_GEOMETRY,
	ARENA_PREPARED,
	ARENA_STRTREE
} ArenaKind;

typedef struct ArenaItem
{
	ArenaKind	kind;
	const void *ptr;
} ArenaItem;

struct JtGeosArena
{
	MemoryContext context;
	ArenaItem  *items;
	int			nitems;
	int			maxitems;
	MemoryContextCallback callback;
};

static void
arena_release(void *arg)
{
	JtGeosArena *arena = (JtGeosArena *) arg;
	GEOSContextHandle_t h = geos_handle;
	int			i;

	/* destroy in reverse: prepared geometries and trees before their inputs */
	for (i = arena->nitems - 1; i >= 0; i--)
	{
		ArenaItem  *it = &arena->items[i];

		if (it->ptr == NULL)
			continue;
		switch (it->kind)
		{
			case ARENA_GEOMETRY:
				GEOSGeom_destroy_r(h, (GEOSGeometry *) it->ptr);
				break;
			case ARENA_PREPARED:
				GEOSPreparedGeom_destroy_r(h, (const GEOSPreparedGeometry *) it->ptr);
				break;
			case ARENA_STRTREE:
				GEOSSTRtree_destroy_r(h, (GEOSSTRtree *) it->ptr);
				break;
		}
	}
	arena->nitems = 0;
}

JtGeosArena *
jt_geos_arena_create(MemoryContext context)
{
	JtGeosArena *arena = MemoryContextAllocZero(context, sizeof(JtGeosArena));

	arena->context = context;
	arena->maxitems = 64;
	arena->items = MemoryContextAlloc(context, sizeof(ArenaItem) * arena->maxitems);
	arena->callback.func = arena_release;
	arena->callback.arg = arena;
	MemoryContextRegisterResetCallback(context, &arena->callback);
	(void) jt_geos();
	return arena;
}

static void
arena_add(JtGeosArena *arena, ArenaKind kind, const void *ptr)
{
	if (arena->nitems == arena->maxitems)
	{
		arena->maxitems *= 2;
		arena->items = repalloc_huge(arena->items, sizeof(ArenaItem) * (Size) arena->maxitems);
	}
	arena->items[arena->nitems].kind = kind;
	arena->items[arena->nitems].ptr = ptr;
	arena->nitems++;
}

GEOSGeometry *
jt_geos_track(JtGeosArena *arena, GEOSGeometry *g)
{
	if (arena && g)
		arena_add(arena, ARENA_GEOMETRY, g);
	return g;
}

const GEOSPreparedGeometry *
jt_geos_track_prepared(JtGeosArena *arena, const GEOSPreparedGeometry *p)
{
	if (arena && p)
		arena_add(arena, ARENA_PREPARED, p);
	return p;
}

GEOSSTRtree *
jt_geos_track_strtree(JtGeosArena *arena, GEOSSTRtree *t)
{
	if (arena && t)
		arena_add(arena, ARENA_STRTREE, t);
	return t;
}

void
jt_geos_free(JtGeosArena *arena, GEOSGeometry *g)
{
	int			i;

	if (g == NULL)
		return;
	if (arena)
	{
		for (i = arena->nitems - 1; i >= 0; i--)
		{
			if (arena->items[i].ptr == g)
			{
				arena->items[i].ptr = NULL;
				/* shrink past freed slots at the end so LIFO use stays O(1) */
				while (arena->nitems > 0 && arena->items[arena->nitems - 1].ptr == NULL)
					arena->nitems--;
				break;
			}
		}
	}
	GEOSGeom_destroy_r(jt_geos(), g);
}

/* ---------------------------------------------------------------------
 * JtGeom -> GEOS
 * ---------------------------------------------------------------------
 */

static GEOSCoordSequence *
seq_from_points(GEOSContextHandle_t h, const JtGeom *g, const JtPointArray *pa)
{
	GEOSCoordSequence *seq;

	seq = GEOSCoordSeq_copyFromBuffer_r(h, pa->coords, pa->npoints, g->has_z, g->has_m);
	if (seq == NULL)
		jt_geos_raise("GEOSCoordSeq_copyFromBuffer");
	return seq;
}

static GEOSGeometry *
geos_from_geom(GEOSContextHandle_t h, const JtGeom *g)
{
	GEOSGeometry *out = NULL;
	uint32		i;

	CHECK_FOR_INTERRUPTS();
	switch (g->type)
	{
		case JT_POINT:
			if (jt_geom_is_empty(g))
				out = GEOSGeom_createEmptyPoint_r(h);
			else
				out = GEOSGeom_createPoint_r(h, seq_from_points(h, g, &g->rings[0]));
			break;
		case JT_LINESTRING:
			if (jt_geom_is_empty(g))
				out = GEOSGeom_createEmptyLineString_r(h);
			else
				out = GEOSGeom_createLineString_r(h, seq_from_points(h, g, &g->rings[0]));
			break;
		case JT_POLYGON:
			if (g->nrings == 0)
				out = GEOSGeom_createEmptyPolygon_r(h);
			else
			{
				GEOSGeometry *shell;
				GEOSGeometry **holes = NULL;

				shell = GEOSGeom_createLinearRing_r(h, seq_from_points(h, g, &g->rings[0]));
				if (shell == NULL)
					jt_geos_raise("GEOSGeom_createLinearRing");
				if (g->nrings > 1)
					holes = palloc(sizeof(GEOSGeometry *) * (g->nrings - 1));
				for (i = 1; i < g->nrings; i++)
				{
					holes[i - 1] = GEOSGeom_createLinearRing_r(h, seq_from_points(h, g, &g->rings[i]));
					if (holes[i - 1] == NULL)
					{
						/* free what was built before raising */
						GEOSGeom_destroy_r(h, shell);
						while (--i > 0)
							GEOSGeom_destroy_r(h, holes[i - 1]);
						jt_geos_raise("GEOSGeom_createLinearRing");
					}
				}
				out = GEOSGeom_createPolygon_r(h, shell, holes, g->nrings - 1);
				if (holes)
					pfree(holes);
			}
			break;
		case JT_MULTIPOINT:
		case JT_MULTILINESTRING:
		case JT_MULTIPOLYGON:
		case JT_COLLECTION:
			{
				GEOSGeometry **members = NULL;
				int			gtype = g->type == JT_MULTIPOINT ? GEOS_MULTIPOINT :
					g->type == JT_MULTILINESTRING ? GEOS_MULTILINESTRING :
					g->type == JT_MULTIPOLYGON ? GEOS_MULTIPOLYGON :
					GEOS_GEOMETRYCOLLECTION;

				if (g->ngeoms > 0)
					members = palloc(sizeof(GEOSGeometry *) * g->ngeoms);
				for (i = 0; i < g->ngeoms; i++)
				{
					PG_TRY();
					{
						members[i] = geos_from_geom(h, &g->geoms[i]);
					}
					PG_CATCH();
					{
						while (i-- > 0)
							GEOSGeom_destroy_r(h, members[i]);
						PG_RE_THROW();
					}
					PG_END_TRY();
				}
				out = GEOSGeom_createCollection_r(h, gtype, members, g->ngeoms);
				if (members)
					pfree(members);
			}
			break;
	}
	if (out == NULL)
		jt_geos_raise("GEOSGeom_create");
	return out;
}

GEOSGeometry *
jt_geos_from_geom(JtGeosArena *arena, const JtGeom *g)
{
	return jt_geos_track(arena, geos_from_geom(jt_geos(), g));
}

/* ---------------------------------------------------------------------
 * GEOS -> JtGeom
 * ---------------------------------------------------------------------
 */

static void
points_from_seq(GEOSContextHandle_t h, const GEOSGeometry *line, bool has_z,
				JtPointArray *pa)
{
	const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, line);
	unsigned int n;
	double	   *buf;

	if (seq == NULL || !GEOSCoordSeq_getSize_r(h, seq, &n))
		jt_geos_raise("GEOSGeom_getCoordSeq");
	buf = palloc(sizeof(double) * (has_z ? 3 : 2) * Max(n, 1));
	if (n > 0 && !GEOSCoordSeq_copyToBuffer_r(h, seq, buf, has_z, false))
		jt_geos_raise("GEOSCoordSeq_copyToBuffer");
	pa->npoints = n;
	pa->coords = buf;
}

static void
geom_from_geos(GEOSContextHandle_t h, const GEOSGeometry *gg, JtGeom *out,
			   int32 srid, bool has_z)
{
	int			gtype = GEOSGeomTypeId_r(h, gg);
	int			i,
				n;

	CHECK_FOR_INTERRUPTS();
	switch (gtype)
	{
		case GEOS_POINT:
		case GEOS_LINESTRING:
		case GEOS_LINEARRING:
			jt_geom_init(out, gtype == GEOS_POINT ? JT_POINT : JT_LINESTRING, srid, has_z, false);
			out->nrings = 1;
			out->rings = palloc(sizeof(JtPointArray));
			if (GEOSisEmpty_r(h, gg))
			{
				out->rings[0].npoints = 0;
				out->rings[0].coords = NULL;
			}
			else
				points_from_seq(h, gg, has_z, &out->rings[0]);
			break;
		case GEOS_POLYGON:
			jt_geom_init(out, JT_POLYGON, srid, has_z, false);
			if (GEOSisEmpty_r(h, gg))
				break;
			n = GEOSGetNumInteriorRings_r(h, gg);
			if (n < 0)
				jt_geos_raise("GEOSGetNumInteriorRings");
			out->nrings = n + 1;
			out->rings = palloc(sizeof(JtPointArray) * out->nrings);
			points_from_seq(h, GEOSGetExteriorRing_r(h, gg), has_z, &out->rings[0]);
			for (i = 0; i < n; i++)
				points_from_seq(h, GEOSGetInteriorRingN_r(h, gg, i), has_z, &out->rings[i + 1]);
			break;
		case GEOS_MULTIPOINT:
		case GEOS_MULTILINESTRING:
		case GEOS_MULTIPOLYGON:
		case GEOS_GEOMETRYCOLLECTION:
			jt_geom_init(out, gtype == GEOS_MULTIPOINT ? JT_MULTIPOINT :
						 gtype == GEOS_MULTILINESTRING ? JT_MULTILINESTRING :
						 gtype == GEOS_MULTIPOLYGON ? JT_MULTIPOLYGON : JT_COLLECTION,
						 srid, has_z, false);
			n = GEOSGetNumGeometries_r(h, gg);
			if (n < 0)
				jt_geos_raise("GEOSGetNumGeometries");
			out->ngeoms = n;
			out->geoms = n > 0 ? palloc(sizeof(JtGeom) * n) : NULL;
			for (i = 0; i < n; i++)
				geom_from_geos(h, GEOSGetGeometryN_r(h, gg, i), &out->geoms[i], srid, has_z);
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("GEOS returned an unknown geometry type %d", gtype)));
	}
}

JtGeom *
jt_geom_from_geos(const GEOSGeometry *g, int32 srid)
{
	GEOSContextHandle_t h = jt_geos();
	JtGeom	   *out = palloc(sizeof(JtGeom));
	char		has_z = GEOSHasZ_r(h, g);

	if (has_z == 2)
		jt_geos_raise("GEOSHasZ");
	geom_from_geos(h, g, out, srid, has_z == 1);
	return out;
}

char *
jt_geos_wkt(const GEOSGeometry *g, int decimals)
{
	GEOSContextHandle_t h = jt_geos();
	GEOSWKTWriter *w = GEOSWKTWriter_create_r(h);
	char	   *s;
	char	   *out;

	if (w == NULL)
		jt_geos_raise("GEOSWKTWriter_create");
	GEOSWKTWriter_setTrim_r(h, w, 1);
	GEOSWKTWriter_setRoundingPrecision_r(h, w, decimals);
	s = GEOSWKTWriter_write_r(h, w, g);
	GEOSWKTWriter_destroy_r(h, w);
	if (s == NULL)
		jt_geos_raise("GEOSWKTWriter_write");
	out = pstrdup(s);
	GEOSFree_r(h, s);
	return out;
}

/* ---------------------------------------------------------------------
 * SQL: jtsyq.overlap_area(a geometry, b geometry) -> float8
 * ---------------------------------------------------------------------
 */

/*
 * Planar area of the intersection of two polygonal geometries, in the
 * units of their SRID (m² for Gauss-Kruger).  Used by the topology reports
 * to size an overlap.  Invalid input is a GEOS TopologyException, reported
 * as 22023; long overlays honour cancel and statement_timeout.
 */
Datum
jtsyq_overlap_area(PG_FUNCTION_ARGS)
{
	JtGeom	   *a = PG_GETARG_JTGEOM(0, "overlap_area");
	JtGeom	   *b = PG_GETARG_JTGEOM(1, "overlap_area");
	JtGeosArena *arena;
	GEOSContextHandle_t h;
	GEOSGeometry *ga,
			   *gb,
			   *gi;
	double		area;

	jt_require_polygonal(a, "overlap_area");
	jt_require_polygonal(b, "overlap_area");
	jt_require_finite(a, "overlap_area");
	jt_require_finite(b, "overlap_area");
	if (a->srid != b->srid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("overlap_area: geometries have different SRIDs (%d and %d)",
						a->srid, b->srid)));

	arena = jt_geos_arena_create(CurrentMemoryContext);
	h = jt_geos();
	ga = jt_geos_from_geom(arena, a);
	gb = jt_geos_from_geom(arena, b);
	gi = jt_geos_track(arena, GEOSIntersection_r(h, ga, gb));
	if (gi == NULL)
		jt_geos_raise("GEOSIntersection");
	if (!GEOSArea_r(h, gi, &area))
		jt_geos_raise("GEOSArea");
	PG_RETURN_FLOAT8(area);
}
