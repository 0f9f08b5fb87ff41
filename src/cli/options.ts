/** Parsing of command-line option values with zod, reported as one-line InputErrors naming the option. */
import { z } from "zod";
import { InputError } from "../errors.js";
import { IsoDate } from "../queries/common.js";
import { resolveSnapshot, snapshotList } from "../queries/index.js";
import type { Store } from "../store/store.js";

/** Parses an optional `--date` value. */
export function parseDateOption(value: string | undefined, option = "--date"): string | undefined {
  if (value === undefined) return undefined;
  const r = IsoDate.safeParse(value);
  if (!r.success) throw new InputError(`invalid ${option} "${value}": ${r.error.issues[0]?.message}`);
  return r.data;
}

/** Parses a positive integer option such as `--limit`. */
export function parsePositiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const r = z.coerce.number().int().positive().safeParse(value);
  if (!r.success) throw new InputError(`invalid ${option} "${value}": expected a positive integer`);
  return r.data;
}

/** Parses a non-negative integer option such as `--min-downloads`. */
export function parseNonNegativeInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const r = z.coerce.number().int().min(0).safeParse(value);
  if (!r.success) throw new InputError(`invalid ${option} "${value}": expected a whole number, 0 or more`);
  return r.data;
}

/** The complete snapshot a command answers from, or an InputError listing what exists. */
export async function requireSnapshot(store: Store, date: string | undefined): Promise<string> {
  const [hit] = await store.query(resolveSnapshot, { date: date ?? null });
  if (hit) return hit.date;
  const all = (await store.query(snapshotList, {})).filter((s) => s.status === "complete").map((s) => s.date);
  if (all.length === 0) {
    throw new InputError(`no snapshots in ${store.location}: load one with "omo import FILE" or "omo ingest"`);
  }
  throw new InputError(`no complete snapshot for ${date}; available: ${all.slice(0, 10).join(", ")}`);
}
