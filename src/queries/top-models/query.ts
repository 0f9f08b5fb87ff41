import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { DateParam } from "../common.js";
import { ModelRow, optText } from "../params/models.js";

/** Top models by 30-day downloads at a snapshot, with optional filters. */
export const topModels = defineQuery({
  name: "top-models",
  description:
    "Models ranked by the Hub's 30-day download count at the snapshot date (default: latest), optionally filtered by task (pipeline_tag), library, licence and author. Ties are broken by id.",
  params: z.object({
    date: DateParam,
    limit: z.coerce.number().int().min(1).max(10_000).default(20),
    task: optText,
    library: optText,
    license: optText,
    author: optText,
  }),
  sql: sqlFiles("top-models"),
  row: ModelRow,
});
