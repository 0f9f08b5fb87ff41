/* piece: clickhouse-series-per-bucket */FROM (
  SELECT sd, any(b) AS pb, any(unit) AS p_unit, any(lo) AS p_lo, any(hi) AS p_hi, any(prev_date) AS p_prev,
    sum(repos) AS p_repos, if(sum(dl_n) = 0, NULL, sum(dl)) AS p_downloads, if(sum(lk_n) = 0, NULL, sum(lk)) AS p_likes,
    if(sum(at_n) = 0, NULL, sum(at)) AS p_all_time, sum(at_n) AS p_all_time_repos, sum(new_n) AS p_new,
    if(any(sn) = 1, 0, if(any(skipped), sum(old_n), sum(gap_n))) AS p_gap, if(any(sn) = 1, 0, sum(dec_n)) AS p_decrease,
    if(any(sn) = 1 OR sum(delta_n) = 0, NULL, sum(delta)) AS p_delta, if(any(sn) = 1, 0, sum(delta_n)) AS p_delta_repos
  FROM (
    SELECT date AS sd, repos, dl_n, dl, lk_n, lk, at_n, at, new_n, old_n, gap_n, dec_n, delta_n, delta
    FROM rollup_family_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND official = $official
      AND ($scope = 'total' OR ($scope = 'official') = (off = 1))
  ) ALL INNER JOIN (SELECT sd, sn, prev_date, unit, lo, hi, b, skipped FROM /* piece: clickhouse-series-buckets */) USING sd
  GROUP BY sd
)
GROUP BY pb)
ORDER BY b
