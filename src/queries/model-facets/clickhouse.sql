-- The statistics of the date (date and load as constants) joined to the current generation of the dimension, read by
-- its own WHERE (a view would be read whole, every column): the models with a value only.
SELECT value, count() AS repos, ifNull(sum(downloads), 0) AS downloads
FROM (SELECT key, downloads
  FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))))
ALL INNER JOIN (SELECT key, value FROM (SELECT key, if($dimension = 'task', pipeline_tag, library_name) AS value
  FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))) WHERE isNotNull(value) AND value != '') USING key
GROUP BY value
ORDER BY downloads DESC, value
LIMIT $limit
