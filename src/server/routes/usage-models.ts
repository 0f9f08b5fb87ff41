/** `/api/usage/models`: the models of one usage snapshot with their class, Hub repo, family, organisation. */
import type { FastifyInstance } from "fastify";
import { shippedUsageKnowledge, usageModelsBody } from "../../answers/usage.js";
import type { UsagePeriod } from "../../domain/usage.js";
import { VARIANT_MODES, type VariantMode } from "../../domain/usage-shares.js";
import { notFound, type ServerContext } from "../context.js";
import { DATE, getRoute, limit } from "../http.js";
import { USAGE_PERIOD } from "./usage-share.js";

type Q = Record<string, string | number | undefined>;

/** Registers the route. */
export async function usageModelsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/usage/models",
    {
      summary:
        "The models of the usage snapshot answering for a date (default: the period's latest): tokens, share, class, Hub repo and how it was found, family, organisation, country (as omo usage models --json)",
      tags: ["usage"],
      csv: true,
      querystring: {
        period: { ...USAGE_PERIOD, default: "7d" },
        date: DATE,
        variants: { type: "string", enum: [...VARIANT_MODES], default: "grouped" },
        limit: limit(10_000, 30),
        source: { type: "string", minLength: 1, maxLength: 200 },
      },
    },
    async (req) => {
      const q = req.query as Q;
      const body = await usageModelsBody(
        { run: (qq, p) => ctx.query(qq, p), families: ctx.families, knowledge: await shippedUsageKnowledge() },
        {
          period: (q.period ?? "7d") as UsagePeriod,
          date: (q.date as string | undefined) ?? null,
          variants: (q.variants ?? "grouped") as VariantMode,
          limit: Number(q.limit ?? 30),
          source: (q.source as string | undefined) ?? null,
        },
      );
      if (!body.snapshot)
        throw notFound(`no usage snapshot of period ${q.period ?? "7d"}${q.date ? ` at ${q.date}` : ""}`);
      return { dataAsOf: body.date, body, rows: body.models };
    },
  );
}
