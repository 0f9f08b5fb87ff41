-- The newest complete snapshot at least $window days before the asked one (growth, new-entrants).
(SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE status = 'complete' AND date <= /* piece: clickhouse-snapshot-date */ - $window)
