/** Shared parameter schemas and SQL fragments of the query catalog. */
import { z } from "zod";

/** A snapshot date `YYYY-MM-DD`, or null for "the latest complete snapshot". */
export const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .nullable()
  .default(null);

/** Row counts and sums come back as numbers (downloads sums stay far below 2^53). */
export const Count = z.coerce.number();

/** The snapshot a query answers from: the given date if complete, else the latest complete one. */
export const SNAPSHOT_DATE_SQL =
  "(SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE))";

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
