/*-------------------------------------------------------------------------
 *
 * bdcdyh.c
 *	  不动产单元代码 (GB/T 37346-2019) — parser, validator, constructor and
 *	  packing.  Pure C; see bdcdyh.h for the layout and the contracts.
 *
 * Rules checked (one problem per field and rule, in position order):
 *	 - 28 characters;
 *	 - digits where digits belong (a full-width digit or a space is named
 *	   as such, since legacy spreadsheets are full of both);
 *	 - the county code starts with a province code of GB/T 2260;
 *	 - 宗地特征码: ownership G/J/Z, parcel type one of A B C D E F G H L N S
 *	   W X Y (GB/T 37346-2019 table of 宗地特征码; DB64/T 2020-2024 §6.5.1
 *	   uses JA, GY and GA for the ownership survey);
 *	 - 宗地顺序号 00001–99999;
 *	 - 定着物特征码 F/L/Q/W, and W exactly when the unit number is 00000000.
 *
 * Packing: the fields are digits of one mixed-radix number, most
 * significant first, written as two big-endian 64-bit words:
 *
 *	 hi = ((((county·1024 + 地籍区)·1024 + 地籍子区)·4 + own)·16 + type)
 *			·131072 + 宗地顺序号								(< 2^63)
 *	 lo = fixture·2^27 + 定着物单元号										(< 2^29)
 *
 * where own, type and fixture are the letter's rank in the sorted lists
 * "GJZ", "ABCDEFGHLNSWXY", "FLQW".  Every field has a fixed width in the
 * text and its numeric value or rank orders like its characters, so memcmp
 * of two packings orders like the two texts (test/unit/test_bdcdyh.c
 * checks this on random pairs; the fuzzer on arbitrary ones).
 *
 *-------------------------------------------------------------------------
 */
#include "bdcdyh.h"

#include <stdio.h>
#include <string.h>

const BdcdyhFieldInfo bdcdyh_fields[BDCDYH_NFIELDS] = {
	{"bdcdyh", "不动产单元代码", 1, 28,
	"28 characters: 6-digit county code, 3-digit 地籍区, 3-digit 地籍子区, 2-letter 宗地特征码, "
	"5-digit 宗地顺序号, 定着物特征码 F/L/Q/W, 8-digit 定着物单元号, e.g. 340123002004GB00011W00000000"},
	{"xzqdm", "县级行政区划代码", 1, 6,
	"6 digits of GB/T 2260 starting with a province code (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82), e.g. 640104"},
	{"djq", "地籍区", 7, 3, "3 digits, e.g. 003"},
	{"djzq", "地籍子区", 10, 3, "3 digits, e.g. 002"},
	{"zdtzm", "宗地特征码", 13, 2,
	"2 upper-case letters: ownership G (国家), J (集体) or Z (未确定或有争议), then the parcel type "
	"A, B, C, D, E, F, G, H, L, N, S, W, X or Y; a collective ownership parcel is JA"},
	{"zdsxh", "宗地顺序号", 15, 5, "5 digits from 00001 to 99999"},
	{"dzwtzm", "定着物特征码", 20, 1, "one letter: F (房屋), L (林木), Q (其他) or W (无定着物)"},
	{"dzwdyh", "定着物单元号", 21, 8,
	"8 digits: 00000000 after W; otherwise the unit number, not 00000000 (for F: 4-digit 幢号 + 4-digit 户号)"},
};

static const char OWN_LETTERS[] = "GJZ";
static const char TYPE_LETTERS[] = "ABCDEFGHLNSWXY";
static const char DZW_LETTERS[] = "FLQW";

#define TYPE_RADIX	16
#define ZDSXH_RADIX 131072			/* 2^17 > 99999 */
#define DZWDYH_RADIX 134217728		/* 2^27 > 99999999 */

bool
bdcdyh_province_ok(int pp)
{
	return (pp >= 11 && pp <= 15) || (pp >= 21 && pp <= 23) ||
		(pp >= 31 && pp <= 37) || (pp >= 41 && pp <= 46) ||
		(pp >= 50 && pp <= 54) || (pp >= 61 && pp <= 65) ||
		pp == 71 || pp == 81 || pp == 82;
}

/* ---------------------------------------------------------------------
 * Characters
 * ---------------------------------------------------------------------
 */

