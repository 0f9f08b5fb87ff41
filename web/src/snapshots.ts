/**
 * The stored snapshots, for the pages: a snapshot picker's options, and the coverage warning of charts that compare
 * totals across snapshots. The rules of truth say never to compare totals of snapshots whose coverage differs: when
 * the snapshots a chart spans differ in coverage (their `coverage` field, added by the truth issue, when present;
 * else their model counts), the chart says so.
 */
import { getJson } from "./api.js";
import { el, num } from "./dom.js";
import type { SnapshotRow } from "./types.js";

/** A snapshot row, with the coverage the truth issue adds (`{ kind: "full" | "partial", how, models }`) if present. */
export type SnapshotInfo = SnapshotRow & { coverage?: { kind?: string; how?: string; models?: number } | null };

let cached: Promise<SnapshotInfo[]> | null = null;

/** The complete snapshots, newest first (loaded once per page load). */
export function snapshots(): Promise<SnapshotInfo[]> {
  cached ??= getJson<{ snapshots: SnapshotInfo[] }>("/api/snapshots").then((r) =>
    r.snapshots.filter((s) => s.status === "complete"),
  );
  cached.catch(() => {
    cached = null;
  });
  return cached;
}

/**
 * A warning when the snapshots at `dates` differ in coverage (or, without a coverage field, in the number of models
 * they list): totals across them are not like for like. Null when they do not, or for one snapshot.
 */
export async function coverageNote(dates: readonly string[]): Promise<HTMLElement | null> {
  const want = new Set(dates);
  if (want.size < 2) return null;
  const rows = (await snapshots().catch(() => [] as SnapshotInfo[])).filter((s) => want.has(s.date));
  if (rows.length < 2) return null;
  const kinds = new Set(rows.map((r) => r.coverage?.kind).filter(Boolean));
  const counts = new Set(rows.map((r) => r.models));
  const partial = rows.some((r) => r.coverage?.kind === "partial");
  if (!(partial || kinds.size > 1) && counts.size <= 1) return null;
  const list = [...rows]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((r) => `${r.date}: ${num(r.models)} models${r.coverage?.kind ? `, ${r.coverage.kind} coverage` : ""}`)
    .join("; ");
  return el(
    "p",
    { class: "notice coverage", "data-testid": "coverage-note" },
    `Not like for like: these snapshots cover different sets of models (${list}). Totals and shares across them change with the coverage, not only with adoption; compare one model, or see Growth (models listed at both).`,
  );
}

/** Options of a snapshot picker: the latest (empty value) and every complete snapshot with its model count. */
export async function snapshotOptions(): Promise<Array<[string, string]>> {
  const rows = await snapshots().catch(() => [] as SnapshotInfo[]);
  return [
    ["", rows[0] ? `latest (${rows[0].date})` : "latest"],
    ...rows.map((r): [string, string] => [r.date, `${r.date} (${num(r.models)} models)`]),
  ];
}
