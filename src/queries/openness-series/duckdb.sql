WITH RECURSIVE tree(key, depth, relation, via) USING KEY (key) AS (
  SELECT key, 0, 'official', NULL::VARCHAR FROM model WHERE regexp_matches(key, $official)
  UNION
  SELECT l.child_key, min(t.depth) + 1, arg_min(l.relation, t.key), min(t.key)
  FROM tree t JOIN model_link l ON l.parent_key = t.key
  WHERE t.depth < $depth
    AND (($relations::VARCHAR IS NULL AND l.relation <> 'reupload') OR list_contains(string_split($relations, ','), l.relation))
    AND l.child_key NOT IN (SELECT key FROM recurring.tree)
  GROUP BY l.child_key
),
base AS (
  SELECT s.date, coalesce(lc.class, 'unknown') AS class, s.downloads
  FROM model_stats s JOIN snapshot p ON p.date = s.date AND p.status = 'complete'
    JOIN model m ON m.mid = s.mid LEFT JOIN model_card_licence cl ON cl.key = m.key
    LEFT JOIN licence_class lc ON lc.tag = CASE WHEN (m.license IS NULL OR lower(m.license) IN ('other', 'unknown')) AND cl.license_name IS NOT NULL
    THEN 'name:' || lower(cl.license_name) ELSE lower(m.license) END
  WHERE ($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
    AND ($official::VARCHAR IS NULL OR m.key IN (SELECT key FROM tree))
)
SELECT strftime(date, '%Y-%m-%d') AS date, class, count(*) AS repos, coalesce(sum(downloads), 0) AS downloads,
  coalesce(coalesce(sum(downloads), 0) / nullif(sum(sum(downloads)) OVER (PARTITION BY date), 0), 0) AS share
FROM base GROUP BY date, class
ORDER BY date, list_position(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class)
