/*-------------------------------------------------------------------------
 *
 * gk_pg.h
 *	  Which Gauss-Kruger zone a geometry's coordinates are in, from its SRID
 *	  (through PROJ, so custom county systems in spatial_ref_sys work) or
 *	  from explicit arguments for SRID 0 and local systems.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_GK_PG_H
#define JTSYQ_GK_PG_H

#include "postgres.h"

#include "gauss_kruger.h"

/*
 * Resolve the zone of g for function fname.  cm (degrees) and zone are the
 * optional explicit arguments (has_cm/has_zone false when SQL NULL).
 * Raises 22023 for a SRID that is not a CGCS2000 Gauss-Kruger system (unless
 * explicit arguments describe a local one), for arguments contradicting the
 * SRID or the coordinates' zone prefix, and for SRID 0 without arguments.
 */
extern void jt_resolve_gk_zone(const JtGeom *g, const char *fname,
							   bool has_cm, double cm, bool has_zone, int zone,
							   JtGkZone *out);

/* Is the SRID's CRS geographic CGCS2000 (e.g. 4490)? */
extern bool jt_srid_is_cgcs2000_geographic(int32 srid);

/*
 * Raise 22023 unless g (polygonal) is a valid polygon: the fast check of
 * polygon_check.c, GEOS for the cases it leaves open.
 */
extern void jt_require_valid_polygon(const JtGeom *g, const char *fname);

/* CHECK_FOR_INTERRUPTS() as a plain function, for the pure-C cores. */
extern void jt_check_interrupts(void);

#endif							/* JTSYQ_GK_PG_H */
