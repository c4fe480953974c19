/*
 * test_bdcdyh.c — unit tests of src/bdcdyh.c (不动产单元代码).
 *
 * Oracles:
 * - valid codes: the worked examples of GB/T 37346-2019 Appendix A.2.1–
 *   A.2.5 (宗地代码 340123 002004 GB00011, GS00019, GX00020, GD00021,
 *   GE00022; a parcel without fixtures completes them with W00000000), and
 *   codes used by public registration software (320684100302JA00001W00000000,
 *   340111303004GB00165F00010490, 370105012002GB00001F00010751);
 * - invalid codes: one per field and rule, each expected problem written by
 *   hand from the rule (field, positions, reason);
 * - properties: every make() result checks valid and splits back into its
 *   parts; packing preserves text order (compared with strcmp) and
 *   round-trips; unpack accepts only packings of valid codes.
 */
#include "bdcdyh.h"
#include "unit.h"

static int
nprob(const char *s, bool utf8)
{
	return bdcdyh_check(s, strlen(s), utf8, NULL, 0);
}

/* The single problem of s must be in field f, at first..last, and its
 * detail must contain `needle`. */
static void
one_problem(const char *s, BdcdyhField f, int first, int last, const char *needle,
			int line)
{
	BdcdyhProblem p[8];
	char		detail[512];
	int			n = bdcdyh_check(s, strlen(s), true, p, 8);

	unit_checks++;
	if (n != 1)
	{
		unit_failures++;
		fprintf(stderr, "line %d: \"%s\": %d problems, expected 1\n", line, s, n);
		if (n > 0)
		{
			bdcdyh_problem_detail(&p[0], detail, sizeof(detail));
			fprintf(stderr, "   first: %s\n", detail);
		}
		return;
	}
	bdcdyh_problem_detail(&p[0], detail, sizeof(detail));
	if (p[0].field != f || p[0].first != first || p[0].last != last ||
		strstr(detail, needle) == NULL)
	{
		unit_failures++;
		fprintf(stderr, "line %d: \"%s\": got field %d at %d–%d \"%s\", expected field %d at %d–%d with \"%s\"\n",
				line, s, p[0].field, p[0].first, p[0].last, detail, f, first, last, needle);
	}
}

#define ONE_PROBLEM(s, f, a, b, needle) one_problem((s), (f), (a), (b), (needle), __LINE__)

static const char *valid_codes[] = {
	/* GB/T 37346-2019 Appendix A.2.1–A.2.5 (宗地代码 + W00000000) */
	"340123002004GB00011W00000000",
	"340123002004GS00019W00000000",
	"340123002004GX00020W00000000",
	"340123002004GD00021W00000000",
	"340123002004GE00022W00000000",
	/* public registration software (test fixtures) */
	"320684100302JA00001W00000000",
	"320684100302ZA00001W00000000",
	"340111303004GB00165F00010490",
	"320684108205JB00160F00010001",
	"370105012002GB00001F00010751",
	/* DB64/T 2020-2024 §6.5.1: JA (30), GY (20), GA (10), W00000000 */
	"640104003002JA00012W00000000",
	"640104003002GY00001W00000000",
	"640104003002GA00001W00000000",
	/* prefecture-level city without counties (东莞 441900), Taiwan, Macao */
	"441900001001JA00001W00000000",
	"710000001001GB00001W00000000",
	"820000001001GB00001W00000000",
	/* every fixture letter, every parcel-type letter, extreme numbers */
	"640104003002JE00003L00000001",
	"640104003002JC99999Q99999999",
	"110101000000GH00001W00000000",
	"659999999999ZW00001F99999999",
};

static void
test_valid(void)
{
	size_t		i;
	const char *types = "ABCDEFGHLNSWXY";
	char		code[BDCDYH_LEN + 1];

	for (i = 0; i < sizeof(valid_codes) / sizeof(valid_codes[0]); i++)
	{
		CHECK_EQ_INT(nprob(valid_codes[i], true), 0);
		CHECK_EQ_INT(nprob(valid_codes[i], false), 0);
	}
	for (i = 0; types[i]; i++)
	{
		snprintf(code, sizeof(code), "640104003002J%c00001W00000000", types[i]);
		CHECK_EQ_INT(nprob(code, true), 0);
	}
	/* the 14 parcel types are exactly these letters */
	for (i = 'A'; i <= 'Z'; i++)
	{
		snprintf(code, sizeof(code), "640104003002J%c00001W00000000", (char) i);
		CHECK_EQ_INT(nprob(code, true) == 0, strchr(types, (int) i) != NULL);
	}
}

