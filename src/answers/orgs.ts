/**
 * Organisations ranked: every Hub namespace by the 30-day downloads of its repos at a snapshot, its share of all
 * downloads, the families whose official repos it publishes (data/families), and its growth over a window, like for
 * like (only repos listed with a count at both snapshots; repos new since are counted apart). `omo orgs --json`,
 * `/api/orgs` and the dashboard's `#/orgs` read this body.
 */
import { officialSqlParams } from "../domain/families.js";
import { orgRanking } from "../queries/index.js";
import type { AnswerContext } from "./bodies.js";

/** Filters and size of the ranking. */
export interface OrgRankingOptions {
  date: string;
  /** Days back to compare with: 7, 30 or 90. */
  window: number;
  limit: number;
  task: string | null;
  library: string | null;
}

/** The ranking of organisations at a snapshot (`date` already resolved to a complete snapshot). */
export async function orgRankingBody(ctx: AnswerContext, o: OrgRankingOptions) {
  const rows = await ctx.query(orgRanking, o, { paramNames: { window: "window", limit: "limit" } });
  const publishes = new Map<string, string[]>();
  for (const f of ctx.families) {
    for (const a of officialSqlParams(f).officialAuthors) publishes.set(a, [...(publishes.get(a) ?? []), f.name]);
  }
  const total = rows[0]?.total ?? 0;
  const baseDate = rows[0]?.baseDate ?? null;
  const orgs = rows.map((r, i) => {
    const change = r.before !== null && r.after !== null ? r.after - r.before : null;
    return {
      rank: i + 1,
      author: r.author,
      repos: r.repos,
      downloads: r.downloads,
      likes: r.likes,
      share: total > 0 ? r.downloads / total : null,
      families: publishes.get(r.author.toLowerCase()) ?? [],
      growth:
        baseDate === null
          ? null
          : {
              commonRepos: r.commonRepos ?? 0,
              before: r.before,
              after: r.after,
              change,
              relative: change !== null && r.before ? change / r.before : null,
              newRepos: r.newRepos ?? 0,
            },
    };
  });
  return {
    date: o.date,
    baseDate,
    window: o.window,
    task: o.task,
    library: o.library,
    total: { downloads: total },
    definition:
      "Organisation = Hub namespace (case-insensitive). Downloads = the sum of its repos' 30-day counts at the snapshot; share = of all repos listed (with the task and library filters). Growth compares the same repos at both snapshots (listed with a count at both); repos new since are counted apart, never mixed in.",
    note:
      baseDate === null
        ? `no growth: no complete snapshot at or before ${o.date} minus ${o.window} days`
        : `growth against ${baseDate}, over the repos listed at both snapshots`,
    orgs,
  };
}

/** The body of {@link orgRankingBody}. */
export type OrgRankingAnswer = Awaited<ReturnType<typeof orgRankingBody>>;
