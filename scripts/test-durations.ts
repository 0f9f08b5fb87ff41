/**
 * Writes test/support/durations.json from this checkout's Vitest results cache (node_modules/.vite/vitest/…/results.json,
 * written by every `vitest run`): each test file's duration in seconds, for the order a fresh clone starts them in
 * (test/support/sequencer.ts). Run after a whole `npm test`: `npm run test:durations`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DURATIONS_FILE } from "../test/support/sequencer.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const CACHE = path.join(ROOT, "node_modules/.vite/vitest");
const found = readdirSync(CACHE, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(CACHE, d.name, "results.json"));
const out: Record<string, number> = {};
for (const file of found) {
  let parsed: { results?: Array<[string, { duration?: number }]> };
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    continue;
  }
  // files that still exist (the cache keeps the results of deleted or renamed ones)
  for (const [key, r] of parsed.results ?? [])
    if (
      typeof r.duration === "number" &&
      r.duration > 0 &&
      existsSync(path.join(ROOT, key.slice(key.indexOf(":") + 1)))
    )
      out[key] = Math.round(r.duration / 100) / 10;
}
const keys = Object.keys(out).sort();
if (keys.length === 0) {
  console.error(`no Vitest results under ${CACHE}: run npm test first`);
  process.exit(1);
}
writeFileSync(DURATIONS_FILE, `${JSON.stringify(Object.fromEntries(keys.map((k) => [k, out[k]])), null, 2)}\n`);
console.log(`wrote ${keys.length} durations to ${path.relative(process.cwd(), DURATIONS_FILE)}`);
