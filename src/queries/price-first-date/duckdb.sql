/* piece: duckdb-price-rows */,
priced AS (
  SELECT * EXCLUDE (retired), max(retired) OVER (PARTITION BY lower(provider), lower(model)) AS retired FROM all_prices
)
SELECT strftime(min(as_of), '%Y-%m-%d') AS "first", strftime(max(retired), '%Y-%m-%d') AS retired FROM priced
WHERE lower(model) = lower($model) OR lower(provider || '/' || model) = lower($model)
