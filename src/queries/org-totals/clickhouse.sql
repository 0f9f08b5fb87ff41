-- The author's models first (the name pattern tried on their ids only), then their statistics by primary key.
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, count() AS repos, ifNull(sum(downloads), 0) AS downloads,
  ifNull(sum(likes), 0) AS likes
FROM (SELECT downloads, likes FROM model_stats_by_date_all WHERE /* piece: clickhouse-snapshot-rows */
  AND key GLOBAL IN (SELECT key FROM (SELECT key, id, author FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
      AND lowerUTF8(author) = lowerUTF8($author))
    WHERE isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')'))))
