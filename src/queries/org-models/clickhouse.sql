-- The author's models first (the name pattern tried on their ids only), then their statistics at the date by key.
SELECT id, downloads, likes, pipeline_tag AS task, library_name AS library, license,
  if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%d')) AS created
FROM (SELECT key, downloads, likes
  FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
    AND key GLOBAL IN (SELECT key FROM (SELECT key, id, author FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
      AND lowerUTF8(author) = lowerUTF8($author))
    WHERE isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')'))))
ALL INNER JOIN (SELECT key, id, pipeline_tag, library_name, license, created_at FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
  AND lowerUTF8(author) = lowerUTF8($author)
    AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))) USING key
ORDER BY downloads DESC NULLS LAST, id
