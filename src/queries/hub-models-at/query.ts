import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, IsoDate } from "../common.js";
import { NameList } from "../params/leaderboards.js";

/** The statistics of some repos at one Hub snapshot. */
export const hubModelsAt = defineQuery({
  name: "hub-models-at",
  description:
    "30-day downloads, likes and licence at the Hub snapshot `date` of the repos `ids` (comma-separated, case-insensitive); repos not listed in that snapshot are absent.",
  params: z.object({ ids: NameList, date: IsoDate }),
  sql: sqlFiles("hub-models-at"),
  row: z.object({
    id: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    license: z.string().nullable(),
  }),
});
