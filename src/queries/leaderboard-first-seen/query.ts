import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Board } from "../params/leaderboards.js";

/** When each name of a board was first listed. */
export const leaderboardFirstSeen = defineQuery({
  name: "leaderboard-first-seen",
  description:
    "The first date each model name appears on a stored table of the board (the board's own record of when a model became available to vote on; bounded by the first stored table).",
  params: z.object({ board: Board }),
  sql: sqlFiles("leaderboard-first-seen"),
  row: z.object({ model: z.string(), first: z.string() }),
});
