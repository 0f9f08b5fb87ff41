import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";

/** The snapshot a query with `date` answers from (null when there is none). */
export const resolveSnapshot = defineQuery({
  name: "resolve-snapshot",
  description: "The complete snapshot matching a date, or the latest complete one when no date is given.",
  params: z.object({ date: z.string().nullable() }),
  sql: sqlFiles("resolve-snapshot"),
  row: z.object({ date: z.string(), models: Count }),
});
