/*
 * fuzz_bdcdyh.c — libFuzzer target for the 不动产单元代码 parser (src/bdcdyh.c).
 *
 * Properties checked on every input:
 * - bdcdyh_check never reads outside the input (ASan) or misbehaves (UBSan),
 *   as UTF-8 and as single-byte text; its count does not depend on how many
 *   problems the caller stores; every problem is well-formed (known field,
 *   sane positions, NUL-terminated printable strings) and renders;
 * - whatever it accepts is 28 ASCII characters that pack and unpack to
 *   themselves;
 * - the first 16 bytes, read as a packed value, are either refused by
 *   bdcdyh_unpack or unpack to a valid code that packs to the same bytes;
 * - two valid codes built from the input by bdcdyh_make parse back to their
 *   parts, and their packings order like their texts.
 */
#include "bdcdyh.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void
check_problem(const BdcdyhProblem *p)
{
	char		detail[600];

	if ((int) p->field < 0 || p->field >= BDCDYH_NFIELDS || p->first < 0 ||
		p->last < p->first - 1 ||
		memchr(p->value, '\0', sizeof(p->value)) == NULL ||
		memchr(p->reason, '\0', sizeof(p->reason)) == NULL || p->reason[0] == '\0')
		abort();
	bdcdyh_problem_detail(p, detail, sizeof(detail));
}

/* A valid code from 12 input bytes (every byte string maps to one). */
static void
code_from_bytes(const uint8_t *b, char *out)
{
	static const int prov[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
	41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
	const char *own = "GJZ",
			   *type = "ABCDEFGHLNSWXY",
			   *dzw = "FLQW";
	char		djzqdm[13],
				zdtzm[2],
				fix,
				dyh[9];
	long		sxh = 1 + (long) ((b[6] | (b[7] << 8) | ((b[8] & 1) << 16)) % 99999);
	BdcdyhProblem p;

	snprintf(djzqdm, sizeof(djzqdm), "%02d%04u%03u%03u", prov[b[0] % 34],
			 (unsigned) ((b[1] | (b[2] << 8)) % 10000), (unsigned) (b[3] % 4 * 333),
			 (unsigned) (b[4] % 4 * 333));
	zdtzm[0] = own[b[5] % 3];
	zdtzm[1] = type[(b[5] >> 2) % 14];
	fix = dzw[b[9] % 4];
	if (fix == 'W')
		strcpy(dyh, "00000000");
	else
		snprintf(dyh, sizeof(dyh), "%08u", 1 + (unsigned) ((b[10] | (b[11] << 8)) % 99999999));
	if (bdcdyh_make(djzqdm, 12, zdtzm, 2, sxh, &fix, 1, dyh, 8, true, out, &p) != 0 ||
		bdcdyh_check(out, 28, true, NULL, 0) != 0 ||
		strncmp(out, djzqdm, 12) != 0 || strncmp(out + 12, zdtzm, 2) != 0 ||
		strtol((char[6]) {out[14], out[15], out[16], out[17], out[18], 0}, NULL, 10) != sxh ||
		out[19] != fix || strncmp(out + 20, dyh, 8) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	BdcdyhProblem probs[12];
	int			utf8,
				n,
				i;

	for (utf8 = 0; utf8 <= 1; utf8++)
	{
		n = bdcdyh_check((const char *) data, size, utf8, probs, 12);
		if (n < 0 || bdcdyh_check((const char *) data, size, utf8, NULL, 0) != n)
			abort();
		for (i = 0; i < n && i < 12; i++)
			check_problem(&probs[i]);
		if (n == 0)
		{
			uint8_t		packed[16];
			char		back[BDCDYH_LEN + 1];

			if (size != BDCDYH_LEN)
				abort();
			bdcdyh_pack((const char *) data, packed);
			if (!bdcdyh_unpack(packed, back) || memcmp(back, data, BDCDYH_LEN) != 0)
				abort();
		}
	}

	if (size >= 16)
	{
		char		out[BDCDYH_LEN + 1];
		uint8_t		again[16];

		if (bdcdyh_unpack(data, out))
		{
			bdcdyh_pack(out, again);
			if (bdcdyh_check(out, strlen(out), true, NULL, 0) != 0 || memcmp(again, data, 16) != 0)
				abort();
		}
	}

	if (size >= 24)
	{
		char		a[BDCDYH_LEN + 1],
					b[BDCDYH_LEN + 1];
		uint8_t		pa[16],
					pb[16];
		int			c1,
					c2;

		code_from_bytes(data, a);
		code_from_bytes(data + 12, b);
		bdcdyh_pack(a, pa);
		bdcdyh_pack(b, pb);
		c1 = bdcdyh_cmp_packed(pa, pb);
		c2 = strcmp(a, b);
		if ((c1 > 0) != (c2 > 0) || (c1 < 0) != (c2 < 0))
			abort();
	}
	return 0;
}
