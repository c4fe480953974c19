/*-------------------------------------------------------------------------
 *
 * bdcdyh.h
 *	  不动产单元代码 (real-estate unit code, GB/T 37346-2019): parser,
 *	  validator, constructor and an order-preserving 16-byte packing.
 *
 * Pure C (no PostgreSQL headers): unit-tested in test/unit/test_bdcdyh.c
 * and fuzzed by test/fuzz/fuzz_bdcdyh.c.  The fmgr glue is bdcdyh_pg.c.
 *
 * A code has 28 characters:
 *
 *	 pos	len  field
 *	 1–6	6	 县级行政区划代码 (county code, GB/T 2260; province prefix checked)
 *	 7–9	3	 地籍区
 *	 10–12	3	 地籍子区
 *	 13–14	2	 宗地特征码: ownership G/J/Z + parcel type
 *	 15–19	5	 宗地顺序号 00001–99999
 *	 20		1	 定着物特征码 F/L/Q/W
 *	 21–28	8	 定着物单元号 (00000000 exactly when the fixture letter is W)
 *
 * Positions in problems are 1-based character positions (UTF-8 characters
 * when the caller says the text is UTF-8, bytes otherwise).
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_BDCDYH_H
#define JTSYQ_BDCDYH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BDCDYH_LEN			28	/* characters of a code */
#define BDCDYH_PACKED_LEN	16	/* bytes of the packed form */
#define BDCDYH_ZDSXH_MAX	99999

typedef enum BdcdyhField
{
	BDCDYH_F_CODE = 0,			/* the code as a whole (length) */
	BDCDYH_F_XZQDM,				/* 1–6 */
	BDCDYH_F_DJQ,				/* 7–9 */
	BDCDYH_F_DJZQ,				/* 10–12 */
	BDCDYH_F_ZDTZM,				/* 13–14 */
	BDCDYH_F_ZDSXH,				/* 15–19 */
	BDCDYH_F_DZWTZM,			/* 20 */
	BDCDYH_F_DZWDYH,			/* 21–28 */
	BDCDYH_NFIELDS
} BdcdyhField;

typedef struct BdcdyhFieldInfo
{
	const char *key;			/* short ASCII name, e.g. "zdtzm" */
	const char *name;			/* name in the standard, e.g. "宗地特征码" */
	int			first;			/* 1-based position in the code */
	int			len;			/* characters */
	const char *form;			/* the expected form, for hints */
} BdcdyhFieldInfo;

extern const BdcdyhFieldInfo bdcdyh_fields[BDCDYH_NFIELDS];

/* One thing wrong with a code. */
typedef struct BdcdyhProblem
{
	BdcdyhField field;
	int			first;			/* 1-based positions of the field (or of */
	int			last;			/* the whole text for length problems) */
	char		value[100];		/* the field's characters, printable */
	char		reason[200];	/* what is wrong, one sentence, no period */
} BdcdyhProblem;

/*
 * Check a candidate code (s, len; need not be NUL-terminated).  Returns the
 * number of problems (0: a valid code) and stores the first `max` of them in
 * `probs`, in position order.  Every rule is checked for every field that is
 * fully present, so one call lists everything wrong with a legacy value.
 */
extern int	bdcdyh_check(const char *s, size_t len, bool utf8,
						 BdcdyhProblem *probs, int max);

/*
 * The text shown printably (control characters and bytes that are not
 * valid UTF-8 as \xNN), cut with "…" to fit size bytes.
 */
extern void bdcdyh_render(const char *s, size_t len, bool utf8, char *buf, size_t size);

/* "宗地特征码 'JK' at 13–14: second letter K is not a parcel type" */
extern void bdcdyh_problem_detail(const BdcdyhProblem *p, char *buf, size_t size);

/*
 * Packing: 16 bytes whose byte order (memcmp) is the text order of the
 * codes.  bdcdyh_pack needs a valid code (bdcdyh_check() == 0);
 * bdcdyh_unpack refuses bytes that are not the packing of a valid code.
 */
extern void bdcdyh_pack(const char *code, uint8_t *out);
extern bool bdcdyh_unpack(const uint8_t *in, char *out);	/* out: 29 bytes */
extern int	bdcdyh_cmp_packed(const uint8_t *a, const uint8_t *b);

/*
 * Build a code from its parts (make_bdcdyh).  Strings are (pointer, length)
 * and need not be NUL-terminated.  Returns 0 and writes the code (28
 * characters + NUL) to out, or returns the 1-based number of the argument
 * at fault (1 djzqdm, 2 zdtzm, 3 zdsxh, 4 dzwtzm, 5 dzwdyh) and describes
 * the fault in *prob.
 */
extern int	bdcdyh_make(const char *djzqdm, size_t djzqdm_len,
						const char *zdtzm, size_t zdtzm_len,
						long zdsxh,
						const char *dzwtzm, size_t dzwtzm_len,
						const char *dzwdyh, size_t dzwdyh_len,
						bool utf8, char *out, BdcdyhProblem *prob);

/* true if the two digits are a province code of GB/T 2260 */
extern bool bdcdyh_province_ok(int pp);

#endif							/* JTSYQ_BDCDYH_H */
