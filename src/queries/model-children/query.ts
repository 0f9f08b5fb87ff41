import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";
import { Relation } from "../params/lineage.js";

/** A model's direct derivatives at a snapshot, by downloads. */
export const modelChildren = defineQuery({
  name: "model-children",
  description:
    "The direct derivatives of a model (id case-insensitive): repos that name it as base model (base_model tags, cardData.base_model, baseModels), listed at the snapshot date (default: latest), by 30-day downloads (ties by id); optionally one relation. A child linked by several sources counts once, with the typed relation when one source gives it.",
  params: z.object({
    id: z.string().min(1).max(300),
    date: DateParam,
    relation: Relation,
    limit: z.coerce.number().int().min(1).max(10_000).default(20),
  }),
  sql: sqlFiles("model-children"),
  row: z.object({
    id: z.string(),
    author: z.string(),
    relation: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    license: z.string().nullable(),
    created: z.string().nullable(),
    firstSeen: z.string(),
  }),
});
