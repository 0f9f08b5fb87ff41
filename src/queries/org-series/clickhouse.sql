/* piece: clickhouse-member-series-head */
        ALL INNER JOIN (SELECT key, first_seen FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND key IN $member_keys) USING key
/* piece: clickhouse-member-series-tail */