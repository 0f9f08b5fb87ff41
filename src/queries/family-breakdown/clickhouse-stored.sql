SELECT dimension, value, repos, downloads FROM (
  SELECT dimension, if(dimension = 'relation', relation, toString(depth)) AS value, sum(r) AS repos, sum(d) AS downloads,
    if(dimension = 'relation', toUInt32(0), depth) AS n
  FROM (
    SELECT relation, depth, repos AS r, dl AS d
    FROM rollup_family_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND official = $official AND off = 0
      AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))
  )
  ARRAY JOIN ['relation', 'depth'] AS dimension
  GROUP BY dimension, value, n
)
ORDER BY dimension, n, downloads DESC, value