static void
test_invalid(void)
{
	BdcdyhProblem p[8];
	char		detail[512];
	int			n;

	/* whole code: length */
	ONE_PROBLEM("", BDCDYH_F_CODE, 0, 0, "不动产单元代码 '': empty, expected 28 characters");
	ONE_PROBLEM("640104003002JA00012W0000000", BDCDYH_F_CODE, 1, 27, "27 characters, expected 28");
	ONE_PROBLEM("640104003002JA00012W000000000", BDCDYH_F_CODE, 1, 29, "29 characters, expected 28");
	ONE_PROBLEM("640104003002JA00012W00000000 ", BDCDYH_F_CODE, 1, 29, "29 characters");
	ONE_PROBLEM("640104003002JA00012", BDCDYH_F_CODE, 1, 19, "a 宗地代码 alone has 19");
	/* (the shifted fields are listed too; the first problem says why) */
	n = bdcdyh_check("340123 002004 GB00011 W00000000", 31, true, p, 8);
	CHECK(n > 1);
	bdcdyh_problem_detail(&p[0], detail, sizeof(detail));
	CHECK(strstr(detail, "at 1–31: 31 characters, expected 28; without its 3 spaces it has 28") != NULL);

	/* 县级行政区划代码 */
	ONE_PROBLEM("64O104003002JA00012W00000000", BDCDYH_F_XZQDM, 1, 6,
				"县级行政区划代码 '64O104' at 1–6: O at 3 is not a digit");
	ONE_PROBLEM("990104003002JA00012W00000000", BDCDYH_F_XZQDM, 1, 6,
				"province code 99 does not exist in GB/T 2260");
	ONE_PROBLEM("160104003002JA00012W00000000", BDCDYH_F_XZQDM, 1, 6, "province code 16");
	ONE_PROBLEM("000000003002JA00012W00000000", BDCDYH_F_XZQDM, 1, 6, "province code 00");
	/* a full-width digit: positions count characters, not bytes */
	ONE_PROBLEM("６40104003002JA00012W00000000", BDCDYH_F_XZQDM, 1, 6,
				"'６40104' at 1–6: '６' at 1 is not a digit (a full-width digit; use ASCII 0–9)");

	/* 地籍区, 地籍子区 */
	ONE_PROBLEM("640104 03002JA00012W00000000", BDCDYH_F_DJQ, 7, 9,
				"地籍区 ' 03' at 7–9: ' ' at 7 is not a digit (write the code without separators)");
	ONE_PROBLEM("6401040030-2JA00012W00000000", BDCDYH_F_DJZQ, 10, 12,
				"地籍子区 '0-2' at 10–12: - at 11 is not a digit");

	/* 宗地特征码: the issue's own example, then each letter rule */
	ONE_PROBLEM("640104003002JK00012W00000000", BDCDYH_F_ZDTZM, 13, 14,
				"宗地特征码 'JK' at 13–14: second letter K is not a parcel type");
	ONE_PROBLEM("640104003002KA00012W00000000", BDCDYH_F_ZDTZM, 13, 14,
				"first letter K is not an ownership type (G 国家, J 集体, Z 未确定或有争议)");
	ONE_PROBLEM("640104003002jA00012W00000000", BDCDYH_F_ZDTZM, 13, 14,
				"first letter j is lower case (write J)");
	ONE_PROBLEM("640104003002ＪA00012W00000000", BDCDYH_F_ZDTZM, 13, 14,
				"first letter 'Ｊ' is full-width (write J)");
	ONE_PROBLEM("640104003002J000012W00000000", BDCDYH_F_ZDTZM, 13, 14,
				"second letter 0 is not a parcel type");

	/* 宗地顺序号 */
	ONE_PROBLEM("640104003002JA0001OW00000000", BDCDYH_F_ZDSXH, 15, 19,
				"宗地顺序号 '0001O' at 15–19: O at 19 is not a digit");
	ONE_PROBLEM("640104003002JA00000W00000000", BDCDYH_F_ZDSXH, 15, 19,
				"00000 is not a parcel number");

	/* 定着物特征码 */
	ONE_PROBLEM("640104003002JA00012K00000001", BDCDYH_F_DZWTZM, 20, 20,
				"定着物特征码 'K' at 20: fixture letter K is not a 定着物特征码");
	ONE_PROBLEM("640104003002JA00012w00000000", BDCDYH_F_DZWTZM, 20, 20,
				"fixture letter w is lower case (write W)");

	/* 定着物单元号 and W ⇔ 00000000 */
	ONE_PROBLEM("640104003002JA00012W0000000O", BDCDYH_F_DZWDYH, 21, 28,
				"O at 28 is not a digit");
	ONE_PROBLEM("640104003002JA00012W00010001", BDCDYH_F_DZWDYH, 21, 28,
				"定着物单元号 '00010001' at 21–28: after 定着物特征码 W (no fixture) it must be 00000000");
	ONE_PROBLEM("640104003002JA00012F00000000", BDCDYH_F_DZWDYH, 21, 28,
				"00000000 means no fixture, but the 定着物特征码 is F");
	ONE_PROBLEM("640104003002JA00012L00000000", BDCDYH_F_DZWDYH, 21, 28, "定着物特征码 is L");

	/* control characters and bytes that are not UTF-8 are shown escaped */
	ONE_PROBLEM("640104003002JA00012W0000000\t", BDCDYH_F_DZWDYH, 21, 28,
				"'0000000\\x09' at 21–28: '\\x09' at 28 is not a digit");
	ONE_PROBLEM("640104003002JA00012W0000000\xff", BDCDYH_F_DZWDYH, 21, 28, "'\\xFF' at 28");

	/* several problems: all listed, in position order */
	n = bdcdyh_check("64O104003002ja00000K0000000", 27, true, p, 8);
	CHECK_EQ_INT(n, 6);
	CHECK_EQ_INT(p[0].field, BDCDYH_F_CODE);
	CHECK_EQ_INT(p[1].field, BDCDYH_F_XZQDM);
	CHECK_EQ_INT(p[2].field, BDCDYH_F_ZDTZM);
	CHECK(strstr(p[2].reason, "first letter j") != NULL);
	CHECK_EQ_INT(p[3].field, BDCDYH_F_ZDTZM);
	CHECK(strstr(p[3].reason, "second letter a") != NULL);
	CHECK_EQ_INT(p[4].field, BDCDYH_F_ZDSXH);
	CHECK_EQ_INT(p[5].field, BDCDYH_F_DZWTZM);
	/* ... the count is complete even when fewer are stored */
	CHECK_EQ_INT(bdcdyh_check("64O104003002ja00000K0000000", 27, true, p, 2), 6);
	/* a truncated code: fields cut off are not checked, whole ones are */
	n = bdcdyh_check("990104003", 9, true, p, 8);
	CHECK_EQ_INT(n, 2);
	CHECK_EQ_INT(p[1].field, BDCDYH_F_XZQDM);

	/* not UTF-8: bytes are positions and high bytes are escaped */
	n = bdcdyh_check("\xa3\xb6" "40104003002JA00012W00000000", 29, false, p, 8);
	CHECK_EQ_INT(n, 7);			/* length, then every field shifted by one */
	CHECK_EQ_INT(p[0].last, 29);
	bdcdyh_problem_detail(&p[1], detail, sizeof(detail));
	CHECK(strstr(detail, "'\\xA3\\xB64010' at 1–6: '\\xA3' at 1 is not a digit") != NULL);

	/* a long value is cut with an ellipsis, never overflowing */
	{
		char		big[4000];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		n = bdcdyh_check(big, strlen(big), true, p, 8);
		CHECK(n >= 1);
		CHECK(strlen(p[0].value) < sizeof(p[0].value));
		CHECK(strstr(p[0].value, "…") != NULL);
		CHECK_EQ_INT(p[0].last, 3999);
	}
}

