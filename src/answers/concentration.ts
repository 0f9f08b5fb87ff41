/**
 * How concentrated 30-day downloads are at a snapshot: the share of the top-k models and organisations and the
 * Herfindahl–Hirschman index by organisation. `omo concentration --json`, `/api/concentration` and the dashboard's
 * `#/concentration` read this body.
 */
import { concentration, topModelShares, topOrgShares } from "../queries/series.js";
import type { AnswerContext } from "./bodies.js";

/** The usual reading of an HHI (US merger guidelines, 2010): below 1,500, up to 2,500, above. */
export function hhiLabel(hhi: number | null): string {
  if (hhi === null) return "undefined (no downloads)";
  return hhi < 1500 ? "unconcentrated" : hhi <= 2500 ? "moderately concentrated" : "highly concentrated";
}

/** Concentration at a snapshot (`date` already resolved to a complete snapshot) over the top `k`. */
export async function concentrationBody(ctx: AnswerContext, date: string, k: number) {
  const [summary] = await ctx.query(concentration, { date, k });
  const topModels = await ctx.query(topModelShares, { date, k });
  const topOrgs = await ctx.query(topOrgShares, { date, k });
  return {
    date,
    models: summary?.models ?? 0,
    orgs: summary?.orgs ?? 0,
    downloads: summary?.downloads ?? 0,
    k,
    topModelsDownloads: summary?.topModelsDownloads ?? 0,
    topOrgsDownloads: summary?.topOrgsDownloads ?? 0,
    topModelsShare: summary?.topModelsShare ?? null,
    topOrgsShare: summary?.topOrgsShare ?? null,
    hhi: summary?.hhi ?? null,
    hhiLabel: hhiLabel(summary?.hhi ?? null),
    definition:
      "Shares (percent) of the 30-day downloads of every model listed at the snapshot. HHI = the sum of the squared percentage shares of the organisations (0–10,000; above 2,500 is 'highly concentrated' in antitrust usage). A snapshot that covers only some organisations measures concentration within them.",
    topModels,
    topOrgs,
  };
}

/** The body of {@link concentrationBody}. */
export type ConcentrationAnswer = Awaited<ReturnType<typeof concentrationBody>>;
