/**
 * Catalog entries about token usage (OpenRouter rankings, `omo usage import`): the stored usage snapshots with their
 * coverage, the rows of the snapshot that answers for each period and date, and OpenRouter's model catalogue.
 *
 * Where several snapshots answer for the same period and date (two scrapers, a raw file and its conversion, the same
 * chart week captured twice), the one with the largest `preference` answers (full coverage first, then a known
 * total, then a settled capture, then the source's rank, then the later capture: src/domain/usage.ts).
 */
import { z } from "zod";
import { USAGE_PERIODS } from "../../domain/usage.js";
import { Count, IsoDate } from "../common.js";

export const Period = z.enum(USAGE_PERIODS);
const OptDate = IsoDate.nullable().default(null);
const OptText = z.string().min(1).max(200).nullable().default(null);

/** Filters shared by the usage queries. */
export const Filters = {
  period: Period.nullable().default(null),
  source: OptText,
  from: OptDate,
  to: OptDate,
};

/**
 * A stored usage snapshot, the row of usage-snapshots: what the token shares are computed from (the domain's
 * `ShareSnapshot` is this shape). What an import produces before it is stored is `UsageSnapshotInput`
 * (src/domain/usage.ts): the same snapshot with its rows and coverage as read from the file.
 */
export const UsageSnapshotRow = z.object({
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
});
