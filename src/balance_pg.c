/*-------------------------------------------------------------------------
 *
 * balance_pg.c
 *	  SQL wrappers of 面积调平 (src/balance.c):
 *
 *	  jtsyq.balance_areas(control, parts[], keys[], digits)  set-returning
 *	  jtsyq.balanced_area(part, control, tiebreak, digits)   window function
 *
 * Both round the control and every part to `digits` decimals (half away
 * from zero, as round(numeric) does), count them in steps of the last
 * decimal, balance with jt_balance() and hand back numerics with exactly
 * `digits` decimals.  Ties among equal parts are broken by the keys in
 * byte order (independent of the database collation), parts without a key
 * after those with one, and the input position last.
 *
 * Slivers: when every part rounds to 0 but the control does not (a class
 * made only of patches under 0.005 m², 3.33 m² in 亩 or 0.5 m² in 公顷),
 * the steps are shared in proportion to the unrounded parts, taken to
 * SLIVER_EXTRA_DIGITS more decimals; a part that is 0 before rounding stays
 * 0.  Only when every unrounded part is 0 too is there nothing to weigh by.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "windowapi.h"

#include "balance.h"

PG_FUNCTION_INFO_V1(jtsyq_balance_areas);
PG_FUNCTION_INFO_V1(jtsyq_balanced_area);

#define BALANCE_MAX_DIGITS 8

static const int64 pow10_steps[BALANCE_MAX_DIGITS + 1] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000
};

static void
check_digits(int32 digits, const char *fn)
{
	if (digits < 0 || digits > BALANCE_MAX_DIGITS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: digits must be between 0 and %d, not %d",
						fn, BALANCE_MAX_DIGITS, digits),
				 errhint("Use 2 for square metres and 亩, 4 for 公顷.")));
}

/* a numeric rounded to `digits` decimals, as a count of steps of 10^-digits */
static int64
steps_from_numeric(Datum value, int32 digits, const char *fn, const char *what)
{
	Numeric		num = DatumGetNumeric(value);
	Datum		rounded;
	Datum		scaled;
	int64		steps;

	if (numeric_is_nan(num) || numeric_is_inf(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must be a finite number", fn, what)));
	rounded = DirectFunctionCall2(numeric_round, value, Int32GetDatum(digits));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, rounded,
										  NumericGetDatum(int64_to_numeric(0)))) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must not be negative", fn, what),
				 errdetail("Areas are never negative.")));
	scaled = DirectFunctionCall2(numeric_mul, rounded,
								 NumericGetDatum(int64_to_numeric(pow10_steps[digits])));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, scaled,
										  NumericGetDatum(int64_to_numeric(PG_INT64_MAX)))) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: %s is too large to balance", fn, what)));
	steps = DatumGetInt64(DirectFunctionCall1(numeric_int8, scaled));
	return steps;
}

/*
 * The weight of a part that rounds to zero: its unrounded value in steps of
 * 10^-(digits + SLIVER_EXTRA_DIGITS), negative values (which round to -0)
 * counting as 0.  The value is below half a step, so the result is below
 * 10^SLIVER_EXTRA_DIGITS / 2.
 */
#define SLIVER_EXTRA_DIGITS 8

static int64
sliver_weight(Datum value, int32 digits)
{
	Datum		rounded;
	Datum		scaled;

	rounded = DirectFunctionCall2(numeric_round, value,
								  Int32GetDatum(digits + SLIVER_EXTRA_DIGITS));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, rounded,
										  NumericGetDatum(int64_to_numeric(0)))) <= 0)
		return 0;
	scaled = DirectFunctionCall2(numeric_mul, rounded,
								 NumericGetDatum(int64_to_numeric(pow10_steps[digits])));
	scaled = DirectFunctionCall2(numeric_mul, scaled,
								 NumericGetDatum(int64_to_numeric(pow10_steps[SLIVER_EXTRA_DIGITS])));
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, scaled));
}

/* true when the control must be shared by the unrounded parts */
static bool
needs_sliver_weights(int64 control, const int64 *parts, int64 n)
{
	int64		i;

	if (control == 0)
		return false;
	for (i = 0; i < n; i++)
		if (parts[i] != 0)
			return false;
	return true;
}

static Datum
numeric_from_steps(int64 steps, int32 digits)
{
	return NumericGetDatum(int64_div_fast_to_numeric(steps, digits));
}

/* order of two keys: byte order, NULL (len < 0) last */
typedef struct KeyRef
{
	const char *data;
	int			len;			/* -1: no key */
	int64		index;
} KeyRef;

static int
keyref_cmp(const void *a, const void *b)
{
	const KeyRef *x = (const KeyRef *) a;
	const KeyRef *y = (const KeyRef *) b;
	int			c;

	if (x->len < 0 || y->len < 0)
	{
		if (x->len >= 0)
			return -1;
		if (y->len >= 0)
			return 1;
		return 0;
	}
	c = memcmp(x->data, y->data, Min(x->len, y->len));
	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len ? 1 : 0;
}

