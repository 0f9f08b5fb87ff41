SELECT lower(cl.license_name) AS "licenceName", coalesce(lc.class, 'unknown') AS class, count(*) AS repos,
  coalesce(sum(s.downloads), 0) AS downloads
FROM model_stats s JOIN model m ON m.mid = s.mid LEFT JOIN model_card_licence cl ON cl.key = m.key
    LEFT JOIN licence_class lc ON lc.tag = CASE WHEN (m.license IS NULL OR lower(m.license) IN ('other', 'unknown')) AND cl.license_name IS NOT NULL
    THEN 'name:' || lower(cl.license_name) ELSE lower(m.license) END
WHERE s.date = (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AND cl.key IS NOT NULL
  AND (m.license IS NULL OR lower(m.license) IN ('other', 'unknown'))
GROUP BY 1, 2
ORDER BY downloads DESC, repos DESC, "licenceName" NULLS LAST, class