/* One character of the input: code point, byte offset, byte length. */
typedef struct Ch
{
	uint32_t	cp;
	size_t		off;
	int			nb;
} Ch;

#define CP_INVALID 0xFFFFFFFFu	/* a byte that is not valid UTF-8 */

/* Decode the character at byte i (i < len). */
static void
decode(const char *s, size_t len, size_t i, bool utf8, uint32_t *cp, int *nb)
{
	unsigned char c = (unsigned char) s[i];
	uint32_t	v;
	int			n,
				k;

	*nb = 1;
	*cp = c;
	if (!utf8 || c < 0x80)
		return;
	if (c >= 0xC2 && c <= 0xDF)
	{
		n = 2;
		v = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		v = c & 0x0F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		v = c & 0x07;
	}
	else
	{
		*cp = CP_INVALID;
		return;
	}
	if ((size_t) n > len - i)
	{
		*cp = CP_INVALID;
		return;
	}
	for (k = 1; k < n; k++)
	{
		unsigned char b = (unsigned char) s[i + k];

		if ((b & 0xC0) != 0x80)
		{
			*cp = CP_INVALID;
			return;
		}
		v = (v << 6) | (b & 0x3F);
	}
	*cp = v;
	*nb = n;
}

/* The input, with its first 28 characters located. */
typedef struct Text
{
	const char *s;
	size_t		len;
	bool		utf8;
	Ch			ch[BDCDYH_LEN];
	long		nchars;			/* characters in the whole text */
	long		nspaces;		/* of which spaces (ASCII or U+3000) */
} Text;

static void
text_scan(Text *t, const char *s, size_t len, bool utf8)
{
	size_t		i = 0;

	t->s = s;
	t->len = len;
	t->utf8 = utf8;
	t->nchars = 0;
	t->nspaces = 0;
	while (i < len)
	{
		uint32_t	cp;
		int			nb;

		decode(s, len, i, utf8, &cp, &nb);
		if (t->nchars < BDCDYH_LEN)
		{
			t->ch[t->nchars].cp = cp;
			t->ch[t->nchars].off = i;
			t->ch[t->nchars].nb = nb;
		}
		if (cp == ' ' || cp == 0x3000)
			t->nspaces++;
		t->nchars++;
		i += nb;
	}
}

/* Append to buf (NUL-terminated, capacity size) unless it would not fit. */
static bool
append(char *buf, size_t size, const char *src, size_t n)
{
	size_t		used = strlen(buf);

	if (used + n + 1 > size)
		return false;
	memcpy(buf + used, src, n);
	buf[used + n] = '\0';
	return true;
}

/*
 * Render bytes [from, to) of the text printably: control characters, DEL
 * and bytes that are not (valid) UTF-8 become \xNN, so the result is
 * always valid in the server encoding.  Truncated with "…" if too long.
 */
static void
render(const Text *t, size_t from, size_t to, char *buf, size_t size)
{
	size_t		i = from;

	buf[0] = '\0';
	while (i < to)
	{
		uint32_t	cp;
		int			nb;
		char		esc[8];
		bool		ok;

		decode(t->s, t->len, i, t->utf8, &cp, &nb);
		if (cp < 0x20 || cp == 0x7F || cp == CP_INVALID || (!t->utf8 && cp >= 0x80))
		{
			snprintf(esc, sizeof(esc), "\\x%02X", (unsigned char) t->s[i]);
			ok = append(buf, size - 4, esc, strlen(esc));
		}
		else
			ok = append(buf, size - 4, t->s + i, nb);
		if (!ok)
		{
			append(buf, size, "…", strlen("…"));
			return;
		}
		i += nb;
	}
}

/* Render characters first..last (1-based, within the first 28). */
static void
render_chars(const Text *t, int first, int last, char *buf, size_t size)
{
	render(t, t->ch[first - 1].off, t->ch[last - 1].off + t->ch[last - 1].nb, buf, size);
}

static bool
is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* ---------------------------------------------------------------------
 * Checking
 * ---------------------------------------------------------------------
 */

typedef struct Out
{
	BdcdyhProblem *probs;
	int			max;
	int			n;
	BdcdyhProblem scratch;		/* where problems beyond max are written */
} Out;

static BdcdyhProblem *
add_problem(Out *o, const Text *t, BdcdyhField f)
{
	BdcdyhProblem *p = (o->n < o->max) ? &o->probs[o->n] : &o->scratch;
	const BdcdyhFieldInfo *fi = &bdcdyh_fields[f];

	o->n++;
	memset(p, 0, sizeof(*p));
	p->field = f;
	if (f == BDCDYH_F_CODE)
	{
		p->first = t->nchars > 0 ? 1 : 0;
		p->last = (int) (t->nchars > 1000000 ? 1000000 : t->nchars);
		render(t, 0, t->len, p->value, sizeof(p->value));
	}
	else
	{
		p->first = fi->first;
		p->last = fi->first + fi->len - 1;
		render_chars(t, p->first, p->last, p->value, sizeof(p->value));
	}
	return p;
}

/* How a single character at 1-based position pos is shown in a reason. */
static void
char_repr(const Text *t, int pos, char *buf, size_t size)
{
	const Ch   *c = &t->ch[pos - 1];
	char		r[24];

	render(t, c->off, c->off + c->nb, r, sizeof(r));
	if (c->cp > ' ' && c->cp < 0x7F)
		snprintf(buf, size, "%s", r);
	else
		snprintf(buf, size, "'%s'", r);
}

static bool
is_fullwidth(uint32_t cp)
{
	return cp >= 0xFF01 && cp <= 0xFF5E;
}

/* Field of digits: report the first non-digit.  Returns true if all digits. */
static bool
check_digits(Out *o, const Text *t, BdcdyhField f)
{
	const BdcdyhFieldInfo *fi = &bdcdyh_fields[f];
	int			pos;

	for (pos = fi->first; pos < fi->first + fi->len; pos++)
	{
		uint32_t	cp = t->ch[pos - 1].cp;
		BdcdyhProblem *p;
		char		r[32];
		const char *why;

		if (is_digit(cp))
			continue;
		p = add_problem(o, t, f);
		char_repr(t, pos, r, sizeof(r));
		if (cp >= 0xFF10 && cp <= 0xFF19)
			why = " (a full-width digit; use ASCII 0–9)";
		else if (cp == ' ' || cp == 0x3000)
			why = " (write the code without separators)";
		else
			why = "";
		snprintf(p->reason, sizeof(p->reason), "%s at %d is not a digit%s", r, pos, why);
		return false;
	}
	return true;
}

/*
 * One letter from `allowed`.  `what` names the letter ("first letter"),
 * `role` says what it should be ("an ownership type").
 */
static bool
check_letter(Out *o, const Text *t, BdcdyhField f, int pos, const char *allowed,
			 const char *what, const char *role)
{
	uint32_t	cp = t->ch[pos - 1].cp;
	BdcdyhProblem *p;
	char		r[32];

	if (cp < 0x80 && cp != 0 && strchr(allowed, (int) cp) != NULL)
		return true;
	p = add_problem(o, t, f);
	char_repr(t, pos, r, sizeof(r));
	if (cp >= 'a' && cp <= 'z' && strchr(allowed, (int) (cp - 'a' + 'A')) != NULL)
		snprintf(p->reason, sizeof(p->reason), "%s %s is lower case (write %c)",
				 what, r, (char) (cp - 'a' + 'A'));
	else if (is_fullwidth(cp) && cp - 0xFEE0 < 0x80 &&
			 strchr(allowed, (int) (cp - 0xFEE0)) != NULL)
		snprintf(p->reason, sizeof(p->reason), "%s %s is full-width (write %c)",
				 what, r, (char) (cp - 0xFEE0));
	else
		snprintf(p->reason, sizeof(p->reason), "%s %s is not %s", what, r, role);
	return false;
}

/* Value of n ASCII digits starting at 1-based position pos (all digits). */
static long
digits_value(const Text *t, int pos, int n)
{
	long		v = 0;
	int			i;

	for (i = 0; i < n; i++)
		v = v * 10 + (long) (t->ch[pos - 1 + i].cp - '0');
	return v;
}

static bool
field_present(const Text *t, BdcdyhField f)
{
	const BdcdyhFieldInfo *fi = &bdcdyh_fields[f];

	return t->nchars >= fi->first + fi->len - 1;
}

