-- Without a task or family: the roll-up by licence group and gating written at load (migrations 008 and 011) of every
-- complete snapshot, classes applied here; with a filter: every model of each snapshot, grouped the same way. Only
-- one of the branches reads anything.
WITH RECURSIVE /* piece: duckdb-family-walk */,
base AS (
  SELECT s.date, coalesce(lc.class, 'unknown') AS class, 1 AS repos, s.downloads
  FROM model_stats s JOIN snapshot p ON p.date = s.date AND p.status = 'complete'
    JOIN model m ON m.mid = s.mid LEFT JOIN model_card_licence cl ON cl.key = m.key
    LEFT JOIN licence_class lc ON lc.tag = CASE WHEN (m.license IS NULL OR lower(m.license) IN ('other', 'unknown')) AND cl.license_name IS NOT NULL
    THEN 'name:' || lower(cl.license_name) ELSE lower(m.license) END
  WHERE NOT ($task::VARCHAR IS NULL AND $official::VARCHAR IS NULL) AND ($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
    AND ($official::VARCHAR IS NULL OR m.key IN (SELECT key FROM tree))
  UNION ALL
  SELECT r.date, coalesce(lc.class, 'unknown'), r.repos, r.downloads
  FROM rollup_licence r JOIN snapshot p ON p.date = r.date AND p.status = 'complete'
    LEFT JOIN licence_class lc ON lc.tag = r.lic
  WHERE $task::VARCHAR IS NULL AND $official::VARCHAR IS NULL
)
SELECT strftime(date, '%Y-%m-%d') AS date, class, sum(repos) AS repos, coalesce(sum(downloads), 0) AS downloads,
  coalesce(coalesce(sum(downloads), 0) / nullif(sum(sum(downloads)) OVER (PARTITION BY date), 0), 0) AS share
FROM base GROUP BY date, class HAVING sum(repos) > 0
ORDER BY date, list_position(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class)
