-- With a task or library filter (without one, clickhouse-rollup.sql reads the roll-up written at load): the statistics at
-- the date and at the base date (latest complete snapshot at or before date minus window) read with each date's
-- load_id as a constant; the organisations' models from the current generation of the dimension (by its own WHERE,
-- with the filters); one aggregation per organisation, then every organisation's row in one array (the total over all
-- of them) and the first $limit. The base date's statistics are read only for the filter's models (a GLOBAL IN set of
-- the same dimension read), so the join pairing them is built on the filter's models, not on every model of the base
-- date (text-generation at 30 days: one node 364-467 -> 212-265 ms, two shards 456-544 -> 259-303 ms). The set is
-- not used for the primary key (use_index_for_in_with_subqueries = 0): the filter's models spread over every granule
-- of a date, and building the index's form of the set cost more than it saved (a date's rows filtered 64 vs 90 ms).
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date,
  toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE date <= /* piece: clickhouse-snapshot-date */ - $window)) AS baseDate,
  tupleElement(r, 2) AS author, tupleElement(r, 3) AS repos, tupleElement(r, 4) AS downloads, tupleElement(r, 5) AS likes,
  total, if(isNull(baseDate), NULL, tupleElement(r, 6)) AS commonRepos,
  if(isNull(baseDate), NULL, tupleElement(r, 3) - tupleElement(r, 7)) AS newRepos,
  if(tupleElement(r, 6) = 0, NULL, tupleElement(r, 8)) AS before,
  if(tupleElement(r, 6) = 0, NULL, tupleElement(r, 9)) AS after
FROM (
  SELECT groupArray((org, author, repos, downloads, likes, common, listedBefore, before, after)) AS rs, sum(downloads) AS total
  FROM (
    SELECT lowerUTF8(a) AS org, min(a) AS author, count() AS repos, ifNull(sum(dl), 0) AS downloads, ifNull(sum(lk), 0) AS likes,
      countIf(isNotNull(pdl) AND isNotNull(dl)) AS common, count(listed) AS listedBefore,
      ifNull(sumIf(pdl, isNotNull(pdl) AND isNotNull(dl)), 0) AS before, ifNull(sumIf(dl, isNotNull(pdl) AND isNotNull(dl)), 0) AS after
    FROM (
      SELECT key, a, dl, lk FROM (
        SELECT key, downloads AS dl, likes AS lk FROM model_stats_by_date_all WHERE /* piece: clickhouse-snapshot-rows */
      ) ALL INNER JOIN (
        SELECT key, author AS a FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
          AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
          AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))
      ) USING key
    ) ALL LEFT JOIN (
      SELECT key, downloads AS pdl, toUInt8(1) AS listed FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE date <= /* piece: clickhouse-snapshot-date */ - $window), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE date <= /* piece: clickhouse-snapshot-date */ - $window), toDate(0)))
          AND key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
          AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
          AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library)))
    ) USING key
    GROUP BY org
  )
) ARRAY JOIN rs AS r
ORDER BY downloads DESC, tupleElement(r, 1)
LIMIT $limit
SETTINGS use_index_for_in_with_subqueries = 0
