import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { IsoDate } from "../common.js";
import { Board } from "../params/leaderboards.js";

/** Each licence label a name carried before a date, with the last date it did. */
export const leaderboardLicencesBefore = defineQuery({
  name: "leaderboard-licences-before",
  description:
    "For each model name of a board and each licence label it carried on a table strictly before `date`, the last such date (what a row whose label says nothing inherits: the latest informative label of the same name).",
  params: z.object({ board: Board, date: IsoDate }),
  sql: sqlFiles("leaderboard-licences-before"),
  row: z.object({ model: z.string(), license: z.string(), date: z.string() }),
});
