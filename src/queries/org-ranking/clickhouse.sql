SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, (SELECT toString(bd) FROM (SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window) AS bd
  FROM (SELECT (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS dd))) AS baseDate,
  tupleElement(r, 2) AS author, tupleElement(r, 3) AS repos, tupleElement(r, 4) AS downloads, tupleElement(r, 5) AS likes,
  total, if(isNull(baseDate), NULL, tupleElement(r, 6)) AS commonRepos,
  if(isNull(baseDate), NULL, tupleElement(r, 3) - tupleElement(r, 7)) AS newRepos,
  if(tupleElement(r, 6) = 0, NULL, tupleElement(r, 8)) AS before,
  if(tupleElement(r, 6) = 0, NULL, tupleElement(r, 9)) AS after, tupleElement(r, 1) AS org
FROM (
  SELECT groupArray((org, author, repos, downloads, likes, common, listedBefore, before, after)) AS rs, sum(downloads) AS total
  FROM (
    SELECT org, min(author) AS author, count() AS repos, ifNull(sum(dl), 0) AS downloads, ifNull(sum(lk), 0) AS likes,
      countIf(both) AS common, countIf(listed = 1) AS listedBefore, ifNull(sumIf(pdl, both), 0) AS before,
      ifNull(sumIf(dl, both), 0) AS after
    FROM (
      SELECT org, author, dl, lk, pdl, ifNull(listed, 0) AS listed, isNotNull(pdl) AND isNotNull(dl) AS both FROM (
        SELECT key, lowerUTF8(author) AS org, author, dl, lk FROM (
          SELECT key, downloads AS dl, likes AS lk FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))
        ) ALL INNER JOIN (SELECT key, author FROM model
          WHERE (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
            AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))) USING key
      ) ALL LEFT JOIN (SELECT key, downloads AS pdl, 1 AS listed FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
        AND date = ifNull((SELECT bd FROM (SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window) AS bd
  FROM (SELECT (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS dd))), toDate(0))) USING key
    )
    GROUP BY org
  )
) ARRAY JOIN rs AS r
ORDER BY downloads DESC, org
LIMIT $limit
