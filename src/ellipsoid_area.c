/*-------------------------------------------------------------------------
 *
 * ellipsoid_area.c
 *	  The survey's ellipsoidal area: reference and fast implementations (see
 *	  ellipsoid_area.h for the rules and the equivalence argument).  No
 *	  PostgreSQL headers.
 *
 *-------------------------------------------------------------------------
 */
#include "ellipsoid_area.h"

#include <float.h>
#include <math.h>

#include "decimal_round.h"
#include "gauss_kruger.h"

/*
 * Fast path guards.  A point's seconds closer than SECONDS_GUARD to a
 * rounding tie are recomputed by the reference (the fast values differ from
 * the reference's by less than 1.2e-10" over the plausible range, see
 * test/unit/test_ellipsoid_area.c); the final area is recomputed when it
 * lies within AREA_GUARD_FACTOR * eps * sum |terms| of a tie: both
 * implementations sum with compensation, so their difference is that of
 * the terms, each within a few ulps of the exact value (the unit test
 * measures the largest difference at about 3 eps * sum |terms|).
 */
#define SECONDS_GUARD		2e-9
#define AREA_GUARD_FACTOR	128.0

/* Short Taylor series are used below these magnitudes (radians). */
#define TAYLOR_MAX_ANGLE	4e-3	/* angle addition: sin/cos to x^7 / x^6 */
#define TAYLOR_MAX_HALF_DB	2e-5	/* trapezoid: sin(k h) to (k h)^3 */

#define INTERRUPT_EVERY		65536

/* the per-point kernels must be inlined into their loops */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* Constants of one computation. */
typedef struct Consts
{
	double		cA,
				cB,
				cC,
				cD,
				cE;				/* trapezoid coefficients A..E */
	double		eta_e2;			/* eccentricity in eta^2 */
	double		two_b2;
	/* sum_k s_k k^(2n+1)/(2n+1)! T_k for n = 0, 1; s = A, -B, C, -D, E */
	double		g1[5],
				g3[5];
} Consts;

static void
consts_init(Consts *k, bool literal)
{
	double		e2 = literal ? JT_GK_EP2 : JT_GK_E2;
	double		e4 = e2 * e2;
	double		e6 = e4 * e2;
	double		e8 = e4 * e4;
	double		s[5];
	int			i;

	k->cA = 1.0 + (3.0 / 6.0) * e2 + (30.0 / 80.0) * e4 + (35.0 / 112.0) * e6 + (630.0 / 2304.0) * e8;
	k->cB = (1.0 / 6.0) * e2 + (15.0 / 80.0) * e4 + (21.0 / 112.0) * e6 + (420.0 / 2304.0) * e8;
	k->cC = (3.0 / 80.0) * e4 + (7.0 / 112.0) * e6 + (180.0 / 2304.0) * e8;
	k->cD = (1.0 / 112.0) * e6 + (45.0 / 2304.0) * e8;
	k->cE = (5.0 / 2304.0) * e8;
	k->eta_e2 = literal ? JT_GK_E2 : JT_GK_EP2;
	k->two_b2 = 2.0 * JT_GK_B * JT_GK_B;

	s[0] = k->cA;
	s[1] = -k->cB;
	s[2] = k->cC;
	s[3] = -k->cD;
	s[4] = k->cE;
	for (i = 0; i < 5; i++)
	{
		double		m = 2 * i + 1;

		k->g1[i] = s[i] * m;
		k->g3[i] = s[i] * m * m * m / 6.0;
	}
}

double
jt_trapezoid_area(double B1, double B2, double dL, bool pseudocode_literal)
{
	Consts		k;
	double		h = (B2 - B1) / 2.0;
	double		Bm = (B1 + B2) / 2.0;

	consts_init(&k, pseudocode_literal);
	return k.two_b2 * dL * (k.cA * sin(h) * cos(Bm)
							- k.cB * sin(3.0 * h) * cos(3.0 * Bm)
							+ k.cC * sin(5.0 * h) * cos(5.0 * Bm)
							- k.cD * sin(7.0 * h) * cos(7.0 * Bm)
							+ k.cE * sin(9.0 * h) * cos(9.0 * Bm));
}

void
jt_area_options_default(JtAreaOptions *o)
{
	o->densify_step = JT_AREA_DENSIFY_STEP;
	o->xy_decimals = JT_AREA_XY_DECIMALS;
	o->densify_decimals = JT_AREA_DENSIFY_DECIMALS;
	o->seconds_decimals = JT_AREA_SECONDS_DECIMALS;
	o->result_decimals = JT_AREA_RESULT_DECIMALS;
	o->pseudocode_literal = false;
	o->central_meridian = 0;
	o->false_easting = 0;
	o->check_interrupts = NULL;
}

