/** `/api/usage/matches`: how OpenRouter ids matched Hub repos, families, organisations and the closed catalogue. */
import type { FastifyInstance } from "fastify";
import { shippedUsageKnowledge, usageMatchesBody } from "../../answers/usage.js";
import type { UsagePeriod } from "../../domain/usage.js";
import type { ServerContext } from "../context.js";
import { DATE, getRoute, limit } from "../http.js";
import { USAGE_PERIOD } from "./usage-share.js";

type Q = Record<string, string | number | undefined>;

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
      querystring: { period: { ...USAGE_PERIOD, default: "7d" }, from: DATE, to: DATE, limit: limit(100_000, 25) },
    },
    async (req) => {
      const q = req.query as Q;
      const body = await usageMatchesBody(
        { run: (qq, p) => ctx.query(qq, p), families: ctx.families, knowledge: await shippedUsageKnowledge() },
        {
          period: (q.period ?? "7d") as UsagePeriod,
          from: (q.from as string | undefined) ?? null,
          to: (q.to as string | undefined) ?? null,
          limit: Number(q.limit ?? 25),
        },
      );
      return { dataAsOf: body.to ?? null, body, rows: body.top };
    },
  );
}
