WITH RECURSIVE d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
/* piece: duckdb-family-walk */,
/* piece: duckdb-family-after-walk */
SELECT f.id, p.id AS parent, f.depth, f.relation, f.downloads,
  (SELECT count(*) FROM fam c WHERE c.via = f.key) AS children
FROM fam f LEFT JOIN model p ON p.key = f.via
ORDER BY f.depth, f.downloads DESC NULLS LAST, f.id
