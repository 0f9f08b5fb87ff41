SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, fromLicence, fromClass, toLicence, toClass, repos, downloads,
  derivatives, changedDerivatives
FROM (
  SELECT if(c, fl, NULL) AS fromLicence, if(c, ifNull(fclass, 'unknown'), NULL) AS fromClass, if(c, tl, NULL) AS toLicence,
    if(c, ifNull(tclass, 'unknown'), NULL) AS toClass, if(c, n, NULL) AS repos, if(c, s, NULL) AS downloads,
    derivatives, changedDerivatives
  FROM (
    SELECT c, fl, tl, n, s, derivatives, changedDerivatives, fclass FROM (
      SELECT derivatives, changedDerivatives, notEmpty(pairs) AS c, tupleElement(p, 1) AS fl, tupleElement(p, 2) AS tl,
        arrayCount(x -> tupleElement(x, 1) = fl AND tupleElement(x, 2) = tl, changes) AS n,
        arraySum(arrayMap(x -> if(tupleElement(x, 1) = fl AND tupleElement(x, 2) = tl, tupleElement(x, 3), 0), changes)) AS s
      FROM (
        SELECT uniqExact(ckey) AS derivatives, uniqExactIf(ckey, fromLicence != toLicence) AS changedDerivatives,
          groupArrayIf((fromLicence, toLicence, ifNull(dl, 0)), fromLicence != toLicence) AS changes,
          groupUniqArrayIf((fromLicence, toLicence), fromLicence != toLicence) AS pairs
        FROM (SELECT DISTINCT ckey, fromLicence, toLicence, dl FROM (
    SELECT ckey, pkey, toLicence, dl, fromLicence FROM (
      SELECT ckey, pkey, toLicence, dl FROM (
        SELECT ckey, pkey, toLicence FROM (
          SELECT child_key AS ckey, parent_key AS pkey FROM model_link
          WHERE ((isNull($relation) AND relation != 'reupload') OR relation = $relation) AND child_key != parent_key
        ) ALL INNER JOIN (
          SELECT key AS ckey, ifNull(lowerUTF8(license), '(none)') AS toLicence FROM model WHERE (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
    AND (isNull($official) OR key IN (SELECT key FROM family_walk))
        ) USING ckey
      ) ALL INNER JOIN (SELECT key AS ckey, downloads AS dl FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))) USING ckey
    ) ALL INNER JOIN (SELECT key AS pkey, ifNull(lowerUTF8(license), '(none)') AS fromLicence FROM model) USING pkey
  ))
      ) LEFT ARRAY JOIN pairs AS p
    ) ALL LEFT JOIN (SELECT tag AS fl, class AS fclass FROM licence_class) USING fl
  ) ALL LEFT JOIN (SELECT tag AS tl, class AS tclass FROM licence_class) USING tl
)
ORDER BY repos DESC NULLS LAST, downloads DESC, fromLicence, toLicence
LIMIT $limit
