-- org-series and family-series on ClickHouse, up to the line that joins each member's first-seen date (the one
-- line the two differ by): per bucket over per-snapshot sums of the members' rows ($member_keys).
/* piece: clickhouse-series-per-bucket */FROM (
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
