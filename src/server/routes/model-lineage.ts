/**
 * A model's lineage: `/api/models/{author}/{name}/children` (its direct derivatives at a snapshot, by relation and
 * the top ones by downloads) and `/api/models/{author}/{name}/family` (the families it belongs to, with the chain of
 * links that admits it).
 */
import type { FastifyInstance } from "fastify";
import { modelChildrenBody, modelFamiliesBody } from "../../answers/model-lineage.js";
import type { Relation } from "../../domain/relations.js";
import { RELATIONS } from "../../queries/families.js";
import type { ServerContext } from "../context.js";
import { getRoute, ID_PART, limit, SNAPSHOT_DATE } from "../http.js";
import { snapshotAt } from "../shapes.js";

type Q = Record<string, string | number | undefined>;
type P = Record<string, string>;

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
      params: { author: ID_PART, name: ID_PART },
      querystring: {
        date: SNAPSHOT_DATE,
        relation: { type: "string", enum: [...RELATIONS], description: "only children linked by this relation" },
        limit: limit(10_000, 20),
      },
    },
    async (req) => {
      const p = req.params as P;
      const q = req.query as Q;
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const body = await modelChildrenBody(ctx, `${p.author}/${p.name}`, date, {
        relation: (q.relation as Relation | undefined) ?? null,
        limit: Number(q.limit ?? 20),
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
      params: { author: ID_PART, name: ID_PART },
      querystring: { date: SNAPSHOT_DATE },
    },
    async (req) => {
      const p = req.params as P;
      const q = req.query as Q;
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const body = await modelFamiliesBody(ctx, `${p.author}/${p.name}`, date);
      return { dataAsOf: date, body };
    },
  );
}
