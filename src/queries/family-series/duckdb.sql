WITH members(mid) AS MATERIALIZED (WITH RECURSIVE /* piece: duckdb-family-walk */
  -- filtering the model table (rather than selecting from the walk) keeps the planner's size estimate of the
  -- member set at most the model count, so the statistics scan is the probe side of the join
  SELECT m.mid FROM model m
  WHERE m.key IN (SELECT key FROM tree WHERE $scope = 'total' OR ($scope = 'official') = (depth = 0))),
/* piece: duckdb-series-chain */
SELECT strftime(bucket, '%Y-%m-%d') AS bucket, unit, strftime(first_date, '%Y-%m-%d') AS firstDate,
  strftime(last_date, '%Y-%m-%d') AS lastDate, snapshots, repos, new_repos AS newRepos, downloads, likes,
  all_time AS downloadsAllTime, all_time_repos AS allTimeRepos, daily_downloads AS dailyDownloads,
  counter_downloads AS counterDownloads, counter_days AS counterDays, counter_repos AS counterRepos,
  gap_repos AS gapRepos, decrease_repos AS decreaseRepos, partial
FROM buckets ORDER BY bucket
