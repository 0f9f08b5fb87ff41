/**
 * How concentrated 30-day downloads are at a snapshot (`omo concentration --json`, `/api/concentration` and the
 * dashboard's `#/concentration` read this body): the top-k models' and organisations' shares and the
 * Herfindahl–Hirschman index by organisation, with the snapshot's coverage and the model that dominates the total
 * named, with the total and HHI without it (on the 2024-07-11 listing one audio model is 37 % of all downloads and
 * 1,371 of the HHI's 1,561 points).
 */
import { type Dominant, dominantOf, hhiWithout } from "../domain/dominant.js";
import { concentration, orgTotals, topModelShares, topOrgShares } from "../queries/index.js";
import type { AnswerContext } from "./bodies.js";
import { snapshotCoverage } from "./coverage.js";

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
  let dominant:
    | (Dominant<{ downloads: number; hhi: number | null }> & {
        author: string;
        /** HHI points of the model's organisation (its squared percentage share). */
        orgPoints: number;
      })
    | null = null;
  const top = topModels[0];
  const d = summary ? dominantOf(summary.downloads, top) : null;
  if (summary && top && d) {
    const [org] = await ctx.query(orgTotals, { author: top.author, match: null, date });
    const orgDownloads = org?.downloads ?? d.downloads;
    dominant = {
      ...d,
      author: top.author,
      orgPoints: ((100 * orgDownloads) / summary.downloads) ** 2,
      without: {
        downloads: summary.downloads - d.downloads,
        hhi: summary.hhi === null ? null : hhiWithout(summary.hhi, summary.downloads, orgDownloads, d.downloads),
      },
    };
  }
  const coverage = await snapshotCoverage((q, p) => ctx.query(q, p), date);
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
      "Shares (percent) of the 30-day downloads of every model listed at the snapshot. HHI = the sum of the squared percentage shares of the organisations (0–10,000; above 2,500 is 'highly concentrated' in antitrust usage). A snapshot that covers only some organisations measures concentration within them (see coverage).",
    coverage,
    dominant,
    topModels,
    topOrgs,
  };
}

/** The body of {@link concentrationBody}. */
export type ConcentrationAnswer = Awaited<ReturnType<typeof concentrationBody>>;
