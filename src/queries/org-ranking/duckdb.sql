WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
b AS (SELECT max(s.date) AS date FROM snapshot s, d WHERE s.status = 'complete' AND s.date <= d.date - $window::INTEGER),
cur AS (
  SELECT s.mid, lower(m.author) AS org, m.author, s.downloads, s.likes
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
  WHERE ($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
    AND ($library::VARCHAR IS NULL OR lower(m.library_name) = lower($library))
),
prev AS (SELECT s.mid, s.downloads FROM b JOIN model_stats s ON s.date = b.date),
o AS (
  SELECT c.org, min(c.author) AS author, count(*) AS repos, coalesce(sum(c.downloads), 0) AS downloads,
    coalesce(sum(c.likes), 0) AS likes,
    count(*) FILTER (WHERE p.downloads IS NOT NULL AND c.downloads IS NOT NULL) AS common,
    count(p.mid) AS listedBefore,
    sum(p.downloads) FILTER (WHERE p.downloads IS NOT NULL AND c.downloads IS NOT NULL) AS before,
    sum(c.downloads) FILTER (WHERE p.downloads IS NOT NULL AND c.downloads IS NOT NULL) AS after
  FROM cur c LEFT JOIN prev p ON p.mid = c.mid GROUP BY c.org
)
SELECT strftime(d.date, '%Y-%m-%d') AS date, strftime(b.date, '%Y-%m-%d') AS baseDate, o.author, o.repos,
  o.downloads, o.likes, (SELECT coalesce(sum(downloads), 0) FROM cur) AS total,
  CASE WHEN b.date IS NOT NULL THEN o.common END AS commonRepos,
  CASE WHEN b.date IS NOT NULL THEN o.repos - o.listedBefore END AS newRepos,
  o.before, o.after
FROM o, d, b
ORDER BY o.downloads DESC, o.org
LIMIT $limit
