/**
 * Catalog entries about families: a family is its official repos (a regex on the lower-cased id, from the reviewed
 * registry in data/families/) plus their transitive descendants through lineage links (`model_link`), optionally
 * limited by relation and depth; models admitted only by name patterns are counted apart, never mixed in.
 */
import { z } from "zod";
import { RELATION_VALUES } from "../domain/relations.js";
import { defineQuery } from "./catalog.js";
import { CH_SNAPSHOT_DATE_SQL, CH_STATS_BY_DATE, Count, DateParam, SNAPSHOT_DATE_SQL } from "./common.js";
import {
  clickhouseGroupSeries,
  GROUP_SERIES_SELECT,
  GroupSeriesRow,
  MEMBER_KEYS,
  SeriesRangeParams,
  seriesCtes,
} from "./series.js";

/** A regular expression (RE2, as DuckDB's regexp_matches) on the lower-cased repo id `author/name`. */
const Pattern = z.string().min(1).max(4000);

/** Relations a lineage walk may follow (the one list, src/domain/relations.ts). */
export const RELATIONS = RELATION_VALUES;

/** What a walk follows when no relation is named: every stated relation, not omo's `reupload` name rule. */
export const DEFAULT_RELATIONS = ["finetune", "adapter", "quantized", "merge", "unknown"] as const;

/**
 * Comma-separated relations to follow (default null: {@link DEFAULT_RELATIONS}, i.e. all but `reupload`). Surfaces
 * read `all` as the default set, so `all,reupload` adds re-uploads (see {@link relationsParam}).
 */
export const RelationsParam = z
  .string()
  .regex(
    new RegExp(`^(${RELATIONS.join("|")})(,(${RELATIONS.join("|")}))*$`),
    `relations: a comma list of ${RELATIONS.join(", ")} (or all = ${DEFAULT_RELATIONS.join(",")})`,
  )
  .nullable()
  .default(null);

/**
 * The relations parameter of a user's list (`--relations`, `?relations=`): lower-cased, spaces removed, `all`
 * expanded to {@link DEFAULT_RELATIONS}, repeats dropped; null when nothing is named or the list is exactly the
 * default (`all`). An unknown word is left for the query's parameter check to name.
 */
export function relationsParam(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  const words = text.toLowerCase().replace(/\s+/g, "").split(",");
  const out: string[] = [];
  for (const w of words.flatMap((x) => (x === "all" ? [...DEFAULT_RELATIONS] : [x]))) if (!out.includes(w)) out.push(w);
  const isDefault = out.length === DEFAULT_RELATIONS.length && DEFAULT_RELATIONS.every((r) => out.includes(r));
  return isDefault ? null : out.join(",");
}

