import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";

/** The tasks or libraries of the models listed at a snapshot, by downloads (for filters). */
export const modelFacets = defineQuery({
  name: "model-facets",
  description:
    "The values of one model field at the snapshot date (default latest): dimension task = pipeline_tag, library = library_name; each with the number of repos listed and the sum of their 30-day downloads, by downloads (ties by value). Models without the field are left out. What the task and library filters offer.",
  params: z.object({
    date: DateParam,
    dimension: z.enum(["task", "library"]),
    limit: z.coerce.number().int().min(1).max(10_000).default(200),
  }),
  sql: sqlFiles("model-facets"),
  row: z.object({ value: z.string(), repos: Count, downloads: Count }),
});
