/*-------------------------------------------------------------------------
 *
 * topo_pg.h
 *	  The topology engine inside the backend, shared by the whole-layer check
 *	  jtsyq.topology_errors() (topo_pg.c) and jtsyq.topology_trigger()
 *	  (topo_trigger.c).
 *
 * A feature is read once from a geometry datum: copied into the memory
 * context of its "generation" (the batch it was read in), described as
 * linework for the pure-C screens (topo.c) and converted to GEOS once,
 * into the generation's JtGeosArena.  A generation's context, and with it
 * every GEOS object of its features, is deleted when its last feature is
 * evicted, so memory follows the live features, never the layer.
 *
 * The sweep (topo_sweep) reads the layer sorted by the west edge (xmin) of
 * each feature, in batches; a feature stays live while a later feature can
 * still reach it (its xmax + tolerance is east of the next batch's first
 * xmin) or while a container it belongs to is open.  See topo_pg.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_TOPO_PG_H
#define JTSYQ_TOPO_PG_H

#include "postgres.h"

#include "executor/spi.h"
#include "utils/hsearch.h"

#include "geos_pg.h"
#include "topo.h"

/* rows read per batch by the sweep (GUC jtsyq.topology_batch_rows) */
extern int	jt_topology_batch_rows;

/* define the GUC; called from _PG_init */
extern void jt_topo_init(void);

typedef struct TopoGen
{
	MemoryContext cxt;
	JtGeosArena *arena;
	int			nlive;
	bool		loading;		/* still receiving features */
} TopoGen;

typedef struct TopoFeature
{
	int64		seq;			/* reading order */
	char	   *key;			/* id as text (NULL if the key is NULL) */
	char	   *link;			/* container-link value, or NULL */
	struct varlena *datum;		/* the geometry as read (detoasted copy) */
	JtGeom	   *g;
	JtLinework	lw;
	GEOSGeometry *gg;			/* NULL when excluded */
	GEOSGeometry *fixed;		/* GEOSMakeValid of an invalid one (lazy) */
	const GEOSPreparedGeometry *prep;	/* lazy */
	uint8	   *segcov;			/* segments shared with a neighbour or on
								 * the container's boundary */
	JtSegIndex	bix;			/* containers: boundary segment index (lazy) */
	TopoGen    *gen;
	int			pins;			/* open containers this feature belongs to */
	bool		excluded;		/* unusable (reported): skipped by pair checks */
	bool		invalid;		/* GEOS-invalid: use `fixed` for overlays */
	bool		suspect;		/* a pair screen said "maybe" */
	bool		is_new;			/* statement trigger: a row of this statement */
	bool		validity_known;
	bool		nodes_done;
	bool		from_statement; /* trigger cache: a row of this statement */
	struct TopoNewKey *newkey;	/* statement trigger: its entry in new_keys */
	int64		stamp;			/* trigger cache: last row it was a candidate of */
	/* containers */
	struct TopoFeature **members;
	int			nmembers,
				maxmembers;
	JtPath		path1;			/* lw's path when it has one (no palloc) */
	char		keybuf[FLEXIBLE_ARRAY_MEMBER];	/* key's text */
} TopoFeature;

typedef void (*TopoEmitFn) (void *arg, JtTopoKind kind, const char *id1, const char *id2,
							const GEOSGeometry *geom, double measure);

typedef struct TopoCtx
{
	const char *fname;			/* for messages */
	double		tol;
	double		eps;
	double		sliver_width;
	uint32		checks;			/* bit (1 << kind) per kind to report */
	int			layer_dim;		/* 2 polygons, 1 lines, 0 not known yet */
	int			container_dim;	/* 2, 1, 0 not known yet, -1 no container */
	bool		link;			/* container membership by a link column */
	int32		srid;
	bool		srid_known;
	bool		only_new;		/* report about new rows only (triggers) */
	TopoEmitFn	emit;
	void	   *emit_arg;
	MemoryContext cxt;			/* the operation's context */
	MemoryContext tmpcxt;		/* reset after each pair or feature */
	JtGeosArena *tmparena;		/* GEOS objects of tmpcxt */
	void	   *scratch;
	Size		scratch_size;
	int64		nextseq;
	HTAB	   *new_keys;		/* statement trigger: keys of the new rows */
	int64		nfindings;
} TopoCtx;

