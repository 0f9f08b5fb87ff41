import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { betweenParams } from "../params/report.js";

/** Models listed at a snapshot that the base snapshot did not list. */
export const entrantsSince = defineQuery({
  name: "entrants-since",
  description:
    "Models listed at snapshot date but not at snapshot base, by 30-day downloads (ties by id); entrants = how many there are in all, newDownloads = their summed 30-day downloads.",
  params: betweenParams,
  sql: sqlFiles("entrants-since"),
  row: z.object({
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    entrants: Count,
    newDownloads: Count.nullable(),
  }),
});
