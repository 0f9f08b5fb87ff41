/** `/api/usage/matches`: how OpenRouter ids matched Hub repos, families, organisations and the closed catalogue. */
import type { FastifyInstance } from "fastify";
import { shippedUsageKnowledge, usageMatchesBody } from "../../answers/usage.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { DateQuery, limit, UsagePeriod } from "../params.js";

/** Registers the route. */
export async function usageMatchesRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/usage/matches",
    {
      summary:
        "Match rates by tokens over the full-coverage usage snapshots of a period (Hub repo by catalogue hugging_face_id, alias table or name rule; family; organisation), the ids whose class differs from the reviewed rule, and the open-weight ids left without a Hub repo (as omo usage match --json)",
      tags: ["usage"],
      csv: true,
      querystring: {
        period: UsagePeriod.default("7d"),
        from: DateQuery,
        to: DateQuery,
        limit: limit(100_000, 25),
      },
    },
    async (req) => {
      const q = req.query;
      const body = await usageMatchesBody(
        { run: (qq, p) => ctx.query(qq, p), families: ctx.families, knowledge: await shippedUsageKnowledge() },
        { period: q.period, from: q.from ?? null, to: q.to ?? null, limit: q.limit },
      );
      return { dataAsOf: body.to ?? null, body, rows: body.top };
    },
  );
}
