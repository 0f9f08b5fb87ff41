SELECT id, downloads, likes, license
FROM (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE date = ifNull(toDate($date), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($date), toDate(0)))
  AND key IN (SELECT arrayJoin(splitByChar(',', $ids))))
ALL INNER JOIN (SELECT key, id, license FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key IN (SELECT arrayJoin(splitByChar(',', $ids)))) USING key
ORDER BY id
