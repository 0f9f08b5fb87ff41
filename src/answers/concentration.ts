/**
 * How concentrated downloads are at a snapshot (`omo concentration --json`, `/api/concentration`): the top-k models'
 * and organisations' shares and the HHI by organisation, with the model that dominates the total named and the
 * total and HHI without it (on the 2024-07-11 listing one audio model is 37 % of all downloads and 1,371 of the
 * HHI's 1,561 points).
 */
import { type Dominant, dominantOf, hhiWithout } from "../domain/dominant.js";
import { orgTotals } from "../queries/orgs.js";
import { concentration, topModelShares, topOrgShares } from "../queries/series.js";
import type { AnswerContext } from "./bodies.js";
import { snapshotCoverage } from "./coverage.js";

/** Concentration at a (resolved) snapshot date, top `k`. */
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
    ...(summary ?? { date, models: 0, orgs: 0, downloads: 0, k, hhi: null }),
    coverage,
    dominant,
    topModels,
    topOrgs,
  };
}
