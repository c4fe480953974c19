/*-------------------------------------------------------------------------
 *
 * topo.h
 *	  Pure-C cores of jtsyq's topology checks (no PostgreSQL headers; unit
 *	  tested under ASan/UBSan in test/unit/test_topo.c).
 *
 * The whole-layer check (topo_pg.c) and the trigger (topo_trigger.c) find
 * candidate pairs with a GEOS STRtree and decide most of them here, on the
 * coordinates as read from the serialized geometry, without building GEOS
 * objects:
 *
 *	- jt_polygon_pair() is a *screen*: it proves that the interiors of two
 *	  polygons are disjoint (the usual case of edge-matched neighbours) or
 *	  answers "maybe", and then the caller decides exactly with GEOS.  It
 *	  also marks the segments each polygon shares with the other (within a
 *	  tiny distance eps), which later proves a container gap-free without a
 *	  union, and lists vertices that lie within the tolerance of the other's
 *	  boundary without being on it (near-coincident, unsnapped vertices).
 *	- jt_line_pair() finds crossings, shared stretches and unsnapped
 *	  endpoints of two lines; jt_point_contacts() counts what meets a line's
 *	  end (dangles, pseudo-nodes).
 *	- jt_linework_self_intersections() finds where a line or ring meets
 *	  itself; jt_lock_cells() computes the advisory-lock grid cells of the
 *	  trigger.
 *
 * Why a screen and not GEOS alone: GEOS 3.11 has no coverage validator, and
 * deciding "do the interiors meet" with GEOSRelate for every pair of
 * neighbours costs what the PostGIS self-join costs.  The screen is sound:
 * it answers "disjoint" only when every boundary segment of each polygon
 * either lies on the other's boundary, or meets it at most in shared
 * vertices and runs outside it; together with the check that no exterior
 * ring lies entirely on the other's boundary (equal components), this
 * implies disjoint interiors (see jt_polygon_pair in topo.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_TOPO_H
#define JTSYQ_TOPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "geom.h"

/*
 * The stable vocabulary of findings; the keys are the `kind` values of
 * jtsyq.topology_errors() and rows of jtsyq.topology_kinds (which adds the
 * Chinese labels).  Append only: the keys are an interface.
 */
typedef enum JtTopoKind
{
	JT_TK_EMPTY_GEOMETRY,
	JT_TK_WRONG_TYPE,
	JT_TK_NAN_COORDINATE,
	JT_TK_SRID_MISMATCH,
	JT_TK_UNCLOSED_RING,
	JT_TK_DEGENERATE_RING,
	JT_TK_SELF_INTERSECTION,
	JT_TK_INVALID_GEOMETRY,
	JT_TK_DUPLICATE,
	JT_TK_OVERLAP,
	JT_TK_GAP,
	JT_TK_SLIVER,
	JT_TK_NOT_IN_CONTAINER,
	JT_TK_NEAR_COINCIDENT,
	JT_TK_LINE_CROSSING,
	JT_TK_LINE_OVERLAP,
	JT_TK_DANGLE,
	JT_TK_PSEUDO_NODE,
	JT_TK_NOT_ON_POLYGON_EDGE,
	JT_TK_EDGE_NOT_ON_LINE,
	JT_TK_CONTAINER_INVALID,
	JT_TK_COUNT
} JtTopoKind;

extern const char *const jt_topo_kind_key[JT_TK_COUNT];

/* Kind number of a key, or -1. */
extern int	jt_topo_kind_from_key(const char *key);

/* ---------------------------------------------------------------------
 * Boxes
 * ---------------------------------------------------------------------
 */
typedef struct JtBox
{
	double		xmin,
				ymin,
				xmax,
				ymax;
} JtBox;

extern void jt_box_set_empty(JtBox *b);
extern bool jt_box_is_empty(const JtBox *b);
/* Do a and b intersect once each is grown by d on every side? */
extern bool jt_box_within(const JtBox *a, const JtBox *b, double d);

/* ---------------------------------------------------------------------
 * Linework: a geometry as a flat list of paths (rings or lines)
 * ---------------------------------------------------------------------
 */