/* a small deterministic generator (xorshift) */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t
rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static const int provinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
	41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};

typedef struct Parts
{
	char		djzqdm[13];
	char		zdtzm[3];
	long		zdsxh;
	char		dzwtzm[2];
	char		dzwdyh[9];
} Parts;

/* Random valid parts; small ranges so that pairs often share prefixes. */
static void
random_parts(Parts *p)
{
	const char *own = "GJZ",
			   *type = "ABCDEFGHLNSWXY",
			   *dzw = "FLQW";
	int			pp = provinces[rnd() % (sizeof(provinces) / sizeof(provinces[0]))];

	snprintf(p->djzqdm, sizeof(p->djzqdm), "%02d%04u%03u%03u", pp,
			 (unsigned) (rnd() % 3), (unsigned) (rnd() % 3 * 499), (unsigned) (rnd() % 3 * 499));
	p->zdtzm[0] = own[rnd() % 3];
	p->zdtzm[1] = type[rnd() % 14];
	p->zdtzm[2] = '\0';
	p->zdsxh = (rnd() % 2) ? 1 + (long) (rnd() % 99999) : 1 + (long) (rnd() % 3);
	p->dzwtzm[0] = dzw[rnd() % 4];
	p->dzwtzm[1] = '\0';
	if (p->dzwtzm[0] == 'W')
		strcpy(p->dzwdyh, "00000000");
	else
		snprintf(p->dzwdyh, sizeof(p->dzwdyh), "%08u",
				 (unsigned) (1 + ((rnd() % 2) ? rnd() % 99999999 : rnd() % 3)));
}

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

