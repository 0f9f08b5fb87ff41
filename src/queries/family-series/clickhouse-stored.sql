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
FROM (
  SELECT sd, any(b) AS pb, any(unit) AS p_unit, any(lo) AS p_lo, any(hi) AS p_hi, any(prev_date) AS p_prev,
    sum(repos) AS p_repos, if(sum(dl_n) = 0, NULL, sum(dl)) AS p_downloads, if(sum(lk_n) = 0, NULL, sum(lk)) AS p_likes,
    if(sum(at_n) = 0, NULL, sum(at)) AS p_all_time, sum(at_n) AS p_all_time_repos, sum(new_n) AS p_new,
    if(any(sn) = 1, 0, if(any(skipped), sum(old_n), sum(gap_n))) AS p_gap, if(any(sn) = 1, 0, sum(dec_n)) AS p_decrease,
    if(any(sn) = 1 OR sum(delta_n) = 0, NULL, sum(delta)) AS p_delta, if(any(sn) = 1, 0, sum(delta_n)) AS p_delta_repos
  FROM (
    SELECT date AS sd, repos, dl_n, dl, lk_n, lk, at_n, at, new_n, old_n, gap_n, dec_n, delta_n, delta
    FROM rollup_family_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND official = $official
      AND ($scope = 'total' OR ($scope = 'official') = (off = 1))
  ) ALL INNER JOIN (SELECT sd, sn, prev_date, unit, lo, hi, b, skipped FROM (SELECT sd, sn, if(sn = 1, NULL, pd) AS prev_date, multiIf($bucket != 'auto', $bucket, ds[-1] - ds[1] <= 31, 'day',
    ds[-1] - ds[1] <= 182, 'week', 'month') AS unit, ifNull(toDate($from), ds[1]) AS lo, ifNull(toDate($to), ds[-1]) AS hi,
  multiIf(unit = 'day', sd, unit = 'week', toMonday(sd), toStartOfMonth(sd)) AS b,
  isNotNull(prev_date) AND multiIf(unit = 'day', assumeNotNull(prev_date), unit = 'week', toMonday(assumeNotNull(prev_date)), toStartOfMonth(assumeNotNull(prev_date))) < multiIf(unit = 'day', b - 1, unit = 'week', b - 7, subtractMonths(b, 1)) AS skipped
FROM (SELECT arraySort(groupArray(date)) AS ds FROM snapshot WHERE status = 'complete'
  AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to)))
ARRAY JOIN ds AS sd, arrayEnumerate(ds) AS sn, arrayPopBack(arrayPushFront(ds, toDate(0))) AS pd
)) USING sd
  GROUP BY sd
)
GROUP BY pb)
ORDER BY b
