/*-------------------------------------------------------------------------
 *
 * topo_trigger.c
 *	  jtsyq.topology_trigger(): topology rules enforced as data is written.
 *
 *	CREATE TRIGGER zd_topology BEFORE INSERT OR UPDATE ON zd FOR EACH ROW
 *		EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', 'djzq', 'reject');
 *	CREATE TRIGGER zd_topology_bulk AFTER INSERT ON zd
 *		REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
 *		EXECUTE FUNCTION jtsyq.topology_trigger('geom', '0.0001', 'djzq', 'record');
 *
 * Arguments (TG_ARGV): geometry column, tolerance, container layer ('' for
 * none), mode (reject | record), then options name=value: key=<column>,
 * container_geom=, container_key=, container_link=, qa_table=<table>,
 * cell=<lock cell size, m>, sliver_width=<m>, checks=<kind,-kind,...>.
 *
 * Row level: the new row is checked alone, then against the rows whose
 * boxes come within the tolerance (an index scan on the geometry column)
 * and against its containers.  Statement level (with a NEW transition
 * table, for COPY and INSERT ... SELECT): the rows of the statement and
 * the existing rows around them are swept exactly as topology_errors()
 * does, reporting only about the new rows.
 *
 * Concurrency.  Under READ COMMITTED two sessions inserting overlapping
 * parcels would each check against a snapshot without the other's row, and
 * both commit.  Before it looks at the neighbours the trigger therefore
 * takes transaction-level advisory locks on the grid cells its rows' boxes
 * (grown by the tolerance) cover - exclusive on the finest grid level that
 * needs at most a few cells, shared on the coarser levels (topo.h,
 * jt_lock_cells) - and then reads the neighbours with a snapshot taken
 * after the locks were granted (also under REPEATABLE READ).  A writer whose
 * box meets ours waits until we commit and then sees our rows.  The locks
 * are advisory locks (classid = the table's OID) in pg_locks.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/partition.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "common/hashfn.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "parser/parse_coerce.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/tuplestore.h"

#include "geom_pg.h"
#include "geos_pg.h"
#include "postgis_catalog.h"
#include "topo_pg.h"

PG_FUNCTION_INFO_V1(jtsyq_topology_trigger);

#define FNAME "topology_trigger"

/* triggers do not look for gaps, and by default not for dangling lines */
#define TRIGGER_ROW_CHECKS (TOPO_ALL_CHECKS & ~((1u << JT_TK_GAP) | (1u << JT_TK_DANGLE) | \
												(1u << JT_TK_PSEUDO_NODE) | (1u << JT_TK_CONTAINER_INVALID)))
#define TRIGGER_STATEMENT_CHECKS (TOPO_ALL_CHECKS & ~((1u << JT_TK_GAP) | (1u << JT_TK_CONTAINER_INVALID)))

/* cells locked exclusively, at most: per row, per statement */
#define ROW_LOCK_CELLS 16
#define STATEMENT_LOCK_CELLS 256

/*
 * What a trigger's arguments say, with its prepared plans; cached per
 * trigger OID for the backend's life and rebuilt after a relcache
 * invalidation of any relation it names.
 */
typedef struct TrigCache
{
	Oid			tgoid;			/* hash key */
	bool		valid;
	MemoryContext cxt;
	Oid			relid;			/* the table, or the root of its partitions */
	Oid			container;
	Oid			qarel;
	char	   *relname;
	char	   *geomcol;
	char	   *keycol;			/* NULL: rows identified by ctid */
	char	   *keyexpr;
	char	   *cgeomcol;
	char	   *ckeyexpr;
	char	   *link;
	char	   *qa_table;
	double		tol;
	double		cell;
	double		sliver;
	bool		record;
	bool		checks_given;
	uint32		checks;
	int			container_dim;
	SPIPlanPtr	nbr_plan;		/* rows near a box */
	SPIPlanPtr	cont_plan;		/* containers near a box (or by link) */
	SPIPlanPtr	qa_plan;		/* record a finding */
	SPIPlanPtr	cell_plan;		/* rows in a lock cell (row cache) */
	SPIPlanPtr	scell_plan;		/* the same without the statement's own rows */
	SPIPlanPtr	ccell_plan;		/* containers in a lock cell (row cache) */
	SPIPlanPtr	confirm_plan;	/* a row by its key */
} TrigCache;

static HTAB *trig_cache = NULL;

static void
trig_cache_inval(Datum arg, Oid relid)
{
	HASH_SEQ_STATUS st;
	TrigCache  *e;

	if (trig_cache == NULL)
		return;
	hash_seq_init(&st, trig_cache);
	while ((e = hash_seq_search(&st)) != NULL)
		if (!OidIsValid(relid) || e->relid == relid || e->container == relid || e->qarel == relid)
			e->valid = false;
}

static void
trig_cache_free(TrigCache *e)
{
	SPIPlanPtr *plans[] = {&e->nbr_plan, &e->cont_plan, &e->qa_plan, &e->cell_plan,
	&e->scell_plan, &e->ccell_plan, &e->confirm_plan};
	int			i;

	for (i = 0; i < (int) lengthof(plans); i++)
	{
		if (*plans[i])
			SPI_freeplan(*plans[i]);
		*plans[i] = NULL;
	}
	if (e->cxt)
		MemoryContextDelete(e->cxt);
	e->cxt = NULL;
}

static double
parse_number(const char *what, const char *s)
{
	char	   *end;
	double		v = strtod(s, &end);

	if (end == s || *end != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must be a number, got \"%s\"", FNAME, what, s)));
	return v;
}

static Oid
parse_relation(const char *what, const char *s)
{
	Oid			relid = DatumGetObjectId(DirectFunctionCall1(regclassin, CStringGetDatum(s)));

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("%s: %s \"%s\" does not exist", FNAME, what, s)));
	return relid;
}

static uint32
parse_checks(const char *list, uint32 defaults)
{
	char	   *copy = pstrdup(list);
	char	   *tok,
			   *save;
	Datum		elems[64];
	bool		nulls[64];
	int			n = 0;

	for (tok = strtok_r(copy, ", ", &save); tok && n < 64; tok = strtok_r(NULL, ", ", &save))
	{
		elems[n] = CStringGetTextDatum(tok);
		nulls[n++] = false;
	}
	return topo_parse_checks(FNAME, elems, nulls, n, defaults);
}

/* the root of a partition tree (triggers on partitions see one partition) */
static Oid
root_relation(Oid relid)
{
	if (get_rel_relispartition(relid))
	{
		List	   *anc = get_partition_ancestors(relid);

		if (anc != NIL)
			return llast_oid(anc);
	}
	return relid;
}

/* prepare and keep a plan of the trigger cache */
static SPIPlanPtr
keep_plan(const char *sql, int nargs, Oid *types)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, types);

	if (plan == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("%s: cannot prepare \"%s\": %s", FNAME, sql, SPI_result_code_string(SPI_result))));
	SPI_keepplan(plan);
	return plan;
}

