-- The DuckDB price rows: imported and shipped (prices, price-lookup, price-first-date).
WITH all_prices AS (
  SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m, round(output_per_token * 1e6, 6) AS output_per_1m,
    as_of, source, 'imported' AS origin, 1 AS rank_origin, deprecation_date AS retired
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2, retired
  FROM read_csv($shipped, header = true, quote = '"', escape = '"', columns = {
    'provider': 'VARCHAR', 'model': 'VARCHAR', 'input_usd_per_1m': 'DOUBLE', 'output_usd_per_1m': 'DOUBLE',
    'as_of': 'DATE', 'source': 'VARCHAR', 'retired': 'DATE'})
)
