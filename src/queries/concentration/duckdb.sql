WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
s AS (
  SELECT m.id, m.author, st.downloads FROM d JOIN model_stats st ON st.date = d.date JOIN model m ON m.mid = st.mid
  WHERE st.downloads IS NOT NULL
),
t AS (SELECT coalesce(sum(downloads), 0) AS total, count(*) AS models, count(DISTINCT lower(author)) AS orgs FROM s),
o AS (SELECT min(author) AS author, count(*) AS repos, sum(downloads) AS downloads FROM s GROUP BY lower(author)),
tm AS (SELECT coalesce(sum(downloads), 0) AS downloads FROM (SELECT downloads FROM s ORDER BY downloads DESC LIMIT $k)),
tg AS (SELECT coalesce(sum(downloads), 0) AS downloads FROM (SELECT downloads FROM o ORDER BY downloads DESC LIMIT $k)),
-- squared shares summed smallest first: a fixed order, so the figure does not depend on how rows were scheduled
h AS (SELECT list_sum(list(sh * sh ORDER BY sh * sh)) AS hhi
  FROM (SELECT 100.0 * o.downloads / nullif(t.total, 0) AS sh FROM o, t))
SELECT strftime(d.date, '%Y-%m-%d') AS date, t.models, t.orgs, t.total AS downloads, $k::INTEGER AS k,
  tm.downloads AS topModelsDownloads, tg.downloads AS topOrgsDownloads,
  100.0 * tm.downloads / nullif(t.total, 0) AS topModelsShare, 100.0 * tg.downloads / nullif(t.total, 0) AS topOrgsShare,
  h.hhi
FROM d, t, tm, tg, h WHERE d.date IS NOT NULL
