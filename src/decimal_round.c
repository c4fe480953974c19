/*-------------------------------------------------------------------------
 *
 * decimal_round.c
 *	  Half-away-from-zero rounding of a double's shortest decimal (see
 *	  decimal_round.h).  No PostgreSQL headers.
 *
 *-------------------------------------------------------------------------
 */
#include "decimal_round.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

const double jt_pow10_table[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

int
jt_shortest_digits(double v, char *digits, int *exp10)
{
	char		buf[40];
	int			prec;
	int			n = 0;
	const char *p;

	/*
	 * Distinct decimals of at most 15 significant digits read back as
	 * distinct doubles, so if the correctly rounded 15-digit decimal reads
	 * back as v, it is the shortest one padded with zeros.  Otherwise the
	 * correctly rounded 16- or 17-digit one is the shortest (the closest of
	 * its length).  Subnormals have fewer digits of precision: try them all.
	 */
	for (prec = (fabs(v) < DBL_MIN) ? 1 : 15; prec < 17; prec++)
	{
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (prec == 17)
		snprintf(buf, sizeof(buf), "%.*e", 16, v);
	/* buf is "[-]d[.ddd]e[+-]xx" */
	for (p = buf; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*exp10 = (*p == 'e') ? atoi(p + 1) : 0;
	return n;
}

/*
 * round(|v| * 10^decimals), half up, from v's shortest decimal.  The caller
 * guarantees the result is below 2^53.
 */
static double
round_scaled_slow(double v, int decimals)
{
	char		digits[20];
	int			exp10;
	int			n = jt_shortest_digits(fabs(v), digits, &exp10);
	int			shift = exp10 - (n - 1) + decimals;
	double		k = 0;
	int			keep;
	int			i;

	if (shift >= 0)
	{
		for (i = 0; i < n; i++)
			k = k * 10 + (digits[i] - '0');
		return k * jt_pow10(shift);
	}
	keep = n + shift;			/* digits left of the rounding position */
	if (keep < 0)
		return 0;
	for (i = 0; i < keep; i++)
		k = k * 10 + (digits[i] - '0');
	if (digits[keep] >= '5')
		k += 1;
	return k;
}

double
jt_round_scaled_slow(double v, int decimals)
{
	double		k = round_scaled_slow(v, decimals);

	return (v < 0) ? -k : k;
}

double
jt_round_decimal(double v, int decimals)
{
	double		r = v * jt_pow10_table[decimals];

	if (!(fabs(r) < JT_ROUND_TWO52))
		return v;
	return jt_round_scaled(v, decimals) / jt_pow10_table[decimals];
}

