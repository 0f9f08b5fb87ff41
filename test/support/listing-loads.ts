/**
 * Small listings for the roll-up tests (rollups.test.ts, org-rank-rollups.test.ts): models written as Hub listing
 * lines and loaded, one file per load, through a store's own load path (beginLoad, stage, commit).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Store } from "../../src/store/store.js";

/** A model of a listing. */
export interface Wire {
  id: string;
  author?: string;
  downloads: number | null;
  likes?: number;
  licence?: string | null;
  gated?: string | boolean | null;
  /** pipeline_tag and library_name (not given when undefined). */
  task?: string | null;
  library?: string | null;
}

/** One listing line: the licence as a `license:` tag (no tag when null or absent). */
export function line(m: Wire): string {
  const tags = ["transformers", ...(m.licence ? [`license:${m.licence}`] : [])];
  const o: Record<string, unknown> = { id: m.id, downloads: m.downloads, likes: m.likes ?? 1, tags };
  if (m.author !== undefined) o.author = m.author;
  if (m.gated !== undefined) o.gated = m.gated;
  if (m.task !== undefined) o.pipeline_tag = m.task;
  if (m.library !== undefined) o.library_name = m.library;
  return JSON.stringify(o);
}

/** Loads each listing in order, as its date, through the store's load path. */
export async function loadAll(store: Store, dir: string, loads: ReadonlyArray<[string, Wire[]]>): Promise<void> {
  let n = 0;
  for (const [date, models] of loads) {
    n += 1;
    const file = path.join(dir, `load-${date}-${n}.jsonl`);
    writeFileSync(file, `${models.map(line).join("\n")}\n`);
    const s = await store.beginLoad();
    await s.stage({ path: file, format: "jsonl", label: file, defaultDate: date });
    await s.commit({ source: `test:rollups-${date}-${n}` });
  }
}
