/** The families ranking two ways, for the tests that compare them: one `families-ranking` query, and one per family. */
import { familiesRanking, familyParams } from "../../src/answers/bodies.js";
import type { Family } from "../../src/domain/families.js";
import { familyTotals } from "../../src/queries/index.js";
import type { Store } from "../../src/store/store.js";

/** The ranking as it was computed before `families-ranking`: one `family-totals` query per family. */
export async function perFamilyRanking(store: Store, families: readonly Family[], date: string) {
  const rows = [];
  for (const f of families) {
    const [t] = await store.query(familyTotals, familyParams(f, {}, date));
    rows.push({
      family: f.name,
      officialRepos: t?.officialRepos ?? 0,
      officialDownloads: t?.officialDownloads ?? 0,
      derivativeRepos: t?.derivativeRepos ?? 0,
      derivativeDownloads: t?.derivativeDownloads ?? 0,
      totalRepos: t?.totalRepos ?? 0,
      totalDownloads: t?.totalDownloads ?? 0,
    });
  }
  return rows.sort((a, b) => b.totalDownloads - a.totalDownloads || a.family.localeCompare(b.family));
}

/** `familiesRanking` of a store without the rank, date and title (what the per-family figures do not carry). */
export async function rankingFigures(store: Store, families: readonly Family[], date: string) {
  const ctx = { families, query: store.query.bind(store) as never, notFound: (m: string) => new Error(m) };
  return (await familiesRanking(ctx, date)).map(({ rank: _r, date: _d, title: _t, ...r }) => r);
}
