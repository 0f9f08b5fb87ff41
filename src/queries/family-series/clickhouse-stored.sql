SELECT toString(pb) AS bucket, any(p_unit) AS unit, toString(min(sd)) AS firstDate, toString(max(sd)) AS lastDate,
  count() AS snapshots, argMax(p_repos, sd) AS repos, sum(p_new) AS newRepos,
  nullIf(argMax(ifNull(p_downloads, -1), sd), -1) AS downloads, nullIf(argMax(ifNull(p_likes, -1), sd), -1) AS likes,
  nullIf(argMax(ifNull(p_all_time, -1), sd), -1) AS downloadsAllTime, argMax(p_all_time_repos, sd) AS allTimeRepos,
  counterDownloads / nullIf(counterDays, 0) AS dailyDownloads, sum(p_delta) AS counterDownloads,
  if(countIf(p_delta_repos > 0) = 0, NULL, sumIf(sd - p_prev, p_delta_repos > 0)) AS counterDays,
  argMax(p_delta_repos, sd) AS counterRepos, sum(p_gap) AS gapRepos, sum(p_decrease) AS decreaseRepos,
  any(p_lo) > pb OR any(p_hi) < multiIf(unit = 'day', pb, unit = 'week', pb + 6, addMonths(pb, 1) - 1) AS partial
FROM (
  SELECT sd, any(b) AS pb, any(series_unit) AS p_unit, any(lo) AS p_lo, any(hi) AS p_hi, any(prev_date) AS p_prev,
    sum(repos) AS p_repos, if(sum(dl_n) = 0, NULL, sum(dl)) AS p_downloads, if(sum(lk_n) = 0, NULL, sum(lk)) AS p_likes,
    if(sum(at_n) = 0, NULL, sum(at)) AS p_all_time, sum(at_n) AS p_all_time_repos, sum(new_n) AS p_new,
    if(any(sn) = 1, 0, if(any(skipped), sum(old_n), sum(gap_n))) AS p_gap, if(any(sn) = 1, 0, sum(dec_n)) AS p_decrease,
    if(any(sn) = 1 OR sum(delta_n) = 0, NULL, sum(delta)) AS p_delta, if(any(sn) = 1, 0, sum(delta_n)) AS p_delta_repos
  FROM (
    SELECT date AS sd, repos, dl_n, dl, lk_n, lk, at_n, at, new_n, old_n, gap_n, dec_n, delta_n, delta, indexOf(ds, sd) AS sn,
      (SELECT arraySort(groupArray(date)) FROM snapshot WHERE status = 'complete'
        AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to))) AS ds,
      if(sn = 1, NULL, ds[sn - 1]) AS prev_date,
      multiIf($bucket != 'auto', $bucket, ds[-1] - ds[1] <= 31, 'day', ds[-1] - ds[1] <= 182, 'week', 'month') AS series_unit,
      ifNull(toDate($from), ds[1]) AS lo, ifNull(toDate($to), ds[-1]) AS hi,
      multiIf(series_unit = 'day', sd, series_unit = 'week', toMonday(sd), toStartOfMonth(sd)) AS b,
      isNotNull(prev_date) AND multiIf(series_unit = 'day', assumeNotNull(prev_date), series_unit = 'week', toMonday(assumeNotNull(prev_date)), toStartOfMonth(assumeNotNull(prev_date))) < multiIf(series_unit = 'day', b - 1, series_unit = 'week', b - 7, subtractMonths(b, 1)) AS skipped
    FROM rollup_family_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND official = $official
      AND ($scope = 'total' OR ($scope = 'official') = (off = 1)) AND sn > 0
  )
  GROUP BY sd
)
GROUP BY pb
ORDER BY pb
