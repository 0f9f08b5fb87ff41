SELECT count(*) AS snapshots, strftime(max(loaded_at), '%Y-%m-%dT%H:%M:%SZ') AS loaded FROM usage_snapshot
