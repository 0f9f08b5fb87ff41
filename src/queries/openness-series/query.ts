import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { FamilyScope, optText } from "../params/openness.js";

/** Downloads per openness class in every complete snapshot. */
export const opennessSeries = defineQuery({
  name: "openness-series",
  description:
    "Per complete snapshot, oldest first: repos, 30-day downloads and share of downloads per openness class. Classes come from each model's latest known licence (a licence change reclassifies the model in every snapshot). Optional filters: task and family, as in openness-by-class.",
  params: z.object({ task: optText, ...FamilyScope }),
  sql: sqlFiles("openness-series", { clickhouseWalk: true, clickhouseRollupWhenNull: ["task", "official"] }),
  row: z.object({
    date: z.string(),
    class: z.string(),
    repos: Count,
    downloads: Count,
    share: z.coerce.number(),
  }),
});
