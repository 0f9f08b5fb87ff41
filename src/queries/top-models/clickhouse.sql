-- The models that can rank, read by key: without filters, those at or above the cut-off — the $limit-th largest 30-day
-- count of the date, from the date's top models written at load (rollup_top_rows: every count at or above the 10,000th
-- largest, ties included; $limit is at most 10,000); with a filter, or fewer counts than $limit (cut-off -1), the
-- models of the filters.
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, id, author, downloads, likes, pipeline_tag AS task,
  library_name AS library, license
FROM (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE /* piece: clickhouse-snapshot-rows */
  AND key GLOBAL IN (
/* piece: top-models-candidates */)
  AND ifNull(downloads, -1) >= /* piece: top-models-cut-off */)
ALL INNER JOIN (SELECT key, id, author, pipeline_tag, library_name, license FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
  AND key IN (
/* piece: top-models-candidates */)) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit
