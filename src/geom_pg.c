/*-------------------------------------------------------------------------
 *
 * geom_pg.c
 *	  Geometry datums <-> JtGeom (see geom_pg.h), plus shared argument checks.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/memutils.h"

#include "geom_pg.h"

PG_FUNCTION_INFO_V1(jtsyq_geom_roundtrip);
PG_FUNCTION_INFO_V1(jtsyq_geom_raw);

static void *
palloc_cb(void *arg, size_t size)
{
	return palloc(size);
}

static const JtAllocator palloc_allocator = {palloc_cb, NULL};

const JtAllocator *
jt_palloc_allocator(void)
{
	return &palloc_allocator;
}

static JtGeom *
geom_read_datum(Datum datum, const char *fname, bool soft)
{
	struct varlena *v = PG_DETOAST_DATUM(datum);
	const uint8 *buf = (const uint8 *) VARDATA(v);
	size_t		len = VARSIZE(v) - VARHDRSZ;
	JtGeom	   *g = palloc(sizeof(JtGeom));
	JtGeomStatus st;

	/*
	 * Ordinates are read in place and must be 8-byte aligned, which they are
	 * in a detoasted datum (palloc'd or at a double-aligned tuple offset).
	 * Anything else gets an aligned copy rather than an unaligned read.
	 */
	if (((uintptr_t) buf - VARHDRSZ) % sizeof(double) != 0)
	{
		char	   *copy = palloc(len + 2 * sizeof(double));
		uint8	   *aligned = (uint8 *) TYPEALIGN(sizeof(double), copy) + VARHDRSZ;

		memcpy(aligned, buf, len);
		buf = aligned;
	}

	st = jt_gserialized_read(buf, len, &palloc_allocator, g);
	if (st == JT_GEOM_OK)
		return g;
	if (soft && (st == JT_GEOM_CURVED || st == JT_GEOM_SURFACE))
	{
		pfree(g);
		return NULL;
	}

	switch (st)
	{
		case JT_GEOM_GEODETIC:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s: expected a geometry, got a geography", fname),
					 errhint("Cast it with ::geometry, or transform it to a CGCS2000 Gauss-Kruger SRID with ST_Transform().")));
			break;
		case JT_GEOM_CURVED:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("%s: unsupported geometry type", fname),
					 errdetail("%s.", jt_geom_status_message(st)),
					 errhint("Linearize curves with ST_CurveToLine(); cadastral data is made of straight edges.")));
			break;
		case JT_GEOM_SURFACE:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("%s: unsupported geometry type", fname),
					 errdetail("%s.", jt_geom_status_message(st)),
					 errhint("Cadastral layers are 2-D polygons, lines and points.")));
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("%s: cannot read geometry value", fname),
					 errdetail("%s (%zu bytes).", jt_geom_status_message(st), len)));
	}
	pg_unreachable();
}

JtGeom *
jt_geom_from_datum(Datum datum, const char *fname)
{
	return geom_read_datum(datum, fname, false);
}

JtGeom *
jt_geom_try_from_datum(Datum datum, const char *fname)
{
	return geom_read_datum(datum, fname, true);
}

Datum
jt_geom_to_datum(const JtGeom *g)
{
	size_t		size = jt_gserialized_size(g) + VARHDRSZ;
	struct varlena *v;

	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("geometry result is too large (%zu bytes)", size)));
	v = palloc(size);
	SET_VARSIZE(v, size);
	jt_gserialized_write(g, (uint8 *) VARDATA(v));
	return PointerGetDatum(v);
}

void
jt_require_polygonal(const JtGeom *g, const char *fname)
{
	if (!jt_geom_is_polygonal(g))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: expected a POLYGON or MULTIPOLYGON, got %s",
						fname, jt_geom_type_name(g->type)),
				 errhint("Parcels, cadastral districts and land-use patches are polygons; extract them with ST_CollectionExtract(geom, 3).")));
}

void
jt_require_finite(const JtGeom *g, const char *fname)
{
	if (!jt_geom_all_finite(g))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: geometry has NaN or infinite coordinates", fname)));
}

void
jt_require_srid(const JtGeom *g, const char *fname)
{
	if (g->srid == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: geometry has no SRID", fname),
				 errhint("Set it with ST_SetSRID(geom, srid); CGCS2000 Gauss-Kruger zones are EPSG 4491-4554.")));
}

/*
 * jtsyq._geom_roundtrip(geometry) -> geometry
 *		Parse and re-serialize; the regression tests compare the bytes with
 *		PostGIS's own to prove reader and writer (sql/geometry_io.sql).
 */
Datum
jtsyq_geom_roundtrip(PG_FUNCTION_ARGS)
{
	JtGeom	   *g = PG_GETARG_JTGEOM(0, "_geom_roundtrip");

	PG_RETURN_DATUM(jt_geom_to_datum(g));
}

/*
 * jtsyq._geom_raw(geometry) -> bytea
 *		The serialized bytes themselves (PostGIS's own casts to bytea produce
 *		EWKB, not the stored form).
 */
Datum
jtsyq_geom_raw(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));

	PG_RETURN_BYTEA_P((bytea *) v);
}
