/**
 * Catalog entries the report and the claim checks add: the snapshot nearest to a date (claims name dates that need
 * not be snapshot dates), and what changed between two given snapshots.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { CH_STATS_BY_DATE, Count, chMatch, IsoDate, MatchParam } from "./common.js";
import { chModelIds, DepthParam, RelationsParam, TREE_CTE } from "./families.js";

/** The complete snapshot closest to a date within a tolerance. */
export const snapshotNear = defineQuery({
  name: "snapshot-near",
  description:
    "The complete snapshot closest to target (at most tolerance days before or after it; on a tie the earlier one), with its distance in days (negative = before the target); no row when none is that close.",
  params: z.object({ target: IsoDate, tolerance: z.coerce.number().int().min(0).max(3660) }),
  sql: {
    duckdb: `SELECT strftime(date, '%Y-%m-%d') AS date, (date - $target::DATE) AS days, model_count AS models, downloads
FROM snapshot
WHERE status = 'complete' AND abs(date - $target::DATE) <= $tolerance
ORDER BY abs(date - $target::DATE), date
LIMIT 1`,
    clickhouse: `SELECT toString(sd) AS date, days, models, downloads
FROM (SELECT date AS sd, sd - toDate($target) AS days, model_count AS models, downloads FROM snapshot
  WHERE status = 'complete' AND abs(sd - toDate($target)) <= $tolerance)
ORDER BY abs(days), sd
LIMIT 1`,
  },
  row: z.object({ date: z.string(), days: Count, models: Count, downloads: Count }),
});

/** The snapshot before a date (what "since the previous snapshot" compares with). */
export const previousSnapshot = defineQuery({
  name: "previous-snapshot",
  description: "The latest complete snapshot strictly before date, with its model count and summed 30-day downloads.",
  params: z.object({ date: IsoDate }),
  sql: {
    duckdb: `SELECT strftime(date, '%Y-%m-%d') AS date, model_count AS models, downloads FROM snapshot
WHERE status = 'complete' AND date < $date::DATE ORDER BY date DESC LIMIT 1`,
    clickhouse: `SELECT toString(sd) AS date, models, downloads
FROM (SELECT date AS sd, model_count AS models, downloads FROM snapshot WHERE status = 'complete' AND date < toDate($date))
ORDER BY sd DESC LIMIT 1`,
  },
  row: z.object({ date: z.string(), models: Count, downloads: Count }),
});

const betweenParams = z.object({
  date: IsoDate,
  base: IsoDate,
  limit: z.coerce.number().int().min(1).max(10_000).default(10),
});

/** Models whose 30-day downloads changed most between two snapshots. */
export const modelChanges = defineQuery({
  name: "model-changes",
  description:
    "Models listed with a 30-day download count at both snapshots base and date: before, after, change = after - before, relative = change / before (null when before is 0); ranked by change, ties by id.",
  params: betweenParams,
  sql: {
    duckdb: `SELECT m.id, m.author, o.downloads AS before, n.downloads AS after, n.downloads - o.downloads AS change,
  CASE WHEN o.downloads > 0 THEN (n.downloads - o.downloads) / o.downloads END AS relative
FROM model_stats n JOIN model_stats o ON o.mid = n.mid AND o.date = $base::DATE JOIN model m ON m.mid = n.mid
WHERE n.date = $date::DATE AND n.downloads IS NOT NULL AND o.downloads IS NOT NULL
ORDER BY change DESC, m.id
LIMIT $limit`,
    clickhouse: `SELECT id, author, before, after, after - before AS change,
  if(before > 0, (after - before) / before, NULL) AS relative
FROM (
  SELECT key, before, after FROM (
    SELECT key, downloads AS after FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($date), toDate(0)) AND isNotNull(downloads)
  ) ALL INNER JOIN (
    SELECT key, downloads AS before FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($base), toDate(0)) AND isNotNull(downloads)
  ) USING key
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key
ORDER BY change DESC, id
LIMIT $limit`,
  },
  row: z.object({
    id: z.string(),
    author: z.string(),
    before: Count,
    after: Count,
    change: Count,
    relative: z.number().nullable(),
  }),
});

