-- The ClickHouse series per bucket over per-snapshot sums (org-series, family-series and its stored form).
SELECT toString(b) AS bucket, unit, toString(first_date) AS firstDate, toString(last_date) AS lastDate,
  snapshots, repos, new_repos AS newRepos, downloads, likes, all_time AS downloadsAllTime, all_time_repos AS allTimeRepos,
  daily_downloads AS dailyDownloads, counter_downloads AS counterDownloads, counter_days AS counterDays,
  counter_repos AS counterRepos, gap_repos AS gapRepos, decrease_repos AS decreaseRepos, partial
FROM (SELECT pb AS b, any(p_unit) AS unit, count() AS snapshots, min(sd) AS first_date, max(sd) AS last_date,
  argMax(p_repos, sd) AS repos, nullIf(argMax(ifNull(p_downloads, -1), sd), -1) AS downloads,
  nullIf(argMax(ifNull(p_likes, -1), sd), -1) AS likes, nullIf(argMax(ifNull(p_all_time, -1), sd), -1) AS all_time,
  argMax(p_all_time_repos, sd) AS all_time_repos, sum(p_delta) AS counter_downloads,
  if(countIf(p_delta_repos > 0) = 0, NULL, sumIf(sd - p_prev, p_delta_repos > 0)) AS counter_days,
  counter_downloads / nullIf(counter_days, 0) AS daily_downloads, argMax(p_delta_repos, sd) AS counter_repos,
  sum(p_new) AS new_repos, sum(p_gap) AS gap_repos, sum(p_decrease) AS decrease_repos,
  any(p_lo) > pb OR any(p_hi) < multiIf(unit = 'day', pb, unit = 'week', pb + 6, addMonths(pb, 1) - 1) AS partial

