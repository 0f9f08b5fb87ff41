/** `/api/usage/explain?id=`: every step of matching one OpenRouter id (as `omo usage match --explain ID --json`). */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { shippedUsageKnowledge, usageMatcher } from "../../answers/usage.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";

/** Registers the route. */
export async function usageExplainRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/usage/explain",
    {
      summary:
        "How one OpenRouter id is matched: catalogue hugging_face_id, alias table, name rule, closed catalogue, class and why, family, organisation (as omo usage match --explain ID --json)",
      tags: ["usage"],
      querystring: {
        id: z.string().min(1).max(300).describe("an OpenRouter id (permaslug)"),
      },
    },
    async (req) => {
      const id = req.query.id;
      const matcher = await usageMatcher(
        {
          run: (q, p) => ctx.query(q, p),
          families: ctx.families,
          knowledge: await shippedUsageKnowledge(),
        },
        { leaderboard: true },
      );
      return { dataAsOf: null, body: matcher.match(id) as unknown as Record<string, unknown> };
    },
  );
}
