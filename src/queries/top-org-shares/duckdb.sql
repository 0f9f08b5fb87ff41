-- From the organisations' roll-up written at load (migration 008).
WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
o AS (SELECT r.org, r.author, r.repos, r.downloads::HUGEINT AS downloads FROM d JOIN rollup_org r ON r.date = d.date),
t AS (SELECT coalesce(sum(downloads), 0) AS total, coalesce(sum(repos), 0) AS models, count(*) AS orgs FROM o),
p AS (SELECT r.mid, r.downloads FROM d JOIN rollup_top r ON r.date = d.date),
r AS (SELECT row_number() OVER (ORDER BY downloads DESC, org) AS rank, author, repos, downloads
  FROM (SELECT org, author, repos, downloads FROM o ORDER BY downloads DESC, org LIMIT $k))
SELECT r.rank, r.author, r.repos, r.downloads, 100.0 * r.downloads / nullif(t.total, 0) AS share,
  100.0 * sum(r.downloads) OVER (ORDER BY r.rank) / nullif(t.total, 0) AS cumulativeShare
FROM r, t WHERE r.rank <= $k ORDER BY r.rank
