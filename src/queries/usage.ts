/**
 * Catalog entries about token usage (OpenRouter rankings, `omo usage import`): the stored usage snapshots with their
 * coverage, the rows of the snapshot that answers for each period and date, and OpenRouter's model catalogue.
 *
 * Where several snapshots answer for the same period and date (two scrapers, a raw file and its conversion, the same
 * chart week captured twice), the one with the largest `preference` answers (full coverage first, then a known
 * total, then a settled capture, then the source's rank, then the later capture: src/domain/usage.ts).
 */
import { z } from "zod";
import { USAGE_PERIODS } from "../domain/usage.js";
import { defineQuery } from "./catalog.js";
import { Count, IsoDate } from "./common.js";

const Period = z.enum(USAGE_PERIODS);
const OptDate = IsoDate.nullable().default(null);
const OptText = z.string().min(1).max(200).nullable().default(null);

/** Filters shared by the usage queries. */
const Filters = {
  period: Period.nullable().default(null),
  source: OptText,
  from: OptDate,
  to: OptDate,
};

/** DuckDB: the stored snapshots the filters select. */
const FILTERED = `SELECT * FROM usage_snapshot
  WHERE ($period::VARCHAR IS NULL OR period = $period) AND ($source::VARCHAR IS NULL OR source = $source)
    AND ($from::DATE IS NULL OR date >= $from::DATE) AND ($to::DATE IS NULL OR date <= $to::DATE)`;

/** ClickHouse: the same filter on `usage_snapshot` columns. */
const CH_WHERE = `(isNull($period) OR period = $period) AND (isNull($source) OR source = $source)
    AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to))`;

/** Periods in their fixed order. */
const PERIOD_ORDER = "['day', '7d', 'week', '30d']";

/** Every stored usage snapshot the filters select, with its coverage and whether it answers for its date. */
export const usageSnapshots = defineQuery({
  name: "usage-snapshots",
  description:
    "Stored token-usage snapshots (OpenRouter rankings): source, period (day, 7d trailing, week from Monday, 30d trailing), date and window, capture time and status, coverage (full = every model named; partial = only the top N, with or without the total of the rest), total, named and remainder tokens. `chosen` marks the snapshot that answers for its period and date when several do (largest preference: full coverage, a known total, a settled capture, the source's rank, the later capture). Optional filters: period, source, from, to.",
  params: z.object(Filters),
  sql: {
    duckdb: `WITH s AS (${FILTERED}),
best AS (SELECT period, date, max(preference) AS p FROM s GROUP BY period, date)
SELECT s.snapshot_id AS id, s.source, s.endpoint, s.period, strftime(s.date, '%Y-%m-%d') AS date,
  strftime(s.window_start, '%Y-%m-%d') AS windowStart, strftime(s.window_end, '%Y-%m-%d') AS windowEnd,
  strftime(s.fetched_at, '%Y-%m-%dT%H:%M:%SZ') AS fetchedAt, s.status, s.coverage_kind AS coverageKind,
  s.coverage_how AS coverageHow, s.models, s.top_n AS top, s.total_known AS totalKnown, s.total_tokens AS totalTokens,
  s.remainder_tokens AS remainderTokens, s.named_tokens AS namedTokens, s.preference, s.file,
  s.preference = b.p AS chosen
FROM s JOIN best b ON b.period = s.period AND b.date = s.date
ORDER BY list_position(${PERIOD_ORDER}, s.period), s.date, s.preference DESC, s.snapshot_id`,
    clickhouse: `SELECT snapshot_id AS id, source, endpoint, p AS period, toString(d) AS date,
  toString(window_start) AS windowStart, toString(window_end) AS windowEnd,
  if(isNull(fetched_at), NULL, formatDateTime(assumeNotNull(fetched_at), '%Y-%m-%dT%H:%M:%SZ')) AS fetchedAt, status,
  coverage_kind AS coverageKind, coverage_how AS coverageHow, models, top_n AS top, total_known AS totalKnown,
  total_tokens AS totalTokens, remainder_tokens AS remainderTokens, named_tokens AS namedTokens, preference, file,
  preference = best AS chosen
FROM (
  SELECT snapshot_id, source, endpoint, period AS p, date AS d, window_start, window_end, fetched_at, status,
    coverage_kind, coverage_how, models, top_n, total_known, total_tokens, remainder_tokens, named_tokens, preference, file
  FROM usage_snapshot WHERE ${CH_WHERE}
) ALL INNER JOIN (
  SELECT period AS p, date AS d, max(preference) AS best FROM usage_snapshot WHERE ${CH_WHERE} GROUP BY period, date
) USING (p, d)
ORDER BY indexOf(${PERIOD_ORDER}, p), d, preference DESC, snapshot_id`,
  },
  row: z.object({
    id: z.string(),
    source: z.string(),
    endpoint: z.string(),
    period: Period,
    date: z.string(),
    windowStart: z.string(),
    windowEnd: z.string(),
    fetchedAt: z.string().nullable(),
    status: z.string().nullable(),
    coverageKind: z.enum(["full", "partial"]),
    coverageHow: z.string(),
    models: Count,
    top: Count.nullable(),
    totalKnown: z.boolean(),
    totalTokens: Count.nullable(),
    remainderTokens: Count.nullable(),
    namedTokens: Count,
    preference: Count,
    file: z.string(),
    chosen: z.boolean(),
  }),
});

