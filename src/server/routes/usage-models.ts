/** `/api/usage/models`: the models of one usage snapshot with their class, Hub repo, family, organisation. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { shippedUsageKnowledge, usageModelsBody } from "../../answers/usage.js";
import { VARIANT_MODES } from "../../domain/usage-shares.js";
import { notFound, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { DateQuery, limit, Text, UsagePeriod } from "../params.js";

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
        period: UsagePeriod.default("7d"),
        date: DateQuery,
        variants: z.enum(VARIANT_MODES).default("grouped"),
        limit: limit(10_000, 30),
        source: Text,
      },
    },
    async (req) => {
      const q = req.query;
      const body = await usageModelsBody(
        { run: (qq, p) => ctx.query(qq, p), families: ctx.families, knowledge: await shippedUsageKnowledge() },
        { period: q.period, date: q.date ?? null, variants: q.variants, limit: q.limit, source: q.source ?? null },
      );
      if (!body.snapshot) throw notFound(`no usage snapshot of period ${q.period}${q.date ? ` at ${q.date}` : ""}`);
      return { dataAsOf: body.date, body, rows: body.models };
    },
  );
}