static void
test_properties(void)
{
	int			i,
				bad_make = 0,
				bad_parts = 0,
				bad_order = 0,
				bad_round = 0,
				accepted = 0,
				bad_unpack = 0;

	for (i = 0; i < 200000; i++)
	{
		Parts		a,
					b;
		char		ca[BDCDYH_LEN + 1],
					cb[BDCDYH_LEN + 1],
					back[BDCDYH_LEN + 1];
		uint8_t		pa[16],
					pb[16];
		BdcdyhProblem prob;
		char		sx[6];

		random_parts(&a);
		random_parts(&b);
		if (bdcdyh_make(a.djzqdm, 12, a.zdtzm, 2, a.zdsxh, a.dzwtzm, 1, a.dzwdyh, 8, true, ca, &prob) != 0 ||
			bdcdyh_make(b.djzqdm, 12, b.zdtzm, 2, b.zdsxh, b.dzwtzm, 1, b.dzwdyh, 8, true, cb, &prob) != 0 ||
			bdcdyh_check(ca, 28, true, NULL, 0) != 0)
		{
			bad_make++;
			continue;
		}
		/* make -> parse -> the same parts */
		snprintf(sx, sizeof(sx), "%05ld", a.zdsxh);
		if (strncmp(ca, a.djzqdm, 12) != 0 || strncmp(ca + 12, a.zdtzm, 2) != 0 ||
			strncmp(ca + 14, sx, 5) != 0 || ca[19] != a.dzwtzm[0] ||
			strncmp(ca + 20, a.dzwdyh, 8) != 0)
			bad_parts++;
		/* packing round-trips and orders like the text */
		bdcdyh_pack(ca, pa);
		bdcdyh_pack(cb, pb);
		if (!bdcdyh_unpack(pa, back) || strcmp(back, ca) != 0)
			bad_round++;
		if (sign(bdcdyh_cmp_packed(pa, pb)) != sign(strcmp(ca, cb)))
			bad_order++;
		/* ... also for a neighbour differing in one late field */
		memcpy(cb, ca, sizeof(cb));
		cb[14 + rnd() % 5] = (char) ('0' + rnd() % 10);
		if (bdcdyh_check(cb, 28, true, NULL, 0) == 0)
		{
			bdcdyh_pack(cb, pb);
			if (sign(bdcdyh_cmp_packed(pa, pb)) != sign(strcmp(ca, cb)))
				bad_order++;
		}
	}
	CHECK_EQ_INT(bad_make, 0);
	CHECK_EQ_INT(bad_parts, 0);
	CHECK_EQ_INT(bad_round, 0);
	CHECK_EQ_INT(bad_order, 0);

	/* unpack accepts only packings of valid codes */
	for (i = 0; i < 200000; i++)
	{
		uint8_t		raw[16],
					again[16];
		char		out[BDCDYH_LEN + 1];
		int			k;

		for (k = 0; k < 16; k++)
			raw[k] = (uint8_t) rnd();
		if (i % 2)
		{
			/* plausible high bits: a county below 2^20, lo below 2^29 */
			raw[0] = 0x7F & raw[0];
			raw[8] = raw[9] = raw[10] = raw[11] = 0;
			raw[12] &= 0x1F;
		}
		if (!bdcdyh_unpack(raw, out))
			continue;
		accepted++;
		bdcdyh_pack(out, again);
		if (bdcdyh_check(out, strlen(out), true, NULL, 0) != 0 || memcmp(raw, again, 16) != 0)
			bad_unpack++;
	}
	CHECK_EQ_INT(bad_unpack, 0);
	CHECK(accepted > 0);
}

