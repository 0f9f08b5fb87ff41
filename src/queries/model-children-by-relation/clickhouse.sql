SELECT relation, count() AS repos, ifNull(sum(downloads), 0) AS downloads FROM (SELECT child_key AS key,
    if(countIf(relation != 'unknown') > 0, minIf(relation, relation != 'unknown'), 'unknown') AS relation
  FROM model_link WHERE parent_key = lowerUTF8($id) AND child_key != parent_key GROUP BY child_key)
ALL INNER JOIN (SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))) USING key
GROUP BY relation
ORDER BY indexOf(['finetune', 'adapter', 'quantized', 'merge', 'unknown', 'reupload'], relation)