static bool
options_valid(const JtAreaOptions *o)
{
	return isfinite(o->densify_step) &&
		(o->densify_step == 0 || (o->densify_step >= 0.01 && o->densify_step <= 1e7)) &&
		o->xy_decimals >= -1 && o->xy_decimals <= 7 &&
		o->densify_decimals >= -1 && o->densify_decimals <= 7 &&
		o->seconds_decimals >= -1 && o->seconds_decimals <= JT_ROUND_MAX_DECIMALS &&
		o->result_decimals >= -1 && o->result_decimals <= JT_ROUND_MAX_DECIMALS &&
		isfinite(o->central_meridian) && fabs(o->central_meridian) <= 180 &&
		isfinite(o->false_easting);
}

/* ---------------------------------------------------------------------
 * The points of a ring: rounded vertices and inserted points
 * ---------------------------------------------------------------------
 */

/* Per-computation state shared by both implementations. */
typedef struct Ctx
{
	const JtAreaOptions *o;
	Consts		k;
	double		p_xy,
				p_dn,
				p_s;			/* 10^decimals (1 when off) */
	double		inv_srho;		/* 1 / (p_s * rho): scaled seconds -> radians */
	double		fe_xy,
				fe_dn;			/* false easting * 10^decimals */
	double		L0_rad;			/* central meridian in radians (survey pi) */
	double		kLref;			/* the current ring's reference meridian */
	uint64_t	npoints;
	uint64_t	fallback_points;
	JtAreaStatus status;
	double		bad_x,
				bad_y;
} Ctx;

static void
ctx_init(Ctx *c, const JtAreaOptions *o)
{
	c->o = o;
	consts_init(&c->k, o->pseudocode_literal);
	c->p_xy = o->xy_decimals >= 0 ? jt_pow10(o->xy_decimals) : 1;
	c->p_dn = o->densify_decimals >= 0 ? jt_pow10(o->densify_decimals) : 1;
	c->p_s = o->seconds_decimals >= 0 ? jt_pow10(o->seconds_decimals) : 1;
	c->inv_srho = 1.0 / (c->p_s * JT_GK_RHO);
	c->fe_xy = o->false_easting * c->p_xy;
	c->fe_dn = o->false_easting * c->p_dn;
	c->L0_rad = o->central_meridian * JT_GK_PI / 180.0;
	c->kLref = 0;
	c->npoints = 0;
	c->fallback_points = 0;
	c->status = JT_AREA_OK;
	c->bad_x = c->bad_y = 0;
}

static inline void
count_point(Ctx *c)
{
	if ((++c->npoints % INTERRUPT_EVERY) == 0 && c->o->check_interrupts)
		c->o->check_interrupts();
}

/* A vertex as stored and in survey coordinates. */
typedef struct Vtx
{
	double		e,
				n;				/* easting, northing as stored */
	bool		grid;			/* both exact decimals on the densify grid */
	int64_t		ke,
				kn;				/* then: e, n times 10^densify_decimals */
	double		x,
				y;				/* northing, easting - false easting, rounded */
} Vtx;

/*
 * Load a vertex.  x = northing, y = easting minus the false easting, both
 * rounded to xy_decimals: the scaled integer is rounded and the scaled
 * false easting subtracted exactly, so that the result does not depend on
 * the zone prefix.  Returns false (and records the vertex) when it lies
 * outside the zone's plausible range.
 */
static inline bool
vertex_load(Ctx *c, const double *p, Vtx *v)
{
	const JtAreaOptions *o = c->o;
	double		ke,
				kn;

	v->e = p[0];
	v->n = p[1];
	if (o->xy_decimals >= 0)
	{
		v->x = jt_round_scaled(v->n, o->xy_decimals) / c->p_xy;
		v->y = (jt_round_scaled(v->e, o->xy_decimals) - c->fe_xy) / c->p_xy;
	}
	else
	{
		v->x = v->n;
		v->y = v->e - o->false_easting;
	}
	v->ke = v->kn = 0;
	v->grid = o->densify_step > 0 && o->densify_decimals >= 0 &&
		jt_decimal_on_grid(v->e, o->densify_decimals, &ke) &&
		jt_decimal_on_grid(v->n, o->densify_decimals, &kn);
	if (v->grid)
	{
		v->ke = (int64_t) ke;
		v->kn = (int64_t) kn;
	}
	if (!jt_gk_plausible(v->x, v->y))
	{
		if (c->status == JT_AREA_OK)
		{
			c->status = JT_AREA_OUT_OF_ZONE;
			c->bad_x = v->e;
			c->bad_y = v->n;
		}
		return false;
	}
	return true;
}

/* The inserted points of one edge. */
typedef struct Edge
{
	int64_t		n;				/* inserted points */
	bool		exact;			/* end points on the densify grid */
	double		e1,
				n1,
				de,
				dn;				/* stored start and difference */
	int64_t		ke1,
				kn1,
				kde,
				kdn;			/* the same, scaled to integers */
} Edge;

/*
 * floor(length / step) points for an edge longer than the step, from the
 * unrounded end points as the official software does (exact decimal
 * differences when both are on the densify grid).
 */
static inline void
edge_init(const Ctx *c, Edge *ed, const Vtx *v1, const Vtx *v2)
{
	const JtAreaOptions *o = c->o;
	double		de,
				dn,
				d;

	ed->n = 0;
	if (o->densify_step <= 0)
		return;
	ed->e1 = v1->e;
	ed->n1 = v1->n;
	ed->de = v2->e - v1->e;
	ed->dn = v2->n - v1->n;
	ed->exact = v1->grid && v2->grid;
	if (ed->exact)
	{
		ed->ke1 = v1->ke;
		ed->kn1 = v1->kn;
		ed->kde = v2->ke - v1->ke;
		ed->kdn = v2->kn - v1->kn;
		de = (double) ed->kde / c->p_dn;
		dn = (double) ed->kdn / c->p_dn;
	}
	else
	{
		de = ed->de;
		dn = ed->dn;
	}
	d = sqrt(de * de + dn * dn);
	if (d > o->densify_step)
		ed->n = (int64_t) (d / o->densify_step);	/* floor: both positive */
}

/* round((k1 * q + dk * j) / q), half away from zero, exactly */
static inline double
rational_round(int64_t k1, int64_t dk, int64_t j, int64_t q)
{
	__int128	total = (__int128) k1 * q + (__int128) dk * j;
	bool		neg = total < 0;
	__int128	mag = neg ? -total : total;
	__int128	r = (2 * mag + q) / (2 * (__int128) q);

	return neg ? -(double) r : (double) r;
}

/* Inserted point j (1..n) of an edge, in survey coordinates. */
static inline void
inserted_xy(const Ctx *c, const Edge *ed, int64_t j, double *x, double *y)
{
	int			dd = c->o->densify_decimals;
	int64_t		q = ed->n + 1;

	if (dd < 0)
	{
		*x = ed->n1 + ed->dn * (double) j / (double) q;
		*y = ed->e1 + ed->de * (double) j / (double) q - c->o->false_easting;
	}
	else if (ed->exact)
	{
		*x = rational_round(ed->kn1, ed->kdn, j, q) / c->p_dn;
		*y = (rational_round(ed->ke1, ed->kde, j, q) - c->fe_dn) / c->p_dn;
	}
	else
	{
		*x = jt_round_scaled(ed->n1 + ed->dn * (double) j / (double) q, dd) / c->p_dn;
		*y = (jt_round_scaled(ed->e1 + ed->de * (double) j / (double) q, dd) - c->fe_dn) / c->p_dn;
	}
}

/*
 * The fast path's version of the exact case: the quotient and remainder of
 * dk * j / q advance by those of dk / q, so no division per point.  Same
 * integers as rational_round (the unit tests compare).
 */
typedef struct Stepper
{
	int64_t		base,
				Q,
				R,
				Qd,
				Rd,
				q;
} Stepper;

static inline void
stepper_init(Stepper *s, int64_t k1, int64_t dk, int64_t q)
{
	s->base = k1;
	s->q = q;
	/*
	 * floor(dk / q): a double division (truncated) is much cheaper than an
	 * integer one and off by at most one; the remainder checks correct it
	 */
	s->Qd = (int64_t) ((double) dk / (double) q);
	s->Rd = dk - s->Qd * q;
	while (s->Rd < 0)
	{
		s->Rd += q;
		s->Qd--;
	}
	while (s->Rd >= q)
	{
		s->Rd -= q;
		s->Qd++;
	}
	s->Q = 0;
	s->R = 0;
}

static inline void
stepper_clear(Stepper *s)
{
	s->base = s->Q = s->R = s->Qd = s->Rd = 0;
	s->q = 1;
}

