-- Without a task or family (with one, the store runs clickhouse.sql): the roll-up by licence group and gating written
-- at load (migrations 8 and 14) of the current generation — the group is the tag, or name:<the licence the model card
-- names> for a repo tagged other/unknown or untagged —, classes applied here. The same answer as clickhouse.sql over
-- every model of the snapshot.
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, tupleElement(r, 1) AS class, tupleElement(r, 2) AS repos,
  tupleElement(r, 3) AS downloads, if(total = 0, 0, tupleElement(r, 3) / total) AS share,
  tupleElement(r, 4) AS gatedRepos, tupleElement(r, 5) AS gatedDownloads, tupleElement(r, 6) AS gatingUnknown
FROM (
  SELECT groupArray((c, n, dls, gr, gd, gu)) AS rs, sum(dls) AS total FROM (
    SELECT ifNull(lclass, 'unknown') AS c, sum(repos) AS n, sum(dl) AS dls, sumIf(repos, gcat = 'gated') AS gr,
      sumIf(dl, gcat = 'gated') AS gd, sumIf(repos, gcat = 'unknown') AS gu
    FROM (
      SELECT lic AS lickey, gcat, repos, downloads AS dl FROM rollup_licence_rows WHERE load_id = /* piece: clickhouse-current-generation */
        AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))
    ) ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey
    GROUP BY c HAVING n > 0
  )
) ARRAY JOIN rs AS r
ORDER BY if(indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class) = 0, 1000,
  indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class))
