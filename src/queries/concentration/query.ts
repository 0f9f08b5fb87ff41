import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { concentrationParams } from "../params/concentration.js";

/** How concentrated downloads are at a snapshot. */
export const concentration = defineQuery({
  name: "concentration",
  description:
    "At the snapshot date (default latest), over the models it lists: total 30-day downloads, the share (percent) of the top-k models and of the top-k organisations, and the Herfindahl-Hirschman index of downloads by organisation (sum of squared percentage shares, 0-10,000; above 2,500 is 'highly concentrated' in antitrust usage). A snapshot that covers only some organisations measures concentration within them.",
  params: concentrationParams,
  sql: sqlFiles("concentration"),
  row: z.object({
    date: z.string(),
    models: Count,
    orgs: Count,
    downloads: Count,
    k: Count,
    topModelsDownloads: Count,
    topOrgsDownloads: Count,
    topModelsShare: z.number().nullable(),
    topOrgsShare: z.number().nullable(),
    hhi: z.number().nullable(),
  }),
});
