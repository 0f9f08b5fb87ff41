-- The author's models in the current generation of the dimension, the name pattern tried on their ids only.
SELECT key FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
  AND lowerUTF8(author) = lowerUTF8($author)
  AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))
