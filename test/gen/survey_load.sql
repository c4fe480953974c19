-- Load a generated county (test/gen/county.sql) into the standard survey
-- layers (jtsyq.create_survey_schema, staging mode so that seeded faults
-- load), then derive 界址点/界址线 and 四至 and give the attributes the
-- generator does not have.  Test and demo helper, not part of the extension.
--
-- psql variables: src (the generated schema), dst (the survey schema).
--   \set src gc
--   \set dst sc
--   \i test/gen/survey_load.sql
-- Every row is given its 区县代码 qxdm (the county code, the layers'
-- distribution key), as a load into a Citus cluster must.
SELECT jtsyq.create_survey_schema(:'dst', 4523, enforce => false);
INSERT INTO :"dst".xzq (qxdm, xzqdm, xzqmc, geom) SELECT left(xzqdm, 6), xzqdm, xzqmc, ST_Multi(geom) FROM :"src".xzq;
-- townships (三调 XZQ, 乡级: 9 digits + 000) and villages (三调 村级调查区:
-- 坐落单位代码 = the 12-digit village code + 0000000)
INSERT INTO :"dst".xzq_xz (qxdm, xzqdm, xzqmc, geom)
SELECT left(xzdm, 6), xzdm || '000', xzmc, ST_Multi(geom) FROM :"src".xz;
INSERT INTO :"dst".cjdcq (qxdm, zldwdm, zldwmc, geom)
SELECT left(cundm, 6), cundm || '0000000', cunmc, ST_Multi(geom) FROM :"src".cun;
INSERT INTO :"dst".cjqy (qxdm, cjqydm, cjqymc, geom) SELECT left(cundm, 6), cundm, cunmc, ST_Multi(geom) FROM :"src".cun;
INSERT INTO :"dst".zjqy (qxdm, zjqydm, zjqymc, geom) SELECT left(zudm, 6), zudm, zumc, ST_Multi(geom) FROM :"src".zu;
INSERT INTO :"dst".djq (qxdm, djqdm, djqmc, geom) SELECT left(djqdm, 6), djqdm, djqmc, ST_Multi(geom) FROM :"src".djq;
INSERT INTO :"dst".djzq (qxdm, djzqdm, djzqmc, geom)
SELECT left(djzqdm, 6), djzqdm, djzqmc, ST_Multi(geom) FROM :"src".djzq;
-- 权利类型: 1 集体土地所有权 (J*), 2 国家土地所有权 (G*), "/" for disputed land;
-- 宗地 keep the generator's id as 标识码
INSERT INTO :"dst".zdjbxx (bsm, qxdm, zddm, bdcdyh, zdtzm, zl, zdmj, mjdw, qllx, zt, geom)
SELECT z.id, left(z.zddm, 6), z.zddm, z.bdcdyh, z.zdtzm, c.cunmc || coalesce(u.zumc, ''), z.zdmj, '1',
       CASE left(z.zdtzm, 1) WHEN 'J' THEN '1' WHEN 'G' THEN '2' ELSE '/' END, '1', ST_Multi(z.geom)
  FROM :"src".zd z JOIN :"src".cun c ON c.cundm = z.zl_cundm LEFT JOIN :"src".zu u ON u.zudm = z.zl_zudm;
INSERT INTO :"dst".qlr (qxdm, bdcdyh, sxh, qlrmc) SELECT left(bdcdyh, 6), bdcdyh, 1, qlr FROM :"src".zd;
INSERT INTO :"dst".dltb (bsm, qxdm, tbbh, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc, tbmj, tbdlmj, zddm, geom)
SELECT t.id, left(z.zddm, 6), t.id::text, t.dlbm, t.dlmc,
       CASE left(z.zdtzm, 2) WHEN 'JA' THEN '30' WHEN 'GY' THEN '20' WHEN 'GA' THEN '10' ELSE '30' END,
       rpad(coalesce(z.zudm, z.cundm, z.djzqdm), 19, '0'), z.qlr, rpad(z.zl_zudm, 19, '0'), z.zl_zudm,
       t.tbmj, t.tbmj, z.zddm, ST_Multi(t.geom)
  FROM :"src".dltb t JOIN :"src".zd z ON z.id = t.zd_id;
-- six of seven collective parcels registered
INSERT INTO :"dst".tdsyq (zddm, bdcdyh, qllx, djlx, djyy, mjdw, bdcqzh, qxdm, djjg, dbr, djsj, qszt)
SELECT zddm, bdcdyh, '1', '100', '首次登记', '1', '宁(2024)合成县不动产权第' || id || '号', left(zddm, 6),
       '合成县自然资源局', '/', DATE '2024-06-01', '1'
  FROM :"src".zd WHERE zdtzm = 'JA' AND id % 7 <> 0;
-- 界址点 and 界址线 per 地籍子区 (the counts are kept in psql variables), the
-- surveyors' attributes (无标志 markers, 其它 lines in the middle, 已定界), 四至
SELECT count(*) AS built_units, sum(parcels) AS built_parcels, sum(points) AS built_points,
       sum(lines) AS built_lines
  FROM jtsyq.build_boundary_points(:'dst') \gset
UPDATE :"dst".jzd SET jblx = '6';
UPDATE :"dst".jzx SET jzxlb = '9', jzxwz = '2', jxxz = '600001';
SELECT jtsyq.fill_four_sides(:'dst') AS parcels_with_sides \gset
UPDATE :"dst".zdjbxx SET zdszd = coalesce(zdszd, '/'), zdszn = coalesce(zdszn, '/'),
                          zdszx = coalesce(zdszx, '/'), zdszb = coalesce(zdszb, '/');
