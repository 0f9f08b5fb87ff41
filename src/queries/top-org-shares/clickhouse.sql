-- From the organisations' roll-up written at load (migration 8): the rows of the current generation's writer of the
-- date (migration 18).
SELECT rank, author, repos, downloads, 100.0 * downloads / nullIf(t, 0) AS share,
  100.0 * cum / nullIf(t, 0) AS cumulativeShare
FROM (
  SELECT arraySort(x -> (-x.1, lowerUTF8(x.2)), groupArray((downloads, author, repos))) AS top, (SELECT ifNull(sum(downloads), 0) FROM rollup_org_rows WHERE load_id IN (SELECT writer FROM rollup_org_dates WHERE load_id = /* piece: clickhouse-current-generation */ AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))) AS t
  FROM (SELECT downloads, author, repos FROM rollup_org_rows WHERE load_id IN (SELECT writer FROM rollup_org_dates WHERE load_id = /* piece: clickhouse-current-generation */ AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))) AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)) ORDER BY downloads DESC, org LIMIT $k)
)
ARRAY JOIN arrayEnumerate(top) AS rank, arrayMap(x -> x.2, top) AS author, arrayMap(x -> x.3, top) AS repos,
  arrayMap(x -> x.1, top) AS downloads, arrayCumSum(arrayMap(x -> x.1, top)) AS cum
ORDER BY rank