/** ClickHouse: the models listed at `$date` but not at `$base` (`id`, `author`, `downloads`). */
const CH_ENTRANTS = `(SELECT id, author, downloads FROM (
  SELECT key, downloads FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($date), toDate(0))
    AND key GLOBAL NOT IN (SELECT key FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($base), toDate(0)))
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key)`;

/** Models listed at a snapshot that the base snapshot did not list. */
export const entrantsSince = defineQuery({
  name: "entrants-since",
  description:
    "Models listed at snapshot date but not at snapshot base, by 30-day downloads (ties by id); entrants = how many there are in all, newDownloads = their summed 30-day downloads.",
  params: betweenParams,
  sql: {
    duckdb: `WITH e AS (
  SELECT m.id, m.author, n.downloads FROM model_stats n JOIN model m ON m.mid = n.mid
  WHERE n.date = $date::DATE
    AND NOT EXISTS (SELECT 1 FROM model_stats o WHERE o.date = $base::DATE AND o.mid = n.mid)
)
SELECT id, author, downloads, count(*) OVER () AS entrants, sum(downloads) OVER () AS newDownloads
FROM e ORDER BY downloads DESC NULLS LAST, id LIMIT $limit`,
    // no window functions: the totals over all entrants are scalar subqueries
    clickhouse: `SELECT id, author, downloads, (SELECT count() FROM ${CH_ENTRANTS}) AS entrants,
  (SELECT sum(downloads) FROM ${CH_ENTRANTS}) AS newDownloads
FROM ${CH_ENTRANTS}
ORDER BY downloads DESC NULLS LAST, id LIMIT $limit`,
  },
  row: z.object({
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    entrants: Count,
    newDownloads: Count.nullable(),
  }),
});

/**
 * ClickHouse: the models listed with a 30-day count at both `$date` (`a`) and `$base` (`b`), in scope: the family
 * walk when `$official` is set, the organisation `$author` (repo names matching `$match`) when set.
 */
const CH_PAIRS = `(SELECT key, b, a FROM (
    SELECT key, downloads AS a FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($date), toDate(0)) AND isNotNull(downloads)
      AND (isNull($official) OR key GLOBAL IN (SELECT key FROM family_walk))
      AND (isNull($author) OR key GLOBAL IN (SELECT key FROM model
        WHERE lowerUTF8(author) = lowerUTF8($author) AND ${chMatch("substring(id, length(author) + 2)")}))
  ) ALL INNER JOIN (
    SELECT key, downloads AS b FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($base), toDate(0)) AND isNotNull(downloads)
  ) USING key)`;

/** ClickHouse: the pair with the largest `col` (ties: smallest key) with its id, columns prefixed `p`. */
const chTopPair = (
  col: "a" | "b",
  p: string,
) => `(SELECT 1 AS one, key AS ${p}_key, id AS ${p}_id, b AS ${p}_b, a AS ${p}_a
    FROM (SELECT key, b, a FROM ${CH_PAIRS} ORDER BY ${col} DESC, key LIMIT 1)
    ALL INNER JOIN ${chModelIds(`key GLOBAL IN (SELECT key FROM (SELECT key, ${col} FROM ${CH_PAIRS} ORDER BY ${col} DESC, key LIMIT 1))`)} USING key)`;

/**
 * Like for like: the models listed (with a 30-day count) at both snapshots, in a scope (every model, a family, an
 * organisation), with their summed downloads at each date, and the pair holding the largest count at each date (to
 * name a model that dominates the comparison). What "the change since" means whenever two snapshots' coverage may
 * differ: never the difference of two totals over different sets of models.
 */
