import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, IsoDate } from "../common.js";

/** Direct derivatives listed at a snapshot that no snapshot on or before `since` listed. */
export const modelNewChildren = defineQuery({
  name: "model-new-children",
  description:
    "New direct derivatives of a model: children listed at the snapshot `date` whose first complete snapshot is after `since` (no snapshot on or before `since` listed them), by 30-day downloads (ties by id). `created` (the Hub's creation date) tells a repo new on the Hub from one new to omo's coverage.",
  params: z.object({
    id: z.string().min(1).max(300),
    date: IsoDate,
    since: IsoDate,
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
  }),
  sql: sqlFiles("model-new-children"),
  row: z.object({
    id: z.string(),
    author: z.string(),
    relation: z.string(),
    downloads: Count.nullable(),
    created: z.string().nullable(),
    firstSeen: z.string(),
  }),
});
