import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { growthParams } from "../params/growth.js";

/** Fastest-growing models over a window. */
export const growth = defineQuery({
  name: "growth",
  description:
    "Fastest-growing models: 30-day downloads at the snapshot date (default latest) against the latest complete snapshot at or before date minus window (7, 30 or 90 days), for models listed at both with a count; change = after - before, relative = change / before (null when before is 0); ranked by change, ties by id; optionally one author. Models absent at the earlier date are in new-entrants.",
  params: growthParams,
  sql: sqlFiles("growth"),
  row: z.object({
    date: z.string(),
    baseDate: z.string(),
    id: z.string(),
    author: z.string(),
    before: Count,
    after: Count,
    change: Count,
    relative: z.number().nullable(),
  }),
});