export const likeForLike = defineQuery({
  name: "like-for-like",
  description:
    "The models listed with a 30-day download count at both snapshots base and date (like for like), optionally only a family's members (official pattern, relations and depth as family-totals) or an organisation's repos (author, case-insensitive; match = regex on the repo name): how many, their summed downloads at base (before) and at date (after), and the model with the most downloads at base (topBefore*) and at date (topAfter*, ties by lower-cased id) with its two counts.",
  params: z.object({
    date: IsoDate,
    base: IsoDate,
    official: z.string().min(1).max(4000).nullable().default(null),
    relations: RelationsParam,
    depth: DepthParam,
    author: z.string().min(1).max(200).nullable().default(null),
    match: MatchParam,
  }),
  sql: {
    duckdb: `WITH RECURSIVE ${TREE_CTE},
pairs AS MATERIALIZED (
  SELECT m.key, o.downloads AS before, n.downloads AS after
  FROM model_stats n JOIN model_stats o ON o.mid = n.mid AND o.date = $base::DATE JOIN model m ON m.mid = n.mid
  WHERE n.date = $date::DATE AND n.downloads IS NOT NULL AND o.downloads IS NOT NULL
    AND ($official::VARCHAR IS NULL OR m.key IN (SELECT key FROM tree))
    AND ($author::VARCHAR IS NULL OR (lower(m.author) = lower($author)
      AND ($match::VARCHAR IS NULL OR regexp_matches(substr(m.id, length(m.author) + 2), $match, 'i'))))
),
tb AS (SELECT key, before, after FROM pairs ORDER BY before DESC, key LIMIT 1),
ta AS (SELECT key, before, after FROM pairs ORDER BY after DESC, key LIMIT 1)
SELECT (SELECT count(*) FROM pairs) AS models, (SELECT coalesce(sum(before), 0) FROM pairs) AS before,
  (SELECT coalesce(sum(after), 0) FROM pairs) AS after,
  (SELECT m.id FROM tb JOIN model m ON m.key = tb.key) AS topBeforeId, coalesce((SELECT before FROM tb), 0) AS topBeforeBefore,
  coalesce((SELECT after FROM tb), 0) AS topBeforeAfter,
  (SELECT m.id FROM ta JOIN model m ON m.key = ta.key) AS topAfterId, coalesce((SELECT before FROM ta), 0) AS topAfterBefore,
  coalesce((SELECT after FROM ta), 0) AS topAfterAfter`,
    // no CTEs or window functions in 18.16: totals and the two top pairs joined on a constant
    clickhouse: `SELECT models, before, after, if(tb_key = '', NULL, tb_id) AS topBeforeId, tb_b AS topBeforeBefore,
  tb_a AS topBeforeAfter, if(ta_key = '', NULL, ta_id) AS topAfterId, ta_b AS topAfterBefore, ta_a AS topAfterAfter
FROM (
  SELECT 1 AS one, count() AS models, ifNull(sum(b), 0) AS before, ifNull(sum(a), 0) AS after FROM ${CH_PAIRS}
) ALL LEFT JOIN (
  SELECT one, tb_key, tb_id, tb_b, tb_a, ta_key, ta_id, ta_b, ta_a FROM ${chTopPair("b", "tb")}
  ALL INNER JOIN ${chTopPair("a", "ta")} USING one
) USING one`,
    clickhouseWalk: true,
  },
  row: z.object({
    models: Count,
    before: Count,
    after: Count,
    topBeforeId: z.string().nullable(),
    topBeforeBefore: Count,
    topBeforeAfter: Count,
    topAfterId: z.string().nullable(),
    topAfterBefore: Count,
    topAfterAfter: Count,
  }),
});

/** The queries of this file, for the catalog index. */
export const REPORT_QUERIES = [snapshotNear, previousSnapshot, modelChanges, entrantsSince, likeForLike] as const;
