/*
 * balance.h — 面积调平 (forced area balancing), pure C.
 *
 * The survey's area tables are printed with fixed decimals (m² to 0.01,
 * 公顷 to 0.0001) and must add up: the parts of every whole, rounded, are
 * adjusted in single steps of the last decimal so that they sum exactly to
 * the rounded whole (DB64/T 2020-2024 §10: 整体 = Σ部分, 层层控制).
 *
 * Everything here works on integer step counts (an area of 12.34 m² balanced
 * to 0.01 is 1234 steps); the SQL wrappers (balance_pg.c) do the rounding.
 *
 * The scheme (quotient/remainder, remainder to the largest parts):
 *   D      = control − Σ parts                      (steps to distribute)
 *   fair_i = D · parts_i / Σ parts                   (proportional share)
 *   q_i    = fair_i truncated toward zero            (the quotient)
 *   R      = D − Σ q_i                               (the remainder, |R| < n)
 *   the |R| largest parts get one more step each, in the direction of D.
 * When every part is 0 steps but the control is not (slivers: every part
 * rounds to zero, the whole rounds to one step or more), the caller weighs
 * by the unrounded parts instead, in finer steps (jt_balance_zero_parts):
 * the same scheme with parts_i = 0 and the shares D · w_i / Σ w.
 * Order for the remainder: larger part first; equal parts by ascending tie
 * rank (the caller's key order, or input position).
 *
 * Guarantees (proved by test/unit/test_balance.c, exhaustively and on random
 * input): Σ out = control exactly; |out_i − parts_i − fair_i| <= 1 step for
 * every part (no part moves more than one step beyond its fair share); a
 * zero part stays zero; no output is negative; the result depends only on
 * (control, parts, ranks), never on the input order when the ranks are
 * distinct.
 */
#ifndef JTSYQ_BALANCE_H
#define JTSYQ_BALANCE_H

#include <stddef.h>
#include <stdint.h>

typedef enum JtBalanceStatus
{
	JT_BALANCE_OK = 0,
	JT_BALANCE_NEGATIVE,		/* a part or the control is negative */
	JT_BALANCE_NO_WEIGHT,		/* control ≠ Σ parts but every part is 0 */
	JT_BALANCE_OVERFLOW			/* Σ parts or a result exceeds int64 */
} JtBalanceStatus;

/* Scratch space: the caller provides n of these. */
typedef struct JtBalanceItem
{
	int64_t		size;			/* the part, in steps */
	int64_t		rank;			/* tie rank: smaller first */
	size_t		index;			/* position in the input */
} JtBalanceItem;

/*
 * Balance n parts (in steps, each >= 0) to control (>= 0).  rank may be NULL
 * (input position breaks ties) or give a tie rank per part.  out[i] receives
 * the balanced part; scratch must hold n items.  On any status but OK, out
 * is left unspecified.  n = 0 is OK when control is 0 and NO_WEIGHT
 * otherwise.
 */
extern JtBalanceStatus jt_balance(int64_t control, const int64_t *parts,
								  const int64_t *rank, size_t n,
								  int64_t *out, JtBalanceItem *scratch);

/* A short English description of a status, for error messages. */
/*
 * Distribute control over n parts that are all 0 steps, in proportion to
 * weights (each >= 0; e.g. the unrounded parts in a finer unit), the
 * remainder to the largest weights, ties by rank as in jt_balance.  A zero
 * weight stays zero; NO_WEIGHT when control > 0 and every weight is 0.
 */
extern JtBalanceStatus jt_balance_zero_parts(int64_t control,
											 const int64_t *weights,
											 const int64_t *rank, size_t n,
											 int64_t *out,
											 JtBalanceItem *scratch);

extern const char *jt_balance_status_text(JtBalanceStatus st);

#endif							/* JTSYQ_BALANCE_H */
