SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, tupleElement(r, 1) AS class, tupleElement(r, 2) AS repos,
  tupleElement(r, 3) AS downloads, if(total = 0, 0, tupleElement(r, 3) / total) AS share,
  tupleElement(r, 4) AS gatedRepos, tupleElement(r, 5) AS gatedDownloads, tupleElement(r, 6) AS gatingUnknown
FROM (
  SELECT groupArray((c, n, dls, gr, gd, gu)) AS rs, sum(dls) AS total FROM (
    SELECT class AS c, count() AS n, ifNull(sum(dl), 0) AS dls,
      countIf(ifNull(gated, '') IN ('auto', 'manual')) AS gr,
      ifNull(sumIf(dl, ifNull(gated, '') IN ('auto', 'manual')), 0) AS gd,
      countIf(isNull(gated)) AS gu
    FROM (SELECT class, gated, dl FROM
  (SELECT key, downloads AS dl FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
  ALL INNER JOIN (SELECT key, ifNull(lclass, 'unknown') AS class, gated FROM (SELECT *, if(lic IN ('other', 'unknown', '') AND ifNull(cname, '') != '', concat('name:', ifNull(cname, '')), lic)
      AS lickey FROM (
    SELECT key, gated, lowerUTF8(ifNull(license, '')) AS lic FROM model WHERE (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
    AND (isNull($official) OR key IN (SELECT key FROM family_walk)))
    ALL LEFT JOIN (SELECT key, lowerUTF8(ifNull(license_name, '')) AS cname FROM model_card_licence) USING key)
  ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey) USING key) GROUP BY class
  )
) ARRAY JOIN rs AS r
ORDER BY if(indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class) = 0, 1000,
  indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class))
