SELECT model, provider, input_per_1m AS inputPer1M, output_per_1m AS outputPer1M, toString(as_of) AS asOf,
  source, origin, toString(retired) AS retired FROM (
  SELECT * FROM (SELECT * FROM (SELECT model, provider, input_per_1m, output_per_1m, as_of, source, origin, rank_origin, retired FROM (
    SELECT model, provider, input_per_1m, output_per_1m, as_of, source, origin, rank_origin,
      lowerUTF8(provider) AS p, lowerUTF8(model) AS m FROM (SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m,
    round(output_per_token * 1e6, 6) AS output_per_1m, as_of, source, 'imported' AS origin, 1 AS rank_origin,
    deprecation_date AS retired
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2, retired
  FROM shipped_price_rows FINAL WHERE hash = $shipped)
  ) ALL LEFT JOIN (
    SELECT lowerUTF8(provider) AS p, lowerUTF8(model) AS m, max(retired) AS retired FROM (SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m,
    round(output_per_token * 1e6, 6) AS output_per_1m, as_of, source, 'imported' AS origin, 1 AS rank_origin,
    deprecation_date AS retired
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2, retired
  FROM shipped_price_rows FINAL WHERE hash = $shipped) GROUP BY p, m
  ) USING p, m) WHERE (isNull($as_of) OR as_of <= toDate($as_of))
  AND ($include_retired OR isNull(retired) OR retired > ifNull(toDate($as_of), toDate(now(), 'UTC'))))
  WHERE (isNull($provider) OR lowerUTF8(provider) = lowerUTF8($provider))
    AND (isNull($model) OR position(lowerUTF8(model), lowerUTF8($model)) > 0)
  ORDER BY as_of DESC, rank_origin
  LIMIT 1 BY lowerUTF8(provider), lowerUTF8(model)
)
ORDER BY provider, model
LIMIT $limit
