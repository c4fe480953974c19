/*-------------------------------------------------------------------------
 *
 * decimal_round.h
 *	  The survey's rounding: 四舍五入 (half away from zero) applied to the
 *	  decimal value of a double.
 *
 * The official area software rounds the *decimal* a double prints as
 * (SuperMap's MathematicsUtils.round() is BigDecimal(Double.toString(v))
 * .setScale(n, HALF_UP)).  Rounding the binary value instead disagrees
 * exactly at decimal ties: 500000.12345 is stored as 500000.1234499999...,
 * which binary rounding sends down and the survey sends up.  These
 * functions give the decimal answer: the value is taken to be the shortest
 * decimal that reads back as the same double, and ties go away from zero.
 *
 * The common case costs a multiplication, a floor and a comparison; only
 * values within a few ulps of a tie take the slow path (snprintf/strtod).
 *
 * No PostgreSQL headers: unit-tested in test/unit/test_decimal_round.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_DECIMAL_ROUND_H
#define JTSYQ_DECIMAL_ROUND_H

#include <float.h>
#include <math.h>
#include <stdbool.h>

/* Highest number of decimals the helpers accept. */
#define JT_ROUND_MAX_DECIMALS 9

/* 2^52: from here on a double has no fraction bits */
#define JT_ROUND_TWO52 4503599627370496.0

/* 10^n for 0 <= n <= 22, exact. */
extern const double jt_pow10_table[23];

static inline double
jt_pow10(int n)
{
	return jt_pow10_table[n];
}

/* The exact decision for values within a few ulps of a tie. */
extern double jt_round_scaled_slow(double v, int decimals);

/*
 * round(v * 10^decimals) with the survey's rule, as an integer-valued
 * double.  0 <= decimals <= JT_ROUND_MAX_DECIMALS; v finite.  When
 * |v| * 10^decimals >= 2^52, v has no digits left to round and
 * v * 10^decimals is returned unchanged.
 */
static inline double
jt_round_scaled(double v, int decimals)
{
	double		r = v * jt_pow10_table[decimals];
	double		a = fabs(r);
	double		fl,
				f,
				k;

	if (!(a < JT_ROUND_TWO52))
		return r;
	/* floor(a) without a libm call: round to an integer, step back if above */
	fl = (a + JT_ROUND_TWO52) - JT_ROUND_TWO52;
	if (fl > a)
		fl -= 1;
	f = a - fl;

	/*
	 * r differs from (shortest decimal of v) * 10^decimals by at most 1.5
	 * ulps of r (half an ulp of v, scaled, and the multiplication's
	 * rounding); only a fraction that close to one half can be a decimal
	 * tie, and only those take the slow path.
	 */
	if (fabs(f - 0.5) <= a * 0x1p-50 + DBL_MIN)
		return jt_round_scaled_slow(v, decimals);
	k = (f > 0.5) ? fl + 1 : fl;
	return (r < 0) ? -k : k;
}

/*
 * Is v exactly a decimal with at most `decimals` fraction digits, i.e. does
 * the shortest decimal of v have no more digits than that?  On success
 * *scaled = v * 10^decimals as an exact integer-valued double.
 */
static inline bool
jt_decimal_on_grid(double v, int decimals, double *scaled)
{
	double		p = jt_pow10_table[decimals];
	double		r = v * p;
	double		k;

	if (!(fabs(r) < JT_ROUND_TWO52 / 2))
		return false;
	/* rint(r) without a libm call (valid below 2^51) */
	k = (r + 1.5 * JT_ROUND_TWO52) - 1.5 * JT_ROUND_TWO52;
	if (k / p != v)
		return false;
	*scaled = k;
	return true;
}

/* jt_round_scaled(v, decimals) / 10^decimals: the nearest double. */
extern double jt_round_decimal(double v, int decimals);

/*
 * The slow path, exposed for the tests: the shortest decimal digits of v
 * (the fewest significant digits that read back as v).  digits receives up
 * to 17 digits and a NUL; *exp10 the decimal exponent of the first digit.
 * Returns the number of digits.
 */
extern int	jt_shortest_digits(double v, char *digits, int *exp10);

#endif							/* JTSYQ_DECIMAL_ROUND_H */
