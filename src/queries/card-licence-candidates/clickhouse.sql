SELECT id, downloads, lic AS license FROM (
  SELECT key, id, downloads, lic FROM (SELECT key, downloads, downloads_all_time, likes, trending_score, 1 AS listed
  FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)))
  ALL INNER JOIN (SELECT key, id, lowerUTF8(ifNull(license, '')) AS lic FROM model
    WHERE lowerUTF8(ifNull(license, '')) IN ('other', 'unknown')) USING key
  WHERE ifNull(downloads, 0) >= $min_downloads
) ALL LEFT JOIN (SELECT key, fetched_on FROM model_card_licence) USING key
WHERE isNull($fetched_since) OR isNull(fetched_on) OR fetched_on < toDate($fetched_since)
ORDER BY downloads DESC, id
LIMIT $limit
