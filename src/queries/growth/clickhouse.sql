-- Ranked from a bound: change = after - before <= after (counts are never negative), so if th is the $limit-th
-- largest change among some models that are in the answer set, every model of the answer (ties included) has after
-- >= th. th is taken over the models in the top-count roll-up (migration 8: every count at or above the 10,000th of
-- its date) at both dates, author filter included; only models with after >= th are joined (with fewer than $limit
-- such models there is no bound: every model is joined). The statistics of the base date are joined on the shards
-- (GLOBAL: the rows after the bound are sent to them), the dimension read at the top against the few rows joined; a
-- snapshot's load_id is read once per date instead of testing (date, load_id) on every row.
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, toString(/* piece: clickhouse-window-date */) AS baseDate,
  id, author, before, after, after - before AS change, if(before > 0, (after - before) / before, NULL) AS relative
FROM model_dim_rows ALL INNER JOIN (
  SELECT key, downloads AS before, after FROM model_stats_by_date_all GLOBAL ALL INNER JOIN (
    SELECT key, downloads AS after FROM model_stats_by_date_all WHERE /* piece: clickhouse-snapshot-rows */ AND isNotNull(downloads) AND isNotNull(/* piece: clickhouse-window-date */) AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
    AND lowerUTF8(author) = lowerUTF8($author)))
      AND downloads >= ifNull((SELECT if(count() < $limit, NULL, min(ch)) FROM (SELECT after - before AS ch FROM (
    SELECT key, downloads AS after FROM rollup_top_rows WHERE /* piece: clickhouse-snapshot-rows */ AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
    AND lowerUTF8(author) = lowerUTF8($author)))
  ) ALL INNER JOIN (SELECT key, downloads AS before FROM rollup_top_rows WHERE date = ifNull(/* piece: clickhouse-window-date */, toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(/* piece: clickhouse-window-date */, toDate(0)))) USING key
  ORDER BY ch DESC LIMIT $limit)), downloads)
  ) USING key
  WHERE date = ifNull(/* piece: clickhouse-window-date */, toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(/* piece: clickhouse-window-date */, toDate(0))) AND isNotNull(downloads)
) USING key
WHERE load_id = /* piece: clickhouse-current-generation */ AND (isNull($author) OR lowerUTF8(author) = lowerUTF8($author))
ORDER BY change DESC, id
LIMIT $limit
