SELECT toString(dd) AS date, models, orgs, total AS downloads, $k AS k, tm AS topModelsDownloads,
  tg AS topOrgsDownloads, 100.0 * tm / nullIf(total, 0) AS topModelsShare, 100.0 * tg / nullIf(total, 0) AS topOrgsShare,
  if(orgs = 0 OR total = 0, NULL, arraySum(arraySort(arrayMap(x -> (100.0 * x / total) * (100.0 * x / total), od)))) AS hhi
FROM (
  SELECT (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS dd, sum(o_repos) AS models, count() AS orgs, sum(o_downloads) AS total,
    arraySum(arraySlice(arrayReverseSort(groupArrayArray(o_all)), 1, $k)) AS tm,
    arraySum(arraySlice(arrayReverseSort(groupArray(o_downloads)), 1, $k)) AS tg, groupArray(o_downloads) AS od
  FROM (SELECT count() AS o_repos, sum(d) AS o_downloads, groupArray(d) AS o_all
    FROM (SELECT lowerUTF8(author) AS org, assumeNotNull(downloads) AS d FROM (SELECT id, author, downloads FROM (
  SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND isNotNull(downloads)
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key)) GROUP BY org)
)
WHERE isNotNull(dd)
