import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";
import { FamilyScope, optText } from "../params/openness.js";

/** Downloads and repos per openness class at a snapshot. */
export const opennessByClass = defineQuery({
  name: "openness-by-class",
  description:
    "Repos and 30-day downloads per openness class (licence map data/licences.yaml, applied to each model's first licence tag, or for a repo tagged other/unknown to the licence its model card names when `omo ingest --details` fetched it; no tag or an unmapped tag is 'unknown') at the snapshot date, with each class's share of the downloads. Gated repos (gated = auto or manual) are counted apart inside each class; the July-2024 listing carries no gating, so they show 0 there. Optional filters: task (pipeline_tag) and a family (its official repos and lineage derivatives).",
  params: z.object({ date: DateParam, task: optText, ...FamilyScope }),
  sql: sqlFiles("openness-by-class", { clickhouseWalk: true, clickhouseRollupWhenNull: ["task", "official"] }),
  row: z.object({
    date: z.string().nullable(),
    class: z.string(),
    repos: Count,
    downloads: Count,
    share: z.coerce.number(),
    gatedRepos: Count,
    gatedDownloads: Count,
    gatingUnknown: Count,
  }),
});
