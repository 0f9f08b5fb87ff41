WITH RECURSIVE d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
tree(key, depth, relation, via) USING KEY (key) AS (
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
  SELECT m.mid, coalesce(lc.class, 'unknown') AS class, m.gated, s.downloads
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
    LEFT JOIN model_card_licence cl ON cl.key = m.key
    LEFT JOIN licence_class lc ON lc.tag = CASE WHEN (m.license IS NULL OR lower(m.license) IN ('other', 'unknown')) AND cl.license_name IS NOT NULL
    THEN 'name:' || lower(cl.license_name) ELSE lower(m.license) END
  WHERE ($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
    AND ($official::VARCHAR IS NULL OR m.key IN (SELECT key FROM tree))
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, class, count(*) AS repos,
  coalesce(sum(downloads), 0) AS downloads,
  coalesce(coalesce(sum(downloads), 0) / nullif(sum(sum(downloads)) OVER (), 0), 0) AS share,
  count(*) FILTER (WHERE gated IN ('auto', 'manual')) AS gatedRepos,
  coalesce(sum(downloads) FILTER (WHERE gated IN ('auto', 'manual')), 0) AS gatedDownloads,
  count(*) FILTER (WHERE gated IS NULL) AS gatingUnknown
FROM base GROUP BY class
ORDER BY list_position(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class)
