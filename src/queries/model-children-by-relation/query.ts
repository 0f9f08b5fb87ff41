import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";

/** A model's direct derivatives at a snapshot, counted by relation. */
export const modelChildrenByRelation = defineQuery({
  name: "model-children-by-relation",
  description:
    "The direct derivatives of a model listed at the snapshot date (default: latest), counted by relation (finetune, adapter, quantized, merge, unknown = untyped link) with the sum of their 30-day downloads; relations with no child are left out.",
  params: z.object({ id: z.string().min(1).max(300), date: DateParam }),
  sql: sqlFiles("model-children-by-relation"),
  row: z.object({ relation: z.string(), repos: Count, downloads: Count }),
});
