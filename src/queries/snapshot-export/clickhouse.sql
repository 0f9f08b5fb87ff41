SELECT key, id, author, downloads, downloadsAllTime, likes, trendingScore, createdAt, lastModified, lastSeen,
  pipeline_tag, library_name, license, gated, private, tags, tags__null, baseModels,
  length(baseModels) = 0 AS baseModels__null
FROM (
  SELECT * FROM (
    SELECT key, downloads, downloads_all_time AS downloadsAllTime, likes, trending_score AS trendingScore
    FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0)) AND key > ifNull($after, '')
  ) ALL INNER JOIN (
    SELECT key, id, author,
      if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%dT%H:%M:%SZ')) AS createdAt,
      if(isNull(last_modified), NULL, formatDateTime(assumeNotNull(last_modified), '%Y-%m-%dT%H:%M:%SZ')) AS lastModified,
      toString(last_seen) AS lastSeen, pipeline_tag, library_name, license, gated, private, tags,
      has_tags = 0 AS tags__null
    FROM model
  ) USING key
) ALL INNER JOIN (
  SELECT key,
    arrayMap(t -> (tupleElement(t, 2), tupleElement(t, 3)),
      arraySort(groupArrayIf((ifNull(parent_key, ''), ifNull(parent_id, ''), ifNull(relation, '')), isNotNull(parent_key))))
      AS baseModels
  FROM (
    SELECT key FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0)) AND key > ifNull($after, '')
  ) ALL LEFT JOIN (SELECT child_key AS key, parent_key, parent_id, relation FROM model_link) USING key
  GROUP BY key
) USING key
ORDER BY key
LIMIT $limit
