/** Parameters of the growth queries (growth, growth-dates, new-entrants, org-ranking's window). */
import { z } from "zod";
import { SnapshotDate } from "./series.js";

/** The windows growth compares over, in days. */
export const GROWTH_WINDOWS = [7, 30, 90] as const;

export const GrowthWindow = z.coerce
  .number()
  .refine((n) => (GROWTH_WINDOWS as readonly number[]).includes(n), "expected a window of 7, 30 or 90 days")
  .default(30);

export const growthParams = z.object({
  date: SnapshotDate,
  window: GrowthWindow,
  limit: z.coerce.number().int().min(1).max(10_000).default(20),
  author: z.string().min(1).nullable().default(null),
});
