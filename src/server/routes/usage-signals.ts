/** `/api/usage/signals`: token share beside download share (nearest Hub snapshot), per family or for one model. */
import type { FastifyInstance } from "fastify";
import { shippedUsageKnowledge, usageSignalsBody } from "../../answers/usage.js";
import type { UsagePeriod } from "../../domain/usage.js";
import { badParam, notFound, type ServerContext } from "../context.js";
import { DATE, getRoute } from "../http.js";
import { USAGE_PERIOD } from "./usage-share.js";

type Q = Record<string, string | number | undefined>;

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
        period: { ...USAGE_PERIOD, default: "7d" },
        date: DATE,
        family: { type: "string", minLength: 1, maxLength: 200 },
        model: { type: "string", minLength: 1, maxLength: 300 },
        tolerance: { type: "integer", minimum: 0, maximum: 366, default: 31 },
      },
    },
    async (req) => {
      const q = req.query as Q;
      if (q.family !== undefined && q.model !== undefined)
        throw badParam("model", "model: choose one of family and model");
      if (
        q.family !== undefined &&
        !ctx.families.some((f) => f.name.toLowerCase() === String(q.family).toLowerCase())
      ) {
        throw notFound(`unknown family "${String(q.family).slice(0, 100)}"`);
      }
      const body = await usageSignalsBody(
        { run: (qq, p) => ctx.query(qq, p), families: ctx.families, knowledge: await shippedUsageKnowledge() },
        {
          period: (q.period ?? "7d") as UsagePeriod,
          date: (q.date as string | undefined) ?? null,
          family: (q.family as string | undefined) ?? null,
          model: (q.model as string | undefined) ?? null,
          tolerance: Number(q.tolerance ?? 31),
        },
      );
      if (!body.usage)
        throw notFound(`no usage snapshot of period ${q.period ?? "7d"}${q.date ? ` at ${q.date}` : ""}`);
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
