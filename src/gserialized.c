/*-------------------------------------------------------------------------
 *
 * gserialized.c
 *	  Reader and writer of PostGIS's serialized geometry (see geom.h for the
 *	  layout and for why jtsyq reads it itself).  No PostgreSQL headers.
 *
 * The reader trusts nothing: every count is checked against the bytes that
 * remain before anything is allocated or read, so a corrupted or hostile
 * datum yields a status code, never an out-of-bounds read (test/fuzz runs
 * this under AddressSanitizer).
 *
 *-------------------------------------------------------------------------
 */
#include "geom.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define GFLAG_Z			0x01
#define GFLAG_M			0x02
#define GFLAG_BBOX		0x04
#define GFLAG_GEODETIC	0x08
#define G2FLAG_EXTENDED 0x10
#define GFLAG_VERSION	0x40

typedef struct Reader
{
	const uint8_t *base;
	size_t		len;
	size_t		pos;
	int			ndims;
	const JtAllocator *allocator;
} Reader;

const char *
jt_geom_status_message(JtGeomStatus status)
{
	switch (status)
	{
		case JT_GEOM_OK:
			return "no error";
		case JT_GEOM_TRUNCATED:
			return "the serialized geometry is truncated";
		case JT_GEOM_TRAILING:
			return "the serialized geometry has bytes after its last coordinate";
		case JT_GEOM_GEODETIC:
			return "the value is a geography, not a geometry";
		case JT_GEOM_CURVED:
			return "curved geometries (CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON, MULTICURVE, MULTISURFACE) are not supported";
		case JT_GEOM_SURFACE:
			return "TRIANGLE, TIN and POLYHEDRALSURFACE geometries are not supported";
		case JT_GEOM_BAD_TYPE:
			return "the serialized geometry has an unknown type number";
		case JT_GEOM_BAD_MEMBER:
			return "a multi-geometry holds a member of the wrong type";
		case JT_GEOM_TOO_DEEP:
			return "geometry collections are nested too deeply";
		case JT_GEOM_MISALIGNED:
			return "the serialized geometry's coordinates are not aligned";
	}
	return "unknown error";
}

const char *
jt_geom_type_name(int type)
{
	static const char *const names[] = {
		"UNKNOWN", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
		"MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
		"CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON", "MULTICURVE",
		"MULTISURFACE", "POLYHEDRALSURFACE", "TRIANGLE", "TIN"
	};

	if (type < 0 || type > JT_MAX_POSTGIS_TYPE)
		return "UNKNOWN";
	return names[type];
}

void
jt_geom_init(JtGeom *g, JtGeomType type, int32_t srid, bool has_z, bool has_m)
{
	memset(g, 0, sizeof(*g));
	g->type = type;
	g->srid = srid;
	g->has_z = has_z;
	g->has_m = has_m;
	g->ndims = 2 + (has_z ? 1 : 0) + (has_m ? 1 : 0);
}

/* ---------------------------------------------------------------------
 * Reader
 * ---------------------------------------------------------------------
 */

static JtGeomStatus
read_u32(Reader *r, uint32_t *value)
{
	if (r->len - r->pos < 4)
		return JT_GEOM_TRUNCATED;
	memcpy(value, r->base + r->pos, 4);
	r->pos += 4;
	return JT_GEOM_OK;
}

static JtGeomStatus
read_points(Reader *r, uint32_t npoints, JtPointArray *pa)
{
	uint64_t	bytes = (uint64_t) npoints * (uint64_t) r->ndims * sizeof(double);
	const uint8_t *p = r->base + r->pos;

	if (bytes > (uint64_t) (r->len - r->pos))
		return JT_GEOM_TRUNCATED;
	if (npoints > 0 && ((uintptr_t) p) % sizeof(double) != 0)
		return JT_GEOM_MISALIGNED;
	pa->npoints = npoints;
	pa->coords = npoints > 0 ? (const double *) (const void *) p : NULL;
	r->pos += (size_t) bytes;
	return JT_GEOM_OK;
}

static JtGeomType
member_type_of(uint32_t multitype)
{
	switch (multitype)
	{
		case JT_MULTIPOINT:
			return JT_POINT;
		case JT_MULTILINESTRING:
			return JT_LINESTRING;
		case JT_MULTIPOLYGON:
			return JT_POLYGON;
		default:
			return 0;
	}
}

