/**
 * Catalog entries about one model's lineage: its direct derivatives (children through base-model links) listed at a
 * snapshot, grouped by relation or ranked by downloads, the ones first seen after a date (new derivatives, for
 * alerts and feeds), and the parents of a set of models (the upward walk that finds a model's family).
 *
 * A child linked to the same parent by several sources (a `base_model:X` tag and a typed `base_model:finetune:X`
 * tag, cardData…) counts once, with the typed relation when one source gives it (the smallest typed relation by
 * name when sources disagree), else `unknown`.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { CH_SNAPSHOT_DATE_SQL, CH_STATS_BY_DATE, Count, DateParam, IsoDate, SNAPSHOT_DATE_SQL } from "./common.js";
import { RELATIONS } from "./families.js";

const Relation = z.enum(RELATIONS).nullable().default(null);

/** DuckDB: one row per child of `$id` (key, relation), links to itself left out. */
const CHILDREN_SQL = `c AS (
  SELECT l.child_key AS key,
    coalesce(min(l.relation) FILTER (WHERE l.relation <> 'unknown'), 'unknown') AS relation
  FROM model_link l WHERE l.parent_key = lower($id) AND l.child_key <> l.parent_key
  GROUP BY l.child_key
)`;

/** ClickHouse: the same children (key, relation). */
const CH_CHILDREN = `(SELECT child_key AS key,
    if(countIf(relation != 'unknown') > 0, minIf(relation, relation != 'unknown'), 'unknown') AS relation
  FROM model_link WHERE parent_key = lowerUTF8($id) AND child_key != parent_key GROUP BY child_key)`;

/** The fixed order of relations (typed first, `unknown` last), for ORDER BY. */
const RELATION_ORDER_SQL = `list_position(['${RELATIONS.join("', '")}'], relation)`;
const CH_RELATION_ORDER_SQL = `indexOf(['${RELATIONS.join("', '")}'], relation)`;

/** A model's direct derivatives at a snapshot, by downloads. */
export const modelChildren = defineQuery({
  name: "model-children",
  description:
    "The direct derivatives of a model (id case-insensitive): repos that name it as base model (base_model tags, cardData.base_model, baseModels), listed at the snapshot date (default: latest), by 30-day downloads (ties by id); optionally one relation. A child linked by several sources counts once, with the typed relation when one source gives it.",
  params: z.object({
    id: z.string().min(1).max(300),
    date: DateParam,
    relation: Relation,
    limit: z.coerce.number().int().min(1).max(10_000).default(20),
  }),
  sql: {
    duckdb: `WITH d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
${CHILDREN_SQL}
SELECT m.id, m.author, c.relation, s.downloads, s.likes, m.license, strftime(m.created_at, '%Y-%m-%d') AS created,
  strftime(m.first_seen, '%Y-%m-%d') AS firstSeen
FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid JOIN c ON c.key = m.key
WHERE $relation::VARCHAR IS NULL OR c.relation = $relation
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit`,
    clickhouse: `SELECT id, author, relation, downloads, likes, license, created, firstSeen FROM (
  SELECT key, relation, downloads, likes FROM ${CH_CHILDREN}
  ALL INNER JOIN (SELECT key, downloads, likes FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))) USING key
  WHERE isNull($relation) OR relation = $relation
) ALL INNER JOIN (SELECT key, id, author, license,
    if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%d')) AS created,
    toString(first_seen) AS firstSeen FROM model) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit`,
  },
  row: z.object({
    id: z.string(),
    author: z.string(),
    relation: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    license: z.string().nullable(),
    created: z.string().nullable(),
    firstSeen: z.string(),
  }),
});

