SELECT key FROM model WHERE lowerUTF8(author) = lowerUTF8($author)
  AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))
