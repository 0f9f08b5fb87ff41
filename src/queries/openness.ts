/**
 * Catalog entries about openness: downloads by licence class (data/licences.yaml, stored as `licence_class`), over
 * one snapshot or every snapshot, and licence drift between derivatives and their base models. A model's class is
 * that of its stored licence (`model.license`: the first `license:` tag, else cardData.license) compared
 * lower-cased; no licence, or a tag not in the map, is `unknown`. Licences are the latest known metadata.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { Count, DateParam, SNAPSHOT_DATE_SQL } from "./common.js";
import { DepthParam, RELATIONS, RelationsParam, TREE_CTE } from "./families.js";

const optText = z.string().min(1).max(200).nullable().default(null);

/** Optional family scope: the official pattern of a family (null = every model) and how far lineage is followed. */
const FamilyScope = {
  official: z.string().min(1).max(4000).nullable().default(null),
  relations: RelationsParam,
  depth: DepthParam,
};

/** The class of model `m` (joined to `licence_class lc`). */
const CLASS_SQL = "coalesce(lc.class, 'unknown')";

/** Classes in their fixed order, most open first, for ORDER BY. */
const CLASS_ORDER_SQL =
  "list_position(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'non-commercial', 'unknown', 'closed-api'], class)";

/** Model filters shared by the openness queries: task, and membership of the family tree when `$official` is set. */
const MODEL_FILTER_SQL = `($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
    AND ($official::VARCHAR IS NULL OR m.key IN (SELECT key FROM tree))`;

/** Downloads and repos per openness class at a snapshot. */
export const opennessByClass = defineQuery({
  name: "openness-by-class",
  description:
    "Repos and 30-day downloads per openness class (licence map data/licences.yaml, applied to each model's first licence tag; no tag or an unmapped tag is 'unknown') at the snapshot date, with each class's share of the downloads. Gated repos (gated = auto or manual) are counted apart inside each class; the July-2024 listing carries no gating, so they show 0 there. Optional filters: task (pipeline_tag) and a family (its official repos and lineage derivatives).",
  params: z.object({ date: DateParam, task: optText, ...FamilyScope }),
  sql: {
    duckdb: `WITH RECURSIVE d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
${TREE_CTE},
base AS (
  SELECT m.mid, ${CLASS_SQL} AS class, m.gated, s.downloads
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
    LEFT JOIN licence_class lc ON lc.tag = lower(m.license)
  WHERE ${MODEL_FILTER_SQL}
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, class, count(*) AS repos,
  coalesce(sum(downloads), 0) AS downloads,
  coalesce(coalesce(sum(downloads), 0) / nullif(sum(sum(downloads)) OVER (), 0), 0) AS share,
  count(*) FILTER (WHERE gated IN ('auto', 'manual')) AS gatedRepos,
  coalesce(sum(downloads) FILTER (WHERE gated IN ('auto', 'manual')), 0) AS gatedDownloads,
  count(*) FILTER (WHERE gated IS NULL) AS gatingUnknown
FROM base GROUP BY class
ORDER BY ${CLASS_ORDER_SQL}`,
  },
  row: z.object({
    date: z.string().nullable(),
    class: z.string(),
    repos: Count,
    downloads: Count,
    share: z.coerce.number(),
    gatedRepos: Count,
    gatedDownloads: Count,
    gatingUnknown: Count,
  }),
});

