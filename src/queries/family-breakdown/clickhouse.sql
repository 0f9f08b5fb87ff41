SELECT dimension, value, repos, downloads FROM (
  SELECT 'relation' AS dimension, relation AS value, count() AS repos, ifNull(sum(downloads), 0) AS downloads,
    toUInt32(0) AS n
  FROM (SELECT key, depth, relation, via, id, author, downloads, likes FROM (
    SELECT key, depth, relation, via, id, author FROM (SELECT key, depth, relation, via FROM family_walk)
    ALL INNER JOIN (SELECT key, id, author FROM model WHERE key GLOBAL IN (SELECT key FROM family_walk)) USING key
  ) ALL INNER JOIN (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
    AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND key GLOBAL IN (SELECT key FROM family_walk)) USING key) WHERE depth > 0 GROUP BY relation
  UNION ALL
  SELECT 'depth' AS dimension, toString(d) AS value, count() AS repos, ifNull(sum(downloads), 0) AS downloads,
    toUInt32(d) AS n
  FROM (SELECT depth AS d, downloads FROM (SELECT key, depth, relation, via, id, author, downloads, likes FROM (
    SELECT key, depth, relation, via, id, author FROM (SELECT key, depth, relation, via FROM family_walk)
    ALL INNER JOIN (SELECT key, id, author FROM model WHERE key GLOBAL IN (SELECT key FROM family_walk)) USING key
  ) ALL INNER JOIN (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
    AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND key GLOBAL IN (SELECT key FROM family_walk)) USING key) WHERE depth > 0) GROUP BY d
)
ORDER BY dimension, n, downloads DESC, value
