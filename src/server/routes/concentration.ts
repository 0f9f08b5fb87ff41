/** `/api/concentration`: the top-k models' and organisations' shares and the HHI, with a dominant model named. */
import type { FastifyInstance } from "fastify";
import { concentrationBody } from "../../answers/concentration.js";
import type { ServerContext } from "../context.js";
import { getRoute, limit, SNAPSHOT_DATE } from "../http.js";
import { snapshotAt } from "../shapes.js";

type Q = Record<string, string | number | undefined>;

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