typedef struct JtPath
{
	const double *coords;		/* npoints * stride doubles, x y first */
	uint32_t	npoints;
	uint32_t	stride;
	uint32_t	part;			/* polygon or line number in the geometry */
	uint32_t	seg0;			/* number of this path's first segment */
	bool		ring;			/* a polygon ring */
	bool		shell;			/* a polygon's exterior ring */
	int8_t		inside;			/* rings: +1 the polygon's interior is left of
								 * the ring's direction, -1 right, 0 unknown
								 * (zero area) */
	double		area2;			/* twice the signed area the path encloses
								 * (3 points or more, else 0) */
} JtPath;

typedef struct JtLinework
{
	JtPath	   *paths;
	uint32_t	npaths;
	uint32_t	nparts;
	uint32_t	nsegs;			/* segments of all paths, numbered from 0 */
	uint32_t	npoints;
	uint32_t	nrepeated;		/* points equal to the one before them */
	int			dim;			/* 2 polygonal, 1 linear, 0 points, -1 mixed */
	JtBox		box;
} JtLinework;

/* Number of paths of g (the size of the array jt_linework_fill needs). */
extern uint32_t jt_linework_npaths(const JtGeom *g);
/* Describe g; paths must hold jt_linework_npaths(g) entries. */
extern void jt_linework_fill(const JtGeom *g, JtPath *paths, JtLinework *lw);

/* A segment copied out of a linework, with its box. */
typedef struct JtSegRef
{
	double		x1,
				y1,
				x2,
				y2;
	double		xmin,
				xmax,
				ymin,
				ymax;
	uint32_t	seg;			/* segment number in its linework */
	uint32_t	path;			/* path number in its linework */
	uint32_t	ord;			/* ordinal among the path's non-zero segments */
	uint32_t	nord;			/* number of non-zero segments of the path */
} JtSegRef;

/*
 * Copy the non-zero-length segments of lw whose box is within d of clip
 * (all of them when clip is NULL) into out (room for lw->nsegs entries);
 * returns how many.  jt_segs_sort_x sorts them by xmin.
 */
extern uint32_t jt_linework_segs(const JtLinework *lw, const JtBox *clip, double d,
								 JtSegRef *out);
extern void jt_segs_sort_x(JtSegRef *segs, uint32_t n);

/*
 * A set of segments sorted by xmin, for "what is near this box" queries
 * (a container's boundary, the lines near a polygon).
 */
typedef struct JtSegIndex
{
	JtSegRef   *segs;
	uint32_t	n;
	double		maxw;			/* largest x-extent of a segment */
} JtSegIndex;

/* Sort segs[0..n-1] (filled by the caller) into an index. */
extern void jt_segindex_init(JtSegIndex *ix, JtSegRef *segs, uint32_t n);
/* Copy the segments within d of box into out (still sorted). */
extern uint32_t jt_segindex_near(const JtSegIndex *ix, const JtBox *box, double d,
								 JtSegRef *out);

/*
 * Which segments of a are covered by the index within d (jt_seg_covered)?
 * Sets cov[seg] = 1 for those (when cov is not NULL), copies the others to
 * uncovered (when not NULL) and returns their number.  scratch: room for
 * a->nsegs entries.
 */
extern uint32_t jt_linework_cover(const JtLinework *a, const JtSegIndex *ix, double d,
								  uint8_t *cov, JtSegRef *scratch, JtSegRef *uncovered);
/* Is every non-zero segment of lw marked in cov? */
extern bool jt_linework_all_marked(const JtLinework *lw, const uint8_t *cov);

/* ---------------------------------------------------------------------
 * Measures and locations
 * ---------------------------------------------------------------------
 */
typedef enum JtLocation
{
	JT_OUTSIDE = 0,
	JT_INSIDE = 1,
	JT_ON_BOUNDARY = 2
} JtLocation;

/* Location of (x, y) relative to polygonal lw; "on" within eps. */
extern JtLocation jt_point_in_polygon(const JtLinework *lw, double x, double y, double eps);

/* Area (holes subtracted) and perimeter of polygon `part` of lw. */
extern void jt_polygon_part_metrics(const JtLinework *lw, uint32_t part,
									double *area, double *perimeter);

/*
 * The same area with the perimeter measured as sum(|dx| + |dy|), which is
 * never less than the true one (also as rounded): 2 * area / l1 at or above
 * a sliver width proves 2 * area / perimeter is too, without square roots.
 */
