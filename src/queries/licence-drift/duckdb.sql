WITH RECURSIVE d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
/* piece: duckdb-family-walk */,
pairs AS (
  SELECT DISTINCT m.mid, coalesce(lower(p.license), '(none)') AS fromLicence,
    coalesce(lower(m.license), '(none)') AS toLicence, s.downloads
  FROM model_link l JOIN model m ON m.key = l.child_key JOIN model p ON p.key = l.parent_key
    JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
  WHERE (($relation::VARCHAR IS NULL AND l.relation <> 'reupload') OR l.relation = $relation) AND m.mid <> p.mid
    AND ($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
    AND ($official::VARCHAR IS NULL OR m.key IN (SELECT key FROM tree))
),
totals AS (
  SELECT count(DISTINCT mid) AS derivatives, count(DISTINCT mid) FILTER (WHERE fromLicence <> toLicence) AS changed
  FROM pairs
),
grouped AS (
  SELECT x.fromLicence, coalesce(fc.class, 'unknown') AS fromClass, x.toLicence, coalesce(tc.class, 'unknown') AS toClass,
    count(*) AS repos, coalesce(sum(x.downloads), 0) AS downloads
  FROM pairs x LEFT JOIN licence_class fc ON fc.tag = x.fromLicence LEFT JOIN licence_class tc ON tc.tag = x.toLicence
  WHERE x.fromLicence <> x.toLicence
  GROUP BY x.fromLicence, fc.class, x.toLicence, tc.class
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, g.fromLicence, g.fromClass, g.toLicence, g.toClass,
  g.repos, g.downloads, t.derivatives, t.changed AS changedDerivatives
FROM totals t LEFT JOIN grouped g ON true
ORDER BY g.repos DESC NULLS LAST, g.downloads DESC, g.fromLicence, g.toLicence
LIMIT $limit
