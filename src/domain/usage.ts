/**
 * Token usage snapshots (OpenRouter rankings): what one snapshot is (a period, a date, the models it names and how
 * much of the total they cover), and the pure rules shared by the import, the store and the answers. No I/O here.
 *
 * Periods, and what `date` means for each:
 * - `day`: that UTC day;
 * - `7d`: the trailing 7 days ending on `date` (date − 6 … date);
 * - `week`: the calendar week starting on Monday `date` (OpenRouter's chart `x`);
 * - `30d`: the trailing 30 days ending on `date` (OpenRouter's `view=month`).
 */

/** The periods a usage snapshot covers. */
export const USAGE_PERIODS = ["day", "7d", "week", "30d"] as const;
/** A usage period. */
export type UsagePeriod = (typeof USAGE_PERIODS)[number];

/**
 * How much of the period's tokens a snapshot names (the coverage shape of every omo snapshot: kind, how, models),
 * with what usage adds: `top` (N when only the top N are named) and whether the total of all models is known.
 */
export interface UsageCoverage {
  kind: "full" | "partial";
  /** In words: "every model-variant ranked (437 rows)", "top 9 named + Others (total known)", … */
  how: string;
  /** Model rows named in the snapshot. */
  models: number;
  /** N when only the top N models are named; null for full coverage. */
  top: number | null;
  /** Whether the total over every model is known (always for full coverage). */
  totalKnown: boolean;
}

/** One model (variant) of a snapshot: tokens = prompt + completion, as published. */
export interface UsageRowInput {
  /** The id as the source gives it (OpenRouter permaslug, without a `:variant` suffix). */
  model: string;
  /** `standard`, `free`, `batch`, `thinking`, `beta`… (a `:free` suffix becomes variant `free`). */
  variant: string;
  tokens: number;
  prompt: number | null;
  completion: number | null;
  reasoning: number | null;
  requests: number | null;
  /** The model's last day with traffic when the source gives one (trailing windows: stragglers end earlier). */
  lastDate: string | null;
}

/** One dated usage snapshot, ready to store. */
export interface UsageSnapshotInput {
  /** `source|endpoint|period|date`: loading the same snapshot again (from any file) replaces it. */
  id: string;
  /** The scraper repository the figures come from, e.g. `hashd1ve/openrouter-pulse`. */
  source: string;
  /** What it scraped, e.g. `rankings/models?view=day`, `model-rankings-chart`. */
  endpoint: string;
  period: UsagePeriod;
  date: string;
  windowStart: string;
  windowEnd: string;
  /** When the source captured it (ISO timestamp), when known. */
  fetchedAt: string | null;
  /** Capture status when the source flags one: settled, partial_week_in_progress, first_point_of_capture… */
  status: string | null;
  coverage: UsageCoverage;
  /** Tokens of every model in the window (named + remainder) when known, else null. */
  totalTokens: number | null;
  /** The unnamed remainder (`Others`, week total − top N) when known; 0 for full coverage. */
  remainderTokens: number | null;
  /** Sum of the named rows. */
  namedTokens: number;
  /** Which snapshot answers for its period and date when several do (larger wins): see {@link preferenceOf}. */
  preference: number;
  /** The file it was read from (as the user named it). */
  file: string;
  rows: UsageRowInput[];
}

/** One entry of OpenRouter's model catalogue (`/api/v1/models`). */
export interface CatalogueEntryInput {
  /** The catalogue id without date (`deepseek/deepseek-v4-flash-0731`), or the permaslug when only that is known. */
  id: string;
  /** The permaslug the rankings use (`deepseek/deepseek-v4-flash-20260731`), when given. */
  canonicalSlug: string | null;
  /** OpenRouter's link to the Hub repo of the weights, when the catalogue gives one. */
  huggingFaceId: string | null;
  name: string | null;
}

/** A catalogue as of one date, from one source. */
export interface CatalogueInput {
  source: string;
  asOf: string;
  file: string;
  entries: CatalogueEntryInput[];
}

/** Everything one `omo usage import` stores, in one atomic load. */
export interface UsageImport {
  snapshots: UsageSnapshotInput[];
  catalogues: CatalogueInput[];
}

