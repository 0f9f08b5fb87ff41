-- The models of the current dimension generation whose key contains the text, with the date's statistics: the two
-- sides are read at once (UNION ALL: the dimension's matching rows, src = 0; the date's visible statistics rows whose
-- key contains the text, src = 1) and put together by grouping, not by a JOIN: 18.16 builds a join's right side on one
-- thread (the date's statistics of 48,313 matching keys: 55 ms alone, ~140 ms as the right side). They are grouped by
-- h = cityHash64(key), a UInt64 (by key text, the grouping of ~96,000 rows took ~45 ms more), except the keys whose
-- hash two keys of the dimension share (key_hash_collisions), grouped by text in a second part that reads nothing when
-- the generation lists none (a constant false condition). A model only in the statistics is not a match (HAVING: the
-- dimension's row is there); a match the date does not list has no counts and comes last.
SELECT id, author, downloads, likes, task FROM (
  SELECT anyIf(id, src = 0) AS id, anyIf(author, src = 0) AS author, maxIf(downloads, src = 1) AS downloads,
    maxIf(likes, src = 1) AS likes, anyIf(pipeline_tag, src = 0) AS task
  FROM (
    SELECT cityHash64(key) AS h, 0 AS src, id, author, pipeline_tag, CAST(NULL AS Nullable(Int64)) AS downloads,
      CAST(NULL AS Nullable(Int64)) AS likes
    FROM model_dim_rows
    WHERE load_id = /* piece: clickhouse-current-generation */ AND position(key, lowerUTF8($q)) > 0
      AND h NOT IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */)
    UNION ALL
    SELECT cityHash64(key) AS h, 1 AS src, '' AS id, '' AS author, CAST(NULL AS Nullable(String)) AS pipeline_tag,
      downloads, likes
    FROM model_stats_by_date_all
    WHERE /* piece: clickhouse-snapshot-rows */
      AND position(key, lowerUTF8($q)) > 0
      AND h GLOBAL NOT IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */)
  )
  GROUP BY h
  HAVING max(src = 0) = 1
  UNION ALL
  SELECT anyIf(id, src = 0) AS id, anyIf(author, src = 0) AS author, maxIf(downloads, src = 1) AS downloads,
    maxIf(likes, src = 1) AS likes, anyIf(pipeline_tag, src = 0) AS task
  FROM (
    SELECT key, 0 AS src, id, author, pipeline_tag, CAST(NULL AS Nullable(Int64)) AS downloads,
      CAST(NULL AS Nullable(Int64)) AS likes
    FROM model_dim_rows
    WHERE load_id = /* piece: clickhouse-current-generation */ AND position(key, lowerUTF8($q)) > 0
      AND (SELECT count() FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */) > 0
      AND cityHash64(key) IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */)
    UNION ALL
    SELECT key, 1 AS src, '' AS id, '' AS author, CAST(NULL AS Nullable(String)) AS pipeline_tag, downloads, likes
    FROM model_stats_by_date_all
    WHERE /* piece: clickhouse-snapshot-rows */
      AND position(key, lowerUTF8($q)) > 0
      AND (SELECT count() FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */) > 0
      AND cityHash64(key) GLOBAL IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */)
  )
  GROUP BY key
  HAVING max(src = 0) = 1
)
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit
