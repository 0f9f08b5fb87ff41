/** Catalog entries about organisations (Hub namespaces). */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { CH_SNAPSHOT_DATE_SQL, CH_STATS_AT, Count, DateParam, MatchParam, SNAPSHOT_DATE_SQL } from "./common.js";

const params = z.object({ author: z.string().min(1), match: MatchParam, date: DateParam });

/** The rows an organisation query ranges over: its repos at the snapshot, optionally filtered by name. */
const ORG_ROWS = `WITH d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
r AS (
  SELECT d.date, m.id, m.key, s.downloads, s.likes, m.pipeline_tag, m.library_name, m.license,
    m.created_at
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
  WHERE lower(m.author) = lower($author)
    AND ($match::VARCHAR IS NULL OR regexp_matches(substr(m.id, length(m.author) + 2), $match, 'i'))
)`;

/** ClickHouse: an organisation's repos, optionally filtered by a case-insensitive RE2 on the name after the slash. */
const CH_ORG_MODELS = `(SELECT key, id, pipeline_tag, library_name, license, created_at FROM model
  WHERE lowerUTF8(author) = lowerUTF8($author)
    AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')'))))`;

/** Totals of an organisation's repos at a snapshot (optionally only repos whose name matches). */
export const orgTotals = defineQuery({
  name: "org-totals",
  description:
    "An organisation (Hub namespace, case-insensitive) at the snapshot date: number of repos and the sum of their 30-day downloads and likes; `match` keeps repos whose name (after the slash) matches a case-insensitive regular expression.",
  params,
  sql: {
    duckdb: `${ORG_ROWS}
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, count(r.id) AS repos,
  coalesce(sum(r.downloads), 0) AS downloads, coalesce(sum(r.likes), 0) AS likes
FROM r`,
    clickhouse: `SELECT toString(${CH_SNAPSHOT_DATE_SQL}) AS date, count() AS repos, ifNull(sum(downloads), 0) AS downloads,
  ifNull(sum(likes), 0) AS likes
FROM ${CH_STATS_AT} ALL INNER JOIN ${CH_ORG_MODELS} USING key`,
  },
  row: z.object({ date: z.string().nullable(), repos: Count, downloads: Count, likes: Count }),
});

/** An organisation's repos at a snapshot, by downloads. */
export const orgModels = defineQuery({
  name: "org-models",
  description:
    "The repos of an organisation at the snapshot date, by 30-day downloads (ties by id), with the same `match` filter as org-totals.",
  params,
  sql: {
    duckdb: `${ORG_ROWS}
SELECT r.id, r.downloads, r.likes, r.pipeline_tag AS task, r.library_name AS library, r.license,
  strftime(r.created_at, '%Y-%m-%d') AS created
FROM r ORDER BY r.downloads DESC NULLS LAST, r.id`,
    clickhouse: `SELECT id, downloads, likes, pipeline_tag AS task, library_name AS library, license,
  if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%d')) AS created
FROM ${CH_STATS_AT} ALL INNER JOIN ${CH_ORG_MODELS} USING key
ORDER BY downloads DESC NULLS LAST, id`,
  },
  row: z.object({
    id: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    task: z.string().nullable(),
    library: z.string().nullable(),
    license: z.string().nullable(),
    created: z.string().nullable(),
  }),
});
