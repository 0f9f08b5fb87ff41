/**
 * Catalog entries about API prices: the reviewed table shipped in `data/prices/api-prices.csv` (read in place, its
 * path bound as `$shipped`) together with the tables imported into `price` (`omo prices import`: LiteLLM and Portkey).
 * For each provider and model the price in force at a date is the row with the latest `as_of` on or before it; an
 * imported row wins a tie with a shipped one. A model is RETIRED from the day any of its rows names (the shipped
 * `retired` column, LiteLLM's `deprecation_date`): from that day none of its prices is in force.
 */
import { z } from "zod";

export const row = z.object({
  model: z.string(),
  provider: z.string(),
  inputPer1M: z.coerce.number(),
  outputPer1M: z.coerce.number(),
  asOf: z.string(),
  source: z.string(),
  origin: z.enum(["imported", "shipped"]),
  /** The day the model was (or will be) retired, when a source names one. */
  retired: z.string().nullable(),
});

/** A short text filter (case-insensitive). */
export const Text = z.string().min(1).max(200).nullable().default(null);

/** Whether rows of retired models are listed too (flagged by `retired`). */
export const IncludeRetired = z.boolean().default(false);
