SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, id, author, downloads, downloadsAllTime, likes, trendingScore,
  task, library, license, ifNull(lc_class, 'unknown') AS licenceClass, nullIf(cname_raw, '') AS licenceName,
  nullIf(clink, '') AS licenceLink, nullIf(cfetched, '') AS cardFetched, gated, createdAt, lastModified, firstSeen,
  lastSeen, isNotNull(listed) AS inSnapshot, tags, tags__null,
  (SELECT arrayMap(t -> (tupleElement(t, 2), tupleElement(t, 3)), arraySort(groupArray((parent_key, parent_id, relation))))
    FROM model_link WHERE child_key = lowerUTF8($id)) AS baseModels,
  (SELECT count() = 0 FROM model_link WHERE child_key = lowerUTF8($id)) AS baseModels__null
FROM (
  SELECT *, if(lic IN ('other', 'unknown', '') AND ifNull(cname, '') != '', concat('name:', ifNull(cname, '')), lic)
    AS lic_key FROM (
    SELECT * FROM (
      SELECT key, id, author, pipeline_tag AS task, library_name AS library, license, gated,
        if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%dT%H:%M:%SZ')) AS createdAt,
        if(isNull(last_modified), NULL, formatDateTime(assumeNotNull(last_modified), '%Y-%m-%dT%H:%M:%SZ')) AS lastModified,
        toString(first_seen) AS firstSeen, toString(last_seen) AS lastSeen, tags, has_tags = 0 AS tags__null,
        lowerUTF8(ifNull(license, '')) AS lic
      FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key = lowerUTF8($id)
    ) ALL LEFT JOIN (SELECT key, downloads, downloads_all_time AS downloadsAllTime, likes, trending_score AS trendingScore,
      1 AS listed FROM model_stats_by_date_all WHERE /* piece: clickhouse-snapshot-rows */
      AND key = lowerUTF8($id)) USING key
  ) ALL LEFT JOIN (SELECT key, ifNull(license_name, '') AS cname_raw, lowerUTF8(ifNull(license_name, '')) AS cname,
    ifNull(license_link, '') AS clink, toString(fetched_on) AS cfetched FROM model_card_licence
    WHERE key = lowerUTF8($id)) USING key
) ALL LEFT JOIN (SELECT tag AS lic_key, class AS lc_class FROM licence_class) USING lic_key
