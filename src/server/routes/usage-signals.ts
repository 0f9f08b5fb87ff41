/** `/api/usage/signals`: token share beside download share (nearest Hub snapshot), per family or for one model. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { shippedUsageKnowledge, usageSignalsBody } from "../../answers/usage.js";
import { badParam, notFound, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { DateQuery, UsagePeriod } from "../params.js";

/** Registers the route. */
export async function usageSignalsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/usage/signals",
    {
      summary:
        "Used vs downloaded: each family's (or one model's) share of OpenRouter tokens beside its share of the downloads in the Hub snapshot nearest the usage date (as omo usage signals --json)",
      tags: ["usage"],
      csv: true,
      querystring: {
        period: UsagePeriod.default("7d"),
        date: DateQuery,
        family: z.string().min(1).max(200).optional(),
        model: z.string().min(1).max(300).optional(),
        tolerance: z.coerce.number().int().min(0).max(366).default(31),
      },
    },
    async (req) => {
      const q = req.query;
      const { family, model } = q;
      if (family !== undefined && model !== undefined) throw badParam("model", "model: choose one of family and model");
      if (family !== undefined && !ctx.families.some((f) => f.name.toLowerCase() === family.toLowerCase())) {
        throw notFound(`unknown family "${family.slice(0, 100)}"`);
      }
      const body = await usageSignalsBody(
        { run: (qq, p) => ctx.query(qq, p), families: ctx.families, knowledge: await shippedUsageKnowledge() },
        {
          period: q.period,
          date: q.date ?? null,
          family: family ?? null,
          model: model ?? null,
          tolerance: q.tolerance,
        },
      );
      if (!body.usage) throw notFound(`no usage snapshot of period ${q.period}${q.date ? ` at ${q.date}` : ""}`);
      const rows = body.rows.map((r) => ({
        kind: r.kind,
        id: r.id,
        title: r.title,
        tokenShare: r.tokenShare && "share" in r.tokenShare ? r.tokenShare.share : null,
        tokenLower: r.tokenShare && "lower" in r.tokenShare ? r.tokenShare.lower : null,
        tokenUpper: r.tokenShare && "upper" in r.tokenShare ? r.tokenShare.upper : null,
        downloadShare: r.downloadShare?.share ?? null,
      }));
      return { dataAsOf: body.date, body, rows };
    },
  );
}
