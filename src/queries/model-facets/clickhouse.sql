-- From the facet roll-up written at load (migration 17, src/store/clickhouse/facet-rollups.ts): the current
-- generation's rows of the dimension and the date, one per value with a repo (models without a value are not counted).
SELECT value, sum(repos) AS repos, sum(downloads) AS downloads
FROM rollup_facet_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND dim = $dimension
  AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))
GROUP BY value
ORDER BY downloads DESC, value
LIMIT $limit
