/**
 * A model's lineage: `/api/models/{author}/{name}/children` (its direct derivatives at a snapshot, by relation and
 * the top ones by downloads) and `/api/models/{author}/{name}/family` (the families it belongs to, with the chain of
 * links that admits it).
 */
import type { FastifyInstance } from "fastify";
import { modelChildrenBody, modelFamiliesBody } from "../../answers/model-lineage.js";
import { modelChildren } from "../../queries/index.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { IdPart, SnapshotDate } from "../params.js";
import { snapshotAt } from "../shapes.js";

/** Registers the routes. */
export async function modelLineageRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/models/:author/:name/children",
    {
      summary:
        "A model's direct derivatives listed at a snapshot: counted by relation, and the top ones by 30-day downloads",
      description:
        "Children = repos naming the model as base model (base_model tags, cardData.base_model, baseModels). `relation` keeps one relation; `limit` children are listed, largest first. ?format=csv exports the children.",
      tags: ["models"],
      csv: true,
      params: { author: IdPart, name: IdPart },
      querystring: {
        date: SnapshotDate,
        relation: modelChildren.params.shape.relation.describe("only children linked by this relation"),
        limit: modelChildren.params.shape.limit,
      },
    },
    async (req) => {
      const p = req.params;
      const q = req.query;
      const date = await snapshotAt(ctx, q.date);
      const body = await modelChildrenBody(ctx, `${p.author}/${p.name}`, date, {
        relation: q.relation,
        limit: q.limit,
      });
      return { dataAsOf: date, body, rows: body.children };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/models/:author/:name/family",
    {
      summary:
        "The families a model belongs to at a snapshot, each with the chain of base-model links from an official repo down to it (as omo family NAME --explain ID)",
      tags: ["models"],
      params: { author: IdPart, name: IdPart },
      querystring: { date: SnapshotDate },
    },
    async (req) => {
      const p = req.params;
      const date = await snapshotAt(ctx, req.query.date);
      const body = await modelFamiliesBody(ctx, `${p.author}/${p.name}`, date);
      return { dataAsOf: date, body };
    },
  );
}
