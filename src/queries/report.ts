/**
 * Catalog entries the report and the claim checks add: the snapshot nearest to a date (claims name dates that need
 * not be snapshot dates), and what changed between two given snapshots.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { Count } from "./common.js";

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a real calendar date");

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
    SELECT key, downloads AS after FROM model_stats WHERE date = toDate($date) AND isNotNull(downloads)
  ) ALL INNER JOIN (
    SELECT key, downloads AS before FROM model_stats WHERE date = toDate($base) AND isNotNull(downloads)
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
  SELECT key, downloads FROM model_stats WHERE date = toDate($date)
    AND key NOT IN (SELECT key FROM model_stats WHERE date = toDate($base))
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

/** The queries of this file, for the catalog index. */
export const REPORT_QUERIES = [snapshotNear, previousSnapshot, modelChanges, entrantsSince] as const;