/** Downloads per openness class in every complete snapshot. */
export const opennessSeries = defineQuery({
  name: "openness-series",
  description:
    "Per complete snapshot, oldest first: repos, 30-day downloads and share of downloads per openness class. Classes come from each model's latest known licence (a licence change reclassifies the model in every snapshot). Optional filters: task and family, as in openness-by-class.",
  params: z.object({ task: optText, ...FamilyScope }),
  sql: {
    duckdb: `WITH RECURSIVE ${TREE_CTE},
base AS (
  SELECT s.date, ${CLASS_SQL} AS class, s.downloads
  FROM model_stats s JOIN snapshot p ON p.date = s.date AND p.status = 'complete'
    JOIN model m ON m.mid = s.mid LEFT JOIN licence_class lc ON lc.tag = lower(m.license)
  WHERE ${MODEL_FILTER_SQL}
)
SELECT strftime(date, '%Y-%m-%d') AS date, class, count(*) AS repos, coalesce(sum(downloads), 0) AS downloads,
  coalesce(coalesce(sum(downloads), 0) / nullif(sum(sum(downloads)) OVER (PARTITION BY date), 0), 0) AS share
FROM base GROUP BY date, class
ORDER BY date, ${CLASS_ORDER_SQL}`,
  },
  row: z.object({
    date: z.string(),
    class: z.string(),
    repos: Count,
    downloads: Count,
    share: z.coerce.number(),
  }),
});

/** Derivatives whose licence differs from their base model's, counted by from → to. */
export const licenceDrift = defineQuery({
  name: "licence-drift",
  description:
    "Lineage derivatives listed in the snapshot whose licence differs from their base model's (model_link child → parent, both in the store; licences lower-cased, '(none)' when absent), counted by base licence → derivative licence with their classes and 30-day downloads. A derivative with several bases counts once per distinct base licence. derivatives / changedDerivatives are the totals over all derivatives considered (one row with null pair columns when none changed). Optional filters: task, family (the derivative must be a member), relation.",
  params: z.object({
    date: DateParam,
    task: optText,
    ...FamilyScope,
    relation: z.enum(RELATIONS).nullable().default(null),
    limit: z.coerce.number().int().min(1).max(10_000).default(50),
  }),
  sql: {
    duckdb: `WITH RECURSIVE d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
${TREE_CTE},
pairs AS (
  SELECT DISTINCT m.mid, coalesce(lower(p.license), '(none)') AS fromLicence,
    coalesce(lower(m.license), '(none)') AS toLicence, s.downloads
  FROM model_link l JOIN model m ON m.key = l.child_key JOIN model p ON p.key = l.parent_key
    JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
  WHERE ($relation::VARCHAR IS NULL OR l.relation = $relation) AND m.mid <> p.mid AND ${MODEL_FILTER_SQL}
),
totals AS (
  SELECT count(DISTINCT mid) AS derivatives, count(DISTINCT mid) FILTER (WHERE fromLicence <> toLicence) AS changed
  FROM pairs
),
grouped AS (
  SELECT x.fromLicence, coalesce(fc.class, 'unknown') AS fromClass, x.toLicence, coalesce(tc.class, 'unknown') AS toClass,
    count(*) AS repos, coalesce(sum(x.downloads), 0) AS downloads
  FROM pairs x LEFT JOIN licence_class fc ON fc.tag = x.fromLicence LEFT JOIN licence_class tc ON tc.tag = x.toLicence
  WHERE x.fromLicence <> x.toLicence
  GROUP BY x.fromLicence, fc.class, x.toLicence, tc.class
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, g.fromLicence, g.fromClass, g.toLicence, g.toClass,
  g.repos, g.downloads, t.derivatives, t.changed AS changedDerivatives
FROM totals t LEFT JOIN grouped g ON true
ORDER BY g.repos DESC NULLS LAST, g.downloads DESC, g.fromLicence, g.toLicence
LIMIT $limit`,
  },
  row: z.object({
    date: z.string().nullable(),
    fromLicence: z.string().nullable(),
    fromClass: z.string().nullable(),
    toLicence: z.string().nullable(),
    toClass: z.string().nullable(),
    repos: Count.nullable(),
    downloads: Count.nullable(),
    derivatives: Count,
    changedDerivatives: Count,
  }),
});

/** The openness queries, for the catalog. */
export const OPENNESS_QUERIES = [opennessByClass, opennessSeries, licenceDrift] as const;
