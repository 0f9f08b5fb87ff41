/**
 * Catalog entries that read a snapshot back out of a store, for `omo store copy`: every model of one complete
 * snapshot with its statistics at that date, its latest known metadata (as the `model` query shows it) and its
 * lineage links, paged by model key. src/store/copy.ts turns the rows into the Hub's wire shape and loads them into
 * another store.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { CH_STATS_BY_DATE, Count } from "./common.js";

/** The models of one complete snapshot, in key order, `limit` at a time after `after`. */
export const snapshotExport = defineQuery({
  name: "snapshot-export",
  description:
    "Every model of a complete snapshot, ordered by lower-cased id, with its statistics at that date, its latest known metadata (tags, licence, gating, timestamps, last date seen) and its lineage links (parent id and relation); paged with `after` (the last key of the previous page) and `limit`.",
  params: z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD"),
    after: z.string().nullable().default(null),
    limit: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
  }),
  sql: {
    duckdb: `SELECT m.key, m.id, m.author, s.downloads, s.downloads_all_time AS "downloadsAllTime", s.likes,
  s.trending_score AS "trendingScore",
  strftime(m.created_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS "createdAt",
  strftime(m.last_modified, '%Y-%m-%dT%H:%M:%S.%fZ') AS "lastModified", strftime(m.last_seen, '%Y-%m-%d') AS "lastSeen",
  m.pipeline_tag, m.library_name, m.license, m.gated, m.private,
  -- as JSON text: reading long lists of strings through the Node binding costs more than the query
  CAST(to_json(m.tags) AS VARCHAR) AS tags, l.links AS "baseModels"
FROM model_stats s JOIN model m ON m.mid = s.mid
LEFT JOIN (
  SELECT child_key, list(struct_pack(id := parent_id, relation := relation) ORDER BY parent_key) AS links
  FROM model_link GROUP BY child_key
) l ON l.child_key = m.key
WHERE s.date = $date::DATE
  AND s.date IN (SELECT date FROM snapshot WHERE status = 'complete')
  AND ($after::VARCHAR IS NULL OR m.key > $after)
ORDER BY m.key
LIMIT $limit`,
    // 18.16: one JOIN per SELECT (nested), no arrays on the right of an outer join (links are aggregated per
    // model of the snapshot first, so every join is INNER), no Nullable(Array) (`__null` markers, see rows.ts)
    clickhouse: `SELECT key, id, author, downloads, downloadsAllTime, likes, trendingScore, createdAt, lastModified, lastSeen,
  pipeline_tag, library_name, license, gated, private, tags, tags__null, baseModels,
  length(baseModels) = 0 AS baseModels__null
FROM (
  SELECT * FROM (
    SELECT key, downloads, downloads_all_time AS downloadsAllTime, likes, trending_score AS trendingScore
    FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($date), toDate(0)) AND key > ifNull($after, '')
  ) ALL INNER JOIN (
    SELECT key, id, author,
      if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%dT%H:%M:%SZ')) AS createdAt,
      if(isNull(last_modified), NULL, formatDateTime(assumeNotNull(last_modified), '%Y-%m-%dT%H:%M:%SZ')) AS lastModified,
      toString(last_seen) AS lastSeen, pipeline_tag, library_name, license, gated, private, tags,
      has_tags = 0 AS tags__null
    FROM model
  ) USING key
) ALL INNER JOIN (
  SELECT key,
    arrayMap(t -> (tupleElement(t, 2), tupleElement(t, 3)),
      arraySort(groupArrayIf((ifNull(parent_key, ''), ifNull(parent_id, ''), ifNull(relation, '')), isNotNull(parent_key))))
      AS baseModels
  FROM (
    SELECT key FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($date), toDate(0)) AND key > ifNull($after, '')
  ) ALL LEFT JOIN (SELECT child_key AS key, parent_key, parent_id, relation FROM model_link) USING key
  GROUP BY key
) USING key
ORDER BY key
LIMIT $limit`,
  },
  row: z.object({
    key: z.string(),
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    downloadsAllTime: Count.nullable(),
    likes: Count.nullable(),
    trendingScore: z.number().nullable(),
    createdAt: z.string().nullable(),
    lastModified: z.string().nullable(),
    /** The newest snapshot date the model is in (its metadata comes from there). */
    lastSeen: z.string(),
    pipeline_tag: z.string().nullable(),
    library_name: z.string().nullable(),
    license: z.string().nullable(),
    gated: z.string().nullable(),
    private: z.boolean().nullable(),
    // DuckDB sends the list as JSON text, ClickHouse as an array
    tags: z.preprocess((v) => (typeof v === "string" ? JSON.parse(v) : v), z.array(z.string()).nullable()),
    baseModels: z.array(z.object({ id: z.string(), relation: z.string() })).nullable(),
  }),
});

/** The stored licence map (what `model` and the openness queries classify licences with). */
export const licenceMap = defineQuery({
  name: "licence-map",
  description: "The licence map as stored (data/licences.yaml at the last load): tag, class, SPDX id, commercial use.",
  params: z.object({}),
  sql: {
    duckdb: "SELECT tag, class, spdx, commercial FROM licence_class ORDER BY tag",
  },
  row: z.object({ tag: z.string(), class: z.string(), spdx: z.string().nullable(), commercial: z.string() }),
});

/** Export queries, for the catalog. */
export const EXPORT_QUERIES = [snapshotExport, licenceMap] as const;
