/*-------------------------------------------------------------------------
 *
 * map_sheet.c
 *	  GB/T 13989-2012 sheet numbers and theoretical sheet areas (see
 *	  map_sheet.h).  No PostgreSQL headers.
 *
 * Internally every angle is counted in units of 1/8 arc-second, in which all
 * sheet sizes from 1:1 000 000 (14400" x 21600") down to 1:500 (6.25" x
 * 9.375") are whole numbers.
 *
 *-------------------------------------------------------------------------
 */
#include "map_sheet.h"

#include <math.h>
#include <stdio.h>

#include "ellipsoid_area.h"
#include "gauss_kruger.h"

#define UNITS_PER_DEGREE 28800.0	/* 1/8 arc-seconds */
#define U_LAT_1M 115200			/* 4 degrees */
#define U_LON_1M 172800			/* 6 degrees */
#define MAX_ROW1M 15			/* O: 56-60 degrees north */
#define SNAP 1e-6				/* units: on a sheet line within 4 micrometres */
#define MIN_AREA_DEG2 1e-15		/* about 1e-5 m^2: a clipped piece is real */
#define METRES_PER_DEGREE_LAT 110574.0	/* the shortest, at the equator */
#define METRES_PER_DEGREE_LON 111320.0	/* at the equator, times cos(lat) */

static const JtSheetScale scales[] = {
	/* GB/T 13989-2012 table 1: sheet sizes; units of 1/8" */
	{1000000, 0, U_LAT_1M, U_LON_1M, 0},	/* 4 deg x 6 deg */
	{500000, 'B', 57600, 86400, 3},	/* 2 deg x 3 deg */
	{250000, 'C', 28800, 43200, 3},	/* 1 deg x 1 deg 30' */
	{100000, 'D', 9600, 14400, 3},	/* 20' x 30' */
	{50000, 'E', 4800, 7200, 3},	/* 10' x 15' */
	{25000, 'F', 2400, 3600, 3},	/* 5' x 7'30" */
	{10000, 'G', 1200, 1800, 3},	/* 2'30" x 3'45" */
	{5000, 'H', 600, 900, 3},	/* 1'15" x 1'52.5" */
	{2000, 'I', 200, 300, 3},	/* 25" x 37.5" */
	{1000, 'J', 100, 150, 4},	/* 12.5" x 18.75" */
	{500, 'K', 50, 75, 4}		/* 6.25" x 9.375" */
};

#define NSCALES (sizeof(scales) / sizeof(scales[0]))

const JtSheetScale *
jt_sheet_scale(int denominator)
{
	size_t		i;

	for (i = 0; i < NSCALES; i++)
		if (scales[i].denominator == denominator)
			return &scales[i];
	return NULL;
}

/* degrees -> units, snapped onto a whole unit when within SNAP of it */
static double
to_units(double degrees)
{
	double		u = degrees * UNITS_PER_DEGREE;
	double		r = rint(u);

	return fabs(u - r) <= SNAP ? r : u;
}

/* floor(u / d) for u >= 0 (u whole, or at least SNAP away from whole) */
static long
cell_of(double u, int d)
{
	return (long) floor(u / d);
}

static bool
in_range(double lat_u, double lon_u)
{
	return lat_u >= 0 && lat_u < (double) MAX_ROW1M * U_LAT_1M &&
		lon_u >= 0 && lon_u < 360 * UNITS_PER_DEGREE;
}

static void
sheet_from_cells(const JtSheetScale *sc, long lat_cell, long lon_cell, JtSheet *sheet)
{
	long		rows_per = U_LAT_1M / sc->dlat;
	long		cols_per = U_LON_1M / sc->dlon;

	sheet->scale = sc;
	sheet->row1m = (int) (lat_cell / rows_per) + 1;
	sheet->col1m = (int) (lon_cell / cols_per) + 1;
	if (sc->letter == 0)
		sheet->row = sheet->col = 0;
	else
	{
		sheet->row = (int) (rows_per - lat_cell % rows_per);
		sheet->col = (int) (lon_cell % cols_per) + 1;
	}
}

