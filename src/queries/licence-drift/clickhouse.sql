-- The derivatives' links of the current generation (small: one row per stated link) are the right side of every join:
-- the dimension (children, then parents) and the snapshot's statistics are streamed past them by key, read directly
-- rather than through the `model` view (18.16 pushes no outer WHERE into a view), the snapshot's load_id read once
-- as a constant (no IN set of keys: 18.16 builds a set inside a nested subquery again at each level of analysis).
-- The pairs are grouped once by (base licence, derivative licence), each group keeping the state of its distinct
-- derivatives, so the totals are merged from the groups instead of carrying every change into every row.
SELECT toString(/* piece: clickhouse-snapshot-date */) AS date, if(c, fl, NULL) AS fromLicence, if(c, ifNull(fclass, 'unknown'), NULL) AS fromClass,
  if(c, tl, NULL) AS toLicence, if(c, ifNull(tclass, 'unknown'), NULL) AS toClass, if(c, n, NULL) AS repos,
  if(c, s, NULL) AS downloads, derivatives, changedDerivatives
FROM (
  SELECT c, fl, tl, n, s, derivatives, changedDerivatives, fclass FROM (
    SELECT derivatives, changedDerivatives, notEmpty(groups) AS c, tupleElement(g, 1) AS fl, tupleElement(g, 2) AS tl,
      tupleElement(g, 3) AS n, tupleElement(g, 4) AS s
    FROM (
      SELECT uniqExactMerge(st) AS derivatives, uniqExactMergeIf(st, fromLicence != toLicence) AS changedDerivatives,
        groupArrayIf((fromLicence, toLicence, n, s), fromLicence != toLicence) AS groups
      FROM (
        SELECT fromLicence, toLicence, count() AS n, sum(ifNull(dl, 0)) AS s, uniqExactState(ckey) AS st
        FROM (SELECT DISTINCT ckey, fromLicence, toLicence, dl FROM (
          SELECT ckey, toLicence, dl, ifNull(lowerUTF8(license), '(none)') AS fromLicence FROM model_dim_rows ALL INNER JOIN (
            SELECT pkey AS key, ckey, toLicence, dl FROM (
              SELECT key AS ckey, pkey, toLicence, downloads AS dl FROM model_stats_by_date_all GLOBAL ALL INNER JOIN (
                SELECT key, pkey, ifNull(lowerUTF8(license), '(none)') AS toLicence FROM model_dim_rows ALL INNER JOIN (
                  SELECT child_key AS key, parent_key AS pkey FROM model_link_dim_rows WHERE load_id = /* piece: clickhouse-current-generation */
                    AND ((isNull($relation) AND relation != 'reupload') OR relation = $relation) AND child_key != parent_key
                ) USING key
                WHERE load_id = /* piece: clickhouse-current-generation */
                  AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
                  AND (isNull($official) OR key IN (SELECT key FROM family_walk))
              ) USING key
              WHERE /* piece: clickhouse-snapshot-rows */
            )
          ) USING key
          WHERE load_id = /* piece: clickhouse-current-generation */
        ))
        GROUP BY fromLicence, toLicence
      )
    ) LEFT ARRAY JOIN groups AS g
  ) ALL LEFT JOIN (SELECT tag AS fl, class AS fclass FROM licence_class) USING fl
) ALL LEFT JOIN (SELECT tag AS tl, class AS tclass FROM licence_class) USING tl
ORDER BY repos DESC NULLS LAST, downloads DESC, fromLicence, toLicence
LIMIT $limit
