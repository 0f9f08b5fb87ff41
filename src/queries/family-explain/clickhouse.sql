-- Only the models on the path are read from the dimension and the links (by key: the dimension and link tables,
-- not the views, where 18.16 pushes no outer WHERE), and the name rule reads the one model's
-- statistics at the snapshot's date and load (two scalars) only when name patterns are given.
SELECT step, id, depth, relation, origin, rule FROM (
  SELECT CAST(step AS Int64) AS step, id, CAST(depth AS Nullable(UInt32)) AS depth,
    CAST(relation AS Nullable(String)) AS relation, CAST(origin AS Nullable(String)) AS origin, 'lineage' AS rule
  FROM (
    SELECT step, key, id, depth, relation, vkey FROM (
      SELECT step, key, depth, relation, vkey FROM (
        SELECT i - 1 AS step, p[i] AS key
        FROM (SELECT path AS p FROM family_walk WHERE key = lowerUTF8($id)) ARRAY JOIN arrayEnumerate(p) AS i
        WHERE i <= 101
      ) ALL INNER JOIN (SELECT key, depth, relation, ifNull(via, '') AS vkey FROM family_walk) USING key
    ) ALL INNER JOIN (SELECT key, id FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key IN (SELECT arrayJoin(path) FROM family_walk WHERE key = lowerUTF8($id))) USING key
  ) ALL LEFT JOIN (
    SELECT child_key AS key, parent_key AS vkey, origin
    FROM model_link_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND child_key IN (SELECT arrayJoin(path) FROM family_walk WHERE key = lowerUTF8($id))
  ) USING (key, vkey)
  UNION ALL
  SELECT CAST(0 AS Int64) AS step, id, CAST(NULL AS Nullable(UInt32)) AS depth, CAST(NULL AS Nullable(String)) AS relation,
    CAST(NULL AS Nullable(String)) AS origin, 'name' AS rule
  FROM (SELECT key, id, downloads FROM (
    SELECT key, downloads FROM model_stats_by_date_all WHERE isNotNull($names) AND key = lowerUTF8($id) AND /* piece: clickhouse-snapshot-rows */
  ) ALL INNER JOIN (SELECT key, id FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key = lowerUTF8($id) AND isNotNull($names) AND match(key, if(match(ifNull($names, ''), '^\\(\\?[a-zA-Z]+\\)'), concat(replaceRegexpOne(ifNull($names, ''), '^\\(\\?([a-zA-Z]+)\\)', '(?\\1:'), ')'), ifNull($names, ''))) AND key NOT IN (SELECT key FROM family_walk)) USING key)
)
ORDER BY step DESC