/* tie ranks from keys: equal keys get equal ranks */
static int64 *
ranks_from_keys(KeyRef *keys, int64 n)
{
	int64	   *rank = palloc(sizeof(int64) * Max(n, 1));
	int64		i;
	int64		r = 0;

	qsort(keys, n, sizeof(KeyRef), keyref_cmp);
	for (i = 0; i < n; i++)
	{
		if (i > 0 && keyref_cmp(&keys[i - 1], &keys[i]) != 0)
			r = i;
		rank[keys[i].index] = r;
	}
	return rank;
}

/*
 * Balance, or raise the status as an error.  weights: NULL, or (when every
 * part is 0 steps) the sliver weights of the parts.
 */
static void
balance_or_raise(int64 control, const int64 *parts, const int64 *weights,
				 const int64 *rank, int64 n, int64 *out, const char *fn)
{
	JtBalanceItem *scratch = palloc(sizeof(JtBalanceItem) * Max(n, 1));
	JtBalanceStatus st;

	if (weights)
		st = jt_balance_zero_parts(control, weights, rank, (size_t) n, out, scratch);
	else
		st = jt_balance(control, parts, rank, (size_t) n, out, scratch);
	pfree(scratch);
	if (st == JT_BALANCE_OK)
		return;
	ereport(ERROR,
			(errcode(st == JT_BALANCE_OVERFLOW ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
					 : ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: cannot balance: %s", fn, jt_balance_status_text(st)),
			 st == JT_BALANCE_NO_WEIGHT ?
			 errhint("Check the parts: a whole with area but no measured parts is a sum-of-parts error (jtsyq.sum_of_parts_errors).") : 0));
}

/*
 * jtsyq.balance_areas(control numeric, parts numeric[], keys text[] DEFAULT
 *		NULL, digits integer DEFAULT 2)
 *	RETURNS TABLE(ord integer, key text, part numeric, balanced numeric,
 *				  adjustment numeric)
 *
 * One row per part, in input order.  NULL control, parts or digits: no rows
 * (the function is not STRICT only so that keys may be NULL).
 */
Datum
jtsyq_balance_areas(PG_FUNCTION_ARGS)
{
	const char *fn = "jtsyq.balance_areas";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ArrayType  *parts_arr;
	Datum	   *part_d;
	bool	   *part_null;
	int			n;
	Datum	   *key_d = NULL;
	bool	   *key_null = NULL;
	int32		digits;
	int64		control;
	int64	   *parts;
	int64	   *out;
	int64	   *rank = NULL;
	int64	   *weights = NULL;
	KeyRef	   *keys;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3))
		PG_RETURN_NULL();

	digits = PG_GETARG_INT32(3);
	check_digits(digits, fn);
	parts_arr = PG_GETARG_ARRAYTYPE_P(1);
	if (ARR_NDIM(parts_arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: parts must be a one-dimensional array", fn)));
	deconstruct_array(parts_arr, NUMERICOID, -1, false, TYPALIGN_INT,
					  &part_d, &part_null, &n);
	if (!PG_ARGISNULL(2))
	{
		ArrayType  *keys_arr = PG_GETARG_ARRAYTYPE_P(2);
		int			nkeys;

		deconstruct_array(keys_arr, TEXTOID, -1, false, TYPALIGN_INT,
						  &key_d, &key_null, &nkeys);
		if (ARR_NDIM(keys_arr) > 1 || nkeys != n)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: keys must be a one-dimensional array as long as parts", fn),
					 errdetail("%d parts, %d keys.", n, nkeys)));
	}

	control = steps_from_numeric(PG_GETARG_DATUM(0), digits, fn, "the control");
	parts = palloc(sizeof(int64) * Max(n, 1));
	out = palloc(sizeof(int64) * Max(n, 1));
	keys = palloc(sizeof(KeyRef) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (part_null[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: part %d is NULL", fn, i + 1),
					 errhint("Give every part an area (0 for none).")));
		parts[i] = steps_from_numeric(part_d[i], digits, fn, "a part");
		keys[i].index = i;
		keys[i].len = -1;
		keys[i].data = NULL;
		if (key_d != NULL && !key_null[i])
		{
			text	   *t = DatumGetTextPP(key_d[i]);

			keys[i].data = VARDATA_ANY(t);
			keys[i].len = VARSIZE_ANY_EXHDR(t);
		}
	}
	if (key_d != NULL)
		rank = ranks_from_keys(keys, n);
	if (needs_sliver_weights(control, parts, n))
	{
		weights = palloc(sizeof(int64) * Max(n, 1));
		for (i = 0; i < n; i++)
			weights[i] = sliver_weight(part_d[i], digits);
	}
	balance_or_raise(control, parts, weights, rank, n, out, fn);

	for (i = 0; i < n; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = Int32GetDatum(i + 1);
		if (key_d == NULL || key_null[i])
			nulls[1] = true;
		else
			values[1] = key_d[i];
		values[2] = numeric_from_steps(parts[i], digits);
		values[3] = numeric_from_steps(out[i], digits);
		values[4] = numeric_from_steps(out[i] - parts[i], digits);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

/*
 * jtsyq.balanced_area(part numeric, control numeric, tiebreak text,
 *		digits integer DEFAULT 2) OVER (PARTITION BY <the whole>)
 *
 * Window function: every row of the partition is one part, the control is
 * the same on every row (the whole's area); each row gets its balanced part.
 * Computed once per partition and kept in partition-local memory.
 */
typedef struct BalanceWindow
{
	bool		done;
	bool		null_control;
	int32		digits;
	int64	   *balanced;
} BalanceWindow;

Datum
jtsyq_balanced_area(PG_FUNCTION_ARGS)
{
	const char *fn = "jtsyq.balanced_area";
	WindowObject winobj = PG_WINDOW_OBJECT();
	BalanceWindow *bw;
	int64		pos;

	bw = (BalanceWindow *) WinGetPartitionLocalMemory(winobj, sizeof(BalanceWindow));
	if (!bw->done)
	{
		MemoryContext partcxt = GetMemoryChunkContext(bw);
		int64		n = WinGetPartitionRowCount(winobj);
		int64	   *parts;
		int64	   *rank;
		KeyRef	   *keys;
		Datum		control_d = (Datum) 0;
		bool		isnull;
		bool		isout;
		int64		control;
		int64		i;

		bw->digits = 2;
		for (i = 0; PG_NARGS() > 3 && i < n; i++)
		{
			Datum		d = WinGetFuncArgInPartition(winobj, 3, i, WINDOW_SEEK_HEAD,
													 false, &isnull, &isout);

			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: digits must not be NULL", fn)));
			if (i > 0 && DatumGetInt32(d) != bw->digits)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: digits differ between rows of one partition", fn)));
			bw->digits = DatumGetInt32(d);
		}
		check_digits(bw->digits, fn);

		parts = palloc(sizeof(int64) * Max(n, 1));
		keys = palloc(sizeof(KeyRef) * Max(n, 1));
		bw->balanced = MemoryContextAlloc(partcxt, sizeof(int64) * Max(n, 1));

		for (i = 0; i < n; i++)
		{
			Datum		part_d;
			Datum		ctl_d;
			Datum		key_d;

			CHECK_FOR_INTERRUPTS();
			part_d = WinGetFuncArgInPartition(winobj, 0, i, WINDOW_SEEK_HEAD,
											  false, &isnull, &isout);
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: a part is NULL", fn),
						 errhint("Give every part an area (0 for none), or filter the rows.")));
			parts[i] = steps_from_numeric(part_d, bw->digits, fn, "a part");

			ctl_d = WinGetFuncArgInPartition(winobj, 1, i, WINDOW_SEEK_HEAD,
											 false, &isnull, &isout);
			if (i == 0)
			{
				bw->null_control = isnull;
				if (!isnull)
					control_d = datumCopy(ctl_d, false, -1);
			}
			else if (isnull != bw->null_control ||
					 (!isnull && DatumGetInt32(DirectFunctionCall2(numeric_cmp, ctl_d, control_d)) != 0))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: the control differs between rows of one partition", fn),
						 errhint("Partition the window by the whole whose area is the control.")));

			key_d = WinGetFuncArgInPartition(winobj, 2, i, WINDOW_SEEK_HEAD,
											 false, &isnull, &isout);
			keys[i].index = i;
			keys[i].len = -1;
			keys[i].data = NULL;
			if (!isnull)
			{
				/* copied: the datum lives in a slot the next fetch reuses */
				text	   *t = DatumGetTextPP(key_d);
				int			len = VARSIZE_ANY_EXHDR(t);
				char	   *copy = palloc(Max(len, 1));

				memcpy(copy, VARDATA_ANY(t), len);
				keys[i].data = copy;
				keys[i].len = len;
			}
		}
		if (!bw->null_control)
		{
			int64	   *weights = NULL;

			control = steps_from_numeric(control_d, bw->digits, fn, "the control");
			rank = ranks_from_keys(keys, n);
			if (needs_sliver_weights(control, parts, n))
			{
				/* rare: fetch the parts again, unrounded */
				weights = palloc(sizeof(int64) * Max(n, 1));
				for (i = 0; i < n; i++)
				{
					Datum		part_d = WinGetFuncArgInPartition(winobj, 0, i,
																  WINDOW_SEEK_HEAD,
																  false, &isnull,
																  &isout);

					weights[i] = sliver_weight(part_d, bw->digits);
				}
			}
			balance_or_raise(control, parts, weights, rank, n, bw->balanced, fn);
			pfree(rank);
			if (weights)
				pfree(weights);
		}
		pfree(parts);
		pfree(keys);
		bw->done = true;
	}

	if (bw->null_control)
		PG_RETURN_NULL();
	pos = WinGetCurrentPosition(winobj);
	PG_RETURN_DATUM(numeric_from_steps(bw->balanced[pos], bw->digits));
}
