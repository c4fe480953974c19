--
-- Topology of line layers (界址线, 地类界线): jtsyq.topology_errors() on
-- LINESTRING layers (src/topo.c jt_line_pair, jt_point_contacts).
--
-- Small networks drawn by hand, each rule with a near miss at the 0.0001 m
-- tolerance; coordinates moved to Gauss-Kruger magnitudes as in
-- sql/topology.sql.  Expected findings are listed in the comments.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS jtsyq CASCADE;
RESET client_min_messages;
-- objects of this test live in their own schema
CREATE SCHEMA topology_lines_t;
SET search_path = topology_lines_t, public;

CREATE FUNCTION t_g(wkt text, srid integer DEFAULT 4523) RETURNS geometry LANGUAGE sql AS
$$ SELECT ST_Translate(ST_GeomFromText(wkt, srid), 35500000, 4000000) $$;
CREATE FUNCTION t_txt(g geometry) RETURNS text LANGUAGE sql AS
$$ SELECT ST_AsText(ST_Normalize(ST_Translate(g, -35500000, -4000000)), 6) $$;

CREATE TABLE t_jzx (id integer PRIMARY KEY, geom geometry(LineString, 4523));
INSERT INTO t_jzx VALUES
    -- a clean network: two parcels [0,10]x[0,10] and [10,20]x[0,10], their
    -- boundary split at the two nodes where three lines meet: nothing
    (1, t_g('LINESTRING(10 0,0 0,0 10,10 10)')),
    (2, t_g('LINESTRING(10 0,20 0,20 10,10 10)')),
    (3, t_g('LINESTRING(10 0,10 10)')),

    -- dangles: 11 and 12 hang between two closed rings (closed lines have
    -- no free end); 11 starts on ring 10's edge and stops 0.00005 short of
    -- ring 13: connected within the tolerance, but its end is unsnapped
    -- (near_coincident 13/11, 0.00005: a pair is named in sweep order, the
    -- feature whose box starts further west first: 13 at x 100, 11 at 105,
    -- not the owner of the unsnapped point); 12 stops 0.0002 short: a dangle at
    -- (103 29.9998)
    (10, t_g('LINESTRING(100 0,110 0,110 10,100 10,100 0)')),
    (11, t_g('LINESTRING(105 10,105 29.99995)')),
    (12, t_g('LINESTRING(103 10,103 29.9998)')),
    (13, t_g('LINESTRING(100 30,110 30,110 40,100 40,100 30)')),

    -- pseudo-nodes: 20 and 21 make a square of two lines: two pseudo-nodes,
    -- (200 0) and (210 10), each reported once
    (20, t_g('LINESTRING(200 0,210 0,210 10)')),
    (21, t_g('LINESTRING(210 10,200 10,200 0)')),
    -- near miss: three lines at each node, nothing
    (22, t_g('LINESTRING(300 0,310 0,310 10)')),
    (23, t_g('LINESTRING(310 10,300 10,300 0)')),
    (24, t_g('LINESTRING(300 0,310 10)')),

    -- crossings inside closed frames: 31 and 32 cross at (405 5); their ends
    -- sit on frame 30's node and corners (nodes, not crossings)
    (30, t_g('LINESTRING(400 0,410 0,410 10,400 10,400 0)')),
    (31, t_g('LINESTRING(400 0,410 10)')),
    (32, t_g('LINESTRING(400 10,410 0)')),
    -- near miss: 34 overshoots frame 33 by 0.00005: a node after snapping
    -- (near_coincident 33/34, 0.00005); 35 overshoots by 0.0002: it crosses
    -- 33 at (427 10), and its end (427 10.0002) dangles
    (33, t_g('LINESTRING(420 0,430 0,430 10,420 10,420 0)')),
    (34, t_g('LINESTRING(425 0,425 10.00005)')),
    (35, t_g('LINESTRING(427 0,427 10.0002)')),

    -- self-intersection: 41 hangs on frame 40 and crosses itself at (504 5)
    (40, t_g('LINESTRING(500 0,510 0,510 10,500 10,500 0)')),
    (41, t_g('LINESTRING(500 2,508 8,508 2,500 8)')),
    -- near miss: 42 bends back to 0.0002 from its own start segment without
    -- touching it: no self-intersection (both its ends dangle)
    (42, t_g('LINESTRING(500 12,508 12,508 18,504 18,504 12.0002)')),

    -- overlapping lines: 50 and 51 share (605 0)-(610 0), 5 m; the outer ends
    -- (600 0) and (615 0) dangle; 50's end lies on 51 and 51's start on 50
    (50, t_g('LINESTRING(600 0,610 0)')),
    (51, t_g('LINESTRING(605 0,615 0)')),
    -- near miss: 52 and 53 run 0.0002 apart: not along each other (all
    -- four ends dangle)
    (52, t_g('LINESTRING(700 0,710 0)')),
    (53, t_g('LINESTRING(700 0.0002,710 0.0002)')),
    -- duplicates: 55 is 54 reversed
    (54, t_g('LINESTRING(800 0,810 0,810 10,800 10,800 0)')),
    (55, t_g('LINESTRING(800 0,800 10,810 10,810 0,800 0)')),
    -- overlapping within the tolerance: 57 runs 0.00005 above 56 along
    -- (905 0)-(910 0): line_overlap 56/57 of 5 m (exact collinearity would
    -- miss it), and the unsnapped ends near_coincident 56/57 at 0.00005;
    -- the outer ends (900 0) and (915 0.00005) dangle
    (56, t_g('LINESTRING(900 0,910 0)')),
    (57, t_g('LINESTRING(905 0.00005,915 0.00005)')),
    -- open duplicates within the tolerance: 59 runs 0.00005 above 58 end to
    -- end: duplicate 58/59 (10 m) and near_coincident 58/59 (0.00005); their
    -- ends meet two by two, so each end is also a pseudo_node 58/59 (two
    -- lines meeting end to end); pinned as documented in the README
    (58, t_g('LINESTRING(1000 0,1010 0)')),
    (59, t_g('LINESTRING(1000 0.00005,1010 0.00005)'));

