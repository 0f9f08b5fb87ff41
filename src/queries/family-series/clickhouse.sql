/* piece: clickhouse-member-series-head */
        ALL INNER JOIN (SELECT key, first_seen FROM model WHERE key IN $member_keys) USING key
/* piece: clickhouse-member-series-tail */