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
import { IsoDate } from "../common.js";

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
