import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Board } from "../params/leaderboards.js";

/** The organisation each name of a board carries on its latest row that names one. */
export const leaderboardOrganisations = defineQuery({
  name: "leaderboard-organisations",
  description:
    "For each model name of a board, the organisation its latest row with an organisation names (over every stored table of the board): what a row without one (the 2023 blog tables, the top-30 tables of 2026-08) is attributed to.",
  params: z.object({ board: Board }),
  sql: sqlFiles("leaderboard-organisations"),
  row: z.object({ model: z.string(), organization: z.string() }),
});
