WITH members(mid) AS MATERIALIZED (SELECT mid FROM model WHERE key = lower($id)),
/* piece: duckdb-series-chain */
SELECT strftime(bucket, '%Y-%m-%d') AS bucket, unit, strftime(first_date, '%Y-%m-%d') AS firstDate,
  strftime(last_date, '%Y-%m-%d') AS lastDate, snapshots, downloads, all_time AS downloadsAllTime, likes,
  daily_downloads AS dailyDownloads, counter_downloads AS counterDownloads, counter_days AS counterDays,
  new_repos > 0 AS first, gap_repos > 0 AS gap, decrease_repos > 0 AS decrease, partial
FROM buckets ORDER BY bucket
