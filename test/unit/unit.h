/*
 * unit.h — a minimal test harness for jtsyq's pure-C cores.
 *
 * Each test_*.c is one program: CHECK() records a failure with file/line and
 * goes on; main() ends with UNIT_DONE(), whose exit status is the verdict.
 * The programs are built with AddressSanitizer and UBSan (test/unit/Makefile),
 * so memory errors fail the run as well.
 */
#ifndef JTSYQ_UNIT_H
#define JTSYQ_UNIT_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static int	unit_checks = 0;
static int	unit_failures = 0;

#define CHECK(cond) \
	do { \
		unit_checks++; \
		if (!(cond)) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_EQ_INT(a, b) \
	do { \
		long long unit_a_ = (long long) (a), unit_b_ = (long long) (b); \
		unit_checks++; \
		if (unit_a_ != unit_b_) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", \
					__FILE__, __LINE__, #a, #b, unit_a_, unit_b_); \
		} \
	} while (0)

#define CHECK_EQ_STR(a, b) \
	do { \
		const char *unit_a_ = (a), *unit_b_ = (b); \
		unit_checks++; \
		if (unit_a_ == NULL || unit_b_ == NULL || strcmp(unit_a_, unit_b_) != 0) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", \
					__FILE__, __LINE__, #a, #b, unit_a_ ? unit_a_ : "(null)", \
					unit_b_ ? unit_b_ : "(null)"); \
		} \
	} while (0)

/* |a - b| <= tol */
#define CHECK_NEAR(a, b, tol) \
	do { \
		double unit_a_ = (a), unit_b_ = (b); \
		unit_checks++; \
		if (!(fabs(unit_a_ - unit_b_) <= (tol))) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: %s ~ %s failed: %.17g vs %.17g (tol %g)\n", \
					__FILE__, __LINE__, #a, #b, unit_a_, unit_b_, (double) (tol)); \
		} \
	} while (0)

#define UNIT_DONE() \
	do { \
		fprintf(stderr, "%s: %d checks, %d failures\n", __FILE__, unit_checks, unit_failures); \
		return unit_failures == 0 ? 0 : 1; \
	} while (0)

/* malloc-backed JtAllocator that remembers its blocks, for geom.h users */
#ifdef JTSYQ_GEOM_H
typedef struct UnitArena
{
	void	   *blocks[4096];
	int			n;
} UnitArena;

static void *
unit_arena_alloc(void *arg, size_t size)
{
	UnitArena  *a = (UnitArena *) arg;
	void	   *p = calloc(1, size ? size : 1);

	if (p == NULL || a->n >= 4096)
		abort();
	a->blocks[a->n++] = p;
	return p;
}

static void
unit_arena_free(UnitArena *a)
{
	while (a->n > 0)
		free(a->blocks[--a->n]);
}
#endif

/* xorshift64: deterministic uniform numbers in [0, 1) for randomized tests */
static uint64_t unit_rng_state = 0x9E3779B97F4A7C15ULL;

static double
unit_rand(void)
{
	unit_rng_state ^= unit_rng_state << 13;
	unit_rng_state ^= unit_rng_state >> 7;
	unit_rng_state ^= unit_rng_state << 17;
	return (unit_rng_state >> 11) * 0x1.0p-53;
}

/* A polygon built ring by ring in static storage, for geom.h users */
#ifdef JTSYQ_GEOM_H
typedef struct UnitPoly
{
	double		coords[8][1202];	/* up to 8 rings of 601 points */
	JtPointArray rings[8];
	JtGeom		g;
} UnitPoly;

static void
unit_poly_init(UnitPoly *p, int32_t srid)
{
	memset(&p->g, 0, sizeof(p->g));
	p->g.type = JT_POLYGON;
	p->g.srid = srid;
	p->g.ndims = 2;
	p->g.rings = p->rings;
}

static void
unit_poly_ring(UnitPoly *p, const double *xy, int n)
{
	int			r = p->g.nrings++;

	if (r >= 8 || n > 601)
		abort();
	memcpy(p->coords[r], xy, sizeof(double) * 2 * n);
	p->rings[r].npoints = n;
	p->rings[r].coords = p->coords[r];
}
#endif

#endif							/* JTSYQ_UNIT_H */
