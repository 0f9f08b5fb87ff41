/** `/api/usage/share`: open-weight share of OpenRouter tokens per date (as `omo usage share --json`). */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { shippedUsageKnowledge, usageShareBody } from "../../answers/usage.js";
import { SHARE_DIMENSIONS, VARIANT_MODES } from "../../domain/usage-shares.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { DateQuery, Text, UsagePeriod } from "../params.js";

/** Registers the route. */
export async function usageShareRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/usage/share",
    {
      summary:
        "Open-weight share of OpenRouter tokens per date of a period: a point where every model is named, lower/upper bounds where only the top N are (total known), null where the total is unknown (as omo usage share --json)",
      tags: ["usage"],
      csv: true,
      querystring: {
        period: UsagePeriod.default("week"),
        from: DateQuery,
        to: DateQuery,
        by: z.enum(SHARE_DIMENSIONS).default("class").describe("breakdown of the groups"),
        variants: z.enum(VARIANT_MODES).default("grouped").describe(":free with its model, or apart"),
        source: Text.describe("only snapshots of this source"),
      },
    },
    async (req) => {
      const q = req.query;
      const body = await usageShareBody(
        { run: (qq, p) => ctx.query(qq, p), families: ctx.families, knowledge: await shippedUsageKnowledge() },
        {
          period: q.period,
          from: q.from ?? null,
          to: q.to ?? null,
          by: q.by,
          variants: q.variants,
          source: q.source ?? null,
        },
      );
      const rows = body.dates.flatMap((d) =>
        d.groups.map((g) => ({
          date: d.date,
          period: d.period,
          coverage: d.coverage.kind,
          top: d.coverage.top,
          totalKnown: d.coverage.totalKnown,
          totalTokens: d.tokens.total,
          group: g.key,
          tokens: g.tokens,
          share: g.value && "share" in g.value ? g.value.share : null,
          lower: g.value && "lower" in g.value ? g.value.lower : null,
          upper: g.value && "upper" in g.value ? g.value.upper : null,
          source: d.snapshot.source,
        })),
      );
      return { dataAsOf: body.dates[body.dates.length - 1]?.date ?? null, body, rows };
    },
  );
}
