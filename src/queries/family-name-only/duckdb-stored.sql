WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
/* piece: duckdb-family-stored-tree */,
/* piece: duckdb-family-after-stored-walk */
SELECT id, downloads FROM named ORDER BY downloads DESC NULLS LAST, id LIMIT $limit
