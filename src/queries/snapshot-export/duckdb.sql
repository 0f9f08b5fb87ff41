SELECT m.key, m.id, m.author, s.downloads, s.downloads_all_time AS "downloadsAllTime", s.likes,
  s.trending_score AS "trendingScore",
  strftime(m.created_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS "createdAt",
  strftime(m.last_modified, '%Y-%m-%dT%H:%M:%S.%fZ') AS "lastModified", strftime(m.last_seen, '%Y-%m-%d') AS "lastSeen",
  m.pipeline_tag, m.library_name, m.license, m.gated, m.private,
  -- as JSON text: reading long lists of strings through the Node binding costs more than the query
  CAST(to_json(m.tags) AS VARCHAR) AS tags, l.links AS "baseModels"
FROM model_stats s JOIN model m ON m.mid = s.mid
LEFT JOIN (
  SELECT child_key, list(struct_pack(id := parent_id, relation := relation) ORDER BY parent_key) AS links
  FROM model_link GROUP BY child_key
) l ON l.child_key = m.key
WHERE s.date = $date::DATE
  AND s.date IN (SELECT date FROM snapshot WHERE status = 'complete')
  AND ($after::VARCHAR IS NULL OR m.key > $after)
ORDER BY m.key
LIMIT $limit
