-- Without a task or family: the roll-up by licence group and gating written at load (migrations 008 and 011) — the
-- group is the tag, or name:<the licence the model card names> for a repo tagged other/unknown or untagged —,
-- classes applied here; with a filter: every model of the snapshot, grouped the same way. Only one of the branches
-- reads anything.
WITH RECURSIVE d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
/* piece: duckdb-family-walk */,
base AS (
  SELECT coalesce(lc.class, 'unknown') AS class, 1 AS repos, coalesce(s.downloads, 0) AS downloads,
    CASE WHEN m.gated IN ('auto', 'manual') THEN 'gated' WHEN m.gated IS NULL THEN 'unknown' ELSE 'open' END AS gcat
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
    LEFT JOIN model_card_licence cl ON cl.key = m.key
    LEFT JOIN licence_class lc ON lc.tag = CASE WHEN (m.license IS NULL OR lower(m.license) IN ('other', 'unknown')) AND cl.license_name IS NOT NULL
    THEN 'name:' || lower(cl.license_name) ELSE lower(m.license) END
  WHERE NOT ($task::VARCHAR IS NULL AND $official::VARCHAR IS NULL) AND ($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
    AND ($official::VARCHAR IS NULL OR m.key IN (SELECT key FROM tree))
  UNION ALL
  SELECT coalesce(lc.class, 'unknown'), r.repos, r.downloads, r.gcat
  FROM d JOIN rollup_licence r ON r.date = d.date LEFT JOIN licence_class lc ON lc.tag = r.lic
  WHERE $task::VARCHAR IS NULL AND $official::VARCHAR IS NULL
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, class, sum(repos) AS repos,
  coalesce(sum(downloads), 0) AS downloads,
  coalesce(coalesce(sum(downloads), 0) / nullif(sum(sum(downloads)) OVER (), 0), 0) AS share,
  coalesce(sum(repos) FILTER (WHERE gcat = 'gated'), 0) AS gatedRepos,
  coalesce(sum(downloads) FILTER (WHERE gcat = 'gated'), 0) AS gatedDownloads,
  coalesce(sum(repos) FILTER (WHERE gcat = 'unknown'), 0) AS gatingUnknown
FROM base GROUP BY class HAVING sum(repos) > 0
ORDER BY list_position(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class)
