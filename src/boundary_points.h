/*-------------------------------------------------------------------------
 *
 * boundary_points.h
 *	  界址点 (boundary points) of parcels: numbering, 界址线 (boundary lines)
 *	  and 宗地四至 (neighbours to the north, east, south and west).
 *
 * The rules (DB64/T 2020-2024 §6.7.5-6.7.8, §4.2):
 *
 *	- Points are numbered from 1 within a survey unit, from the parcel's
 *	  top-left point, clockwise; a parcel containing another (a hole) is
 *	  numbered on its outer boundary first, then the numbering continues
 *	  counter-clockwise on the inner boundary (§6.7.6.1).
 *	- Prefix J (解析, analytic), H (航测, aerial) or T (图解, graphic); one
 *	  running number whatever the prefix: J1, J2, T3, T4, J5 (§6.7.6.2).
 *	- Points are set at every turning point and where a boundary meets a
 *	  neighbouring parcel's boundary (§6.7.5 b), so collinear vertices are
 *	  boundary points, and a neighbour's vertex lying on an edge (a
 *	  "T-junction") becomes a point of that edge too.
 *	- A point shared by neighbouring parcels of the unit is one point with
 *	  one number: the parcels are numbered one after the other, in the
 *	  order given, and a point keeps the number it got first.
 *
 * "Top-left" (左上角), made precise:
 *	  the start of a ring is its vertex nearest to the north-west corner
 *	  (min easting, max northing) of the ring's own bounding box.  A corner
 *	  of a figure is a vertex, and "top-left" weighs "top" and "left"
 *	  equally; taking the northernmost vertex instead would start a parcel
 *	  whose northern tip lies at its eastern end at that eastern tip, which
 *	  nobody would call its top-left.  For rectangles and most parcels both
 *	  readings give the same vertex.
 *	  Ties: vertices whose distances to that corner differ by no more than
 *	  the tolerance (0.0001 m, the database tolerance of §8.3.6) are tied;
 *	  the northernmost of them wins, then the westernmost.  (Two distinct
 *	  vertices at exactly the same distance and northing would also have
 *	  the same easting, so the rule always picks one point.)
 *	  Several rings: the outer rings of a multipolygon are numbered part
 *	  after part, each part followed by its holes; parts are ordered by
 *	  the distance of their start point to the north-west corner of the
 *	  whole parcel's bounding box, holes by the distance of their start
 *	  point to the north-west corner of their part's bounding box (ties as
 *	  above).
 *
 * Coordinates: the model's x is the easting and y the northing, as PostGIS
 * stores them; survey tables call the northing X and the easting Y, which
 * the SQL layer takes care of.
 *
 * No PostgreSQL header here: the code is unit tested (test/unit) with a
 * malloc allocator and runs in the backend with palloc.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_BOUNDARY_POINTS_H
#define JTSYQ_BOUNDARY_POINTS_H

#include <stdbool.h>
#include <stdint.h>

#include "geom.h"

/* Points closer than this (m) are one point (DB64/T 2020-2024 §8.3.6). */
#define JT_BP_TOLERANCE 0.0001

typedef enum JtBpStatus
{
	JT_BP_OK = 0,
	JT_BP_NOT_POLYGONAL,		/* a parcel is not a POLYGON/MULTIPOLYGON */
	JT_BP_DEGENERATE_RING,		/* < 3 distinct points, or no area */
	JT_BP_TOO_LARGE,			/* more points than an int32 can count */
	JT_BP_CROSSING_RING			/* no net area, but not on one line: a ring
								 * crossing itself whose lobes cancel */
} JtBpStatus;

/* The four sides of a parcel, in the order of the output. */
typedef enum JtBpSide
{
	JT_BP_NORTH = 0,
	JT_BP_EAST,
	JT_BP_SOUTH,
	JT_BP_WEST
} JtBpSide;

typedef struct JtBpOptions
{
	double		tolerance;		/* JT_BP_TOLERANCE unless testing */
	char		default_method; /* 'J', 'H' or 'T' */
	/* points whose method is known (e.g. from the JZD layer): x y pairs */
	int32_t		nknown;
	const double *known_xy;
	const char *known_method;
	/*
	 * Context: neighbouring parcels outside the unit (e.g. of the next
	 * 地籍子区).  Their vertices become points of the unit's edges they lie on
	 * (T-junctions across the unit's border), but they are not numbered.
	 * NULL entries and degenerate rings are ignored.
	 */
	int32_t		ncontext;
	const JtGeom *const *context;
	/* called now and then in long loops (CHECK_FOR_INTERRUPTS) */
	void		(*check_interrupts) (void);
} JtBpOptions;

/* One distinct boundary point of the unit; points[i].seq == i + 1. */
typedef struct JtBpPoint
{
	double		x;				/* easting */
	double		y;				/* northing */
	int32_t		seq;			/* running number, from 1 */
	char		method;			/* 'J', 'H' or 'T' */
	int32_t		parcel;			/* parcel (0-based) that numbered it */
	int32_t		ring;			/* its ring ordinal in that parcel, from 1 */
} JtBpPoint;

/*
 * One ring as walked: outer rings clockwise, holes counter-clockwise, from
 * the start point; pts are indexes into points, without the closing repeat.
 */
typedef struct JtBpRing
{
	int32_t		parcel;			/* 0-based */
	int32_t		ordinal;		/* 1-based, numbering order in the parcel */
	int32_t		part;			/* 0-based polygon of the input geometry */
	bool		is_hole;
	int32_t		npts;
	int32_t    *pts;
} JtBpRing;

typedef struct JtBpUnit
{
	int32_t		nparcels;
	int32_t		npoints;
	JtBpPoint  *points;
	int32_t		nrings;
	JtBpRing   *rings;			/* parcel after parcel, numbering order */
	int32_t    *parcel_ring;	/* rings of parcel p: [parcel_ring[p],
								 * parcel_ring[p + 1]) */
	/* where the build failed (0-based; -1 when not applicable) */
	int32_t		err_parcel;
	int32_t		err_part;
	int32_t		err_ring;
} JtBpUnit;

/*
 * Number the boundary points of a survey unit.  parcels[i] may be NULL or
 * empty (it then has no rings).  Everything is allocated with allocator.
 */
extern JtBpStatus jt_bp_build(const JtGeom *const *parcels, int32_t nparcels,
							  const JtBpOptions *options,
							  const JtAllocator *allocator, JtBpUnit *out);

/*
 * 宗地四至: for each parcel and side, the neighbours sharing its outer
 * boundary on that side, longest shared length first.  An edge belongs to
 * the side its outward normal points to (north: azimuth in [315°, 45°),
 * east [45°, 135°), south [135°, 225°), west [225°, 315°)).  Edges of
 * holes are not sides of the parcel (the enclave, however, has the
 * surrounding parcel on its sides).
 * Neighbours of parcel p on side s: nb[start[p * 4 + s] ..
 * start[p * 4 + s + 1]), with the shared lengths in len.
 */
typedef struct JtBpSides
{
	int32_t    *start;			/* nparcels * 4 + 1 */
	int32_t    *nb;
	double	   *len;
} JtBpSides;

extern void jt_bp_four_sides(const JtBpUnit *unit, const JtBpOptions *options,
							 const JtAllocator *allocator, JtBpSides *out);

/* English description of a status, for errdetail. */
extern const char *jt_bp_status_message(JtBpStatus status);

#endif							/* JTSYQ_BOUNDARY_POINTS_H */
