SELECT toString(d) AS date, tupleElement(r, 1) AS class, tupleElement(r, 2) AS repos,
  tupleElement(r, 3) AS downloads, if(total = 0, 0, tupleElement(r, 3) / total) AS share
FROM (
  SELECT d, groupArray((c, n, dls)) AS rs, sum(dls) AS total FROM (
    SELECT d, class AS c, count() AS n, ifNull(sum(dl), 0) AS dls FROM (SELECT d, class, dl FROM (SELECT key, date AS d, downloads AS dl FROM model_stats)
  ALL INNER JOIN (SELECT key, ifNull(lclass, 'unknown') AS class, gated FROM (SELECT *, if(lic IN ('other', 'unknown', '') AND ifNull(cname, '') != '', concat('name:', ifNull(cname, '')), lic)
      AS lickey FROM (
    SELECT key, gated, lowerUTF8(ifNull(license, '')) AS lic FROM model WHERE (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
    AND (isNull($official) OR key IN (SELECT key FROM family_walk)))
    ALL LEFT JOIN (SELECT key, lowerUTF8(ifNull(license_name, '')) AS cname FROM model_card_licence) USING key)
  ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey) USING key) GROUP BY d, class
  ) GROUP BY d
) ARRAY JOIN rs AS r
ORDER BY d, if(indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class) = 0, 1000,
  indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class))
