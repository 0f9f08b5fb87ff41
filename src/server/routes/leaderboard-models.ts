/**
 * `/api/leaderboards/models`: one table's entries with openness, Hub repo match, family, downloads, price, score per
 * dollar and the frontier (as `omo leaderboard models --json`); `explain=NAME` why one entry is what it is.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { explainEntryBody, leaderboardModelsBody } from "../../answers/leaderboards.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { apiLeaderboardContext, BOARD, leaderboardDeps } from "../leaderboard-context.js";
import { DateQuery, limit } from "../params.js";

/** Registers the route. */
export async function leaderboardModelsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/leaderboards/models",
    {
      summary:
        "One leaderboard table's entries: openness (and why), licence class, organisation and country, Hub repo (and the rule), family, 30-day downloads at the nearest Hub snapshot, price in force, score per dollar, the price-quality frontier; explain=NAME for one entry's rules",
      tags: ["leaderboards"],
      csv: true,
      querystring: {
        board: BOARD,
        date: DateQuery.describe("table date (default: the latest)"),
        limit: limit(10_000, 10_000),
        explain: z.string().min(1).max(300).optional().describe("one entry's name"),
      },
    },
    async (req) => {
      const q = req.query;
      const lc = apiLeaderboardContext(ctx);
      const deps = await leaderboardDeps(ctx);
      if (q.explain !== undefined) {
        const body = await explainEntryBody(lc, deps, { board: q.board, date: q.date ?? null, name: q.explain });
        return { dataAsOf: body.date, body, rows: body.steps };
      }
      const body = await leaderboardModelsBody(lc, deps, { board: q.board, date: q.date ?? null, limit: q.limit });
      const rows = body.entries.map((e) => ({
        place: e.place,
        model: e.model,
        score: e.score,
        ciPlus: e.ci.plus,
        ciMinus: e.ci.minus,
        openness: e.openness,
        licence: e.licence,
        licenceClass: e.licenceClass,
        organisation: e.organisation,
        country: e.country,
        repo: e.hub?.repo ?? null,
        rule: e.hub?.rule ?? null,
        family: e.family?.family ?? null,
        downloads: e.downloads,
        priceBlended: e.price?.blended ?? null,
        priceFrom: e.price?.from ?? null,
        scorePerDollar: e.scorePerDollar,
        frontier: e.frontier,
      }));
      return { dataAsOf: body.date, body, rows };
    },
  );
}