static void
trig_cache_build(TrigCache *e, TriggerData *td)
{
	Trigger    *tg = td->tg_trigger;
	MemoryContext old;
	char	   *pg = jt_postgis_schema();
	char	   *sql;
	Oid			types[4];
	int			i;
	char	   *container_name = NULL;

	trig_cache_free(e);
	/* everything but the hash key is rebuilt from the trigger's arguments */
	memset(((char *) e) + sizeof(Oid), 0, sizeof(TrigCache) - sizeof(Oid));
	e->cxt = AllocSetContextCreate(CacheMemoryContext, "jtsyq topology trigger",
								   ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(e->cxt);

	e->relid = root_relation(RelationGetRelid(td->tg_relation));
	e->relname = topo_relation_name(e->relid);
	e->geomcol = pstrdup(tg->tgnargs > 0 && tg->tgargs[0][0] ? tg->tgargs[0] : "geom");
	e->tol = tg->tgnargs > 1 && tg->tgargs[1][0] ? parse_number("tolerance", tg->tgargs[1]) : 0.0001;
	topo_check_tolerance(FNAME, e->tol);
	if (tg->tgnargs > 2 && tg->tgargs[2][0] && strcmp(tg->tgargs[2], "-") != 0)
		container_name = tg->tgargs[2];
	e->record = false;
	if (tg->tgnargs > 3 && tg->tgargs[3][0])
	{
		if (strcmp(tg->tgargs[3], "record") == 0)
			e->record = true;
		else if (strcmp(tg->tgargs[3], "reject") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: mode must be \"reject\" or \"record\", got \"%s\"", FNAME, tg->tgargs[3])));
	}
	e->cgeomcol = pstrdup("geom");
	e->cell = 1000;
	e->sliver = 0.1;
	e->qa_table = pstrdup("jtsyq.topology_findings");
	e->checks_given = false;
	for (i = 4; i < tg->tgnargs; i++)
	{
		char	   *opt = pstrdup(tg->tgargs[i]);
		char	   *eq = strchr(opt, '=');
		char	   *val;

		if (eq == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: option \"%s\" is not of the form name=value", FNAME, opt)));
		*eq = '\0';
		val = eq + 1;
		if (strcmp(opt, "key") == 0)
			e->keycol = pstrdup(val);
		else if (strcmp(opt, "container_geom") == 0)
			e->cgeomcol = pstrdup(val);
		else if (strcmp(opt, "container_key") == 0)
			e->ckeyexpr = pstrdup(val);
		else if (strcmp(opt, "container_link") == 0)
			e->link = pstrdup(val);
		else if (strcmp(opt, "qa_table") == 0)
			e->qa_table = pstrdup(val);
		else if (strcmp(opt, "cell") == 0)
			e->cell = parse_number("cell", val);
		else if (strcmp(opt, "sliver_width") == 0)
			e->sliver = parse_number("sliver_width", val);
		else if (strcmp(opt, "checks") == 0)
		{
			e->checks_given = true;
			e->checks = parse_checks(val, TOPO_ALL_CHECKS);
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: unknown option \"%s\"", FNAME, opt),
					 errhint("Options: key, container_geom, container_key, container_link, qa_table, cell, sliver_width, checks.")));
	}
	if (!(e->cell > 0) || isinf(e->cell))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: cell must be a positive size in metres", FNAME)));
	if (!(e->sliver >= 0) || isinf(e->sliver))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: sliver_width must be zero or a positive number of metres", FNAME)));

	(void) topo_geometry_column(e->relid, e->geomcol, FNAME, "table");
	if (e->keycol == NULL)
		e->keycol = topo_primary_key_column(e->relid);
	/* a key column, or the ctid (with a notice) */
	e->keyexpr = topo_key_expr(e->relid, e->keycol, FNAME, "table");
	e->container = InvalidOid;
	e->container_dim = -1;
	if (container_name)
	{
		e->container = parse_relation("container", container_name);
		topo_check_relkind(e->container, FNAME, "container");
		(void) topo_geometry_column(e->container, e->cgeomcol, FNAME, "container");
		e->ckeyexpr = topo_key_expr(e->container, e->ckeyexpr, FNAME, "container");
		/* points: 0A000, as in topology_errors */
		e->container_dim = topo_container_dim(e->container, e->cgeomcol, FNAME);
	}
	if (e->link && (!container_name || get_attnum(e->relid, e->link) == InvalidAttrNumber))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: container_link \"%s\" needs a container and a column of that name", FNAME, e->link)));

	/* neighbours: rows whose box comes within the tolerance */
	types[0] = topo_geometry_type();
	types[1] = FLOAT8OID;
	types[2] = TIDOID;
	types[3] = OIDOID;
	sql = psprintf("SELECT %s::text, %s FROM %s WHERE %s OPERATOR(%s.&&) %s.ST_Expand($1, $2) "
				   "AND ($3 IS NULL OR NOT (tableoid = $4 AND ctid = $3))",
				   e->keyexpr, quote_identifier(e->geomcol), e->relname,
				   quote_identifier(e->geomcol), pg, pg);
	e->nbr_plan = keep_plan(sql, 4, types);

	if (OidIsValid(e->container))
	{
		if (e->link)
		{
			types[0] = TEXTOID;
			sql = psprintf("SELECT %s::text, %s FROM %s WHERE %s::text = $1",
						   e->ckeyexpr, quote_identifier(e->cgeomcol),
						   topo_relation_name(e->container), e->ckeyexpr);
			e->cont_plan = keep_plan(sql, 1, types);
		}
		else
		{
			sql = psprintf("SELECT %s::text, %s FROM %s WHERE %s OPERATOR(%s.&&) %s.ST_Expand($1, $2)",
						   e->ckeyexpr, quote_identifier(e->cgeomcol),
						   topo_relation_name(e->container),
						   quote_identifier(e->cgeomcol), pg, pg);
			e->cont_plan = keep_plan(sql, 2, types);
		}
	}

	if (e->record)
	{
		e->qarel = parse_relation("qa_table", e->qa_table);
		types[0] = TEXTOID;
		types[1] = TEXTOID;
		types[2] = TEXTOID;
		types[3] = TEXTOID;
		sql = psprintf("INSERT INTO %s (layer, kind, id1, id2, geom, measure) VALUES ($1, $2, $3, $4, $5, $6)",
					   topo_relation_name(e->qarel));
		{
			Oid			qtypes[6] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, topo_geometry_type(), FLOAT8OID};

			e->qa_plan = SPI_prepare(sql, 6, qtypes);
		}
		if (e->qa_plan == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("%s: cannot record findings in %s", FNAME, e->qa_table),
					 errdetail("%s", SPI_result_code_string(SPI_result)),
					 errhint("A QA table needs the columns layer text, kind text, id1 text, id2 text, geom geometry, measure float8.")));
		SPI_keepplan(e->qa_plan);
	}
	/* the row cache of a statement: rows and containers per lock cell */
	{
		Oid			ctypes[5] = {FLOAT8OID, FLOAT8OID, FLOAT8OID, FLOAT8OID, INT4OID};

		sql = psprintf("SELECT %s::text, %s FROM %s WHERE %s OPERATOR(%s.&&) %s.ST_MakeEnvelope($1, $2, $3, $4, $5)",
					   e->keyexpr, quote_identifier(e->geomcol), e->relname,
					   quote_identifier(e->geomcol), pg, pg);
		e->cell_plan = keep_plan(sql, 5, ctypes);

		/*
		 * A statement trigger reads the cells without the rows the
		 * statement itself inserted (this transaction, this command): it has
		 * them already.  (They are skipped by key as well, should this
		 * filter let any through.)
		 */
		{
			Oid			stypes[7] = {FLOAT8OID, FLOAT8OID, FLOAT8OID, FLOAT8OID, INT4OID, XIDOID, CIDOID};

			sql = psprintf("SELECT %s::text, %s FROM %s WHERE %s OPERATOR(%s.&&) %s.ST_MakeEnvelope($1, $2, $3, $4, $5) "
						   "AND NOT (xmin = $6 AND cmin = $7)",
						   e->keyexpr, quote_identifier(e->geomcol), e->relname,
						   quote_identifier(e->geomcol), pg, pg);
			e->scell_plan = keep_plan(sql, 7, stypes);
		}
		if (OidIsValid(e->container) && !e->link)
		{
			sql = psprintf("SELECT %s::text, %s FROM %s WHERE %s OPERATOR(%s.&&) %s.ST_MakeEnvelope($1, $2, $3, $4, $5)",
						   e->ckeyexpr, quote_identifier(e->cgeomcol), topo_relation_name(e->container),
						   quote_identifier(e->cgeomcol), pg, pg);
			e->ccell_plan = keep_plan(sql, 5, ctypes);
		}
		if (e->keycol)
		{
			Oid			ttypes[1] = {TEXTOID};
			Oid			keytype = get_atttype(e->relid, get_attnum(e->relid, e->keycol));

			sql = psprintf("SELECT %s FROM %s WHERE %s = $1::%s",
						   quote_identifier(e->geomcol), e->relname, e->keyexpr, format_type_be_qualified(keytype));
			e->confirm_plan = keep_plan(sql, 1, ttypes);
		}
	}
	MemoryContextSwitchTo(old);
	e->valid = true;
}

static TrigCache *
trig_cache_get(TriggerData *td)
{
	Oid			tgoid = td->tg_trigger->tgoid;
	TrigCache  *e;
	bool		found;

	if (trig_cache == NULL)
	{
		HASHCTL		hc;

		memset(&hc, 0, sizeof(hc));
		hc.keysize = sizeof(Oid);
		hc.entrysize = sizeof(TrigCache);
		hc.hcxt = CacheMemoryContext;
		trig_cache = hash_create("jtsyq topology triggers", 16, &hc,
								 HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		CacheRegisterRelcacheCallback(trig_cache_inval, (Datum) 0);
	}
	e = hash_search(trig_cache, &tgoid, HASH_ENTER, &found);
	if (!found)
	{
		memset(((char *) e) + sizeof(Oid), 0, sizeof(TrigCache) - sizeof(Oid));
		e->valid = false;
	}
	if (!e->valid)
	{
		PG_TRY();
		{
			trig_cache_build(e, td);
		}
		PG_CATCH();
		{
			e->valid = false;
			PG_RE_THROW();
		}
		PG_END_TRY();
	}
	return e;
}

/* ---------------------------------------------------------------------
 * Findings: reject or record
 * ---------------------------------------------------------------------
 */

typedef struct TrigEmit
{
	TrigCache  *tc;
	TopoCtx    *ctx;
	Relation	rel;
	MemoryContext cxt;
	/* a cached neighbour to confirm before reporting (see row_check) */
	TopoFeature *confirm;
	int			confirmed;		/* -1 not yet asked, 0 gone or changed, 1 there */
} TrigEmit;

/*
 * Is a neighbour taken from the statement's row cache still in the table
 * as cached?  A row this trigger let through could still have been
 * skipped or changed by a later BEFORE trigger; such a row must not be
 * reported as a neighbour.  Asked only when a finding names it.
 */
static bool
confirm_neighbour(TrigEmit *e)
{
	TopoFeature *nb = e->confirm;
	Datum		arg[1];
	int			rc;

	if (e->confirmed >= 0)
		return e->confirmed == 1;
	arg[0] = CStringGetTextDatum(nb->key);
	rc = SPI_execute_snapshot(e->tc->confirm_plan, arg, NULL, GetLatestSnapshot(), InvalidSnapshot,
							  true, false, 1);
	if (rc != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("%s: neighbour query failed: %s", FNAME, SPI_result_code_string(rc))));
	e->confirmed = 0;
	if (SPI_processed == 1)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
		{
			struct varlena *v = PG_DETOAST_DATUM(d);

			if (VARSIZE(v) == VARSIZE(nb->datum) && memcmp(v, nb->datum, VARSIZE(v)) == 0)
				e->confirmed = 1;
		}
	}
	return e->confirmed == 1;
}

static void
trig_emit(void *arg, JtTopoKind kind, const char *id1, const char *id2,
		  const GEOSGeometry *g, double measure)
{
	TrigEmit   *e = (TrigEmit *) arg;
	MemoryContext old;

	if (e->confirm && id2 && e->confirm->key && strcmp(id2, e->confirm->key) == 0 &&
		!confirm_neighbour(e))
		return;
	old = MemoryContextSwitchTo(e->cxt);
	if (!e->tc->record)
	{
		char	   *where = g ? topo_geom_wkt(g) : pstrdup("(no geometry)");
		char	   *m = isnan(measure) ? pstrdup("") : psprintf(", measure %g", measure);

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s: row %s of %s violates topology rule \"%s\"%s%s%s",
						FNAME, id1 ? id1 : "(new)", e->tc->relname, jt_topo_kind_key[kind],
						!id2 ? "" : kind == JT_TK_NOT_IN_CONTAINER ? " (container row " : " with row ",
						id2 ? id2 : "", id2 && kind == JT_TK_NOT_IN_CONTAINER ? ")" : ""),
				 errdetail("Rule %s (see jtsyq.topology_kinds), tolerance %g m%s, at %s.",
						   jt_topo_kind_key[kind], e->tc->tol, m, where),
				 errhint("Correct the geometry, or use the trigger's record mode to load the row and list the finding in %s.",
						 e->tc->qa_table),
				 errtableconstraint(e->rel, jt_topo_kind_key[kind])));
	}
	else
	{
		Datum		values[6];
		char		nulls[6] = {' ', ' ', ' ', ' ', ' ', ' '};
		int			rc;

		values[0] = CStringGetTextDatum(e->tc->relname);
		values[1] = CStringGetTextDatum(jt_topo_kind_key[kind]);
		if (id1)
			values[2] = CStringGetTextDatum(id1);
		else
			nulls[2] = 'n';
		if (id2)
			values[3] = CStringGetTextDatum(id2);
		else
			nulls[3] = 'n';
		if (g)
			values[4] = jt_geom_to_datum(jt_geom_from_geos(g, e->ctx->srid));
		else
			nulls[4] = 'n';
		if (isnan(measure))
			nulls[5] = 'n';
		else
			values[5] = Float8GetDatum(measure);
		rc = SPI_execute_plan(e->tc->qa_plan, values, nulls, false, 0);
		if (rc != SPI_OK_INSERT)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("%s: could not record a finding in %s: %s", FNAME, e->tc->qa_table,
							SPI_result_code_string(rc))));
	}
	MemoryContextSwitchTo(old);
	MemoryContextReset(e->cxt);
}