static JtGeomStatus read_geom(Reader *r, JtGeom *g, int depth);

static JtGeomStatus
read_collection(Reader *r, JtGeom *g, uint32_t count, int depth)
{
	JtGeomType	want = member_type_of(g->type);
	uint32_t	i;

	if (depth >= JT_MAX_NESTING)
		return JT_GEOM_TOO_DEEP;
	/* every member takes at least 8 bytes: bound the allocation first */
	if ((uint64_t) count * 8 > (uint64_t) (r->len - r->pos))
		return JT_GEOM_TRUNCATED;
	g->ngeoms = count;
	g->geoms = count > 0 ?
		r->allocator->alloc(r->allocator->arg, sizeof(JtGeom) * count) : NULL;
	for (i = 0; i < count; i++)
	{
		JtGeom	   *m = &g->geoms[i];
		JtGeomStatus st;

		jt_geom_init(m, 0, g->srid, g->has_z, g->has_m);
		st = read_geom(r, m, depth + 1);
		if (st != JT_GEOM_OK)
			return st;
		if (want != 0 && m->type != want)
			return JT_GEOM_BAD_MEMBER;
	}
	return JT_GEOM_OK;
}

static JtGeomStatus
read_geom(Reader *r, JtGeom *g, int depth)
{
	uint32_t	type;
	uint32_t	count;
	uint32_t	i;
	JtGeomStatus st;

	if ((st = read_u32(r, &type)) != JT_GEOM_OK ||
		(st = read_u32(r, &count)) != JT_GEOM_OK)
		return st;

	switch (type)
	{
		case JT_POINT:
		case JT_LINESTRING:
			g->type = type;
			if (type == JT_POINT && count > 1)
				return JT_GEOM_TRUNCATED;
			g->nrings = 1;
			g->rings = r->allocator->alloc(r->allocator->arg, sizeof(JtPointArray));
			return read_points(r, count, &g->rings[0]);

		case JT_POLYGON:
			{
				uint64_t	header = (uint64_t) count * 4 + ((count % 2) ? 4 : 0);
				size_t		sizes_at;

				g->type = JT_POLYGON;
				if (header > (uint64_t) (r->len - r->pos))
					return JT_GEOM_TRUNCATED;
				sizes_at = r->pos;
				r->pos += (size_t) header;
				g->nrings = count;
				g->rings = count > 0 ?
					r->allocator->alloc(r->allocator->arg, sizeof(JtPointArray) * count) : NULL;
				for (i = 0; i < count; i++)
				{
					uint32_t	npoints;

					memcpy(&npoints, r->base + sizes_at + 4 * (size_t) i, 4);
					if ((st = read_points(r, npoints, &g->rings[i])) != JT_GEOM_OK)
						return st;
				}
				return JT_GEOM_OK;
			}

		case JT_MULTIPOINT:
		case JT_MULTILINESTRING:
		case JT_MULTIPOLYGON:
		case JT_COLLECTION:
			g->type = type;
			return read_collection(r, g, count, depth);

		case 8:					/* CIRCULARSTRING */
		case 9:					/* COMPOUNDCURVE */
		case 10:				/* CURVEPOLYGON */
		case 11:				/* MULTICURVE */
		case 12:				/* MULTISURFACE */
			return JT_GEOM_CURVED;
		case 13:				/* POLYHEDRALSURFACE */
		case 14:				/* TRIANGLE */
		case 15:				/* TIN */
			return JT_GEOM_SURFACE;
		default:
			return JT_GEOM_BAD_TYPE;
	}
}

