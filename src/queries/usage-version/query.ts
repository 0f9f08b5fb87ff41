import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";

/** How many usage snapshots are stored and when the last was loaded: part of the data version caches are keyed on. */
export const usageVersion = defineQuery({
  name: "usage-version",
  description:
    "The number of stored usage snapshots and the time the newest of them was loaded (empty store: 0, null).",
  params: z.object({}),
  sql: sqlFiles("usage-version"),
  row: z.object({ snapshots: Count, loaded: z.string().nullable() }),
});
