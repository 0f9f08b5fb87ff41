/**
 * Catalog entries about families: a family is its official repos (a regex on the lower-cased id, from the reviewed
 * registry in data/families/) plus their transitive descendants through lineage links (`model_link`), optionally
 * limited by relation and depth; models admitted only by name patterns are counted apart, never mixed in.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { Count, DateParam, SNAPSHOT_DATE_SQL } from "./common.js";
import { GROUP_SERIES_SELECT, GroupSeriesRow, SeriesRangeParams, seriesCtes } from "./series.js";

/** A regular expression (RE2, as DuckDB's regexp_matches) on the lower-cased repo id `author/name`. */
const Pattern = z.string().min(1).max(4000);

/** Relations a lineage walk may follow. */
export const RELATIONS = ["finetune", "adapter", "quantized", "merge", "unknown"] as const;

/** Comma-separated relations to follow (default: all, including `unknown`, the untyped July-2024 tag form). */
export const RelationsParam = z
  .string()
  .regex(
    new RegExp(`^(${RELATIONS.join("|")})(,(${RELATIONS.join("|")}))*$`),
    "relations: a comma list of finetune, adapter, quantized, merge, unknown",
  )
  .nullable()
  .default(null);

/** Deepest link chain followed (1 = direct children only). */
export const DepthParam = z.coerce.number().int().min(0).max(100).default(50);

/** Parameters every family query shares. */
export const FamilyParams = z.object({
  official: Pattern,
  names: Pattern.nullable().default(null),
  relations: RelationsParam,
  depth: DepthParam,
  date: DateParam,
});

/**
 * The members CTEs: {@link TREE_CTE}; `fam` joins it to the snapshot's statistics (members absent from the
 * snapshot are not counted); `named` = name-pattern matches outside the lineage.
 */
/**
 * The lineage walk, a recursive CTE body `tree(key, depth, relation, via)`: official repos (depth 0) and every
 * descendant reached breadth-first through `model_link`, each model once, at its smallest depth, with the relation
 * and parent it was reached by. Binds `$official`, `$depth`, `$relations`.
 */
export const TREE_CTE = `tree(key, depth, relation, via) USING KEY (key) AS (
  SELECT key, 0, 'official', NULL::VARCHAR FROM model WHERE regexp_matches(key, $official)
  UNION
  SELECT l.child_key, t.depth + 1, l.relation, t.key
  FROM tree t JOIN model_link l ON l.parent_key = t.key
  WHERE t.depth < $depth
    AND ($relations::VARCHAR IS NULL OR list_contains(string_split($relations, ','), l.relation))
    AND l.child_key NOT IN (SELECT key FROM recurring.tree)
)`;

export const FAMILY_MEMBERS_SQL = `WITH RECURSIVE d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
${TREE_CTE},
fam AS (
  SELECT t.key, t.depth, t.relation, t.via, m.mid, m.id, m.author, s.downloads, s.likes
  FROM tree t JOIN model m ON m.key = t.key
    JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
),
named AS (
  SELECT m.key, m.id, s.downloads
  FROM model m JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
  WHERE $names::VARCHAR IS NOT NULL AND regexp_matches(m.key, $names)
    AND m.key NOT IN (SELECT key FROM fam)
)`;

/** A family's totals: official, lineage derivatives, their union, and name-only matches apart. */
export const familyTotals = defineQuery({
  name: "family-totals",
  description:
    "A family at the snapshot date: official repos (registry rule), lineage derivatives (transitive descendants of the official repos through base-model links, optionally limited by relation and depth), their union (total), and, apart, repos admitted only by the family's name patterns. Downloads are the Hub's 30-day counts.",
  params: FamilyParams,
  sql: {
    duckdb: `${FAMILY_MEMBERS_SQL}
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date,
  count(*) FILTER (WHERE depth = 0) AS officialRepos, coalesce(sum(downloads) FILTER (WHERE depth = 0), 0) AS officialDownloads,
  count(*) FILTER (WHERE depth > 0) AS derivativeRepos, coalesce(sum(downloads) FILTER (WHERE depth > 0), 0) AS derivativeDownloads,
  count(*) AS totalRepos, coalesce(sum(downloads), 0) AS totalDownloads,
  (SELECT count(*) FROM named) AS nameOnlyRepos, (SELECT coalesce(sum(downloads), 0) FROM named) AS nameOnlyDownloads
FROM fam`,
  },
  row: z.object({
    date: z.string().nullable(),
    officialRepos: Count,
    officialDownloads: Count,
    derivativeRepos: Count,
    derivativeDownloads: Count,
    totalRepos: Count,
    totalDownloads: Count,
    nameOnlyRepos: Count,
    nameOnlyDownloads: Count,
  }),
});

/** Derivatives grouped by the relation and by the depth they were reached at. */
export const familyBreakdown = defineQuery({
  name: "family-breakdown",
  description:
    "A family's lineage derivatives grouped by the relation of the link that admitted each (finetune, adapter, quantized, merge, unknown) and by depth (1 = direct child of an official repo).",
  params: FamilyParams,
  sql: {
    duckdb: `${FAMILY_MEMBERS_SQL}
SELECT * FROM (
  SELECT 'relation' AS dimension, relation AS value, count(*) AS repos, coalesce(sum(downloads), 0) AS downloads
  FROM fam WHERE depth > 0 GROUP BY relation
  UNION ALL
  SELECT 'depth', CAST(depth AS VARCHAR), count(*), coalesce(sum(downloads), 0) FROM fam WHERE depth > 0 GROUP BY depth
)
ORDER BY dimension, CASE WHEN dimension = 'depth' THEN try_cast(value AS INTEGER) END, downloads DESC, value`,
  },
  row: z.object({ dimension: z.enum(["relation", "depth"]), value: z.string(), repos: Count, downloads: Count }),
});

