import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { concentrationParams } from "../params/concentration.js";

/** The top-k organisations by share of all 30-day downloads at a snapshot. */
export const topOrgShares = defineQuery({
  name: "top-org-shares",
  description:
    "The k organisations (author, case-insensitive) with the most 30-day downloads summed over their models at the snapshot date (default latest; ties by name), with repos, share and cumulative share (percent).",
  params: concentrationParams,
  sql: sqlFiles("top-org-shares"),
  row: z.object({
    rank: Count,
    author: z.string(),
    repos: Count,
    downloads: Count,
    share: z.number().nullable(),
    cumulativeShare: z.number().nullable(),
  }),
});
