SELECT rank, id, author, downloads, 100.0 * downloads / nullIf(t, 0) AS share,
  100.0 * cum / nullIf(t, 0) AS cumulativeShare
FROM (
  SELECT arraySort(x -> (-x.1, x.2), groupArray((assumeNotNull(downloads), id, author))) AS top, (SELECT ifNull(sum(downloads), 0) FROM (SELECT id, author, downloads FROM (
  SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND isNotNull(downloads)
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key)) AS t
  FROM (SELECT downloads, id, author FROM (SELECT id, author, downloads FROM (
  SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND isNotNull(downloads)
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key) ORDER BY downloads DESC, id LIMIT $k)
)
ARRAY JOIN arrayEnumerate(top) AS rank, arrayMap(x -> x.2, top) AS id, arrayMap(x -> x.3, top) AS author,
  arrayMap(x -> x.1, top) AS downloads, arrayCumSum(arrayMap(x -> x.1, top)) AS cum
ORDER BY rank