/** Suffixes that name an OpenRouter variant (`model:free`), as the chart and older ids write them. */
const VARIANT_SUFFIX = /^(.+?):([a-z][a-z0-9-]*)$/;

/** Splits `deepseek/deepseek-r1:free` into the model and its variant (`standard` when there is no suffix). */
export function splitVariant(id: string): { model: string; variant: string } {
  const m = VARIANT_SUFFIX.exec(id);
  return m ? { model: m[1] as string, variant: m[2] as string } : { model: id, variant: "standard" };
}

/** Adds `days` (may be negative) to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** First and last day of the window a snapshot of `period` dated `date` covers. */
export function windowOf(period: UsagePeriod, date: string): { start: string; end: string } {
  switch (period) {
    case "day":
      return { start: date, end: date };
    case "7d":
      return { start: addDays(date, -6), end: date };
    case "week":
      return { start: date, end: addDays(date, 6) };
    case "30d":
      return { start: addDays(date, -29), end: date };
  }
}

/** Whether a date is a Monday (chart weeks start on Mondays). */
export function isMonday(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
}

/** The snapshot id of a source, endpoint, period and date. */
export function snapshotId(source: string, endpoint: string, period: UsagePeriod, date: string): string {
  return `${source}|${endpoint}|${period}|${date}`;
}

/**
 * The sources omo reads, best first where two answer for the same period and date with the same coverage: the
 * settled weekly chart of CharlesLiuyx before johnbean393's and hanski319's copies of the same chart (as the shared
 * folder's combined file chooses), hashd1ve's later daily captures before CharlesLiuyx's early-morning ones.
 */
export const SOURCE_RANK: readonly string[] = [
  "hashd1ve/openrouter-pulse|rankings/models?view=day",
  "hashd1ve/openrouter-pulse|rankings/models?view=week",
  "hashd1ve/openrouter-pulse|rankings/models?view=month",
  "CharlesLiuyx/Token-Economy-Tracker|rankings/models",
  "CharlesLiuyx/Token-Economy-Tracker|model-rankings-chart",
  "hanski319/openrouter-token-data|chart-weeks",
  "hanski319/openrouter-token-data|rankings-monthly",
  "johnbean393/openrouter-inference-stats|rankings-chart",
  "hanski319/openrouter-token-data|rankings-history",
];

/** How much a capture status is trusted (larger is better): settled captures first, the week in progress last. */
export function statusRank(status: string | null): number {
  switch (status) {
    case null:
    case "settled":
      return 3;
    case "recent":
      return 2;
    case "first_point_of_capture_possibly_truncated":
      return 1;
    default:
      return 0;
  }
}

/**
 * The preference of a snapshot among those of the same period and date (larger wins): full coverage, then a known
 * total, then a trusted capture status, then the source's rank in {@link SOURCE_RANK}, then the later capture.
 * An integer below 2^53.
 */
export function preferenceOf(s: Pick<UsageSnapshotInput, "coverage" | "source" | "endpoint" | "fetchedAt" | "status">) {
  const coverage = s.coverage.kind === "full" ? 3 : s.coverage.totalKnown ? 2 : 1;
  const rank = SOURCE_RANK.indexOf(`${s.source}|${s.endpoint}`);
  const sourceScore = rank < 0 ? 0 : SOURCE_RANK.length - rank;
  const fetched = s.fetchedAt ? Math.floor(Date.parse(s.fetchedAt) / 1000) : 0;
  const seconds = Number.isFinite(fetched) && fetched > 0 ? Math.min(fetched, 9_999_999_999) : 0;
  return ((coverage * 10 + statusRank(s.status)) * 100 + sourceScore) * 10_000_000_000 + seconds;
}

/** Coverage of a snapshot that names every model. */
export function fullCoverage(models: number, what = "every model-variant ranked"): UsageCoverage {
  return { kind: "full", how: `${what} (${models} rows)`, models, top: null, totalKnown: true };
}

/** Coverage of a snapshot that names only its top `top` models, with or without the total of the others. */
export function topCoverage(models: number, top: number, totalKnown: boolean, remainder: string): UsageCoverage {
  return {
    kind: "partial",
    how: totalKnown ? `top ${top} named + ${remainder} (total known)` : `top ${top} named; total unknown`,
    models,
    top,
    totalKnown,
  };
}