/* ---------------------------------------------------------------------
 * Locks
 * ---------------------------------------------------------------------
 */

/*
 * Lock the cells of the boxes.  `memo` (row level: the cells locked for the
 * previous row of the statement, which usually lies in the same cell) lets
 * a row skip locks it already holds: they are held until the end of the
 * transaction anyway.
 */
typedef struct LockMemo
{
	JtLockCell	cells[8 * ROW_LOCK_CELLS + 8];
	int			n;
} LockMemo;

static void
lock_boxes(TrigCache *tc, JtBox *boxes, size_t n, int max_cells, JtLockCell **cells_out,
		   int *ncells, int *level, LockMemo *memo)
{
	int			cap = 8 * max_cells + 8;
	JtLockCell *cells = palloc(sizeof(JtLockCell) * cap);
	int			nc,
				i,
				lv;

	nc = jt_lock_cells(boxes, n, tc->cell, max_cells, cells, cap, &lv);
	if (level)
		*level = lv;
	if (!(memo && memo->n == nc && memcmp(memo->cells, cells, sizeof(JtLockCell) * nc) == 0))
	{
		for (i = 0; i < nc; i++)
		{
			LOCKTAG		tag;

			SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, (uint32) tc->relid,
								 (uint32) jt_lock_cell_key(&cells[i]), 2);
			(void) LockAcquire(&tag, cells[i].exclusive ? ExclusiveLock : ShareLock, false, false);
		}
		if (memo && nc <= (int) lengthof(memo->cells))
		{
			memcpy(memo->cells, cells, sizeof(JtLockCell) * nc);
			memo->n = nc;
		}
	}
	if (cells_out)
	{
		*cells_out = cells;
		*ncells = nc;
	}
}

static void
grow_box(JtBox *b, const JtBox *src, double d)
{
	b->xmin = src->xmin - d;
	b->ymin = src->ymin - d;
	b->xmax = src->xmax + d;
	b->ymax = src->ymax + d;
}

/* ---------------------------------------------------------------------
 * Row level
 * ---------------------------------------------------------------------
 */


/*
 * The state of a row-level trigger for one statement (fn_extra, in the
 * statement's memory).  A multi-row INSERT or UPDATE would otherwise probe
 * the geometry index once per row; after the first few rows, the rows (and
 * containers) of each lock cell the statement touches are read once - with
 * a snapshot taken after the cell's lock was granted, so no other writer
 * can add to the cell while we hold it - and the statement's own rows are
 * added as they pass.  The cache is dropped beyond twice
 * jtsyq.topology_batch_rows features (the same memory bound as the sweep).
 */
#define CACHE_AFTER_ROWS 8
#define CACHE_MAX_CELLS 4
#define STATEMENT_CACHE_CELLS 64

typedef struct CellKey
{
	int64		cx,
				cy;
	bool		container;
} CellKey;

typedef struct CellEntry
{
	CellKey		key;
	TopoFeature **feats;
	JtBox	   *boxes;			/* their boxes, scanned without touching them */
	int			n,
				max;
} CellEntry;

#define CELL_MEMO 16

typedef struct KeyEntry
{
	const char *key;
	TopoFeature *f;
} KeyEntry;

/*
 * A small statement's new rows: their keys (and features, NULL for the
 * unusable ones), hashed into TopoCtx.new_keys only when something needs to
 * tell a new row by its key - a row of the table returned by a cell query
 * or a probe.  A load into an empty area never does.
 */
typedef struct NewRows
{
	char	  **keys;
	TopoFeature **feats;
	int			n;
} NewRows;

typedef struct RowState
{
	Oid			tgoid;
	TopoCtx    *ctx;			/* the row trigger's own ctxbuf, or the statement's */
	TopoCtx		ctxbuf;
	TrigEmit	em;
	bool		statement;		/* a statement's cache (rows in nr) */
	NewRows    *nr;
	TransactionId xid;			/* statement: who inserted them, and when */
	CommandId	cid;
	int64		rows;
	bool		cache_off;
	int64		cached;
	TopoGen    *cgen;			/* the cache's features and cell lists */
	HTAB	   *cells;			/* CellKey -> CellEntry */
	HTAB	   *keys;			/* row key -> its cached feature */
	HTAB	   *ckeys;			/* container key -> its cached feature */
	TopoFeature **buf;
	int			maxbuf;
	LockMemo	locks;			/* cells locked for the previous row */
	CellEntry  *memo[CELL_MEMO];	/* recently found cells (rows come in runs) */
	double		ccell;			/* size of the cache's cells, m */
	int			cmaxcells;		/* a row reaching more is probed instead */
	int64		rx0,			/* the cells created so far lie in */
				ry0,			/* [rx0, rx1] x [ry0, ry1] */
				rx1,
				ry1;
} RowState;

static void
cell_append(CellEntry *ce, TopoFeature *f, MemoryContext cxt)
{
	if (ce->n == ce->max)
	{
		ce->max = Max(16, ce->max * 2);
		ce->feats = ce->feats ? repalloc(ce->feats, sizeof(TopoFeature *) * ce->max) :
			MemoryContextAlloc(cxt, sizeof(TopoFeature *) * ce->max);
		ce->boxes = ce->boxes ? repalloc(ce->boxes, sizeof(JtBox) * ce->max) :
			MemoryContextAlloc(cxt, sizeof(JtBox) * ce->max);
	}
	ce->boxes[ce->n] = f->lw.box;
	ce->feats[ce->n++] = f;
}

/* the statement's new rows by key (TopoNewKey entries), hashed on first use */
static HTAB *
statement_keys(RowState *rs)
{
	TopoCtx    *ctx = rs->ctx;
	int			i;

	if (ctx->new_keys)
		return ctx->new_keys;
	ctx->new_keys = topo_string_hash("jtsyq new rows", sizeof(TopoNewKey), ctx->cxt);
	for (i = 0; i < rs->nr->n; i++)
	{
		TopoFeature *f = rs->nr->feats[i];
		bool		found;
		TopoNewKey *nk = hash_search(ctx->new_keys, &rs->nr->keys[i], HASH_ENTER, &found);

		if (!found)
			nk->f = NULL;
		nk->reported = (f == NULL);
		if (f == NULL)
			continue;
		f->newkey = nk;
		if (f->from_statement)
		{
			/* taken already (the same key twice: the later one stands) */
			if (nk->f && nk->f != f)
				nk->f->excluded = true;
			nk->f = f;
		}
	}
	return ctx->new_keys;
}

/*
 * The cache's entry of a cell, or NULL (enter: create it, *found tells
 * whether it existed).  Entries stay where they are until the table is
 * dropped, so a few recent ones are remembered without hashing.
 */
static CellEntry *
cell_find(RowState *rs, int64 cx, int64 cy, bool container, bool enter, bool *found)
{
	uint32		slot = (uint32) ((cx * 31 + cy) * 2 + container) % CELL_MEMO;
	CellEntry  *ce = rs->memo[slot];
	CellKey		k;
	bool		f;

	if (ce && ce->key.cx == cx && ce->key.cy == cy && ce->key.container == container)
	{
		if (found)
			*found = true;
		return ce;
	}
	memset(&k, 0, sizeof(k));
	k.cx = cx;
	k.cy = cy;
	k.container = container;
	ce = hash_search(rs->cells, &k, enter ? HASH_ENTER : HASH_FIND, &f);
	if (found)
		*found = f;
	if (ce)
		rs->memo[slot] = ce;
	if (enter && !f)
	{
		rs->rx0 = Min(rs->rx0, cx);
		rs->ry0 = Min(rs->ry0, cy);
		rs->rx1 = Max(rs->rx1, cx);
		rs->ry1 = Max(rs->ry1, cy);
	}
	return ce;
}

/* the level-0 lock cells of a box, at most max; false if more */
static bool
box_cells(const JtBox *b, double cell, int max, int64 *cx0, int64 *cy0, int64 *cx1, int64 *cy1)
{
	*cx0 = (int64) floor(b->xmin / cell);
	*cy0 = (int64) floor(b->ymin / cell);
	*cx1 = (int64) floor(b->xmax / cell);
	*cy1 = (int64) floor(b->ymax / cell);
	return (*cx1 - *cx0 + 1) * (*cy1 - *cy0 + 1) <= max;
}

