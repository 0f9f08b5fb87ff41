-- The entrants (listed at date, not at base) are found by grouping the two dates' statistics by key: each date's
-- visible load_id read once as a constant (the row's load must be its date's), a key is an entrant when none of its
-- rows is the base date's. Two groupings, UNION ALL: by cityHash64(key) (a UInt64 grouping: 0.42 s instead of 0.95 s
-- by key text on the full listing) for every key but those whose hash two keys of the dimension share, and by text for
-- those (key_hash_collisions: none on the full listing), so the answer is exact; the second reads the two dates' keys
-- again to find that it has nothing to group. The statistics are sharded by cityHash64(key), so a key's rows of both
-- dates live on one shard: each shard groups its own keys to the end and sends only its entrants
-- (distributed_group_by_no_merge; on one server the setting changes nothing). The entrants are folded into arrays:
-- their count and summed downloads, and th, the $limit-th largest count among them (-1 = none: fewer than $limit
-- entrants, or the $limit-th has no count). Only entrants with a count >= th can be in the answer (ties and the models
-- without a count, ordered by id, included), so only those are matched to the dimension.
SELECT id, author, nullIf(d, -1) AS downloads, entrants, newDownloads
FROM model_dim_rows ALL INNER JOIN (
  SELECT key, d, entrants, newDownloads FROM (
    SELECT groupArray(entrant) AS ks, groupArray(ifNull(downloads, -1)) AS ds, count() AS entrants,
      sum(downloads) AS newDownloads, if(length(ds) < $limit, -1, arrayReverseSort(ds)[$limit]) AS th
    FROM (
      SELECT any(key) AS entrant, any(downloads) AS downloads
      FROM model_stats_by_date_all
      WHERE date IN (ifNull(toDate($date), toDate(0)), ifNull(toDate($base), toDate(0)))
        AND load_id = if(date = ifNull(toDate($date), toDate(0)), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($date), toDate(0))), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($base), toDate(0))))
        AND cityHash64(key) GLOBAL NOT IN (SELECT h FROM key_hash_collisions WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)))
      GROUP BY cityHash64(key)
      HAVING max(date = ifNull(toDate($base), toDate(0))) = 0
      SETTINGS distributed_group_by_no_merge = 1
      UNION ALL
      SELECT key AS entrant, any(downloads) AS downloads
      FROM model_stats_by_date_all
      WHERE date IN (ifNull(toDate($date), toDate(0)), ifNull(toDate($base), toDate(0)))
        AND load_id = if(date = ifNull(toDate($date), toDate(0)), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($date), toDate(0))), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($base), toDate(0))))
        AND cityHash64(key) GLOBAL IN (SELECT h FROM key_hash_collisions WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)))
      GROUP BY key
      HAVING max(date = ifNull(toDate($base), toDate(0))) = 0
      SETTINGS distributed_group_by_no_merge = 1
    )
  ) ARRAY JOIN ks AS key, ds AS d
  WHERE d >= th
) USING key
WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
ORDER BY downloads DESC NULLS LAST, id LIMIT $limit
