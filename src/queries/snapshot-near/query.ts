import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, IsoDate } from "../common.js";

/** The complete snapshot closest to a date within a tolerance. */
export const snapshotNear = defineQuery({
  name: "snapshot-near",
  description:
    "The complete snapshot closest to target (at most tolerance days before or after it; on a tie the earlier one), with its distance in days (negative = before the target); no row when none is that close.",
  params: z.object({ target: IsoDate, tolerance: z.coerce.number().int().min(0).max(3660) }),
  sql: sqlFiles("snapshot-near"),
  row: z.object({ date: z.string(), days: Count, models: Count, downloads: Count }),
});
