SELECT toString(d) AS date, downloads, downloads_all_time AS downloadsAllTime, likes,
  trending_score AS trendingScore
FROM (SELECT date AS d, downloads, downloads_all_time, likes, trending_score FROM model_stats_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND key = lowerUTF8($id))
ORDER BY d
