/**
 * Time buckets of history series: the vocabulary (`auto | day | week | month`), the rule `auto` follows, calendar
 * bucket bounds, coverage, and how per-point flags read in a table. The series SQL (src/queries/*-series/, checked by
 * test/unit/query-files.test.ts) uses the same thresholds and the same calendar (`date_trunc`: ISO weeks start on Monday); these pure functions let surfaces
 * and tests reason about buckets without a database.
 */

/** Bucket units a series can be asked for; `auto` picks one from the span of the range. */
export const BUCKETS = ["auto", "day", "week", "month"] as const;

/** A requested bucket (`auto` included). */
export type Bucket = (typeof BUCKETS)[number];

/** A resolved bucket unit. */
export type BucketUnit = Exclude<Bucket, "auto">;

/** `auto` picks `day` when the snapshots in range span at most this many days. */
export const AUTO_DAY_MAX_DAYS = 31;

/** `auto` picks `week` when the snapshots in range span at most this many days (26 weeks), else `month`. */
export const AUTO_WEEK_MAX_DAYS = 26 * 7;

const DAY_MS = 86_400_000;

function toDay(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`expected a date YYYY-MM-DD, got "${date}"`);
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a real calendar date: "${date}"`);
  return Math.round(t / DAY_MS);
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`; negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}

/** The unit `auto` resolves to for snapshots spanning `firstDate`..`lastDate`; a requested unit is kept as is. */
export function resolveBucket(bucket: Bucket, firstDate: string, lastDate: string): BucketUnit {
  if (bucket !== "auto") return bucket;
  const span = daysBetween(firstDate, lastDate);
  return span <= AUTO_DAY_MAX_DAYS ? "day" : span <= AUTO_WEEK_MAX_DAYS ? "week" : "month";
}

/** First and last day of the calendar bucket holding `date` (ISO weeks run Monday to Sunday). */
export function bucketBounds(date: string, unit: BucketUnit): { start: string; end: string } {
  const day = toDay(date);
  if (unit === "day") return { start: date, end: date };
  if (unit === "week") {
    const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
    return { start: fromDay(day - weekday), end: fromDay(day - weekday + 6) };
  }
  const [y, m] = date.split("-").map(Number) as [number, number];
  const start = `${date.slice(0, 7)}-01`;
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10); // day 0 of the next month
  return { start, end };
}

/**
 * Whether a bucket is only partly inside the range `from`..`to` (the range starts or ends inside it), so its
 * values do not describe the whole bucket.
 */
export function isPartial(bucketStart: string, unit: BucketUnit, from: string, to: string): boolean {
  const { start, end } = bucketBounds(bucketStart, unit);
  return from > start || to < end;
}

/** Flags of a series point or bucket, as a table shows them (`first gap ↓counter partial`). */
export function flagLabels(p: { first?: boolean; gap?: boolean; decrease?: boolean; partial?: boolean }): string {
  const out: string[] = [];
  if (p.first) out.push("first");
  if (p.gap) out.push("gap");
  if (p.decrease) out.push("↓counter");
  if (p.partial) out.push("partial");
  return out.join(" ");
}
