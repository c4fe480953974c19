/*-------------------------------------------------------------------------
 *
 * bdcdyh_pg.c
 *	  The jtsyq.bdcdyh type (不动产单元代码, GB/T 37346-2019): text and binary
 *	  I/O, comparison and hashing, casts, accessors, make_bdcdyh,
 *	  bdcdyh_is_valid and bdcdyh_problems.  Thin fmgr wrappers around
 *	  bdcdyh.c.
 *
 * Storage: 16 bytes, fixed length, no alignment (like uuid): the packing of
 * bdcdyh.c, whose byte order is the text order, so comparison is memcmp and
 * the btree and hash opclasses agree with text order and text equality.
 * The binary send/recv format is the 28 ASCII characters of the code, not
 * the packing, so binary COPY files do not depend on the storage layout.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/hash.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/sortsupport.h"

#include "bdcdyh.h"

typedef struct Bdcdyh
{
	uint8		b[BDCDYH_PACKED_LEN];
} Bdcdyh;

#define DatumGetBdcdyhP(d)		((Bdcdyh *) DatumGetPointer(d))
#define PG_GETARG_BDCDYH_P(n)	DatumGetBdcdyhP(PG_GETARG_DATUM(n))
#define PG_RETURN_BDCDYH_P(p)	PG_RETURN_POINTER(p)

PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_in);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_out);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_recv);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_send);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_from_text);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_to_text);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_eq);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_ne);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_lt);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_le);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_gt);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_ge);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_cmp);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_sortsupport);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_smaller);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_larger);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_hash);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_hash_extended);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_zdsxh);
PG_FUNCTION_INFO_V1(jtsyq_make_bdcdyh);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_is_valid);
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_problems);
PG_FUNCTION_INFO_V1(jtsyq_zdsxh_key_check);

static bool
server_is_utf8(void)
{
	return GetDatabaseEncoding() == PG_UTF8;
}

/*
 * Parse text into a packed code, or raise `errcode` (22P02 for text input,
 * 22P03 for binary) naming the first problem, its field and position.
 */
static Bdcdyh *
parse_or_error(const char *s, size_t len, int errcode_value)
{
	BdcdyhProblem p;
	int			n = bdcdyh_check(s, len, server_is_utf8(), &p, 1);
	Bdcdyh	   *result;

	if (n > 0)
	{
		char		detail[600];
		char		shown[200];

		bdcdyh_render(s, len, server_is_utf8(), shown, sizeof(shown));
		bdcdyh_problem_detail(&p, detail, sizeof(detail));
		ereport(ERROR,
				(errcode(errcode_value),
				 errcode_value == ERRCODE_INVALID_BINARY_REPRESENTATION ?
				 errmsg("invalid binary value for type %s: \"%s\"", "jtsyq.bdcdyh", shown) :
				 errmsg("invalid input syntax for type %s: \"%s\"", "jtsyq.bdcdyh", shown),
				 n > 1 ?
				 errdetail("%s (and %d more problem%s; jtsyq.bdcdyh_problems() lists them all).",
						   detail, n - 1, n > 2 ? "s" : "") :
				 errdetail("%s.", detail),
				 errhint("%s: %s.", bdcdyh_fields[p.field].name, bdcdyh_fields[p.field].form)));
	}
	result = palloc(sizeof(Bdcdyh));
	bdcdyh_pack(s, result->b);
	return result;
}

/* The 28 characters of a stored code (NUL-terminated, in buf[29]). */
static void
unpack_or_error(const Bdcdyh *v, char *buf)
{
	if (!bdcdyh_unpack(v->b, buf))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupted jtsyq.bdcdyh value"),
				 errdetail("The 16 stored bytes are not the packing of a valid 不动产单元代码.")));
}

/* ---------------------------------------------------------------------
 * I/O and casts
 * ---------------------------------------------------------------------
 */

Datum
jtsyq_bdcdyh_in(PG_FUNCTION_ARGS)
{
	const char *s = PG_GETARG_CSTRING(0);

	PG_RETURN_BDCDYH_P(parse_or_error(s, strlen(s), ERRCODE_INVALID_TEXT_REPRESENTATION));
}

