-- With a task or library filter (without one, clickhouse-rollup.sql reads the roll-up written at load): the statistics
-- of the date and of its base date (latest complete snapshot at or before date minus window) in one read, each date
-- with its load as constants (scalar subqueries side by side, the base's one level down); joined to the models of the
-- current generation of the dimension that pass the filters (by its own WHERE), then paired by key (the model listed
-- at the date; at the base or not) instead of a second join on the base's whole listing (a hash table of every model);
-- one aggregation per organisation, then every organisation's row in one array (the total over all of them) and the
-- first rows (limit). Measured at 30 days, one node, task text-generation: 412 -> 256 ms alternating in one run, but
-- 385 -> 392 ms in the stores bench (separate runs, busy machine); slower without a base snapshot (141 -> 247 ms: the
-- pairing by key groups every row the previous text joined to an empty table).
SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date,
  toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window)) AS baseDate,
  tupleElement(r, 2) AS author, tupleElement(r, 3) AS repos, tupleElement(r, 4) AS downloads, tupleElement(r, 5) AS likes,
  total, if(isNull(baseDate), NULL, tupleElement(r, 6)) AS commonRepos,
  if(isNull(baseDate), NULL, tupleElement(r, 3) - tupleElement(r, 7)) AS newRepos,
  if(tupleElement(r, 6) = 0, NULL, tupleElement(r, 8)) AS before,
  if(tupleElement(r, 6) = 0, NULL, tupleElement(r, 9)) AS after
FROM (
  SELECT groupArray((org, author, repos, downloads, likes, common, listedBefore, before, after)) AS rs, sum(downloads) AS total
  FROM (
    SELECT lowerUTF8(a) AS org, min(a) AS author, count() AS repos, sum(dl) AS downloads, sum(lk) AS likes,
      countIf(both) AS common, sum(listed) AS listedBefore, sumIf(pdl, both) AS before, sumIf(dl, both) AS after
    FROM (
      SELECT any(a) AS a, sumIf(ifNull(downloads, 0), c) AS dl, sumIf(ifNull(likes, 0), c) AS lk,
        sumIf(ifNull(downloads, 0), NOT c) AS pdl, max(NOT c) AS listed, max(c) AS now,
        countIf(c AND isNotNull(downloads)) > 0 AND countIf(NOT c AND isNotNull(downloads)) > 0 AS both
      FROM (
        SELECT key, date = (SELECT max(date) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS c, downloads, likes, a FROM (
          SELECT key, date, downloads, likes FROM model_stats_by_date_all
          WHERE (date = (SELECT max(date) FROM snapshot WHERE isNull($date) OR date = toDate($date))
            AND load_id = (SELECT argMax(load_id, date) FROM snapshot WHERE isNull($date) OR date = toDate($date)))
          OR (date = (SELECT max(date) FROM snapshot WHERE date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window)
            AND load_id = (SELECT argMax(load_id, date) FROM snapshot WHERE date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window))
        ) ALL INNER JOIN (
          SELECT key, author AS a FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
          AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
          AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))
        ) USING key
      )
      GROUP BY key HAVING now
    )
    GROUP BY org
  )
) ARRAY JOIN rs AS r
ORDER BY downloads DESC, tupleElement(r, 1)
LIMIT $limit
