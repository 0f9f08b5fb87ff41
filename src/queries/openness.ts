/**
 * Catalog entries about openness: downloads by licence class (data/licences.yaml, stored as `licence_class`), over
 * one snapshot or every snapshot, and licence drift between derivatives and their base models. A model's class is
 * that of its stored licence (`model.license`: the first `license:` tag, else cardData.license) compared
 * lower-cased; no licence, or a tag not in the map, is `unknown`. Licences are the latest known metadata.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import {
  CH_SNAPSHOT_DATE_SQL,
  CH_STATS_BY_DATE,
  Count,
  chRollupWhere,
  DateParam,
  SNAPSHOT_DATE_SQL,
} from "./common.js";
import { DepthParam, RELATIONS, RelationsParam, TREE_CTE } from "./families.js";

const optText = z.string().min(1).max(200).nullable().default(null);

/** Optional family scope: the official pattern of a family (null = every model) and how far lineage is followed. */
const FamilyScope = {
  official: z.string().min(1).max(4000).nullable().default(null),
  relations: RelationsParam,
  depth: DepthParam,
};

/**
 * The licence a model is classed by: its licence tag, except that a repo tagged `other` or `unknown` (or untagged)
 * whose model card names its licence (`model_card_licence cl`, from `omo ingest --details`) is classed by that name,
 * stored in `licence_class` as `name:<name>` (data/licences.yaml, section `names`).
 */
export const LICENCE_KEY_SQL = `CASE WHEN (m.license IS NULL OR lower(m.license) IN ('other', 'unknown')) AND cl.license_name IS NOT NULL
    THEN 'name:' || lower(cl.license_name) ELSE lower(m.license) END`;

/** Joins a model `m` to its card licence `cl` and its class `lc`. */
export const LICENCE_CLASS_JOIN_SQL = `LEFT JOIN model_card_licence cl ON cl.key = m.key
    LEFT JOIN licence_class lc ON lc.tag = ${LICENCE_KEY_SQL}`;

/** The class of model `m` (joined by {@link LICENCE_CLASS_JOIN_SQL}). */
const CLASS_SQL = "coalesce(lc.class, 'unknown')";

/** Classes in their fixed order, most open first, for ORDER BY. */
const CLASS_ORDER_SQL =
  "list_position(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class)";

/** Model filters shared by the openness queries: task, and membership of the family tree when `$official` is set. */
const MODEL_FILTER_SQL = `($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
    AND ($official::VARCHAR IS NULL OR m.key IN (SELECT key FROM tree))`;

/**
 * ClickHouse (18.16) forms: no window functions (shares divide by a total from a scalar subquery or a join), one JOIN
 * per SELECT (nested subqueries), models joined by `key`; the family walk is the table `family_walk` the store
 * computes first (`clickhouseWalk`, see src/store/clickhouse/family-walk.ts).
 */

/** ClickHouse: the model filters of {@link MODEL_FILTER_SQL} on `model` columns `key`, `pipeline_tag`. */
const CH_MODEL_FILTER_SQL = `(isNull($task) OR lowerUTF8(pipeline_tag) = lowerUTF8($task))
    AND (isNull($official) OR key IN (SELECT key FROM family_walk))`;

/** ClickHouse: classes in their fixed order (unlisted last, as DuckDB's NULL position). */
const CH_CLASS_ORDER_SQL = `if(indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class) = 0, 1000,
  indexOf(['open-source', 'open-content', 'responsible-use', 'vendor-community', 'no-derivatives', 'non-commercial', 'unknown', 'closed-api'], class))`;

/**
 * ClickHouse: `lic`, the licence key of {@link LICENCE_KEY_SQL}, over a subquery with `key` and `lic` (the lower-cased
 * tag, '' when none) joined to the model's card licence (one JOIN per SELECT: a nested subquery).
 */
export function chLicenceKey(models: string): string {
  // with join_use_nulls an unmatched card is NULL; the key stays a plain String (18.16 joins no Nullable keys)
  return `(SELECT *, if(lic IN ('other', 'unknown', '') AND ifNull(cname, '') != '', concat('name:', ifNull(cname, '')), lic)
      AS lickey FROM ${models}
    ALL LEFT JOIN (SELECT key, lowerUTF8(ifNull(license_name, '')) AS cname FROM model_card_licence) USING key)`;
}

/**
 * ClickHouse: the filtered models with their licence class (key, class, gated); `extra` is one more condition and
 * `models` where the model rows come from, as `FROM ${models} <conditions>`.
 */
