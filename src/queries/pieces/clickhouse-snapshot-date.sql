-- The asked snapshot on ClickHouse: $date when it is a complete snapshot, the newest complete one when $date is
-- null; NULL when there is none.
(SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))
