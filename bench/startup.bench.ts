/**
 * Start-up benchmark (`npm run bench:startup`): whole-process wall time of the `omo` command as users run it
 * (`node bin/omo.js`, the bundled CLI) for `--help`, `--version` and `org lmsys --match vicuna` on a DuckDB store
 * holding the full 2024-07-11 listing (760,000 models, imported first from ../shared), beside `node -e 0` measured in
 * the same run, interleaved run by run so the ratios hold when the machine's speed drifts. Goals (2-core reference
 * machine): `--help` and `--version` within 0.3 s, the org query within 0.5 s. Prints and writes
 * bench/results/startup.json (median, min, max of each, and the median of the paired ratios to `node -e 0`).
 *
 * Also what a write costs now that writers work on a copy of the store (src/store/duckdb/write.ts): `omo import` of
 * 48 models into that full store, beside a plain copy of the store file (`cp`) in the same run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spread } from "./spread.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const LISTING = path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BIN = path.join(ROOT, "bin/omo.js");
const GOALS_S: Record<string, number> = { help: 0.3, version: 0.3, "org lmsys --match vicuna": 0.5 };

function timeOnce(args: string[], env: NodeJS.ProcessEnv): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return s;
}

async function main(): Promise<void> {
  if (!existsSync(LISTING)) throw new Error(`the full listing is needed: ${LISTING}`);
  if (!existsSync(path.join(ROOT, "dist/cli-bundle/run.mjs"))) throw new Error("run `npm run build` first");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omo-bench-startup-"));
  const db = path.join(tmp, "full.duckdb");
  try {
    process.stderr.write(`importing ${LISTING} into ${db}\n`);
    execFileSync(process.execPath, [BIN, "--db", db, "import", LISTING], { stdio: ["ignore", "ignore", "inherit"] });
    const env = { ...process.env, OMO_DB: db, NO_COLOR: "1" };
    const cases: Record<string, string[]> = {
      help: [BIN, "--help"],
      version: [BIN, "--version"],
      "org lmsys --match vicuna": [BIN, "org", "lmsys", "--match", "vicuna"],
    };
    const baseline: number[] = [];
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    const ratios: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    // one warm-up of each, then interleaved runs
    timeOnce(["-e", "0"], env);
    for (const a of Object.values(cases)) timeOnce(a, env);
    for (let i = 0; i < RUNS; i++) {
      const b = timeOnce(["-e", "0"], env);
      baseline.push(b);
      for (const [name, args] of Object.entries(cases)) {
        const t = timeOnce(args, env);
        times[name]?.push(t);
        ratios[name]?.push(t / b);
      }
    }
    // the cost of writing through a copy: a small import into the full store, and a plain cp of its file
    const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");
    const imports: number[] = [];
    const copies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      execFileSync("cp", [db, path.join(tmp, "copy.duckdb")]);
      copies.push(Number(process.hrtime.bigint() - t) / 1e9);
      imports.push(timeOnce([BIN, "import", SUBSET, "--date", `2024-08-0${i + 1}`], env));
    }
    const results = {
      measured: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      store: { file: "full 2024-07-11 listing (760,000 models) imported by omo", runs: RUNS },
      baseline: { command: "node -e 0", wallSeconds: spread(baseline) },
      write: {
        what: "omo import of 48 models (a new date) into the store holding the full listing",
        storeBytes: statSync(db).size,
        importSeconds: spread(imports),
        plainCopySeconds: spread(copies),
      },
      commands: Object.keys(cases).map((name) => {
        const wall = spread(times[name] as number[]);
        const goal = GOALS_S[name] as number;
        return {
          command: `omo ${name === "help" || name === "version" ? `--${name}` : name}`,
          wallSeconds: wall,
          ratioToNodeMedian: spread(ratios[name] as number[]).median,
          goalSeconds: goal,
          met: wall.median <= goal,
        };
      }),
    };
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench/results/startup.json"), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
