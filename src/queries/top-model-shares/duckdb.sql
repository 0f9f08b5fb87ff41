WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
s AS (
  SELECT m.id, m.author, st.downloads FROM d JOIN model_stats st ON st.date = d.date JOIN model m ON m.mid = st.mid
  WHERE st.downloads IS NOT NULL
),
t AS (SELECT coalesce(sum(downloads), 0) AS total, count(*) AS models, count(DISTINCT lower(author)) AS orgs FROM s),
o AS (SELECT min(author) AS author, count(*) AS repos, sum(downloads) AS downloads FROM s GROUP BY lower(author)),
r AS (SELECT row_number() OVER (ORDER BY downloads DESC, id) AS rank, id, author, downloads FROM s)
SELECT r.rank, r.id, r.author, r.downloads, 100.0 * r.downloads / nullif(t.total, 0) AS share,
  100.0 * sum(r.downloads) OVER (ORDER BY r.rank) / nullif(t.total, 0) AS cumulativeShare
FROM r, t WHERE r.rank <= $k ORDER BY r.rank
