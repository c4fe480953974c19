/*-------------------------------------------------------------------------
 *
 * postgis_catalog.h
 *	  Where PostGIS lives in this database, and what spatial_ref_sys says.
 *
 * PostgreSQL 15 has no @extschema:postgis@, and PostGIS may be installed in
 * any schema, so C code finds it through pg_extension and always qualifies
 * the names it uses.  SQL-language functions in the install script instead
 * use SET search_path FROM CURRENT, which captures "jtsyq, <postgis schema>"
 * while CREATE EXTENSION runs.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_POSTGIS_CATALOG_H
#define JTSYQ_POSTGIS_CATALOG_H

#include "postgres.h"

/* Quoted name of the schema of the postgis extension (palloc'd). */
extern char *jt_postgis_schema(void);

/* PostGIS's library version ("3.3.2"), palloc'd. */
extern char *jt_postgis_version(void);

/* One spatial_ref_sys row; strings NULL when the column is NULL. */
typedef struct JtSrsRow
{
	int32		srid;
	char	   *auth_name;
	int32		auth_srid;
	char	   *srtext;
	char	   *proj4text;
} JtSrsRow;

/* Look up a SRID; false when spatial_ref_sys has no such row. */
extern bool jt_srs_lookup(int32 srid, JtSrsRow *row);

#endif							/* JTSYQ_POSTGIS_CATALOG_H */
