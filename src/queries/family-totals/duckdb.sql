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
fam AS (
  SELECT t.key, t.depth, t.relation, t.via, m.mid, m.id, m.author, s.downloads, s.likes
  FROM tree t JOIN model m ON m.key = t.key
    JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
),
named AS (
  SELECT m.key, m.id, s.downloads
  FROM model m JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
  WHERE $names::VARCHAR IS NOT NULL AND regexp_matches(m.key, $names)
    AND m.key NOT IN (SELECT key FROM fam)
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date,
  count(*) FILTER (WHERE depth = 0) AS officialRepos, coalesce(sum(downloads) FILTER (WHERE depth = 0), 0) AS officialDownloads,
  count(*) FILTER (WHERE depth > 0) AS derivativeRepos, coalesce(sum(downloads) FILTER (WHERE depth > 0), 0) AS derivativeDownloads,
  count(*) AS totalRepos, coalesce(sum(downloads), 0) AS totalDownloads,
  (SELECT count(*) FROM named) AS nameOnlyRepos, (SELECT coalesce(sum(downloads), 0) FROM named) AS nameOnlyDownloads
FROM fam