/** The rows of the snapshot that answers for each date of a period. */
export const usageRows = defineQuery({
  name: "usage-rows",
  description:
    "Per-model token counts (tokens = prompt + completion, as published; prompt, completion, reasoning and requests where the source splits them) of the usage snapshot that answers for each date of the period (the chosen one of usage-snapshots), oldest date first, largest first. Models are OpenRouter ids as the source gives them (permaslugs), variants apart (`:free` is variant free). Optional filters: source, from, to.",
  params: z.object({ ...Filters, period: Period }),
  sql: {
    duckdb: `WITH s AS (${FILTERED}),
best AS (SELECT period, date, max(preference) AS p FROM s GROUP BY period, date),
chosen AS (SELECT s.snapshot_id, s.date FROM s JOIN best b ON b.period = s.period AND b.date = s.date AND s.preference = b.p)
SELECT strftime(c.date, '%Y-%m-%d') AS date, r.snapshot_id AS snapshotId, r.model, r.variant, r.tokens,
  r.prompt_tokens AS prompt, r.completion_tokens AS completion, r.reasoning_tokens AS reasoning, r.requests
FROM usage_row r JOIN chosen c ON c.snapshot_id = r.snapshot_id
ORDER BY c.date, r.tokens DESC, r.model, r.variant`,
    clickhouse: `SELECT toString(d) AS date, snapshot_id AS snapshotId, model, variant, tokens, prompt_tokens AS prompt,
  completion_tokens AS completion, reasoning_tokens AS reasoning, requests
FROM usage_row ALL INNER JOIN (
  SELECT snapshot_id, d FROM (
    SELECT snapshot_id, period AS p, date AS d, preference FROM usage_snapshot WHERE ${CH_WHERE}
  ) ALL INNER JOIN (
    SELECT period AS p, date AS d, max(preference) AS preference FROM usage_snapshot WHERE ${CH_WHERE} GROUP BY period, date
  ) USING (p, d, preference)
) USING snapshot_id
ORDER BY d, tokens DESC, model, variant`,
  },
  row: z.object({
    date: z.string(),
    snapshotId: z.string(),
    model: z.string(),
    variant: z.string(),
    tokens: Count,
    prompt: Count.nullable(),
    completion: Count.nullable(),
    reasoning: Count.nullable(),
    requests: Count.nullable(),
  }),
});

/** OpenRouter's model catalogue entries as stored, newest first. */
export const usageCatalogue = defineQuery({
  name: "usage-catalogue",
  description:
    "OpenRouter's model catalogue (/api/v1/models) as imported: per date and source, each model's id, its permaslug (canonical_slug) and the Hub repo of its weights (hugging_face_id, empty for API-only models and where OpenRouter gives none). Newest first.",
  params: z.object({}),
  sql: {
    duckdb: `SELECT source, strftime(as_of, '%Y-%m-%d') AS asOf, id, canonical_slug AS canonicalSlug,
  hugging_face_id AS huggingFaceId, name
FROM usage_catalogue ORDER BY as_of DESC, source, id, canonical_slug NULLS FIRST`,
    clickhouse: `SELECT source, toString(a) AS asOf, id, canonical_slug AS canonicalSlug, hugging_face_id AS huggingFaceId, name
FROM (SELECT source, as_of AS a, id, canonical_slug, hugging_face_id, name FROM usage_catalogue)
ORDER BY a DESC, source, id, isNotNull(canonical_slug), canonical_slug`,
  },
  row: z.object({
    source: z.string(),
    asOf: z.string(),
    id: z.string(),
    canonicalSlug: z.string().nullable(),
    huggingFaceId: z.string().nullable(),
    name: z.string().nullable(),
  }),
});

/** Hub repos of some authors, for the name rule of usage matching and the licence class of matched repos. */
export const usageHubRepos = defineQuery({
  name: "usage-hub-repos",
  description:
    "Hub repos the store knows (any snapshot) of the given authors (comma-separated, lower-case), with their latest licence: the repos OpenRouter ids are matched to by name, and the licence class of matched repos.",
  params: z.object({ authors: z.string().max(20_000) }),
  sql: {
    duckdb: `SELECT id, author, license FROM model
WHERE list_contains(string_split(lower($authors), ','), lower(author)) ORDER BY id`,
    clickhouse: `SELECT id, author, license FROM model
WHERE has(splitByChar(',', lowerUTF8($authors)), lowerUTF8(author)) ORDER BY id`,
  },
  row: z.object({ id: z.string(), author: z.string(), license: z.string().nullable() }),
});

/** How many usage snapshots are stored and when the last was loaded: part of the data version caches are keyed on. */
export const usageVersion = defineQuery({
  name: "usage-version",
  description:
    "The number of stored usage snapshots and the time the newest of them was loaded (empty store: 0, null).",
  params: z.object({}),
  sql: {
    duckdb: `SELECT count(*) AS snapshots, strftime(max(loaded_at), '%Y-%m-%dT%H:%M:%SZ') AS loaded FROM usage_snapshot`,
    clickhouse: `SELECT count() AS snapshots,
  if(count() = 0, NULL, formatDateTime(max(loaded_at), '%Y-%m-%dT%H:%M:%SZ')) AS loaded FROM usage_snapshot`,
  },
  row: z.object({ snapshots: Count, loaded: z.string().nullable() }),
});

/** The usage queries, for the catalog. */
export const USAGE_QUERIES = [usageSnapshots, usageRows, usageCatalogue, usageHubRepos, usageVersion] as const;
