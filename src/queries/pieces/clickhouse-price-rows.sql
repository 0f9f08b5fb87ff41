-- The ClickHouse price rows in force at $as_of (today, UTC, when null): imported and shipped (prices, price-lookup).
  SELECT * FROM (SELECT * FROM (SELECT model, provider, input_per_1m, output_per_1m, as_of, source, origin, rank_origin, retired FROM (
    SELECT model, provider, input_per_1m, output_per_1m, as_of, source, origin, rank_origin,
      lowerUTF8(provider) AS p, lowerUTF8(model) AS m FROM (/* piece: clickhouse-price-union */)
  ) ALL LEFT JOIN (
    SELECT lowerUTF8(provider) AS p, lowerUTF8(model) AS m, max(retired) AS retired FROM (/* piece: clickhouse-price-union */) GROUP BY p, m
  ) USING p, m) WHERE (isNull($as_of) OR as_of <= toDate($as_of))
  AND ($include_retired OR isNull(retired) OR retired > ifNull(toDate($as_of), toDate(now(), 'UTC'))))