/** How a relations parameter reads: `all` (the default set), `all,reupload`, or the list as given. */
export function relationsLabel(param: string | null): string {
  if (param === null) return "all";
  const list = param.split(",");
  if (!DEFAULT_RELATIONS.every((r) => list.includes(r))) return param;
  return ["all", ...list.filter((r) => !(DEFAULT_RELATIONS as readonly string[]).includes(r))].join(",");
}

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
 * and parent it was reached by. A model first reached at one depth from several parents keeps the parent with the
 * smallest key (and that link's relation): deterministic, and what the ClickHouse store's walk does
 * (src/store/clickhouse/family-walk.ts). Binds `$official`, `$depth`, `$relations` (null: every relation but
 * `reupload`).
 */
export const TREE_CTE = `tree(key, depth, relation, via) USING KEY (key) AS (
  SELECT key, 0, 'official', NULL::VARCHAR FROM model WHERE regexp_matches(key, $official)
  UNION
  SELECT l.child_key, min(t.depth) + 1, arg_min(l.relation, t.key), min(t.key)
  FROM tree t JOIN model_link l ON l.parent_key = t.key
  WHERE t.depth < $depth
    AND (($relations::VARCHAR IS NULL AND l.relation <> 'reupload') OR list_contains(string_split($relations, ','), l.relation))
    AND l.child_key NOT IN (SELECT key FROM recurring.tree)
  GROUP BY l.child_key
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

/**
 * ClickHouse (18.16) forms. The walk is the table `family_walk` (key, depth, relation, via, path) that the store
 * computes before the query (`clickhouseWalk`); no table CTEs, one JOIN per SELECT, so the DuckDB CTEs become nested
 * subqueries. Models are joined by `key`.
 */

/** A leading `(?i)` is ignored by 18.16's `match` prefilter: rewrite a leading flag group of `$x` as `(?flags:…)`. */
export function chRegexParam(param: string): string {
  const x = `ifNull(${param}, '')`;
  return `if(match(${x}, '^\\\\(\\\\?[a-zA-Z]+\\\\)'), concat(replaceRegexpOne(${x}, '^\\\\(\\\\?([a-zA-Z]+)\\\\)', '(?\\\\1:'), ')'), ${x})`;
}

/**
 * ClickHouse: `key, id, author` of the models whose key passes `filter`, from the `model` view (one row per model,
 * written at load). GLOBAL IN: the walk table lives on the coordinator only.
 */
export function chModelIds(filter: string): string {
  return `(SELECT key, id, author FROM model WHERE ${filter})`;
}

/** ClickHouse: `key, id, author` of the walk's models. */
export const CH_WALK_IDS = chModelIds("key GLOBAL IN (SELECT key FROM family_walk)");

/** ClickHouse `fam`: walk members listed in the snapshot (key, depth, relation, via, id, author, downloads, likes). */
export const CH_FAM = `(SELECT key, depth, relation, via, id, author, downloads, likes FROM (
    SELECT key, depth, relation, via, id, author FROM (SELECT key, depth, relation, via FROM family_walk)
    ALL INNER JOIN ${CH_WALK_IDS} USING key
  ) ALL INNER JOIN (SELECT key, downloads, likes FROM ${CH_STATS_BY_DATE}
    AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0)) AND key GLOBAL IN (SELECT key FROM family_walk)) USING key)`;

/**
 * ClickHouse `named`: name-pattern matches listed in the snapshot and not in `fam` (key, id, downloads). A listed
 * model is in `fam` exactly when it is in the walk, hence `NOT IN family_walk`; the regex scans the keys once, and
 * the snapshot's statistics are the probe side of the join.
 */
export const CH_NAMED = `(SELECT key, id, downloads FROM (
    SELECT key, downloads FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))
  ) ALL INNER JOIN ${chModelIds(`isNotNull($names) AND match(key, ${chRegexParam("$names")}) AND key GLOBAL NOT IN (SELECT key FROM family_walk)`)} USING key)`;

/** ClickHouse: the `model_link` view's rows (child_key, parent_key, origin) for the children in `keys` (a subquery). */
function chLinksOf(keys: string): string {
  return `(SELECT child_key, parent_key, origin FROM model_link WHERE child_key GLOBAL IN ${keys})`;
}

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
    // name-only totals joined (a scalar subquery would run once per analysis of the query in 18.16)
    clickhouse: `SELECT toString(${CH_SNAPSHOT_DATE_SQL}) AS date, officialRepos, officialDownloads, derivativeRepos,
  derivativeDownloads, totalRepos, totalDownloads, nameOnlyRepos, nameOnlyDownloads
