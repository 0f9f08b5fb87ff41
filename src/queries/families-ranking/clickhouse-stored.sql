-- With the stored walks of every family given (the registry's, default relations and depth): each family's totals at
-- the date from the per-date aggregates of its walk written at load (rollup_family_rows, migration 13), official
-- repos and derivatives apart — the figures clickhouse.sql sums over the walk's members; a family without rows at the
-- date is joined as zeros.
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, family,
  ifNull(officialRepos, 0) AS officialRepos, ifNull(officialDownloads, 0) AS officialDownloads,
  ifNull(derivativeRepos, 0) AS derivativeRepos, ifNull(derivativeDownloads, 0) AS derivativeDownloads,
  ifNull(totalRepos, 0) AS totalRepos, ifNull(totalDownloads, 0) AS totalDownloads
FROM (SELECT fo[1] AS family, fo[2] AS official FROM (SELECT arrayJoin(arrayMap((f, o) -> [f, o], $families, $officials)) AS fo))
ALL LEFT JOIN (
  SELECT official, sumIf(repos, off = 1) AS officialRepos, sumIf(dl, off = 1) AS officialDownloads,
    sumIf(repos, off = 0) AS derivativeRepos, sumIf(dl, off = 0) AS derivativeDownloads, sum(repos) AS totalRepos,
    sum(dl) AS totalDownloads
  FROM rollup_family_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND has($officials, official)
    AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))
  GROUP BY official
) USING official
ORDER BY totalDownloads DESC, family