/* read the rows (or containers) of one cell into the cache */
static CellEntry *
cell_load(TrigCache *tc, RowState *rs, int64 cx, int64 cy, bool container)
{
	TopoCtx    *ctx = rs->ctx;
	CellEntry  *ce;
	bool		found;
	Datum		args[7];
	uint64		i,
				n;
	SPITupleTable *tt;
	int			rc;

	ce = cell_find(rs, cx, cy, container, true, &found);
	if (found)
		return ce;
	ce->feats = NULL;
	ce->boxes = NULL;
	ce->n = ce->max = 0;
	args[0] = Float8GetDatum(cx * rs->ccell);
	args[1] = Float8GetDatum(cy * rs->ccell);
	args[2] = Float8GetDatum((cx + 1) * rs->ccell);
	args[3] = Float8GetDatum((cy + 1) * rs->ccell);
	args[4] = Int32GetDatum(ctx->srid);
	args[5] = TransactionIdGetDatum(rs->xid);
	args[6] = CommandIdGetDatum(rs->cid);
	rc = SPI_execute_snapshot(container ? tc->ccell_plan : rs->statement ? tc->scell_plan : tc->cell_plan,
							  args, NULL, GetLatestSnapshot(), InvalidSnapshot, false, false, 0);
	if (rc != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("%s: cell query failed: %s", FNAME, SPI_result_code_string(rc))));
	tt = SPI_tuptable;
	n = SPI_processed;
	for (i = 0; i < n; i++)
	{
		bool		isnull;
		char	   *key = SPI_getvalue(tt->vals[i], tt->tupdesc, 1);
		Datum		g = SPI_getbinval(tt->vals[i], tt->tupdesc, 2, &isnull);
		KeyEntry   *ke;
		TopoNewKey *nk;
		TopoFeature *f;

		if (key == NULL)
			continue;
		ke = hash_search(container ? rs->ckeys : rs->keys, &key, HASH_FIND, NULL);
		if (!ke && !container && rs->statement &&
			(nk = hash_search(statement_keys(rs), &key, HASH_FIND, NULL)) != NULL)
		{
			/* a row of the statement: cached once its turn has come */
			if (nk->f == NULL)
				continue;
			f = nk->f;
		}
		else if (ke)
			f = ke->f;			/* already cached through another cell */
		else
		{
			f = topo_feature_load(ctx, rs->cgen, key, NULL, g, isnull,
								  container ? TOPO_CONTAINER : TOPO_NEIGHBOUR, false);
			ke = hash_search(container ? rs->ckeys : rs->keys, &f->key, HASH_ENTER, &found);
			ke->f = f;
			rs->cached++;
		}
		cell_append(ce, f, rs->cgen->cxt);
	}
	SPI_freetuptable(tt);
	return ce;
}

/* candidates near f from the cache (each once); NULL when not cacheable */
static TopoFeature **
cache_candidates(TrigCache *tc, RowState *rs, TopoFeature *f, bool container, int *nout)
{
	JtBox		b;
	int64		cx0,
				cy0,
				cx1,
				cy1,
				cx,
				cy;
	int			n = 0;
	double		tol = tc->tol;
	/* (locals: the stores below could alias them for the compiler) */
	double		fx0 = f->lw.box.xmin,
				fy0 = f->lw.box.ymin,
				fx1 = f->lw.box.xmax + tol,
				fy1 = f->lw.box.ymax + tol;

	grow_box(&b, &f->lw.box, tc->tol);
	if (!box_cells(&b, rs->ccell, rs->cmaxcells, &cx0, &cy0, &cx1, &cy1))
		return NULL;
	/* (never NULL when cacheable, even with no candidates) */
	if (rs->buf == NULL)
	{
		rs->maxbuf = 64;
		rs->buf = MemoryContextAlloc(rs->ctx->cxt, sizeof(TopoFeature *) * rs->maxbuf);
	}
	for (cx = cx0; cx <= cx1; cx++)
		for (cy = cy0; cy <= cy1; cy++)
		{
			CellEntry  *ce = cell_load(tc, rs, cx, cy, container);
			int			i;

			for (i = 0; i < ce->n; i++)
			{
				TopoFeature *c;

				const JtBox *cb = &ce->boxes[i];

				/* jt_box_within(cb, f's box, tol), inline */
				if (!(cb->xmin <= fx1 && fx0 <= cb->xmax + tol &&
					  cb->ymin <= fy1 && fy0 <= cb->ymax + tol))
					continue;
				c = ce->feats[i];
				if (c->stamp == rs->rows * 2 + container || c->excluded)
					continue;
				c->stamp = rs->rows * 2 + container;
				if (n == rs->maxbuf)
				{
					rs->maxbuf = Max(64, rs->maxbuf * 2);
					rs->buf = rs->buf ? repalloc(rs->buf, sizeof(TopoFeature *) * rs->maxbuf) :
						MemoryContextAlloc(rs->ctx->cxt, sizeof(TopoFeature *) * rs->maxbuf);
				}
				rs->buf[n++] = c;
			}
		}
	*nout = n;
	return rs->buf;
}

/* the new row joins the cache (replacing an older version of it) */
static void
cache_add(TrigCache *tc, RowState *rs, TopoFeature *f)
{
	JtBox		b;
	int64		cx0,
				cy0,
				cx1,
				cy1,
				cx,
				cy;
	KeyEntry   *ke;
	bool		found;

	f->from_statement = true;
	if (rs->statement)
	{
		/* a statement's row: in its new_keys entry, if they are hashed yet */
		if (f->newkey)
		{
			if (f->newkey->f && f->newkey->f != f)
				f->newkey->f->excluded = true;	/* the same key twice */
			f->newkey->f = f;
		}
	}
	else
	{
		ke = hash_search(rs->keys, &f->key, HASH_ENTER, &found);
		if (found && ke->f != f)
			ke->f->excluded = true; /* the version this row replaces */
		ke->key = f->key;
		ke->f = f;
	}
	rs->cached++;
	grow_box(&b, &f->lw.box, tc->tol);
	(void) box_cells(&b, rs->ccell, INT_MAX, &cx0, &cy0, &cx1, &cy1);
	/* only cells that exist can take it */
	for (cx = Max(cx0, rs->rx0); cx <= Min(cx1, rs->rx1); cx++)
		for (cy = Max(cy0, rs->ry0); cy <= Min(cy1, rs->ry1); cy++)
		{
			/* cells not read yet will find the row in the table */
			CellEntry  *ce = cell_find(rs, cx, cy, false, false, NULL);

			if (ce)
				cell_append(ce, f, rs->cgen->cxt);
		}
}

/* the neighbours from an index probe (no cache) */
static TopoFeature **
probe(TrigCache *tc, RowState *rs, SPIPlanPtr plan, Datum *args, char *nulls, int role, int *nout)
{
	TopoCtx    *ctx = rs->ctx;
	TopoGen    *gen;
	SPITupleTable *tt;
	uint64		i,
				n;
	TopoFeature **out;
	int			rc;

	rc = SPI_execute_snapshot(plan, args, nulls, GetLatestSnapshot(), InvalidSnapshot,
							  false, false, 0);
	if (rc != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("%s: neighbour query failed: %s", FNAME, SPI_result_code_string(rc))));
	n = SPI_processed;
	tt = SPI_tuptable;
	out = palloc(sizeof(TopoFeature *) * Max(n, 1));
	gen = topo_gen_new(ctx);
	for (i = 0; i < n; i++)
	{
		bool		isnull;
		Datum		g = SPI_getbinval(tt->vals[i], tt->tupdesc, 2, &isnull);

		out[i] = topo_feature_load(ctx, gen, SPI_getvalue(tt->vals[i], tt->tupdesc, 1), NULL,
								   g, isnull, role, role == TOPO_CONTAINER);
	}
	topo_gen_done_loading(gen);
	*nout = (int) n;
	return out;
}

static char *
column_text(HeapTuple tup, TupleDesc desc, const char *col)
{
	int			att = SPI_fnumber(desc, col);

	if (att <= 0)
		return NULL;
	return SPI_getvalue(tup, desc, att);
}

/*
 * The SRID and dimension of the layer, before any new row is loaded: the
 * ones its column declares (geometry(Polygon, 4523)), else those of one row
 * the table held before this statement.  A new row in another SRID or of
 * another dimension is then a finding of its own, as in topology_errors.
 * An untyped empty table has neither: its first new row defines them.
 */
static void
layer_shape(TrigCache *tc, TopoCtx *ctx, CommandId stmt_cid)
{
	int32		srid;
	int			dim = topo_typmod_dim(tc->relid, tc->geomcol, &srid);

	if (dim == 1 || dim == 2)
		ctx->layer_dim = dim;
	if (srid != 0)
	{
		ctx->srid = srid;
		ctx->srid_known = true;
	}
	if (!ctx->srid_known || ctx->layer_dim == 0)
	{
		char	   *pg = jt_postgis_schema();
		char	   *sql;
		Oid			types[2] = {XIDOID, CIDOID};
		Datum		args[2];

		sql = psprintf("SELECT %s.ST_SRID(%s), %s.ST_Dimension(%s) FROM %s "
					   "WHERE %s IS NOT NULL AND NOT %s.ST_IsEmpty(%s) AND NOT (xmin = $1 AND cmin = $2) LIMIT 1",
					   pg, quote_identifier(tc->geomcol), pg, quote_identifier(tc->geomcol), tc->relname,
					   quote_identifier(tc->geomcol), pg, quote_identifier(tc->geomcol));
		args[0] = TransactionIdGetDatum(GetCurrentTransactionIdIfAny());
		args[1] = CommandIdGetDatum(stmt_cid);
		if (SPI_execute_with_args(sql, 2, types, args, NULL, true, 1) != SPI_OK_SELECT)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("%s: query failed: %s", FNAME, sql)));
		if (SPI_processed == 1)
		{
			bool		n1,
						n2;
			Datum		d1 = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &n1);
			Datum		d2 = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &n2);

			if (!ctx->srid_known && !n1)
			{
				ctx->srid = DatumGetInt32(d1);
				ctx->srid_known = true;
			}
			if (ctx->layer_dim == 0 && !n2 && (DatumGetInt32(d2) == 1 || DatumGetInt32(d2) == 2))
				ctx->layer_dim = DatumGetInt32(d2);
		}
	}
}

