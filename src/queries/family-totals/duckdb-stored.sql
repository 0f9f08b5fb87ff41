WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
/* piece: duckdb-family-stored-tree */,
/* piece: duckdb-family-after-stored-walk */
/* piece: family-totals-answer */
