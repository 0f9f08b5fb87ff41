WITH RECURSIVE d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
/* piece: duckdb-family-walk */,
/* piece: duckdb-family-after-walk */
SELECT f.id, f.author, f.downloads, f.likes, f.depth, f.relation, p.id AS via
FROM fam f LEFT JOIN model p ON p.key = f.via
ORDER BY f.downloads DESC NULLS LAST, f.id LIMIT $limit
