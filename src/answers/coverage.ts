/**
 * Coverage in answers: every snapshot says what it covers (`coverage: { kind, how, models }`), and every point of a
 * series says whether its snapshot covers the same as the previous point's (a point whose coverage differs is
 * flagged: its total is not comparable with the one before; compare like for like instead).
 */
import type { CatalogQuery } from "../queries/catalog.js";
import { snapshotList } from "../queries/index.js";
import type { Coverage } from "../store/store.js";

/** The coverage object of an answer (shape shared by every surface; issue 11, team.md). */
export interface CoverageBody {
  kind: Coverage["kind"];
  how: string;
  /** Models the snapshot lists. */
  models: number;
}

/** A row of the `snapshots` query. */
export type SnapshotRow = Awaited<ReturnType<typeof snapshotList.row.parse>>;

/** The coverage object of a snapshot row. */
export function coverageOf(s: { coverage: string; coverageHow: string; models: number }): CoverageBody {
  return { kind: s.coverage === "full" ? "full" : "partial", how: s.coverageHow, models: s.models };
}

/** The coverage object of a load's result. */
export function coverageBody(c: Coverage, models: number): CoverageBody {
  return { kind: c.kind, how: c.how, models };
}

/** One line: `full (how)` or `partial: how`. */
export function coverageText(c: Pick<Coverage, "kind" | "how">): string {
  return c.kind === "full" ? `full (${c.how})` : `partial: ${c.how}`;
}

/** The snapshot list as `omo snapshots --json` and `/api/snapshots` give it. */
export function snapshotsBody(rows: readonly SnapshotRow[]) {
  return rows.map((r) => ({
    date: r.date,
    source: r.source,
    status: r.status,
    models: r.models,
    downloads: r.downloads,
    coverage: coverageOf(r),
  }));
}

/** Whether two snapshots cover the same: the same kind and the same selection. */
export function sameCoverage(a: Pick<Coverage, "kind" | "how">, b: Pick<Coverage, "kind" | "how">): boolean {
  return a.kind === b.kind && a.how === b.how;
}

/**
 * Series points with the coverage of the snapshot each comes from (`lastDate`, the bucket's last snapshot) and a flag
 * `coverageChanged` when that coverage differs from the previous point's: the two totals cover different sets of
 * models, so their difference is not growth. Points whose snapshot is not in `snapshots` keep `coverage: null`.
 */
export function withCoverage<T extends { lastDate: string }>(
  points: readonly T[],
  snapshots: readonly SnapshotRow[],
): Array<T & { coverage: Coverage["kind"] | null; coverageHow: string | null; coverageChanged: boolean }> {
  const byDate = new Map(snapshots.map((s) => [s.date, coverageOf(s)]));
  let prev: CoverageBody | null = null;
  return points.map((p) => {
    const c = byDate.get(p.lastDate) ?? null;
    const changed = prev !== null && c !== null && !sameCoverage(prev, c);
    if (c) prev = c;
    return { ...p, coverage: c?.kind ?? null, coverageHow: c?.how ?? null, coverageChanged: changed };
  });
}

/** Runs a catalog query (a store's, or an answer context's). */
type Runner = <P, R>(q: CatalogQuery<P, R>, params: P) => Promise<R[]>;

/** The coverage of the snapshot of `date` (null when there is no such snapshot). */
export async function snapshotCoverage(run: Runner, date: string): Promise<CoverageBody | null> {
  const s = (await run(snapshotList, {})).find((r) => r.date === date);
  return s ? coverageOf(s) : null;
}

/** The points of a compare chart (date, downloads) with the coverage flag of each (see {@link withCoverage}). */
export function comparePoints(
  rows: ReadonlyArray<{ lastDate: string; downloads: number | null }>,
  snapshots: readonly SnapshotRow[],
): Array<{ date: string; downloads: number | null; coverageChanged: boolean }> {
  return withCoverage(rows, snapshots).map((r) => ({
    date: r.lastDate,
    downloads: r.downloads,
    coverageChanged: r.coverageChanged,
  }));
}