FROM (
  SELECT 1 AS one, countIf(depth = 0) AS officialRepos, ifNull(sumIf(downloads, depth = 0), 0) AS officialDownloads,
    countIf(depth > 0) AS derivativeRepos, ifNull(sumIf(downloads, depth > 0), 0) AS derivativeDownloads,
    count() AS totalRepos, ifNull(sum(downloads), 0) AS totalDownloads
  FROM ${CH_FAM}
) ALL INNER JOIN (
  SELECT 1 AS one, count() AS nameOnlyRepos, ifNull(sum(downloads), 0) AS nameOnlyDownloads FROM ${CH_NAMED}
) USING one`,
    clickhouseWalk: true,
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
    clickhouse: `SELECT dimension, value, repos, downloads FROM (
  SELECT 'relation' AS dimension, relation AS value, count() AS repos, ifNull(sum(downloads), 0) AS downloads,
    toUInt32(0) AS n
  FROM ${CH_FAM} WHERE depth > 0 GROUP BY relation
  UNION ALL
  SELECT 'depth' AS dimension, toString(d) AS value, count() AS repos, ifNull(sum(downloads), 0) AS downloads,
    toUInt32(d) AS n
  FROM (SELECT depth AS d, downloads FROM ${CH_FAM} WHERE depth > 0) GROUP BY d
)
ORDER BY dimension, n, downloads DESC, value`,
    clickhouseWalk: true,
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
    clickhouse: `SELECT id, author, downloads, likes, depth, relation, via FROM (
  SELECT id, author, downloads, likes, depth, relation, ifNull(via, '') AS vkey FROM ${CH_FAM}
) ALL LEFT JOIN (SELECT key AS vkey, id AS via FROM ${CH_WALK_IDS}) USING vkey
ORDER BY downloads DESC NULLS LAST, id LIMIT $limit`,
    clickhouseWalk: true,
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
    clickhouse: `SELECT id, downloads FROM ${CH_NAMED} ORDER BY downloads DESC NULLS LAST, id LIMIT $limit`,
    clickhouseWalk: true,
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
    // the chain is the walk's `path` of the model (its key, its parent's, … up to the official repo)
    clickhouse: `SELECT step, id, depth, relation, origin, rule FROM (
  SELECT CAST(step AS Int64) AS step, id, CAST(depth AS Nullable(UInt32)) AS depth,
    CAST(relation AS Nullable(String)) AS relation, CAST(origin AS Nullable(String)) AS origin, 'lineage' AS rule
  FROM (
    SELECT step, key, id, depth, relation, vkey FROM (
      SELECT step, key, depth, relation, vkey FROM (
        SELECT i - 1 AS step, p[i] AS key
        FROM (SELECT path AS p FROM family_walk WHERE key = lowerUTF8($id)) ARRAY JOIN arrayEnumerate(p) AS i
        WHERE i <= 101
      ) ALL INNER JOIN (SELECT key, depth, relation, ifNull(via, '') AS vkey FROM family_walk) USING key
    ) ALL INNER JOIN (SELECT key, id FROM ${CH_WALK_IDS}) USING key
  ) ALL LEFT JOIN (
    SELECT child_key AS key, parent_key AS vkey, origin
    FROM ${chLinksOf("(SELECT arrayJoin(path) FROM family_walk WHERE key = lowerUTF8($id))")}
  ) USING (key, vkey)
  UNION ALL
  SELECT CAST(0 AS Int64) AS step, id, CAST(NULL AS Nullable(UInt32)) AS depth, CAST(NULL AS Nullable(String)) AS relation,
    CAST(NULL AS Nullable(String)) AS origin, 'name' AS rule
  FROM ${CH_NAMED} WHERE key = lowerUTF8($id)
)
ORDER BY step DESC`,
    clickhouseWalk: true,
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
    clickhouse: `SELECT id, parent, depth, relation, downloads, ifNull(n, 0) AS children FROM (
  SELECT key, id, parent, depth, relation, downloads FROM (
    SELECT key, id, depth, relation, downloads, ifNull(via, '') AS vkey FROM ${CH_FAM}
  ) ALL LEFT JOIN (SELECT key AS vkey, id AS parent FROM ${CH_WALK_IDS}) USING vkey
) ALL LEFT JOIN (
  SELECT c AS key, n FROM (SELECT via AS c, count() AS n FROM ${CH_FAM} WHERE isNotNull(via) GROUP BY via)
) USING key
ORDER BY depth, downloads DESC NULLS LAST, id`,
    clickhouseWalk: true,
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
    // every walk member is a model, so the members are the walk's keys (scope applied)
    clickhouse: clickhouseGroupSeries(MEMBER_KEYS),
    clickhouseMembers: "SELECT key FROM family_walk WHERE $scope = 'total' OR ($scope = 'official') = (depth = 0)",
    clickhouseWalk: true,
  },
  row: GroupSeriesRow,
});

/**
 * Parameters of {@link rankedFamilies}: the families as parallel lists (`families[i]` is the name of the family
 * whose official repos match `officials[i]`), walked with the same relations and depth.
 */
export const FamiliesRankingParams = z
  .object({
    families: z.array(z.string().min(1).max(200)).min(1).max(1000),
    officials: z.array(Pattern).min(1).max(1000),
    relations: RelationsParam,
    depth: DepthParam,
    date: DateParam,
  })
  .refine((p) => p.families.length === p.officials.length, {
    message: "officials: one official pattern per family",
    path: ["officials"],
  })
  .refine((p) => new Set(p.families).size === p.families.length, {
    message: "families: each name once",
    path: ["families"],
  });

/**
 * Every family's totals in one statement, the figures `family-totals` gives each (without name-only matches). DuckDB
 * walks {@link TREE_CTE} keyed by (family, key), seeded with every family's official repos: a model reached from two
 * families counts in each. The official repos are found in two steps, since a regex that is not a constant is
 * compiled again for each row: the keys matching any official pattern (one constant alternation of all of them, one
 * scan of `model`), then each family's own pattern on those few keys.
 */
export const rankedFamilies = defineQuery({
  name: "families-ranking",
  description:
    "Every family given (name and official-repo pattern, as family-totals takes one) at the snapshot date: official repos, lineage derivatives (transitive descendants through base-model links, optionally limited by relation and depth) and their union (total), one row per family, by total downloads. A repo reached from two families counts in each. Downloads are the Hub's 30-day counts.",
  params: FamiliesRankingParams,
  sql: {
    duckdb: `WITH RECURSIVE d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
