/*-------------------------------------------------------------------------
 *
 * polygon_check.h
 *	  A fast, conservative validity check of polygons before their area is
 *	  computed.
 *
 * A self-intersecting ring ("bow tie") has a shoelace area, but not the
 * parcel's: its lobes count with opposite signs.  A hole outside its shell,
 * or overlapping members of a multipolygon, give wrong sums too.  GEOS's
 * validity test answers all of this but costs microseconds per parcel, more
 * than the area itself; this check settles the common cases exactly and
 * hands only the doubtful ones to GEOS:
 *
 *	VALID	no two segments meet except consecutive ones of a ring at their
 *			shared vertex, every hole lies inside its shell, no hole inside
 *			another, no member inside another member's shell (outside its
 *			holes).  With no contact at all, one vertex decides containment.
 *	INVALID two segments cross at a single interior point (reported), a
 *			ring is not closed or too short, or a containment rule fails.
 *	UNSURE	anything else: rings touching at a point, collinear overlaps,
 *			repeated vertices, spikes, orientation tests too close to zero
 *			for their error bound.  GEOS decides (the caller's business).
 *
 * Orientation signs are trusted only beyond a forward error bound, so a
 * VALID or INVALID verdict is never a rounding accident.
 *
 * No PostgreSQL headers: unit-tested in test/unit/test_polygon_check.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_POLYGON_CHECK_H
#define JTSYQ_POLYGON_CHECK_H

#include "geom.h"

typedef enum JtCheckVerdict
{
	JT_CHECK_VALID = 0,
	JT_CHECK_INVALID,
	JT_CHECK_UNSURE
} JtCheckVerdict;

typedef struct JtCheckResult
{
	JtCheckVerdict verdict;
	const char *reason;			/* INVALID: English, for errdetail */
	double		x,
				y;				/* INVALID: where */
} JtCheckResult;

/*
 * Check a POLYGON or MULTIPOLYGON.  Memory for the segment index comes from
 * the allocator (about 64 bytes per vertex) and is not freed (palloc in a
 * short-lived context, or an arena in the tests).  check_interrupts, if not
 * NULL, is called now and then during long checks and may longjmp.
 */
extern void jt_polygon_check(const JtGeom *g, const JtAllocator *allocator,
							 void (*check_interrupts) (void),
							 JtCheckResult *res);

#endif							/* JTSYQ_POLYGON_CHECK_H */
