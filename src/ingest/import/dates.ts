/**
 * Snapshot dates from file names and row values, always returned as `YYYY-MM-DD` (or `null` when there is none).
 *
 * Ambiguity: `NN-NN-YYYY` is read month-first (`07-11-2024` = 2024-07-11, as the 2024-07-11 scrape names its pages
 * `models_page12_07-11-2024.json`) unless the first part cannot be a month (> 12: day-first) or the caller says
 * `dateOrder: "dmy"` (the do-me series writes `transformersjs_01-08-2024.csv` and `mined_date` = 01-08-2024 for
 * 1 August 2024). Nothing in `01-08-2024` itself tells the two apart: pass the order when the source is known.
 */
import { basename, dirname } from "node:path";

/** Order of day and month in `NN-NN-YYYY` / `NN/NN/YYYY` values: month first (`"mdy"`) or day first (`"dmy"`). */
export type DateOrder = "mdy" | "dmy";

/** Options of {@link normalizeDate} and {@link dateFromFileName}. */
export interface DateOptions {
  /** How to read `NN-NN-YYYY` when both parts could be a month; default `"mdy"`. */
  dateOrder?: DateOrder;
}

/** Years accepted as snapshot dates: the Hub's lifetime with margin; keeps hashes and counters from reading as dates. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

/** `YYYY-MM-DD` of a calendar date, or `null` when the parts name no real day (month 13, 30 February, year 1234). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Reads `a-b-YYYY` as month/day or day/month: day-first when `a` > 12, else as `order` says. */
function fromTwoPartsAndYear(a: number, b: number, year: number, order: DateOrder): string | null {
  if (a > 12) return isoDate(year, b, a);
  return order === "dmy" ? isoDate(year, b, a) : isoDate(year, a, b);
}

const FILE_ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;
const FILE_COMPACT = /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/;
const FILE_NN_NN_YYYY = /(?<!\d)(\d{2})-(\d{2})-(\d{4})(?!\d)/;

/**
 * The snapshot date a file name carries: `YYYY-MM-DD` (`2026-08-07.json`, `2022-02-18_hf.csv`), `YYYYMMDD`
 * (`models_20240711.jsonl`) or `NN-NN-YYYY` (`models_page12_07-11-2024.json`, month first unless
 * `dateOrder: "dmy"` or the first part is > 12; see the module note). Only the base name is read. Impossible dates and
 * years outside 2000–2099 are not dates: `null`.
 */
export function dateFromFileName(path: string, options: DateOptions = {}): string | null {
  const name = basename(path);
  const iso = FILE_ISO.exec(name);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const compact = FILE_COMPACT.exec(name);
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const nn = FILE_NN_NN_YYYY.exec(name);
  if (nn) return fromTwoPartsAndYear(Number(nn[1]), Number(nn[2]), Number(nn[3]), options.dateOrder ?? "mdy");
  return null;
}

const VALUE_ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ])/;
const VALUE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const VALUE_NN_NN_YYYY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T ])/;

/**
 * A row's date value as `YYYY-MM-DD`: `2024-07-11`, `2024/07/11`, `20240711`, the date part of a timestamp
 * (`2024-07-11T21:41:45+09:00` → `2024-07-11`, the date as written, not converted to UTC), and `NN-NN-YYYY` /
 * `NN/NN/YYYY` (month first unless `dateOrder: "dmy"` or the first part is > 12). Anything else, and impossible
 * dates, → `null`.
 */
export function normalizeDate(value: unknown, options: DateOptions = {}): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  const iso = VALUE_ISO.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const compact = VALUE_COMPACT.exec(text);
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const nn = VALUE_NN_NN_YYYY.exec(text);
  if (nn) return fromTwoPartsAndYear(Number(nn[1]), Number(nn[2]), Number(nn[3]), options.dateOrder ?? "mdy");
  return null;
}

const SPACED_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Rewrites a timestamp as pandas writes it (`2023-09-06 14:49:15+00:00`) in the Hub's own spelling
 * (`2023-09-06T14:49:15.000Z`). Only timestamps with an explicit zone are rewritten; anything else is returned
 * unchanged (the store keeps the text).
 */
export function normalizeTimestamp(value: string): string {
  const text = value.trim();
  if (!SPACED_TIMESTAMP.test(text)) return value;
  const ms = Date.parse(text.replace(" ", "T"));
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/**
 * A date-shaped part of a file or folder name that names no real day (`models-2024-02-30.jsonl` → "2024-02-30"), or
 * null; for the message when no snapshot date is found.
 */
export function impossibleDateInName(path: string): string | null {
  for (const name of [basename(path), basename(dirname(path))]) {
    if (dateFromFileName(name) !== null) continue;
    const m = FILE_ISO.exec(name) ?? FILE_COMPACT.exec(name) ?? FILE_NN_NN_YYYY.exec(name);
    // a year of this century: not any 8-digit run (hashes, counters)
    if (m && /20\d{2}/.test(m[0])) return m[0];
  }
  return null;
}
