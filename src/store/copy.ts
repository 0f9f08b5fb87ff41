/**
 * Copies complete snapshots from one store to another (`omo store copy`): for each snapshot, oldest first, the
 * `snapshot-export` query reads its models back in the Hub's wire shape, they are written to a temporary JSON Lines
 * file and loaded into the target with one load session per snapshot (so each snapshot is atomic on the target:
 * a copy killed midway leaves the target answering from what it held before). Counts are checked on both sides
 * after every snapshot.
 *
 * What travels: statistics of the date; the latest known metadata (id, author, timestamps, task, library, gating,
 * privacy, the full tag list, which carries `license:…` and `base_model:…` tags); the licence when no `license:`
 * tag carries it (as `cardData.license`); the stored lineage links (as `baseModels`, with their relation); the
 * source's licence map. Tag links are resolved with data/aliases.yaml at commit, as the importer does.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { z } from "zod";
import { loadAliases } from "../domain/aliases.js";
import { loadReuploadLinker } from "../domain/reuploads.js";
import { InputError } from "../errors.js";
import { cardLicenceExport, licenceMap, snapshotExport, snapshotList } from "../queries/index.js";
import type { Coverage, LicenceClassRow, Store } from "./store.js";

/** One row of `snapshot-export`. */
export type ExportRow = z.output<typeof snapshotExport.row>;

/** Per-snapshot outcome of a copy. */
export interface CopiedSnapshot {
  date: string;
  sourceModels: number;
  targetModels: number;
  sourceDownloads: number;
  targetDownloads: number;
  /** Wall time of export + load + checks. */
  seconds: number;
}

/** Options of {@link copySnapshots}. */
export interface CopyOptions {
  /** Snapshot source recorded on the target, e.g. `copy:duckdb://omo.duckdb`. */
  source: string;
  /** Only these dates (each must be a complete snapshot of the source); default every complete snapshot. */
  dates?: readonly string[];
  /** Rows per export page (default 50,000). */
  pageSize?: number;
  /** Folder for the temporary JSON Lines files (default the OS temp folder). */
  tmpDir?: string;
  /** Legacy base-model ids → canonical ids for tag links (default data/aliases.yaml). */
  aliases?: ReadonlyMap<string, string>;
  /** Progress lines (export, load, check), for stderr. */
  onProgress?: (message: string) => void;
}

const nf = new Intl.NumberFormat("en-US");

const RELATIONS = new Set(["finetune", "adapter", "quantized", "merge"]);

/**
 * Whether the stored tags say what the stored licence and links say: the stores take the licence from the first
 * `license:` tag and links from `base_model:` tags (aliases resolved), so re-reading the tags must not contradict
 * them. They can disagree when the model's newest row had no tag list but a licence or links of its own (the tag
 * list is then kept from an older row).
 */
export function tagsAgree(r: ExportRow, aliases: ReadonlyMap<string, string>): boolean {
  const tags = r.tags ?? [];
  const lic = tags.find((t) => t.startsWith("license:"));
  if (lic !== undefined && lic.slice(8) !== r.license) return false;
  const stored = new Map((r.baseModels ?? []).map((l) => [l.id.toLowerCase(), l.relation]));
  for (const t of tags) {
    if (!t.startsWith("base_model:")) continue;
    let v = t.slice(11);
    let relation = "unknown";
    const m = /^(finetune|adapter|quantized|merge):/.exec(v);
    if (m) {
      relation = m[1] as string;
      v = v.slice(relation.length + 1);
    }
    const parent = v.trim();
    if (parent === "") continue;
    const key = (aliases.get(parent.toLowerCase()) ?? parent).toLowerCase();
    if (key === r.key) continue;
    const have = stored.get(key);
    if (have === undefined) return false;
    if (RELATIONS.has(relation) && have !== relation) return false;
  }
  return true;
}

/**
 * The wire object (Hub API shape) that loads back into the same model row. Metadata is the model's latest, for
 * every date; copied oldest first, the target ends with the same `model` rows. When the stored tags contradict the
 * stored licence or links ({@link tagsAgree}), the row of the model's newest date goes without a tag list (the
 * target keeps the one an older row gave it, as the source did) and states the licence and links explicitly.
 */
