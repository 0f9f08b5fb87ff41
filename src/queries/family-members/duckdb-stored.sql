WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
/* piece: duckdb-family-stored-tree */,
/* piece: duckdb-family-after-stored-walk */
SELECT f.id, f.author, f.downloads, f.likes, f.depth, f.relation, p.id AS via
FROM fam f LEFT JOIN model p ON p.key = f.via
ORDER BY f.downloads DESC NULLS LAST, f.id LIMIT $limit
