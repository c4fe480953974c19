/*-------------------------------------------------------------------------
 *
 * geos_pg.h
 *	  One GEOS context per backend, GEOS errors as SQL errors, cancellation,
 *	  and JtGeom <-> GEOS conversion.
 *
 * GEOS reports errors through a message handler and a NULL/error return; we
 * must not longjmp (ereport) out of the handler, which runs inside GEOS's
 * C++ frames.  The handler only records the message; the caller sees the
 * failed return and calls jt_geos_raise(), which ereports from C code.
 *
 * GEOS objects are malloc'd by GEOS, outside PostgreSQL's memory contexts.
 * A JtGeosArena ties them to a memory context: when the context is reset or
 * deleted, including by an error's transaction abort, the arena destroys
 * everything it tracks, so neither a cancel nor a GEOS exception leaks.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_GEOS_PG_H
#define JTSYQ_GEOS_PG_H

#include "postgres.h"

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include "geom.h"

/* The backend's GEOS context, created on first use. */
extern GEOSContextHandle_t jt_geos(void);

/*
 * Raise the error GEOS just reported for operation `op` ("GEOSIntersection"):
 * a pending cancel or statement timeout wins (the query is cancelled as
 * usual); GEOS's TopologyException / IllegalArgumentException, caused by the
 * input, are 22023; anything else is 38000 (external routine exception).
 */
extern void jt_geos_raise(const char *op) pg_attribute_noreturn();

/* The last notice GEOS emitted (e.g. the reason a geometry is invalid). */
extern const char *jt_geos_last_notice(void);

/* Install the interrupt callback; called from _PG_init. */
extern void jt_geos_init_interrupts(void);

/* Arena of GEOS objects freed with a memory context (see above). */
typedef struct JtGeosArena JtGeosArena;

extern JtGeosArena *jt_geos_arena_create(MemoryContext context);
extern GEOSGeometry *jt_geos_track(JtGeosArena *arena, GEOSGeometry *g);
extern const GEOSPreparedGeometry *jt_geos_track_prepared(JtGeosArena *arena,
														  const GEOSPreparedGeometry *p);
extern GEOSSTRtree *jt_geos_track_strtree(JtGeosArena *arena, GEOSSTRtree *t);
/* Destroy one tracked geometry now (cheap for the most recent ones). */
extern void jt_geos_free(JtGeosArena *arena, GEOSGeometry *g);

/*
 * Conversions.  jt_geos_from_geom returns a tracked GEOS geometry (the arena
 * may be NULL for an untracked one the caller destroys itself);
 * jt_geom_from_geos returns a palloc'd JtGeom with its own coordinates.
 */
extern GEOSGeometry *jt_geos_from_geom(JtGeosArena *arena, const JtGeom *g);
extern JtGeom *jt_geom_from_geos(const GEOSGeometry *g, int32 srid);

/* WKT of a GEOS geometry, palloc'd, with `decimals` digits (errdetail). */
extern char *jt_geos_wkt(const GEOSGeometry *g, int decimals);

#endif							/* JTSYQ_GEOS_PG_H */
