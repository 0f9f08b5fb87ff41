/**
 * Comparisons across snapshots, like for like: the models listed at both dates (in a scope: every model, a family, an
 * organisation), their downloads at each date and the change, with the model that dominates the comparison named and
 * the change without it. What every surface says for "the change since" (report headline and "what changed",
 * family and organisation changes, `omo growth`): never the difference of two totals whose coverage may differ.
 */
import { changePct, DOMINANT_SHARE, type Dominant } from "../domain/dominant.js";
import { likeForLike } from "../queries/index.js";
import type { AnswerContext } from "./bodies.js";

/** Which models a comparison covers (all by default). */
export interface ComparisonScope {
  /** A family: its official pattern (officialSqlParams), relations and depth. */
  official?: string | null;
  relations?: string | null;
  depth?: number;
  /** An organisation (case-insensitive) and a regex on its repo names. */
  author?: string | null;
  match?: string | null;
}

/** The figures of a like-for-like comparison (without the dominant model, they are the `without` of `dominant`). */
export interface ComparisonFigures {
  /** Models listed with a 30-day count at both dates. */
  models: number;
  /** Their summed 30-day downloads in the 30 days to `base`, and to `date`. */
  before: number;
  after: number;
  change: number;
  /** Percent; null from zero. */
  changePct: number | null;
}

/** A like-for-like comparison between two snapshots. */
export interface ComparisonBody extends ComparisonFigures {
  date: string;
  base: string;
  /** The named query behind the figures. */
  query: "like-for-like";
  /**
   * The model that holds more than a fifth of the compared downloads at either date, with its two counts and the
   * date where its share is largest; `without` = the comparison without it.
   */
  dominant: (Dominant<ComparisonFigures> & { at: string; before: number; after: number }) | null;
}

function figures(models: number, before: number, after: number): ComparisonFigures {
  return { models, before, after, change: after - before, changePct: changePct(before, after) };
}

/** Compares `date` with `base` on the models listed at both, in `scope`. */
export async function comparisonBody(
  ctx: AnswerContext,
  date: string,
  base: string,
  scope: ComparisonScope = {},
): Promise<ComparisonBody> {
  const [r] = await ctx.query(likeForLike, {
    date,
    base,
    official: scope.official ?? null,
    relations: scope.relations ?? null,
    depth: scope.depth ?? 50,
    author: scope.author ?? null,
    match: scope.match ?? null,
  });
  const row = r ?? {
    models: 0,
    before: 0,
    after: 0,
    topBeforeId: null,
    topBeforeBefore: 0,
    topBeforeAfter: 0,
    topAfterId: null,
    topAfterBefore: 0,
    topAfterAfter: 0,
  };
  const tops = [
    row.topBeforeId && row.before > 0
      ? { id: row.topBeforeId, before: row.topBeforeBefore, after: row.topBeforeAfter, at: base }
      : null,
    row.topAfterId && row.after > 0
      ? { id: row.topAfterId, before: row.topAfterBefore, after: row.topAfterAfter, at: date }
      : null,
  ]
    .filter((t) => t !== null)
    .map((t) => {
      const downloads = t.at === base ? t.before : t.after;
      return { ...t, downloads, share: downloads / (t.at === base ? row.before : row.after) };
    })
    .sort((a, b) => b.share - a.share);
  const top = tops[0];
  const dominant =
    top && top.share > DOMINANT_SHARE
      ? {
          id: top.id,
          downloads: top.downloads,
          share: top.share,
          at: top.at,
          before: top.before,
          after: top.after,
          without: figures(row.models - 1, row.before - top.before, row.after - top.after),
        }
      : null;
  return { date, base, query: "like-for-like", ...figures(row.models, row.before, row.after), dominant };
}
