WITH members(mid) AS MATERIALIZED (SELECT mid FROM model WHERE lower(author) = lower($author)
  AND ($match::VARCHAR IS NULL OR regexp_matches(substr(id, length(author) + 2), $match, 'i'))),
/* piece: duckdb-series-chain */
SELECT strftime(bucket, '%Y-%m-%d') AS bucket, unit, strftime(first_date, '%Y-%m-%d') AS firstDate,
  strftime(last_date, '%Y-%m-%d') AS lastDate, snapshots, repos, new_repos AS newRepos, downloads, likes,
  all_time AS downloadsAllTime, all_time_repos AS allTimeRepos, daily_downloads AS dailyDownloads,
  counter_downloads AS counterDownloads, counter_days AS counterDays, counter_repos AS counterRepos,
  gap_repos AS gapRepos, decrease_repos AS decreaseRepos, partial
FROM buckets ORDER BY bucket
