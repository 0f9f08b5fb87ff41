#!/usr/bin/env node
// `npm start`: loads the committed sample into ./omo.duckdb (if absent) — a cut of the 2024-07-11 Hub listing and 16
// daily trending lists of August 2026, each snapshot recorded as partial with how it was selected; 21 LMArena tables
// 2023-05 … 2026-08 (open vs closed); OpenRouter token usage of 2024-09 … 2026-08 (who serves the tokens); see
// data/sample/README.md — shows what omo answers, then serves the dashboard and the JSON API (`omo serve`) and prints its URL. Each step is
// the `omo` command a user would type.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "omo.js");
const db = process.env.OMO_DB ?? "omo.duckdb";
const sampleDir = path.join(root, "data", "sample");
const sample = path.join(sampleDir, "models-2024-07-11.jsonl.gz");
const daily = readdirSync(path.join(sampleDir, "daily-2026-08"))
  .filter((f) => f.endsWith(".json.gz"))
  .sort()
  .map((f) => path.join(sampleDir, "daily-2026-08", f));
const boards = path.join(sampleDir, "leaderboards");
const usage = path.join(sampleDir, "usage", "openrouter");

function omo(...args) {
  process.stdout.write(`\n$ omo ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: "inherit", env: { ...process.env, OMO_DB: db } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(db)) {
  omo(
    "import",
    path.relative(process.cwd(), sample),
    "--coverage-how",
    "sample cut of the 2024-07-11 listing: top 5,000 by downloads, 13 organisations whole, the lineage of every shipped family",
  );
  omo(
    "import",
    ...daily.map((f) => path.relative(process.cwd(), f)),
    "--coverage-how",
    "daily trending list of about 530 popular models (github.com/namhyeokwoo/huggingface-trending)",
  );
  // after the Hub snapshots: leaderboard entries and OpenRouter ids are matched to the Hub repos the store knows
  omo("leaderboard", "import", path.relative(process.cwd(), boards));
  omo("usage", "import", path.relative(process.cwd(), usage));
} else process.stdout.write(`${db} exists: using it (delete it to reload the sample)\n`);
omo("snapshots");
omo("top", "--limit", "10");
// the 2026 trending lists do not list the 2023 models: these two read the July-2024 cut
omo("org", "lmsys", "--match", "vicuna", "--date", "2024-07-11");
omo("org", "meta-llama", "--match", "llama-2", "--date", "2024-07-11");
omo("family", "llama-2");
omo("leaderboard", "gap", "--from", "2025-01-01");
omo("usage", "share", "--period", "7d", "--from", "2026-07-01");
process.stdout.write("\nTry: npx omo --help\n");
const port = process.env.PORT ?? "8080";
process.stdout.write(`\n$ omo serve --port ${port}\n`);
const server = spawn(process.execPath, [bin, "serve", "--port", port], {
  stdio: "inherit",
  env: { ...process.env, OMO_DB: db },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
