import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { growthParams } from "../params/growth.js";

/** Models listed at a snapshot but not at the start of the window. */
export const newEntrants = defineQuery({
  name: "new-entrants",
  description:
    "Models listed at the snapshot date (default latest) but absent from the latest complete snapshot at or before date minus window days, by 30-day downloads (ties by id); firstSeen = the model's first complete snapshot, so firstSeen <= baseDate means it was listed before and came back (or the earlier snapshot did not cover it).",
  params: growthParams,
  sql: sqlFiles("new-entrants"),
  row: z.object({
    date: z.string(),
    baseDate: z.string(),
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    firstSeen: z.string(),
  }),
});
