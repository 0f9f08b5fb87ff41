-- From the facet roll-up written at load (migration 17, src/store/clickhouse/facet-rollups.ts): the current
-- generation's rows of the dimension and the date, one per value with a repo (models without a value are not counted).
SELECT value, sum(repos) AS repos, sum(downloads) AS downloads
FROM rollup_facet_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND dim = $dimension
  AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))
GROUP BY value
ORDER BY downloads DESC, value
LIMIT $limit
