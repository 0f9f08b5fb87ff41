SELECT l.child_key AS child, l.parent_key AS parentKey, min(l.parent_id) AS parentId,
  coalesce(min(l.relation) FILTER (WHERE l.relation <> 'unknown'), 'unknown') AS relation
FROM model_link l
WHERE list_contains(string_split(lower($keys), ','), l.child_key) AND l.child_key <> l.parent_key
GROUP BY l.child_key, l.parent_key
ORDER BY child, parentKey
