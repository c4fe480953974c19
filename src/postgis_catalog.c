/*-------------------------------------------------------------------------
 *
 * postgis_catalog.c
 *	  Finding PostGIS's schema and reading spatial_ref_sys (see the header).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"

#include "postgis_catalog.h"

/* Run a one-row, one-column text query through SPI; NULL if no row. */
static char *
spi_single_text(const char *sql, int nargs, Oid *argtypes, Datum *args)
{
	MemoryContext outer = CurrentMemoryContext;
	char	   *result = NULL;
	int			rc;

	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("SPI_connect failed")));
	rc = SPI_execute_with_args(sql, nargs, argtypes, args, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("query failed: %s", sql)));
	if (SPI_processed > 0)
	{
		char	   *v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		if (v)
			result = MemoryContextStrdup(outer, v);
	}
	SPI_finish();
	return result;
}

char *
jt_postgis_schema(void)
{
	char	   *nsp = spi_single_text(
									  "SELECT n.nspname FROM pg_catalog.pg_extension e "
									  "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
									  "WHERE e.extname = 'postgis'", 0, NULL, NULL);

	if (nsp == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("the postgis extension is not installed in this database"),
				 errhint("jtsyq requires it: CREATE EXTENSION postgis.")));
	return pstrdup(quote_identifier(nsp));
}

char *
jt_postgis_version(void)
{
	char	   *sql = psprintf("SELECT %s.postgis_lib_version()", jt_postgis_schema());
	char	   *v = spi_single_text(sql, 0, NULL, NULL);

	return v ? v : pstrdup("unknown");
}

bool
jt_srs_lookup(int32 srid, JtSrsRow *row)
{
	MemoryContext outer = CurrentMemoryContext;
	char	   *sql;
	Oid			argtypes[1] = {INT4OID};
	Datum		args[1] = {Int32GetDatum(srid)};
	bool		found = false;
	int			rc;

	sql = psprintf("SELECT auth_name, auth_srid, srtext, proj4text "
				   "FROM %s.spatial_ref_sys WHERE srid = $1", jt_postgis_schema());

	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("SPI_connect failed")));
	rc = SPI_execute_with_args(sql, 1, argtypes, args, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not read spatial_ref_sys")));
	if (SPI_processed > 0)
	{
		HeapTuple	tup = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *v;

		found = true;
		row->srid = srid;
		v = SPI_getvalue(tup, desc, 1);
		row->auth_name = v ? MemoryContextStrdup(outer, v) : NULL;
		v = SPI_getvalue(tup, desc, 2);
		row->auth_srid = v ? pg_strtoint32(v) : 0;
		v = SPI_getvalue(tup, desc, 3);
		row->srtext = v && *v ? MemoryContextStrdup(outer, v) : NULL;
		v = SPI_getvalue(tup, desc, 4);
		row->proj4text = v && *v ? MemoryContextStrdup(outer, v) : NULL;
	}
	SPI_finish();
	return found;
}
