/** Shared parameter schemas and SQL fragments of the query catalog. */
import { z } from "zod";

/** Whether `s` is `YYYY-MM-DD` naming a real calendar day (not 2024-02-30, 2023-13-01 or 0000-00-00). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * The one date type of omo: `YYYY-MM-DD` of a real calendar day. The catalog, CLI options, claims, cost plans, API
 * routes and both stores validate dates with it, so 2024-02-30 is refused wherever it is read.
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .refine(isCalendarDate, "not a real calendar date");

/** A snapshot date `YYYY-MM-DD`, or null for "the latest complete snapshot". */
export const DateParam = IsoDate.nullable().default(null);

/** Row counts and sums come back as numbers (downloads sums stay far below 2^53). */
export const Count = z.coerce.number();

/** A case-insensitive regular expression on the repo name (RE2 syntax, as DuckDB's regexp_matches), or null. */
export const MatchParam = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (s) => {
      try {
        new RegExp(s, "i");
        return true;
      } catch {
        return false;
      }
    },
    { message: "invalid regular expression" },
  )
  .nullable()
  .default(null);
