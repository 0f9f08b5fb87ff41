SELECT id, author, downloads, likes, pipeline_tag AS task
FROM (SELECT key, id, author, pipeline_tag FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND position(key, lowerUTF8($q)) > 0)
ALL LEFT JOIN (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
  AND key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND position(key, lowerUTF8($q)) > 0)) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit
