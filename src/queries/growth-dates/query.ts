import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { GrowthWindow } from "../params/growth.js";
import { SnapshotDate } from "../params/series.js";

/** Which snapshots a growth window compares. */
export const growthDates = defineQuery({
  name: "growth-dates",
  description:
    "The snapshots growth compares: the snapshot at date (default latest) and the latest complete snapshot at or before date minus window days (null when there is none); days = the real distance between them.",
  params: z.object({ date: SnapshotDate, window: GrowthWindow }),
  sql: sqlFiles("growth-dates"),
  row: z.object({ date: z.string(), baseDate: z.string().nullable(), days: Count.nullable(), earliest: z.string() }),
});
