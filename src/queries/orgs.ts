/** Catalog entries about organisations (Hub namespaces). */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import {
  CH_SNAPSHOT_DATE_SQL,
  CH_STATS_AT,
  CH_STATS_BY_DATE,
  Count,
  DateParam,
  MatchParam,
  SNAPSHOT_DATE_SQL,
} from "./common.js";
import { CH_GROWTH_DATES, GROWTH_DATES, GrowthWindow } from "./series.js";

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

const optText = z.string().min(1).max(200).nullable().default(null);

/** Organisations ranked by downloads at a snapshot, with like-for-like growth over a window. */
export const orgRanking = defineQuery({
  name: "org-ranking",
  description:
    "Organisations (Hub namespaces, case-insensitive) ranked by the sum of their repos' 30-day downloads at the snapshot date (default latest; ties by name), with repos, likes and the total over every organisation (for shares); optional filters task (pipeline_tag) and library. Growth is like for like: against the latest complete snapshot at or before date minus window (7, 30 or 90 days), over the repos listed with a count at both (commonRepos; before and after are their sums); newRepos = repos listed now but not then. Growth columns are null when there is no such snapshot.",
  params: z.object({
    date: DateParam,
    window: GrowthWindow,
    limit: z.coerce.number().int().min(1).max(10_000).default(50),
    task: optText,
    library: optText,
  }),
  sql: {
    duckdb: `WITH ${GROWTH_DATES},
cur AS (
  SELECT s.mid, lower(m.author) AS org, m.author, s.downloads, s.likes
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
  WHERE ($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
    AND ($library::VARCHAR IS NULL OR lower(m.library_name) = lower($library))
),
prev AS (SELECT s.mid, s.downloads FROM b JOIN model_stats s ON s.date = b.date),
o AS (
  SELECT c.org, min(c.author) AS author, count(*) AS repos, coalesce(sum(c.downloads), 0) AS downloads,
    coalesce(sum(c.likes), 0) AS likes,
    count(*) FILTER (WHERE p.downloads IS NOT NULL AND c.downloads IS NOT NULL) AS common,
    count(p.mid) AS listedBefore,
    sum(p.downloads) FILTER (WHERE p.downloads IS NOT NULL AND c.downloads IS NOT NULL) AS before,
    sum(c.downloads) FILTER (WHERE p.downloads IS NOT NULL AND c.downloads IS NOT NULL) AS after
  FROM cur c LEFT JOIN prev p ON p.mid = c.mid GROUP BY c.org
)
SELECT strftime(d.date, '%Y-%m-%d') AS date, strftime(b.date, '%Y-%m-%d') AS baseDate, o.author, o.repos,
  o.downloads, o.likes, (SELECT coalesce(sum(downloads), 0) FROM cur) AS total,
  CASE WHEN b.date IS NOT NULL THEN o.common END AS commonRepos,
  CASE WHEN b.date IS NOT NULL THEN o.repos - o.listedBefore END AS newRepos,
  o.before, o.after
FROM o, d, b
ORDER BY o.downloads DESC, o.org
LIMIT $limit`,
    // no window functions: every organisation's row gathered into one array with the total, unnested again
    clickhouse: `SELECT toString(${CH_SNAPSHOT_DATE_SQL}) AS date, (SELECT toString(bd) FROM ${CH_GROWTH_DATES}) AS baseDate,
  tupleElement(r, 2) AS author, tupleElement(r, 3) AS repos, tupleElement(r, 4) AS downloads, tupleElement(r, 5) AS likes,
  total, if(isNull(baseDate), NULL, tupleElement(r, 6)) AS commonRepos,
  if(isNull(baseDate), NULL, tupleElement(r, 3) - tupleElement(r, 7)) AS newRepos,
  if(tupleElement(r, 6) = 0, NULL, tupleElement(r, 8)) AS before,
  if(tupleElement(r, 6) = 0, NULL, tupleElement(r, 9)) AS after, tupleElement(r, 1) AS org
FROM (
  SELECT groupArray((org, author, repos, downloads, likes, common, listedBefore, before, after)) AS rs, sum(downloads) AS total
  FROM (
    SELECT org, min(author) AS author, count() AS repos, ifNull(sum(dl), 0) AS downloads, ifNull(sum(lk), 0) AS likes,
      countIf(both) AS common, countIf(listed = 1) AS listedBefore, ifNull(sumIf(pdl, both), 0) AS before,
      ifNull(sumIf(dl, both), 0) AS after
    FROM (
      SELECT org, author, dl, lk, pdl, ifNull(listed, 0) AS listed, isNotNull(pdl) AND isNotNull(dl) AS both FROM (
        SELECT key, lowerUTF8(author) AS org, author, dl, lk FROM (
          SELECT key, downloads AS dl, likes AS lk FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))
        ) ALL INNER JOIN (SELECT key, author FROM model
          WHERE (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
            AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))) USING key
      ) ALL LEFT JOIN (SELECT key, downloads AS pdl, 1 AS listed FROM ${CH_STATS_BY_DATE}
        AND date = ifNull((SELECT bd FROM ${CH_GROWTH_DATES}), toDate(0))) USING key
    )
    GROUP BY org
  )
) ARRAY JOIN rs AS r
ORDER BY downloads DESC, org
LIMIT $limit`,
  },
  row: z.object({
    date: z.string().nullable(),
    baseDate: z.string().nullable(),
    author: z.string(),
    repos: Count,
    downloads: Count,
    likes: Count,
    total: Count,
    commonRepos: Count.nullable(),
    newRepos: Count.nullable(),
    before: Count.nullable(),
    after: Count.nullable(),
  }),
});
