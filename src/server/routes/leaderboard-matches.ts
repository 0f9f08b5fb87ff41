/** `/api/leaderboards/matches`: how a board's entries match Hub repos (as `omo leaderboard matches --json`). */
import type { FastifyInstance } from "fastify";
import { leaderboardMatchesBody } from "../../answers/leaderboards.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { apiLeaderboardContext, BOARD, leaderboardDeps } from "../leaderboard-context.js";

/** Registers the route. */
export async function leaderboardMatchesRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/leaderboards/matches",
    {
      summary:
        "How the entries of every stored table of a board match Hub repos: shares by rule (url, alias, same-name-url, name) and the unmatched open names with the reason",
      tags: ["leaderboards"],
      csv: true,
      querystring: { board: BOARD },
    },
    async (req) => {
      const body = await leaderboardMatchesBody(apiLeaderboardContext(ctx), await leaderboardDeps(ctx), {
        board: req.query.board,
      });
      return { dataAsOf: body.to, body, rows: body.unmatched };
    },
  );
}
