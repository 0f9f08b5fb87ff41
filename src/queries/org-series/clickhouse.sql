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
    count() AS p_repos, sum(downloads) AS p_downloads, sum(likes) AS p_likes, sum(all_time) AS p_all_time,
    count(all_time) AS p_all_time_repos, countIf(is_first) AS p_new, countIf(is_gap) AS p_gap,
    countIf(is_decrease) AS p_decrease, sum(delta) AS p_delta, count(delta) AS p_delta_repos
  FROM (
    SELECT sd, b, unit, lo, hi, prev_date, downloads, likes, all_time, first_seen = sd AS is_first,
      first_seen < sd AND isNotNull(prev_date) AND (NOT q_listed OR skipped) AS is_gap,
      ifNull(all_time < q_all_time, 0) AS is_decrease,
      if(ifNull(all_time >= q_all_time, 0), all_time - q_all_time, NULL) AS delta
    FROM (SELECT key, sd, sn, prev_date, unit, lo, hi, b, skipped, downloads, all_time, likes, first_seen, q_listed,
  q_all_time
FROM (
  SELECT key, first_seen, sd, toUInt64(sn1) AS sn, nullIf(dl, -1) AS downloads, nullIf(at, -1) AS all_time,
    nullIf(lk, -1) AS likes, psn > 0 AND psn + 1 = sn1 AS q_listed, if(psn > 0 AND psn + 1 = sn1, nullIf(pat, -1), NULL) AS q_all_time
  FROM (
    SELECT key, first_seen, arraySort(groupArray(sn0)) AS sns, arraySort((x, s) -> s, groupArray(sd0), groupArray(sn0)) AS sds, arraySort((x, s) -> s, groupArray(dl0), groupArray(sn0)) AS dls,
      arraySort((x, s) -> s, groupArray(at0), groupArray(sn0)) AS ats, arraySort((x, s) -> s, groupArray(lk0), groupArray(sn0)) AS lks
    FROM (
      SELECT key, first_seen, sd AS sd0, toUInt64(sn) AS sn0, dl0, at0, lk0 FROM (
        SELECT key, date AS sd, ifNull(downloads, -1) AS dl0, ifNull(downloads_all_time, -1) AS at0,
          ifNull(likes, -1) AS lk0, first_seen
        FROM (SELECT key, date, downloads, downloads_all_time, likes FROM model_stats_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
          AND key GLOBAL IN $member_keys)
        ALL INNER JOIN (SELECT key, first_seen FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND key IN $member_keys) USING key
      ) ALL INNER JOIN (SELECT sd, sn FROM (SELECT sd, sn, if(sn = 1, NULL, pd) AS prev_date, multiIf($bucket != 'auto', $bucket, ds[-1] - ds[1] <= 31, 'day',
    ds[-1] - ds[1] <= 182, 'week', 'month') AS unit, ifNull(toDate($from), ds[1]) AS lo, ifNull(toDate($to), ds[-1]) AS hi,
  multiIf(unit = 'day', sd, unit = 'week', toMonday(sd), toStartOfMonth(sd)) AS b,
  isNotNull(prev_date) AND multiIf(unit = 'day', assumeNotNull(prev_date), unit = 'week', toMonday(assumeNotNull(prev_date)), toStartOfMonth(assumeNotNull(prev_date))) < multiIf(unit = 'day', b - 1, unit = 'week', b - 7, subtractMonths(b, 1)) AS skipped
FROM (SELECT arraySort(groupArray(date)) AS ds FROM snapshot WHERE status = 'complete'
  AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to)))
ARRAY JOIN ds AS sd, arrayEnumerate(ds) AS sn, arrayPopBack(arrayPushFront(ds, toDate(0))) AS pd
)) USING sd
    )
    GROUP BY key, first_seen
  )
  ARRAY JOIN sns AS sn1, sds AS sd, dls AS dl, ats AS at, lks AS lk, arrayPopBack(arrayPushFront(sns, toUInt64(0))) AS psn,
    arrayPopBack(arrayPushFront(ats, toInt64(-1))) AS pat
) ALL INNER JOIN (SELECT sd, prev_date, unit, lo, hi, b, skipped FROM (SELECT sd, sn, if(sn = 1, NULL, pd) AS prev_date, multiIf($bucket != 'auto', $bucket, ds[-1] - ds[1] <= 31, 'day',
    ds[-1] - ds[1] <= 182, 'week', 'month') AS unit, ifNull(toDate($from), ds[1]) AS lo, ifNull(toDate($to), ds[-1]) AS hi,
  multiIf(unit = 'day', sd, unit = 'week', toMonday(sd), toStartOfMonth(sd)) AS b,
  isNotNull(prev_date) AND multiIf(unit = 'day', assumeNotNull(prev_date), unit = 'week', toMonday(assumeNotNull(prev_date)), toStartOfMonth(assumeNotNull(prev_date))) < multiIf(unit = 'day', b - 1, unit = 'week', b - 7, subtractMonths(b, 1)) AS skipped
FROM (SELECT arraySort(groupArray(date)) AS ds FROM snapshot WHERE status = 'complete'
  AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to)))
ARRAY JOIN ds AS sd, arrayEnumerate(ds) AS sn, arrayPopBack(arrayPushFront(ds, toDate(0))) AS pd
)) USING sd)
  )
  GROUP BY sd
)
GROUP BY pb)
ORDER BY b
