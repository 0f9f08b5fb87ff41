-- The models that can rank, read by key: without filters, those at or above the cut-off — the $limit-th largest 30-day
-- count of the date, from the date's top models written at load (rollup_top_rows: every count at or above the 10,000th
-- largest, ties included; $limit is at most 10,000); with a filter, or fewer counts than $limit (cut-off -1), the
-- models of the filters.
SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, id, author, downloads, likes, pipeline_tag AS task,
  library_name AS library, license
FROM (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
  AND key GLOBAL IN (
    SELECT key FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
      AND downloads >= (SELECT if(isNotNull($task) OR isNotNull($library) OR isNotNull($license) OR isNotNull($author)
    OR count() < $limit, toInt64(-1), toInt64(min(d)))
    FROM (SELECT downloads AS d FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
      ORDER BY downloads DESC LIMIT $limit))
      AND isNull($task) AND isNull($library) AND isNull($license) AND isNull($author)
    UNION ALL
    SELECT key FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
      AND (SELECT if(isNotNull($task) OR isNotNull($library) OR isNotNull($license) OR isNotNull($author)
    OR count() < $limit, toInt64(-1), toInt64(min(d)))
    FROM (SELECT downloads AS d FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
      ORDER BY downloads DESC LIMIT $limit)) = -1
      AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
      AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))
      AND (isNull($license) OR lowerUTF8(license) = lowerUTF8($license))
      AND (isNull($author) OR lowerUTF8(author) = lowerUTF8($author)))
  AND ifNull(downloads, -1) >= (SELECT if(isNotNull($task) OR isNotNull($library) OR isNotNull($license) OR isNotNull($author)
    OR count() < $limit, toInt64(-1), toInt64(min(d)))
    FROM (SELECT downloads AS d FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
      ORDER BY downloads DESC LIMIT $limit)))
ALL INNER JOIN (SELECT key, id, author, pipeline_tag, library_name, license FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
  AND key IN (
    SELECT key FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
      AND downloads >= (SELECT if(isNotNull($task) OR isNotNull($library) OR isNotNull($license) OR isNotNull($author)
    OR count() < $limit, toInt64(-1), toInt64(min(d)))
    FROM (SELECT downloads AS d FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
      ORDER BY downloads DESC LIMIT $limit))
      AND isNull($task) AND isNull($library) AND isNull($license) AND isNull($author)
    UNION ALL
    SELECT key FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
      AND (SELECT if(isNotNull($task) OR isNotNull($library) OR isNotNull($license) OR isNotNull($author)
    OR count() < $limit, toInt64(-1), toInt64(min(d)))
    FROM (SELECT downloads AS d FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
      ORDER BY downloads DESC LIMIT $limit)) = -1
      AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
      AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))
      AND (isNull($license) OR lowerUTF8(license) = lowerUTF8($license))
      AND (isNull($author) OR lowerUTF8(author) = lowerUTF8($author)))) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit
