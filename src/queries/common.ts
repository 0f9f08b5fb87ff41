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

/**
 * ClickHouse (18.16) form of {@link SNAPSHOT_DATE_SQL}: the snapshot a query answers from, NULL when none. The
 * `snapshot` view of the ClickHouse store shows complete snapshots only; `max` over no rows is `0000-00-00` there.
 */
export const CH_SNAPSHOT_DATE_SQL =
  "(SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))";

/**
 * ClickHouse: the visible statistics rows, from the table ordered by date, as `FROM ${CH_STATS_BY_DATE} AND <condition
 * on date>`: the condition and the visibility filter sit in the same WHERE, so the date uses the primary key (18.16
 * pushes no outer WHERE into the `model_stats` view, which therefore reads every date).
 */
export const CH_STATS_BY_DATE =
  "model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)";

/** ClickHouse: as {@link CH_STATS_BY_DATE}, from the table ordered by model, for a condition on `key`. */
export const CH_STATS_BY_KEY = "model_stats_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)";

/** ClickHouse: statistics rows of the snapshot date (`listed` = 1 marks a row that exists after an outer join). */
export const CH_STATS_AT = `(SELECT key, downloads, downloads_all_time, likes, trending_score, 1 AS listed
  FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0)))`;

/** ClickHouse: a case-insensitive RE2 match of `$match` (null = all) on a text (`(?i:…)`: 18.16 ignores a leading `(?i)`). */
export function chMatch(text: string): string {
  return `(isNull($match) OR match(${text}, concat('(?i:', $match, ')')))`;
}

/**
 * ClickHouse: the model dimension as `FROM ${CH_MODEL_WHERE} AND <condition>`: the rows and columns of the `model`
 * view (the generation CURRENT_DIM_LOAD of src/store/clickhouse/migrations.ts names) with the condition in the
 * table's own WHERE, so a condition on `key` uses its primary key and only the columns asked for are read (18.16
 * pushes no outer WHERE into the view, which therefore reads every model).
 */
export const CH_MODEL_WHERE = `model_dim_rows WHERE load_id = (SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT DISTINCT load_id FROM model_dim_rows))`;

/**
 * ClickHouse: the generation of the roll-ups readers see (migration 8, src/store/clickhouse/rollups.ts): that of the
 * load that committed last among those that wrote roll-ups — the same load as the model dimension's generation
 * ({@link CH_MODEL_WHERE}: every load writes both, the migration builds the roll-ups of the current one), found from
 * the small roll-up table instead of every model row's `load_id`.
 */
export const CH_ROLLUP_GEN = `(SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT DISTINCT load_id FROM rollup_licence_rows))`;

/**
 * ClickHouse: the roll-ups of the current generation, as `FROM ${chRollupWhere(table)} AND <condition>`: by licence
 * (`rollup_licence_rows`: date, lic, gcat, repos, downloads), by organisation (`rollup_org_rows`: date, org, author,
 * repos, downloads), or `model_dim_rows` of that generation (the `model` rows, found without reading every row's
 * generation).
 */
export function chRollupWhere(table: "rollup_licence_rows" | "rollup_org_rows" | "model_dim_rows"): string {
  return `${table} WHERE load_id = ${CH_ROLLUP_GEN}`;
}

/** ClickHouse: the visible top-count rows of the roll-ups (date, key, downloads), as `FROM ${…} AND <condition>`. */
export const CH_ROLLUP_TOP = "rollup_top_rows WHERE (date, load_id) IN (SELECT date, load_id FROM snapshot)";
