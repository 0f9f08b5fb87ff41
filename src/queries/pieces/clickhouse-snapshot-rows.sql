-- The rows of the asked snapshot in a large table: its date and the load id that snapshot shows.
date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)))
