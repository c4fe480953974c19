/*
 * test_balance.c — 面积调平 (src/balance.c).
 *
 * 1. Hand-worked cases (each computed in the comment beside it).
 * 2. Exhaustive check of every small case against an independent, naive
 *    implementation of the same rule (shares by exact integer comparison,
 *    remainder steps handed out one at a time to the largest part that has
 *    not had one yet) and against the invariants.
 * 3. A property test on random parts and controls (wide magnitudes, zero
 *    parts, controls far from and close to the sum): Σ balanced = control
 *    exactly, every part within one step of its fair share, zero parts stay
 *    zero, nothing negative, and the result per part does not depend on the
 *    input order when tie ranks are given.
 */
#include "balance.h"
#include "unit.h"

#include <stdint.h>

#define MAXN 256

static int64_t out[MAXN];
static JtBalanceItem scratch[MAXN];

static JtBalanceStatus
bal(int64_t control, const int64_t *parts, const int64_t *rank, size_t n)
{
	return jt_balance(control, parts, rank, n, out, scratch);
}

static int
same(const int64_t *a, const int64_t *b, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/*
 * The invariants, checked with exact integer arithmetic:
 *   Σ out = control;  out_i >= 0;  parts_i = 0 ⇒ out_i = 0;
 *   |adj_i − D·w_i/W| <= 1  ⇔  |adj_i·W − D·w_i| <= W.
 */
static int
invariants_hold(int64_t control, const int64_t *parts, size_t n)
{
	__int128	sum = 0,
				W = 0,
				D;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		sum += out[i];
		W += parts[i];
	}
	if (sum != control)
		return 0;
	D = (__int128) control - W;
	for (i = 0; i < n; i++)
	{
		__int128	adj = (__int128) out[i] - parts[i];
		__int128	dev = adj * W - D * parts[i];

		if (out[i] < 0)
			return 0;
		if (parts[i] == 0 && out[i] != 0)
			return 0;
		if (W > 0 && (dev > W || -dev > W))
			return 0;
	}
	return 1;
}

/*
 * Balance and check: 1 balanced with the invariants holding, 0 rightly
 * refused (a non-zero difference over all-zero parts), -1 wrong.
 */
static int
balance_checked(int64_t control, const int64_t *parts, const int64_t *rank, size_t n)
{
	JtBalanceStatus st = bal(control, parts, rank, n);
	int64_t		W = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		W += parts[i];
	if (W == 0 && control != 0)
		return st == JT_BALANCE_NO_WEIGHT ? 0 : -1;
	if (st != JT_BALANCE_OK || !invariants_hold(control, parts, n))
		return -1;
	return 1;
}

/*
 * Independent naive implementation: shares by floor/ceil toward zero
 * computed by repeated subtraction-free comparison, remainder steps one at a
 * time to the largest not-yet-served part (ties: smaller rank, then index).
 */
static void
naive(int64_t control, const int64_t *parts, const int64_t *rank, size_t n,
	  int64_t *res)
{
	long long	W = 0,
				D,
				given = 0,
				R;
	int			served[MAXN] = {0};
	size_t		i;

	for (i = 0; i < n; i++)
		W += parts[i];
	D = control - W;
	if (W == 0)					/* only called then with control 0 */
	{
		for (i = 0; i < n; i++)
			res[i] = parts[i];
		return;
	}
	for (i = 0; i < n; i++)
	{
		long long	num = D * parts[i];	/* small values only */
		long long	q;

		/* truncate toward zero: start from a floating estimate and correct
		 * it until q·W is the multiple of W nearest num on zero's side */
		q = (long long) ((long double) num / (long double) W);
		if (num >= 0)
		{
			while (q * W > num)
				q--;
			while ((q + 1) * W <= num)
				q++;
		}
		else
		{
			while (q * W < num)
				q++;
			while ((q - 1) * W >= num)
				q--;
		}
		res[i] = parts[i] + q;
		given += q;
	}
	R = D - given;
	while (R != 0)
	{
		long long	best = -1;

		for (i = 0; i < n; i++)
		{
			if (served[i])
				continue;
			if (best < 0 || parts[i] > parts[best] ||
				(parts[i] == parts[best] &&
				 (rank ? rank[i] : (long long) i) < (rank ? rank[best] : best)))
				best = (long long) i;
		}
		served[best] = 1;
		res[best] += R > 0 ? 1 : -1;
		R += R > 0 ? -1 : 1;
	}
}

