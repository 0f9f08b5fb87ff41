WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
c AS (
  SELECT l.child_key AS key,
    coalesce(min(l.relation) FILTER (WHERE l.relation <> 'unknown'), 'unknown') AS relation
  FROM model_link l WHERE l.parent_key = lower($id) AND l.child_key <> l.parent_key
  GROUP BY l.child_key
)
SELECT m.id, m.author, c.relation, s.downloads, s.likes, m.license, strftime(m.created_at, '%Y-%m-%d') AS created,
  strftime(m.first_seen, '%Y-%m-%d') AS firstSeen
FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid JOIN c ON c.key = m.key
WHERE $relation::VARCHAR IS NULL OR c.relation = $relation
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit
