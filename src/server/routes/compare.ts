/**
 * `/api/compare?ids=a,b,…`: several models, families and organisations over the stored snapshots — the same data as
 * the SVG embed (`loadCompareData`, src/charts/compare-data.ts). An item may be typed as a bare name (`vicuna`,
 * `Llama 2`, `LMSYS`): a family by its slug or title, else an organisation, case-insensitive.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CompareNotFound, loadCompareData } from "../../charts/compare-data.js";
import { InputError } from "../../errors.js";
import { badParam, notFound, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { Bucket, DateQuery } from "../params.js";
import { snapshotAt } from "../shapes.js";

/** Registers the route. */
export async function compareRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/compare",
    {
      summary:
        "Up to 10 models (author/name), families (family:NAME), organisations (org:AUTHOR) or names (a family or an organisation) over the snapshots",
      description:
        "Each item's 30-day downloads at the last snapshot of every bucket (default: day, one point per snapshot) in [from, to]. A bare name is resolved case-insensitively: a family by its slug or title, else an organisation.",
      tags: ["compare"],
      csv: true,
      querystring: {
        ids: z
          .string()
          .min(1)
          .max(2000)
          .describe("comma list, e.g. meta-llama/Llama-2-7b-hf,family:mistral,org:lmsys,vicuna"),
        from: DateQuery,
        to: DateQuery,
        bucket: Bucket.unwrap()
          .default("day")
          .describe(Bucket.description ?? "series bucket"),
      },
    },
    async (req) => {
      const q = req.query;
      const latest = await snapshotAt(ctx, undefined);
      const range = { from: q.from ?? null, to: q.to ?? null, bucket: q.bucket };
      let items: Awaited<ReturnType<typeof loadCompareData>>["items"];
      try {
        items = (await loadCompareData(ctx.store, q.ids, { families: ctx.families, ...range })).items;
      } catch (err) {
        if (err instanceof CompareNotFound) throw notFound(err.message.replace(/^field "ids": /, ""));
        if (err instanceof InputError) throw badParam("ids", `ids: ${err.message.replace(/^field "ids": /, "")}`);
        throw err;
      }
      const rows = items.flatMap((i) => i.points.map((p) => ({ id: i.id, kind: i.kind, label: i.label, ...p })));
      return { dataAsOf: latest, body: { ...range, items }, rows };
    },
  );
}