static void
row_check(TrigCache *tc, TriggerData *td, RowState *rs, HeapTuple newtup, ItemPointer self)
{
	TopoCtx    *ctx = rs->ctx;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	int			gatt = SPI_fnumber(desc, tc->geomcol);
	bool		isnull;
	Datum		geom;
	char	   *key;
	char	   *link = NULL;
	bool		caching;
	TopoGen    *gen;
	TopoFeature *f;
	Datum		args[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};
	JtBox		box;
	TopoFeature **nbrs = NULL;
	int			n = 0,
				i;

	if (gatt <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: column \"%s\" of %s does not exist", FNAME, tc->geomcol, tc->relname)));
	geom = heap_getattr(newtup, gatt, desc, &isnull);
	if (tc->keycol)
		key = column_text(newtup, desc, tc->keycol);
	else
		key = self ? psprintf("(%u,%u)", ItemPointerGetBlockNumber(self), ItemPointerGetOffsetNumber(self)) : NULL;
	if (tc->link)
		link = column_text(newtup, desc, tc->link);

	rs->rows++;
	caching = !rs->cache_off && tc->keycol != NULL && key != NULL && rs->rows > CACHE_AFTER_ROWS;
	if (caching && rs->cgen == NULL)
		rs->cgen = topo_gen_new(ctx);
	gen = caching ? rs->cgen : topo_gen_new(ctx);
	f = topo_feature_load(ctx, gen, key, link, geom, isnull, TOPO_FEATURE, true);
	if (f->excluded)
		goto done;

	grow_box(&box, &f->lw.box, tc->tol);
	lock_boxes(tc, &box, 1, ROW_LOCK_CELLS, NULL, NULL, NULL, &rs->locks);

	/* neighbours, read after the locks were granted */
	if (caching)
		nbrs = cache_candidates(tc, rs, f, false, &n);
	if (nbrs == NULL)
	{
		args[0] = geom;
		args[1] = Float8GetDatum(tc->tol);
		if (self && ItemPointerIsValid(self))
		{
			args[2] = PointerGetDatum(self);
			args[3] = ObjectIdGetDatum(RelationGetRelid(td->tg_relation));
		}
		else
		{
			nulls[2] = nulls[3] = 'n';
			args[2] = args[3] = (Datum) 0;
		}
		CommandCounterIncrement();
		nbrs = probe(tc, rs, tc->nbr_plan, args, nulls, TOPO_NEIGHBOUR, &n);
		caching = false;
	}
	for (i = 0; i < n; i++)
	{
		TopoFeature *nb = nbrs[i];

		CHECK_FOR_INTERRUPTS();
		/* the old version of an updated row is not a neighbour */
		if (nb == f || (nb->key && key && strcmp(nb->key, key) == 0))
			continue;
		rs->em.confirm = nb->from_statement ? nb : NULL;
		rs->em.confirmed = -1;
		topo_pair(ctx, f, nb);
		rs->em.confirm = NULL;
	}
	if (ctx->layer_dim == 1)
		topo_nodes(ctx, f, nbrs, n);
	if (!caching)
		for (i = 0; i < n; i++)
			topo_feature_release(nbrs[i]);

	if (OidIsValid(tc->container))
	{
		TopoFeature **cands = NULL;
		int			nc = 0;

		if (caching && !tc->link)
			cands = cache_candidates(tc, rs, f, true, &nc);
		if (cands == NULL)
		{
			if (tc->link)
			{
				args[0] = link ? CStringGetTextDatum(link) : (Datum) 0;
				nulls[0] = link ? ' ' : 'n';
			}
			else
			{
				args[0] = geom;
				args[1] = Float8GetDatum(tc->tol);
			}
			cands = probe(tc, rs, tc->cont_plan, args, nulls, TOPO_CONTAINER, &nc);
		}
		topo_contain(ctx, f, cands, nc);
		if (cands != rs->buf)
			for (i = 0; i < nc; i++)
				topo_feature_release(cands[i]);
	}
	if (caching)
	{
		cache_add(tc, rs, f);
		if (rs->cached > 2 * (int64) jt_topology_batch_rows)
		{
			/*
			 * Too big: drop the cache and probe the index from now on.  Its
			 * features live in cgen only (the new row just cached too).
			 */
			rs->cache_off = true;
			memset(rs->memo, 0, sizeof(rs->memo));
			rs->rx0 = rs->ry0 = PG_INT64_MAX;
			rs->rx1 = rs->ry1 = PG_INT64_MIN;
			hash_destroy(rs->cells);
			hash_destroy(rs->keys);
			hash_destroy(rs->ckeys);
			rs->cells = rs->keys = rs->ckeys = NULL;
			MemoryContextDelete(rs->cgen->cxt);
			rs->cgen = NULL;
			rs->cached = 0;
			return;
		}
	}

done:
	if (!caching)
	{
		topo_feature_release(f);
		if (gen != rs->cgen)
			topo_gen_done_loading(gen);
	}
}

/* ---------------------------------------------------------------------
 * Statement level
 * ---------------------------------------------------------------------
 */

/*
 * A statement of at most one batch, against the rows around it: its rows
 * (read and checked alone already) are taken one by one, as the row
 * trigger takes them, each against the old rows of its lock cells and the
 * statement's rows before it; every pair is seen once.  Line ends are
 * checked in a second pass, when all the statement's lines are known.
 */
/*
 * A small statement: the old rows (or containers) of every level-0 cell its
 * rows reach, read in one query before the rows are checked - by the
 * cells' extent when they fill at least half of it, else cell by cell
 * without duplicates - instead of one index probe per cell.  (A load of a
 * whole area then reads the index once; its own rows, already in the
 * index, are passed over once instead of once per cell.)  The rows are put
 * into every cell their box meets, as cell_load would; rows of the
 * statement are left out by xmin/cmin and by key.
 */
