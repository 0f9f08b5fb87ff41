-- The entrants (listed at date, not at base) are found by grouping the two dates' statistics by key: each date's
-- visible load_id read once as a constant (the row's load must be its date's); per key, v = -2 when one of its rows is
-- the base date's, else its count (-1 = none), one Int64 minimum, so a key is an entrant when v > -2 (counts are never
-- negative: the import rejects them). Two groupings, UNION ALL: by h = cityHash64(key) (a UInt64 grouping that carries
-- no key text) for every key but those whose hash two keys of the dimension share, and by key text for those
-- (key_hash_collisions: none on the full listing), so the answer is exact; the second reads nothing when the generation
-- lists no shared hash (a constant false condition). The statistics are sharded by cityHash64(key), so a key's rows of
-- both dates live on one shard: each shard groups its own keys to the end and sends only its entrants
-- (distributed_group_by_no_merge; on one server the setting changes nothing). The entrants are folded into arrays:
-- their count and summed downloads, and th, the $limit-th largest count among them (-1 = none: fewer than $limit
-- entrants, or the $limit-th has no count). Only entrants with a count >= th can be in the answer (ties and the models
-- without a count, ordered by id, included), so only those are matched to the dimension, by (h, k): k = the key for a
-- shared hash, '' otherwise, on both sides. Carrying each key's text (any(key)) and count (any(downloads)) through the
-- grouping cost more than the grouping itself (0.65 s against 0.28 s on a 30-day store of the full listing); hashing
-- the dimension's keys to match costs ~0.05 s.
SELECT id, author, nullIf(d, -1) AS downloads, entrants, newDownloads
FROM (
  SELECT cityHash64(key) AS h, if(h IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */), key, '') AS k, id, author
  FROM model_dim_rows
  WHERE load_id = /* piece: clickhouse-current-generation */
) ALL INNER JOIN (
  SELECT h, k, d, entrants, newDownloads FROM (
    SELECT groupArray(h) AS hs, groupArray(k) AS kss, groupArray(v) AS ds, count() AS entrants,
      if(countIf(v >= 0) = 0, NULL, sumIf(v, v >= 0)) AS newDownloads, if(length(ds) < $limit, -1, arrayReverseSort(ds)[$limit]) AS th
    FROM (
      SELECT cityHash64(key) AS h, '' AS k, min(if(date = ifNull(toDate($base), toDate(0)), toInt64(-2), ifNull(downloads, toInt64(-1)))) AS v
      FROM model_stats_by_date_all
      WHERE date IN (ifNull(toDate($date), toDate(0)), ifNull(toDate($base), toDate(0)))
        AND load_id = if(date = ifNull(toDate($date), toDate(0)), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($date), toDate(0))), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($base), toDate(0))))
        AND h GLOBAL NOT IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */)
      GROUP BY h
      HAVING v > -2
      SETTINGS distributed_group_by_no_merge = 1
      UNION ALL
      SELECT cityHash64(key) AS h, key AS k, min(if(date = ifNull(toDate($base), toDate(0)), toInt64(-2), ifNull(downloads, toInt64(-1)))) AS v
      FROM model_stats_by_date_all
      WHERE date IN (ifNull(toDate($date), toDate(0)), ifNull(toDate($base), toDate(0)))
        AND load_id = if(date = ifNull(toDate($date), toDate(0)), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($date), toDate(0))), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($base), toDate(0))))
        AND h GLOBAL IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */)
        AND (SELECT count() FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */) > 0
      GROUP BY key
      HAVING v > -2
      SETTINGS distributed_group_by_no_merge = 1
    )
  ) ARRAY JOIN hs AS h, kss AS k, ds AS d
  WHERE d >= th
) USING h, k
ORDER BY downloads DESC NULLS LAST, id LIMIT $limit
