/**
 * Rebuilds the committed sample from ../shared (see data/sample/README.md):
 *
 * 1. `data/sample/models-2024-07-11.jsonl.gz`: the lines of the full 2024-07-11 Hub listing that are in the top
 *    5,000 by downloads, belong to one of the sample organisations, or belong to the lineage of any shipped family
 *    (data/families: its official repos and every repo reached from them through base_model tags, at any depth,
 *    and through the re-upload rule of data/reuploaders.yaml); unchanged, in file order. Every family therefore has
 *    in the sample the repos and downloads it has in the full listing, so family comparisons are not skewed by the
 *    cut.
 * 2. `data/sample/daily-2026-08/YYYY-MM-DD.json.gz`: the 16 daily trending lists of 2026-08-07 … 2026-08-22
 *    (../shared/data/hub/daily-2026-08), each file's bytes unchanged, gzip-compressed.
 *
 * Usage: npx tsx scripts/make-sample.ts [SHARED_DIR]
 */
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip, gzipSync } from "node:zlib";
import { loadAliases } from "../src/domain/aliases.js";
import { isOfficial, loadFamilies } from "../src/domain/families.js";
import { loadReuploaders, reuploadLinks } from "../src/domain/reuploads.js";
import { readLineBatches } from "../src/formats/lines.js";

const shared = process.argv[2] ?? process.env.OMO_SHARED_DIR ?? path.resolve(import.meta.dirname, "../../shared");
const input = path.join(shared, "data/hub/2024-07-11/models.jsonl.gz");
const dailyDir = path.join(shared, "data/hub/daily-2026-08");
const sampleDir = path.resolve(import.meta.dirname, "../data/sample");
const output = path.join(sampleDir, "models-2024-07-11.jsonl.gz");

/** Organisations kept whole. */
export const SAMPLE_AUTHORS = new Set([
  "meta-llama",
  "lmsys",
  "mistralai",
  "TheBloke",
  "tiiuae",
  "Qwen",
  "mosaicml",
  "google",
  "microsoft",
  "bigscience",
  "stabilityai",
  "openai",
  "deepseek-ai",
]);
const TOP = 5000;

/** Reads the listing's lines one by one (with their 1-based number), through omo's one line reader. */
async function* lines(): AsyncGenerator<[number, string]> {
  for await (const batch of readLineBatches(input)) for (const l of batch) yield [l.line, l.text];
}

const families = await loadFamilies();
const aliases = await loadAliases();
const reuploaders = await loadReuploaders();
const reuploaderSet = new Set(reuploaders.reuploaders.map((r) => r.author.toLowerCase()));
const familyAuthors = new Set(families.flatMap((f) => f.official.map((r) => r.author.toLowerCase())));

// pass 1: the lineage graph (parent key → child keys) from base_model tags, the official repos, re-upload links
const children = new Map<string, string[]>();
const official: string[] = [];
const candidates: Array<{ date: string; key: string; id: string }> = [];
const targets: Array<{ key: string; id: string }> = [];
for await (const [, line] of lines()) {
  const o = JSON.parse(line) as { id: string; tags?: string[] };
  const key = o.id.toLowerCase();
  const author = key.slice(0, key.indexOf("/"));
  let linked = false;
  for (const t of o.tags ?? []) {
    if (!t.startsWith("base_model:")) continue;
    let parent = t
      .slice(11)
      .replace(/^(finetune|adapter|quantized|merge):/, "")
      .trim();
    parent = aliases.get(parent.toLowerCase()) ?? parent;
    const p = parent.toLowerCase();
    if (p === "" || p === key) continue;
    linked = true;
    const list = children.get(p);
    if (list) list.push(key);
    else children.set(p, [key]);
  }
  if (families.some((f) => isOfficial(f, o.id))) official.push(key);
  if (familyAuthors.has(author)) targets.push({ key, id: o.id });
  if (reuploaderSet.has(author) && o.tags && !linked) candidates.push({ date: "2024-07-11", key, id: o.id });
}
for (const l of reuploadLinks(candidates, targets, reuploaders, families)) {
  const list = children.get(l.parentKey);
  if (list) list.push(l.childKey);
  else children.set(l.parentKey, [l.childKey]);
}
const lineage = new Set<string>(official);
let frontier = [...official];
while (frontier.length > 0) {
  const next: string[] = [];
  for (const k of frontier)
    for (const c of children.get(k) ?? []) {
      if (lineage.has(c)) continue;
      lineage.add(c);
      next.push(c);
    }
  frontier = next;
}

// pass 2: the kept lines, unchanged, in file order
let kept = 0;
const reasons = { top: 0, org: 0, lineage: 0 };
async function* pick(): AsyncGenerator<string> {
  for await (const [n, line] of lines()) {
    const id = (JSON.parse(line) as { id: string }).id;
    const author = id.split("/")[0] ?? "";
    const top = n <= TOP;
    const org = SAMPLE_AUTHORS.has(author);
    const fam = lineage.has(id.toLowerCase());
    if (!(top || org || fam)) continue;
    kept += 1;
    if (top) reasons.top += 1;
    else if (org) reasons.org += 1;
    else reasons.lineage += 1;
    yield `${line}\n`;
  }
}
await pipeline(Readable.from(pick()), createGzip({ level: 9 }), createWriteStream(output));
process.stdout.write(
  `wrote ${output}: ${kept} lines (top ${TOP}: ${reasons.top}; organisations beyond: ${reasons.org}; family lineage beyond: ${reasons.lineage}; lineage of ${families.length} families: ${lineage.size} repos)\n`,
);

// the daily lists of August 2026, unchanged, gzip-compressed
const out = path.join(sampleDir, "daily-2026-08");
mkdirSync(out, { recursive: true });
for (const f of readdirSync(dailyDir).filter((x) => /^\d{4}-\d{2}-\d{2}\.json$/.test(x))) {
  writeFileSync(path.join(out, `${f}.gz`), gzipSync(readFileSync(path.join(dailyDir, f)), { level: 9 }));
}
process.stdout.write(`wrote ${out}: ${readdirSync(out).length} files\n`);