JtGeomStatus
jt_gserialized_read(const uint8_t *buf, size_t len,
					const JtAllocator *allocator, JtGeom *out)
{
	Reader		r;
	uint8_t		flags;
	int32_t		srid;
	size_t		header = 4;
	JtGeomStatus st;

	if (len < 4)
		return JT_GEOM_TRUNCATED;
	flags = buf[3];
	if (flags & GFLAG_GEODETIC)
		return JT_GEOM_GEODETIC;

	/* 21-bit two's complement SRID in three big-endian bytes */
	srid = ((int32_t) (buf[0] & 0x1F) << 16) | ((int32_t) buf[1] << 8) | buf[2];
	if (srid & 0x100000)
		srid -= 0x200000;

	jt_geom_init(out, 0, srid, (flags & GFLAG_Z) != 0, (flags & GFLAG_M) != 0);

	/* version 2 may carry 8 bytes of extended flags (in v1, 0x10 = read-only) */
	if ((flags & GFLAG_VERSION) && (flags & G2FLAG_EXTENDED))
		header += 8;
	if (flags & GFLAG_BBOX)
		header += 2 * (size_t) out->ndims * sizeof(float);
	if (header > len)
		return JT_GEOM_TRUNCATED;

	r.base = buf;
	r.len = len;
	r.pos = header;
	r.ndims = out->ndims;
	r.allocator = allocator;

	st = read_geom(&r, out, 0);
	if (st != JT_GEOM_OK)
		return st;
	if (r.pos != len)
		return JT_GEOM_TRAILING;
	return JT_GEOM_OK;
}

/* ---------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------
 */

bool
jt_geom_is_empty(const JtGeom *g)
{
	uint32_t	i;

	switch (g->type)
	{
		case JT_POINT:
		case JT_LINESTRING:
			return g->nrings == 0 || g->rings[0].npoints == 0;
		case JT_POLYGON:
			return g->nrings == 0;
		default:
			for (i = 0; i < g->ngeoms; i++)
				if (!jt_geom_is_empty(&g->geoms[i]))
					return false;
			return true;
	}
}

uint64_t
jt_geom_npoints(const JtGeom *g)
{
	uint64_t	n = 0;
	uint32_t	i;

	for (i = 0; i < g->nrings; i++)
		n += g->rings[i].npoints;
	for (i = 0; i < g->ngeoms; i++)
		n += jt_geom_npoints(&g->geoms[i]);
	return n;
}

bool
jt_geom_is_polygonal(const JtGeom *g)
{
	return g->type == JT_POLYGON || g->type == JT_MULTIPOLYGON;
}

bool
jt_geom_all_finite(const JtGeom *g)
{
	uint32_t	i;
	uint64_t	k;

	for (i = 0; i < g->nrings; i++)
	{
		const JtPointArray *pa = &g->rings[i];
		uint64_t	n = (uint64_t) pa->npoints * g->ndims;

		for (k = 0; k < n; k++)
			if (!isfinite(pa->coords[k]))
				return false;
	}
	for (i = 0; i < g->ngeoms; i++)
		if (!jt_geom_all_finite(&g->geoms[i]))
			return false;
	return true;
}

/* ---------------------------------------------------------------------
 * Writer
 * ---------------------------------------------------------------------
 */

static uint64_t
count_vertices(const JtGeom *g)
{
	return jt_geom_npoints(g);
}

/*
 * PostGIS stores a bounding box with every non-empty geometry except points
 * and two-point lines (liblwgeom lwgeom_needs_bbox(); PostGIS 3.3 also
 * exempts single-member multipoints and two-point single-member
 * multilinestrings).  Matching it keeps our output byte-identical.
 */
static bool
needs_bbox(const JtGeom *g)
{
	if (jt_geom_is_empty(g))
		return false;
	switch (g->type)
	{
		case JT_POINT:
			return false;
		case JT_LINESTRING:
			return count_vertices(g) > 2;
		case JT_MULTIPOINT:
			return g->ngeoms != 1;
		case JT_MULTILINESTRING:
			return !(g->ngeoms == 1 && count_vertices(g) <= 2);
		default:
			return true;
	}
}

static size_t
payload_size(const JtGeom *g)
{
	size_t		size = 8;		/* type + count */
	uint32_t	i;
	size_t		ptsize = sizeof(double) * (size_t) g->ndims;

	switch (g->type)
	{
		case JT_POINT:
		case JT_LINESTRING:
			return size + (g->nrings ? g->rings[0].npoints : 0) * ptsize;
		case JT_POLYGON:
			size += 4 * (size_t) g->nrings + ((g->nrings % 2) ? 4 : 0);
			for (i = 0; i < g->nrings; i++)
				size += g->rings[i].npoints * ptsize;
			return size;
		default:
			for (i = 0; i < g->ngeoms; i++)
				size += payload_size(&g->geoms[i]);
			return size;
	}
}

