SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, family,
  ifNull(officialRepos, 0) AS officialRepos, ifNull(officialDownloads, 0) AS officialDownloads,
  ifNull(derivativeRepos, 0) AS derivativeRepos, ifNull(derivativeDownloads, 0) AS derivativeDownloads,
  ifNull(totalRepos, 0) AS totalRepos, ifNull(totalDownloads, 0) AS totalDownloads
FROM (SELECT arrayJoin($families) AS family) ALL LEFT JOIN (
  SELECT family, countIf(depth = 0) AS officialRepos, ifNull(sumIf(downloads, depth = 0), 0) AS officialDownloads,
    countIf(depth > 0) AS derivativeRepos, ifNull(sumIf(downloads, depth > 0), 0) AS derivativeDownloads,
    count() AS totalRepos, ifNull(sum(downloads), 0) AS totalDownloads
  FROM (
    SELECT family, key, depth, downloads FROM (
      SELECT family, key, depth FROM (SELECT family, key, depth FROM family_walk)
      ALL INNER JOIN (SELECT key FROM model WHERE key GLOBAL IN (SELECT key FROM family_walk)) USING key
    ) ALL INNER JOIN (SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
      AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)) AND key GLOBAL IN (SELECT key FROM family_walk)) USING key
  )
  GROUP BY family
) USING family
ORDER BY totalDownloads DESC, family
