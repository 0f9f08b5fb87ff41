-- Without a task or family: the roll-up by licence tag and gating written at load (migration 8) of the current
-- generation, classes applied here, and repos whose model card names their licence moved from their tag's class to
-- the name's; with a filter: every model of the snapshot (the other branch's conditions are constants in each table's WHERE).
SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, tupleElement(r, 1) AS class, tupleElement(r, 2) AS repos,
  tupleElement(r, 3) AS downloads, if(total = 0, 0, tupleElement(r, 3) / total) AS share,
  tupleElement(r, 4) AS gatedRepos, tupleElement(r, 5) AS gatedDownloads, tupleElement(r, 6) AS gatingUnknown
FROM (
  SELECT groupArray((c, n, dls, gr, gd, gu)) AS rs, sum(dls) AS total FROM (
    SELECT class AS c, sum(repos) AS n, sum(dl) AS dls, sumIf(repos, gcat = 'gated') AS gr,
      sumIf(dl, gcat = 'gated') AS gd, sumIf(repos, gcat = 'unknown') AS gu
    FROM (
  SELECT ifNull(class, 'unknown') AS class, toInt64(1) AS repos, toInt64(ifNull(dl, 0)) AS dl, multiIf(ifNull(gated, '') IN ('auto', 'manual'), 'gated', isNull(gated), 'unknown', 'open') AS gcat FROM
    (SELECT key, downloads AS dl FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND NOT (isNull($task) AND isNull($official)))
    ALL INNER JOIN (SELECT key, ifNull(lclass, 'unknown') AS class, gated FROM (SELECT *, if(lic IN ('other', 'unknown', '') AND ifNull(cname, '') != '', concat('name:', ifNull(cname, '')), lic)
      AS lickey FROM (
    SELECT key, gated, lowerUTF8(ifNull(license, '')) AS lic FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation)) AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
    AND (isNull($official) OR key IN (SELECT key FROM family_walk)) AND NOT (isNull($task) AND isNull($official)))
    ALL LEFT JOIN (SELECT key, lowerUTF8(ifNull(license_name, '')) AS cname FROM model_card_licence) USING key)
  ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey) USING key
  UNION ALL
  SELECT ifNull(lclass, 'unknown') AS class, repos, downloads AS dl, gcat FROM (
    SELECT lic AS lickey, gcat, repos, downloads FROM rollup_licence_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
      AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND (isNull($task) AND isNull($official))
  ) ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey
  UNION ALL
  SELECT ifNull(lclass, 'unknown') AS class, toInt64(sign) AS repos, toInt64(sign * ifNull(dl, 0)) AS dl, gcat FROM (
    SELECT lickey, sign, dl, gcat FROM (
      SELECT key, lic, cname, gcat, dl FROM (
        SELECT key, lic, cname, gcat FROM (
          SELECT key, lowerUTF8(ifNull(license, '')) AS lic, multiIf(ifNull(gated, '') IN ('auto', 'manual'), 'gated', isNull(gated), 'unknown', 'open') AS gcat FROM model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
            AND (isNull($task) AND isNull($official)) AND key IN (SELECT key FROM model_card_licence)
        ) ALL INNER JOIN (SELECT key, lowerUTF8(ifNull(license_name, '')) AS cname FROM model_card_licence) USING key
        WHERE lic IN ('other', 'unknown', '') AND cname != ''
      ) ALL INNER JOIN (SELECT key, downloads AS dl FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND (isNull($task) AND isNull($official))
        AND key GLOBAL IN (SELECT key FROM model_card_licence)) USING key
    ) ARRAY JOIN [-1, 1] AS sign, [lic, concat('name:', cname)] AS lickey
  ) ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey
) GROUP BY class HAVING n > 0
  )
) ARRAY JOIN rs AS r
ORDER BY if(indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class) = 0, 1000,
  indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class))
