#!/bin/sh
# bench_area.sh — jtsyq.ellipsoid_area() against PostGIS geography area, in
# the same run on the same data (issue 3): N parcels (default 100000) of 30
# vertices with ~200 m edges; PostGIS on the raw polygons and on the same
# polygons densified to 70 m (ST_Segmentize), the survey area on the raw
# ones (it densifies internally).  Prints times, ns per point and ratios.
#
#   test/bench/bench_area.sh [N]
#
# Installs the extension and runs a throwaway cluster (pg_virtualenv) while
# holding the shared install lock, like `make test`.
set -eu
cd "$(dirname "$0")/../.."
N=${1:-100000}
. test/scripts/install-locked.sh
pg_virtualenv -v 15 psql -X -v ON_ERROR_STOP=1 -v n="$N" -f test/bench/bench_area.sql
