-- One model: one row per snapshot listing it, so the flags and values of each point are the model's own (org-series
-- sums its members per snapshot first), then per bucket. The model's rows are read by key (every load of every date: a
-- few rows) and joined to the visible (date, load_id) pairs on the coordinator: no set is sent to the shards.
SELECT toString(pb) AS bucket, any(p_unit) AS unit, toString(min(sd)) AS firstDate, toString(max(sd)) AS lastDate,
  count() AS snapshots, nullIf(argMax(ifNull(p_downloads, -1), sd), -1) AS downloads,
  nullIf(argMax(ifNull(p_all_time, -1), sd), -1) AS downloadsAllTime, nullIf(argMax(ifNull(p_likes, -1), sd), -1) AS likes,
  counterDownloads / nullIf(counterDays, 0) AS dailyDownloads, sum(p_delta) AS counterDownloads,
  if(countIf(p_delta_repos) = 0, NULL, sumIf(sd - p_prev, p_delta_repos)) AS counterDays,
  sum(p_new) > 0 AS first, sum(p_gap) > 0 AS gap, sum(p_decrease) > 0 AS decrease,
  any(p_lo) > pb OR any(p_hi) < multiIf(unit = 'day', pb, unit = 'week', pb + 6, addMonths(pb, 1) - 1) AS partial
FROM (
    SELECT sd, b AS pb, unit AS p_unit, lo AS p_lo, hi AS p_hi, prev_date AS p_prev, downloads AS p_downloads,
      likes AS p_likes, all_time AS p_all_time, first_seen = sd AS p_new,
      first_seen < sd AND isNotNull(prev_date) AND (NOT q_listed OR skipped) AS p_gap,
      ifNull(all_time < q_all_time, 0) AS p_decrease,
      if(ifNull(all_time >= q_all_time, 0), all_time - q_all_time, NULL) AS p_delta, isNotNull(p_delta) AS p_delta_repos
    FROM (SELECT key, sd, sn, prev_date, unit, lo, hi, b, skipped, downloads, all_time, likes, q_listed, q_all_time
FROM (
  SELECT key, sd, toUInt64(sn1) AS sn, nullIf(dl, -1) AS downloads, nullIf(at, -1) AS all_time,
    nullIf(lk, -1) AS likes, psn > 0 AND psn + 1 = sn1 AS q_listed, if(psn > 0 AND psn + 1 = sn1, nullIf(pat, -1), NULL) AS q_all_time
  FROM (
    SELECT key, arraySort(groupArray(sn0)) AS sns, arraySort((x, s) -> s, groupArray(sd0), groupArray(sn0)) AS sds, arraySort((x, s) -> s, groupArray(dl0), groupArray(sn0)) AS dls,
      arraySort((x, s) -> s, groupArray(at0), groupArray(sn0)) AS ats, arraySort((x, s) -> s, groupArray(lk0), groupArray(sn0)) AS lks
    FROM (
      SELECT key, sd AS sd0, toUInt64(sn) AS sn0, dl0, at0, lk0 FROM (
        SELECT key, date AS sd, ifNull(downloads, -1) AS dl0, ifNull(downloads_all_time, -1) AS at0,
          ifNull(likes, -1) AS lk0
        FROM (SELECT key, date, load_id, downloads, downloads_all_time, likes FROM model_stats_all WHERE key = lowerUTF8($id))
        ALL INNER JOIN (SELECT date, load_id FROM snapshot) USING (date, load_id)
      ) ALL INNER JOIN (SELECT sd, sn FROM /* piece: clickhouse-series-buckets */) USING sd
    )
    GROUP BY key
  )
  ARRAY JOIN sns AS sn1, sds AS sd, dls AS dl, ats AS at, lks AS lk, arrayPopBack(arrayPushFront(sns, toUInt64(0))) AS psn,
    arrayPopBack(arrayPushFront(ats, toInt64(-1))) AS pat
) ALL INNER JOIN (SELECT sd, prev_date, unit, lo, hi, b, skipped FROM /* piece: clickhouse-series-buckets */) USING sd)
    ALL INNER JOIN (SELECT key, first_seen FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key = lowerUTF8($id)) USING key
)
GROUP BY pb
ORDER BY pb
