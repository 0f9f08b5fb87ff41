import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";

/** Every snapshot, newest first. */
export const snapshotList = defineQuery({
  name: "snapshots",
  description:
    "Every loaded snapshot: date, source, status, number of models and their summed 30-day downloads, and what it covers: coverage 'full' (an unfiltered listing walked to its last page, or a file stated to be one) or 'partial', with how it was selected (coverageHow).",
  params: z.object({}),
  sql: sqlFiles("snapshots"),
  row: z.object({
    date: z.string(),
    source: z.string(),
    status: z.string(),
    models: Count,
    downloads: Count,
    malformed: Count,
    started: z.string().nullable(),
    finished: z.string().nullable(),
    coverage: z.enum(["full", "partial"]),
    coverageHow: z.string(),
  }),
});
