/** `/api/facets`: the tasks and libraries of the models at a snapshot, what the task and library filters offer. */
import type { FastifyInstance } from "fastify";
import { facetsBody } from "../../answers/facets.js";
import type { ServerContext } from "../context.js";
import { getRoute, limit, SNAPSHOT_DATE } from "../http.js";
import { snapshotAt } from "../shapes.js";

type Q = Record<string, string | number | undefined>;

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
      querystring: { date: SNAPSHOT_DATE, limit: limit(10_000, 200) },
    },
    async (req) => {
      const q = req.query as Q;
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const body = await facetsBody(ctx, date, Number(q.limit ?? 200));
      const rows = [
        ...body.tasks.map((t) => ({ dimension: "task", ...t })),
        ...body.libraries.map((l) => ({ dimension: "library", ...l })),
      ];
      return { dataAsOf: date, body, rows };
    },
  );
}