fams AS (SELECT unnest($families) AS family, unnest($officials) AS official),
candidates AS MATERIALIZED (
  SELECT key FROM model
  WHERE regexp_matches(key, array_to_string(list_transform($officials, x -> '(?:' || x || ')'), '|'))
),
tree(family, key, depth) USING KEY (family, key) AS (
  SELECT f.family, c.key, 0 FROM fams f JOIN candidates c ON regexp_matches(c.key, f.official)
  UNION
  SELECT t.family, l.child_key, min(t.depth) + 1
  FROM tree t JOIN model_link l ON l.parent_key = t.key
    LEFT JOIN recurring.tree r ON r.family = t.family AND r.key = l.child_key
  WHERE t.depth < $depth
    AND (($relations::VARCHAR IS NULL AND l.relation <> 'reupload') OR list_contains(string_split($relations, ','), l.relation))
    AND r.key IS NULL
  GROUP BY t.family, l.child_key
),
fam AS (
  SELECT t.family, t.depth, s.downloads
  FROM tree t JOIN model m ON m.key = t.key
    JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, f.family,
  count(x.family) FILTER (WHERE x.depth = 0) AS officialRepos,
  coalesce(sum(x.downloads) FILTER (WHERE x.depth = 0), 0) AS officialDownloads,
  count(x.family) FILTER (WHERE x.depth > 0) AS derivativeRepos,
  coalesce(sum(x.downloads) FILTER (WHERE x.depth > 0), 0) AS derivativeDownloads,
  count(x.family) AS totalRepos, coalesce(sum(x.downloads), 0) AS totalDownloads
FROM fams f LEFT JOIN fam x ON x.family = f.family
GROUP BY f.family
ORDER BY totalDownloads DESC, f.family`,
    // the walk table holds every family's walk (its `family` column); a family without members is joined as zeros
    clickhouse: `SELECT toString(${CH_SNAPSHOT_DATE_SQL}) AS date, family,
  ifNull(officialRepos, 0) AS officialRepos, ifNull(officialDownloads, 0) AS officialDownloads,
  ifNull(derivativeRepos, 0) AS derivativeRepos, ifNull(derivativeDownloads, 0) AS derivativeDownloads,
  ifNull(totalRepos, 0) AS totalRepos, ifNull(totalDownloads, 0) AS totalDownloads
FROM (SELECT arrayJoin($families) AS family) ALL LEFT JOIN (
  SELECT family, countIf(depth = 0) AS officialRepos, ifNull(sumIf(downloads, depth = 0), 0) AS officialDownloads,
    countIf(depth > 0) AS derivativeRepos, ifNull(sumIf(downloads, depth > 0), 0) AS derivativeDownloads,
    count() AS totalRepos, ifNull(sum(downloads), 0) AS totalDownloads
  FROM (
    SELECT family, key, depth, downloads FROM (
      SELECT family, key, depth FROM (SELECT family, key, depth FROM family_walk)
      ALL INNER JOIN (SELECT key FROM model WHERE key GLOBAL IN (SELECT key FROM family_walk)) USING key
    ) ALL INNER JOIN (SELECT key, downloads FROM ${CH_STATS_BY_DATE}
      AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0)) AND key GLOBAL IN (SELECT key FROM family_walk)) USING key
  )
  GROUP BY family
) USING family
ORDER BY totalDownloads DESC, family`,
    clickhouseWalk: "families",
  },
  row: z.object({
    date: z.string().nullable(),
    family: z.string(),
    officialRepos: Count,
    officialDownloads: Count,
    derivativeRepos: Count,
    derivativeDownloads: Count,
    totalRepos: Count,
    totalDownloads: Count,
  }),
});
