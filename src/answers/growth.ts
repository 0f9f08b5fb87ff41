/**
 * Growth between two snapshots: the fastest-growing models (30-day downloads now against the latest complete snapshot
 * at least `window` days earlier, over models listed at both) and the new entrants, with both snapshots' coverage and
 * the like-for-like total of the models listed on both dates (the dominant model named). `omo growth --json`,
 * `/api/trending` and the dashboard's `#/growth` read this body.
 */
import type { z } from "zod";
import type { CatalogQuery } from "../queries/catalog.js";
import { growth, growthDates, newEntrants } from "../queries/index.js";
import type { AnswerContext } from "./bodies.js";
import { comparisonBody } from "./comparison.js";
import { snapshotCoverage } from "./coverage.js";

/** What to compare. */
export interface GrowthOptions {
  /** The later snapshot (already resolved to a complete snapshot). */
  date: string;
  window: number;
  limit: number;
  author: string | null;
}

/**
 * Fastest-growing models and new entrants. Without a snapshot far enough back, `baseDate` and `likeForLike` are null,
 * the lists are empty and `note` says why.
 */
export async function growthBody(ctx: AnswerContext, o: GrowthOptions) {
  const [dates] = await ctx.query(growthDates, { date: o.date, window: o.window });
  const run = <P, R>(q: CatalogQuery<P, R>, p: P) => ctx.query(q, p);
  const base = {
    date: o.date,
    baseDate: dates?.baseDate ?? null,
    days: dates?.days ?? null,
    window: o.window,
    author: o.author,
    earliest: dates?.earliest ?? null,
    definition:
      "Change of a model's 30-day downloads between two snapshots (models listed with a count at both: like for like); relative = change / before. New entrants are listed at the later snapshot and not at the earlier one; firstSeen says whether omo saw them before. likeForLike sums the models listed on both dates, with a model holding more than a fifth of them named.",
    coverage: await snapshotCoverage(run, o.date),
  };
  if (!dates?.baseDate) {
    const note = `no complete snapshot at or before ${o.date} minus ${o.window} days; the earliest is ${dates?.earliest ?? "none"}`;
    return {
      ...base,
      note,
      baseCoverage: null,
      likeForLike: null,
      models: [] as GrowthRow[],
      newEntrants: [] as EntrantRow[],
      entrantsNote: null as string | null,
    };
  }
  const params = { date: o.date, window: o.window, limit: o.limit, author: o.author };
  const baseCoverage = await snapshotCoverage(run, dates.baseDate);
  return {
    ...base,
    note: null as string | null,
    baseCoverage,
    likeForLike: await comparisonBody(ctx, o.date, dates.baseDate, { author: o.author }),
    models: await ctx.query(growth, params),
    newEntrants: await ctx.query(newEntrants, params),
    entrantsNote:
      baseCoverage?.kind === "full"
        ? null
        : `the snapshot of ${dates.baseDate} is partial (${baseCoverage?.how ?? "coverage unknown"}): a model it does not list need not be new on the Hub`,
  };
}

type GrowthRow = z.output<typeof growth.row>;
type EntrantRow = z.output<typeof newEntrants.row>;

/** The body of {@link growthBody}. */
export type GrowthAnswer = Awaited<ReturnType<typeof growthBody>>;
