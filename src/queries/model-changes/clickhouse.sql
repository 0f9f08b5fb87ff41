-- Ranked from a bound, as growth: change = after - before <= after (counts are never negative), so if th is the
-- $limit-th largest change among some models of the answer set, every model of the answer (ties included) has after
-- >= th. th is taken over the models in the top-count roll-up (migration 8) at both dates; only models with after
-- >= th are joined (with fewer than $limit such models there is no bound: every model is joined). Each date's load_id
-- is read once as a constant; the dimension is read at the top against the few rows joined.
SELECT id, author, before, after, after - before AS change, if(before > 0, (after - before) / before, NULL) AS relative
FROM model_dim_rows ALL INNER JOIN (
  SELECT key, downloads AS before, after FROM model_stats_by_date_all GLOBAL ALL INNER JOIN (
    SELECT key, downloads AS after FROM model_stats_by_date_all WHERE date = ifNull(toDate($date), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($date), toDate(0))) AND isNotNull(downloads)
      AND downloads >= ifNull((SELECT if(count() < $limit, NULL, min(ch)) FROM (SELECT after - before AS ch FROM (
    SELECT key, downloads AS after FROM rollup_top_rows WHERE date = ifNull(toDate($date), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($date), toDate(0)))
  ) ALL INNER JOIN (SELECT key, downloads AS before FROM rollup_top_rows WHERE date = ifNull(toDate($base), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($base), toDate(0)))) USING key
  ORDER BY ch DESC LIMIT $limit)), downloads)
  ) USING key
  WHERE date = ifNull(toDate($base), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($base), toDate(0))) AND isNotNull(downloads)
) USING key
WHERE load_id = /* piece: clickhouse-current-generation */
ORDER BY change DESC, id
LIMIT $limit
