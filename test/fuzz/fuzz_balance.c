/*
 * fuzz_balance.c — libFuzzer target for 面积调平 (src/balance.c).
 *
 * The input is read as: one byte choosing the magnitude of the numbers, then
 * 8-byte little-endian words: the control, then up to 512 parts (negative
 * values are allowed through, to exercise the refusal).  Properties checked
 * on every input that jt_balance accepts:
 * - Σ out = control exactly;
 * - |out_i − part_i − D·part_i/Σparts| <= 1 step (exact 128-bit arithmetic);
 * - zero parts stay zero, nothing is negative;
 * - the same parts in reverse order, with ranks that keep the tie order,
 *   give the same result per part.
 * and it must refuse exactly the inputs with a negative number, a sum beyond
 * int64, or a non-zero difference over all-zero parts.
 */
#include "balance.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 512

static int64_t
word(const uint8_t *p, int mag)
{
	uint64_t	v = 0;
	int			i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	switch (mag & 3)
	{
		case 0:
			return (int64_t) (v % 1000) - (v % 97 == 0 ? 1000 : 0);
		case 1:
			return (int64_t) (v % 100000000000ULL);
		case 2:
			return (int64_t) (v >> 2);
		default:
			return (int64_t) v;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int64_t parts[MAXN],
				out[MAXN],
				rparts[MAXN],
				rrank[MAXN],
				rout[MAXN];
	static JtBalanceItem scratch[MAXN];
	int			mag;
	int64_t		control;
	size_t		n,
				i;
	__int128	sum = 0,
				D;
	int			neg = 0;
	JtBalanceStatus st;

	if (size < 9)
		return 0;
	mag = data[0];
	control = word(data + 1, mag);
	n = (size - 9) / 8;
	if (n > MAXN)
		n = MAXN;
	for (i = 0; i < n; i++)
	{
		parts[i] = word(data + 9 + 8 * i, mag);
		neg |= parts[i] < 0;
		sum += parts[i];
	}
	neg |= control < 0;

	st = jt_balance(control, parts, NULL, n, out, scratch);
	if (neg)
	{
		if (st != JT_BALANCE_NEGATIVE)
			abort();
		return 0;
	}
	if (sum > INT64_MAX)
	{
		if (st != JT_BALANCE_OVERFLOW)
			abort();
		return 0;
	}
	D = (__int128) control - sum;
	if (sum == 0 && D != 0)
	{
		if (st != JT_BALANCE_NO_WEIGHT)
			abort();
		return 0;
	}
	if (st != JT_BALANCE_OK)
		abort();

	{
		__int128	total = 0;

		for (i = 0; i < n; i++)
		{
			__int128	dev = ((__int128) out[i] - parts[i]) * sum - D * parts[i];

			total += out[i];
			if (out[i] < 0 || (parts[i] == 0 && out[i] != 0))
				abort();
			if (sum > 0 && (dev > sum || -dev > sum))
				abort();
		}
		if (total != control)
			abort();
	}

	/* reversed input, ranks preserving the original tie order */
	for (i = 0; i < n; i++)
	{
		rparts[i] = parts[n - 1 - i];
		rrank[i] = (int64_t) (n - 1 - i);
	}
	if (jt_balance(control, rparts, rrank, n, rout, scratch) != JT_BALANCE_OK)
		abort();
	for (i = 0; i < n; i++)
		if (rout[i] != out[n - 1 - i])
			abort();
	return 0;
}
