/**
 * `POST /api/cost` (a workload as JSON, the body of `omo cost --json`) and `GET /api/prices` (as `omo prices --json`).
 * The cost body is validated with the same zod schema the CLI uses; a bad field answers 400 naming it.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { planCost } from "../../answers/cost-plan.js";
import { CostRequestSchema } from "../../domain/cost-plan.js";
import { annotatePrices, findDisagreements } from "../../domain/prices.js";
import { InputError } from "../../errors.js";
import { SHIPPED_API_PRICES } from "../../ingest/price-tables.js";
import { priceList } from "../../queries/index.js";
import { type ApiError, badParam, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { DateQuery, limit, Text } from "../params.js";

/** A 400 naming the field of an InputError (the body field, dotted), else the whole body. */
function toBadRequest(err: InputError): ApiError {
  const field = err.location.field ?? "body";
  return badParam(field, err.message);
}

/** Registers the cost and price routes. */
export async function costRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/cost",
    {
      schema: {
        summary:
          "Monthly cost of a workload on closed APIs, hosted open models and self-hosted GPUs, with figures, dates, sources, break-even volumes and assumptions (as omo cost --json)",
        tags: ["cost"],
        body: CostRequestSchema.describe(
          "preset (e.g. article-2023), workload {requestsPerMonth, inputTokensPerRequest, outputTokensPerRequest | tokensPerMonth, ratio; peakConcurrency | peakTokensPerSecond}, api[], hosted[], selfHosted[] (MODEL:GPU), asOf, utilisation, peakFactor, hoursPerMonth, streamTokensPerSecond",
        ),
      },
    },
    async (req, reply) => {
      reply.header("Cache-Control", "no-store");
      try {
        const plan = await planCost(ctx.store, req.body);
        return { dataAsOf: ctx.version.date, ...plan };
      } catch (err) {
        if (err instanceof InputError) throw toBadRequest(err);
        throw err;
      }
    },
  );

  getRoute(
    app,
    ctx,
    "/api/prices",
    {
      summary:
        "API prices in USD per 1M tokens in force at a date (default today): the shipped reviewed table plus imported LiteLLM and Portkey tables; each row flagged `stale` when its source is more than 6 months older than the date, retired models left out unless retired=1, and sources more than 2× apart named (as omo prices --json)",
      tags: ["cost"],
      csv: true,
      querystring: {
        provider: Text,
        model: Text,
        asOf: DateQuery.describe("prices in force at this date YYYY-MM-DD (default: today)"),
        retired: z
          .enum(["true", "false"])
          .optional()
          .transform((v) => v === "true")
          .describe("list retired models too (with the day they were retired)"),
        limit: limit(100_000, 1000),
      },
    },
    async (req) => {
      const q = req.query;
      const asOf = q.asOf ?? null;
      const rows = await ctx.query(
        priceList,
        {
          shipped: SHIPPED_API_PRICES,
          as_of: asOf,
          provider: q.provider ?? null,
          model: q.model ?? null,
          include_retired: q.retired,
          limit: q.limit,
        },
        { paramNames: { as_of: "asOf", include_retired: "retired" } },
      );
      const at = asOf ?? ctx.today();
      const prices = annotatePrices(rows, at);
      return {
        dataAsOf: ctx.version.date,
        body: { asOf, at, prices, disagreements: findDisagreements(rows) },
        rows: prices,
      };
    },
  );
}
