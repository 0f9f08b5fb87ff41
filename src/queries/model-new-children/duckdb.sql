WITH c AS (
  SELECT l.child_key AS key,
    coalesce(min(l.relation) FILTER (WHERE l.relation <> 'unknown'), 'unknown') AS relation
  FROM model_link l WHERE l.parent_key = lower($id) AND l.child_key <> l.parent_key
  GROUP BY l.child_key
)
SELECT m.id, m.author, c.relation, s.downloads, strftime(m.created_at, '%Y-%m-%d') AS created,
  strftime(m.first_seen, '%Y-%m-%d') AS firstSeen
FROM model_stats s JOIN snapshot p ON p.date = s.date AND p.status = 'complete'
  JOIN model m ON m.mid = s.mid JOIN c ON c.key = m.key
WHERE s.date = $date::DATE AND m.first_seen > $since::DATE
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit
