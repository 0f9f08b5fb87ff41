-- family-explain's answer over `tree`, `fam` and `named`: the walking and stored texts' one end.
chain(key, step) AS (
  SELECT key, 0 FROM tree WHERE key = lower($id)
  UNION ALL
  SELECT t.via, c.step + 1 FROM chain c JOIN tree t ON t.key = c.key WHERE t.via IS NOT NULL AND c.step < 100
)
SELECT c.step, m.id, t.depth, t.relation,
  (SELECT string_agg(l.origin, ',') FROM model_link l WHERE l.child_key = t.key AND l.parent_key = t.via) AS origin,
  'lineage' AS rule
FROM chain c JOIN tree t ON t.key = c.key JOIN model m ON m.key = c.key
UNION ALL
SELECT 0, n.id, NULL, NULL, NULL, 'name' FROM named n WHERE n.key = lower($id)
ORDER BY step DESC
