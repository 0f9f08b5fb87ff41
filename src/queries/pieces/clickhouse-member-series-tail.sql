-- org-series and family-series on ClickHouse, after the line that joins each member's first-seen date: the
-- snapshots and buckets joined, per-snapshot sums, per bucket.
      ) ALL INNER JOIN (SELECT sd, sn FROM /* piece: clickhouse-series-buckets */) USING sd
    )
    GROUP BY key, first_seen
  )
  ARRAY JOIN sns AS sn1, sds AS sd, dls AS dl, ats AS at, lks AS lk, arrayPopBack(arrayPushFront(sns, toUInt64(0))) AS psn,
    arrayPopBack(arrayPushFront(ats, toInt64(-1))) AS pat
) ALL INNER JOIN (SELECT sd, prev_date, unit, lo, hi, b, skipped FROM /* piece: clickhouse-series-buckets */) USING sd)
  )
  GROUP BY sd
)
GROUP BY pb)
ORDER BY b

