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

#endif							/* JTSYQ_UNIT_H */
