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
    count() AS p_repos, sum(downloads) AS p_downloads, sum(likes) AS p_likes, sum(all_time) AS p_all_time,
    count(all_time) AS p_all_time_repos, countIf(is_first) AS p_new, countIf(is_gap) AS p_gap,
    countIf(is_decrease) AS p_decrease, sum(delta) AS p_delta, count(delta) AS p_delta_repos
  FROM (
    SELECT sd, toUInt64(sn1) AS sn, nullIf(dl, -1) AS downloads, nullIf(at, -1) AS all_time, nullIf(lk, -1) AS likes,
      psn > 0 AND psn + 1 = sn1 AS q_listed, if(q_listed, nullIf(pat, -1), NULL) AS q_all_time,
      (SELECT arraySort(groupArray(date)) FROM snapshot WHERE status = 'complete'
        AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to))) AS ds,
      if(sn = 1, NULL, ds[sn - 1]) AS prev_date,
      multiIf($bucket != 'auto', $bucket, ds[-1] - ds[1] <= 31, 'day', ds[-1] - ds[1] <= 182, 'week', 'month') AS series_unit,
      ifNull(toDate($from), ds[1]) AS lo, ifNull(toDate($to), ds[-1]) AS hi,
      multiIf(series_unit = 'day', sd, series_unit = 'week', toMonday(sd), toStartOfMonth(sd)) AS b,
      isNotNull(prev_date) AND multiIf(series_unit = 'day', assumeNotNull(prev_date), series_unit = 'week', toMonday(assumeNotNull(prev_date)), toStartOfMonth(assumeNotNull(prev_date))) < multiIf(series_unit = 'day', b - 1, series_unit = 'week', b - 7, subtractMonths(b, 1)) AS skipped,
      first_seen = sd AS is_first, first_seen < sd AND isNotNull(prev_date) AND (NOT q_listed OR skipped) AS is_gap,
      ifNull(all_time < q_all_time, 0) AS is_decrease,
      if(ifNull(all_time >= q_all_time, 0), all_time - q_all_time, NULL) AS delta
    FROM (
      SELECT key, first_seen, arraySort(groupArray(sn0)) AS sns, arraySort((x, s) -> s, groupArray(date), groupArray(sn0)) AS sds,
        arraySort((x, s) -> s, groupArray(ifNull(downloads, -1)), groupArray(sn0)) AS dls,
        arraySort((x, s) -> s, groupArray(ifNull(downloads_all_time, -1)), groupArray(sn0)) AS ats,
        arraySort((x, s) -> s, groupArray(ifNull(likes, -1)), groupArray(sn0)) AS lks
      FROM (SELECT key, date, downloads, downloads_all_time, likes, indexOf((SELECT arraySort(groupArray(date)) FROM snapshot WHERE status = 'complete' AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to))), date) AS sn0
        FROM model_stats_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND key GLOBAL IN $member_keys)
      ALL INNER JOIN (SELECT key, first_seen FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND key IN $member_keys) USING key
      WHERE sn0 > 0
      GROUP BY key, first_seen
    )
    ARRAY JOIN sns AS sn1, sds AS sd, dls AS dl, ats AS at, lks AS lk, arrayPopBack(arrayPushFront(sns, toUInt64(0))) AS psn,
      arrayPopBack(arrayPushFront(ats, toInt64(-1))) AS pat
  )
  GROUP BY sd
)
GROUP BY pb
ORDER BY pb
