/* piece: duckdb-price-rows */,
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
