SELECT model, provider, input_per_1m AS inputPer1M, output_per_1m AS outputPer1M, toString(as_of) AS asOf,
  source, origin, toString(retired) AS retired FROM (
/* piece: clickhouse-price-rows */
  WHERE lowerUTF8(model) = lowerUTF8($model) OR lowerUTF8(concat(provider, '/', model)) = lowerUTF8($model)
  ORDER BY as_of DESC, rank_origin
  LIMIT 1 BY lowerUTF8(provider), lowerUTF8(model)
)
ORDER BY as_of DESC, rank_origin, provider