int
bdcdyh_check(const char *s, size_t len, bool utf8, BdcdyhProblem *probs, int max)
{
	Text		t;
	Out			o;
	bool		dzw_ok = false;

	o.probs = probs;
	o.max = probs ? max : 0;
	o.n = 0;
	text_scan(&t, s, len, utf8);

	if (t.nchars != BDCDYH_LEN)
	{
		BdcdyhProblem *p = add_problem(&o, &t, BDCDYH_F_CODE);

		if (t.nchars == 0)
			snprintf(p->reason, sizeof(p->reason), "empty, expected 28 characters");
		else if (t.nspaces > 0 && t.nchars - t.nspaces == BDCDYH_LEN)
			snprintf(p->reason, sizeof(p->reason),
					 "%ld characters, expected 28; without its %ld space%s it has 28 (write the code without separators)",
					 t.nchars, t.nspaces, t.nspaces == 1 ? "" : "s");
		else if (t.nchars == 19)
			snprintf(p->reason, sizeof(p->reason),
					 "19 characters, expected 28; a 宗地代码 alone has 19 (a parcel without fixtures ends in W00000000)");
		else
			snprintf(p->reason, sizeof(p->reason), "%ld character%s, expected 28",
					 t.nchars, t.nchars == 1 ? "" : "s");
	}

	if (field_present(&t, BDCDYH_F_XZQDM) && check_digits(&o, &t, BDCDYH_F_XZQDM))
	{
		int			pp = (int) digits_value(&t, 1, 2);

		if (!bdcdyh_province_ok(pp))
		{
			BdcdyhProblem *p = add_problem(&o, &t, BDCDYH_F_XZQDM);

			snprintf(p->reason, sizeof(p->reason),
					 "province code %02d does not exist in GB/T 2260", pp);
		}
	}
	if (field_present(&t, BDCDYH_F_DJQ))
		check_digits(&o, &t, BDCDYH_F_DJQ);
	if (field_present(&t, BDCDYH_F_DJZQ))
		check_digits(&o, &t, BDCDYH_F_DJZQ);
	if (field_present(&t, BDCDYH_F_ZDTZM))
	{
		check_letter(&o, &t, BDCDYH_F_ZDTZM, 13, OWN_LETTERS, "first letter",
					 "an ownership type (G 国家, J 集体, Z 未确定或有争议)");
		check_letter(&o, &t, BDCDYH_F_ZDTZM, 14, TYPE_LETTERS, "second letter",
					 "a parcel type");
	}
	if (field_present(&t, BDCDYH_F_ZDSXH) && check_digits(&o, &t, BDCDYH_F_ZDSXH) &&
		digits_value(&t, 15, 5) == 0)
	{
		BdcdyhProblem *p = add_problem(&o, &t, BDCDYH_F_ZDSXH);

		snprintf(p->reason, sizeof(p->reason),
				 "00000 is not a parcel number (they run from 00001 to 99999)");
	}
	if (field_present(&t, BDCDYH_F_DZWTZM))
		dzw_ok = check_letter(&o, &t, BDCDYH_F_DZWTZM, 20, DZW_LETTERS, "fixture letter",
							  "a 定着物特征码 (F 房屋, L 林木, Q 其他, W 无定着物)");
	if (field_present(&t, BDCDYH_F_DZWDYH) && check_digits(&o, &t, BDCDYH_F_DZWDYH) && dzw_ok)
	{
		bool		zero = digits_value(&t, 21, 8) == 0;
		bool		w = t.ch[19].cp == 'W';

		if (w && !zero)
		{
			BdcdyhProblem *p = add_problem(&o, &t, BDCDYH_F_DZWDYH);

			snprintf(p->reason, sizeof(p->reason),
					 "after 定着物特征码 W (no fixture) it must be 00000000");
		}
		else if (!w && zero)
		{
			BdcdyhProblem *p = add_problem(&o, &t, BDCDYH_F_DZWDYH);

			snprintf(p->reason, sizeof(p->reason),
					 "00000000 means no fixture, but the 定着物特征码 is %c (use W00000000, or the unit's number)",
					 (char) t.ch[19].cp);
		}
	}
	return o.n;
}

