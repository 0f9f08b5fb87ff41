#!/usr/bin/env node
// `npm start`: loads the committed sample into ./omo.duckdb (if absent), shows what omo answers, then serves the
// dashboard and the JSON API (`omo serve`) and prints its URL. Each step is the `omo` command a user would type.
import { spawn, spawnSync } from "node:child_process";
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
omo("family", "llama-2");
process.stdout.write("\nTry: npx omo --help\n");
const port = process.env.PORT ?? "8080";
process.stdout.write(`\n$ omo serve --port ${port}\n`);
const server = spawn(process.execPath, [bin, "serve", "--port", port], {
  stdio: "inherit",
  env: { ...process.env, OMO_DB: db },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