static void
statement_preload(TrigCache *tc, RowState *rs, TopoFeature **pre, int npre, bool container)
{
	TopoCtx    *ctx = rs->ctx;
	Datum	   *cx1s,
			   *cy1s,
			   *cx2s,
			   *cy2s;
	int			ncells = 0,
				maxcells = 256,
				i;
	int64		ex0 = PG_INT64_MAX,
				ey0 = PG_INT64_MAX,
				ex1 = PG_INT64_MIN,
				ey1 = PG_INT64_MIN,
				px0 = 0,
				py0 = 0,
				px1 = -1,
				py1 = -1;
	bool		dense;
	char	   *pg = jt_postgis_schema();
	char	   *sql;
	Datum		args[6];
	Oid			types[6] = {XIDOID, CIDOID, FLOAT8ARRAYOID, FLOAT8ARRAYOID, FLOAT8ARRAYOID, FLOAT8ARRAYOID};
	int			nargs;
	Portal		portal;
	const char *keyexpr = container ? tc->ckeyexpr : tc->keyexpr;
	const char *geomcol = quote_identifier(container ? tc->cgeomcol : tc->geomcol);
	const char *rel = container ? topo_relation_name(tc->container) : tc->relname;

	cx1s = palloc(sizeof(Datum) * maxcells);
	cy1s = palloc(sizeof(Datum) * maxcells);
	cx2s = palloc(sizeof(Datum) * maxcells);
	cy2s = palloc(sizeof(Datum) * maxcells);
	for (i = 0; i < npre; i++)
	{
		JtBox		b;
		int64		cx0,
					cy0,
					cx1,
					cy1,
					cx,
					cy;

		grow_box(&b, &pre[i]->lw.box, tc->tol);
		if (!box_cells(&b, rs->ccell, rs->cmaxcells, &cx0, &cy0, &cx1, &cy1))
			continue;			/* probed on its own */
		/* rows come in runs in the same cells */
		if (cx0 == px0 && cy0 == py0 && cx1 == px1 && cy1 == py1)
			continue;
		px0 = cx0;
		py0 = cy0;
		px1 = cx1;
		py1 = cy1;
		for (cx = cx0; cx <= cx1; cx++)
			for (cy = cy0; cy <= cy1; cy++)
			{
				CellEntry  *ce;
				bool		found;

				ce = cell_find(rs, cx, cy, container, true, &found);
				if (found)
					continue;
				ce->feats = NULL;
				ce->boxes = NULL;
				ce->n = ce->max = 0;
				if (ncells == maxcells)
				{
					maxcells *= 2;
					cx1s = repalloc(cx1s, sizeof(Datum) * maxcells);
					cy1s = repalloc(cy1s, sizeof(Datum) * maxcells);
					cx2s = repalloc(cx2s, sizeof(Datum) * maxcells);
					cy2s = repalloc(cy2s, sizeof(Datum) * maxcells);
				}
				cx1s[ncells] = Float8GetDatum(cx * rs->ccell);
				cy1s[ncells] = Float8GetDatum(cy * rs->ccell);
				cx2s[ncells] = Float8GetDatum((cx + 1) * rs->ccell);
				cy2s[ncells] = Float8GetDatum((cy + 1) * rs->ccell);
				ncells++;
				ex0 = Min(ex0, cx);
				ey0 = Min(ey0, cy);
				ex1 = Max(ex1, cx);
				ey1 = Max(ey1, cy);
			}
	}
	if (ncells == 0)
		return;

	dense = 2.0 * ncells >= (double) (ex1 - ex0 + 1) * (double) (ey1 - ey0 + 1);
	args[0] = TransactionIdGetDatum(rs->xid);
	args[1] = CommandIdGetDatum(rs->cid);
	if (dense)
	{
		sql = psprintf("SELECT t.%s::text, t.%s FROM %s t WHERE t.%s OPERATOR(%s.&&) "
					   "%s.ST_MakeEnvelope(%.17g, %.17g, %.17g, %.17g, %d)%s",
					   keyexpr, geomcol, rel, geomcol, pg, pg,
					   ex0 * rs->ccell, ey0 * rs->ccell, (ex1 + 1) * rs->ccell, (ey1 + 1) * rs->ccell,
					   ctx->srid, container ? "" : " AND NOT (t.xmin = $1 AND t.cmin = $2)");
		nargs = 2;
	}
	else
	{
		sql = psprintf("SELECT DISTINCT ON (t.tableoid, t.ctid) t.%s::text, t.%s "
					   "FROM unnest($3, $4, $5, $6) c(x1, y1, x2, y2) JOIN %s t "
					   "ON t.%s OPERATOR(%s.&&) %s.ST_MakeEnvelope(c.x1, c.y1, c.x2, c.y2, %d)%s",
					   keyexpr, geomcol, rel, geomcol, pg, pg, ctx->srid,
					   container ? "" : " WHERE NOT (t.xmin = $1 AND t.cmin = $2)");
		args[2] = PointerGetDatum(construct_array(cx1s, ncells, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		args[3] = PointerGetDatum(construct_array(cy1s, ncells, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		args[4] = PointerGetDatum(construct_array(cx2s, ncells, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		args[5] = PointerGetDatum(construct_array(cy2s, ncells, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		nargs = 6;
	}

	/* a snapshot taken after the locks, as cell_load's */
	PushActiveSnapshot(GetLatestSnapshot());
	portal = SPI_cursor_open_with_args(NULL, sql, nargs, types, args, NULL, true, 0);
	for (;;)
	{
		SPITupleTable *tt;
		uint64		n,
					r;

		SPI_cursor_fetch(portal, true, 1000);
		tt = SPI_tuptable;
		n = SPI_processed;
		if (n == 0)
			break;
		for (r = 0; r < n; r++)
		{
			bool		isnull,
						found;
			char	   *key = SPI_getvalue(tt->vals[r], tt->tupdesc, 1);
			Datum		g = SPI_getbinval(tt->vals[r], tt->tupdesc, 2, &isnull);
			KeyEntry   *ke;
			TopoFeature *f;
			int64		cx0,
						cy0,
						cx1,
						cy1,
						cx,
						cy;

			CHECK_FOR_INTERRUPTS();
			if (key == NULL)
				continue;
			ke = hash_search(container ? rs->ckeys : rs->keys, &key, HASH_FIND, NULL);
			if (ke)
				continue;		/* twice through the DISTINCT of another table */
			if (!container && hash_search(statement_keys(rs), &key, HASH_FIND, NULL))
				continue;		/* a new row, cached when its turn comes */
			f = topo_feature_load(ctx, rs->cgen, key, NULL, g, isnull,
								  container ? TOPO_CONTAINER : TOPO_NEIGHBOUR, false);
			ke = hash_search(container ? rs->ckeys : rs->keys, &f->key, HASH_ENTER, &found);
			ke->f = f;
			rs->cached++;
			if (f->excluded || jt_box_is_empty(&f->lw.box))
				continue;		/* never a candidate */
			(void) box_cells(&f->lw.box, rs->ccell, INT_MAX, &cx0, &cy0, &cx1, &cy1);
			for (cx = Max(cx0, ex0); cx <= Min(cx1, ex1); cx++)
				for (cy = Max(cy0, ey0); cy <= Min(cy1, ey1); cy++)
				{
					CellEntry  *ce = cell_find(rs, cx, cy, container, false, NULL);

					if (ce)
						cell_append(ce, f, rs->cgen->cxt);
				}
		}
		SPI_freetuptable(tt);
	}
	SPI_cursor_close(portal);
	PopActiveSnapshot();
}

static TopoFeature **
statement_probe(TrigCache *tc, RowState *rs, TopoFeature *f, int *nout)
{
	TopoCtx    *ctx = rs->ctx;
	Datum		args[4];
	char		nulls[4] = {' ', ' ', 'n', 'n'};
	TopoFeature **all;
	int			n,
				i,
				k = 0;

	args[0] = PointerGetDatum(f->datum);
	args[1] = Float8GetDatum(tc->tol);
	args[2] = args[3] = (Datum) 0;
	all = probe(tc, rs, tc->nbr_plan, args, nulls, TOPO_NEIGHBOUR, &n);
	for (i = 0; i < n; i++)
	{
		TopoNewKey *nk = all[i]->key ? hash_search(statement_keys(rs), &all[i]->key, HASH_FIND, NULL) : NULL;
		KeyEntry   *ke;

		if (nk)
		{
			/* a row of the statement: the one taken, or not yet */
			if (nk->f)
				all[k++] = nk->f;
			continue;
		}
		ke = all[i]->key ? hash_search(rs->keys, &all[i]->key, HASH_FIND, NULL) : NULL;
		all[k++] = ke ? ke->f : all[i];
	}
	(void) ctx;
	*nout = k;
	return all;
}

static void
statement_cached(TrigCache *tc, TopoCtx *ctx, TopoFeature **pre, int npre, NewRows *nr,
				 CommandId stmt_cid)
{
	RowState	rs;
	HASHCTL		hc;
	int			i,
				j,
				n;
	int			pass;

	memset(&rs, 0, sizeof(rs));
	rs.ctx = ctx;
	rs.statement = true;
	rs.nr = nr;
	rs.xid = GetCurrentTransactionIdIfAny();
	rs.cid = stmt_cid;
	rs.cgen = topo_gen_new(ctx);
	memset(&hc, 0, sizeof(hc));
	hc.keysize = sizeof(CellKey);
	hc.entrysize = sizeof(CellEntry);
	hc.hcxt = ctx->cxt;
	rs.cells = hash_create("jtsyq trigger cells", 256, &hc, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	rs.keys = topo_string_hash("jtsyq trigger rows", sizeof(KeyEntry), ctx->cxt);
	rs.ckeys = topo_string_hash("jtsyq trigger containers", sizeof(KeyEntry), ctx->cxt);
	rs.rx0 = rs.ry0 = PG_INT64_MAX;
	rs.rx1 = rs.ry1 = PG_INT64_MIN;

	/*
	 * The cache's cells: all are read up front, so their size is free of
	 * the lock cells'.  Twice the rows' mean extent keeps the lists short
	 * (a 100 m parcel meets a few dozen boxes, not the hundred of a 1 km
	 * cell) while most rows reach at most 2 x 2 of them; a row reaching
	 * more than STATEMENT_CACHE_CELLS is probed on its own.
	 */
	{
		double		ext = 0;

		for (i = 0; i < npre; i++)
			ext += Max(pre[i]->lw.box.xmax - pre[i]->lw.box.xmin,
					   pre[i]->lw.box.ymax - pre[i]->lw.box.ymin);
		rs.ccell = npre > 0 ? 2 * ext / npre : tc->cell;
		rs.ccell = Max(rs.ccell, tc->cell / 64);
		rs.ccell = Min(rs.ccell, tc->cell);
		rs.cmaxcells = STATEMENT_CACHE_CELLS;
	}
	statement_preload(tc, &rs, pre, npre, false);
	if (OidIsValid(tc->container) && !tc->link)
		statement_preload(tc, &rs, pre, npre, true);

	for (pass = 0; pass < (ctx->layer_dim == 1 ? 2 : 1); pass++)
		for (i = 0; i < npre; i++)
		{
			TopoFeature *f = pre[i];
			TopoFeature **nbrs;

			CHECK_FOR_INTERRUPTS();
			rs.rows++;
			nbrs = cache_candidates(tc, &rs, f, false, &n);
			if (nbrs == NULL)
				nbrs = statement_probe(tc, &rs, f, &n);
			if (pass == 1)
			{
				/* every line of the statement is cached by now */
				topo_nodes(ctx, f, nbrs, n);
				continue;
			}
			for (j = 0; j < n; j++)
			{
				TopoFeature *nb = nbrs[j];

				if (nb == f || (nb->key && f->key && strcmp(nb->key, f->key) == 0))
					continue;
				/* a pair of the statement's rows is named in their order */
				if (nb->from_statement)
					topo_pair(ctx, nb, f);
				else
					topo_pair(ctx, f, nb);
			}
			if (OidIsValid(tc->container))
			{
				TopoFeature **cands = NULL;
				int			nc = 0;

				if (!tc->link)
					cands = cache_candidates(tc, &rs, f, true, &nc);
				if (cands == NULL)
				{
					Datum		args[2];
					char		nulls[2] = {' ', ' '};

					if (tc->link)
					{
						args[0] = f->link ? CStringGetTextDatum(f->link) : (Datum) 0;
						nulls[0] = f->link ? ' ' : 'n';
					}
					else
					{
						args[0] = PointerGetDatum(f->datum);
						args[1] = Float8GetDatum(tc->tol);
					}
					cands = probe(tc, &rs, tc->cont_plan, args, nulls, TOPO_CONTAINER, &nc);
				}
				topo_contain(ctx, f, cands, nc);
			}
			cache_add(tc, &rs, f);
		}
}

/*
 * The new rows of a statement: key as text, geometry, link as text.  Read
 * straight from the transition table's tuplestore (with a read pointer of
 * our own, as a NamedTuplestoreScan does) when key and link turn into text
 * as their SQL cast does - by their output function or as binary-compatible
 * text - which covers integer, numeric and text keys; otherwise through SPI
 * (SELECT key::text, geom, link::text FROM the transition table).
 */
typedef struct NewRowReader
{
	/* direct */
	MemoryContext cxt;			/* where a tuple read from disk is kept */
	Tuplestorestate *ts;
	int			readptr;
	TupleTableSlot *slot;
	AttrNumber	keyatt,
				geomatt,
				linkatt;
	bool		keyio,
				linkio;
	FmgrInfo	keyout,
				linkout;
	/* SPI */
	Portal		portal;
	SPITupleTable *tt;
	uint64		pos,
				n;
} NewRowReader;

/* can a column of type typid be turned into text without SQL?  (its output function, or binary) */
static bool
text_by_output(Oid typid, bool *io, FmgrInfo *out)
{
	Oid			castfunc,
				outfunc;
	bool		varlena;

	switch (find_coercion_pathway(TEXTOID, typid, COERCION_EXPLICIT, &castfunc))
	{
		case COERCION_PATH_RELABELTYPE:
			*io = false;
			return true;
		case COERCION_PATH_COERCEVIAIO:
			getTypeOutputInfo(typid, &outfunc, &varlena);
			fmgr_info(outfunc, out);
			*io = true;
			return true;
		default:
			return false;
	}
}

static void
reader_begin(NewRowReader *r, TrigCache *tc, TriggerData *td)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	char	   *sql;

	memset(r, 0, sizeof(*r));
	r->keyatt = SPI_fnumber(desc, tc->keycol);
	r->geomatt = SPI_fnumber(desc, tc->geomcol);
	r->linkatt = tc->link ? SPI_fnumber(desc, tc->link) : InvalidAttrNumber;
	if (r->keyatt > 0 && r->geomatt > 0 && (!tc->link || r->linkatt > 0) &&
		text_by_output(TupleDescAttr(desc, r->keyatt - 1)->atttypid, &r->keyio, &r->keyout) &&
		(!tc->link || text_by_output(TupleDescAttr(desc, r->linkatt - 1)->atttypid, &r->linkio, &r->linkout)))
	{
		r->cxt = CurrentMemoryContext;
		r->ts = td->tg_newtable;
		r->readptr = tuplestore_alloc_read_pointer(r->ts, EXEC_FLAG_REWIND);
		tuplestore_select_read_pointer(r->ts, r->readptr);
		tuplestore_rescan(r->ts);
		r->slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
		return;
	}
	sql = psprintf("SELECT %s::text, %s%s%s%s FROM %s", tc->keyexpr, quote_identifier(tc->geomcol),
				   tc->link ? ", " : "", tc->link ? quote_identifier(tc->link) : "",
				   tc->link ? "::text" : "", quote_identifier(td->tg_trigger->tgnewtable));
	r->portal = SPI_cursor_open_with_args(NULL, sql, 0, NULL, NULL, NULL, true, 0);
}

static char *
reader_text(Datum d, bool io, FmgrInfo *out)
{
	return io ? OutputFunctionCall(out, d) : TextDatumGetCString(d);
}

/*
 * The next row (strings palloc'd in the current context; the geometry
 * valid until the next call), or false at the end.
 */
static bool
reader_next(NewRowReader *r, char **key, Datum *geom, bool *isnull, char **link)
{
	bool		null;
	Datum		d;

	if (r->ts)
	{
		MemoryContext old = MemoryContextSwitchTo(r->cxt);
		bool		got;

		/* (a tuple from disk is palloc'd here and freed by the next one) */
		tuplestore_select_read_pointer(r->ts, r->readptr);
		got = tuplestore_gettupleslot(r->ts, true, false, r->slot);
		MemoryContextSwitchTo(old);
		if (!got)
			return false;
		d = slot_getattr(r->slot, r->keyatt, &null);
		*key = null ? NULL : reader_text(d, r->keyio, &r->keyout);
		*geom = slot_getattr(r->slot, r->geomatt, isnull);
		*link = NULL;
		if (r->linkatt > 0)
		{
			d = slot_getattr(r->slot, r->linkatt, &null);
			*link = null ? NULL : reader_text(d, r->linkio, &r->linkout);
		}
		return true;
	}
	if (r->pos == r->n)
	{
		/* (recording a finding runs SPI again: keep our own pointers) */
		if (r->tt)
			SPI_freetuptable(r->tt);
		SPI_cursor_fetch(r->portal, true, 10000);
		r->tt = SPI_tuptable;
		r->n = SPI_processed;
		r->pos = 0;
		if (r->n == 0)
			return false;
	}
	*key = SPI_getvalue(r->tt->vals[r->pos], r->tt->tupdesc, 1);
	*geom = SPI_getbinval(r->tt->vals[r->pos], r->tt->tupdesc, 2, isnull);
	*link = r->tt->tupdesc->natts > 2 ? SPI_getvalue(r->tt->vals[r->pos], r->tt->tupdesc, 3) : NULL;
	r->pos++;
	return true;
}

static void
reader_end(NewRowReader *r)
{
	if (r->ts)
	{
		ExecDropSingleTupleTableSlot(r->slot);
		tuplestore_select_read_pointer(r->ts, 0);
	}
	else
	{
		if (r->tt)
			SPI_freetuptable(r->tt);
		SPI_cursor_close(r->portal);
	}
}

static void
statement_check(TrigCache *tc, TriggerData *td, TopoCtx *ctx, CommandId stmt_cid)
{
	char	   *sql;
	Portal		cportal = NULL;
	char	   *csql;
	bool		dense;
	JtBox		extent = {0, 0, 0, 0};
	JtBox	   *boxes;
	size_t		nboxes = 0,
				maxboxes = 1024;
	JtLockCell *cells;
	int			ncells,
				level,
				i;
	TopoGen    *gen = topo_gen_new(ctx);
	char	   *pg = jt_postgis_schema();
	StringInfoData cellsql;
	ArrayBuildState *ax1,
			   *ay1,
			   *ax2,
			   *ay2;
	Datum		args[4];
	Oid			types[4] = {FLOAT8ARRAYOID, FLOAT8ARRAYOID, FLOAT8ARRAYOID, FLOAT8ARRAYOID};
	MemoryContext rowcxt;
	int64		nnew;
	bool		small;
	TopoFeature **pre = NULL;
	int			npre = 0;
	NewRowReader reader;
	MemoryContext old;
	NewRows		nr;

	if (tc->keycol == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the statement-level mode needs a key column", FNAME),
				 errhint("Give %s a primary key, or pass the option key=<column>.", tc->relname)));
	if (SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("%s: could not register the transition table", FNAME)));

	boxes = MemoryContextAllocHuge(ctx->cxt, sizeof(JtBox) * maxboxes);
	rowcxt = AllocSetContextCreate(ctx->cxt, "jtsyq trigger row", ALLOCSET_SMALL_SIZES);

	/*
	 * A statement of at most one batch of rows (the usual COPY of a
	 * village or a county) is read once, here, and checked with the old
	 * rows around it in one go; a larger one is read again from the table,
	 * sorted, and swept in batches.
	 */
	nnew = tuplestore_tuple_count(td->tg_newtable);
	small = nnew <= jt_topology_batch_rows;
	memset(&nr, 0, sizeof(nr));
	if (small)
	{
		pre = MemoryContextAllocHuge(ctx->cxt, sizeof(TopoFeature *) * Max(nnew, 1));
		nr.keys = MemoryContextAllocHuge(ctx->cxt, sizeof(char *) * Max(nnew, 1));
		nr.feats = MemoryContextAllocHuge(ctx->cxt, sizeof(TopoFeature *) * Max(nnew, 1));
	}
	else
		ctx->new_keys = topo_string_hash("jtsyq new rows", sizeof(TopoNewKey), ctx->cxt);

	/*
	 * 1. the new rows: their keys and boxes (and in a small statement the
	 * features themselves, checked alone as they are read); unusable ones
	 * reported now
	 */
	old = MemoryContextSwitchTo(ctx->cxt);
	reader_begin(&reader, tc, td);
	MemoryContextSwitchTo(old);
	for (;;)
	{
		bool		isnull;
		Datum		g;
		char	   *key,
				   *link;
		TopoNewKey *nk;
		bool		found;
		char	   *stored;
		JtGeom	   *jg = NULL;
		JtLinework	lw;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(rowcxt);
		if (!reader_next(&reader, &key, &g, &isnull, &link))
		{
			MemoryContextSwitchTo(old);
			break;
		}
		if (key == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("%s: a new row of %s has a NULL key", FNAME, tc->relname)));
		if (small)
		{
			TopoFeature *f;

			MemoryContextSwitchTo(old);
			f = topo_feature_load(ctx, gen, key, link, g, isnull, TOPO_FEATURE, true);
			if (nr.n == nnew)
				ereport(ERROR,
						(errcode(ERRCODE_INTERNAL_ERROR),
						 errmsg("%s: more new rows than the transition table counted", FNAME)));
			if (f->excluded)
			{
				/* reported: kept by key only */
				nr.keys[nr.n] = MemoryContextStrdup(ctx->cxt, key);
				nr.feats[nr.n++] = NULL;
				topo_feature_release(f);
			}
			else
			{
				nr.keys[nr.n] = f->key;
				nr.feats[nr.n++] = f;
				pre[npre++] = f;
				if (nboxes == maxboxes)
				{
					maxboxes *= 2;
					boxes = repalloc_huge(boxes, sizeof(JtBox) * maxboxes);
				}
				grow_box(&boxes[nboxes++], &f->lw.box, tc->tol);
			}
			MemoryContextReset(rowcxt);
			continue;
		}
		stored = MemoryContextStrdup(ctx->cxt, key);
		nk = hash_search(ctx->new_keys, &stored, HASH_ENTER, &found);
		nk->reported = false;
		if (!found)
			nk->f = NULL;
		if (!isnull)
		{
			jg = jt_geom_try_from_datum(g, FNAME);
			if (jg != NULL)
				jt_linework_fill(jg, palloc(sizeof(JtPath) * Max(jt_linework_npaths(jg), 1)), &lw);
		}
		/* NULL, a curve, empty or NaN: a finding of its own (topo_feature_load) */
		if (jg == NULL || jt_geom_is_empty(jg) || !jt_geom_all_finite(jg))
		{
			TopoFeature *f = topo_feature_load(ctx, gen, key, NULL, g, isnull, TOPO_FEATURE, true);

			topo_feature_release(f);
			nk->reported = true;
		}
		else
		{
			if (!ctx->srid_known)
			{
				ctx->srid = jg->srid;
				ctx->srid_known = true;
			}
			if (nboxes == maxboxes)
			{
				maxboxes *= 2;
				boxes = repalloc_huge(boxes, sizeof(JtBox) * maxboxes);
			}
			grow_box(&boxes[nboxes++], &lw.box, tc->tol);
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowcxt);
	}
	reader_end(&reader);
	topo_gen_done_loading(gen);
	if (nboxes == 0)
		return;

	/* 2. lock the cells of all of them, in one order */
	lock_boxes(tc, boxes, nboxes, STATEMENT_LOCK_CELLS, &cells, &ncells, &level, NULL);

	/* 3a. a small statement: its rows one by one against cached lock cells */
	if (small)
	{
		statement_cached(tc, ctx, pre, npre, &nr, stmt_cid);
		return;
	}

	/* 3b. a large one: the rows of the table in those cells, new and old, swept */
	ax1 = initArrayResult(FLOAT8OID, CurrentMemoryContext, false);
	ay1 = initArrayResult(FLOAT8OID, CurrentMemoryContext, false);
	ax2 = initArrayResult(FLOAT8OID, CurrentMemoryContext, false);
	ay2 = initArrayResult(FLOAT8OID, CurrentMemoryContext, false);
	for (i = 0; i < ncells; i++)
	{
		JtBox		cb;

		if (cells[i].level != level)
			continue;
		jt_lock_cell_box(&cells[i], tc->cell, &cb);
		accumArrayResult(ax1, Float8GetDatum(cb.xmin), false, FLOAT8OID, CurrentMemoryContext);
		accumArrayResult(ay1, Float8GetDatum(cb.ymin), false, FLOAT8OID, CurrentMemoryContext);
		accumArrayResult(ax2, Float8GetDatum(cb.xmax), false, FLOAT8OID, CurrentMemoryContext);
		accumArrayResult(ay2, Float8GetDatum(cb.ymax), false, FLOAT8OID, CurrentMemoryContext);
	}
	args[0] = makeArrayResult(ax1, CurrentMemoryContext);
	args[1] = makeArrayResult(ay1, CurrentMemoryContext);
	args[2] = makeArrayResult(ax2, CurrentMemoryContext);
	args[3] = makeArrayResult(ay2, CurrentMemoryContext);

	/*
	 * The rows of the table in those cells, new and old: by the cells'
	 * extent when they fill most of it (a load of a whole area), else cell
	 * by cell without duplicates.
	 */
	{
		int64		cx0 = PG_INT64_MAX,
					cy0 = PG_INT64_MAX,
					cx1 = PG_INT64_MIN,
					cy1 = PG_INT64_MIN;
		int			nlevel = 0;

		for (i = 0; i < ncells; i++)
			if (cells[i].level == level)
			{
				cx0 = Min(cx0, cells[i].cx);
				cy0 = Min(cy0, cells[i].cy);
				cx1 = Max(cx1, cells[i].cx);
				cy1 = Max(cy1, cells[i].cy);
				nlevel++;
			}
		dense = level < JT_LOCK_TOP_LEVEL && nlevel > 0 &&
			2.0 * nlevel >= (double) (cx1 - cx0 + 1) * (double) (cy1 - cy0 + 1);
		if (dense)
		{
			JtLockCell	lo = {level, 0, cx0, cy0},
						hi = {level, 0, cx1, cy1};
			JtBox		b0,
						b1;

			jt_lock_cell_box(&lo, tc->cell, &b0);
			jt_lock_cell_box(&hi, tc->cell, &b1);
			extent.xmin = b0.xmin;
			extent.ymin = b0.ymin;
			extent.xmax = b1.xmax;
			extent.ymax = b1.ymax;
		}
	}

	initStringInfo(&cellsql);
	if (level >= JT_LOCK_TOP_LEVEL)
		appendStringInfo(&cellsql,
						 "SELECT %s::text AS k, %s AS g%s%s%s FROM %s t",
						 tc->keyexpr, quote_identifier(tc->geomcol),
						 tc->link ? ", " : "", tc->link ? quote_identifier(tc->link) : "",
						 tc->link ? "::text AS l" : "", tc->relname);
	else if (dense)
		appendStringInfo(&cellsql,
						 "SELECT t.%s::text AS k, t.%s AS g%s%s%s FROM %s t "
						 "WHERE t.%s OPERATOR(%s.&&) %s.ST_MakeEnvelope(%.17g, %.17g, %.17g, %.17g, %d)",
						 tc->keyexpr, quote_identifier(tc->geomcol),
						 tc->link ? ", t." : "", tc->link ? quote_identifier(tc->link) : "",
						 tc->link ? "::text AS l" : "", tc->relname,
						 quote_identifier(tc->geomcol), pg, pg,
						 extent.xmin, extent.ymin, extent.xmax, extent.ymax, ctx->srid);
	else
		appendStringInfo(&cellsql,
						 "SELECT DISTINCT ON (t.tableoid, t.ctid) t.%s::text AS k, t.%s AS g%s%s%s "
						 "FROM unnest($1, $2, $3, $4) c(x1, y1, x2, y2) JOIN %s t "
						 "ON t.%s OPERATOR(%s.&&) %s.ST_MakeEnvelope(c.x1, c.y1, c.x2, c.y2, %d)",
						 tc->keyexpr, quote_identifier(tc->geomcol),
						 tc->link ? ", t." : "", tc->link ? quote_identifier(tc->link) : "",
						 tc->link ? "::text AS l" : "", tc->relname,
						 quote_identifier(tc->geomcol), pg, pg, ctx->srid);
	sql = psprintf("SELECT k, g, jtsyq._xmin(g) AS x%s FROM (%s) s",
				   tc->link ? ", l" : "", cellsql.data);

	/* a snapshot taken after the locks: we see what the other writers committed */
	CommandCounterIncrement();
	PushActiveSnapshot(GetLatestSnapshot());
	if (OidIsValid(tc->container))
	{
		if (level >= JT_LOCK_TOP_LEVEL || tc->link)
			csql = psprintf("SELECT %s::text, %s, jtsyq._xmin(%s) FROM %s ORDER BY 3 NULLS LAST",
							tc->ckeyexpr, quote_identifier(tc->cgeomcol), quote_identifier(tc->cgeomcol),
							topo_relation_name(tc->container));
		else
			csql = psprintf("SELECT k, g, jtsyq._xmin(g) FROM ("
							"SELECT DISTINCT ON (t.tableoid, t.ctid) t.%s::text AS k, t.%s AS g "
							"FROM unnest($1, $2, $3, $4) c(x1, y1, x2, y2) JOIN %s t "
							"ON t.%s OPERATOR(%s.&&) %s.ST_MakeEnvelope(c.x1, c.y1, c.x2, c.y2, %d)) s "
							"ORDER BY 3 NULLS LAST",
							tc->ckeyexpr, quote_identifier(tc->cgeomcol),
							topo_relation_name(tc->container),
							quote_identifier(tc->cgeomcol), pg, pg, ctx->srid);
		cportal = SPI_cursor_open_with_args(NULL, csql,
											(level >= JT_LOCK_TOP_LEVEL || tc->link) ? 0 : 4,
											types, args, NULL, true, 0);
	}
	topo_sweep_query(ctx, sql, (level >= JT_LOCK_TOP_LEVEL || dense) ? 0 : 4, types, args, cportal);
	PopActiveSnapshot();
	if (cportal)
		SPI_cursor_close(cportal);
}

/* ---------------------------------------------------------------------
 * The trigger
 * ---------------------------------------------------------------------
 */

Datum
jtsyq_topology_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	TrigCache  *tc;
	HeapTuple	result = NULL;
	bool		row;
	CommandId	stmt_cid;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s: not called by the trigger manager", FNAME)));
	row = TRIGGER_FIRED_FOR_ROW(td->tg_event);
	if (row)
	{
		if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
			return PointerGetDatum(td->tg_trigtuple);	/* removing never overlaps */
		result = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	}
	else
	{
		if (TRIGGER_FIRED_BY_DELETE(td->tg_event) || TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
			return PointerGetDatum(NULL);
		if (!TRIGGER_FIRED_AFTER(td->tg_event) || td->tg_newtable == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					 errmsg("%s: a statement-level trigger needs AFTER ... REFERENCING NEW TABLE AS ...", FNAME),
					 errhint("CREATE TRIGGER ... AFTER INSERT ON t REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION jtsyq.topology_trigger(...).")));
	}

	/* the command that inserted the statement's rows, before SPI moves on */
	stmt_cid = GetCurrentCommandId(false);
	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("SPI_connect failed")));
	tc = trig_cache_get(td);

	if (row)
	{
		RowState   *rs = (RowState *) fcinfo->flinfo->fn_extra;
		ItemPointer self = NULL;

		/* state for the rest of the statement, in the statement's memory */
		if (rs == NULL || rs->tgoid != td->tg_trigger->tgoid)
		{
			MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
			HASHCTL		hc;

			rs = palloc0(sizeof(RowState));
			rs->tgoid = td->tg_trigger->tgoid;
			rs->ctx = &rs->ctxbuf;
			topo_ctx_init(rs->ctx, FNAME, tc->tol, tc->sliver,
						  tc->checks_given ? tc->checks : TRIGGER_ROW_CHECKS, trig_emit, &rs->em);
			if (tc->sliver == 0)
				rs->ctx->checks &= ~(1u << JT_TK_SLIVER);
			rs->ctx->checks &= ~(1u << JT_TK_GAP);
			rs->ctx->only_new = true;
			rs->ctx->container_dim = tc->container_dim;
			rs->ctx->link = (tc->link != NULL);
			MemoryContextSwitchTo(old);
			layer_shape(tc, rs->ctx, stmt_cid);
			MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
			memset(&hc, 0, sizeof(hc));
			hc.keysize = sizeof(CellKey);
			hc.entrysize = sizeof(CellEntry);
			hc.hcxt = rs->ctx->cxt;
			rs->cells = hash_create("jtsyq trigger cells", 256, &hc, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
			rs->ccell = tc->cell;
			rs->cmaxcells = CACHE_MAX_CELLS;
			rs->rx0 = rs->ry0 = PG_INT64_MAX;
			rs->rx1 = rs->ry1 = PG_INT64_MIN;
			rs->keys = topo_string_hash("jtsyq trigger rows", sizeof(KeyEntry), rs->ctx->cxt);
			rs->ckeys = topo_string_hash("jtsyq trigger containers", sizeof(KeyEntry), rs->ctx->cxt);
			rs->em.ctx = rs->ctx;
			rs->em.cxt = AllocSetContextCreate(rs->ctx->cxt, "jtsyq trigger output", ALLOCSET_SMALL_SIZES);
			MemoryContextSwitchTo(old);
			fcinfo->flinfo->fn_extra = rs;
		}
		rs->em.tc = tc;
		rs->em.rel = td->tg_relation;
		rs->em.confirm = NULL;
		if (TRIGGER_FIRED_AFTER(td->tg_event))
			self = &result->t_self;
		else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
			self = &td->tg_trigtuple->t_self;
		row_check(tc, td, rs, result, self);
	}
	else
	{
		TopoCtx		ctx;
		TrigEmit	em;

		memset(&em, 0, sizeof(em));
		topo_ctx_init(&ctx, FNAME, tc->tol, tc->sliver,
					  tc->checks_given ? tc->checks : TRIGGER_STATEMENT_CHECKS, trig_emit, &em);
		if (tc->sliver == 0)
			ctx.checks &= ~(1u << JT_TK_SLIVER);
		ctx.checks &= ~(1u << JT_TK_GAP);
		ctx.only_new = true;
		ctx.container_dim = tc->container_dim;
		ctx.link = (tc->link != NULL);
		layer_shape(tc, &ctx, stmt_cid);
		em.tc = tc;
		em.ctx = &ctx;
		em.rel = td->tg_relation;
		em.cxt = AllocSetContextCreate(ctx.cxt, "jtsyq trigger output", ALLOCSET_SMALL_SIZES);
		statement_check(tc, td, &ctx, stmt_cid);
		topo_ctx_done(&ctx);
	}
	SPI_finish();
	return PointerGetDatum(result);
}
