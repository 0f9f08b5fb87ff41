SELECT if(count() = 0, NULL, toString(min(as_of))) AS first, toString(max(retired)) AS retired
FROM (/* piece: clickhouse-price-union */)
WHERE lowerUTF8(model) = lowerUTF8($model) OR lowerUTF8(concat(provider, '/', model)) = lowerUTF8($model)
