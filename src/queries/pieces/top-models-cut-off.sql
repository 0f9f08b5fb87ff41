-- top-models on ClickHouse: the $limit-th largest 30-day count of the snapshot from its top rows written at load, or
-- -1 with a filter or fewer counts than $limit.
(SELECT if(isNotNull($task) OR isNotNull($library) OR isNotNull($license) OR isNotNull($author)
    OR count() < $limit, toInt64(-1), toInt64(min(d)))
    FROM (SELECT downloads AS d FROM rollup_top_rows WHERE /* piece: clickhouse-snapshot-rows */
      ORDER BY downloads DESC LIMIT $limit))
