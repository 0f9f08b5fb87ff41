/**
 * The zod types of the API's parameters that several routes share, built on the catalog's own (dates are the catalog's
 * `IsoDate`: a real calendar day). Routes that run one catalog query take that query's parameter types directly
 * (`topModels.params.shape.task`); these are the ones the routes add or narrow (optional dates, route limits).
 * fastify-type-provider-zod validates requests with them and @fastify/swagger documents them.
 */
import { z } from "zod";
import { USAGE_PERIODS } from "../domain/usage.js";
import { IsoDate } from "../queries/common.js";
import { RELATIONS } from "../queries/params/families.js";
import { GROWTH_WINDOWS, GrowthWindow } from "../queries/params/growth.js";
import { BucketParam } from "../queries/params/series.js";

/** A date `YYYY-MM-DD` (a real calendar day), optional. */
export const DateQuery = IsoDate.optional().describe("a date YYYY-MM-DD");

/** A snapshot date (default: the latest complete snapshot). */
export const SnapshotDate = IsoDate.optional().describe("snapshot date YYYY-MM-DD (default: the latest)");

/** An id part: a Hub namespace, a repo name, a family slug. */
export const IdPart = z.string().min(1).max(200);

/** An optional text filter. */
export const Text = z.string().min(1).max(200).optional();

/** A flag given as `1`/`0`/`true`/`false`: true for `1` and `true`. */
export const Flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

/** `auto | day | week | month` (the catalog's bucket parameter). */
export const Bucket = BucketParam.describe("series bucket (auto: day up to 31 days, week up to 26 weeks, else month)");

/** The catalog's growth window (7, 30 or 90 days), documented as the integers it takes. */
export const Window = GrowthWindow.meta({
  description: "days: 7, 30 or 90",
  type: "integer",
  enum: [...GROWTH_WINDOWS],
});

/** A limit with its bounds and default. */
export function limit(max: number, dflt: number) {
  return z.coerce.number().int().min(1).max(max).default(dflt);
}

/** A usage period (each usage route gives its default). */
export const UsagePeriod = z.enum(USAGE_PERIODS).describe("day | 7d (trailing) | week (from Monday) | 30d (trailing)");

/** `json | csv`, on the routes that export their list as CSV. */
export const Format = z.enum(["json", "csv"]).default("json").describe("json or csv");

const RELATION_WORDS = [...RELATIONS, "all"].join("|");

/** The family walk's link relations as the API takes them (`all` = every stated relation). */
export const RelationsQuery = z
  .string()
  .regex(new RegExp(`^(${RELATION_WORDS})(,(${RELATION_WORDS}))*$`), `a comma list of ${RELATIONS.join(", ")} or all`)
  .optional()
  .describe(
    `follow only these link relations (comma list of ${RELATIONS.join(", ")}; all = every stated relation, the default; all,reupload adds re-uploads linked by omo's name rule)`,
  );
