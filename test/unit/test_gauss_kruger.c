/*
 * test_gauss_kruger.c — the survey's Gauss-Kruger series and zone facts
 * (src/gauss_kruger.c).
 *
 * Agreement with PROJ's exact transverse Mercator is tested in SQL
 * (sql/ellipsoid_area.sql, through ST_Transform).  Here: the properties any
 * correct pair of series has (the central meridian maps to itself, symmetry
 * about it, forward and inverse undo each other to well below a millimetre
 * over the whole range), the EPSG codes (checked against spatial_ref_sys:
 * 4528 = "CGCS2000 / 3-degree Gauss-Kruger zone 40", 4549 = "... CM 120E",
 * 4498 = "CGCS2000 / Gauss-Kruger zone 20", 4509 = "... CM 117E"), and the
 * whole-geometry conversions.
 */
#include "gauss_kruger.h"
#include "unit.h"

int
main(void)
{
	static UnitArena arena;
	JtAllocator alloc = {unit_arena_alloc, &arena};
	double		B,
				dL,
				x,
				y;
	double		worst_x = 0,
				worst_y = 0;
	int			i;

	/* on the central meridian: dL = 0 exactly, and x is the meridian arc */
	jt_gk_inverse(3320000.0, 0.0, JT_GK_EP2, &B, &dL);
	CHECK(dL == 0.0);
	jt_gk_forward(B, 0.0, &x, &y);
	CHECK(y == 0.0);
	CHECK_NEAR(x, 3320000.0, 1e-3);
	/* the equator */
	jt_gk_forward(0.0, 0.01, &x, &y);
	CHECK(x == 0.0);
	/* the meridian arc to 30 degrees: PROJ gives 3320113.3978 m (ST_Transform of POINT(120 30) from 4490 to 4549) */
	jt_gk_forward(30.0 * M_PI / 180.0, 0.0, &x, &y);
	CHECK_NEAR(x, 3320113.398, 0.001);

	/* symmetry about the central meridian */
	jt_gk_inverse(4000000.0, 123456.789, JT_GK_EP2, &B, &dL);
	{
		double		B2,
					dL2;

		jt_gk_inverse(4000000.0, -123456.789, JT_GK_EP2, &B2, &dL2);
		CHECK(B == B2);
		CHECK(dL == -dL2);
	}

	/*
	 * Round trips up to 60 degrees north.  The two truncated series undo
	 * each other to 0.2 mm within 150 km of the central meridian (a 3-degree
	 * zone's half width is 145-157 km in China); the inverse's u^6
	 * truncation shows further out: measured 5.7 mm at 250 km and 6.0 cm at
	 * 350 km (6.3 degrees of longitude at 60 N).  The x offset of 0.14 mm is
	 * the survey's k0, which is 1.1e-4 m/rad off the meridian arc.
	 */
	{
		const double bands[3] = {150000.0, 250000.0, JT_GK_MAX_OFFSET};
		const double limits[3] = {2e-4, 7e-3, 7e-2};
		int			b;

		for (b = 0; b < 3; b++)
		{
			worst_x = worst_y = 0;
			for (i = 0; i < 100000; i++)
			{
				double		x0 = unit_rand() * 6650000.0;
				double		y0 = (unit_rand() - 0.5) * 2 * bands[b];

				jt_gk_inverse(x0, y0, JT_GK_EP2, &B, &dL);
				jt_gk_forward(B, dL, &x, &y);
				if (fabs(x - x0) > worst_x)
					worst_x = fabs(x - x0);
				if (fabs(y - y0) > worst_y)
					worst_y = fabs(y - y0);
			}
			fprintf(stderr, "round trip within %.0f km: worst |dx| %.2e m, |dy| %.2e m\n",
					bands[b] / 1000, worst_x, worst_y);
			CHECK(worst_x < limits[b]);
			CHECK(worst_y < limits[b]);
		}
	}

	/* plausibility */
	CHECK(jt_gk_plausible(3320000, 0));
	CHECK(jt_gk_plausible(3320000, -350000));
	CHECK(!jt_gk_plausible(3320000, 350000.001));
	CHECK(!jt_gk_plausible(9400000.5, 0));
	CHECK(!jt_gk_plausible(3320000, 39500000));	/* a zone prefix left in */

	/* zones */
	CHECK_EQ_INT(jt_gk_zone_width(40), 3);
	CHECK_EQ_INT(jt_gk_zone_width(20), 6);
	CHECK_EQ_INT(jt_gk_zone_width(24), 0);
	CHECK_EQ_INT(jt_gk_zone_width(46), 0);
	CHECK(jt_gk_zone_cm(40) == 120.0);
	CHECK(jt_gk_zone_cm(20) == 117.0);
	CHECK(isnan(jt_gk_zone_cm(12)));
	CHECK_EQ_INT(jt_gk_zone_srid(40, true), 4528);
	CHECK_EQ_INT(jt_gk_zone_srid(40, false), 4549);
	CHECK_EQ_INT(jt_gk_zone_srid(25, true), 4513);
	CHECK_EQ_INT(jt_gk_zone_srid(45, false), 4554);
	CHECK_EQ_INT(jt_gk_zone_srid(20, true), 4498);
	CHECK_EQ_INT(jt_gk_zone_srid(20, false), 4509);
	CHECK_EQ_INT(jt_gk_zone_srid(13, true), 4491);
	CHECK_EQ_INT(jt_gk_zone_srid(23, false), 4512);
	CHECK_EQ_INT(jt_gk_zone_srid(24, false), 0);
	CHECK_EQ_INT(jt_gk_zone_of_cm(120, 3), 40);
	CHECK_EQ_INT(jt_gk_zone_of_cm(117, 6), 20);
	CHECK_EQ_INT(jt_gk_zone_of_cm(118.5, 3), 0);
	CHECK_EQ_INT(jt_gk_zone_of_cm(NAN, 3), 0);
	CHECK_EQ_INT(jt_gk_zone_of_cm(1e300, 6), 0);

	/* whole geometries: a polygon through both directions, Z kept */
	{
		double		ring[] = {
			40500000, 3320000, 7, 40500000, 3321000, 8, 40501000, 3321000, 9,
			40501000, 3320000, 10, 40500000, 3320000, 7
		};
		JtPointArray pa = {5, ring};
		JtGeom		g = {0},
					geo,
					back,
					dense;
		JtGkZone	z = {120.0, 40500000.0};
		double		bx,
					by;
		uint32_t	k;

		g.type = JT_POLYGON;
		g.ndims = 3;
		g.has_z = true;
		g.nrings = 1;
		g.rings = &pa;
		CHECK_EQ_INT(jt_gk_geom_inverse(&g, &z, 0, &alloc, &geo, &bx, &by), JT_GK_OK);
		CHECK_EQ_INT(geo.rings[0].npoints, 5);
		CHECK(geo.rings[0].coords[0] == 120.0);	/* on the CM */
		CHECK(geo.rings[0].coords[2] == 7.0);	/* Z kept */
		CHECK(geo.rings[0].coords[3 * 2] > 120.0);	/* east of it */
		CHECK_EQ_INT(jt_gk_geom_forward(&geo, &z, &alloc, &back, &bx, &by), JT_GK_OK);
		for (k = 0; k < 15; k++)
			CHECK_NEAR(back.rings[0].coords[k], ring[k], 5e-4);
		/* densified: 1000 m edges at 50 m -> 20 pieces each */
		CHECK_EQ_INT(jt_gk_geom_inverse(&g, &z, 50, &alloc, &dense, &bx, &by), JT_GK_OK);
		CHECK_EQ_INT(dense.rings[0].npoints, 81);
		CHECK(dense.rings[0].coords[80 * 3] == geo.rings[0].coords[4 * 3]);
		/* a wrong prefix is out of range */
		z.false_easting = 39500000.0;
		CHECK_EQ_INT(jt_gk_geom_inverse(&g, &z, 0, &alloc, &geo, &bx, &by), JT_GK_OUT_OF_RANGE);
		CHECK(bx == 40500000 && by == 3320000);
		/* forward: more than 7 degrees from the CM is refused */
		{
			double		pt[] = {127.5, 30.0};
			JtPointArray pp = {1, pt};
			JtGeom		p = {0};

			p.type = JT_POINT;
			p.ndims = 2;
			p.nrings = 1;
			p.rings = &pp;
			z.false_easting = 500000;
			CHECK_EQ_INT(jt_gk_geom_forward(&p, &z, &alloc, &back, &bx, &by), JT_GK_OUT_OF_RANGE);
			CHECK(bx == 127.5 && by == 30.0);
			pt[0] = 121.0;
			CHECK_EQ_INT(jt_gk_geom_forward(&p, &z, &alloc, &back, &bx, &by), JT_GK_OK);
			pt[1] = 85.0;
			CHECK_EQ_INT(jt_gk_geom_forward(&p, &z, &alloc, &back, &bx, &by), JT_GK_OUT_OF_RANGE);
		}
	}
	unit_arena_free(&arena);
	UNIT_DONE();
}
