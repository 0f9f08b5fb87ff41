WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date)
SELECT strftime(d.date, '%Y-%m-%d') AS date, m.id, m.author, s.downloads, s.downloads_all_time AS downloadsAllTime,
  s.likes, s.trending_score AS trendingScore, m.pipeline_tag AS task, m.library_name AS library, m.license,
  coalesce(lc.class, 'unknown') AS licenceClass, cl.license_name AS licenceName, cl.license_link AS licenceLink,
  strftime(cl.fetched_on, '%Y-%m-%d') AS cardFetched, m.gated,
  strftime(m.created_at, '%Y-%m-%dT%H:%M:%SZ') AS createdAt, strftime(m.last_modified, '%Y-%m-%dT%H:%M:%SZ') AS lastModified,
  strftime(m.first_seen, '%Y-%m-%d') AS firstSeen, strftime(m.last_seen, '%Y-%m-%d') AS lastSeen,
  (s.mid IS NOT NULL) AS inSnapshot, m.tags,
  (SELECT list(struct_pack(id := l.parent_id, relation := l.relation) ORDER BY l.parent_key)
     FROM model_link l WHERE l.child_key = m.key) AS baseModels
FROM model m CROSS JOIN d LEFT JOIN model_stats s ON s.mid = m.mid AND s.date = d.date
  LEFT JOIN model_card_licence cl ON cl.key = m.key
    LEFT JOIN licence_class lc ON lc.tag = CASE WHEN (m.license IS NULL OR lower(m.license) IN ('other', 'unknown')) AND cl.license_name IS NOT NULL
    THEN 'name:' || lower(cl.license_name) ELSE lower(m.license) END
WHERE m.key = lower($id)
