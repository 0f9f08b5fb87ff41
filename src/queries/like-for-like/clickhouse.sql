SELECT models, before, after, if(tb_key = '', NULL, tb_id) AS topBeforeId, tb_b AS topBeforeBefore,
  tb_a AS topBeforeAfter, if(ta_key = '', NULL, ta_id) AS topAfterId, ta_b AS topAfterBefore, ta_a AS topAfterAfter
FROM (
  SELECT 1 AS one, count() AS models, ifNull(sum(b), 0) AS before, ifNull(sum(a), 0) AS after FROM (SELECT key, b, a FROM (
    SELECT key, downloads AS a FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0)) AND isNotNull(downloads)
      AND (isNull($official) OR key GLOBAL IN (SELECT key FROM family_walk))
      AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model
        WHERE lowerUTF8(author) = lowerUTF8($author) AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))))
  ) ALL INNER JOIN (
    SELECT key, downloads AS b FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($base), toDate(0)) AND isNotNull(downloads)
  ) USING key)
) ALL LEFT JOIN (
  SELECT one, tb_key, tb_id, tb_b, tb_a, ta_key, ta_id, ta_b, ta_a FROM (SELECT 1 AS one, key AS tb_key, id AS tb_id, b AS tb_b, a AS tb_a
    FROM (SELECT key, b, a FROM (SELECT key, b, a FROM (
    SELECT key, downloads AS a FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0)) AND isNotNull(downloads)
      AND (isNull($official) OR key GLOBAL IN (SELECT key FROM family_walk))
      AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model
        WHERE lowerUTF8(author) = lowerUTF8($author) AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))))
  ) ALL INNER JOIN (
    SELECT key, downloads AS b FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($base), toDate(0)) AND isNotNull(downloads)
  ) USING key) ORDER BY b DESC, key LIMIT 1)
    ALL INNER JOIN (SELECT key, id, author FROM model WHERE key GLOBAL IN (SELECT key FROM (SELECT key, b FROM (SELECT key, b, a FROM (
    SELECT key, downloads AS a FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0)) AND isNotNull(downloads)
      AND (isNull($official) OR key GLOBAL IN (SELECT key FROM family_walk))
      AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model
        WHERE lowerUTF8(author) = lowerUTF8($author) AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))))
  ) ALL INNER JOIN (
    SELECT key, downloads AS b FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($base), toDate(0)) AND isNotNull(downloads)
  ) USING key) ORDER BY b DESC, key LIMIT 1))) USING key)
  ALL INNER JOIN (SELECT 1 AS one, key AS ta_key, id AS ta_id, b AS ta_b, a AS ta_a
    FROM (SELECT key, b, a FROM (SELECT key, b, a FROM (
    SELECT key, downloads AS a FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0)) AND isNotNull(downloads)
      AND (isNull($official) OR key GLOBAL IN (SELECT key FROM family_walk))
      AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model
        WHERE lowerUTF8(author) = lowerUTF8($author) AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))))
  ) ALL INNER JOIN (
    SELECT key, downloads AS b FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($base), toDate(0)) AND isNotNull(downloads)
  ) USING key) ORDER BY a DESC, key LIMIT 1)
    ALL INNER JOIN (SELECT key, id, author FROM model WHERE key GLOBAL IN (SELECT key FROM (SELECT key, a FROM (SELECT key, b, a FROM (
    SELECT key, downloads AS a FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0)) AND isNotNull(downloads)
      AND (isNull($official) OR key GLOBAL IN (SELECT key FROM family_walk))
      AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model
        WHERE lowerUTF8(author) = lowerUTF8($author) AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))))
  ) ALL INNER JOIN (
    SELECT key, downloads AS b FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($base), toDate(0)) AND isNotNull(downloads)
  ) USING key) ORDER BY a DESC, key LIMIT 1))) USING key) USING one
) USING one