/** A family's members, by downloads. */
export const familyMembers = defineQuery({
  name: "family-members",
  description:
    "The members of a family at the snapshot date with how each was admitted (official, or the relation, depth and parent of the link that reached it), by 30-day downloads.",
  params: FamilyParams.extend({ limit: z.coerce.number().int().min(1).max(100_000).default(20) }),
  sql: {
    duckdb: `${FAMILY_MEMBERS_SQL}
SELECT f.id, f.author, f.downloads, f.likes, f.depth, f.relation, p.id AS via
FROM fam f LEFT JOIN model p ON p.key = f.via
ORDER BY f.downloads DESC NULLS LAST, f.id LIMIT $limit`,
  },
  row: z.object({
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    depth: Count,
    relation: z.string(),
    via: z.string().nullable(),
  }),
});

/** The name-only matches of a family (not reached by lineage), by downloads. */
export const familyNameOnly = defineQuery({
  name: "family-name-only",
  description:
    "Repos whose id matches the family's name patterns but that are neither official nor reached through lineage links (e.g. quantizations without a base_model tag), by 30-day downloads.",
  params: FamilyParams.extend({ limit: z.coerce.number().int().min(1).max(100_000).default(20) }),
  sql: {
    duckdb: `${FAMILY_MEMBERS_SQL}
SELECT id, downloads FROM named ORDER BY downloads DESC NULLS LAST, id LIMIT $limit`,
  },
  row: z.object({ id: z.string(), downloads: Count.nullable() }),
});

/** The chain of links that admitted one model into a family (empty when it is not a member). */
export const familyExplain = defineQuery({
  name: "family-explain",
  description:
    "Why a model is in a family: the chain of base-model links from an official repo down to it (each step with its relation and where the link came from), or the name rule, or nothing.",
  params: FamilyParams.extend({ id: z.string().min(1) }),
  sql: {
    duckdb: `${FAMILY_MEMBERS_SQL},
chain(key, step) AS (
  SELECT key, 0 FROM tree WHERE key = lower($id)
  UNION ALL
  SELECT t.via, c.step + 1 FROM chain c JOIN tree t ON t.key = c.key WHERE t.via IS NOT NULL AND c.step < 100
)
SELECT c.step, m.id, t.depth, t.relation,
  (SELECT string_agg(l.origin, ',') FROM model_link l WHERE l.child_key = t.key AND l.parent_key = t.via) AS origin,
  'lineage' AS rule
FROM chain c JOIN tree t ON t.key = c.key JOIN model m ON m.key = c.key
UNION ALL
SELECT 0, n.id, NULL, NULL, NULL, 'name' FROM named n WHERE n.key = lower($id)
ORDER BY step DESC`,
  },
  row: z.object({
    step: Count,
    id: z.string(),
    depth: Count.nullable(),
    relation: z.string().nullable(),
    origin: z.string().nullable(),
    rule: z.enum(["lineage", "name"]),
  }),
});

/** Children of each node, for the lineage tree view. */
export const familyTree = defineQuery({
  name: "family-tree",
  description:
    "The lineage tree of a family: for every member its parent in the walk (the link that reached it first), depth and downloads; the CLI shows the top children per node.",
  params: FamilyParams,
  sql: {
    duckdb: `${FAMILY_MEMBERS_SQL}
SELECT f.id, p.id AS parent, f.depth, f.relation, f.downloads,
  (SELECT count(*) FROM fam c WHERE c.via = f.key) AS children
FROM fam f LEFT JOIN model p ON p.key = f.via
ORDER BY f.depth, f.downloads DESC NULLS LAST, f.id`,
  },
  row: z.object({
    id: z.string(),
    parent: z.string().nullable(),
    depth: Count,
    relation: z.string(),
    downloads: Count.nullable(),
    children: Count,
  }),
});

/** A family's series: the models of the lineage walk (official, derivatives or both) over the snapshots. */
export const familySeries = defineQuery({
  name: "family-series",
  description:
    "A family per bucket of the complete snapshots in [from, to] (bucket as model-series): the members of today's lineage walk (scope total = official ∪ derivatives, or official, or derivatives) listed at each snapshot, the sum of their 30-day downloads and likes, all-time downloads where known, daily downloads from the all-time counters, new, gap and decrease counts (see org-series).",
  params: SeriesRangeParams.extend({
    official: Pattern,
    relations: RelationsParam,
    depth: DepthParam,
    scope: z.enum(["total", "official", "derivatives"]).default("total"),
  }),
  sql: {
    duckdb: `${seriesCtes(`WITH RECURSIVE ${TREE_CTE}
  -- filtering the model table (rather than selecting from the walk) keeps the planner's size estimate of the
  -- member set at most the model count, so the statistics scan is the probe side of the join
  SELECT m.mid FROM model m
  WHERE m.key IN (SELECT key FROM tree WHERE $scope = 'total' OR ($scope = 'official') = (depth = 0))`)}${GROUP_SERIES_SELECT}`,
  },
  row: GroupSeriesRow,
});
