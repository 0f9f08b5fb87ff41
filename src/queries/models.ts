/** Catalog entries about single models and rankings of models. */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import {
  CH_MODEL_WHERE,
  CH_SNAPSHOT_DATE_SQL,
  CH_STATS_AT,
  CH_STATS_BY_DATE,
  CH_STATS_BY_KEY,
  Count,
  DateParam,
  SNAPSHOT_DATE_SQL,
} from "./common.js";
import { LICENCE_CLASS_JOIN_SQL } from "./openness.js";

const optText = z.string().min(1).nullable().default(null);

/** Columns every model row shares. Metadata is the latest known; statistics are those of the snapshot. */
const ModelRow = z.object({
  date: z.string(),
  id: z.string(),
  author: z.string(),
  downloads: Count.nullable(),
  likes: Count.nullable(),
  task: z.string().nullable(),
  library: z.string().nullable(),
  license: z.string().nullable(),
});

/**
 * ClickHouse: the `$limit`-th largest 30-day downloads at the snapshot date: without model filters no model below it
 * can rank, so top-models joins only the rows at or above it (ties
 * included) with the model dimension, instead of every model of the date.
 */
const CH_TOP_THRESHOLD = `(SELECT if(isNotNull($task) OR isNotNull($library) OR isNotNull($license) OR isNotNull($author)
    OR count() < $limit, toInt64(-1), toInt64(min(d)))
  FROM (SELECT downloads AS d FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))
    AND isNotNull(downloads) ORDER BY downloads DESC LIMIT $limit))`;

/**
 * ClickHouse: whether a statistics row of the date can be in top-models' answer: at or above CH_TOP_THRESHOLD, which
 * is -1 (every row; a missing count as -1) when model filters are given or fewer than `$limit` models have a count.
 */
const CH_TOP_CANDIDATE = `ifNull(downloads, -1) >= ${CH_TOP_THRESHOLD}`;

/** Top models by 30-day downloads at a snapshot, with optional filters. */
export const topModels = defineQuery({
  name: "top-models",
  description:
    "Models ranked by the Hub's 30-day download count at the snapshot date (default: latest), optionally filtered by task (pipeline_tag), library, licence and author. Ties are broken by id.",
  params: z.object({
    date: DateParam,
    limit: z.coerce.number().int().min(1).max(10_000).default(20),
    task: optText,
    library: optText,
    license: optText,
    author: optText,
  }),
  sql: {
    duckdb: `WITH d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date)
SELECT strftime(d.date, '%Y-%m-%d') AS date, m.id, m.author, s.downloads, s.likes,
  m.pipeline_tag AS task, m.library_name AS library, m.license
FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
WHERE ($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
  AND ($library::VARCHAR IS NULL OR lower(m.library_name) = lower($library))
  AND ($license::VARCHAR IS NULL OR lower(m.license) = lower($license))
  AND ($author::VARCHAR IS NULL OR lower(m.author) = lower($author))
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit`,
    clickhouse: `SELECT toString(${CH_SNAPSHOT_DATE_SQL}) AS date, id, author, downloads, likes, pipeline_tag AS task,
  library_name AS library, license
FROM (SELECT key, downloads, likes FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))
  AND ${CH_TOP_CANDIDATE})
ALL INNER JOIN (SELECT key, id, author, pipeline_tag, library_name, license FROM ${CH_MODEL_WHERE}
    AND key IN (SELECT key FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))
      AND ${CH_TOP_CANDIDATE})
    AND (isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
    AND (isNull($library) OR lowerUTF8(library_name) = lowerUTF8($library))
    AND (isNull($license) OR lowerUTF8(license) = lowerUTF8($license))
    AND (isNull($author) OR lowerUTF8(author) = lowerUTF8($author))) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit`,
  },
  row: ModelRow,
});

/** One model's metadata and its statistics at the snapshot. */
export const modelDetail = defineQuery({
  name: "model",
  description:
    "One model (id compared case-insensitively): latest known metadata, its openness class (licence map, 'unknown' when unmapped) and its statistics at the snapshot date (default: latest).",
  params: z.object({ id: z.string().min(1), date: DateParam }),
  sql: {
    duckdb: `WITH d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date)
SELECT strftime(d.date, '%Y-%m-%d') AS date, m.id, m.author, s.downloads, s.downloads_all_time AS downloadsAllTime,
  s.likes, s.trending_score AS trendingScore, m.pipeline_tag AS task, m.library_name AS library, m.license,
  coalesce(lc.class, 'unknown') AS licenceClass, cl.license_name AS licenceName, cl.license_link AS licenceLink,
  strftime(cl.fetched_on, '%Y-%m-%d') AS cardFetched, m.gated,
  strftime(m.created_at, '%Y-%m-%dT%H:%M:%SZ') AS createdAt, strftime(m.last_modified, '%Y-%m-%dT%H:%M:%SZ') AS lastModified,
  strftime(m.first_seen, '%Y-%m-%d') AS firstSeen, strftime(m.last_seen, '%Y-%m-%d') AS lastSeen,
  (s.mid IS NOT NULL) AS inSnapshot, m.tags,
  (SELECT list(struct_pack(id := l.parent_id, relation := l.relation) ORDER BY l.parent_key)
     FROM model_link l WHERE l.child_key = m.key) AS baseModels
FROM model m CROSS JOIN d LEFT JOIN model_stats s ON s.mid = m.mid AND s.date = d.date
  ${LICENCE_CLASS_JOIN_SQL}
WHERE m.key = lower($id)`,
    // arrays cannot be Nullable nor sit on the right of an outer join with join_use_nulls: tags come from the left
    // side with a `tags__null` marker, base models from a scalar subquery (the store turns the tuples into objects)
    clickhouse: `SELECT toString(${CH_SNAPSHOT_DATE_SQL}) AS date, id, author, downloads, downloadsAllTime, likes, trendingScore,
  task, library, license, ifNull(lc_class, 'unknown') AS licenceClass, nullIf(cname_raw, '') AS licenceName,
  nullIf(clink, '') AS licenceLink, nullIf(cfetched, '') AS cardFetched, gated, createdAt, lastModified, firstSeen,
  lastSeen, isNotNull(listed) AS inSnapshot, tags, tags__null,
  (SELECT arrayMap(t -> (tupleElement(t, 2), tupleElement(t, 3)), arraySort(groupArray((parent_key, parent_id, relation))))
    FROM model_link WHERE child_key = lowerUTF8($id)) AS baseModels,
  (SELECT count() = 0 FROM model_link WHERE child_key = lowerUTF8($id)) AS baseModels__null
FROM (
  SELECT *, if(lic IN ('other', 'unknown', '') AND ifNull(cname, '') != '', concat('name:', ifNull(cname, '')), lic)
    AS lic_key FROM (
    SELECT * FROM (
      SELECT key, id, author, pipeline_tag AS task, library_name AS library, license, gated,
        if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%dT%H:%M:%SZ')) AS createdAt,
        if(isNull(last_modified), NULL, formatDateTime(assumeNotNull(last_modified), '%Y-%m-%dT%H:%M:%SZ')) AS lastModified,
        toString(first_seen) AS firstSeen, toString(last_seen) AS lastSeen, tags, has_tags = 0 AS tags__null,
        lowerUTF8(ifNull(license, '')) AS lic
      FROM model WHERE key = lowerUTF8($id)
    ) ALL LEFT JOIN (SELECT key, downloads, downloads_all_time AS downloadsAllTime, likes, trending_score AS trendingScore,
      1 AS listed FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))
      AND key = lowerUTF8($id)) USING key
  ) ALL LEFT JOIN (SELECT key, ifNull(license_name, '') AS cname_raw, lowerUTF8(ifNull(license_name, '')) AS cname,
    ifNull(license_link, '') AS clink, toString(fetched_on) AS cfetched FROM model_card_licence
    WHERE key = lowerUTF8($id)) USING key
) ALL LEFT JOIN (SELECT tag AS lic_key, class AS lc_class FROM licence_class) USING lic_key`,
  },
  row: z.object({
    date: z.string().nullable(),
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    downloadsAllTime: Count.nullable(),
    likes: Count.nullable(),
    trendingScore: z.number().nullable(),
    task: z.string().nullable(),
    library: z.string().nullable(),
    license: z.string().nullable(),
    licenceClass: z.string(),
    /** What the model card names as its licence (`cardData.license_name`), when `omo ingest --details` fetched it. */
    licenceName: z.string().nullable(),
    licenceLink: z.string().nullable(),
    /** The day the card was fetched. */
    cardFetched: z.string().nullable(),
    gated: z.string().nullable(),
    createdAt: z.string().nullable(),
    lastModified: z.string().nullable(),
    firstSeen: z.string(),
    lastSeen: z.string(),
    inSnapshot: z.boolean(),
    tags: z.array(z.string()).nullable(),
    baseModels: z.array(z.object({ id: z.string(), relation: z.string() })).nullable(),
  }),
});

