-- As entrants-since, between the snapshot date and the latest complete snapshot at or before it minus $window days (no
-- rows without one): the entrants found by grouping the two dates' statistics, each date's visible load_id read once as
-- a constant, by cityHash64(key) and, UNION ALL, by key text for the hashes two keys of the dimension share
-- (key_hash_collisions: exact; a second read of the two dates' keys, which finds none on the full listing); a key's
-- rows live on one shard (sharded by cityHash64(key)), so each shard groups its own keys to the end and sends only its
-- entrants (distributed_group_by_no_merge; nothing on one server); with an author, the author's models only, found
-- first in the dimension by its author column (without one, a constant false condition: no dimension row is read); th =
-- the $limit-th largest count among the entrants (-1 = none); only entrants with a count >= th (ties and the models
-- without a count, ordered by id, included) are matched to the dimension.
SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window)) AS baseDate, id, author, nullIf(d, -1) AS downloads,
  toString(first_seen) AS firstSeen
FROM model_dim_rows ALL INNER JOIN (
  SELECT key, d FROM (
    SELECT groupArray(entrant) AS ks, groupArray(ifNull(downloads, -1)) AS ds,
      if(length(ds) < $limit, -1, arrayReverseSort(ds)[$limit]) AS th
    FROM (
      SELECT any(key) AS entrant, any(downloads) AS downloads
      FROM model_stats_by_date_all
      WHERE date IN (ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)), ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window), toDate(0)))
        AND load_id = if(date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)), (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))), (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window), toDate(0))))
        AND isNotNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window))
        AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model_dim_rows PREWHERE lowerUTF8(author) = lowerUTF8($author)
          WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND isNotNull($author)))
        AND cityHash64(key) GLOBAL NOT IN (SELECT h FROM key_hash_collisions WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)))
      GROUP BY cityHash64(key)
      HAVING max(date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window), toDate(0))) = 0
      SETTINGS distributed_group_by_no_merge = 1
      UNION ALL
      SELECT key AS entrant, any(downloads) AS downloads
      FROM model_stats_by_date_all
      WHERE date IN (ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)), ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window), toDate(0)))
        AND load_id = if(date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)), (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))), (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window), toDate(0))))
        AND isNotNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window))
        AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model_dim_rows PREWHERE lowerUTF8(author) = lowerUTF8($author)
          WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND isNotNull($author)))
        AND cityHash64(key) GLOBAL IN (SELECT h FROM key_hash_collisions WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)))
      GROUP BY key
      HAVING max(date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window), toDate(0))) = 0
      SETTINGS distributed_group_by_no_merge = 1
    )
  ) ARRAY JOIN ks AS key, ds AS d
  WHERE d >= th
) USING key
WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
  AND isNotNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window))
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit
