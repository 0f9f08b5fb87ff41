-- From the roll-ups written at load (migration 8): the models at or above the k-th largest count of the date, the
-- total from the organisations' roll-up; ids and authors from the model dimension.
SELECT rank, id, author, downloads, 100.0 * downloads / nullIf(t, 0) AS share,
  100.0 * cum / nullIf(t, 0) AS cumulativeShare
FROM (
  SELECT arraySort(x -> (-x.1, x.2), groupArray((downloads, id, author))) AS top, (SELECT ifNull(sum(downloads), 0) FROM rollup_org_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))) AS t
  FROM (
    SELECT downloads, id, author FROM (SELECT key, downloads FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
  AND downloads >= (SELECT ifNull(min(d), 0) FROM (SELECT downloads AS d FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))) ORDER BY d DESC LIMIT $k)))
      ALL INNER JOIN (SELECT key, id, author FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND key IN (SELECT key FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
  AND downloads >= (SELECT ifNull(min(d), 0) FROM (SELECT downloads AS d FROM rollup_top_rows WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))) ORDER BY d DESC LIMIT $k))))
      USING key
    ORDER BY downloads DESC, id LIMIT $k
  )
)
ARRAY JOIN arrayEnumerate(top) AS rank, arrayMap(x -> x.2, top) AS id, arrayMap(x -> x.3, top) AS author,
  arrayMap(x -> x.1, top) AS downloads, arrayCumSum(arrayMap(x -> x.1, top)) AS cum
ORDER BY rank
