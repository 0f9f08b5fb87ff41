-- The members (the walk at the snapshot) are read once: each member is listed under its own key and under its
-- parent's (ARRAY JOIN), so one GROUP BY gives every member its row and its count of children among the members. The
-- walk is matched to the current generation of the dimension on the coordinator (by key: the dimension table, not the
-- `model` view, since 18.16 pushes no outer WHERE into a view), and that small table is the right side of one join
-- with the statistics at the snapshot's date and load (two scalars, the shards' primary key), instead of the
-- statistics being read a subquery deeper and joined on the coordinator (at 30 days: one node 185-224 -> 144-159 ms,
-- two shards unchanged, 153-182 ms, same run; issue 15).
SELECT id, parent, depth, relation, downloads, children FROM (
  SELECT anyIf(m_id, own = 1) AS id, anyIf(m_depth, own = 1) AS depth, anyIf(m_relation, own = 1) AS relation,
    anyIf(m_downloads, own = 1) AS downloads, ifNull(anyIf(m_via, own = 1), '') AS vkey, countIf(own = 0) AS children,
    countIf(own = 1) AS listed
  FROM (SELECT key AS m_key, depth AS m_depth, relation AS m_relation, via AS m_via, id AS m_id, downloads AS m_downloads
    FROM model_stats_by_date_all GLOBAL ALL INNER JOIN (
      SELECT key, depth, relation, via, id FROM (SELECT key, depth, relation, via FROM family_walk)
      ALL INNER JOIN (SELECT key, id FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key IN (SELECT key FROM family_walk)) USING key
    ) USING key
    WHERE /* piece: clickhouse-snapshot-rows */)
  ARRAY JOIN [m_key, ifNull(m_via, '')] AS k, [1, 0] AS own
  GROUP BY k
  HAVING listed > 0
) ALL LEFT JOIN (SELECT key AS vkey, id AS parent FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key IN (SELECT key FROM family_walk)) USING vkey
ORDER BY depth, downloads DESC NULLS LAST, id
