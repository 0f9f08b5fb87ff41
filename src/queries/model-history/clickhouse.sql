-- The model's rows are read by key from the statistics (every load of every date: a few rows), then the visible
-- (date, load_id) pairs are joined on the coordinator: no set is sent to the shards.
SELECT toString(d) AS date, downloads, downloads_all_time AS downloadsAllTime, likes,
  trending_score AS trendingScore
FROM (SELECT date AS d, downloads, downloads_all_time, likes, trending_score FROM (
    SELECT date, load_id, downloads, downloads_all_time, likes, trending_score FROM model_stats_all WHERE key = lowerUTF8($id)
  ) ALL INNER JOIN (SELECT date, load_id FROM snapshot) USING (date, load_id))
ORDER BY d
