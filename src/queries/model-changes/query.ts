import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { betweenParams } from "../params/report.js";

/** Models whose 30-day downloads changed most between two snapshots. */
export const modelChanges = defineQuery({
  name: "model-changes",
  description:
    "Models listed with a 30-day download count at both snapshots base and date: before, after, change = after - before, relative = change / before (null when before is 0); ranked by change, ties by id.",
  params: betweenParams,
  sql: sqlFiles("model-changes"),
  row: z.object({
    id: z.string(),
    author: z.string(),
    before: Count,
    after: Count,
    change: Count,
    relative: z.number().nullable(),
  }),
});
