-- Every price row on ClickHouse, imported (price) and shipped (the rows of the shipped table's $shipped hash), with its
-- origin and the rank of that origin (imported first).
SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m,
    round(output_per_token * 1e6, 6) AS output_per_1m, as_of, source, 'imported' AS origin, 1 AS rank_origin,
    deprecation_date AS retired
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2, retired
  FROM shipped_price_rows FINAL WHERE hash = $shipped
