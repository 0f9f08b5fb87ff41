/**
 * ClickHouse (18.16) forms of catalog queries whose DuckDB text does not run there, keyed by query name. The store
 * uses `query.sql.clickhouse` when the catalog has it, else this map, else the DuckDB text. Meant to move into
 * src/queries/*.ts as each query's `sql.clickhouse` (this file is where they were written and tested).
 *
 * What 18.16 forces (see /work/notes/clickhouse.md): no `WITH name AS (subquery)` (only scalar `WITH (…) AS x`),
 * one JOIN per SELECT (nest subqueries), no correlated subqueries, no `::` casts, no `strftime` (formatDateTime /
 * toString), byte-based `length`/`substring`, regex flags as a group (`(?i:…)`: a leading `(?i)` is ignored by 18.16's
 * literal prefilter), booleans are UInt8. The views `snapshot`,
 * `model`, `model_stats`, `model_link` show only complete snapshots; models are joined by `key` (no `mid`).
 */

/** The snapshot a query answers from (NULL when none), as DuckDB's SNAPSHOT_DATE_SQL. */
export const CH_SNAPSHOT_DATE =
  "(SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))";

/** Statistics rows of the snapshot date. */
const STATS_AT = `(SELECT key, downloads, downloads_all_time, likes, trending_score, 1 AS listed
  FROM model_stats WHERE date = ${CH_SNAPSHOT_DATE})`;

/** An organisation's repos, optionally filtered by a case-insensitive RE2 on the name after the slash. */
const ORG_MODELS = `(SELECT key, id, pipeline_tag, library_name, license, created_at FROM model
  WHERE lowerUTF8(author) = lowerUTF8($author)
    AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')'))))`;

export const CLICKHOUSE_SQL: Readonly<Record<string, string>> = {
  // an alias is visible in the whole SELECT in ClickHouse: `toString(date) AS date` would shadow the column, hence
  // the inner `d`
  snapshots: `SELECT toString(d) AS date, source, status, models, downloads, malformed,
  formatDateTime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started, formatDateTime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished
FROM (SELECT date AS d, source, status, model_count AS models, downloads, malformed, started_at, finished_at FROM snapshot)
ORDER BY d DESC`,

  "resolve-snapshot": `SELECT toString(d) AS date, models
FROM (SELECT date AS d, model_count AS models FROM snapshot
  WHERE status = 'complete' AND (isNull($date) OR date = toDate($date)))
ORDER BY d DESC LIMIT 1`,

  "top-models": `SELECT toString(${CH_SNAPSHOT_DATE}) AS date, id, author, downloads, likes, pipeline_tag AS task,
  library_name AS library, license
FROM ${STATS_AT}
ALL INNER JOIN (SELECT key, id, author, pipeline_tag, library_name, license FROM model
  WHERE (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
    AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))
    AND (isNull($license) OR lowerUTF8(license) = lowerUTF8($license))
    AND (isNull($author) OR lowerUTF8(author) = lowerUTF8($author))) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit`,

  "model-history": `SELECT toString(d) AS date, downloads, downloads_all_time AS downloadsAllTime, likes,
  trending_score AS trendingScore
FROM (SELECT date AS d, downloads, downloads_all_time, likes, trending_score FROM model_stats WHERE key = lowerUTF8($id))
ORDER BY d`,

  "org-totals": `SELECT toString(${CH_SNAPSHOT_DATE}) AS date, count() AS repos, ifNull(sum(downloads), 0) AS downloads,
  ifNull(sum(likes), 0) AS likes
FROM ${STATS_AT} ALL INNER JOIN ${ORG_MODELS} USING key`,

  "org-models": `SELECT id, downloads, likes, pipeline_tag AS task, library_name AS library, license,
  if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%d')) AS created
FROM ${STATS_AT} ALL INNER JOIN ${ORG_MODELS} USING key
ORDER BY downloads DESC NULLS LAST, id`,

  "search-models": `SELECT id, author, downloads, likes, pipeline_tag AS task
FROM (SELECT key, id, author, pipeline_tag FROM model WHERE position(key, lowerUTF8($q)) > 0)
ALL LEFT JOIN ${STATS_AT} USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit`,

  "search-orgs": `SELECT min(a) AS author, count(listed) AS repos, ifNull(sum(downloads), 0) AS downloads
FROM (SELECT key, author AS a FROM model WHERE position(lowerUTF8(author), lowerUTF8($q)) > 0)
ALL LEFT JOIN ${STATS_AT} USING key
GROUP BY lowerUTF8(a)
ORDER BY downloads DESC, lowerUTF8(min(a))
LIMIT $limit`,

  // arrays cannot be Nullable nor sit on the right of an outer join with join_use_nulls: tags come from the left
  // side with a `tags__null` marker, base models from a scalar subquery (rows.ts turns the tuples into objects)
  model: `SELECT toString(${CH_SNAPSHOT_DATE}) AS date, id, author, downloads, downloadsAllTime, likes, trendingScore,
  task, library, license, ifNull(lc_class, 'unknown') AS licenceClass, gated, createdAt, lastModified, firstSeen,
  lastSeen, isNotNull(listed) AS inSnapshot, tags, tags__null,
  (SELECT arrayMap(t -> (tupleElement(t, 2), tupleElement(t, 3)), arraySort(groupArray((parent_key, parent_id, relation))))
    FROM model_link WHERE child_key = lowerUTF8($id)) AS baseModels,
  (SELECT count() = 0 FROM model_link WHERE child_key = lowerUTF8($id)) AS baseModels__null
FROM (
  SELECT * FROM (
    SELECT key, id, author, pipeline_tag AS task, library_name AS library, license, gated,
      if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%dT%H:%M:%SZ')) AS createdAt,
      if(isNull(last_modified), NULL, formatDateTime(assumeNotNull(last_modified), '%Y-%m-%dT%H:%M:%SZ')) AS lastModified,
      toString(first_seen) AS firstSeen, toString(last_seen) AS lastSeen, tags, has_tags = 0 AS tags__null,
      lowerUTF8(ifNull(license, '')) AS lic_key
    FROM model WHERE key = lowerUTF8($id)
  ) ALL LEFT JOIN (SELECT key, downloads, downloads_all_time AS downloadsAllTime, likes, trending_score AS trendingScore,
    1 AS listed FROM model_stats WHERE date = ${CH_SNAPSHOT_DATE}) USING key
) ALL LEFT JOIN (SELECT tag AS lic_key, class AS lc_class FROM licence_class) USING lic_key`,
};
