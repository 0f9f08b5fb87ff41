import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";

/** The parents (base models) of a set of models. */
export const modelParents = defineQuery({
  name: "model-parents",
  description:
    "The base models of the models whose lower-cased ids are listed in `keys` (comma-separated): one row per child and parent, with the relation (typed when a source says it, else unknown), ordered by child and parent. One step of the upward walk that finds which family a model belongs to.",
  params: z.object({
    keys: z
      .string()
      .min(1)
      .max(100_000)
      .regex(/^[^,]+(,[^,]+)*$/, "keys: a comma list of model ids"),
  }),
  sql: sqlFiles("model-parents"),
  row: z.object({ child: z.string(), parentKey: z.string(), parentId: z.string(), relation: z.string() }),
});
