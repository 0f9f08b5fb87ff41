-- The matching authors' models first (from the current generation of the dimension, by its own WHERE: a view would
-- be read whole), then only their statistics at the date (date and load as constants).
SELECT min(a) AS author, count(listed) AS repos, ifNull(sum(downloads), 0) AS downloads
FROM (SELECT key, author AS a FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
  AND position(lowerUTF8(author), lowerUTF8($q)) > 0)
ALL LEFT JOIN (SELECT key, downloads, 1 AS listed
  FROM model_stats_by_date_all WHERE /* piece: clickhouse-snapshot-rows */
    AND key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
  AND position(lowerUTF8(author), lowerUTF8($q)) > 0)) USING key
GROUP BY lowerUTF8(a)
ORDER BY downloads DESC, lowerUTF8(min(a))
LIMIT $limit
