/** `GET /api/cost/presets`: the cost presets and the options a `POST /api/cost` request can name (the cost form). */
import type { FastifyInstance } from "fastify";
import { costOptionsBody } from "../../answers/cost-options.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { DateQuery } from "../params.js";

/** Registers the route. */
export async function costOptionsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/cost/presets",
    {
      summary:
        "The shipped cost presets (data/presets), the models with an API price in force at asOf, and the self-hosted MODEL:GPU pairs with a measured throughput",
      tags: ["cost"],
      querystring: { asOf: DateQuery.describe("prices in force at this date (default: the latest)") },
    },
    async (req) => {
      const asOf = req.query.asOf ?? null;
      return { dataAsOf: ctx.version.date, body: await costOptionsBody(ctx, asOf) };
    },
  );
}
