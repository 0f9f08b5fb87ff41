-- From the roll-ups written at load (migration 8): the models at or above the k-th largest count of the date, the
-- total from the organisations' roll-up; ids and authors from the model dimension. The date's visible load is one
-- small IN set `(date, load_id)`, and the text has as few levels as it can (18.16 analyses each subquery again at
-- every level above it): the k best sorted in an array, no ORDER BY … LIMIT level.
SELECT rank, id, author, downloads, 100.0 * downloads / nullIf(t, 0) AS share,
  100.0 * cum / nullIf(t, 0) AS cumulativeShare
FROM (
  SELECT arraySlice(arraySort(x -> (-x.1, x.2), groupArray((downloads, id, author))), 1, $k) AS top,
    (SELECT ifNull(sum(downloads), 0) FROM rollup_org_rows WHERE load_id IN (SELECT writer FROM rollup_org_dates WHERE load_id = /* piece: clickhouse-current-generation */ AND date IN (SELECT date FROM snapshot WHERE isNull($date) OR date = toDate($date) ORDER BY date DESC LIMIT 1)) AND date IN (SELECT date FROM snapshot WHERE isNull($date) OR date = toDate($date) ORDER BY date DESC LIMIT 1)) AS t
  FROM (SELECT key, id, author FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key IN (
    SELECT key FROM rollup_top_rows WHERE (date, load_id) IN (SELECT date, load_id FROM snapshot WHERE isNull($date) OR date = toDate($date) ORDER BY date DESC LIMIT 1)
      AND downloads >= (SELECT arrayReverseSort(groupArray(downloads))[$k] FROM rollup_top_rows
        WHERE (date, load_id) IN (SELECT date, load_id FROM snapshot WHERE isNull($date) OR date = toDate($date) ORDER BY date DESC LIMIT 1))))
  ALL INNER JOIN (SELECT key, downloads FROM rollup_top_rows
    WHERE (date, load_id) IN (SELECT date, load_id FROM snapshot WHERE isNull($date) OR date = toDate($date) ORDER BY date DESC LIMIT 1)) USING key
)
ARRAY JOIN arrayEnumerate(top) AS rank, arrayMap(x -> x.2, top) AS id, arrayMap(x -> x.3, top) AS author,
  arrayMap(x -> x.1, top) AS downloads, arrayCumSum(arrayMap(x -> x.1, top)) AS cum
ORDER BY rank
