/** `/api/concentration`: the share of the top-k models and organisations and the HHI by organisation. */
import type { FastifyInstance } from "fastify";
import { concentrationBody } from "../../answers/concentration.js";
import type { ServerContext } from "../context.js";
import { getRoute, limit, SNAPSHOT_DATE } from "../http.js";
import { snapshotAt } from "../shapes.js";

type Q = Record<string, string | number | undefined>;

/** Registers the route. */
export async function concentrationRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/concentration",
    {
      summary:
        "How concentrated 30-day downloads are at a snapshot: shares of the top-k models and organisations, HHI by organisation (as omo concentration --json)",
      tags: ["models"],
      csv: true,
      querystring: { date: SNAPSHOT_DATE, k: limit(10_000, 10) },
    },
    async (req) => {
      const q = req.query as Q;
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const body = await concentrationBody(ctx, date, Number(q.k ?? 10));
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
