SELECT count() AS snapshots,
  if(count() = 0, NULL, formatDateTime(max(loaded_at), '%Y-%m-%dT%H:%M:%SZ')) AS loaded FROM usage_snapshot