JtSheetStatus
jt_sheet_of_point(double lon, double lat, int denominator, JtSheet *sheet)
{
	const JtSheetScale *sc = jt_sheet_scale(denominator);
	double		lat_u,
				lon_u;

	if (sc == NULL)
		return JT_SHEET_BAD_SCALE;
	if (!isfinite(lon) || !isfinite(lat))
		return JT_SHEET_OUT_OF_RANGE;
	lat_u = to_units(lat);
	lon_u = to_units(lon + 180.0);
	if (!in_range(lat_u, lon_u))
		return JT_SHEET_OUT_OF_RANGE;
	sheet_from_cells(sc, cell_of(lat_u, sc->dlat), cell_of(lon_u, sc->dlon), sheet);
	return JT_SHEET_OK;
}

void
jt_sheet_format(const JtSheet *sheet, char *buf)
{
	const JtSheetScale *sc = sheet->scale;

	if (sc->letter == 0)
		snprintf(buf, JT_SHEET_NUMBER_LEN, "%c%02d", 'A' + sheet->row1m - 1, sheet->col1m);
	else
		snprintf(buf, JT_SHEET_NUMBER_LEN, "%c%02d%c%0*d%0*d",
				 'A' + sheet->row1m - 1, sheet->col1m, sc->letter,
				 sc->digits, sheet->row, sc->digits, sheet->col);
}

