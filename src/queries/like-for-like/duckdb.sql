WITH RECURSIVE /* piece: duckdb-family-walk */,
pairs AS MATERIALIZED (
  SELECT m.key, o.downloads AS before, n.downloads AS after
  FROM model_stats n JOIN model_stats o ON o.mid = n.mid AND o.date = $base::DATE JOIN model m ON m.mid = n.mid
  WHERE n.date = $date::DATE AND n.downloads IS NOT NULL AND o.downloads IS NOT NULL
    AND ($official::VARCHAR IS NULL OR m.key IN (SELECT key FROM tree))
    AND ($author::VARCHAR IS NULL OR (lower(m.author) = lower($author)
      AND ($match::VARCHAR IS NULL OR regexp_matches(substr(m.id, length(m.author) + 2), $match, 'i'))))
),
tb AS (SELECT key, before, after FROM pairs ORDER BY before DESC, key LIMIT 1),
ta AS (SELECT key, before, after FROM pairs ORDER BY after DESC, key LIMIT 1)
SELECT (SELECT count(*) FROM pairs) AS models, (SELECT coalesce(sum(before), 0) FROM pairs) AS before,
  (SELECT coalesce(sum(after), 0) FROM pairs) AS after,
  (SELECT m.id FROM tb JOIN model m ON m.key = tb.key) AS topBeforeId, coalesce((SELECT before FROM tb), 0) AS topBeforeBefore,
  coalesce((SELECT after FROM tb), 0) AS topBeforeAfter,
  (SELECT m.id FROM ta JOIN model m ON m.key = ta.key) AS topAfterId, coalesce((SELECT before FROM ta), 0) AS topAfterBefore,
  coalesce((SELECT after FROM ta), 0) AS topAfterAfter
