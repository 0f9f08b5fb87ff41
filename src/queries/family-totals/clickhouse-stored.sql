SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, officialRepos, officialDownloads, derivativeRepos,
  derivativeDownloads, totalRepos, totalDownloads, nameOnlyRepos, nameOnlyDownloads
FROM (
  SELECT 1 AS one, sumIf(repos, off = 1) AS officialRepos, sumIf(dl, off = 1) AS officialDownloads,
    sumIf(repos, off = 0) AS derivativeRepos, sumIf(dl, off = 0) AS derivativeDownloads, sum(repos) AS totalRepos,
    sum(dl) AS totalDownloads
  FROM rollup_family_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND official = $official
    AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))
) ALL INNER JOIN (
  SELECT 1 AS one, count() AS nameOnlyRepos, ifNull(sum(downloads), 0) AS nameOnlyDownloads FROM model_stats_by_date_all
  WHERE isNotNull($names) AND /* piece: clickhouse-snapshot-rows */
    AND key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND isNotNull($names) AND match(key, if(match(ifNull($names, ''), '^\\(\\?[a-zA-Z]+\\)'), concat(replaceRegexpOne(ifNull($names, ''), '^\\(\\?([a-zA-Z]+)\\)', '(?\\1:'), ')'), ifNull($names, ''))) AND key NOT IN (SELECT key FROM family_walk))
) USING one
