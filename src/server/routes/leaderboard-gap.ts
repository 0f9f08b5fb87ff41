/** `/api/leaderboards/gap`: best closed vs best open model per table (as `omo leaderboard gap --json`). */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { leaderboardGapBody } from "../../answers/leaderboards.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { apiLeaderboardContext, BOARD, leaderboardDeps } from "../leaderboard-context.js";
import { DateQuery } from "../params.js";

/** Registers the route. */
export async function leaderboardGapRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/leaderboards/gap",
    {
      summary:
        "Per stored table of a leaderboard: the best closed and the best open-weight model with scores and 95 % confidence intervals, the gap and whether the intervals overlap, the top-k averages, the open share of the top 10 / 20, by licence class and by country; the scale segments and the exceptions applied",
      tags: ["leaderboards"],
      csv: true,
      querystring: {
        board: BOARD,
        from: DateQuery.describe("first table date"),
        to: DateQuery.describe("last table date"),
        top: z.coerce.number().int().min(1).max(50).default(5).describe("k of the top-k averages"),
      },
    },
    async (req) => {
      const q = req.query;
      const body = await leaderboardGapBody(apiLeaderboardContext(ctx), await leaderboardDeps(ctx), {
        board: q.board,
        from: q.from ?? null,
        to: q.to ?? null,
        top: q.top,
      });
      const rows = body.dates.map((d) => ({
        date: d.date,
        segment: d.segment,
        closed: d.closed?.model ?? null,
        closedScore: d.closed?.score ?? null,
        closedCiPlus: d.closed?.ci.plus ?? null,
        closedCiMinus: d.closed?.ci.minus ?? null,
        open: d.open?.model ?? null,
        openScore: d.open?.score ?? null,
        openCiPlus: d.open?.ci.plus ?? null,
        openCiMinus: d.open?.ci.minus ?? null,
        openLicence: d.open?.licence ?? null,
        openLicenceClass: d.open?.licenceClass ?? null,
        gap: d.gap,
        overlap: d.overlap,
        topKGap: d.topK.gap,
        openShareTop10: d.shares.find((s) => s.top === 10)?.share ?? null,
        openShareTop20: d.shares.find((s) => s.top === 20)?.share ?? null,
        coverage: d.coverage.kind,
      }));
      return { dataAsOf: body.to, body, rows };
    },
  );
}
