/**
 * `omo usage import PATH...`: reads every usage file (folders walked; derived summaries and sidecars skipped there,
 * refused when named), keeps one capture per snapshot (the best: a settled capture before one that may be cut
 * short, then the later one), keeps a stored capture that is better than the file's, and stores the rest in one
 * atomic load. Any bad file stops the import before anything is written.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { type CatalogueInput, statusRank, type UsageSnapshotInput } from "../../domain/usage.js";
import { InputError } from "../../errors.js";
import { usageSnapshots } from "../../queries/index.js";
import type { Store, UsageImportResult } from "../../store/store.js";
import { isDerivedSummary, isSidecar, readUsageFile, type UsageFile } from "./openrouter.js";

/** What one file gave. */
export interface UsageFileReport {
  file: string;
  format: string;
  snapshots: number;
  rows: number;
  catalogueEntries: number;
  skippedRows: number;
}

/** What an import did. */
export interface UsageImportReport {
  files: UsageFileReport[];
  /** Files of a walked folder that were not read, with the reason. */
  skippedFiles: Array<{ file: string; reason: string }>;
  /** Captures left out because a better capture of the same snapshot was in the batch or already stored. */
  superseded: Array<{ id: string; file: string; kept: string; reason: string }>;
  stored: UsageImportResult;
  /** The stored snapshots by period: count, first and last date, coverage kinds. */
  byPeriod: Array<{ period: string; snapshots: number; first: string; last: string; full: number; partial: number }>;
}

/** Expands folders (recursively, sorted) into files; derived summaries and sidecar files of a folder are skipped. */
export async function expandUsagePaths(paths: readonly string[]) {
  const files: string[] = [];
  const skipped: Array<{ file: string; reason: string }> = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (isDerivedSummary(p)) skipped.push({ file: p, reason: "derived summary (an oracle, not input)" });
      else if (isSidecar(p)) skipped.push({ file: p, reason: "describes the data (manifest, notes)" });
      else if (/\.(json|csv)(\.gz)?$/i.test(p)) files.push(p);
      else skipped.push({ file: p, reason: "not a usage file" });
    }
  };
  for (const p of paths) {
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(p);
    } catch (err) {
      throw new InputError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
        file: p,
      });
    }
    if (s.isDirectory()) await walk(p);
    else if (isSidecar(p))
      throw new InputError("this file describes the data (a manifest or notes), it holds no usage", { file: p });
    else files.push(p);
  }
  return { files, skipped };
}

/** Whether capture `a` is better than `b` of the same snapshot: a more trusted status, then the later capture. */
function better(
  a: Pick<UsageSnapshotInput, "status" | "fetchedAt">,
  b: Pick<UsageSnapshotInput, "status" | "fetchedAt">,
): boolean {
  const sa = statusRank(a.status);
  const sb = statusRank(b.status);
  if (sa !== sb) return sa > sb;
  const t = (x: string | null) => (x ? Date.parse(x) : Number.NEGATIVE_INFINITY);
  return t(a.fetchedAt) > t(b.fetchedAt);
}

/** Reads the files and stores their usage in one atomic load. */
export async function importUsage(store: Store, paths: readonly string[]): Promise<UsageImportReport> {
  const { files, skipped } = await expandUsagePaths(paths);
  if (files.length === 0) throw new InputError("no usage files to import");
  const read: UsageFile[] = [];
  for (const f of files) read.push(await readUsageFile(f));

  const superseded: UsageImportReport["superseded"] = [];
  const chosen = new Map<string, UsageSnapshotInput>();
  for (const f of read) {
    for (const s of f.snapshots) {
      const prior = chosen.get(s.id);
      if (!prior) chosen.set(s.id, s);
      else if (better(prior, s)) {
        superseded.push({ id: s.id, file: s.file, kept: prior.file, reason: captureReason(prior, s) });
      } else {
        // an equal or better capture read later replaces the earlier one (the later file wins a tie)
        if (better(s, prior))
          superseded.push({ id: s.id, file: prior.file, kept: s.file, reason: captureReason(s, prior) });
        chosen.set(s.id, s);
      }
    }
  }
  const catalogues = new Map<string, CatalogueInput>();
  for (const f of read) for (const c of f.catalogues) catalogues.set(`${c.source}|${c.asOf}`, c);

  // a capture already stored that is better than the file's stays
  if (chosen.size > 0) {
    const stored = await store.query(usageSnapshots, { period: null, source: null, from: null, to: null });
    for (const s of stored) {
      const incoming = chosen.get(s.id);
      if (incoming && better(s, incoming)) {
        superseded.push({
          id: s.id,
          file: incoming.file,
          kept: `${s.file} (stored)`,
          reason: captureReason(s, incoming),
        });
        chosen.delete(s.id);
      }
    }
  }
  const result = await store.importUsage({ snapshots: [...chosen.values()], catalogues: [...catalogues.values()] });
  const all = await store.query(usageSnapshots, { period: null, source: null, from: null, to: null });
  const periods = new Map<string, UsageImportReport["byPeriod"][number]>();
  for (const s of all) {
    const p = periods.get(s.period) ?? {
      period: s.period,
      snapshots: 0,
      first: s.date,
      last: s.date,
      full: 0,
      partial: 0,
    };
    p.snapshots += 1;
    if (s.date < p.first) p.first = s.date;
    if (s.date > p.last) p.last = s.date;
    if (s.coverageKind === "full") p.full += 1;
    else p.partial += 1;
    periods.set(s.period, p);
  }
  return {
    files: read.map((f) => ({
      file: f.file,
      format: f.format,
      snapshots: f.snapshots.length,
      rows: f.snapshots.reduce((a, s) => a + s.rows.length, 0),
      catalogueEntries: f.catalogues.reduce((a, c) => a + c.entries.length, 0),
      skippedRows: f.skipped.length,
    })),
    skippedFiles: skipped,
    superseded,
    stored: result,
    byPeriod: [...periods.values()],
  };
}

function captureReason(
  kept: Pick<UsageSnapshotInput, "status" | "fetchedAt">,
  dropped: Pick<UsageSnapshotInput, "status" | "fetchedAt">,
): string {
  if (statusRank(kept.status) !== statusRank(dropped.status)) {
    return `a ${kept.status ?? "complete"} capture is kept over a ${dropped.status ?? "complete"} one`;
  }
  return `the capture of ${kept.fetchedAt ?? "unknown time"} is kept over the one of ${dropped.fetchedAt ?? "unknown time"}`;
}
