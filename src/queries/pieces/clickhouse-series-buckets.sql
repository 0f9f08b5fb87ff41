-- The ClickHouse series' snapshots in the asked range with their bucket, previous date and whether the snapshot
-- before was skipped (model-, org- and family-series, and family-series' stored form).
(SELECT sd, sn, if(sn = 1, NULL, pd) AS prev_date, multiIf($bucket != 'auto', $bucket, ds[-1] - ds[1] <= 31, 'day',
    ds[-1] - ds[1] <= 182, 'week', 'month') AS unit, ifNull(toDate($from), ds[1]) AS lo, ifNull(toDate($to), ds[-1]) AS hi,
  multiIf(unit = 'day', sd, unit = 'week', toMonday(sd), toStartOfMonth(sd)) AS b,
  isNotNull(prev_date) AND multiIf(unit = 'day', assumeNotNull(prev_date), unit = 'week', toMonday(assumeNotNull(prev_date)), toStartOfMonth(assumeNotNull(prev_date))) < multiIf(unit = 'day', b - 1, unit = 'week', b - 7, subtractMonths(b, 1)) AS skipped
FROM (SELECT arraySort(groupArray(date)) AS ds FROM snapshot WHERE status = 'complete'
  AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to)))
ARRAY JOIN ds AS sd, arrayEnumerate(ds) AS sn, arrayPopBack(arrayPushFront(ds, toDate(0))) AS pd
)