static inline double
stepper_next(Stepper *s)
{
	int64_t		whole;

	s->Q += s->Qd;
	s->R += s->Rd;
	if (s->R >= s->q)
	{
		s->R -= s->q;
		s->Q++;
	}
	/* value = whole + R/q with 0 <= R < q; half away from zero */
	whole = s->base + s->Q;
	if (whole >= 0)
		return (double) (whole + (2 * s->R >= s->q));
	return (double) (whole + (2 * s->R > s->q));
}

/* ---------------------------------------------------------------------
 * Reference implementation
 * ---------------------------------------------------------------------
 */

typedef struct Pt
{
	double		B;				/* latitude, radians (after seconds rounding) */
	double		L;				/* longitude minus the ring's reference, radians */
	double		kL;				/* longitude in scaled arc-seconds (rounded) */
	double		sB,
				cB;				/* fast path only: sin B, cos B */
} Pt;

/* scaled, rounded seconds: round(sec * 10^seconds_decimals) */
static inline double
seconds_round(const Ctx *c, double sec)
{
	if (c->o->seconds_decimals < 0)
		return sec;
	return jt_round_scaled(sec, c->o->seconds_decimals);
}

/*
 * B, L of a point, the literal way: the series with libm's sin, cos, tan;
 * B and L in arc-seconds rounded, then back to radians.
 */
static inline void
point_reference(Ctx *c, double x, double y, Pt *p)
{
	double		B,
				dL;

	jt_gk_inverse(x, y, c->k.eta_e2, &B, &dL);
	p->B = seconds_round(c, B * JT_GK_RHO) * c->inv_srho;
	p->kL = seconds_round(c, (c->L0_rad + dL) * JT_GK_RHO);
	p->L = (p->kL - c->kLref) * c->inv_srho;
}

static inline double
term_reference(const Consts *k, const Pt *p1, const Pt *p2)
{
	double		h = (p2->B - p1->B) / 2.0;
	double		Bm = (p1->B + p2->B) / 2.0;
	double		Lm = (p1->L + p2->L) / 2.0;

	return k->two_b2 * Lm * (k->cA * sin(h) * cos(Bm)
							 - k->cB * sin(3.0 * h) * cos(3.0 * Bm)
							 + k->cC * sin(5.0 * h) * cos(5.0 * Bm)
							 - k->cD * sin(7.0 * h) * cos(7.0 * Bm)
							 + k->cE * sin(9.0 * h) * cos(9.0 * Bm));
}

/*
 * Every ring's longitudes are taken relative to its first vertex's (any
 * meridian gives the same sum for a closed ring; the official software uses
 * 0 degrees, a nearby one keeps the partial sums, and their rounding
 * errors, small).
 */
static inline void
ring_reference_meridian(Ctx *c, Pt *first)
{
	c->kLref = first->kL;
	first->L = 0;
}

/* Neumaier's compensated summation: the ring sums carry no rounding error
 * worth speaking of, whichever implementation computes the terms. */
static inline void
neumaier_add(double *sum, double *comp, double t)
{
	double		s = *sum + t;

	if (fabs(*sum) >= fabs(t))
		*comp += (*sum - s) + t;
	else
		*comp += (t - s) + *sum;
	*sum = s;
}

static double
ring_sum_reference(Ctx *c, const JtPointArray *pa, int nd)
{
	const double *v = pa->coords;
	uint32_t	npts = pa->npoints;
	double		sum = 0,
				comp = 0;
	double		x,
				y;
	Vtx			v1,
				v2;
	Pt			prev,
				cur;
	uint32_t	i;

	if (npts < 2 || !vertex_load(c, v, &v1))
		return 0;
	point_reference(c, v1.x, v1.y, &prev);
	ring_reference_meridian(c, &prev);
	count_point(c);
	for (i = 1; i < npts; i++)
	{
		Edge		ed;
		int64_t		j;

		if (!vertex_load(c, v + (size_t) i * nd, &v2))
			return 0;
		edge_init(c, &ed, &v1, &v2);
		for (j = 1; j <= ed.n; j++)
		{
			inserted_xy(c, &ed, j, &x, &y);
			point_reference(c, x, y, &cur);
			neumaier_add(&sum, &comp, term_reference(&c->k, &prev, &cur));
			prev = cur;
			count_point(c);
		}
		point_reference(c, v2.x, v2.y, &cur);
		neumaier_add(&sum, &comp, term_reference(&c->k, &prev, &cur));
		prev = cur;
		v1 = v2;
		count_point(c);
	}
	return sum + comp;
}

/* ---------------------------------------------------------------------
 * Fast implementation
 *
 * Points are processed in chunks, one short loop per step, so that the
 * iterations of each loop are independent: the arithmetic of the series is
 * a long chain of dependent operations, and independent iterations let the
 * processor overlap several points instead of waiting on one.
 * ---------------------------------------------------------------------
 */

