import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";

/** Repos of a snapshot tagged `other` or `unknown`, by downloads, whose card is still to fetch. */
export const cardLicenceCandidates = defineQuery({
  name: "card-licence-candidates",
  description:
    "Repos listed in the snapshot (default: the latest) whose licence tag is `other` or `unknown`, with at least `min_downloads` 30-day downloads, most downloaded first: the repos whose model card (`GET /api/models/{id}`) `omo ingest --details` fetches for `cardData.license_name`. Repos whose card was fetched on or after `fetched_since` are left out (null: none is).",
  params: z.object({
    date: DateParam,
    min_downloads: z.number().int().min(0).default(1000),
    fetched_since: DateParam,
    limit: z.number().int().positive().max(1_000_000).default(100_000),
  }),
  sql: sqlFiles("card-licence-candidates"),
  row: z.object({ id: z.string(), downloads: Count.nullable(), license: z.string() }),
});