/** A model's direct derivatives at a snapshot, counted by relation. */
export const modelChildrenByRelation = defineQuery({
  name: "model-children-by-relation",
  description:
    "The direct derivatives of a model listed at the snapshot date (default: latest), counted by relation (finetune, adapter, quantized, merge, unknown = untyped link) with the sum of their 30-day downloads; relations with no child are left out.",
  params: z.object({ id: z.string().min(1).max(300), date: DateParam }),
  sql: {
    duckdb: `WITH d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
${CHILDREN_SQL}
SELECT c.relation, count(*) AS repos, coalesce(sum(s.downloads), 0) AS downloads
FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid JOIN c ON c.key = m.key
GROUP BY c.relation
ORDER BY ${RELATION_ORDER_SQL}`,
    clickhouse: `SELECT relation, count() AS repos, ifNull(sum(downloads), 0) AS downloads FROM ${CH_CHILDREN}
ALL INNER JOIN (SELECT key, downloads FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))) USING key
GROUP BY relation
ORDER BY ${CH_RELATION_ORDER_SQL}`,
  },
  row: z.object({ relation: z.string(), repos: Count, downloads: Count }),
});

/** Direct derivatives listed at a snapshot that no snapshot on or before `since` listed. */
export const modelNewChildren = defineQuery({
  name: "model-new-children",
  description:
    "New direct derivatives of a model: children listed at the snapshot `date` whose first complete snapshot is after `since` (no snapshot on or before `since` listed them), by 30-day downloads (ties by id). `created` (the Hub's creation date) tells a repo new on the Hub from one new to omo's coverage.",
  params: z.object({
    id: z.string().min(1).max(300),
    date: IsoDate,
    since: IsoDate,
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
  }),
  sql: {
    duckdb: `WITH ${CHILDREN_SQL}
SELECT m.id, m.author, c.relation, s.downloads, strftime(m.created_at, '%Y-%m-%d') AS created,
  strftime(m.first_seen, '%Y-%m-%d') AS firstSeen
FROM model_stats s JOIN snapshot p ON p.date = s.date AND p.status = 'complete'
  JOIN model m ON m.mid = s.mid JOIN c ON c.key = m.key
WHERE s.date = $date::DATE AND m.first_seen > $since::DATE
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit`,
    clickhouse: `SELECT id, author, relation, downloads, created, firstSeen FROM (
  SELECT key, relation, downloads FROM ${CH_CHILDREN}
  ALL INNER JOIN (SELECT key, downloads FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($date), toDate(0))) USING key
) ALL INNER JOIN (SELECT key, id, author,
    if(isNull(created_at), NULL, formatDateTime(assumeNotNull(created_at), '%Y-%m-%d')) AS created,
    toString(first_seen) AS firstSeen FROM model WHERE first_seen > toDate($since)) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit`,
  },
  row: z.object({
    id: z.string(),
    author: z.string(),
    relation: z.string(),
    downloads: Count.nullable(),
    created: z.string().nullable(),
    firstSeen: z.string(),
  }),
});

/** The parents (base models) of a set of models. */
export const modelParents = defineQuery({
  name: "model-parents",
  description:
    "The base models of the models whose lower-cased ids are listed in `keys` (comma-separated): one row per child and parent, with the relation (typed when a source says it, else unknown), ordered by child and parent. One step of the upward walk that finds which family a model belongs to.",
  params: z.object({
    keys: z
      .string()
      .min(1)
      .max(100_000)
      .regex(/^[^,]+(,[^,]+)*$/, "keys: a comma list of model ids"),
  }),
  sql: {
    duckdb: `SELECT l.child_key AS child, l.parent_key AS parentKey, min(l.parent_id) AS parentId,
  coalesce(min(l.relation) FILTER (WHERE l.relation <> 'unknown'), 'unknown') AS relation
FROM model_link l
WHERE list_contains(string_split(lower($keys), ','), l.child_key) AND l.child_key <> l.parent_key
GROUP BY l.child_key, l.parent_key
ORDER BY child, parentKey`,
    clickhouse: `SELECT child_key AS child, parent_key AS parentKey, min(parent_id) AS parentId,
  if(countIf(relation != 'unknown') > 0, minIf(relation, relation != 'unknown'), 'unknown') AS relation
FROM model_link
WHERE has(splitByChar(',', lowerUTF8($keys)), child_key) AND child_key != parent_key
GROUP BY child_key, parent_key
ORDER BY child, parentKey`,
  },
  row: z.object({ child: z.string(), parentKey: z.string(), parentId: z.string(), relation: z.string() }),
});

/** The lineage queries, for the catalog. */
export const LINEAGE_QUERIES = [modelChildren, modelChildrenByRelation, modelNewChildren, modelParents] as const;
