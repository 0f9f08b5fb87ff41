SELECT child_key AS child, parent_key AS parentKey, min(parent_id) AS parentId,
  if(countIf(relation != 'unknown') > 0, minIf(relation, relation != 'unknown'), 'unknown') AS relation
FROM model_link
WHERE has(splitByChar(',', lowerUTF8($keys)), child_key) AND child_key != parent_key
GROUP BY child_key, parent_key
ORDER BY child, parentKey
