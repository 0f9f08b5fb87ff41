SELECT if(count() = 0, NULL, toString(min(as_of))) AS first, toString(max(retired)) AS retired
FROM (SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m,
    round(output_per_token * 1e6, 6) AS output_per_1m, as_of, source, 'imported' AS origin, 1 AS rank_origin,
    deprecation_date AS retired
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2, retired
  FROM shipped_price_rows FINAL WHERE hash = $shipped)
WHERE lowerUTF8(model) = lowerUTF8($model) OR lowerUTF8(concat(provider, '/', model)) = lowerUTF8($model)
