/** `/api/facets`: the tasks and libraries of the models at a snapshot, what the task and library filters offer. */
import type { FastifyInstance } from "fastify";
import { facetsBody } from "../../answers/facets.js";
import { modelFacets } from "../../queries/index.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { SnapshotDate } from "../params.js";
import { snapshotAt } from "../shapes.js";

/** Registers the route. */
export async function facetsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/facets",
    {
      summary:
        "Tasks (pipeline tags) and libraries of the models listed at a snapshot, with repos and 30-day downloads",
      tags: ["models"],
      csv: true,
      querystring: { date: SnapshotDate, limit: modelFacets.params.shape.limit },
    },
    async (req) => {
      const date = await snapshotAt(ctx, req.query.date);
      const body = await facetsBody(ctx, date, req.query.limit);
      const rows = [
        ...body.tasks.map((t) => ({ dimension: "task", ...t })),
        ...body.libraries.map((l) => ({ dimension: "library", ...l })),
      ];
      return { dataAsOf: date, body, rows };
    },
  );
}