#define CHUNK 64

/* sin and cos of a small angle a (|a| <= TAYLOR_MAX_ANGLE) */
static ALWAYS_INLINE void
small_sincos(double a, double *s, double *co)
{
	double		a2 = a * a;

	*s = a * (1.0 - a2 * (1.0 / 6.0 - a2 * (1.0 / 120.0 - a2 * (1.0 / 5040.0))));
	*co = 1.0 - a2 * (0.5 - a2 * (1.0 / 24.0 - a2 * (1.0 / 720.0)));
}

/* Bookkeeping for the fast path's error bound. */
typedef struct Bound
{
	double		abs_terms;		/* sum |term| */
	uint64_t	nterms;
} Bound;

/*
 * One chunk of points, in slots 1..n; slot 0 holds the point before the
 * chunk (the last of the previous chunk) for the first trapezoid term.
 * Each point carries E = k0 x of an anchor whose sine and cosine are known,
 * and the small offset dE of its own E from it: a vertex is its own anchor
 * (dE = 0, sin/cos from libm), an inserted point is anchored at its edge's
 * first vertex.
 */
typedef struct Chunk
{
	int			n;
	bool		first;			/* slot 1 is the ring's first point */
	double		x[CHUNK + 1],
				y[CHUNK + 1];
	double		aE[CHUNK + 1],
				aS[CHUNK + 1],
				aC[CHUNK + 1],
				dE[CHUNK + 1];
	/* footpoint latitude and its sine and cosine, B and L */
	double		Bf[CHUNK + 1],
				sBf[CHUNK + 1],
				cBf[CHUNK + 1];
	double		B[CHUNK + 1],
				kB[CHUNK + 1],
				kL[CHUNK + 1],
				L[CHUNK + 1];
	double		terms[CHUNK + 1];
	bool		slow[CHUNK + 1];
	/* the ring's sum so far, compensated (Neumaier) */
	double		sum,
				comp;
} Chunk;

/*
 * The series for one point anchored at (aE, aS, aC) with offset dE: the
 * footpoint latitude Bf with its sine and cosine, and B, L in scaled
 * arc-seconds before rounding.  sin/cos of E and of Bf = E + d follow from
 * the anchor's by angle addition with short series (|dE| <= 4e-3,
 * |d| < 2.6e-3); the inverse terms use reciprocals instead of divisions.
 */
static ALWAYS_INLINE void
series_point(const Ctx *c, double aE, double aS, double aC, double dE, double y,
			 double *Bf_out, double *sBf_out, double *cBf_out, double *rB, double *rL)
{
	double		sdE,
				cdE,
				sE,
				cE,
				d,
				sd,
				cd,
				sBf,
				cBf,
				icBf,
				t,
				t2,
				eta2,
				V2,
				u,
				u2,
				Bf,
				B,
				dL;

	small_sincos(dE, &sdE, &cdE);
	sE = aS * cdE + aC * sdE;
	cE = aC * cdE - aS * sdE;
	d = jt_gk_footpoint_offset(sE, cE);
	Bf = (aE + dE) + d;
	small_sincos(d, &sd, &cd);
	sBf = sE * cd + cE * sd;
	cBf = cE * cd - sE * sd;
	icBf = 1.0 / cBf;
	t = sBf * icBf;
	t2 = t * t;
	eta2 = c->k.eta_e2 * cBf * cBf;
	V2 = 1.0 + eta2;
	u = y * sqrt(V2) * (1.0 / JT_GK_C);
	u2 = u * u;
	B = Bf - V2 * t * u2 * (0.5
							- u2 * ((5.0 + 3.0 * t2 + eta2 - 9.0 * eta2 * t2) * (1.0 / 24.0)
									- u2 * (61.0 + 90.0 * t2 + 45.0 * t2 * t2) * (1.0 / 720.0)));
	dL = u * icBf * (1.0
					 - u2 * ((1.0 + 2.0 * t2 + eta2) * (1.0 / 6.0)
							 - u2 * (5.0 + 28.0 * t2 + 24.0 * t2 * t2 + 6.0 * eta2 + 8.0 * eta2 * t2) * (1.0 / 120.0)));
	*Bf_out = Bf;
	*sBf_out = sBf;
	*cBf_out = cBf;
	*rB = B * JT_GK_RHO * c->p_s;
	*rL = (c->L0_rad + dL) * JT_GK_RHO * c->p_s;
}

/* 1.5 * 2^52: adding and subtracting it rounds to an integer */
#define RINT_MAGIC 6755399441055744.0

