import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, IsoDate } from "../common.js";

/** The snapshot before a date (what "since the previous snapshot" compares with). */
export const previousSnapshot = defineQuery({
  name: "previous-snapshot",
  description: "The latest complete snapshot strictly before date, with its model count and summed 30-day downloads.",
  params: z.object({ date: IsoDate }),
  sql: sqlFiles("previous-snapshot"),
  row: z.object({ date: z.string(), models: Count, downloads: Count }),
});
