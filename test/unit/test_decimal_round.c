/*
 * test_decimal_round.c — the survey's 四舍五入 of a double's decimal value
 * (src/decimal_round.c).
 *
 * Expected values are decimal arithmetic done by hand: 2.675 is stored as
 * 2.67499999999999982236431605997495353221893310546875, but it prints as
 * 2.675 and the survey (Java's BigDecimal(Double.toString(v)) HALF_UP)
 * rounds that up to 2.68.  The randomized part compares the fast path with
 * the slow (shortest-decimal) path on values built to sit on decimal ties.
 */
#include "decimal_round.h"
#include "unit.h"

#include <stdint.h>

/* the slow path alone, for comparison */
static double
slow_round(double v, int d)
{
	return jt_round_scaled_slow(v, d);
}

int
main(void)
{
	char		digits[20];
	int			e;
	int			n;
	double		k;
	int			i;

	/* decimal ties go away from zero, whatever the binary value */
	CHECK(jt_round_decimal(2.675, 2) == 2.68);
	CHECK(jt_round_decimal(-2.675, 2) == -2.68);
	CHECK(jt_round_decimal(1.005, 2) == 1.01);
	CHECK(jt_round_decimal(500000.12345, 4) == 500000.1235);
	CHECK(jt_round_decimal(40500000.12345, 4) == 40500000.1235);
	CHECK(jt_round_decimal(0.5, 0) == 1.0);
	CHECK(jt_round_decimal(-0.5, 0) == -1.0);
	CHECK(jt_round_decimal(2.5, 0) == 3.0);	/* not banker's rounding */
	/* and everything else to the nearest */
	CHECK(jt_round_decimal(1.234, 2) == 1.23);
	CHECK(jt_round_decimal(1.236, 2) == 1.24);
	CHECK(jt_round_decimal(-1.236, 2) == -1.24);
	CHECK(jt_round_decimal(999999.993287365, 2) == 999999.99);
	CHECK(jt_round_decimal(121243.808491499, 6) == 121243.808491);
	CHECK(jt_round_decimal(0.0, 2) == 0.0);
	/* nothing left to round: returned as is */
	CHECK(jt_round_decimal(1e300, 2) == 1e300);
	CHECK(jt_round_scaled(123.456, 2) == 12346.0);
	CHECK(jt_round_scaled(-123.455, 2) == -12346.0);

	/* shortest decimals */
	n = jt_shortest_digits(0.1, digits, &e);
	CHECK_EQ_INT(n, 1);
	CHECK_EQ_STR(digits, "1");
	CHECK_EQ_INT(e, -1);
	n = jt_shortest_digits(123.456, digits, &e);
	CHECK_EQ_STR(digits, "123456");
	CHECK_EQ_INT(e, 2);
	n = jt_shortest_digits(2.675, digits, &e);
	CHECK_EQ_STR(digits, "2675");
	n = jt_shortest_digits(0.1 + 0.2, digits, &e);	/* 0.30000000000000004 */
	CHECK_EQ_STR(digits, "30000000000000004");
	CHECK_EQ_INT(n, 17);
	n = jt_shortest_digits(1e23, digits, &e);
	CHECK_EQ_STR(digits, "1");
	CHECK_EQ_INT(e, 23);
	n = jt_shortest_digits(5e-324, digits, &e);
	CHECK_EQ_STR(digits, "5");
	CHECK_EQ_INT(e, -324);

	/* exact decimals on a grid */
	CHECK(jt_decimal_on_grid(40500123.4567, 4, &k) && k == 405001234567.0);
	CHECK(jt_decimal_on_grid(3320000.0, 6, &k) && k == 3320000000000.0);
	CHECK(jt_decimal_on_grid(-12.5, 1, &k) && k == -125.0);
	CHECK(!jt_decimal_on_grid(40500123.45675, 4, &k));
	CHECK(!jt_decimal_on_grid(0.1 + 0.2, 6, &k));
	CHECK(!jt_decimal_on_grid(1e300, 2, &k));

	/*
	 * Fast path = slow path, on random values and on values built from a
	 * decimal tie (d+1 digits ending in 5) at the scales the area code uses.
	 */
	for (i = 0; i < 200000; i++)
	{
		int			d = i % 7;
		double		mag = (i % 3 == 0) ? 4.5e7 : (i % 3 == 1) ? 3.5e6 : 4e5;
		double		v = (unit_rand() - 0.2) * mag;
		double		tie;
		double		p = jt_pow10(d);

		CHECK(jt_round_scaled(v, d) == slow_round(v, d));
		/* a decimal tie: (integer + 0.5) / 10^d, parsed like a text value */
		{
			char		buf[64];

			snprintf(buf, sizeof(buf), "%.0f5e-%d", floor(fabs(v) * p), d + 1);
			tie = strtod(buf, NULL);
			if (jt_round_scaled(tie, d) != floor(fabs(v) * p) + 1)
			{
				fprintf(stderr, "tie %s -> %.17g\n", buf, jt_round_scaled(tie, d));
				CHECK(0);
			}
			CHECK(jt_round_scaled(-tie, d) == -(floor(fabs(v) * p) + 1));
		}
	}
	UNIT_DONE();
}
