/** `/api/usage/share`: open-weight share of OpenRouter tokens per date (as `omo usage share --json`). */
import type { FastifyInstance } from "fastify";
import { shippedUsageKnowledge, usageShareBody } from "../../answers/usage.js";
import { USAGE_PERIODS, type UsagePeriod } from "../../domain/usage.js";
import { SHARE_DIMENSIONS, type ShareDimension, VARIANT_MODES, type VariantMode } from "../../domain/usage-shares.js";
import type { ServerContext } from "../context.js";
import { DATE, getRoute } from "../http.js";

type Q = Record<string, string | undefined>;

/** The usage query parameters the usage routes share. */
export const USAGE_PERIOD = {
  type: "string",
  enum: [...USAGE_PERIODS],
  description: "day | 7d (trailing) | week (from Monday) | 30d (trailing)",
} as const;

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
        period: { ...USAGE_PERIOD, default: "week" },
        from: DATE,
        to: DATE,
        by: { type: "string", enum: [...SHARE_DIMENSIONS], default: "class", description: "breakdown of the groups" },
        variants: {
          type: "string",
          enum: [...VARIANT_MODES],
          default: "grouped",
          description: ":free with its model, or apart",
        },
        source: { type: "string", minLength: 1, maxLength: 200, description: "only snapshots of this source" },
      },
    },
    async (req) => {
      const q = req.query as Q;
      const body = await usageShareBody(
        { run: (qq, p) => ctx.query(qq, p), families: ctx.families, knowledge: await shippedUsageKnowledge() },
        {
          period: (q.period ?? "week") as UsagePeriod,
          from: q.from ?? null,
          to: q.to ?? null,
          by: (q.by ?? "class") as ShareDimension,
          variants: (q.variants ?? "grouped") as VariantMode,
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
