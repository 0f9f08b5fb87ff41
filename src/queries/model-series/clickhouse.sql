-- One model: one row per snapshot listing it, so the flags and values of each point are the model's own (org-series
-- sums its members per snapshot first), then per bucket. The model's rows are read by key (every load of every date: a
-- few rows) and joined to the visible (date, load_id) pairs on the coordinator: no set is sent to the shards.
SELECT toString(b) AS bucket, any(series_unit) AS unit, toString(min(sd)) AS firstDate, toString(max(sd)) AS lastDate,
  count() AS snapshots, nullIf(argMax(ifNull(p_downloads, -1), sd), -1) AS downloads,
  nullIf(argMax(ifNull(p_all_time, -1), sd), -1) AS downloadsAllTime, nullIf(argMax(ifNull(p_likes, -1), sd), -1) AS likes,
  counterDownloads / nullIf(counterDays, 0) AS dailyDownloads, sum(delta) AS counterDownloads,
  if(countIf(isNotNull(delta)) = 0, NULL, sumIf(sd - prev_date, isNotNull(delta))) AS counterDays,
  sum(is_first) > 0 AS first, sum(is_gap) > 0 AS gap, sum(is_decrease) > 0 AS decrease,
  any(lo) > b OR any(hi) < multiIf(unit = 'day', b, unit = 'week', b + 6, addMonths(b, 1) - 1) AS partial
FROM (
    SELECT sd, toUInt64(sn1) AS sn, nullIf(dl, -1) AS p_downloads, nullIf(at, -1) AS p_all_time, nullIf(lk, -1) AS p_likes,
      psn > 0 AND psn + 1 = sn1 AS q_listed, if(q_listed, nullIf(pat, -1), NULL) AS q_all_time,
      (SELECT arraySort(groupArray(date)) FROM snapshot WHERE status = 'complete'
        AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to))) AS ds,
      if(sn = 1, NULL, ds[sn - 1]) AS prev_date,
      multiIf($bucket != 'auto', $bucket, ds[-1] - ds[1] <= 31, 'day', ds[-1] - ds[1] <= 182, 'week', 'month') AS series_unit,
      ifNull(toDate($from), ds[1]) AS lo, ifNull(toDate($to), ds[-1]) AS hi,
      multiIf(series_unit = 'day', sd, series_unit = 'week', toMonday(sd), toStartOfMonth(sd)) AS b,
      isNotNull(prev_date) AND multiIf(series_unit = 'day', assumeNotNull(prev_date), series_unit = 'week', toMonday(assumeNotNull(prev_date)), toStartOfMonth(assumeNotNull(prev_date))) < multiIf(series_unit = 'day', b - 1, series_unit = 'week', b - 7, subtractMonths(b, 1)) AS skipped,
      first_seen = sd AS is_first, first_seen < sd AND isNotNull(prev_date) AND (NOT q_listed OR skipped) AS is_gap,
      ifNull(p_all_time < q_all_time, 0) AS is_decrease,
      if(ifNull(p_all_time >= q_all_time, 0), p_all_time - q_all_time, NULL) AS delta
  FROM (
    SELECT key, arraySort(groupArray(sn0)) AS sns, arraySort((x, s) -> s, groupArray(date), groupArray(sn0)) AS sds,
      arraySort((x, s) -> s, groupArray(ifNull(downloads, -1)), groupArray(sn0)) AS dls,
      arraySort((x, s) -> s, groupArray(ifNull(downloads_all_time, -1)), groupArray(sn0)) AS ats,
      arraySort((x, s) -> s, groupArray(ifNull(likes, -1)), groupArray(sn0)) AS lks
    FROM (SELECT key, date, load_id, downloads, downloads_all_time, likes, indexOf((SELECT arraySort(groupArray(date)) FROM snapshot WHERE status = 'complete' AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to))), date) AS sn0
      FROM model_stats_all WHERE key = lowerUTF8($id))
    ALL INNER JOIN (SELECT date, load_id FROM snapshot) USING (date, load_id)
    WHERE sn0 > 0
    GROUP BY key
  )
  ARRAY JOIN sns AS sn1, sds AS sd, dls AS dl, ats AS at, lks AS lk, arrayPopBack(arrayPushFront(sns, toUInt64(0))) AS psn,
      arrayPopBack(arrayPushFront(ats, toInt64(-1))) AS pat
  ALL INNER JOIN (SELECT key, first_seen FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND key = lowerUTF8($id)) USING key
)
GROUP BY b
ORDER BY b
