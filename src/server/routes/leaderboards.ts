/** `/api/leaderboards`: the stored leaderboard tables (as `omo leaderboard tables --json`). */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { leaderboardSnapshots } from "../../queries/index.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";

/** Registers the route. */
export async function leaderboardListRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/leaderboards",
    {
      summary: "The stored leaderboard tables: board, date, source file, header variant, entries, coverage",
      tags: ["leaderboards"],
      csv: true,
      querystring: { board: z.string().min(1).max(64).optional() },
    },
    async (req) => {
      const board = req.query.board ?? null;
      const tables = await ctx.query(leaderboardSnapshots, { board });
      return { dataAsOf: tables[tables.length - 1]?.date ?? null, body: { board, tables }, rows: tables };
    },
  );
}