size_t
jt_gserialized_size(const JtGeom *g)
{
	size_t		size = 4;		/* srid + flags */

	if (needs_bbox(g))
		size += 2 * (size_t) g->ndims * sizeof(float);
	return size + payload_size(g);
}

/* PostGIS rounds the float box outwards so it always contains the doubles. */
static float
float_down(double d)
{
	float		f;

	if (d > (double) FLT_MAX)
		return FLT_MAX;
	if (d <= (double) -FLT_MAX)
		return -FLT_MAX;
	f = (float) d;
	if ((double) f <= d)
		return f;
	return nextafterf(f, -FLT_MAX);
}

static float
float_up(double d)
{
	float		f;

	if (d >= (double) FLT_MAX)
		return FLT_MAX;
	if (d < (double) -FLT_MAX)
		return -FLT_MAX;
	f = (float) d;
	if ((double) f >= d)
		return f;
	return nextafterf(f, FLT_MAX);
}

static void
extend_box(const JtGeom *g, double *lo, double *hi)
{
	uint32_t	i,
				k;
	int			d;

	for (i = 0; i < g->nrings; i++)
	{
		const JtPointArray *pa = &g->rings[i];

		for (k = 0; k < pa->npoints; k++)
			for (d = 0; d < g->ndims; d++)
			{
				double		v = pa->coords[(size_t) k * g->ndims + d];

				if (v < lo[d])
					lo[d] = v;
				if (v > hi[d])
					hi[d] = v;
			}
	}
	for (i = 0; i < g->ngeoms; i++)
		extend_box(&g->geoms[i], lo, hi);
}

static uint8_t *
put_u32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
	return p + 4;
}

static uint8_t *
write_payload(const JtGeom *g, uint8_t *p)
{
	uint32_t	i;
	size_t		ptsize = sizeof(double) * (size_t) g->ndims;

	p = put_u32(p, (uint32_t) g->type);
	switch (g->type)
	{
		case JT_POINT:
		case JT_LINESTRING:
			{
				uint32_t	n = g->nrings ? g->rings[0].npoints : 0;

				p = put_u32(p, n);
				if (n > 0)
				{
					memcpy(p, g->rings[0].coords, n * ptsize);
					p += n * ptsize;
				}
				return p;
			}
		case JT_POLYGON:
			p = put_u32(p, g->nrings);
			for (i = 0; i < g->nrings; i++)
				p = put_u32(p, g->rings[i].npoints);
			if (g->nrings % 2)
				p = put_u32(p, 0);
			for (i = 0; i < g->nrings; i++)
			{
				size_t		bytes = g->rings[i].npoints * ptsize;

				if (bytes > 0)
					memcpy(p, g->rings[i].coords, bytes);
				p += bytes;
			}
			return p;
		default:
			p = put_u32(p, g->ngeoms);
			for (i = 0; i < g->ngeoms; i++)
				p = write_payload(&g->geoms[i], p);
			return p;
	}
}

void
jt_gserialized_write(const JtGeom *g, uint8_t *buf)
{
	int32_t		srid = g->srid;
	uint8_t		flags = GFLAG_VERSION;
	uint8_t    *p = buf;
	bool		bbox = needs_bbox(g);

	if (g->has_z)
		flags |= GFLAG_Z;
	if (g->has_m)
		flags |= GFLAG_M;
	if (bbox)
		flags |= GFLAG_BBOX;

	p[0] = (uint8_t) ((srid & 0x001F0000) >> 16);
	p[1] = (uint8_t) ((srid & 0x0000FF00) >> 8);
	p[2] = (uint8_t) (srid & 0x000000FF);
	p[3] = flags;
	p += 4;

	if (bbox)
	{
		double		lo[4] = {INFINITY, INFINITY, INFINITY, INFINITY};
		double		hi[4] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY};
		int			d;

		extend_box(g, lo, hi);
		for (d = 0; d < g->ndims; d++)
		{
			float		flo = float_down(lo[d]);
			float		fhi = float_up(hi[d]);

			memcpy(p, &flo, sizeof(float));
			memcpy(p + sizeof(float), &fhi, sizeof(float));
			p += 2 * sizeof(float);
		}
	}
	write_payload(g, p);
}
