-- Without a task or family (with one, the store runs clickhouse.sql): the roll-up by licence group and gating written
-- at load (migrations 8 and 14) of the current generation, every complete snapshot's rows, classes applied here —
-- the same answer as clickhouse.sql over every model of each snapshot.
SELECT toString(d) AS date, tupleElement(r, 1) AS class, tupleElement(r, 2) AS repos,
  tupleElement(r, 3) AS downloads, if(total = 0, 0, tupleElement(r, 3) / total) AS share
FROM (
  SELECT d, groupArray((c, n, dls)) AS rs, sum(dls) AS total FROM (
    SELECT date AS d, ifNull(lclass, 'unknown') AS c, sum(repos) AS n, sum(dl) AS dls FROM (
      SELECT date, lic AS lickey, repos, downloads AS dl FROM rollup_licence_rows WHERE load_id = /* piece: clickhouse-current-generation */
        AND date IN (SELECT date FROM snapshot)
    ) ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey
    GROUP BY d, c HAVING n > 0
  ) GROUP BY d
) ARRAY JOIN rs AS r
ORDER BY d, if(indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class) = 0, 1000,
  indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class))
