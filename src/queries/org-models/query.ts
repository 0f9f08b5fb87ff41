import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { params } from "../params/orgs.js";

/** An organisation's repos at a snapshot, by downloads. */
export const orgModels = defineQuery({
  name: "org-models",
  description:
    "The repos of an organisation at the snapshot date, by 30-day downloads (ties by id), with the same `match` filter as org-totals.",
  params,
  sql: sqlFiles("org-models"),
  row: z.object({
    id: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    task: z.string().nullable(),
    library: z.string().nullable(),
    license: z.string().nullable(),
    created: z.string().nullable(),
  }),
});
