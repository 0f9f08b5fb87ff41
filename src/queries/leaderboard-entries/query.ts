import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { Board, OptDate } from "../params/leaderboards.js";

/** The rows of a board's tables in a date range. */
export const leaderboardEntries = defineQuery({
  name: "leaderboard-entries",
  description:
    "The rows of a board's stored tables from `from` to `to` (either may be null: no bound), as the source wrote them: row order, model name, ranks, score with its 95 % confidence interval (+/- half-widths), votes, organisation, licence label, URL, listed price (USD per 1M input/output tokens), context, parameters. Ordered by date and row.",
  params: z.object({ board: Board, from: OptDate, to: OptDate }),
  sql: sqlFiles("leaderboard-entries"),
  row: z.object({
    date: z.string(),
    pos: Count,
    model: z.string(),
    rank: Count.nullable(),
    rankLo: Count.nullable(),
    rankHi: Count.nullable(),
    rankStyle: Count.nullable(),
    score: z.number().nullable(),
    ciPlus: z.number().nullable(),
    ciMinus: z.number().nullable(),
    preliminary: z.boolean(),
    votes: Count.nullable(),
    organization: z.string().nullable(),
    license: z.string().nullable(),
    url: z.string().nullable(),
    priceInput: z.number().nullable(),
    priceOutput: z.number().nullable(),
    context: z.string().nullable(),
    paramsB: z.number().nullable(),
  }),
});
