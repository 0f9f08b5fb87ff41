SELECT m.id, s.downloads, lower(m.license) AS license
FROM model_stats s JOIN model m ON m.mid = s.mid
  LEFT JOIN model_card_licence cl ON cl.key = m.key
WHERE s.date = (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AND lower(m.license) IN ('other', 'unknown')
  AND coalesce(s.downloads, 0) >= $min_downloads
  AND ($fetched_since::DATE IS NULL OR cl.fetched_on IS NULL OR cl.fetched_on < $fetched_since::DATE)
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit
