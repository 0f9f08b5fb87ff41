-- The family members after the stored walk (duckdb-stored.sql): `fam`, the walk's models joined by mid with their
-- statistics at the snapshot; `named`, name matches outside it.
fam AS (
  SELECT t.key, t.depth, t.relation, t.via, m.mid, m.id, m.author, s.downloads, s.likes
  FROM tree t JOIN model m ON m.mid = t.mid
    JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
),
/* piece: duckdb-family-named */