/** A model's values in every complete snapshot, oldest first. */
export const modelHistory = defineQuery({
  name: "model-history",
  description:
    "A model's 30-day downloads, all-time downloads, likes and trending score in every complete snapshot that has it, oldest first.",
  params: z.object({ id: z.string().min(1) }),
  sql: {
    duckdb: `SELECT strftime(s.date, '%Y-%m-%d') AS date, s.downloads, s.downloads_all_time AS downloadsAllTime, s.likes,
  s.trending_score AS trendingScore
FROM model_stats s JOIN snapshot p ON p.date = s.date AND p.status = 'complete'
WHERE s.mid = (SELECT mid FROM model WHERE key = lower($id))
ORDER BY s.date`,
    clickhouse: `SELECT toString(d) AS date, downloads, downloads_all_time AS downloadsAllTime, likes,
  trending_score AS trendingScore
FROM (SELECT date AS d, downloads, downloads_all_time, likes, trending_score FROM ${CH_STATS_BY_KEY} AND key = lowerUTF8($id))
ORDER BY d`,
  },
  row: z.object({
    date: z.string(),
    downloads: Count.nullable(),
    downloadsAllTime: Count.nullable(),
    likes: Count.nullable(),
    trendingScore: z.number().nullable(),
  }),
});

/** The tasks or libraries of the models listed at a snapshot, by downloads (for filters). */
export const modelFacets = defineQuery({
  name: "model-facets",
  description:
    "The values of one model field at the snapshot date (default latest): dimension task = pipeline_tag, library = library_name; each with the number of repos listed and the sum of their 30-day downloads, by downloads (ties by value). Models without the field are left out. What the task and library filters offer.",
  params: z.object({
    date: DateParam,
    dimension: z.enum(["task", "library"]),
    limit: z.coerce.number().int().min(1).max(10_000).default(200),
  }),
  sql: {
    duckdb: `WITH d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
v AS (
  SELECT CASE WHEN $dimension = 'task' THEN m.pipeline_tag ELSE m.library_name END AS value, s.downloads
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
)
SELECT value, count(*) AS repos, coalesce(sum(downloads), 0) AS downloads
FROM v WHERE value IS NOT NULL AND value <> ''
GROUP BY value
ORDER BY downloads DESC, value
LIMIT $limit`,
    clickhouse: `SELECT value, count() AS repos, ifNull(sum(downloads), 0) AS downloads
FROM ${CH_STATS_AT}
ALL INNER JOIN (SELECT key, if($dimension = 'task', pipeline_tag, library_name) AS value FROM model) USING key
WHERE isNotNull(value) AND value != ''
GROUP BY value
ORDER BY downloads DESC, value
LIMIT $limit`,
  },
  row: z.object({ value: z.string(), repos: Count, downloads: Count }),
});