/*
 * The series for every point of a chunk, then the seconds rounding: fills
 * Bf, sBf, cBf, kB, kL and marks points too close to a rounding tie.  Away
 * from a tie, rounding half away from zero is rounding to nearest, done
 * with the magic constant.
 */
static void
chunk_series(const Ctx *c, Chunk *ch)
{
	const double near_tie = 0.5 - SECONDS_GUARD * c->p_s;
	int			n = ch->n;
	int			i;

	for (i = 1; i <= n; i++)
	{
		double		rB,
					rL,
					kB,
					kL;

		series_point(c, ch->aE[i], ch->aS[i], ch->aC[i], ch->dE[i], ch->y[i],
					 &ch->Bf[i], &ch->sBf[i], &ch->cBf[i], &rB, &rL);
		kB = (rB + RINT_MAGIC) - RINT_MAGIC;
		kL = (rL + RINT_MAGIC) - RINT_MAGIC;
		ch->kB[i] = kB;
		ch->kL[i] = kL;
		/* non-short-circuit & keeps the loop free of branches */
		ch->slow[i] = !((fabs(rB - kB) < near_tie) & (fabs(rL - kL) < near_tie) &
						(fabs(rB) < 0x1p50) & (fabs(rL) < 0x1p50));
	}
}

/*
 * Points too close to a rounding tie: the reference's own evaluation.  x
 * and y are bit-identical to the reference's (a value within 1e-11" of a
 * tie is decided by the last bits of the double), and the footpoint
 * quantities are replaced by B itself so that the trapezoid step needs no
 * special case.
 */
static void
chunk_slow_points(Ctx *c, Chunk *ch)
{
	int			i;

	for (i = 1; i <= ch->n; i++)
	{
		double		B,
					dL;

		if (!ch->slow[i])
			continue;
		jt_gk_inverse(ch->x[i], ch->y[i], c->k.eta_e2, &B, &dL);
		ch->kB[i] = seconds_round(c, B * JT_GK_RHO);
		ch->kL[i] = seconds_round(c, (c->L0_rad + dL) * JT_GK_RHO);
		ch->Bf[i] = ch->kB[i] * c->inv_srho;
		ch->sBf[i] = sin(ch->Bf[i]);
		ch->cBf[i] = cos(ch->Bf[i]);
		c->fallback_points++;
	}
}

/*
 * The trapezoid terms between consecutive points.  cos Bm = cos(Bf1 + (B1 -
 * Bf1) + h) by angle addition, cos k Bm by Chebyshev's recurrence, sin(k h)
 * by its series to (k h)^3 (|h| <= 2e-5, about 250 m of latitude: the next
 * term is below 1e-20 relative); longer segments take the literal formula.
 */
static void
chunk_terms(const Consts *k, Chunk *ch, int from)
{
	int			i;

	for (i = from; i <= ch->n; i++)
	{
		double		h = (ch->B[i] - ch->B[i - 1]) / 2.0;
		double		Lm = (ch->L[i - 1] + ch->L[i]) / 2.0;
		double		a = (ch->B[i - 1] - ch->Bf[i - 1]) + h;
		double		sa,
					ca,
					T1,
					T2,
					T3,
					T5,
					T7,
					T9,
					g1,
					g3;

		if (fabs(h) > TAYLOR_MAX_HALF_DB || fabs(a) > TAYLOR_MAX_ANGLE)
		{
			double		Bm = (ch->B[i - 1] + ch->B[i]) / 2.0;

			ch->terms[i] = k->two_b2 * Lm * (k->cA * sin(h) * cos(Bm)
											 - k->cB * sin(3.0 * h) * cos(3.0 * Bm)
											 + k->cC * sin(5.0 * h) * cos(5.0 * Bm)
											 - k->cD * sin(7.0 * h) * cos(7.0 * Bm)
											 + k->cE * sin(9.0 * h) * cos(9.0 * Bm));
			continue;
		}
		small_sincos(a, &sa, &ca);
		T1 = ch->cBf[i - 1] * ca - ch->sBf[i - 1] * sa;
		T2 = 2.0 * T1 * T1 - 1.0;
		T3 = (2.0 * T2 - 1.0) * T1;
		T5 = 2.0 * T2 * T3 - T1;
		T7 = 2.0 * T2 * T5 - T3;
		T9 = 2.0 * T2 * T7 - T5;
		g1 = k->g1[0] * T1 + k->g1[1] * T3 + k->g1[2] * T5 + k->g1[3] * T7 + k->g1[4] * T9;
		g3 = k->g3[0] * T1 + k->g3[1] * T3 + k->g3[2] * T5 + k->g3[3] * T7 + k->g3[4] * T9;
		ch->terms[i] = k->two_b2 * Lm * (h * (g1 - h * h * g3));
	}
}

