#!/usr/bin/env node
// `npm start`: loads the committed sample into ./omo.duckdb (if absent) and shows what omo answers.
// Each step is the `omo` command a user would type; the dashboard issue will make this serve the web page.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "omo.js");
const db = process.env.OMO_DB ?? "omo.duckdb";
const sample = path.join(root, "data", "sample", "models-2024-07-11.jsonl.gz");

function omo(...args) {
  process.stdout.write(`\n$ omo ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: "inherit", env: { ...process.env, OMO_DB: db } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(db)) omo("import", path.relative(process.cwd(), sample));
else process.stdout.write(`${db} exists: using it (delete it to reload the sample)\n`);
omo("snapshots");
omo("top", "--limit", "10");
omo("org", "lmsys", "--match", "vicuna");
omo("org", "meta-llama", "--match", "llama-2");
process.stdout.write("\nTry: npx omo --help\n");
