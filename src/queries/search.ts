/**
 * Catalog entries for search boxes: models and organisations whose id contains a text. The text is bound as `$q`
 * and compared with `contains` on lower-cased ids, so no character of it (`%`, `_`, quotes) has a meaning in SQL.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import {
  CH_MODEL_WHERE,
  CH_SNAPSHOT_DATE_SQL,
  CH_STATS_AT,
  CH_STATS_BY_DATE,
  Count,
  DateParam,
  SNAPSHOT_DATE_SQL,
} from "./common.js";

/** Search parameters: the text (1-200 characters), how many rows, and the snapshot that ranks them. */
const SearchParams = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  date: DateParam,
});

/** Models whose id contains a text, by 30-day downloads at the snapshot. */
export const searchModels = defineQuery({
  name: "search-models",
  description:
    "Models whose id (author/name) contains the text q (case-insensitive, plain substring: no wildcards), ranked by 30-day downloads at the snapshot date (default latest; models not listed there come last), ties by id.",
  params: SearchParams,
  sql: {
    duckdb: `WITH d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date)
SELECT m.id, m.author, s.downloads, s.likes, m.pipeline_tag AS task
FROM model m CROSS JOIN d LEFT JOIN model_stats s ON s.mid = m.mid AND s.date = d.date
WHERE contains(m.key, lower($q))
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit`,
    clickhouse: `SELECT id, author, downloads, likes, pipeline_tag AS task
FROM (SELECT key, id, author, pipeline_tag FROM ${CH_MODEL_WHERE} AND position(key, lowerUTF8($q)) > 0)
ALL LEFT JOIN (SELECT key, downloads, likes FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))
  AND key GLOBAL IN (SELECT key FROM ${CH_MODEL_WHERE} AND position(key, lowerUTF8($q)) > 0)) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit`,
  },
  row: z.object({
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    task: z.string().nullable(),
  }),
});

/** Organisations whose name contains a text, by their summed 30-day downloads at the snapshot. */
export const searchOrgs = defineQuery({
  name: "search-orgs",
  description:
    "Organisations (Hub namespaces, case-insensitive) whose name contains the text q (plain substring), with their repos listed at the snapshot date (default latest) and the sum of their 30-day downloads, by downloads, ties by name.",
  params: SearchParams,
  sql: {
    duckdb: `WITH d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date)
SELECT min(m.author) AS author, count(s.mid) AS repos, coalesce(sum(s.downloads), 0) AS downloads
FROM model m CROSS JOIN d LEFT JOIN model_stats s ON s.mid = m.mid AND s.date = d.date
WHERE contains(lower(m.author), lower($q))
GROUP BY lower(m.author)
ORDER BY downloads DESC, lower(min(m.author))
LIMIT $limit`,
    clickhouse: `SELECT min(a) AS author, count(listed) AS repos, ifNull(sum(downloads), 0) AS downloads
FROM (SELECT key, author AS a FROM model WHERE position(lowerUTF8(author), lowerUTF8($q)) > 0)
ALL LEFT JOIN ${CH_STATS_AT} USING key
GROUP BY lowerUTF8(a)
ORDER BY downloads DESC, lowerUTF8(min(a))
LIMIT $limit`,
  },
  row: z.object({ author: z.string(), repos: Count, downloads: Count }),
});