export function toWire(r: ExportRow, date: string, aliases: ReadonlyMap<string, string>): Record<string, unknown> {
  const w: Record<string, unknown> = {
    id: r.id,
    author: r.author,
    downloads: r.downloads,
    downloadsAllTime: r.downloadsAllTime,
    likes: r.likes,
    trendingScore: r.trendingScore,
    createdAt: r.createdAt,
    lastModified: r.lastModified,
    pipeline_tag: r.pipeline_tag,
    library_name: r.library_name,
  };
  const dropTags = r.tags !== null && date === r.lastSeen && !tagsAgree(r, aliases);
  const tags = dropTags ? null : r.tags;
  if (tags !== null) w.tags = tags;
  // the stores take the licence from the first `license:` tag, else from cardData.license
  const tagged = tags?.some((t) => t.startsWith("license:")) ?? false;
  if (r.license !== null && !tagged) w.cardData = { license: r.license };
  if (r.gated !== null) w.gated = r.gated === "false" ? false : r.gated === "true" ? true : r.gated;
  if (r.private !== null) w.private = r.private;
  // `reupload` links come from omo's name rule, not from the Hub: the target's commit derives them again
  const stated = (r.baseModels ?? []).filter((l) => l.relation !== "reupload");
  if (stated.length > 0 || dropTags) {
    const byRelation = new Map<string, Array<{ id: string }>>();
    for (const l of stated) {
      const list = byRelation.get(l.relation) ?? [];
      list.push({ id: l.id });
      byRelation.set(l.relation, list);
    }
    // an empty list still says "no links" (replacing what an older row gave)
    w.baseModels = [...byRelation].map(([relation, models]) => ({ relation, models }));
  }
  return w;
}

/** Writes one snapshot of `from` as JSON Lines; returns the number of models and their summed downloads. */
async function exportSnapshot(
  from: Store,
  date: string,
  file: string,
  pageSize: number,
  aliases: ReadonlyMap<string, string>,
): Promise<{ models: number; downloads: number }> {
  const out = createWriteStream(file, { encoding: "utf8" });
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  failed.catch(() => {});
  let models = 0;
  let downloads = 0;
  let after: string | null = null;
  try {
    for (;;) {
      const rows: ExportRow[] = await from.query(snapshotExport, { date, after, limit: pageSize });
      let chunk = "";
      for (const r of rows) {
        chunk += `${JSON.stringify(toWire(r, date, aliases))}\n`;
        models += 1;
        downloads += r.downloads ?? 0;
      }
      if (chunk !== "" && !out.write(chunk)) {
        await Promise.race([new Promise<void>((resolve) => out.once("drain", () => resolve())), failed]);
      }
      const last = rows[rows.length - 1];
      if (rows.length < pageSize || !last) break;
      after = last.key;
    }
  } finally {
    await Promise.race([new Promise<void>((resolve) => out.end(() => resolve())), failed]);
  }
  return { models, downloads };
}

/** The complete snapshots of a store by date. */
async function completeSnapshots(
  store: Store,
): Promise<Map<string, { models: number; downloads: number; malformed: number; coverage: Coverage }>> {
  const rows = await store.query(snapshotList, {});
  return new Map(
    rows
      .filter((r) => r.status === "complete")
      .map((r) => [
        r.date,
        {
          models: r.models,
          downloads: r.downloads,
          malformed: r.malformed,
          coverage: { kind: r.coverage, how: r.coverageHow },
        },
      ]),
  );
}

function mismatch(
  date: string,
  what: string,
  a: { models: number; downloads: number },
  b: { models: number; downloads: number },
  bName: string,
): Error {
  return new Error(
    `copy of ${date} failed: ${what}: source has ${nf.format(a.models)} models / ${nf.format(a.downloads)} downloads, ${bName} ${nf.format(b.models)} models / ${nf.format(b.downloads)} downloads`,
  );
}

