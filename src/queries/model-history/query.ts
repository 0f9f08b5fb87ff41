import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";

/** A model's values in every complete snapshot, oldest first. */
export const modelHistory = defineQuery({
  name: "model-history",
  description:
    "A model's 30-day downloads, all-time downloads, likes and trending score in every complete snapshot that has it, oldest first.",
  params: z.object({ id: z.string().min(1) }),
  sql: sqlFiles("model-history"),
  row: z.object({
    date: z.string(),
    downloads: Count.nullable(),
    downloadsAllTime: Count.nullable(),
    likes: Count.nullable(),
    trendingScore: z.number().nullable(),
  }),
});
