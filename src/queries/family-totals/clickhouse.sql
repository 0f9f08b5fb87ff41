SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, officialRepos, officialDownloads, derivativeRepos,
  derivativeDownloads, totalRepos, totalDownloads, nameOnlyRepos, nameOnlyDownloads
FROM (
  SELECT 1 AS one, countIf(depth = 0) AS officialRepos, ifNull(sumIf(downloads, depth = 0), 0) AS officialDownloads,
    countIf(depth > 0) AS derivativeRepos, ifNull(sumIf(downloads, depth > 0), 0) AS derivativeDownloads,
    count() AS totalRepos, ifNull(sum(downloads), 0) AS totalDownloads
  FROM (SELECT key, depth, relation, via, id, author, downloads, likes FROM (
    SELECT key, depth, relation, via, id, author FROM (SELECT key, depth, relation, via FROM family_walk)
    ALL INNER JOIN (SELECT key, id, author FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key IN (SELECT key FROM family_walk)) USING key
  ) ALL INNER JOIN (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE /* piece: clickhouse-snapshot-rows */
    AND key GLOBAL IN (SELECT key FROM family_walk)) USING key)
) ALL INNER JOIN (
  SELECT 1 AS one, count() AS nameOnlyRepos, ifNull(sum(downloads), 0) AS nameOnlyDownloads FROM model_stats_by_date_all
  WHERE isNotNull($names) AND /* piece: clickhouse-snapshot-rows */
    AND key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND isNotNull($names) AND match(key, if(match(ifNull($names, ''), '^\\(\\?[a-zA-Z]+\\)'), concat(replaceRegexpOne(ifNull($names, ''), '^\\(\\?([a-zA-Z]+)\\)', '(?\\1:'), ')'), ifNull($names, ''))) AND key NOT IN (SELECT key FROM family_walk))
) USING one
