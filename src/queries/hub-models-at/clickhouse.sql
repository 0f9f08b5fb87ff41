SELECT id, downloads, likes, license
FROM (SELECT key, downloads, likes FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0)) AND has(splitByChar(',', $ids), key))
ALL INNER JOIN (SELECT key, id, license FROM model WHERE has(splitByChar(',', $ids), key)) USING key
ORDER BY id