/* one hand-worked case: control, parts, optional ranks, expected result */
typedef struct HandCase
{
	int64_t		control;
	int			n;
	int64_t		parts[4];
	int64_t		rank[4];		/* all zero: no ranks */
	int64_t		expect[4];
} HandCase;

static const HandCase hand[] = {
	/* 333+333+333 = 999, control 1000: D = 1, shares 1/3 each, quotients 0,
	 * remainder 1 → the largest part; all equal → input position 0 */
	{1000, 3, {333, 333, 333}, {0}, {334, 333, 333}},
	/* the same with tie ranks 3, 1, 2: the part ranked first (index 1) */
	{1000, 3, {333, 333, 333}, {3, 1, 2}, {333, 334, 333}},
	/* 2+1+1 = 4, control 6: D = 2, shares 1, 0.5, 0.5 → quotients 1, 0, 0,
	 * remainder 1 → the largest (index 0): 4, 1, 1.  Index 0 moves 2 steps
	 * against a fair share of 1: exactly one step beyond, the allowed bound */
	{6, 3, {2, 1, 1}, {0}, {4, 1, 1}},
	/* 500+300+200 = 1000, control 997: D = −3, shares −1.5, −0.9, −0.6 →
	 * quotients −1, 0, 0, remainder −2 → the two largest lose a step */
	{997, 3, {500, 300, 200}, {0}, {498, 299, 200}},
	/* control 0: every share is minus the part itself, no remainder */
	{0, 2, {5, 7}, {0}, {0, 0}},
	/* zero parts stay zero: 0+10+0+5 = 15, control 18, D = 3, shares 0, 2,
	 * 0, 1 exactly → 0, 12, 0, 6 */
	{18, 4, {0, 10, 0, 5}, {0}, {0, 12, 0, 6}},
	/* 0+1+1, control 3: D = 1, shares 0, .5, .5, remainder 1 → the first of
	 * the two equal largest (index 1), never the zero part */
	{3, 3, {0, 1, 1}, {0}, {0, 2, 1}},
	/* already balanced: untouched */
	{19, 3, {12, 0, 7}, {0}, {12, 0, 7}},
	/* a single part takes the control whatever it was */
	{123999, 1, {123456}, {0}, {123999}},
	/* county-sized numbers (about 10 km² in 0.01 m² steps): parts sum to
	 * 3 000 000 001, control 3 000 000 004, D = 3.  Shares
	 * 3·1000000001/3000000001 = 1.00000000067 → 1 (twice) and
	 * 3·999999999/3000000001 = 0.99999999867 → 0; remainder 1 → the largest
	 * parts, tie between index 0 and 1 → index 0 */
	{3000000004LL, 3, {1000000001, 1000000001, 999999999}, {0},
	{1000000003, 1000000002, 999999999}},
};

static void
hand_cases(void)
{
	size_t		k;

	for (k = 0; k < sizeof(hand) / sizeof(hand[0]); k++)
	{
		const HandCase *h = &hand[k];
		int			ranked = h->rank[0] != 0;

		CHECK_EQ_INT(bal(h->control, h->parts, ranked ? h->rank : NULL, h->n), JT_BALANCE_OK);
		if (!same(out, h->expect, h->n))
			fprintf(stderr, "hand case %zu differs\n", k);
		CHECK(same(out, h->expect, h->n));
		CHECK(invariants_hold(h->control, h->parts, h->n));
	}
}

static void
error_cases(void)
{
	int64_t		neg[] = {5, -1};
	int64_t		zeros[] = {0, 0, 0};
	int64_t		huge[] = {INT64_MAX, 1};
	int64_t		big[] = {INT64_MAX / 2, INT64_MAX / 2};

	CHECK_EQ_INT(bal(10, neg, NULL, 2), JT_BALANCE_NEGATIVE);
	CHECK_EQ_INT(bal(-1, zeros, NULL, 3), JT_BALANCE_NEGATIVE);
	/* control 5 over parts that are all zero: nothing to proportion by */
	CHECK_EQ_INT(bal(5, zeros, NULL, 3), JT_BALANCE_NO_WEIGHT);
	/* ... but control 0 over zero parts is simply balanced */
	CHECK_EQ_INT(bal(0, zeros, NULL, 3), JT_BALANCE_OK);
	CHECK_EQ_INT(out[0] + out[1] + out[2], 0);
	/* no parts at all */
	CHECK_EQ_INT(bal(0, zeros, NULL, 0), JT_BALANCE_OK);
	CHECK_EQ_INT(bal(1, zeros, NULL, 0), JT_BALANCE_NO_WEIGHT);
	/* a sum beyond int64; a negative part is reported first */
	CHECK_EQ_INT(bal(0, huge, NULL, 2), JT_BALANCE_OVERFLOW);
	{
		int64_t		both[] = {INT64_MAX, INT64_MAX, -1};

		CHECK_EQ_INT(bal(0, both, NULL, 3), JT_BALANCE_NEGATIVE);
	}
	/* the largest sums that fit still balance exactly (128-bit products) */
	CHECK_EQ_INT(bal(INT64_MAX, big, NULL, 2), JT_BALANCE_OK);
	CHECK(invariants_hold(INT64_MAX, big, 2));
	CHECK_EQ_INT(bal(3, big, NULL, 2), JT_BALANCE_OK);
	CHECK(invariants_hold(3, big, 2));
	CHECK(jt_balance_status_text(JT_BALANCE_NO_WEIGHT)[0] != '\0');
}

/* every vector of 1..4 parts in 0..5 and every control in 0..24 */
static void
exhaustive(void)
{
	int64_t		p[4],
				expect[4];
	long		cases = 0,
				bad = 0,
				differ = 0;
	size_t		n;

	for (n = 1; n <= 4; n++)
	{
		long		combos = 1,
					c;
		size_t		i;

		for (i = 0; i < n; i++)
			combos *= 6;
		for (c = 0; c < combos; c++)
		{
			long		v = c;
			int64_t		control;

			for (i = 0; i < n; i++)
			{
				p[i] = v % 6;
				v /= 6;
			}
			for (control = 0; control <= 24; control++)
			{
				int			v = balance_checked(control, p, NULL, n);

				cases++;
				if (v <= 0)
				{
					bad += v < 0;
					continue;
				}
				naive(control, p, NULL, n, expect);
				if (!same(out, expect, n))
					differ++;
			}
		}
	}
	CHECK(cases > 30000);
	CHECK_EQ_INT(bad, 0);
	CHECK_EQ_INT(differ, 0);
}

/* xorshift64*: deterministic, seedable */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static void
property(void)
{
	int64_t		p[MAXN],
				r[MAXN],
				first[MAXN],
				sp[MAXN],
				sr[MAXN];
	size_t		perm[MAXN];
	long		trials,
				bad = 0,
				order_dep = 0,
				naive_diff = 0,
				checked = 0;

	for (trials = 0; trials < 20000; trials++)
	{
		size_t		n = 1 + rnd() % (trials % 10 == 0 ? MAXN : 12);
		int			mag = (int) (rnd() % 4);	/* 0: tiny … 3: huge */
		int64_t		W = 0,
					control;
		size_t		i;
		int			v;

		for (i = 0; i < n; i++)
		{
			uint64_t	lim = mag == 0 ? 10 : mag == 1 ? 100000 :
				mag == 2 ? 1000000000ULL : 1000000000000000ULL;

			p[i] = (rnd() % 5 == 0) ? 0 : (int64_t) (rnd() % lim);
			r[i] = (int64_t) i * 7919 % 1000003;	/* distinct ranks */
			W += p[i];
		}
		switch (rnd() % 4)
		{
			case 0:				/* rounding noise: a few steps off */
				control = W + (int64_t) (rnd() % 2 * 2 - 1) * (int64_t) (rnd() % (n + 1));
				break;
			case 1:				/* far above */
				control = W + (int64_t) (rnd() % 1000000000ULL);
				break;
			case 2:				/* anywhere below */
				control = W > 0 ? (int64_t) (rnd() % (uint64_t) W) : 0;
				break;
			default:
				control = W;
		}
		if (control < 0)
			control = 0;

		v = balance_checked(control, p, r, n);
		if (v <= 0)
		{
			bad += v < 0;
			continue;
		}
		checked++;
		memcpy(first, out, n * sizeof(int64_t));

		/* the naive oracle, where its 64-bit products cannot overflow */
		if (mag <= 1 && (control - W < 1000000 && W - control < 1000000))
		{
			int64_t		expect[MAXN];

			naive(control, p, r, n, expect);
			if (!same(first, expect, n))
				naive_diff++;
		}

		/* shuffle (Fisher-Yates) parts with their ranks: same result per part */
		for (i = 0; i < n; i++)
			perm[i] = i;
		for (i = n; i > 1; i--)
		{
			size_t		j = rnd() % i,
						t = perm[i - 1];

			perm[i - 1] = perm[j];
			perm[j] = t;
		}
		for (i = 0; i < n; i++)
		{
			sp[i] = p[perm[i]];
			sr[i] = r[perm[i]];
		}
		if (bal(control, sp, sr, n) != JT_BALANCE_OK)
			bad++;
		else
			for (i = 0; i < n; i++)
				if (out[i] != first[perm[i]])
				{
					order_dep++;
					break;
				}
	}
	CHECK(checked > 15000);
	CHECK_EQ_INT(bad, 0);
	CHECK_EQ_INT(naive_diff, 0);
	CHECK_EQ_INT(order_dep, 0);
}

/*
 * jt_balance_zero_parts: every part is 0 steps, the control is shared by
 * the weights (the unrounded parts in finer steps).
 */
static void
zero_parts_cases(void)
{
	/* 0.003 + 0.003 亩 against 0.01: weights 3e5 each (1e-8 of a step), D = 1,
	 * shares 0.5 each → quotients 0, remainder 1 to the first by rank */
	int64_t		w1[] = {30000000, 30000000};
	int64_t		r1[] = {1, 0};
	/* weights 1 : 2 : 0 : 7 against 5: shares 0.5, 1, 0, 3.5 → 0, 1, 0, 3,
	 * remainder 1 to the largest weight (7): 0, 1, 0, 4 */
	int64_t		w2[] = {1, 2, 0, 7};
	int64_t		e2[] = {0, 1, 0, 4};
	int64_t		zeros[] = {0, 0};
	int64_t		neg[] = {1, -1};
	int64_t		huge[] = {INT64_MAX, 1};

	CHECK_EQ_INT(jt_balance_zero_parts(1, w1, r1, 2, out, scratch), JT_BALANCE_OK);
	CHECK_EQ_INT(out[0], 0);
	CHECK_EQ_INT(out[1], 1);
	CHECK_EQ_INT(jt_balance_zero_parts(1, w1, NULL, 2, out, scratch), JT_BALANCE_OK);
	CHECK_EQ_INT(out[0], 1);
	CHECK_EQ_INT(out[1], 0);
	CHECK_EQ_INT(jt_balance_zero_parts(5, w2, NULL, 4, out, scratch), JT_BALANCE_OK);
	CHECK(same(out, e2, 4));
	/* control 0: nothing moves; every weight 0: nothing to weigh by */
	CHECK_EQ_INT(jt_balance_zero_parts(0, w2, NULL, 4, out, scratch), JT_BALANCE_OK);
	CHECK_EQ_INT(out[0] + out[1] + out[2] + out[3], 0);
	CHECK_EQ_INT(jt_balance_zero_parts(3, zeros, NULL, 2, out, scratch), JT_BALANCE_NO_WEIGHT);
	CHECK_EQ_INT(jt_balance_zero_parts(3, neg, NULL, 2, out, scratch), JT_BALANCE_NEGATIVE);
	CHECK_EQ_INT(jt_balance_zero_parts(3, huge, NULL, 2, out, scratch), JT_BALANCE_OVERFLOW);
}

int
main(void)
{
	hand_cases();
	error_cases();
	zero_parts_cases();
	exhaustive();
	property();
	UNIT_DONE();
}
