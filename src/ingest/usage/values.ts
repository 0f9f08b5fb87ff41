/** Checking the values of usage files: token counts, days, ids; every failure names the file, line and field. */
import { InputError, type InputLocation } from "../../errors.js";
import { IsoDate } from "../../queries/common.js";

/** Largest token count accepted: JavaScript numbers are exact up to 2^53. */
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** A short rendering of a bad value for messages. */
export function shown(v: unknown): string {
  const s = typeof v === "string" ? JSON.stringify(v) : v === undefined ? "nothing" : JSON.stringify(v);
  return (s ?? String(v)).length > 60 ? `${(s ?? String(v)).slice(0, 57)}…` : (s ?? String(v));
}

/** A non-negative integer count (a JSON number, or the digits of a CSV cell). */
export function count(v: unknown, loc: InputLocation): number {
  let n: number | null = null;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) n = Number(v);
  if (n === null || !Number.isFinite(n)) throw new InputError(`expected a token count, got ${shown(v)}`, loc);
  if (n < 0) throw new InputError(`must not be negative, got ${shown(v)}`, loc);
  if (!Number.isInteger(n)) throw new InputError(`expected a whole number, got ${shown(v)}`, loc);
  if (n > MAX_COUNT) throw new InputError(`too large to count exactly, got ${shown(v)}`, loc);
  return n;
}

/** A count that may be absent (null, undefined or an empty CSV cell). */
export function optionalCount(v: unknown, loc: InputLocation): number | null {
  if (v === null || v === undefined || v === "") return null;
  return count(v, loc);
}

/** A day `YYYY-MM-DD` (a timestamp gives its date part: `2026-07-30 00:00:00`, `2026-07-31T10:29:31+00:00`). */
export function day(v: unknown, loc: InputLocation): string {
  const text = typeof v === "string" ? v.trim().slice(0, 10) : "";
  const parsed = IsoDate.safeParse(text);
  if (!parsed.success || (typeof v === "string" && v.trim().length > 10 && !/^[T ]/.test(v.trim().slice(10)))) {
    throw new InputError(`expected a date YYYY-MM-DD, got ${shown(v)}`, loc);
  }
  return parsed.data;
}

/** An ISO timestamp as given (validated), or null when absent. */
export function timestamp(v: unknown, loc: InputLocation): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v !== "string" || Number.isNaN(Date.parse(v)) || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v)) {
    throw new InputError(`expected a timestamp, got ${shown(v)}`, loc);
  }
  return new Date(Date.parse(v)).toISOString();
}

/** A non-empty model id. */
export function modelId(v: unknown, loc: InputLocation): string {
  if (typeof v !== "string" || v.trim() === "") throw new InputError(`expected a model id, got ${shown(v)}`, loc);
  if (v.length > 300) throw new InputError("model id longer than 300 characters", loc);
  return v.trim();
}

/** A plain object, or an error naming the field. */
export function object(v: unknown, loc: InputLocation): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw new InputError(`expected an object, got ${Array.isArray(v) ? "an array" : shown(v)}`, loc);
  }
  return v as Record<string, unknown>;
}

/** An array, or an error naming the field. */
export function array(v: unknown, loc: InputLocation): unknown[] {
  if (!Array.isArray(v)) throw new InputError(`expected an array, got ${shown(v)}`, loc);
  return v;
}
