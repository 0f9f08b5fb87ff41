import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { Filters, Period } from "../params/usage.js";

/** The rows of the snapshot that answers for each date of a period. */
export const usageRows = defineQuery({
  name: "usage-rows",
  description:
    "Per-model token counts (tokens = prompt + completion, as published; prompt, completion, reasoning and requests where the source splits them) of the usage snapshot that answers for each date of the period (the chosen one of usage-snapshots), oldest date first, largest first. Models are OpenRouter ids as the source gives them (permaslugs), variants apart (`:free` is variant free). Optional filters: source, from, to.",
  params: z.object({ ...Filters, period: Period }),
  sql: sqlFiles("usage-rows"),
  row: z.object({
    date: z.string(),
    snapshotId: z.string(),
    model: z.string(),
    variant: z.string(),
    tokens: Count,
    prompt: Count.nullable(),
    completion: Count.nullable(),
    reasoning: Count.nullable(),
    requests: Count.nullable(),
  }),
});
