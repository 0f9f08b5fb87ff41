SELECT model, lic AS license, toString(last) AS date
FROM (SELECT model, ifNull(license, '') AS lic, max(date) AS last FROM leaderboard_entry
  WHERE board = $board AND date < toDate($date) GROUP BY model, lic)
WHERE lic != ''
ORDER BY model, last, license
