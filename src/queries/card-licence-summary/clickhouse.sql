SELECT nullIf(cname, '') AS licenceName, ifNull(lclass, 'unknown') AS class, count() AS repos,
  ifNull(sum(downloads), 0) AS downloads
FROM (
  SELECT * FROM (SELECT *, if(lic IN ('other', 'unknown', '') AND ifNull(cname, '') != '', concat('name:', ifNull(cname, '')), lic)
      AS lickey FROM (
    SELECT key, downloads, lic FROM (SELECT key, downloads, downloads_all_time, likes, trending_score, 1 AS listed
  FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)))
    ALL INNER JOIN (SELECT key, lowerUTF8(ifNull(license, '')) AS lic FROM model
      WHERE lowerUTF8(ifNull(license, '')) IN ('other', 'unknown', '')) USING key)
    ALL LEFT JOIN (SELECT key, lowerUTF8(ifNull(license_name, '')) AS cname FROM model_card_licence) USING key)
  WHERE key IN (SELECT key FROM model_card_licence)
) ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey
GROUP BY licenceName, class
ORDER BY downloads DESC, repos DESC, isNull(licenceName), licenceName, class