extern void jt_polygon_part_area_l1(const JtLinework *lw, uint32_t part,
									double *area, double *l1);

/* Total length of all paths. */
extern double jt_linework_length(const JtLinework *lw);

/* Distance from (x, y) to the nearest segment of lw. */
extern double jt_point_linework_distance(const JtLinework *lw, double x, double y);

/*
 * Is segment s covered by the segments c[0..n-1] within distance d: does
 * every point of s lie within d of one of them, as proved by projection
 * intervals whose two ends are within d (the distance to a segment is
 * convex along a line, so the whole interval is)?  Sound, conservative:
 * "false" may also mean "could not prove it".  *covered_len, if given,
 * receives the length of s so proved covered.
 */
extern bool jt_seg_covered(const JtSegRef *s, const JtSegRef *c, uint32_t n, double d,
						   double *covered_len);

/* ---------------------------------------------------------------------
 * Checks of one geometry
 * ---------------------------------------------------------------------
 */
typedef struct JtNear
{
	double		x,
				y,
				d;
} JtNear;

typedef enum JtShapeStatus
{
	JT_SHAPE_OK = 0,
	JT_SHAPE_UNCLOSED,			/* a ring whose first and last points differ */
	JT_SHAPE_DEGENERATE,		/* a ring with fewer than 4 points */
	JT_SHAPE_PROBLEM,			/* invalid: ask GEOS for the reason */
	JT_SHAPE_UNSURE				/* not decided here: ask GEOS */
} JtShapeStatus;

/*
 * Ring closure and point counts of a polygonal lw (GEOS cannot even build
 * such rings), then, for a single ring of at most max_points points, its
 * simplicity and non-zero area.  (x, y) receives the location of a problem.
 * scratch: room for lw->nsegs JtSegRefs.
 */
extern JtShapeStatus jt_polygon_quick_check(const JtLinework *lw, uint32_t max_points,
											JtSegRef *scratch, double *x, double *y);

/*
 * Points where a line (or ring) meets itself other than at consecutive
 * segments' shared vertex; parts of a multi-line may touch at both their
 * ends.  Fills out[0..max-1] and returns the number found (which may exceed
 * max).  scratch: room for lw->nsegs JtSegRefs.
 */
extern uint32_t jt_linework_self_intersections(const JtLinework *lw, JtSegRef *scratch,
											   double eps, JtNear *out, uint32_t max);

/* ---------------------------------------------------------------------
 * Checks of a pair
 * ---------------------------------------------------------------------
 */
#define JT_MAX_NEAR 16
#define JT_MAX_STRETCH 32

typedef struct JtPairInfo
{
	bool		maybe;			/* polygons: interiors may meet, ask GEOS */
	uint32_t	nnear;			/* unsnapped vertices (may exceed JT_MAX_NEAR) */
	double		maxnear;
	JtNear		near[JT_MAX_NEAR];
	/* lines */
	uint32_t	ncross;
	JtNear		cross[JT_MAX_NEAR];
	double		overlap_len;	/* length of a lying along b within tol */
	uint32_t	nstretch;
	double		stretch[JT_MAX_STRETCH][4];
	bool		duplicate;
} JtPairInfo;

/* Bytes of scratch memory jt_polygon_pair / jt_line_pair need. */
extern size_t jt_pair_scratch_size(const JtLinework *a, const JtLinework *b);

/*
 * Screen two polygonal lineworks (see the file header).  acov/bcov, if not
 * NULL, get a 1 for each segment found to lie on the other's boundary
 * within eps.  Vertices within tol of the other's vertices or boundary but
 * farther than eps are listed in out->near.  wedges: both polygons are
 * known valid, so a segment leaving a shared vertex may be located by the
 * corner there instead of by its midpoint (faster, same answer).
 */
extern void jt_polygon_pair(const JtLinework *a, const JtLinework *b, double tol, double eps,
							bool wedges, uint8_t *acov, uint8_t *bcov, void *scratch,
							JtPairInfo *out);

