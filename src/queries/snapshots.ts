/** Catalog entries about snapshots themselves. */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { Count } from "./common.js";

/** Every snapshot, newest first. */
export const snapshotList = defineQuery({
  name: "snapshots",
  description:
    "Every loaded snapshot: date, source, status, number of models and their summed 30-day downloads, and what it covers: coverage 'full' (an unfiltered listing walked to its last page, or a file stated to be one) or 'partial', with how it was selected (coverageHow).",
  params: z.object({}),
  sql: {
    duckdb: `SELECT strftime(date, '%Y-%m-%d') AS date, source, status, model_count AS models, downloads, malformed,
  strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished,
  coverage, coverage_how AS coverageHow
FROM snapshot ORDER BY date DESC`,
    // an alias is visible in the whole SELECT in ClickHouse: `toString(date) AS date` would shadow the column
    clickhouse: `SELECT toString(d) AS date, source, status, models, downloads, malformed,
  formatDateTime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started, formatDateTime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished,
  coverage, coverage_how AS coverageHow
FROM (SELECT date AS d, source, status, model_count AS models, downloads, malformed, started_at, finished_at, coverage,
  coverage_how FROM snapshot)
ORDER BY d DESC`,
  },
  row: z.object({
    date: z.string(),
    source: z.string(),
    status: z.string(),
    models: Count,
    downloads: Count,
    malformed: Count,
    started: z.string().nullable(),
    finished: z.string().nullable(),
    coverage: z.enum(["full", "partial"]),
    coverageHow: z.string(),
  }),
});

/** The snapshot a query with `date` answers from (null when there is none). */
export const resolveSnapshot = defineQuery({
  name: "resolve-snapshot",
  description: "The complete snapshot matching a date, or the latest complete one when no date is given.",
  params: z.object({ date: z.string().nullable() }),
  sql: {
    duckdb: `SELECT strftime(date, '%Y-%m-%d') AS date, model_count AS models FROM snapshot
WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE) ORDER BY date DESC LIMIT 1`,
    clickhouse: `SELECT toString(d) AS date, models
FROM (SELECT date AS d, model_count AS models FROM snapshot
  WHERE status = 'complete' AND (isNull($date) OR date = toDate($date)))
ORDER BY d DESC LIMIT 1`,
  },
  row: z.object({ date: z.string(), models: Count }),
});