void
bdcdyh_render(const char *s, size_t len, bool utf8, char *buf, size_t size)
{
	Text		t;

	t.s = s;
	t.len = len;
	t.utf8 = utf8;
	render(&t, 0, len, buf, size);
}

void
bdcdyh_problem_detail(const BdcdyhProblem *p, char *buf, size_t size)
{
	const char *name = bdcdyh_fields[p->field].name;

	if (p->first == 0)
		snprintf(buf, size, "%s '%s': %s", name, p->value, p->reason);
	else if (p->first == p->last)
		snprintf(buf, size, "%s '%s' at %d: %s", name, p->value, p->first, p->reason);
	else
		snprintf(buf, size, "%s '%s' at %d–%d: %s", name, p->value, p->first, p->last, p->reason);
}

/* ---------------------------------------------------------------------
 * Packing
 * ---------------------------------------------------------------------
 */

static uint64_t
num(const char *s, int n)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < n; i++)
		v = v * 10 + (uint64_t) (s[i] - '0');
	return v;
}

static uint64_t
rank(const char *letters, char c)
{
	return (uint64_t) (strchr(letters, c) - letters);
}

static void
put_be64(uint8_t *p, uint64_t v)
{
	int			i;

	for (i = 7; i >= 0; i--)
	{
		p[i] = (uint8_t) (v & 0xFF);
		v >>= 8;
	}
}

static uint64_t
get_be64(const uint8_t *p)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

void
bdcdyh_pack(const char *c, uint8_t *out)
{
	uint64_t	hi,
				lo;

	hi = num(c, 6);
	hi = hi * 1024 + num(c + 6, 3);
	hi = hi * 1024 + num(c + 9, 3);
	hi = hi * 4 + rank(OWN_LETTERS, c[12]);
	hi = hi * TYPE_RADIX + rank(TYPE_LETTERS, c[13]);
	hi = hi * ZDSXH_RADIX + num(c + 14, 5);
	lo = rank(DZW_LETTERS, c[19]) * DZWDYH_RADIX + num(c + 20, 8);
	put_be64(out, hi);
	put_be64(out + 8, lo);
}

bool
bdcdyh_unpack(const uint8_t *in, char *out)
{
	uint64_t	hi = get_be64(in),
				lo = get_be64(in + 8);
	uint64_t	zdsxh,
				type,
				own,
				djzq,
				djq,
				county,
				dzw,
				dzwdyh;

	zdsxh = hi % ZDSXH_RADIX;
	hi /= ZDSXH_RADIX;
	type = hi % TYPE_RADIX;
	hi /= TYPE_RADIX;
	own = hi % 4;
	hi /= 4;
	djzq = hi % 1024;
	hi /= 1024;
	djq = hi % 1024;
	county = hi / 1024;
	dzw = lo / DZWDYH_RADIX;
	dzwdyh = lo % DZWDYH_RADIX;

	if (county > 999999 || !bdcdyh_province_ok((int) (county / 10000)) ||
		djq > 999 || djzq > 999 || own >= 3 || type >= strlen(TYPE_LETTERS) ||
		zdsxh < 1 || zdsxh > BDCDYH_ZDSXH_MAX || dzw >= 4 || dzwdyh > 99999999 ||
		((dzw == 3) != (dzwdyh == 0)))
		return false;

	snprintf(out, BDCDYH_LEN + 1, "%06u%03u%03u%c%c%05u%c%08u",
			 (unsigned) county, (unsigned) djq, (unsigned) djzq,
			 OWN_LETTERS[own], TYPE_LETTERS[type], (unsigned) zdsxh,
			 DZW_LETTERS[dzw], (unsigned) dzwdyh);
	return true;
}

int
bdcdyh_cmp_packed(const uint8_t *a, const uint8_t *b)
{
	int			c = memcmp(a, b, BDCDYH_PACKED_LEN);

	return (c > 0) - (c < 0);
}

/* ---------------------------------------------------------------------
 * Constructor
 * ---------------------------------------------------------------------
 */

static long
count_chars(const char *s, size_t len, bool utf8)
{
	size_t		i = 0;
	long		n = 0;

	while (i < len)
	{
		uint32_t	cp;
		int			nb;

		decode(s, len, i, utf8, &cp, &nb);
		i += nb;
		n++;
	}
	return n;
}

