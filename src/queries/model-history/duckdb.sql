SELECT strftime(s.date, '%Y-%m-%d') AS date, s.downloads, s.downloads_all_time AS downloadsAllTime, s.likes,
  s.trending_score AS trendingScore
FROM model_stats s JOIN snapshot p ON p.date = s.date AND p.status = 'complete'
WHERE s.mid = (SELECT mid FROM model WHERE key = lower($id))
ORDER BY s.date