static void
test_pack_fixed(void)
{
	uint8_t		p[16];
	char		out[BDCDYH_LEN + 1];
	uint8_t		zero[16] = {0};

	/* hand-computed: hi = ((((340123·1024+2)·1024+4)·4+0)·16+1)·131072+11 */
	bdcdyh_pack("340123002004GB00011W00000000", p);
	{
		uint64_t	hi = 340123ull;

		hi = hi * 1024 + 2;
		hi = hi * 1024 + 4;
		hi = hi * 4 + 0;
		hi = hi * 16 + 1;
		hi = hi * 131072 + 11;
		CHECK_EQ_INT(p[0], (int) (hi >> 56));
		CHECK_EQ_INT(p[7], (int) (hi & 0xFF));
		/* lo = 3 · 2^27 = 0x18000000 */
		CHECK_EQ_INT(p[8] | p[9] | p[10] | p[11], 0);
		CHECK_EQ_INT(p[12], 0x18);
		CHECK_EQ_INT(p[13] | p[14] | p[15], 0);
	}
	CHECK(bdcdyh_unpack(p, out));
	CHECK_EQ_STR(out, "340123002004GB00011W00000000");
	/* zero bytes: county 000000 has no province */
	CHECK(!bdcdyh_unpack(zero, out));
	/* W with a unit number, or 00000000 without W, is refused */
	p[15] = 1;
	CHECK(!bdcdyh_unpack(p, out));
	p[15] = 0;
	p[12] = 0x10;				/* fixture Q (rank 2) with 00000000 */
	CHECK(!bdcdyh_unpack(p, out));
}

static void
test_make(void)
{
	char		out[BDCDYH_LEN + 1];
	BdcdyhProblem p;

#define MAKE(d, z, n, f, u) bdcdyh_make((d), strlen(d), (z), strlen(z), (n), (f), strlen(f), (u), strlen(u), true, out, &p)

	CHECK_EQ_INT(MAKE("640104003002", "JA", 12, "W", "00000000"), 0);
	CHECK_EQ_STR(out, "640104003002JA00012W00000000");
	CHECK_EQ_INT(MAKE("340111303004", "GB", 165, "F", "00010490"), 0);
	CHECK_EQ_STR(out, "340111303004GB00165F00010490");
	CHECK_EQ_INT(MAKE("640104003002", "JA", 99999, "W", "00000000"), 0);

	CHECK_EQ_INT(MAKE("64010400300", "JA", 1, "W", "00000000"), 1);
	CHECK(strstr(p.reason, "11 characters, expected 12") != NULL);
	CHECK_EQ_INT(MAKE("990104003002", "JA", 1, "W", "00000000"), 1);
	CHECK(strstr(p.reason, "province code 99") != NULL);
	CHECK_EQ_INT(MAKE("640104003 02", "JA", 1, "W", "00000000"), 1);
	CHECK_EQ_INT(MAKE("６40104003002", "JA", 1, "W", "00000000"), 1);
	CHECK(strstr(p.reason, "full-width") != NULL);
	CHECK_EQ_INT(MAKE("640104003002", "JAA", 1, "W", "00000000"), 2);
	CHECK_EQ_INT(MAKE("640104003002", "JK", 1, "W", "00000000"), 2);
	CHECK(strstr(p.reason, "second letter K is not a parcel type") != NULL);
	CHECK_EQ_INT(MAKE("640104003002", "JA", 0, "W", "00000000"), 3);
	CHECK(strstr(p.reason, "out of range 1–99999") != NULL);
	CHECK_EQ_INT(MAKE("640104003002", "JA", 100000, "W", "00000000"), 3);
	CHECK_EQ_INT(MAKE("640104003002", "JA", -5, "W", "00000000"), 3);
	CHECK_EQ_INT(MAKE("640104003002", "JA", 1, "WW", "00000000"), 4);
	CHECK_EQ_INT(MAKE("640104003002", "JA", 1, "X", "00000000"), 4);
	CHECK_EQ_INT(MAKE("640104003002", "JA", 1, "W", "0000000"), 5);
	CHECK_EQ_INT(MAKE("640104003002", "JA", 1, "W", "00000001"), 5);
	CHECK_EQ_INT(MAKE("640104003002", "JA", 1, "F", "00000000"), 5);
	CHECK_EQ_INT(MAKE("640104003002", "JA", 1, "F", "0001000a"), 5);
#undef MAKE
}

int
main(void)
{
	test_valid();
	test_invalid();
	test_pack_fixed();
	test_make();
	test_properties();
	UNIT_DONE();
}
