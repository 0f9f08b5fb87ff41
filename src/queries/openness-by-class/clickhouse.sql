-- The models of the snapshot (of the task, of the family; every model without either, though then the store runs
-- clickhouse-rollup.sql, the same answer from the roll-up written at load) per licence group and gating — the group
-- is the tag, or name:<the licence the model card names> for a repo tagged other/unknown or untagged —, classes
-- applied here.
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, tupleElement(r, 1) AS class, tupleElement(r, 2) AS repos,
  tupleElement(r, 3) AS downloads, if(total = 0, 0, tupleElement(r, 3) / total) AS share,
  tupleElement(r, 4) AS gatedRepos, tupleElement(r, 5) AS gatedDownloads, tupleElement(r, 6) AS gatingUnknown
FROM (
  SELECT groupArray((c, n, dls, gr, gd, gu)) AS rs, sum(dls) AS total FROM (
    SELECT ifNull(lclass, 'unknown') AS c, sum(repos) AS n, sum(dl) AS dls, sumIf(repos, gcat = 'gated') AS gr,
      sumIf(dl, gcat = 'gated') AS gd, sumIf(repos, gcat = 'unknown') AS gu
    FROM (
      SELECT lickey, gcat, toInt64(count()) AS repos, toInt64(sum(ifNull(dl, 0))) AS dl FROM (
        SELECT key, downloads AS dl FROM model_stats_by_date_all WHERE date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))
          AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0)))
      ) ALL INNER JOIN (
        SELECT key, if(lic IN ('other', 'unknown', '') AND ifNull(cname, '') != '', concat('name:', ifNull(cname, '')), lic) AS lickey,
          gcat FROM (
          SELECT key, lowerUTF8(ifNull(license, '')) AS lic,
            multiIf(ifNull(gated, '') IN ('auto', 'manual'), 'gated', isNull(gated), 'unknown', 'open') AS gcat
          FROM model_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
            AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task)) AND (isNull($official) OR key IN (SELECT key FROM family_walk))
        ) ALL LEFT JOIN (SELECT key, lowerUTF8(ifNull(license_name, '')) AS cname FROM model_card_licence) USING key
      ) USING key
      GROUP BY lickey, gcat
    ) ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey
    GROUP BY c HAVING n > 0
  )
) ARRAY JOIN rs AS r
ORDER BY if(indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class) = 0, 1000,
  indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class))
