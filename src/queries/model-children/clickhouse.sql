SELECT id, author, relation, downloads, likes, license, created, firstSeen FROM (
  SELECT key, relation, downloads, likes FROM (SELECT child_key AS key,
    if(countIf(relation != 'unknown') > 0, minIf(relation, relation != 'unknown'), 'unknown') AS relation
  FROM model_link WHERE parent_key = lowerUTF8($id) AND child_key != parent_key GROUP BY child_key)
  ALL INNER JOIN (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))
    AND key GLOBAL IN (SELECT child_key FROM model_link WHERE parent_key = lowerUTF8($id) AND child_key != parent_key)) USING key
  WHERE isNull($relation) OR relation = $relation
) ALL INNER JOIN (SELECT key, id, author, license,
    if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%d')) AS created,
    toString(first_seen) AS firstSeen FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
    AND key IN (SELECT child_key FROM model_link WHERE parent_key = lowerUTF8($id) AND child_key != parent_key)) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit
