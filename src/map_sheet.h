/*-------------------------------------------------------------------------
 *
 * map_sheet.h
 *	  Sheet numbers of the national basic-scale topographic maps
 *	  (GB/T 13989-2012 《国家基本比例尺地形图分幅和编号》) and their
 *	  theoretical areas (图幅理论面积, eq. 1 of 国土调查办发〔2008〕32号).
 *
 * A 1:1 000 000 sheet spans 4 degrees of latitude (rows A, B, ... from the
 * equator) and 6 of longitude (columns 1-60 from 180 W): "J50".  Larger
 * scales cut it into rows counted from its north edge and columns from its
 * west edge, both from 1: "J50G001001" (1:10 000), three-digit row and
 * column numbers down to 1:2 000, four digits at 1:1 000 and 1:500
 * ("J50K00010001").
 *
 * Points exactly on a sheet line: the standard's formulas (row = 4 deg /
 * dLat - [(lat mod 4 deg) / dLat], column = [(lon mod 6 deg) / dLon] + 1,
 * [] the integer part) put a point on a parallel into the sheet north of it
 * and a point on a meridian into the sheet east of it: a sheet owns its
 * south and west edges and its south-west corner.  Coordinates within
 * 1e-6 of 1/8 arc-second (4 micrometres) of a sheet line count as on it,
 * so that 39 + 50/60 degrees, which no double holds exactly, is on the
 * 39 deg 50' parallel.
 *
 * Supported: 0 <= latitude < 60 N (rows A-O; beyond 60 degrees the
 * 1:1 000 000 sheets are 12 degrees wide), -180 <= longitude < 180.
 *
 * No PostgreSQL headers: unit-tested in test/unit/test_map_sheet.c, the
 * parser fuzzed in test/fuzz/fuzz_sheet_number.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JTSYQ_MAP_SHEET_H
#define JTSYQ_MAP_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "geom.h"

/* Room for the longest number ("J50K00010001") and a NUL. */
#define JT_SHEET_NUMBER_LEN 16

typedef struct JtSheetScale
{
	int			denominator;	/* 1000000 ... 500 */
	char		letter;			/* B ... K; 0 for 1:1 000 000 */
	int			dlat;			/* sheet height in 1/8 arc-seconds */
	int			dlon;			/* sheet width in 1/8 arc-seconds */
	int			digits;			/* of the row and column numbers */
} JtSheetScale;

typedef struct JtSheet
{
	const JtSheetScale *scale;
	int			row1m;			/* 1 = A ... 15 = O */
	int			col1m;			/* 1 ... 60 */
	int			row;			/* within the 1:1 000 000 sheet, from 1 */
	int			col;
} JtSheet;

typedef enum JtSheetStatus
{
	JT_SHEET_OK = 0,
	JT_SHEET_BAD_SCALE,			/* not a scale of the standard */
	JT_SHEET_OUT_OF_RANGE,		/* latitude/longitude not supported */
	JT_SHEET_MALFORMED			/* a sheet number that does not parse */
} JtSheetStatus;

/* The scale with this denominator, or NULL. */
extern const JtSheetScale *jt_sheet_scale(int denominator);

/* The sheet containing (lon, lat) (degrees), by the edge rule above. */
extern JtSheetStatus jt_sheet_of_point(double lon, double lat, int denominator,
									   JtSheet *sheet);

/* Its number, into a buffer of JT_SHEET_NUMBER_LEN bytes. */
extern void jt_sheet_format(const JtSheet *sheet, char *buf);

/*
 * Parse a sheet number (len bytes, no NUL needed; upper- or lower-case
 * letters).  Checks every part: row letter A-O, column 1-60, scale letter,
 * digit counts, row and column within the 1:1 000 000 sheet.
 */
extern JtSheetStatus jt_sheet_parse(const char *text, size_t len, JtSheet *sheet);

/* Bounds of a sheet in degrees. */
extern void jt_sheet_bounds(const JtSheet *sheet, double *west, double *south,
							double *east, double *north);

/* Theoretical area (m^2, unrounded) of a sheet: eq. 1 of the 2008 notice. */
extern double jt_sheet_area(const JtSheet *sheet);

/*
 * Every sheet whose interior the polygonal geometry `geo` (longitude,
 * latitude in degrees) reaches by more than tol_m metres: callback(sheet,
 * arg) once per sheet, west to east within north-to-south rows.  Sheets are
 * found by clipping each ring against each candidate sheet shrunk by the
 * tolerance.  Scratch memory comes from the allocator; check_interrupts
 * may be NULL.  Returns JT_SHEET_OUT_OF_RANGE when the geometry leaves the
 * supported range.
 */
extern JtSheetStatus jt_sheets_of_polygon(const JtGeom *geo, int denominator,
										  double tol_m,
										  void (*callback) (const JtSheet *sheet, void *arg),
										  void *arg,
										  const JtAllocator *allocator,
										  void (*check_interrupts) (void));

#endif							/* JTSYQ_MAP_SHEET_H */
