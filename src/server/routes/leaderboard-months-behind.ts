/** `/api/leaderboards/months-behind`: how far behind the best open model is, per table. */
import type { FastifyInstance } from "fastify";
import { monthsBehindBody } from "../../answers/leaderboards.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { apiLeaderboardContext, BOARD, leaderboardDeps } from "../leaderboard-context.js";
import { DateQuery } from "../params.js";

/** Registers the route. */
export async function leaderboardMonthsBehindRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/leaderboards/months-behind",
    {
      summary:
        "Per stored table: how long ago a closed model first reached the score the best open model has on that table (as omo leaderboard months-behind --json)",
      tags: ["leaderboards"],
      csv: true,
      querystring: { board: BOARD, from: DateQuery, to: DateQuery },
    },
    async (req) => {
      const q = req.query;
      const body = await monthsBehindBody(apiLeaderboardContext(ctx), await leaderboardDeps(ctx), {
        board: q.board,
        from: q.from ?? null,
        to: q.to ?? null,
      });
      const rows = body.dates.map((d) => ({
        date: d.date,
        segment: d.segment,
        open: d.open?.model ?? null,
        openScore: d.open?.score ?? null,
        reachedBy: d.reachedBy?.model ?? null,
        firstListed: d.reachedBy?.firstListed ?? null,
        months: d.months,
        censored: d.censored,
        openLeads: d.openLeads,
      }));
      return { dataAsOf: body.to, body, rows };
    },
  );
}
