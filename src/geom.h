/*-------------------------------------------------------------------------
 *
 * geom.h
 *	  The in-memory geometry model shared by jtsyq's pure-C cores, and the
 *	  reader/writer of PostGIS's serialized geometry ("GSERIALIZED").
 *
 * Why our own reader: Debian's PostGIS packages ship no C headers and no
 * liblwgeom, so a C extension cannot call PostGIS's deserializer.  Going
 * through ST_AsBinary()/ST_GeomFromWKB() would cost a full re-encoding of
 * every parcel on the hot paths (area of millions of parcels, whole-layer
 * topology).  The serialized form is small and stable (PostGIS documents it
 * in liblwgeom/gserialized.txt; version 1 is PostGIS 2.x, version 2 is
 * PostGIS >= 3.0), so we read it directly, check every length against the
 * buffer, and prove byte-for-byte agreement with PostGIS in the regression
 * tests (sql/geometry_io.sql) and under a fuzzer (test/fuzz).
 *
 * This file and gserialized.c include no PostgreSQL header: they are unit
 * tested and fuzzed outside the server.  Memory comes from a caller-supplied
 * allocator (palloc in the backend, malloc in tests).
 *
 * Layout of a serialized geometry after PostgreSQL's 4-byte varlena header
 * (all integers little-endian on the platforms PostgreSQL runs PostGIS on,
 * i.e. native order):
 *
 *	srid[3]			21-bit signed SRID, big-endian in three bytes
 *	flags			Z 0x01, M 0x02, BBOX 0x04, GEODETIC 0x08,
 *					v2: EXTENDED 0x10, version bit 0x40
 *	[xflags u64]	v2 only, when EXTENDED
 *	[bbox float4 x 2*ndims]	when BBOX (6 floats if GEODETIC)
 *	payload			uint32 type, uint32 count, then
 *					point/line: count * ndims doubles;
 *					polygon: count ring sizes, 4 bytes pad if count is
 *					odd, then the rings' doubles;
 *					multi/collection: count nested payloads.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_GEOM_H
#define JTSYQ_GEOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Geometry type numbers, identical to PostGIS's (and to OGC WKB's). */
typedef enum JtGeomType
{
	JT_POINT = 1,
	JT_LINESTRING = 2,
	JT_POLYGON = 3,
	JT_MULTIPOINT = 4,
	JT_MULTILINESTRING = 5,
	JT_MULTIPOLYGON = 6,
	JT_COLLECTION = 7
} JtGeomType;

/* Highest type number PostGIS uses (TIN); used to name unsupported types. */
#define JT_MAX_POSTGIS_TYPE 15

/* Collections nest; deeper than this is refused rather than recursed. */
#define JT_MAX_NESTING 32

/*
 * A sequence of points.  coords holds npoints * ndims doubles (x y [z] [m]);
 * for a geometry read from a datum it points into the datum, so the datum
 * must outlive the JtGeom.
 */
typedef struct JtPointArray
{
	uint32_t	npoints;
	const double *coords;
} JtPointArray;

/*
 * One geometry.  POINT and LINESTRING have exactly one point array
 * (npoints == 0 means EMPTY); POLYGON has nrings rings, outer first
 * (nrings == 0 means EMPTY); MULTI* and COLLECTION have ngeoms members that
 * share the parent's srid and dimensions.
 */
typedef struct JtGeom
{
	JtGeomType	type;
	int32_t		srid;			/* 0 = unknown */
	bool		has_z;
	bool		has_m;
	int			ndims;			/* 2 + has_z + has_m */
	uint32_t	nrings;
	JtPointArray *rings;
	uint32_t	ngeoms;
	struct JtGeom *geoms;
} JtGeom;

/* Memory for the model.  alloc must not return NULL (palloc raises). */
typedef struct JtAllocator
{
	void	   *(*alloc) (void *arg, size_t size);
	void	   *arg;
} JtAllocator;

typedef enum JtGeomStatus
{
	JT_GEOM_OK = 0,
	JT_GEOM_TRUNCATED,			/* a count or ordinate runs past the end */
	JT_GEOM_TRAILING,			/* bytes left over after the payload */
	JT_GEOM_GEODETIC,			/* a geography, not a geometry */
	JT_GEOM_CURVED,				/* circular strings, curve polygons ... */
	JT_GEOM_SURFACE,			/* triangles, TINs, polyhedral surfaces */
	JT_GEOM_BAD_TYPE,			/* a type number PostGIS does not use */
	JT_GEOM_BAD_MEMBER,			/* e.g. a LINESTRING inside a MULTIPOINT */
	JT_GEOM_TOO_DEEP,			/* collections nested deeper than allowed */
	JT_GEOM_MISALIGNED			/* ordinates not 8-byte aligned in memory */
} JtGeomStatus;

/* English description of a status, for errdetail. */
extern const char *jt_geom_status_message(JtGeomStatus status);

/* Upper-case type name as PostGIS spells it ("MULTIPOLYGON"). */
extern const char *jt_geom_type_name(int type);

/*
 * Parse a serialized geometry.  buf points just past the varlena header and
 * len counts the bytes from there; buf - 4 must be 8-byte aligned (true for
 * a detoasted datum) so that ordinates can be read in place.  On success
 * *out describes the geometry, referencing buf's ordinates.
 */
extern JtGeomStatus jt_gserialized_read(const uint8_t *buf, size_t len,
										const JtAllocator *allocator,
										JtGeom *out);

/*
 * Size in bytes of the serialized form of g, excluding the varlena header,
 * and the writer itself: buf must have jt_gserialized_size(g) bytes.  The
 * output is what PostGIS 3 itself writes for the same geometry (version 2,
 * bounding box where PostGIS stores one), so equal geometries compare and
 * hash equal however they were produced.
 */
extern size_t jt_gserialized_size(const JtGeom *g);
extern void jt_gserialized_write(const JtGeom *g, uint8_t *buf);

/* Geometry helpers. */
extern bool jt_geom_is_empty(const JtGeom *g);
extern uint64_t jt_geom_npoints(const JtGeom *g);
extern bool jt_geom_is_polygonal(const JtGeom *g);
extern bool jt_geom_all_finite(const JtGeom *g);

/* Convenience for the writer's callers: a 2-D geometry of one kind. */
extern void jt_geom_init(JtGeom *g, JtGeomType type, int32_t srid,
						 bool has_z, bool has_m);

#endif							/* JTSYQ_GEOM_H */
