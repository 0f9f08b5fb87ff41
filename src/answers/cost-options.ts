/**
 * What the cost form offers: the shipped presets (each a complete request with its title and note), the models with
 * an API price at a date (closed APIs and hosted open models; retired models left out), and the self-hosted
 * `MODEL:GPU` pairs with a measured throughput. `/api/cost/presets` and the dashboard's `#/cost` read this body; `POST /api/cost` prices a request.
 */

import { loadThroughputs, SHIPPED_API_PRICES } from "../ingest/price-tables.js";
import { priceList } from "../queries/index.js";
import type { AnswerContext } from "./bodies.js";
import { listPresets, loadPreset } from "./cost-plan.js";

/** The presets and the options a cost request can name, with prices in force at `asOf` (null: the latest). */
export async function costOptionsBody(ctx: AnswerContext, asOf: string | null) {
  const presets = [];
  for (const name of await listPresets()) presets.push(await loadPreset(name));
  const prices = await ctx.query(priceList, {
    shipped: SHIPPED_API_PRICES,
    as_of: asOf,
    provider: null,
    model: null,
    include_retired: false,
    limit: 100_000,
  });
  const throughputs = await loadThroughputs();
  return {
    asOf,
    presets,
    priced: prices.map((p) => ({ model: p.model, provider: p.provider, asOf: p.asOf })),
    selfHosted: [...new Set(throughputs.map((t) => `${t.model}:${t.gpu}`))].sort(),
  };
}

/** The body of {@link costOptionsBody}. */
export type CostOptionsAnswer = Awaited<ReturnType<typeof costOptionsBody>>;
