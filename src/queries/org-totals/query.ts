import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { params } from "../params/orgs.js";

/** Totals of an organisation's repos at a snapshot (optionally only repos whose name matches). */
export const orgTotals = defineQuery({
  name: "org-totals",
  description:
    "An organisation (Hub namespace, case-insensitive) at the snapshot date: number of repos and the sum of their 30-day downloads and likes; `match` keeps repos whose name (after the slash) matches a case-insensitive regular expression.",
  params,
  sql: sqlFiles("org-totals"),
  row: z.object({ date: z.string().nullable(), repos: Count, downloads: Count, likes: Count }),
});
