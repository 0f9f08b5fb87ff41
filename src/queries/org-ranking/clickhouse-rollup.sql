-- Without a task or library filter: from org-ranking's roll-up written at load (migration 16): the date's rows of the
-- load the current generation lists as their writer (a constant), the window's four columns picked by the bound
-- window; the base date from the snapshots.
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date,
  toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE date <= /* piece: clickhouse-snapshot-date */ - $window)) AS baseDate,
  author, repos, downloads, likes,
  (SELECT sum(downloads) FROM rollup_org_rank_rows WHERE load_id = (SELECT any(writer) FROM rollup_org_rank_dates WHERE load_id = /* piece: clickhouse-current-generation */
    AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))) AS total,
  if(isNull(baseDate), NULL, c) AS commonRepos, if(isNull(baseDate), NULL, repos - l) AS newRepos,
  if(c = 0, NULL, b) AS before, if(c = 0, NULL, a) AS after
FROM (
  SELECT org, author, repos, downloads, likes, multiIf($window = 7, c7, $window = 30, c30, c90) AS c,
    multiIf($window = 7, l7, $window = 30, l30, l90) AS l, multiIf($window = 7, b7, $window = 30, b30, b90) AS b,
    multiIf($window = 7, a7, $window = 30, a30, a90) AS a
  FROM rollup_org_rank_rows WHERE load_id = (SELECT any(writer) FROM rollup_org_rank_dates WHERE load_id = /* piece: clickhouse-current-generation */
    AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))
  ORDER BY downloads DESC, org
  LIMIT $limit
)
ORDER BY downloads DESC, org
