WITH all_prices AS (
  SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m, round(output_per_token * 1e6, 6) AS output_per_1m,
    as_of, source, 'imported' AS origin, 1 AS rank_origin, deprecation_date AS retired
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2, retired
  FROM read_csv($shipped, header = true, quote = '"', escape = '"', columns = {
    'provider': 'VARCHAR', 'model': 'VARCHAR', 'input_usd_per_1m': 'DOUBLE', 'output_usd_per_1m': 'DOUBLE',
    'as_of': 'DATE', 'source': 'VARCHAR', 'retired': 'DATE'})
),
priced AS (
  SELECT * EXCLUDE (retired), max(retired) OVER (PARTITION BY lower(provider), lower(model)) AS retired FROM all_prices
),
dated AS (
  SELECT * FROM priced WHERE ($as_of::DATE IS NULL OR as_of <= $as_of::DATE)
    AND ($include_retired::BOOLEAN OR retired IS NULL OR retired > coalesce($as_of::DATE, current_date))
)
SELECT model, provider, input_per_1m AS "inputPer1M", output_per_1m AS "outputPer1M",
  strftime(as_of, '%Y-%m-%d') AS "asOf", source, origin, strftime(retired, '%Y-%m-%d') AS retired FROM dated
WHERE lower(model) = lower($model) OR lower(provider || '/' || model) = lower($model)
QUALIFY row_number() OVER (PARTITION BY lower(provider), lower(model) ORDER BY as_of DESC, rank_origin) = 1
ORDER BY as_of DESC, rank_origin, provider