SELECT kind, id1, id2, t_txt(geom), round(measure::numeric, 8) AS measure
  FROM jtsyq.topology_errors('t_jzx') ORDER BY kind, id1, id2, 4;

-- dangles and pseudo-nodes can be left out (a 界址线 layer split at every
-- 界址点 has a pseudo-node at each one)
SELECT kind, count(*) FROM jtsyq.topology_errors('t_jzx', checks => '{-dangle,-pseudo_node}')
 GROUP BY 1 ORDER BY 1;

--
-- Lines on polygon edges (宗地须与界址线重合), both ways
--
CREATE TABLE t_zdp (id integer PRIMARY KEY, geom geometry(Polygon, 4523));
INSERT INTO t_zdp VALUES
    (1, t_g('POLYGON((0 0,10 0,10 10,0 10,0 0))')),
    -- 0.00005 east of line 2's right part: on it within the tolerance
    (2, t_g('POLYGON((10 0,20.00005 0,20.00005 10,10 10,10 0))')),
    -- no lines at all: its whole boundary (40 m) has none
    (3, t_g('POLYGON((30 0,40 0,40 10,30 10,30 0))'));
CREATE TABLE t_lines (id integer PRIMARY KEY, geom geometry(LineString, 4523));
INSERT INTO t_lines SELECT id, geom FROM t_jzx WHERE id <= 3;
INSERT INTO t_lines VALUES
    -- inside parcel 1, on no edge: 1.414214 m
    (4, t_g('LINESTRING(5 5,6 6)')),
    -- along parcel 1's bottom edge 0.00005 below it: on it
    (5, t_g('LINESTRING(2 -0.00005,8 -0.00005)')),
    -- along parcel 3's bottom edge 0.0002 below it: beyond the tolerance,
    -- off the edges (6 m); parcel 3's boundary stays without a line (40 m)
    (6, t_g('LINESTRING(32 -0.0002,38 -0.0002)'));
-- expected: 4 off the edges, 1.41421356 (less the ends within 0.0001 of
-- nothing: none); 6 off the edges, 6; nothing else
SELECT kind, id1, id2, t_txt(geom), round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_errors('t_lines', container => 't_zdp', checks => '{not_on_polygon_edge}')
 ORDER BY kind, id1;
-- the other way: polygon boundaries without lines; parcel 3 entirely (40 m)
SELECT kind, id1, id2, round(measure::numeric, 6) AS measure
  FROM jtsyq.topology_errors('t_zdp', container => 't_lines', checks => '{edge_not_on_line}')
 ORDER BY kind, id1;
-- a line container for a line layer makes no sense
\set VERBOSITY sqlstate
SELECT * FROM jtsyq.topology_errors('t_lines', container => 't_jzx');
\set VERBOSITY default

-- the same answers with one row per batch
CREATE TABLE t_all AS SELECT * FROM jtsyq.topology_errors('t_jzx');
SET jtsyq.topology_batch_rows = 1;
SELECT count(*) AS differences FROM (
    (SELECT kind, id1, id2, ST_AsBinary(ST_Normalize(geom)), measure FROM t_all
     EXCEPT SELECT kind, id1, id2, ST_AsBinary(ST_Normalize(geom)), measure FROM jtsyq.topology_errors('t_jzx'))
    UNION ALL
    (SELECT kind, id1, id2, ST_AsBinary(ST_Normalize(geom)), measure FROM jtsyq.topology_errors('t_jzx')
     EXCEPT SELECT kind, id1, id2, ST_AsBinary(ST_Normalize(geom)), measure FROM t_all)) d;
RESET jtsyq.topology_batch_rows;
