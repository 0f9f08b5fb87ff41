-- The author's models are selected first (clickhouse-members.sql: one read of the dimension, the name pattern tried on
-- their ids only) and bound as a constant set (member_keys); the date's statistics and the models' columns are then
-- read by primary key. The date and its load are two scalar subqueries side by side (none nested in another).
SELECT id, downloads, likes, pipeline_tag AS task, library_name AS library, license,
  if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%d')) AS created
FROM (SELECT key, downloads, likes FROM model_stats_by_date_all
  WHERE date = (SELECT max(date) FROM snapshot WHERE isNull($date) OR date = toDate($date))
    AND load_id = (SELECT argMax(load_id, date) FROM snapshot WHERE isNull($date) OR date = toDate($date))
    AND key GLOBAL IN $member_keys)
ALL INNER JOIN (SELECT key, id, pipeline_tag, library_name, license, created_at FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
  AND key IN $member_keys) USING key
ORDER BY downloads DESC NULLS LAST, id