Datum
jtsyq_bdcdyh_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(BDCDYH_LEN + 1);

	unpack_or_error(PG_GETARG_BDCDYH_P(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary form: the 28 ASCII characters of the code. */
Datum
jtsyq_bdcdyh_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			len = msg->len - msg->cursor;
	const char *bytes = pq_getmsgbytes(msg, len);

	PG_RETURN_BDCDYH_P(parse_or_error(bytes, len, ERRCODE_INVALID_BINARY_REPRESENTATION));
}

Datum
jtsyq_bdcdyh_send(PG_FUNCTION_ARGS)
{
	char		buf[BDCDYH_LEN + 1];
	StringInfoData msg;

	unpack_or_error(PG_GETARG_BDCDYH_P(0), buf);
	pq_begintypsend(&msg);
	pq_sendbytes(&msg, buf, BDCDYH_LEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&msg));
}

Datum
jtsyq_bdcdyh_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BDCDYH_P(parse_or_error(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t),
									  ERRCODE_INVALID_TEXT_REPRESENTATION));
}

Datum
jtsyq_bdcdyh_to_text(PG_FUNCTION_ARGS)
{
	char		buf[BDCDYH_LEN + 1];

	unpack_or_error(PG_GETARG_BDCDYH_P(0), buf);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, BDCDYH_LEN));
}

/* ---------------------------------------------------------------------
 * Comparison and hashing: the packing orders like the text
 * ---------------------------------------------------------------------
 */

static inline int
cmp_args(FunctionCallInfo fcinfo)
{
	return bdcdyh_cmp_packed(PG_GETARG_BDCDYH_P(0)->b, PG_GETARG_BDCDYH_P(1)->b);
}

Datum
jtsyq_bdcdyh_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) == 0);
}

Datum
jtsyq_bdcdyh_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) != 0);
}

Datum
jtsyq_bdcdyh_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) < 0);
}

Datum
jtsyq_bdcdyh_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) <= 0);
}

Datum
jtsyq_bdcdyh_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) > 0);
}

Datum
jtsyq_bdcdyh_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) >= 0);
}

Datum
jtsyq_bdcdyh_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(cmp_args(fcinfo));
}

/* min() and max() transition functions */
Datum
jtsyq_bdcdyh_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(cmp_args(fcinfo) <= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1));
}

Datum
jtsyq_bdcdyh_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(cmp_args(fcinfo) >= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1));
}

static int
bdcdyh_fastcmp(Datum a, Datum b, SortSupport ssup)
{
	return bdcdyh_cmp_packed(DatumGetBdcdyhP(a)->b, DatumGetBdcdyhP(b)->b);
}

Datum
jtsyq_bdcdyh_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = bdcdyh_fastcmp;
	PG_RETURN_VOID();
}

Datum
jtsyq_bdcdyh_hash(PG_FUNCTION_ARGS)
{
	return hash_any(PG_GETARG_BDCDYH_P(0)->b, BDCDYH_PACKED_LEN);
}

Datum
jtsyq_bdcdyh_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended(PG_GETARG_BDCDYH_P(0)->b, BDCDYH_PACKED_LEN,
							 PG_GETARG_INT64(1));
}

/* ---------------------------------------------------------------------
 * Accessors
 * ---------------------------------------------------------------------
 */

/* The characters first..first+len-1 (1-based) of the stored code. */
static text *
code_part(FunctionCallInfo fcinfo, int first, int len)
{
	char		buf[BDCDYH_LEN + 1];

	unpack_or_error(PG_GETARG_BDCDYH_P(0), buf);
	return cstring_to_text_with_len(buf + first - 1, len);
}

#define BDCDYH_ACCESSOR(name, first, len) \
PG_FUNCTION_INFO_V1(jtsyq_bdcdyh_##name); \
Datum \
jtsyq_bdcdyh_##name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_TEXT_P(code_part(fcinfo, (first), (len))); \
}

BDCDYH_ACCESSOR(xzqdm, 1, 6)		/* 县级行政区划代码 */
BDCDYH_ACCESSOR(djqdm, 1, 9)		/* 地籍区代码 */
BDCDYH_ACCESSOR(djzqdm, 1, 12)		/* 地籍子区代码 */
BDCDYH_ACCESSOR(zddm, 1, 19)		/* 宗地代码 */
BDCDYH_ACCESSOR(zdtzm, 13, 2)		/* 宗地特征码 */
BDCDYH_ACCESSOR(dzwtzm, 20, 1)		/* 定着物特征码 */
BDCDYH_ACCESSOR(dzwdyh, 21, 8)		/* 定着物单元号 */

Datum
jtsyq_bdcdyh_zdsxh(PG_FUNCTION_ARGS)
{
	char		buf[BDCDYH_LEN + 1];

	unpack_or_error(PG_GETARG_BDCDYH_P(0), buf);
	buf[19] = '\0';
	PG_RETURN_INT32((int32) strtol(buf + 14, NULL, 10));
}

/* ---------------------------------------------------------------------
 * Constructor and validation of legacy text
 * ---------------------------------------------------------------------
 */

static const char *const make_argnames[] = {"", "djzqdm", "zdtzm", "zdsxh", "dzwtzm", "dzwdyh"};

/*
 * Build a code from its parts or raise 22023 naming `fname` and the
 * argument at fault.
 */
static void
make_or_error(text *djzqdm, text *zdtzm, long zdsxh, const char *dzwtzm, size_t dzwtzm_len,
			  const char *dzwdyh, size_t dzwdyh_len, const char *fname, char *out)
{
	BdcdyhProblem p;
	int			arg;

	arg = bdcdyh_make(VARDATA_ANY(djzqdm), VARSIZE_ANY_EXHDR(djzqdm),
					  VARDATA_ANY(zdtzm), VARSIZE_ANY_EXHDR(zdtzm),
					  zdsxh, dzwtzm, dzwtzm_len, dzwdyh, dzwdyh_len,
					  server_is_utf8(), out, &p);
	if (arg != 0)
	{
		char		detail[600];

		if (p.first == 0)
			snprintf(detail, sizeof(detail), "%s '%s': %s", make_argnames[arg], p.value, p.reason);
		else
			bdcdyh_problem_detail(&p, detail, sizeof(detail));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid %s", fname, make_argnames[arg]),
				 errdetail("%s.", detail),
				 errhint("%s: %s.", bdcdyh_fields[p.field].name, bdcdyh_fields[p.field].form)));
	}
}

/*
 * jtsyq.make_bdcdyh(djzqdm text, zdtzm text, zdsxh int,
 *					 dzwtzm text DEFAULT 'W', dzwdyh text DEFAULT '00000000')
 */
Datum
jtsyq_make_bdcdyh(PG_FUNCTION_ARGS)
{
	text	   *dzwtzm = PG_GETARG_TEXT_PP(3);
	text	   *dzwdyh = PG_GETARG_TEXT_PP(4);
	char		code[BDCDYH_LEN + 1];
	Bdcdyh	   *result = palloc(sizeof(Bdcdyh));

	make_or_error(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1), PG_GETARG_INT32(2),
				  VARDATA_ANY(dzwtzm), VARSIZE_ANY_EXHDR(dzwtzm),
				  VARDATA_ANY(dzwdyh), VARSIZE_ANY_EXHDR(dzwdyh),
				  "jtsyq.make_bdcdyh", code);
	bdcdyh_pack(code, result->b);
	PG_RETURN_BDCDYH_P(result);
}

/*
 * jtsyq._zdsxh_key_check(djzqdm text, zdtzm text, fname text) -> void
 *		The key of a parcel-number counter must be a valid 地籍子区 code and
 *		宗地特征码; raises 22023 naming fname otherwise.
 */
Datum
jtsyq_zdsxh_key_check(PG_FUNCTION_ARGS)
{
	char		code[BDCDYH_LEN + 1];
	char	   *fname = text_to_cstring(PG_GETARG_TEXT_PP(2));

	make_or_error(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1), 1, "W", 1, "00000000", 8,
				  fname, code);
	PG_RETURN_VOID();
}

Datum
jtsyq_bdcdyh_is_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(bdcdyh_check(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t),
								server_is_utf8(), NULL, 0) == 0);
}

/*
 * jtsyq.bdcdyh_problems(code text) -> SETOF (field, field_name, first_pos,
 *		last_pos, value, problem): everything wrong with a candidate code, in
 *		position order; no rows for a valid code.
 */
Datum
jtsyq_bdcdyh_problems(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	BdcdyhProblem probs[BDCDYH_NFIELDS + 4];
	int			n,
				i;

	InitMaterializedSRF(fcinfo, 0);
	n = bdcdyh_check(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), server_is_utf8(),
					 probs, lengthof(probs));
	for (i = 0; i < n && i < lengthof(probs); i++)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		const BdcdyhProblem *p = &probs[i];

		values[0] = CStringGetTextDatum(bdcdyh_fields[p->field].key);
		values[1] = CStringGetTextDatum(bdcdyh_fields[p->field].name);
		values[2] = Int32GetDatum(p->first);
		values[3] = Int32GetDatum(p->last);
		values[4] = CStringGetTextDatum(p->value);
		values[5] = CStringGetTextDatum(p->reason);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
