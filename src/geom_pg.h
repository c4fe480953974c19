/*-------------------------------------------------------------------------
 *
 * geom_pg.h
 *	  PostGIS geometry datums <-> jtsyq's JtGeom model, inside the backend.
 *
 * Functions take PostGIS `geometry` arguments directly (declared with the
 * geometry type in the install script) and read the serialized form with
 * gserialized.c; results are serialized by the same code, byte-identical to
 * what PostGIS writes.  No PostGIS function is called on these paths.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_GEOM_PG_H
#define JTSYQ_GEOM_PG_H

#include "postgres.h"
#include "fmgr.h"

#include "geom.h"

/* palloc in CurrentMemoryContext, for the pure-C cores. */
extern const JtAllocator *jt_palloc_allocator(void);

/*
 * Detoast and parse a geometry datum.  Raises an error naming `fname` for
 * a value jtsyq cannot use (geography, curves, corrupted data).  The result
 * references the detoasted datum's memory (CurrentMemoryContext).
 */
extern JtGeom *jt_geom_from_datum(Datum datum, const char *fname);

/*
 * The same, except that a geometry type jtsyq does not handle (curves,
 * surfaces, TINs) returns NULL instead of raising: whole-layer checks
 * report such a row as a finding and go on.
 */
extern JtGeom *jt_geom_try_from_datum(Datum datum, const char *fname);

#define PG_GETARG_JTGEOM(n, fname) jt_geom_from_datum(PG_GETARG_DATUM(n), (fname))

/* Serialize into a new geometry datum (palloc'd). */
extern Datum jt_geom_to_datum(const JtGeom *g);

/*
 * Common argument checks, each raising 22023 (invalid_parameter_value) with
 * an errdetail that names the function and what was wrong.
 */
extern void jt_require_polygonal(const JtGeom *g, const char *fname);
extern void jt_require_finite(const JtGeom *g, const char *fname);
extern void jt_require_srid(const JtGeom *g, const char *fname);

#endif							/* JTSYQ_GEOM_PG_H */