/* Evaluate a chunk, add its terms to the ring's sum, keep its last point. */
static void
chunk_flush(Ctx *c, Chunk *ch, Bound *bd)
{
	int			n = ch->n;
	int			from = 1;
	int			i;

	if (n == 0)
		return;
	chunk_series(c, ch);
	chunk_slow_points(c, ch);
	if (ch->first)
	{
		c->kLref = ch->kL[1];
		from = 2;
	}
	for (i = 1; i <= n; i++)
	{
		ch->B[i] = ch->kB[i] * c->inv_srho;
		ch->L[i] = (ch->kL[i] - c->kLref) * c->inv_srho;
	}
	chunk_terms(&c->k, ch, from);

	/*
	 * A plain sum within the chunk (its rounding error, below 64 eps times
	 * the sum of |terms|, is inside the error bound), compensated across
	 * chunks.
	 */
	{
		double		part = 0,
					abs_part = 0;

		for (i = from; i <= n; i++)
		{
			part += ch->terms[i];
			abs_part += fabs(ch->terms[i]);
		}
		neumaier_add(&ch->sum, &ch->comp, part);
		bd->abs_terms += abs_part;
	}
	bd->nterms += n;
	ch->first = false;
	/* the last point becomes slot 0 */
	ch->B[0] = ch->B[n];
	ch->L[0] = ch->L[n];
	ch->Bf[0] = ch->Bf[n];
	ch->sBf[0] = ch->sBf[n];
	ch->cBf[0] = ch->cBf[n];
	c->npoints += n;
	if (c->o->check_interrupts && c->npoints % INTERRUPT_EVERY < (uint64_t) n)
		c->o->check_interrupts();
	ch->n = 0;
}

/* Append a point anchored at (aE, aS, aC) with offset dE. */
static inline void
chunk_push(Ctx *c, Chunk *ch, double x, double y, double aE, double aS, double aC, double dE,
		   Bound *bd)
{
	int			i = ++ch->n;

	ch->x[i] = x;
	ch->y[i] = y;
	ch->aE[i] = aE;
	ch->aS[i] = aS;
	ch->aC[i] = aC;
	ch->dE[i] = dE;
	if (i == CHUNK)
		chunk_flush(c, ch, bd);
}

static double
ring_sum_fast(Ctx *c, const JtPointArray *pa, int nd, Bound *bd)
{
	const double *v = pa->coords;
	uint32_t	npts = pa->npoints;
	double		E,
				sE,
				cE;
	Vtx			v1,
				v2;
	Chunk		ch;
	uint32_t	i;

	if (npts < 2 || !vertex_load(c, v, &v1))
		return 0;
	ch.n = 0;
	ch.first = true;
	ch.sum = ch.comp = 0;
	E = JT_GK_K0 * v1.x;
	sE = sin(E);
	cE = cos(E);
	chunk_push(c, &ch, v1.x, v1.y, E, sE, cE, 0, bd);
	for (i = 1; i < npts; i++)
	{
		Edge		ed;

		if (!vertex_load(c, v + (size_t) i * nd, &v2))
			return 0;
		edge_init(c, &ed, &v1, &v2);
		if (ed.n > 0)
		{
			Stepper		se,
						sn;
			int64_t		j;

			stepper_clear(&se);
			stepper_clear(&sn);
			if (ed.exact)
			{
				stepper_init(&se, ed.ke1, ed.kde, ed.n + 1);
				stepper_init(&sn, ed.kn1, ed.kdn, ed.n + 1);
			}
			for (j = 1; j <= ed.n; j++)
			{
				double		x,
							y,
							dE;

				if (ed.exact)
				{
					/* the same operations as inserted_xy() */
					x = stepper_next(&sn) / c->p_dn;
					y = (stepper_next(&se) - c->fe_dn) / c->p_dn;
				}
				else
					inserted_xy(c, &ed, j, &x, &y);
				dE = JT_GK_K0 * (x - v1.x);
				if (fabs(dE) <= TAYLOR_MAX_ANGLE)
					chunk_push(c, &ch, x, y, E, sE, cE, dE, bd);
				else
				{
					double		E2 = JT_GK_K0 * x;

					chunk_push(c, &ch, x, y, E2, sin(E2), cos(E2), 0, bd);
				}
			}
		}
		E = JT_GK_K0 * v2.x;
		sE = sin(E);
		cE = cos(E);
		chunk_push(c, &ch, v2.x, v2.y, E, sE, cE, 0, bd);
		v1 = v2;
	}
	chunk_flush(c, &ch, bd);
	return ch.sum + ch.comp;
}

