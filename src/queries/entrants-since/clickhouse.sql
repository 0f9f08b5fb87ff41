-- The entrants (listed at date, not at base) are found once, by a LEFT JOIN to the base date's keys (an IN set of them
-- inside a nested subquery is built again at each level of analysis on 18.16: twice the cost; the levels are kept few,
-- as each one analyses the subqueries below it again), each date's load_id read once as a constant, and folded into
-- arrays: their count and summed downloads, and th, the $limit-th largest count among them (-1 = none:
-- fewer than $limit entrants, or the $limit-th has no count). Only entrants with a count >= th can be in the answer
-- (ties and the models without a count, ordered by id, included), so only those are matched to the dimension.
SELECT id, author, nullIf(d, -1) AS downloads, entrants, newDownloads
FROM model_dim_rows ALL INNER JOIN (
  SELECT key, d, entrants, newDownloads FROM (
    SELECT groupArray(key) AS ks, groupArray(ifNull(downloads, -1)) AS ds, count() AS entrants,
      sum(downloads) AS newDownloads, if(length(ds) < $limit, -1, arrayReverseSort(ds)[$limit]) AS th
    FROM model_stats_by_date_all GLOBAL ALL LEFT JOIN (
      SELECT key, 1 AS listed FROM model_stats_by_date_all WHERE date = ifNull(toDate($base), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($base), toDate(0)))
    ) USING key
    WHERE date = ifNull(toDate($date), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($date), toDate(0))) AND ifNull(listed, 0) = 0
  ) ARRAY JOIN ks AS key, ds AS d
  WHERE d >= th
) USING key
WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
ORDER BY downloads DESC NULLS LAST, id LIMIT $limit
