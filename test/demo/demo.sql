-- jtsyq demo: what the extension computes for a small sample county.
-- Run with `make demo` (see README.md); each section grows as capabilities land.
\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION jtsyq CASCADE;
RESET client_min_messages;

\echo
\echo '== jtsyq and the libraries it runs on'
SELECT jtsyq.version();

\echo
\echo '== The coordinate systems of the survey: CGCS2000 Gauss-Kruger zones (what PROJ reads from spatial_ref_sys)'
SELECT s AS srid, crs_name, central_meridian AS cm, zone, zone_width AS width, zone_prefix AS prefix
  FROM unnest(ARRAY[4523, 4544, 4496, 4507]) s, LATERAL jtsyq.srid_info(s);
