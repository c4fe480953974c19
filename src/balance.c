/*
 * balance.c — 面积调平 (forced area balancing) on integer steps.
 *
 * See balance.h for the scheme and its guarantees.  No PostgreSQL headers:
 * unit-tested in test/unit/test_balance.c and fuzzed in
 * test/fuzz/fuzz_balance.c.
 */
#include "balance.h"

#include <stdlib.h>

#ifndef __SIZEOF_INT128__
#error "jtsyq's area balancing needs a 128-bit integer type (gcc or clang on a 64-bit target)"
#endif

typedef __int128 i128;

/* larger part first, then smaller tie rank, then input position */
static int
item_cmp(const void *a, const void *b)
{
	const JtBalanceItem *x = (const JtBalanceItem *) a;
	const JtBalanceItem *y = (const JtBalanceItem *) b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return 0;
}

/*
 * The common core.  parts may be NULL (every part 0); the shares of
 * diff = control − Σ parts are proportional to weights, and the remainder
 * goes to the largest weights.  jt_balance passes weights = parts.
 */
static JtBalanceStatus
balance_core(int64_t control, const int64_t *parts, const int64_t *weights,
			 const int64_t *rank, size_t n, int64_t *out,
			 JtBalanceItem *scratch)
{
	i128		total = 0;
	i128		wtotal = 0;
	i128		diff;
	i128		assigned = 0;
	i128		remainder;
	int64_t		step;
	size_t		i;

	/* a negative number is reported before any overflow */
	if (control < 0)
		return JT_BALANCE_NEGATIVE;
	for (i = 0; i < n; i++)
		if ((parts && parts[i] < 0) || weights[i] < 0)
			return JT_BALANCE_NEGATIVE;
	for (i = 0; i < n; i++)
	{
		total += parts ? parts[i] : 0;
		wtotal += weights[i];
		if (total > INT64_MAX || wtotal > INT64_MAX)
			return JT_BALANCE_OVERFLOW;
	}
	diff = (i128) control - total;
	if (diff == 0)
	{
		for (i = 0; i < n; i++)
			out[i] = parts ? parts[i] : 0;
		return JT_BALANCE_OK;
	}
	if (wtotal == 0)
		return JT_BALANCE_NO_WEIGHT;

	/*
	 * The quotient: each part's proportional share, truncated toward zero.
	 * |diff| < 2^64 and weights[i] < 2^63, so the product fits in 128 bits.
	 */
	for (i = 0; i < n; i++)
	{
		i128		q = diff * (i128) weights[i] / wtotal;
		i128		v = (i128) (parts ? parts[i] : 0) + q;

		if (v > INT64_MAX)
			return JT_BALANCE_OVERFLOW;
		out[i] = (int64_t) v;
		assigned += q;
	}

	/*
	 * The remainder, one step each to the largest weights.  Its size is
	 * below the number of non-zero weights (the truncated fractions of the
	 * shares sum to it, and each is below one), so zero weights never
	 * receive a step.
	 */
	remainder = diff - assigned;
	if (remainder == 0)
		return JT_BALANCE_OK;
	step = remainder > 0 ? 1 : -1;
	if (remainder < 0)
		remainder = -remainder;
	for (i = 0; i < n; i++)
	{
		scratch[i].size = weights[i];
		scratch[i].rank = rank ? rank[i] : (int64_t) i;
		scratch[i].index = i;
	}
	qsort(scratch, n, sizeof(JtBalanceItem), item_cmp);
	for (i = 0; i < n && remainder > 0; i++, remainder--)
	{
		size_t		k = scratch[i].index;

		if (step > 0 && out[k] == INT64_MAX)
			return JT_BALANCE_OVERFLOW;
		out[k] += step;
	}
	return JT_BALANCE_OK;
}

JtBalanceStatus
jt_balance(int64_t control, const int64_t *parts, const int64_t *rank,
		   size_t n, int64_t *out, JtBalanceItem *scratch)
{
	return balance_core(control, parts, parts, rank, n, out, scratch);
}

JtBalanceStatus
jt_balance_zero_parts(int64_t control, const int64_t *weights,
					  const int64_t *rank, size_t n, int64_t *out,
					  JtBalanceItem *scratch)
{
	return balance_core(control, NULL, weights, rank, n, out, scratch);
}

const char *
jt_balance_status_text(JtBalanceStatus st)
{
	switch (st)
	{
		case JT_BALANCE_OK:
			return "ok";
		case JT_BALANCE_NEGATIVE:
			return "areas must not be negative";
		case JT_BALANCE_NO_WEIGHT:
			return "the control differs from the sum of the parts, but every part is zero, so there is no proportion to distribute it by";
		case JT_BALANCE_OVERFLOW:
			return "the areas are too large";
	}
	return "unknown status";
}