function chModelClass(extra = "1", models = "model WHERE"): string {
  return `(SELECT key, ifNull(lclass, 'unknown') AS class, gated FROM ${chLicenceKey(`(
    SELECT key, gated, lowerUTF8(ifNull(license, '')) AS lic FROM ${models} ${CH_MODEL_FILTER_SQL} AND ${extra})`)}
  ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey)`;
}
const CH_MODEL_CLASS = chModelClass();

/** ClickHouse: the snapshot date of openness-by-class (0000-00-00 when none). */
const CH_AT = `ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))`;

/** ClickHouse: no filter given (openness-by-class then reads the roll-ups). */
const CH_UNFILTERED = "(isNull($task) AND isNull($official))";

/** ClickHouse: the gating category of `gated`, as the roll-ups keep it. */
const CH_GCAT = "multiIf(ifNull(gated, '') IN ('auto', 'manual'), 'gated', isNull(gated), 'unknown', 'open')";

/**
 * ClickHouse `base` of openness-by-class: (class, repos, dl, gcat). With a filter, every filtered model listed at the
 * snapshot date; without, the roll-up by licence tag and gating (migration 8) with the classes applied here, and the
 * repos whose model card names their licence moved from their tag's class to the name's. The branch not taken reads
 * nothing (its condition is a constant in each table's WHERE).
 */
const CH_BASE_AT = `(
  SELECT ifNull(class, 'unknown') AS class, toInt64(1) AS repos, toInt64(ifNull(dl, 0)) AS dl, ${CH_GCAT} AS gcat FROM
    (SELECT key, downloads AS dl FROM ${CH_STATS_BY_DATE} AND date = ${CH_AT} AND NOT ${CH_UNFILTERED})
    ALL INNER JOIN ${chModelClass(`NOT ${CH_UNFILTERED}`, `${chRollupWhere("model_dim_rows")} AND`)} USING key
  UNION ALL
  SELECT ifNull(lclass, 'unknown') AS class, repos, downloads AS dl, gcat FROM (
    SELECT lic AS lickey, gcat, repos, downloads FROM ${chRollupWhere("rollup_licence_rows")}
      AND date = ${CH_AT} AND ${CH_UNFILTERED}
  ) ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey
  UNION ALL
  SELECT ifNull(lclass, 'unknown') AS class, toInt64(sign) AS repos, toInt64(sign * ifNull(dl, 0)) AS dl, gcat FROM (
    SELECT lickey, sign, dl, gcat FROM (
      SELECT key, lic, cname, gcat, dl FROM (
        SELECT key, lic, cname, gcat FROM (
          SELECT key, lowerUTF8(ifNull(license, '')) AS lic, ${CH_GCAT} AS gcat FROM ${chRollupWhere("model_dim_rows")}
            AND ${CH_UNFILTERED} AND key IN (SELECT key FROM model_card_licence)
        ) ALL INNER JOIN (SELECT key, lowerUTF8(ifNull(license_name, '')) AS cname FROM model_card_licence) USING key
        WHERE lic IN ('other', 'unknown', '') AND cname != ''
      ) ALL INNER JOIN (SELECT key, downloads AS dl FROM ${CH_STATS_BY_DATE} AND date = ${CH_AT} AND ${CH_UNFILTERED}
        AND key GLOBAL IN (SELECT key FROM model_card_licence)) USING key
    ) ARRAY JOIN [-1, 1] AS sign, [lic, concat('name:', cname)] AS lickey
  ) ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey
)`;

/** ClickHouse `base` of openness-series: (d, class, dl) of the filtered models in every complete snapshot. */
const CH_BASE_ALL = `(SELECT d, class, dl FROM (SELECT key, date AS d, downloads AS dl FROM model_stats)
  ALL INNER JOIN ${CH_MODEL_CLASS} USING key)`;

/** ClickHouse `pairs` of licence-drift: (ckey, fromLicence, toLicence, dl), distinct. */
const CH_PAIRS = `(SELECT DISTINCT ckey, fromLicence, toLicence, dl FROM (
    SELECT ckey, pkey, toLicence, dl, fromLicence FROM (
      SELECT ckey, pkey, toLicence, dl FROM (
        SELECT ckey, pkey, toLicence FROM (
          SELECT child_key AS ckey, parent_key AS pkey FROM model_link
          WHERE ((isNull($relation) AND relation != 'reupload') OR relation = $relation) AND child_key != parent_key
        ) ALL INNER JOIN (
          SELECT key AS ckey, ifNull(lowerUTF8(license), '(none)') AS toLicence FROM model WHERE ${CH_MODEL_FILTER_SQL}
        ) USING ckey
      ) ALL INNER JOIN (SELECT key AS ckey, downloads AS dl FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))) USING ckey
    ) ALL INNER JOIN (SELECT key AS pkey, ifNull(lowerUTF8(license), '(none)') AS fromLicence FROM model) USING pkey
  ))`;

