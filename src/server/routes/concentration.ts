/** `/api/concentration`: the top-k models' and organisations' shares and the HHI, with a dominant model named. */
import type { FastifyInstance } from "fastify";
import { concentrationBody } from "../../answers/concentration.js";
import { concentration } from "../../queries/index.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { SnapshotDate } from "../params.js";
import { snapshotAt } from "../shapes.js";

/** Registers the concentration route. */
export async function concentrationRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/concentration",
    {
      summary:
        "Share of 30-day downloads held by the top-k models and organisations, the HHI by organisation, the snapshot's coverage, and the model holding more than a fifth of all downloads with the total and HHI without it (as omo concentration --json)",
      tags: ["models"],
      csv: true,
      querystring: { date: SnapshotDate, k: concentration.params.shape.k },
    },
    async (req) => {
      const date = await snapshotAt(ctx, req.query.date);
      const body = await concentrationBody(ctx, date, req.query.k);
      const rows = [
        ...body.topModels.map((m) => ({ kind: "model", rank: m.rank, name: m.id, repos: null, ...pick(m) })),
        ...body.topOrgs.map((o) => ({ kind: "org", rank: o.rank, name: o.author, repos: o.repos, ...pick(o) })),
      ];
      return { dataAsOf: date, body, rows };
    },
  );
}

function pick(r: { downloads: number; share: number | null; cumulativeShare: number | null }) {
  return { downloads: r.downloads, share: r.share, cumulativeShare: r.cumulativeShare };
}
