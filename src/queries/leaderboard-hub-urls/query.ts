import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";

/** Names whose rows link a huggingface.co page, with the first date they did. */
export const leaderboardHubUrls = defineQuery({
  name: "leaderboard-hub-urls",
  description:
    "Every (board, model name, URL) where a stored leaderboard row links a huggingface.co page, with the first date it did (what the same-name-url matching rule reads).",
  params: z.object({}),
  sql: sqlFiles("leaderboard-hub-urls"),
  row: z.object({ board: z.string(), model: z.string(), url: z.string(), first: z.string() }),
});
