WITH RECURSIVE d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
fams AS (SELECT unnest($families) AS family, unnest($officials) AS official),
candidates AS MATERIALIZED (
  SELECT key FROM model
  WHERE regexp_matches(key, array_to_string(list_transform($officials, x -> '(?:' || x || ')'), '|'))
),
tree(family, key, depth) USING KEY (family, key) AS (
  SELECT f.family, c.key, 0 FROM fams f JOIN candidates c ON regexp_matches(c.key, f.official)
  UNION
  SELECT t.family, l.child_key, min(t.depth) + 1
  FROM tree t JOIN model_link l ON l.parent_key = t.key
    LEFT JOIN recurring.tree r ON r.family = t.family AND r.key = l.child_key
  WHERE t.depth < $depth
    AND (($relations::VARCHAR IS NULL AND l.relation <> 'reupload') OR list_contains(string_split($relations, ','), l.relation))
    AND r.key IS NULL
  GROUP BY t.family, l.child_key
),
fam AS (
  SELECT t.family, t.depth, s.downloads
  FROM tree t JOIN model m ON m.key = t.key
    JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, f.family,
  count(x.family) FILTER (WHERE x.depth = 0) AS officialRepos,
  coalesce(sum(x.downloads) FILTER (WHERE x.depth = 0), 0) AS officialDownloads,
  count(x.family) FILTER (WHERE x.depth > 0) AS derivativeRepos,
  coalesce(sum(x.downloads) FILTER (WHERE x.depth > 0), 0) AS derivativeDownloads,
  count(x.family) AS totalRepos, coalesce(sum(x.downloads), 0) AS totalDownloads
FROM fams f LEFT JOIN fam x ON x.family = f.family
GROUP BY f.family
ORDER BY totalDownloads DESC, f.family