/* ---------------------------------------------------------------------
 * Polygons and results
 * ---------------------------------------------------------------------
 */

typedef double (*RingSumFn) (Ctx *c, const JtPointArray *pa, int nd, Bound *bd);

static double
ring_sum_reference_cb(Ctx *c, const JtPointArray *pa, int nd, Bound *bd)
{
	return ring_sum_reference(c, pa, nd);
}

static double
polygon_area(Ctx *c, const JtGeom *poly, RingSumFn fn, Bound *bd)
{
	double		area = 0;
	uint32_t	r;

	for (r = 0; r < poly->nrings && c->status == JT_AREA_OK; r++)
	{
		double		a = fabs(fn(c, &poly->rings[r], poly->ndims, bd));

		area += (r == 0) ? a : -a;
	}
	return area;
}

static double
geom_area(Ctx *c, const JtGeom *g, RingSumFn fn, Bound *bd)
{
	double		area = 0;
	uint32_t	i;

	if (g->type == JT_POLYGON)
		return polygon_area(c, g, fn, bd);
	for (i = 0; i < g->ngeoms && c->status == JT_AREA_OK; i++)
		area += geom_area(c, &g->geoms[i], fn, bd);
	return area;
}

static void
finish(const Ctx *c, double total, JtAreaResult *res)
{
	res->status = c->status;
	res->bad_x = c->bad_x;
	res->bad_y = c->bad_y;
	res->npoints = c->npoints;
	res->fallback_points = c->fallback_points;
	res->unrounded = total;
	if (c->status != JT_AREA_OK)
		res->area = 0;
	else if (c->o->result_decimals >= 0)
		res->area = jt_round_decimal(total, c->o->result_decimals);
	else
		res->area = total;
}

void
jt_ellipsoid_area_reference(const JtGeom *g, const JtAreaOptions *o, JtAreaResult *res)
{
	Ctx			c;
	double		total;

	res->fallback_area = false;
	res->error_bound = 0;
	if (!options_valid(o))
	{
		ctx_init(&c, o);
		c.status = JT_AREA_BAD_OPTION;
		finish(&c, 0, res);
		return;
	}
	ctx_init(&c, o);
	total = geom_area(&c, g, ring_sum_reference_cb, NULL);
	finish(&c, total, res);
}

void
jt_ellipsoid_area(const JtGeom *g, const JtAreaOptions *o, JtAreaResult *res)
{
	Ctx			c;
	Bound		bd = {0, 0};
	double		total;

	/* the fast path's seconds guard is sized for up to 6 decimals */
	if (!options_valid(o) || o->seconds_decimals < 0 || o->seconds_decimals > 6)
	{
		jt_ellipsoid_area_reference(g, o, res);
		return;
	}
	ctx_init(&c, o);
	total = geom_area(&c, g, ring_sum_fast, &bd);
	res->fallback_area = false;
	res->error_bound = AREA_GUARD_FACTOR * DBL_EPSILON * bd.abs_terms;
	if (c.status == JT_AREA_OK && o->result_decimals >= 0)
	{
		double		p = jt_pow10(o->result_decimals);
		double		r = fabs(total) * p;
		double		f = r - floor(r);

		/* too close to a rounding tie to trust the fast value: recompute */
		if (r < 0x1p52 && fabs(f - 0.5) / p <= res->error_bound + fabs(total) * 0x1p-50)
		{
			double		bound = res->error_bound;
			uint64_t	fb = c.fallback_points;

			jt_ellipsoid_area_reference(g, o, res);
			res->fallback_area = true;
			res->fallback_points = fb;
			res->error_bound = bound;
			return;
		}
	}
	finish(&c, total, res);
}

void
jt_area_probe_point(double xs, double x, double y, const JtAreaOptions *o, double out[4])
{
	Ctx			c;
	double		E = JT_GK_K0 * xs;
	double		Bf,
				sBf,
				cBf,
				B,
				dL;

	ctx_init(&c, o);
	series_point(&c, E, sin(E), cos(E), JT_GK_K0 * (x - xs), y, &Bf, &sBf, &cBf, &out[0], &out[1]);
	out[0] /= c.p_s;
	out[1] /= c.p_s;
	jt_gk_inverse(x, y, c.k.eta_e2, &B, &dL);
	out[2] = B * JT_GK_RHO;
	out[3] = (c.L0_rad + dL) * JT_GK_RHO;
}
