SELECT id, author, downloads, likes, depth, relation, via FROM (
  SELECT id, author, downloads, likes, depth, relation, ifNull(via, '') AS vkey FROM (SELECT key, depth, relation, via, id, author, downloads, likes FROM (
    SELECT key, depth, relation, via, id, author FROM (SELECT key, depth, relation, via FROM family_walk)
    ALL INNER JOIN (SELECT key, id, author FROM model WHERE key GLOBAL IN (SELECT key FROM family_walk)) USING key
  ) ALL INNER JOIN (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
    AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND key GLOBAL IN (SELECT key FROM family_walk)) USING key)
) ALL LEFT JOIN (SELECT key AS vkey, id AS via FROM (SELECT key, id, author FROM model WHERE key GLOBAL IN (SELECT key FROM family_walk))) USING vkey
ORDER BY downloads DESC NULLS LAST, id LIMIT $limit
