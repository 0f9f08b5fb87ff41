import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { Board } from "../params/leaderboards.js";

/** Every stored leaderboard table. */
export const leaderboardSnapshots = defineQuery({
  name: "leaderboard-snapshots",
  description:
    "Every stored leaderboard table (`omo leaderboard import`): board, date, the file it came from, its header variant, entries and entries with a score, and its coverage (full, or partial with how); optionally one board. Ordered by board and date.",
  params: z.object({ board: Board.nullable().default(null) }),
  sql: sqlFiles("leaderboard-snapshots"),
  row: z.object({
    board: z.string(),
    date: z.string(),
    source: z.string(),
    format: z.string(),
    entries: Count,
    scored: Count,
    coverageKind: z.enum(["full", "partial"]),
    coverageHow: z.string(),
  }),
});