/* A wrong-length argument: describe it in *prob, field f. */
static void
arg_length_problem(BdcdyhProblem *prob, BdcdyhField f, const char *s, size_t len,
				   bool utf8, long nchars, int want, const char *form)
{
	Text		t;

	memset(prob, 0, sizeof(*prob));
	prob->field = f;
	t.s = s;
	t.len = len;
	t.utf8 = utf8;
	render(&t, 0, len, prob->value, sizeof(prob->value));
	snprintf(prob->reason, sizeof(prob->reason), "%ld character%s, expected %d (%s)",
			 nchars, nchars == 1 ? "" : "s", want, form);
}

int
bdcdyh_make(const char *djzqdm, size_t djzqdm_len,
			const char *zdtzm, size_t zdtzm_len,
			long zdsxh,
			const char *dzwtzm, size_t dzwtzm_len,
			const char *dzwdyh, size_t dzwdyh_len,
			bool utf8, char *out, BdcdyhProblem *prob)
{
	/* the string arguments: number, text, characters wanted, field, form */
	const struct
	{
		int			argno;
		const char *s;
		size_t		len;
		long		want;
		BdcdyhField field;
		const char *form;
	}			args[] = {
		{1, djzqdm, djzqdm_len, 12, BDCDYH_F_XZQDM,
		"6-digit county code, 3-digit 地籍区, 3-digit 地籍子区"},
		{2, zdtzm, zdtzm_len, 2, BDCDYH_F_ZDTZM,
		"ownership letter and parcel-type letter, e.g. JA"},
		{4, dzwtzm, dzwtzm_len, 1, BDCDYH_F_DZWTZM, "F, L, Q or W"},
		{5, dzwdyh, dzwdyh_len, 8, BDCDYH_F_DZWDYH,
		"00000000 with W, else the unit number"},
	};
	char		buf[160];
	size_t		n = 0;
	int			i;
	BdcdyhProblem p;

	for (i = 0; i < (int) (sizeof(args) / sizeof(args[0])); i++)
	{
		long		c = count_chars(args[i].s, args[i].len, utf8);

		/* zdsxh (argument 3) is checked in argument order, before dzwtzm */
		if (args[i].argno == 4 && (zdsxh < 1 || zdsxh > BDCDYH_ZDSXH_MAX))
		{
			memset(prob, 0, sizeof(*prob));
			prob->field = BDCDYH_F_ZDSXH;
			snprintf(prob->value, sizeof(prob->value), "%ld", zdsxh);
			snprintf(prob->reason, sizeof(prob->reason), "out of range 1–99999");
			return 3;
		}
		if (c != args[i].want)
		{
			arg_length_problem(prob, args[i].field, args[i].s, args[i].len, utf8, c,
							   (int) args[i].want, args[i].form);
			return args[i].argno;
		}
	}

	/* Each argument has the right number of characters: check the whole. */
	if (djzqdm_len + zdtzm_len + 5 + dzwtzm_len + dzwdyh_len >= sizeof(buf))
	{
		/* unreachable: 23 characters of at most 4 bytes each */
		memset(prob, 0, sizeof(*prob));
		snprintf(prob->reason, sizeof(prob->reason), "arguments too long");
		return 1;
	}
	memcpy(buf + n, djzqdm, djzqdm_len);
	n += djzqdm_len;
	memcpy(buf + n, zdtzm, zdtzm_len);
	n += zdtzm_len;
	snprintf(buf + n, 6, "%05ld", zdsxh);
	n += 5;
	memcpy(buf + n, dzwtzm, dzwtzm_len);
	n += dzwtzm_len;
	memcpy(buf + n, dzwdyh, dzwdyh_len);
	n += dzwdyh_len;

	if (bdcdyh_check(buf, n, utf8, &p, 1) > 0)
	{
		*prob = p;
		switch (p.field)
		{
			case BDCDYH_F_ZDTZM:
				return 2;
			case BDCDYH_F_ZDSXH:
				return 3;
			case BDCDYH_F_DZWTZM:
				return 4;
			case BDCDYH_F_DZWDYH:
				return 5;
			default:
				return 1;
		}
	}
	memcpy(out, buf, BDCDYH_LEN);
	out[BDCDYH_LEN] = '\0';
	return 0;
}
