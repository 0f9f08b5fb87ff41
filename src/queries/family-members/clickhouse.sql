-- The walk's members are matched to the current generation of the dimension on the coordinator (by key: the dimension
-- table, not the `model` view, since 18.16 pushes no outer WHERE into a view), each with the id of the member it was
-- reached through (via), and that one small table (a row per member) is the right side of one join with the
-- statistics at the snapshot's date and load (two scalars, the shards' primary key), which is the query's outermost
-- read: each shard joins its own models and sorts them, the coordinator merges the first $limit. Before, the
-- statistics were read three subqueries deep and joined to the members and the via ids on the coordinator (at 30 days:
-- one node 172 -> 116 ms, two shards 127-206 -> 118 ms, same run; issue 15).
SELECT id, author, downloads, likes, depth, relation, via
FROM model_stats_by_date_all GLOBAL ALL INNER JOIN (
  SELECT key, id, author, depth, relation, pid AS via FROM (
    SELECT key, id, author, depth, relation, ifNull(via, '') AS vkey FROM (SELECT key, depth, relation, via FROM family_walk)
    ALL INNER JOIN (SELECT key, id, author FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key IN (SELECT key FROM family_walk)) USING key
  ) ALL LEFT JOIN (SELECT key AS vkey, id AS pid FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key IN (SELECT key FROM family_walk)) USING vkey
) USING key
WHERE /* piece: clickhouse-snapshot-rows */ AND key GLOBAL IN (SELECT key FROM family_walk)
ORDER BY downloads DESC NULLS LAST, id LIMIT $limit
