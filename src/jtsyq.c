/*-------------------------------------------------------------------------
 *
 * jtsyq.c
 *	  Module entry point of the jtsyq extension and its version report.
 *
 * jtsyq (集体所有权) puts the rules of China's collective land ownership
 * cadastre (集体土地所有权确权登记) into the registration database: unit
 * codes (GB/T 37346), ellipsoidal areas (TD/T 1055), topology and area
 * checks (DB64/T 2020-2024 §8, §10).  Each concept lives in its own file;
 * this one only initializes the module.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "geos_pg.h"
#include "postgis_catalog.h"
#include "proj_pg.h"
#include "topo_pg.h"
#include "version.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

PG_FUNCTION_INFO_V1(jtsyq_version);

void
_PG_init(void)
{
	jt_geos_init_interrupts();
	jt_topo_init();
}

/*
 * jtsyq.version() -> text
 *		Versions of jtsyq and of everything it runs on, as loaded in this
 *		backend (runtime, not compile-time, library versions).
 */
Datum
jtsyq_version(PG_FUNCTION_ARGS)
{
	PJ_INFO		pinfo = proj_info();
	char	   *s;

	s = psprintf("jtsyq %s (PostgreSQL %s, PostGIS %s, GEOS %s, PROJ %s)",
				 JTSYQ_VERSION,
				 GetConfigOption("server_version", false, false),
				 jt_postgis_version(),
				 GEOSversion(),
				 pinfo.version);
	PG_RETURN_TEXT_P(cstring_to_text(s));
}