/**
 * Copies snapshots from `from` to `to`, oldest first, one atomic load per snapshot; fails (naming the date and both
 * counts) as soon as a snapshot's models or summed downloads differ between the two sides.
 */
export async function copySnapshots(from: Store, to: Store, opts: CopyOptions): Promise<CopiedSnapshot[]> {
  const progress = opts.onProgress ?? (() => {});
  const pageSize = opts.pageSize ?? 50_000;
  const available = await completeSnapshots(from);
  let dates: string[];
  if (opts.dates && opts.dates.length > 0) {
    dates = [...new Set(opts.dates)].sort();
    const missing = dates.filter((d) => !available.has(d));
    if (missing.length > 0) {
      const have = [...available.keys()].sort();
      throw new InputError(
        `no complete snapshot for ${missing.join(", ")} in ${from.location}; available: ${have.length > 0 ? have.slice(-10).join(", ") : "none"}`,
      );
    }
  } else {
    dates = [...available.keys()].sort();
    if (dates.length === 0) throw new InputError(`no snapshots in ${from.location}: nothing to copy`);
  }
  const aliases = opts.aliases ?? (await loadAliases());
  const licRows = await from.query(licenceMap, {});
  const licences: LicenceClassRow[] | undefined = licRows.length > 0 ? licRows : undefined;
  // re-upload links are not exported (they are no lineage the Hub states): the target's commit derives them again
  const reuploads = await loadReuploadLinker();

  const dir = await mkdtemp(path.join(opts.tmpDir ?? os.tmpdir(), "omo-copy-"));
  const results: CopiedSnapshot[] = [];
  try {
    for (const date of dates) {
      const started = Date.now();
      const src = available.get(date) as NonNullable<ReturnType<typeof available.get>>;
      const file = path.join(dir, `snapshot-${date}.jsonl`);
      progress(`${date}: exporting ${nf.format(src.models)} models from ${from.location}`);
      const exported = await exportSnapshot(from, date, file, pageSize, aliases);
      if (exported.models !== src.models || exported.downloads !== src.downloads) {
        throw mismatch(date, "export", src, exported, "export");
      }
      progress(`${date}: loading into ${to.location}`);
      const session = await to.beginLoad();
      let loaded: { models: number; downloads: number } | undefined;
      try {
        const staged = await session.stage({
          path: file,
          format: "jsonl",
          label: `${opts.source}#${date}`,
          defaultDate: date,
        });
        if (staged.rows !== src.models || staged.malformed !== 0) {
          throw new Error(
            `copy of ${date} failed: staged ${nf.format(staged.rows)} rows (${nf.format(staged.malformed)} malformed) for ${nf.format(src.models)} models`,
          );
        }
        progress(`${date}: committing`);
        const [snap] = await session.commit({
          source: opts.source,
          malformed: src.malformed,
          aliases,
          licences,
          coverage: src.coverage,
          reuploads,
        });
        loaded = snap;
      } catch (err) {
        await session.abort().catch(() => {});
        throw err;
      } finally {
        await rm(file, { force: true });
      }
      if (!loaded) throw new Error(`copy of ${date} failed: the target committed no snapshot`);
      const target = (await completeSnapshots(to)).get(date) ?? { models: 0, downloads: 0 };
      if (target.models !== src.models || target.downloads !== src.downloads) {
        throw mismatch(date, "counts differ", src, target, "target");
      }
      const seconds = (Date.now() - started) / 1000;
      progress(
        `${date}: ${nf.format(target.models)} models, ${nf.format(target.downloads)} downloads, ${seconds.toFixed(1)} s`,
      );
      results.push({
        date,
        sourceModels: src.models,
        targetModels: target.models,
        sourceDownloads: src.downloads,
        targetDownloads: target.downloads,
        seconds,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // what model cards say about licences (omo ingest --details) belongs to models, not to a date: copied whole
  const cards = await from.query(cardLicenceExport, {});
  if (cards.length > 0) {
    progress(`licences of ${nf.format(cards.length)} model cards`);
    await to.saveCardLicences(cards);
  }
  return results;
}
