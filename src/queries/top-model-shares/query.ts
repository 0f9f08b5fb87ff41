import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { concentrationParams } from "../params/concentration.js";

/** The top-k models by share of all 30-day downloads at a snapshot. */
export const topModelShares = defineQuery({
  name: "top-model-shares",
  description:
    "The k models with the most 30-day downloads at the snapshot date (default latest; ties by id), each with its share and the cumulative share (percent) of all downloads at the snapshot.",
  params: concentrationParams,
  sql: sqlFiles("top-model-shares"),
  row: z.object({
    rank: Count,
    id: z.string(),
    author: z.string(),
    downloads: Count,
    share: z.number().nullable(),
    cumulativeShare: z.number().nullable(),
  }),
});
