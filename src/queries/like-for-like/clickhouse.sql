-- The pairs (models with a count at both dates, in the scope: the family's walk, and/or the organisation's models
-- found first in the dimension; without an author a constant false condition reads no dimension row) are joined once,
-- each date's load_id read once as a constant, and aggregated in one pass: their count and sums, and the top pair at
-- each date (argMin over (-count, key): the largest count, ties by the smaller key). The two top keys are then matched
-- to the dimension rows of the scope (no row when there is no pair: the defaults of an aggregation over no rows are the
-- answer's zeros and nulls). An organisation's models are found in the dimension by its author column first (PREWHERE:
-- the other columns are read only for its rows).
SELECT any(models) AS models, any(before) AS before, any(after) AS after,
  if(any(tb_key) = '', NULL, anyIf(id, key = tb_key)) AS topBeforeId, any(tb_b) AS topBeforeBefore,
  any(tb_a) AS topBeforeAfter, if(any(ta_key) = '', NULL, anyIf(id, key = ta_key)) AS topAfterId,
  any(ta_b) AS topAfterBefore, any(ta_a) AS topAfterAfter
FROM model_dim_rows ALL INNER JOIN (
  SELECT arrayJoin([tb_key, ta_key]) AS key, models, before, after, tb_key, tb_b, tb_a, ta_key, ta_b, ta_a FROM (
    SELECT count() AS models, sum(b) AS before, sum(a) AS after, argMin(key, (-b, key)) AS tb_key,
      argMin(b, (-b, key)) AS tb_b, argMin(a, (-b, key)) AS tb_a, argMin(key, (-a, key)) AS ta_key,
      argMin(b, (-a, key)) AS ta_b, argMin(a, (-a, key)) AS ta_a
    FROM (
      SELECT key, assumeNotNull(downloads) AS a FROM model_stats_by_date_all WHERE date = ifNull(toDate($date), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($date), toDate(0)))
        AND isNotNull(downloads) AND (isNull($official) OR key GLOBAL IN (SELECT key FROM family_walk))
      AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model_dim_rows PREWHERE lowerUTF8(author) = lowerUTF8($author)
        WHERE load_id = /* piece: clickhouse-current-generation */
        AND isNotNull($author) AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))))
    ) ALL INNER JOIN (
      SELECT key, assumeNotNull(downloads) AS b FROM model_stats_by_date_all WHERE date = ifNull(toDate($base), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(toDate($base), toDate(0)))
        AND isNotNull(downloads) AND (isNull($official) OR key GLOBAL IN (SELECT key FROM family_walk))
      AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model_dim_rows PREWHERE lowerUTF8(author) = lowerUTF8($author)
        WHERE load_id = /* piece: clickhouse-current-generation */
        AND isNotNull($author) AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))))
    ) USING key
  )
) USING key
PREWHERE (isNull($official) OR key IN (SELECT key FROM family_walk))
  AND (isNull($author) OR lowerUTF8(author) = lowerUTF8($author))
WHERE load_id = /* piece: clickhouse-current-generation */