static int
upper(char c)
{
	return (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
}

/* n decimal digits at s, or -1 */
static int
parse_digits(const char *s, int n)
{
	int			v = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

JtSheetStatus
jt_sheet_parse(const char *text, size_t len, JtSheet *sheet)
{
	const JtSheetScale *sc = NULL;
	int			letter,
				col1m;
	size_t		i;

	if (len != 3 && len != 10 && len != 12)
		return JT_SHEET_MALFORMED;
	letter = upper(text[0]);
	if (letter < 'A' || letter >= 'A' + MAX_ROW1M)
		return JT_SHEET_MALFORMED;
	col1m = parse_digits(text + 1, 2);
	if (col1m < 1 || col1m > 60)
		return JT_SHEET_MALFORMED;
	if (len == 3)
		sc = &scales[0];
	else
	{
		int			s = upper(text[3]);
		long		rows_per,
					cols_per;

		for (i = 1; i < NSCALES; i++)
			if (scales[i].letter == s)
				sc = &scales[i];
		if (sc == NULL || len != (size_t) (4 + 2 * sc->digits))
			return JT_SHEET_MALFORMED;
		sheet->row = parse_digits(text + 4, sc->digits);
		sheet->col = parse_digits(text + 4 + sc->digits, sc->digits);
		rows_per = U_LAT_1M / sc->dlat;
		cols_per = U_LON_1M / sc->dlon;
		if (sheet->row < 1 || sheet->row > rows_per ||
			sheet->col < 1 || sheet->col > cols_per)
			return JT_SHEET_MALFORMED;
	}
	sheet->scale = sc;
	sheet->row1m = letter - 'A' + 1;
	sheet->col1m = col1m;
	if (sc->letter == 0)
		sheet->row = sheet->col = 0;
	return JT_SHEET_OK;
}

/* south and west edges in units (lon from 180 W) */
static void
sheet_origin(const JtSheet *sheet, long *south_u, long *west_u)
{
	const JtSheetScale *sc = sheet->scale;

	*south_u = (long) (sheet->row1m - 1) * U_LAT_1M;
	*west_u = (long) (sheet->col1m - 1) * U_LON_1M;
	if (sc->letter != 0)
	{
		*south_u += (U_LAT_1M / sc->dlat - sheet->row) * (long) sc->dlat;
		*west_u += (long) (sheet->col - 1) * sc->dlon;
	}
}

void
jt_sheet_bounds(const JtSheet *sheet, double *west, double *south,
				double *east, double *north)
{
	long		south_u,
				west_u;

	sheet_origin(sheet, &south_u, &west_u);
	*south = south_u / UNITS_PER_DEGREE;
	*north = (south_u + sheet->scale->dlat) / UNITS_PER_DEGREE;
	*west = west_u / UNITS_PER_DEGREE - 180.0;
	*east = (west_u + sheet->scale->dlon) / UNITS_PER_DEGREE - 180.0;
}

double
jt_sheet_area(const JtSheet *sheet)
{
	long		south_u,
				west_u;

	/* units / 8 = arc-seconds, / rho = radians, as the survey converts */
	sheet_origin(sheet, &south_u, &west_u);
	return jt_trapezoid_area(south_u / 8.0 / JT_GK_RHO,
							 (south_u + sheet->scale->dlat) / 8.0 / JT_GK_RHO,
							 sheet->scale->dlon / 8.0 / JT_GK_RHO, false);
}

/* ---------------------------------------------------------------------
 * Sheets a polygon reaches into
 * ---------------------------------------------------------------------
 */

typedef struct Clip
{
	double	   *a;
	double	   *b;				/* two buffers of 2 * cap doubles */
	size_t		cap;
} Clip;

/*
 * Clip a ring (n points, not repeating the first) against one half-plane:
 * coordinate `axis` (0 lon, 1 lat) >= bound (keep_above) or <= bound.
 */
static size_t
clip_half(const double *in, size_t n, double *out, int axis, double bound, bool keep_above)
{
	size_t		m = 0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		const double *p = in + 2 * i;
		const double *q = in + 2 * ((i + 1) % n);
		bool		pin = keep_above ? p[axis] >= bound : p[axis] <= bound;
		bool		qin = keep_above ? q[axis] >= bound : q[axis] <= bound;

		if (pin)
		{
			out[2 * m] = p[0];
			out[2 * m + 1] = p[1];
			m++;
		}
		if (pin != qin)
		{
			double		f = (bound - p[axis]) / (q[axis] - p[axis]);

			out[2 * m + axis] = bound;
			out[2 * m + 1 - axis] = p[1 - axis] + f * (q[1 - axis] - p[1 - axis]);
			m++;
		}
	}
	return m;
}

/* |area| (deg^2) of a ring clipped to [w, e] x [s, n] */
static double
clipped_area(const JtPointArray *pa, int nd, Clip *clip,
			 double w, double s, double e, double n)
{
	size_t		np = pa->npoints > 0 ? pa->npoints - 1 : 0;	/* drop closing point */
	size_t		m;
	size_t		i;
	double		area = 0;

	if (np < 3)
		return 0;
	for (i = 0; i < np; i++)
	{
		clip->a[2 * i] = pa->coords[i * nd] - w;	/* relative to the corner */
		clip->a[2 * i + 1] = pa->coords[i * nd + 1] - s;
	}
	m = clip_half(clip->a, np, clip->b, 0, 0, true);
	m = clip_half(clip->b, m, clip->a, 0, e - w, false);
	m = clip_half(clip->a, m, clip->b, 1, 0, true);
	m = clip_half(clip->b, m, clip->a, 1, n - s, false);
	for (i = 0; i < m; i++)
	{
		const double *p = clip->a + 2 * i;
		const double *q = clip->a + 2 * ((i + 1) % m);

		area += p[0] * q[1] - q[0] * p[1];
	}
	return fabs(area) / 2;
}

typedef struct RingBox
{
	double		w,
				s,
				e,
				n;
} RingBox;

static void
ring_box(const JtPointArray *pa, int nd, RingBox *box)
{
	uint32_t	i;

	box->w = box->s = INFINITY;
	box->e = box->n = -INFINITY;
	for (i = 0; i < pa->npoints; i++)
	{
		box->w = fmin(box->w, pa->coords[(size_t) i * nd]);
		box->e = fmax(box->e, pa->coords[(size_t) i * nd]);
		box->s = fmin(box->s, pa->coords[(size_t) i * nd + 1]);
		box->n = fmax(box->n, pa->coords[(size_t) i * nd + 1]);
	}
}

/* area of a polygon member inside the rectangle */
static double
polygon_in_cell(const JtGeom *poly, Clip *clip, double w, double s, double e, double n)
{
	double		area = 0;
	uint32_t	r;

	for (r = 0; r < poly->nrings; r++)
	{
		RingBox		box;
		double		a;

		ring_box(&poly->rings[r], poly->ndims, &box);
		if (box.e <= w || box.w >= e || box.n <= s || box.s >= n)
		{
			if (r == 0)
				return 0;		/* shell outside: holes too */
			continue;
		}
		a = clipped_area(&poly->rings[r], poly->ndims, clip, w, s, e, n);
		area += (r == 0) ? a : -a;
	}
	return area;
}

static double
geom_in_cell(const JtGeom *g, Clip *clip, double w, double s, double e, double n)
{
	double		area = 0;
	uint32_t	i;

	if (g->type == JT_POLYGON)
		return polygon_in_cell(g, clip, w, s, e, n);
	for (i = 0; i < g->ngeoms; i++)
		area += geom_in_cell(&g->geoms[i], clip, w, s, e, n);
	return area;
}

static void
geom_extent(const JtGeom *g, RingBox *box, uint32_t *maxring)
{
	uint32_t	i;

	for (i = 0; i < g->nrings; i++)
	{
		RingBox		rb;

		ring_box(&g->rings[i], g->ndims, &rb);
		box->w = fmin(box->w, rb.w);
		box->e = fmax(box->e, rb.e);
		box->s = fmin(box->s, rb.s);
		box->n = fmax(box->n, rb.n);
		if (g->rings[i].npoints > *maxring)
			*maxring = g->rings[i].npoints;
	}
	for (i = 0; i < g->ngeoms; i++)
		geom_extent(&g->geoms[i], box, maxring);
}

JtSheetStatus
jt_sheets_of_polygon(const JtGeom *geo, int denominator, double tol_m,
					 void (*callback) (const JtSheet *sheet, void *arg), void *arg,
					 const JtAllocator *allocator, void (*check_interrupts) (void))
{
	const JtSheetScale *sc = jt_sheet_scale(denominator);
	RingBox		box = {INFINITY, INFINITY, -INFINITY, -INFINITY};
	uint32_t	maxring = 0;
	Clip		clip;
	long		lat0,
				lat1,
				lon0,
				lon1,
				i,
				j;

	if (sc == NULL)
		return JT_SHEET_BAD_SCALE;
	geom_extent(geo, &box, &maxring);
	if (maxring == 0)
		return JT_SHEET_OK;
	if (!isfinite(box.w) || !isfinite(box.e) || !isfinite(box.s) || !isfinite(box.n) ||
		!in_range(to_units(box.s), to_units(box.w + 180.0)) ||
		!in_range(to_units(box.n), to_units(box.e + 180.0)))
		return JT_SHEET_OUT_OF_RANGE;
	/*
	 * A pass keeps the points inside and adds one per crossing edge: at most
	 * 4/3 of its input, so four passes stay below 4 times the ring.
	 */
	clip.cap = 4 * (size_t) maxring + 16;
	clip.a = allocator->alloc(allocator->arg, sizeof(double) * 2 * clip.cap);
	clip.b = allocator->alloc(allocator->arg, sizeof(double) * 2 * clip.cap);

	lat0 = cell_of(to_units(box.s), sc->dlat);
	lat1 = cell_of(to_units(box.n), sc->dlat);
	lon0 = cell_of(to_units(box.w + 180.0), sc->dlon);
	lon1 = cell_of(to_units(box.e + 180.0), sc->dlon);
	for (i = lat1; i >= lat0; i--)
	{
		double		s = (double) i * sc->dlat / UNITS_PER_DEGREE;
		double		n = (double) (i + 1) * sc->dlat / UNITS_PER_DEGREE;
		double		tol_lat = tol_m / METRES_PER_DEGREE_LAT;
		double		tol_lon = tol_m / (METRES_PER_DEGREE_LON * cos((s + n) / 2 * M_PI / 180.0));

		for (j = lon0; j <= lon1; j++)
		{
			double		w = (double) j * sc->dlon / UNITS_PER_DEGREE - 180.0;
			double		e = (double) (j + 1) * sc->dlon / UNITS_PER_DEGREE - 180.0;

			if (check_interrupts)
				check_interrupts();
			if (geom_in_cell(geo, &clip, w + tol_lon, s + tol_lat, e - tol_lon, n - tol_lat) > MIN_AREA_DEG2)
			{
				JtSheet		sheet;

				sheet_from_cells(sc, i, j, &sheet);
				callback(&sheet, arg);
			}
		}
	}
	return JT_SHEET_OK;
}