/** Downloads and repos per openness class at a snapshot. */
export const opennessByClass = defineQuery({
  name: "openness-by-class",
  description:
    "Repos and 30-day downloads per openness class (licence map data/licences.yaml, applied to each model's first licence tag, or for a repo tagged other/unknown to the licence its model card names when `omo ingest --details` fetched it; no tag or an unmapped tag is 'unknown') at the snapshot date, with each class's share of the downloads. Gated repos (gated = auto or manual) are counted apart inside each class; the July-2024 listing carries no gating, so they show 0 there. Optional filters: task (pipeline_tag) and a family (its official repos and lineage derivatives).",
  params: z.object({ date: DateParam, task: optText, ...FamilyScope }),
  sql: {
    // without filters: the roll-up by licence tag and gating (migration 008) with the classes applied here, and the
    // repos whose model card names their licence moved from their tag's class to the name's; with a task or a
    // family: every model of the snapshot (only one of the two branches reads anything)
    duckdb: `WITH RECURSIVE d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
${TREE_CTE},
base AS (
  SELECT ${CLASS_SQL} AS class, 1 AS repos, coalesce(s.downloads, 0) AS downloads,
    CASE WHEN m.gated IN ('auto', 'manual') THEN 'gated' WHEN m.gated IS NULL THEN 'unknown' ELSE 'open' END AS gcat
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
    ${LICENCE_CLASS_JOIN_SQL}
  WHERE NOT ($task::VARCHAR IS NULL AND $official::VARCHAR IS NULL) AND ${MODEL_FILTER_SQL}
  UNION ALL
  SELECT coalesce(lc.class, 'unknown'), r.repos, r.downloads, r.gcat
  FROM d JOIN rollup_licence r ON r.date = d.date LEFT JOIN licence_class lc ON lc.tag = r.lic
  WHERE $task::VARCHAR IS NULL AND $official::VARCHAR IS NULL
  UNION ALL
  SELECT coalesce(lc.class, 'unknown'), x.sign, x.sign * coalesce(s.downloads, 0),
    CASE WHEN m.gated IN ('auto', 'manual') THEN 'gated' WHEN m.gated IS NULL THEN 'unknown' ELSE 'open' END
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
    JOIN model_card_licence cl ON cl.key = m.key CROSS JOIN (VALUES (-1), (1)) x(sign)
    LEFT JOIN licence_class lc ON lc.tag = CASE WHEN x.sign = 1 THEN ${LICENCE_KEY_SQL} ELSE lower(m.license) END
  WHERE $task::VARCHAR IS NULL AND $official::VARCHAR IS NULL
    AND (m.license IS NULL OR lower(m.license) IN ('other', 'unknown')) AND cl.license_name IS NOT NULL
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, class, sum(repos) AS repos,
  coalesce(sum(downloads), 0) AS downloads,
  coalesce(coalesce(sum(downloads), 0) / nullif(sum(sum(downloads)) OVER (), 0), 0) AS share,
  coalesce(sum(repos) FILTER (WHERE gcat = 'gated'), 0) AS gatedRepos,
  coalesce(sum(downloads) FILTER (WHERE gcat = 'gated'), 0) AS gatedDownloads,
  coalesce(sum(repos) FILTER (WHERE gcat = 'unknown'), 0) AS gatingUnknown
FROM base GROUP BY class HAVING sum(repos) > 0
ORDER BY ${CLASS_ORDER_SQL}`,
    // one pass over the models: the classes are gathered into an array with their total and unnested again (18.16
    // has no window functions, and would run a scalar subquery for the total once per analysis of the query)
    clickhouse: `SELECT toString(${CH_SNAPSHOT_DATE_SQL}) AS date, tupleElement(r, 1) AS class, tupleElement(r, 2) AS repos,
  tupleElement(r, 3) AS downloads, if(total = 0, 0, tupleElement(r, 3) / total) AS share,
  tupleElement(r, 4) AS gatedRepos, tupleElement(r, 5) AS gatedDownloads, tupleElement(r, 6) AS gatingUnknown
FROM (
  SELECT groupArray((c, n, dls, gr, gd, gu)) AS rs, sum(dls) AS total FROM (
    SELECT class AS c, sum(repos) AS n, sum(dl) AS dls, sumIf(repos, gcat = 'gated') AS gr,
      sumIf(dl, gcat = 'gated') AS gd, sumIf(repos, gcat = 'unknown') AS gu
    FROM ${CH_BASE_AT} GROUP BY class HAVING n > 0
  )
) ARRAY JOIN rs AS r
ORDER BY ${CH_CLASS_ORDER_SQL}`,
    clickhouseWalk: true,
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
    JOIN model m ON m.mid = s.mid ${LICENCE_CLASS_JOIN_SQL}
  WHERE ${MODEL_FILTER_SQL}
)
SELECT strftime(date, '%Y-%m-%d') AS date, class, count(*) AS repos, coalesce(sum(downloads), 0) AS downloads,
  coalesce(coalesce(sum(downloads), 0) / nullif(sum(sum(downloads)) OVER (PARTITION BY date), 0), 0) AS share
FROM base GROUP BY date, class
ORDER BY date, ${CLASS_ORDER_SQL}`,
    // per date, the classes are gathered into an array with the date's total and unnested again (one pass)
    clickhouse: `SELECT toString(d) AS date, tupleElement(r, 1) AS class, tupleElement(r, 2) AS repos,
  tupleElement(r, 3) AS downloads, if(total = 0, 0, tupleElement(r, 3) / total) AS share
FROM (
  SELECT d, groupArray((c, n, dls)) AS rs, sum(dls) AS total FROM (
    SELECT d, class AS c, count() AS n, ifNull(sum(dl), 0) AS dls FROM ${CH_BASE_ALL} GROUP BY d, class
  ) GROUP BY d
) ARRAY JOIN rs AS r
ORDER BY d, ${CH_CLASS_ORDER_SQL}`,
    clickhouseWalk: true,
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
    "Lineage derivatives listed in the snapshot whose licence differs from their base model's (model_link child → parent, both in the store; licences lower-cased, '(none)' when absent), counted by base licence → derivative licence with their classes and 30-day downloads. A derivative with several bases counts once per distinct base licence. derivatives / changedDerivatives are the totals over all derivatives considered (one row with null pair columns when none changed). Optional filters: task, family (the derivative must be a member), relation (default: every stated relation, not omo's reupload name rule).",
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
  WHERE (($relation::VARCHAR IS NULL AND l.relation <> 'reupload') OR l.relation = $relation) AND m.mid <> p.mid
    AND ${MODEL_FILTER_SQL}
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
    // one pass over the pairs (the model view behind them aggregates every model): one row with the totals, the
    // changed pairs and the distinct (from, to) of those, unnested with LEFT ARRAY JOIN so that no change still gives
    // DuckDB's one row of NULL pair columns
    clickhouse: `SELECT toString(${CH_SNAPSHOT_DATE_SQL}) AS date, fromLicence, fromClass, toLicence, toClass, repos, downloads,
  derivatives, changedDerivatives
FROM (
  SELECT if(c, fl, NULL) AS fromLicence, if(c, ifNull(fclass, 'unknown'), NULL) AS fromClass, if(c, tl, NULL) AS toLicence,
    if(c, ifNull(tclass, 'unknown'), NULL) AS toClass, if(c, n, NULL) AS repos, if(c, s, NULL) AS downloads,
    derivatives, changedDerivatives
  FROM (
    SELECT c, fl, tl, n, s, derivatives, changedDerivatives, fclass FROM (
      SELECT derivatives, changedDerivatives, notEmpty(pairs) AS c, tupleElement(p, 1) AS fl, tupleElement(p, 2) AS tl,
        arrayCount(x -> tupleElement(x, 1) = fl AND tupleElement(x, 2) = tl, changes) AS n,
        arraySum(arrayMap(x -> if(tupleElement(x, 1) = fl AND tupleElement(x, 2) = tl, tupleElement(x, 3), 0), changes)) AS s
      FROM (
        SELECT uniqExact(ckey) AS derivatives, uniqExactIf(ckey, fromLicence != toLicence) AS changedDerivatives,
          groupArrayIf((fromLicence, toLicence, ifNull(dl, 0)), fromLicence != toLicence) AS changes,
          groupUniqArrayIf((fromLicence, toLicence), fromLicence != toLicence) AS pairs
        FROM ${CH_PAIRS}
      ) LEFT ARRAY JOIN pairs AS p
    ) ALL LEFT JOIN (SELECT tag AS fl, class AS fclass FROM licence_class) USING fl
  ) ALL LEFT JOIN (SELECT tag AS tl, class AS tclass FROM licence_class) USING tl
)
ORDER BY repos DESC NULLS LAST, downloads DESC, fromLicence, toLicence
LIMIT $limit`,
    clickhouseWalk: true,
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
