-- From the roll-ups written at load (migration 008): per organisation, and the 10,000 largest counts of the date.
WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
o AS (SELECT r.org, r.author, r.repos, r.downloads::HUGEINT AS downloads FROM d JOIN rollup_org r ON r.date = d.date),
t AS (SELECT coalesce(sum(downloads), 0) AS total, coalesce(sum(repos), 0) AS models, count(*) AS orgs FROM o),
p AS (SELECT r.mid, r.downloads FROM d JOIN rollup_top r ON r.date = d.date),
tm AS (SELECT coalesce(sum(downloads), 0) AS downloads FROM (SELECT downloads FROM p ORDER BY downloads DESC LIMIT $k)),
tg AS (SELECT coalesce(sum(downloads), 0) AS downloads FROM (SELECT downloads FROM o ORDER BY downloads DESC LIMIT $k)),
-- squared shares summed smallest first: a fixed order, so the figure does not depend on how rows were scheduled
h AS (SELECT list_sum(list(sh * sh ORDER BY sh * sh)) AS hhi
  FROM (SELECT 100.0 * o.downloads / nullif(t.total, 0) AS sh FROM o, t))
SELECT strftime(d.date, '%Y-%m-%d') AS date, t.models, t.orgs, t.total AS downloads, $k::INTEGER AS k,
  tm.downloads AS topModelsDownloads, tg.downloads AS topOrgsDownloads,
  100.0 * tm.downloads / nullif(t.total, 0) AS topModelsShare, 100.0 * tg.downloads / nullif(t.total, 0) AS topOrgsShare,
  h.hhi
FROM d, t, tm, tg, h WHERE d.date IS NOT NULL
