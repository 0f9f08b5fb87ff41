/**
 * Rebuilds the leaderboard and OpenRouter-usage part of the committed sample from ../shared (see
 * data/sample/README.md), so `npm start` fills the "Open vs closed" and "Who serves the tokens" pages:
 *
 * 1. `data/sample/leaderboards/<folder>/<date>.csv.gz`: 21 LMArena text-leaderboard tables of
 *    ../shared/data/leaderboards (the five 2023 blog tables; nine tables of arena/ 2024-06 … 2025-08, about one a
 *    quarter plus the dates of data/claims/open-vs-closed.yaml; the 2026-01-16 table; six arena-extra days
 *    2025-10 … 2026-08-20, among them 2026-07-30, the last full table, whose licence labels the top-30 tables of
 *    August 2026 inherit). Each file's bytes unchanged, gzip-compressed; the folder names are the importer's (they
 *    give the board), the file names the dates.
 * 2. `data/sample/usage/openrouter/…`: OpenRouter token rankings of ../shared/data/usage/openrouter, same relative
 *    paths: seven CharlesLiuyx daily snapshots (the 7-day windows ending on the Sundays 2026-07-12 … 08-16 and the
 *    latest, 08-21; each also holds the 52-week chart with `Others`), copied unchanged (already gzip); the hashd1ve
 *    `view=day` rankings of every captured day (2026-07-30 … 08-21) with the `_manifest.json` that dates each capture,
 *    and the 2026-08-22 capture whole (week and month views, OpenRouter's model catalogue), copied unchanged; the
 *    102-week top-models series (`weekly_top_models_combined.csv`) and hanski319's monthly top 15 with week totals
 *    (`rankings-monthly.json`), gzip-compressed. The derived summaries (`summary_*`) are oracles and never copied.
 *
 * Prints one Markdown row per file (path, bytes shipped, sha256 of the original bytes) for data/sample/README.md.
 *
 * Usage: npx tsx scripts/make-sample-boards-usage.ts [SHARED_DIR]
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const shared = process.argv[2] ?? process.env.OMO_SHARED_DIR ?? path.resolve(import.meta.dirname, "../../shared");
const sampleDir = path.resolve(import.meta.dirname, "../data/sample");

/** The leaderboard tables kept, by folder of ../shared/data/leaderboards (file name = date). */
export const SAMPLE_BOARDS: Record<string, string[]> = {
  "arena-2023": ["2023-05-03", "2023-05-10", "2023-05-25", "2023-06-22", "2023-12-07"],
  arena: [
    "2024-06-19",
    "2024-07-31",
    "2024-09-28",
    "2024-11-23",
    "2024-12-31",
    "2025-01-24",
    "2025-03-28",
    "2025-06-18",
    "2025-08-04",
  ],
  "arena-2026": ["2026-01-16"],
  "arena-extra": ["2025-10-09", "2025-12-02", "2026-04-01", "2026-07-30", "2026-08-07", "2026-08-20"],
};

/** CharlesLiuyx daily snapshots kept (capture dates: the 7-day window ends the day before). */
export const SAMPLE_CHARLES_DAYS = [
  "2026-07-13",
  "2026-07-20",
  "2026-07-27",
  "2026-08-03",
  "2026-08-10",
  "2026-08-17",
  "2026-08-22",
];
/** The hashd1ve capture kept whole (the others: the day view and the manifest only). */
const HASHD1VE_WHOLE = "2026-08-22";

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const rows: string[] = [];

/** Copies `rel` (relative to `from`) to `to`/`rel`, unchanged, or gzip-compressed with `.gz` added. */
function ship(from: string, to: string, rel: string, gzip: boolean): void {
  const original = readFileSync(path.join(from, rel));
  const out = path.join(to, gzip ? `${rel}.gz` : rel);
  mkdirSync(path.dirname(out), { recursive: true });
  if (gzip) writeFileSync(out, gzipSync(original, { level: 9 }));
  else copyFileSync(path.join(from, rel), out);
  rows.push(`| \`${path.relative(sampleDir, out)}\` | ${statSync(out).size} | \`${sha256(original)}\` |`);
}

// 1. leaderboards
const boardsFrom = path.join(shared, "data/leaderboards");
const boardsTo = path.join(sampleDir, "leaderboards");
rmSync(boardsTo, { recursive: true, force: true });
for (const [folder, dates] of Object.entries(SAMPLE_BOARDS)) {
  for (const d of dates) ship(boardsFrom, boardsTo, `${folder}/${d}.csv`, true);
}

// 2. OpenRouter usage
const usageFrom = path.join(shared, "data/usage/openrouter");
const usageTo = path.join(sampleDir, "usage/openrouter");
rmSync(usageTo, { recursive: true, force: true });
for (const d of SAMPLE_CHARLES_DAYS) {
  ship(usageFrom, usageTo, `CharlesLiuyx__Token-Economy-Tracker/daily/${d}.json.gz`, false);
}
const raw = "hashd1ve__openrouter-pulse/raw";
for (const day of readdirSync(path.join(usageFrom, raw)).sort()) {
  const files =
    day === HASHD1VE_WHOLE
      ? readdirSync(path.join(usageFrom, raw, day)).sort()
      : ["_manifest.json", "rankings_models_day.json.gz"];
  for (const f of files) ship(usageFrom, usageTo, `${raw}/${day}/${f}`, false);
}
ship(usageFrom, usageTo, "weekly_top_models_combined.csv", true);
ship(usageFrom, usageTo, "hanski319__openrouter-token-data/rankings-monthly.json", true);

process.stdout.write(`| file | bytes | sha256 of the original |\n| --- | ---: | --- |\n${rows.join("\n")}\n`);
const total = rows.reduce((a, r) => a + Number(r.split("|")[2]), 0);
process.stdout.write(`\n${rows.length} files, ${total} bytes\n`);
