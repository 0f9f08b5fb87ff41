-- From the roll-ups written at load (migration 8): per organisation (the current generation's writer of the date,
-- migration 18), and the 10,000 largest
-- counts of the date (visible with its statistics).
SELECT toString(dd) AS date, models, orgs, total AS downloads, $k AS k, tm AS topModelsDownloads,
  tg AS topOrgsDownloads, 100.0 * tm / nullIf(total, 0) AS topModelsShare, 100.0 * tg / nullIf(total, 0) AS topOrgsShare,
  if(orgs = 0 OR total = 0, NULL, arraySum(arraySort(arrayMap(x -> (100.0 * x / total) * (100.0 * x / total), od)))) AS hhi
FROM (
  SELECT /* piece: clickhouse-snapshot-date */ AS dd, sum(repos) AS models, count() AS orgs, sum(downloads) AS total,
    (SELECT ifNull(sum(d), 0) FROM (SELECT downloads AS d FROM rollup_top_rows WHERE (date, load_id) IN (SELECT date, load_id FROM snapshot) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)) ORDER BY d DESC LIMIT $k)) AS tm,
    arraySum(arraySlice(arrayReverseSort(groupArray(downloads)), 1, $k)) AS tg, groupArray(downloads) AS od
  FROM rollup_org_rows WHERE load_id IN (SELECT writer FROM rollup_org_dates WHERE load_id = /* piece: clickhouse-current-generation */ AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))
)
WHERE isNotNull(dd)