/*
 * The fast path jt_polygon_pair tries first when wedges is true and
 * jt_topo_fast_path is set (GUC jtsyq.topology_fast_path; tests turn it off
 * to compare): for two valid one-ring polygons whose common boundary is
 * shared vertex for vertex (edge-matched data), the shared segments are
 * matched by their vertices and only the others are tested.  Returns true
 * with the answer the full screen would give (disjoint, nothing unsnapped,
 * the shared segments marked) or false: then the full screen must decide.
 */
extern bool jt_topo_fast_path;
extern bool jt_polygon_pair_fast(const JtLinework *a, const JtLinework *b, double tol,
								 double eps, uint8_t *acov, uint8_t *bcov, void *scratch,
								 JtPairInfo *out);

/*
 * Is polygon a within polygon b (its boundary inside b or on b's boundary
 * within eps, none of b's holes inside a)?  "false" may also mean "not
 * proved": ask GEOS then.  acov marks a's segments on b's boundary.  bix:
 * b's segments sorted (large containers), or NULL.  scratch: room for
 * a->nsegs + b->nsegs segments and a->npaths + 1 counters.
 */
extern bool jt_polygon_within(const JtLinework *a, const JtLinework *b, const JtSegIndex *bix,
							  double eps, bool wedges, uint8_t *acov, void *scratch);

/*
 * Is every segment of a covered by b's segments within d?  (Duplicate
 * polygons: boundaries equal up to the tolerance.)
 */
extern bool jt_linework_covered_by(const JtLinework *a, const JtLinework *b, double d,
								   void *scratch);

/*
 * Two lines: crossings away from both lines' ends (within tol of an end is
 * a node after snapping), the length of a that lies along b within tol and
 * its stretches, duplicates (each lies along the other), and ends of either
 * within tol of the other but farther than eps (unsnapped nodes).
 */
extern void jt_line_pair(const JtLinework *a, const JtLinework *b, double tol, double eps,
						 void *scratch, JtPairInfo *out);

/*
 * What meets the point (x, y) within tol: for dangles and pseudo-nodes.
 * The caller zeroes c and sets c->mind = INFINITY; calls accumulate.  A
 * closed path counts twice at its node (both its ends are there).
 */
typedef struct JtContact
{
	int			ends;			/* path ends of b within tol */
	int			end_path;		/* the last such end: path and 0/1 */
	int			end_which;
	bool		interior;		/* a path of b passes within tol, not at an end */
	double		mind;			/* distance to b */
} JtContact;

/* Contacts with lw's paths other than skip_path (-1: none skipped). */
extern void jt_point_contacts(const JtLinework *lw, double x, double y, double tol,
							  int skip_path, JtContact *c);

/* ---------------------------------------------------------------------
 * Advisory-lock cells of the trigger
 * ---------------------------------------------------------------------
 *
 * The plane is cut into square cells of side `cell` (level 0) and coarser
 * grids of 32^level cells (levels 1..3); level 4 is one cell for the whole
 * layer.  A writer locks, exclusively, the cells of the finest level at
 * which its boxes need at most max_cells cells, and in share mode the
 * cells of every coarser level above them.  Two writers whose boxes
 * intersect then always want one common cell in conflicting modes:
 * same level -> both exclusive; different levels -> the coarser one's
 * exclusive cell is one the finer one holds in share mode.  Cells are
 * returned sorted (coarse first, then cx, cy), the order in which to lock
 * them, so writers cannot deadlock on these locks.
 */
#define JT_LOCK_TOP_LEVEL 4
#define JT_LOCK_FACTOR 32

typedef struct JtLockCell
{
	int32_t		level;
	int32_t		exclusive;
	int64_t		cx,
				cy;
} JtLockCell;

/*
 * Fill out (room for cap cells; cap >= 8 * max_cells) and return the number
 * of cells; *level receives the exclusive level.
 */
extern int	jt_lock_cells(const JtBox *boxes, size_t nboxes, double cell, int max_cells,
						  JtLockCell *out, int cap, int *level);
/* The box a cell covers. */
extern void jt_lock_cell_box(const JtLockCell *c, double cell, JtBox *box);
/* A 32-bit key for the cell (pg_advisory_xact_lock's second int4). */
extern int32_t jt_lock_cell_key(const JtLockCell *c);

#endif							/* JTSYQ_TOPO_H */
