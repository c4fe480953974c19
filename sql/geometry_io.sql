--
-- Geometry I/O: jtsyq reads PostGIS's serialized form itself and writes it
-- back (src/gserialized.c).  The oracle is PostGIS: for every geometry the
-- bytes jtsyq writes must equal the bytes PostGIS stored, bounding box and
-- padding included, so results compare, hash and index like PostGIS's own.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;

CREATE TEMP TABLE io (id serial, label text, g geometry);
INSERT INTO io (label, g) VALUES
  ('point',                 'POINT(1 2)'),
  ('point srid',            'SRID=4523;POINT(35500000.1234 3300000.5678)'),
  ('point empty',           'POINT EMPTY'),
  ('point z',               'POINT Z(1 2 3)'),
  ('point m',               'POINT M(1 2 3)'),
  ('point zm',              'POINT ZM(1 2 3 4)'),
  ('line 2 points',         'LINESTRING(1 2,3 4)'),
  ('line 3 points',         'LINESTRING(1 2,3 4,5 6)'),
  ('line empty',            'LINESTRING EMPTY'),
  ('polygon',               'SRID=4490;POLYGON((105 35,106 35,106 36,105 35))'),
  ('polygon 2 rings',       'POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 1))'),
  ('polygon 3 rings',       'POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 1),(5 5,6 5,6 6,5 5))'),
  ('polygon empty',         'POLYGON EMPTY'),
  ('polygon zm',            'POLYGON ZM((0 0 1 2,1 0 1 2,1 1 1 2,0 0 1 2))'),
  ('multipoint 1',          'MULTIPOINT(1 2)'),
  ('multipoint 2',          'MULTIPOINT(1 2,3 4)'),
  ('multipoint with empty', 'MULTIPOINT(EMPTY,1 2)'),
  ('multiline 1x2',         'MULTILINESTRING((1 2,3 4))'),
  ('multiline 1x3',         'MULTILINESTRING((1 2,3 4,5 6))'),
  ('multiline 2',           'MULTILINESTRING((1 2,3 4),(5 6,7 8))'),
  ('multipolygon',          'SRID=4523;MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2),(2.1 2.05,2.2 2.05,2.2 2.1,2.1 2.05)))'),
  ('multipolygon empty',    'MULTIPOLYGON EMPTY'),
  ('collection',            'GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1,2 2),POLYGON((0 0,1 0,1 1,0 0)))'),
  ('nested collection',     'GEOMETRYCOLLECTION(POINT(1 2),GEOMETRYCOLLECTION(LINESTRING(0 0,1 1,2 2),GEOMETRYCOLLECTION EMPTY))'),
  ('collection empty',      'GEOMETRYCOLLECTION EMPTY'),
  ('huge coordinates',      'LINESTRING(1e300 -1e300,3.4e38 -3.5e38,1 1)'),
  ('largest srid',          'SRID=999999;POINT(0 0)');

-- every row round-trips to the identical bytes
SELECT label, jtsyq._geom_raw(jtsyq._geom_roundtrip(g)) = jtsyq._geom_raw(g) AS identical
  FROM io ORDER BY id;

-- random parcels of 3..2000 vertices with holes, and multipolygons: stored in
-- a table (short or TOASTed, compressed varlenas), read back through jtsyq
CREATE TEMP TABLE parcels AS
SELECT i, ST_SetSRID(ST_Buffer(ST_MakePoint(35500000 + i * 100, 3300000), 10 + i % 7, (i * 37) % 500 + 1), 4523) AS g
  FROM generate_series(1, 200) i;
INSERT INTO parcels
SELECT 1000 + i, ST_Multi(ST_Union(g, ST_Translate(g, 500, 0))) FROM parcels WHERE i <= 20;
INSERT INTO parcels
SELECT 2000 + i, ST_Difference(g, ST_Buffer(ST_Centroid(g), 3)) FROM parcels WHERE i <= 20;
SELECT count(*) AS parcels,
       count(*) FILTER (WHERE jtsyq._geom_raw(jtsyq._geom_roundtrip(g)) = jtsyq._geom_raw(g)) AS identical,
       count(*) FILTER (WHERE ST_Equals(jtsyq._geom_roundtrip(g), g)) AS equal,
       max(ST_NPoints(g)) AS max_vertices,
       count(*) FILTER (WHERE pg_column_size(g) < octet_length(jtsyq._geom_raw(g))) AS compressed
  FROM parcels;

-- a 500 000-vertex polygon, stored out of line (TOAST)
CREATE TEMP TABLE large AS SELECT ST_Buffer('POINT(0 0)'::geometry, 1000, 125000) AS g;
SELECT ST_NPoints(g), jtsyq._geom_raw(jtsyq._geom_roundtrip(g)) = jtsyq._geom_raw(g) AS identical FROM large;

-- hashing and equality treat jtsyq's output as PostGIS's own
SELECT count(DISTINCT g) AS distinct_in, count(DISTINCT jtsyq._geom_roundtrip(g)) AS distinct_out
  FROM (SELECT g FROM io UNION ALL SELECT g FROM io) s;

-- what cannot be read: clear errors
\set VERBOSITY default
SELECT jtsyq._geom_roundtrip('CIRCULARSTRING(0 0,1 1,2 0)');
SELECT jtsyq._geom_roundtrip('TIN(((0 0 0,0 0 1,0 1 0,0 0 0)))');
SELECT jtsyq._geom_roundtrip('TRIANGLE((0 0,0 9,9 0,0 0))');
SELECT jtsyq._geom_roundtrip(NULL) IS NULL AS null_in_null_out;