/* a hash table keyed by C strings (char * as the first entry field) */
extern HTAB *topo_string_hash(const char *name, Size entrysize, MemoryContext cxt);

/* entries of TopoCtx.new_keys */
typedef struct TopoNewKey
{
	const char *key;
	bool		reported;		/* unusable geometry, reported already */
	struct TopoFeature *f;		/* statement trigger's cache: the row once
								 * its turn has come, else NULL */
} TopoNewKey;

/* all kinds, and the trigger's default (no dangles/pseudo-nodes/gaps) */
#define TOPO_ALL_CHECKS ((uint32) ((1u << JT_TK_COUNT) - 1))

extern void topo_ctx_init(TopoCtx *ctx, const char *fname, double tol, double sliver_width,
						  uint32 checks, TopoEmitFn emit, void *emit_arg);
extern void topo_ctx_done(TopoCtx *ctx);
extern void topo_check_tolerance(const char *fname, double tol);
/* Parse a checks array ('{overlap,gap}' or '{-pseudo_node}'); 22023 if bad. */
extern uint32 topo_parse_checks(const char *fname, Datum *elems, bool *nulls, int n,
								uint32 defaults);

extern TopoGen *topo_gen_new(TopoCtx *ctx);
extern void topo_gen_done_loading(TopoGen *gen);

/*
 * Read a feature (role: TOPO_FEATURE - a row of the layer, checked and
 * reported on; TOPO_NEIGHBOUR - an existing row a trigger compares with,
 * not reported on; TOPO_CONTAINER).  Returns NULL for a NULL geometry.
 */
#define TOPO_FEATURE 0
#define TOPO_NEIGHBOUR 1
#define TOPO_CONTAINER 2
extern TopoFeature *topo_feature_load(TopoCtx *ctx, TopoGen *gen, const char *key,
									  const char *link, Datum geom, bool isnull, int role,
									  bool is_new);
extern void topo_feature_release(TopoFeature *f);

/* The checks of a pair, of a feature against its containers, of line ends. */
extern void topo_pair(TopoCtx *ctx, TopoFeature *a, TopoFeature *b);
extern void topo_contain(TopoCtx *ctx, TopoFeature *f, TopoFeature **cands, int ncands);
extern void topo_nodes(TopoCtx *ctx, TopoFeature *f, TopoFeature **nbrs, int nnbrs);

/*
 * The whole-layer sweep.  features: a cursor over (key text, geom, xmin
 * float8 [, link text]) sorted by xmin, NULLs last; containers likewise
 * (key, geom, xmin) or NULL.
 */
extern void topo_sweep(TopoCtx *ctx, Portal features, Portal containers);
/*
 * The same from a query (columns k key, g geometry, x its xmin [, l link];
 * no ORDER BY): a layer of at most one batch
 * is read and checked at once, unsorted; a larger one is read again,
 * sorted by xmin, and swept.
 */
extern void topo_sweep_query(TopoCtx *ctx, const char *sql, int nargs, Oid *types,
							 Datum *args, Portal containers);

/* WKT of a finding's geometry for error messages (palloc'd, shortened). */
extern char *topo_geom_wkt(const GEOSGeometry *g);

/* Type OID of PostGIS geometry; the quoted name of a relation. */
extern Oid	topo_geometry_type(void);
extern char *topo_relation_name(Oid relid);
/* Check a column exists and is a geometry: returns its attnum. */
extern AttrNumber topo_geometry_column(Oid relid, const char *col, const char *fname,
									   const char *what);
/* Dimension of the first non-empty geometry of a column (-1: none). */
extern int	topo_first_dim(Oid relid, const char *col);
extern int	topo_typmod_dim(Oid relid, const char *col, int32 *srid);
extern int	topo_container_dim(Oid relid, const char *col, const char *fname);
extern void topo_check_relkind(Oid relid, const char *fname, const char *what);
/* Unquoted name of the 1-column primary key of a relation, or NULL. */
extern char *topo_primary_key_column(Oid relid);
/* Key expression of a relation: key_column, its 1-column primary key, ctid. */
extern char *topo_key_expr(Oid relid, const char *key_column, const char *fname,
						   const char *what);

#endif							/* JTSYQ_TOPO_PG_H */
