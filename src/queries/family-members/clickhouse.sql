-- The dimension is read by key (the dimension table, not the `model` view: 18.16 pushes no outer WHERE into a view, and on
-- the coordinator a plain IN uses the primary key), the statistics at the snapshot's date and load as two scalars
-- (the shards' primary key).
SELECT id, author, downloads, likes, depth, relation, via FROM (
  SELECT id, author, downloads, likes, depth, relation, ifNull(via, '') AS vkey FROM (SELECT key, depth, relation, via, id, author, downloads, likes FROM (
    SELECT key, depth, relation, via, id, author FROM (SELECT key, depth, relation, via FROM family_walk)
    ALL INNER JOIN (SELECT key, id, author FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND key IN (SELECT key FROM family_walk)) USING key
  ) ALL INNER JOIN (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
    AND key GLOBAL IN (SELECT key FROM family_walk)) USING key)
) ALL LEFT JOIN (SELECT key AS vkey, id AS via FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND key IN (SELECT key FROM family_walk)) USING vkey
ORDER BY downloads DESC NULLS LAST, id LIMIT $limit
