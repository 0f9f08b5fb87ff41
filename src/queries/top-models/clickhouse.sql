SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, id, author, downloads, likes, pipeline_tag AS task,
  library_name AS library, license
FROM (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
  AND ifNull(downloads, -1) >= (SELECT if(isNotNull($task) OR isNotNull($library) OR isNotNull($license) OR isNotNull($author)
    OR count() < $limit, toInt64(-1), toInt64(min(d)))
  FROM (SELECT downloads AS d FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
    AND isNotNull(downloads) ORDER BY downloads DESC LIMIT $limit)))
ALL INNER JOIN (SELECT key, id, author, pipeline_tag, library_name, license FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
    AND key IN (SELECT key FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
      AND ifNull(downloads, -1) >= (SELECT if(isNotNull($task) OR isNotNull($library) OR isNotNull($license) OR isNotNull($author)
    OR count() < $limit, toInt64(-1), toInt64(min(d)))
  FROM (SELECT downloads AS d FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
    AND isNotNull(downloads) ORDER BY downloads DESC LIMIT $limit)))
    AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
    AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))
    AND (isNull($license) OR lowerUTF8(license) = lowerUTF8($license))
    AND (isNull($author) OR lowerUTF8(author) = lowerUTF8($author))) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit
