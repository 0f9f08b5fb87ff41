SELECT rank, author, repos, downloads, 100.0 * downloads / nullIf(t, 0) AS share,
  100.0 * cum / nullIf(t, 0) AS cumulativeShare
FROM (
  SELECT arraySort(x -> (-x.1, lowerUTF8(x.2)), groupArray((assumeNotNull(o_downloads), o_author, o_repos))) AS top,
    (SELECT ifNull(sum(downloads), 0) FROM (SELECT id, author, downloads FROM (
  SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND isNotNull(downloads)
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key)) AS t
  FROM (SELECT o_downloads, o_author, o_repos FROM (SELECT min(author) AS o_author, count() AS o_repos, sum(downloads) AS o_downloads
  FROM (SELECT id, author, downloads FROM (
  SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND isNotNull(downloads)
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key) GROUP BY lowerUTF8(author)) ORDER BY o_downloads DESC, lowerUTF8(o_author) LIMIT $k)
)
ARRAY JOIN arrayEnumerate(top) AS rank, arrayMap(x -> x.2, top) AS author, arrayMap(x -> x.3, top) AS repos,
  arrayMap(x -> x.1, top) AS downloads, arrayCumSum(arrayMap(x -> x.1, top)) AS cum
ORDER BY rank
