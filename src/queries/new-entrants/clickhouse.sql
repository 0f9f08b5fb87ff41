-- As entrants-since (the same grouping; its header says why it carries no key text), between the snapshot date and the
-- latest complete snapshot at or before it minus $window days (no rows without one): the entrants found by grouping the
-- two dates' statistics, each date's visible load_id read once as a constant, by h = cityHash64(key) and, UNION ALL, by
-- key text for the hashes two keys of the dimension share (key_hash_collisions: exact; the second part reads nothing
-- when the generation lists none, as on the full listing); per key, v = -2 when one of its rows is the base date's,
-- else its count (-1 = none; counts are never negative: the import rejects them); a key's rows live on one shard
-- (sharded by cityHash64(key)), so each shard groups its own keys to the end and sends only its entrants
-- (distributed_group_by_no_merge; nothing on one server); with an author, the author's models only, found first in the
-- dimension by its author column (without one, a constant false condition: no dimension row is read); th = the
-- $limit-th largest count among the entrants (-1 = none); only entrants with a count >= th (ties and the models without
-- a count, ordered by id, included) are matched to the dimension, by (h, k): k = the key for a shared hash, ''
-- otherwise, on both sides.
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, toString(/* piece: clickhouse-window-date */) AS baseDate, id, author, nullIf(d, -1) AS downloads,
  toString(first_seen) AS firstSeen
FROM (
  SELECT cityHash64(key) AS h, if(h IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */), key, '') AS k, id, author,
    first_seen
  FROM model_dim_rows
  WHERE load_id = /* piece: clickhouse-current-generation */
    AND isNotNull(/* piece: clickhouse-window-date */)
) ALL INNER JOIN (
  SELECT h, k, d FROM (
    SELECT groupArray(h) AS hs, groupArray(k) AS kss, groupArray(v) AS ds,
      if(length(ds) < $limit, -1, arrayReverseSort(ds)[$limit]) AS th
    FROM (
      SELECT cityHash64(key) AS h, '' AS k, min(if(date = ifNull(/* piece: clickhouse-window-date */, toDate(0)), toInt64(-2), ifNull(downloads, toInt64(-1)))) AS v
      FROM model_stats_by_date_all
      WHERE date IN (ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)), ifNull(/* piece: clickhouse-window-date */, toDate(0)))
        AND load_id = if(date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(/* piece: clickhouse-window-date */, toDate(0))))
        AND isNotNull(/* piece: clickhouse-window-date */)
        AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model_dim_rows PREWHERE lowerUTF8(author) = lowerUTF8($author)
          WHERE load_id = /* piece: clickhouse-current-generation */ AND isNotNull($author)))
        AND h GLOBAL NOT IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */)
      GROUP BY h
      HAVING v > -2
      SETTINGS distributed_group_by_no_merge = 1
      UNION ALL
      SELECT cityHash64(key) AS h, key AS k, min(if(date = ifNull(/* piece: clickhouse-window-date */, toDate(0)), toInt64(-2), ifNull(downloads, toInt64(-1)))) AS v
      FROM model_stats_by_date_all
      WHERE date IN (ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)), ifNull(/* piece: clickhouse-window-date */, toDate(0)))
        AND load_id = if(date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))), (SELECT any(load_id) FROM snapshot WHERE date = ifNull(/* piece: clickhouse-window-date */, toDate(0))))
        AND isNotNull(/* piece: clickhouse-window-date */)
        AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model_dim_rows PREWHERE lowerUTF8(author) = lowerUTF8($author)
          WHERE load_id = /* piece: clickhouse-current-generation */ AND isNotNull($author)))
        AND h GLOBAL IN (SELECT h FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */)
        AND (SELECT count() FROM key_hash_collisions WHERE load_id = /* piece: clickhouse-current-generation */) > 0
      GROUP BY key
      HAVING v > -2
      SETTINGS distributed_group_by_no_merge = 1
    )
  ) ARRAY JOIN hs AS h, kss AS k, ds AS d
  WHERE d >= th
) USING h, k
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit
