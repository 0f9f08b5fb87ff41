/**
 * Where DuckDB's import of the full listing spends its time (issue 15, goal: the import ≤ 1.3× a raw `read_json` of
 * the same file into a table of a fresh database file). `npm run bench:import-profile`: `OMO_PROFILE_RUNS` (default 3)
 * pairs, each the baseline (bench/raw-read.ts, as bench/ingest.bench.ts: `CREATE TABLE AS SELECT * FROM read_json`, CHECKPOINT) then
 * `importFiles` into a fresh store with every statement the store sends timed, each in its own process.
 * Each statement is put in one step of the import, in the order the load runs them: before the load's transaction, the
 * file read (read and normalised into the staging table) and the staged checks (duplicates, malformed rows, the staged
 * links, the re-upload rule, memory budgets); inside the transaction by what the statement writes or reads (model rows, statistics, lineage links, roll-ups,
 * family walks, snapshot row, commit). Prints the median of each step and writes bench/results/import-profile.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBConnection } from "@duckdb/node-api";
import { childJson } from "./child-json.js";
import { STEPS, type Step, stepOf } from "./import-steps.js";
import { rawReadJson } from "./raw-read.js";
import { spread } from "./spread.js";

const median = (xs: readonly number[]): number => spread(xs).median;

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const FILE = path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz");
const RUNS = Number(process.env.OMO_PROFILE_RUNS ?? 3);

interface Timed {
  sql: string;
  ms: number;
  step: Step | "other";
  /** The time in the process (JavaScript, result rows read) after the statement, until the next one began. */
  afterMs: number;
}

interface Profile {
  ms: number;
  statements: Timed[];
  /** From the import's call to its first statement. */
  beforeMs: number;
}

/** The import with every statement timed (DuckDBConnection.run: runAndReadAll goes through it). */
async function profiledImport(db: string): Promise<Profile> {
  const statements: Timed[] = [];
  let inTransaction = false;
  let lastEnd = 0;
  let firstStart: number | null = null;
  const proto = DuckDBConnection.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const run = proto.run as (...a: unknown[]) => Promise<unknown>;
  proto.run = async function (this: unknown, ...args: unknown[]) {
    const sql = String(args[0]);
    if (/^\s*BEGIN TRANSACTION/.test(sql)) inTransaction = true;
    const step = stepOf(sql, inTransaction);
    const t = performance.now();
    firstStart ??= t;
    const previous = statements.at(-1);
    if (previous) previous.afterMs = t - lastEnd;
    try {
      return await run.apply(this, args);
    } finally {
      lastEnd = performance.now();
      statements.push({ sql: sql.replace(/\s+/g, " ").slice(0, 100), ms: lastEnd - t, step, afterMs: 0 });
      if (/^\s*(COMMIT|ROLLBACK)/.test(sql)) inTransaction = false;
    }
  };
  const { DuckDBStore } = await import("../src/store/duckdb/duckdb-store.js");
  const { importFiles } = await import("../src/ingest/import-files.js");
  const store = await DuckDBStore.open(db);
  statements.length = 0;
  firstStart = null;
  const t = performance.now();
  await importFiles(store, [FILE]);
  const ms = performance.now() - t;
  const last = statements.at(-1);
  if (last) last.afterMs = t + ms - lastEnd;
  await store.close();
  return { ms, statements, beforeMs: (firstStart ?? t + ms) - t };
}

async function childMain(mode: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "omo-import-profile-"));
  try {
    const db = path.join(dir, "store.duckdb");
    const out = mode === "baseline" ? { ms: (await rawReadJson(FILE, db)).ms } : await profiledImport(db);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const child = <T>(mode: string): T => childJson<T>(import.meta.filename, [mode]);

function main(): void {
  const baselines: number[] = [];
  const imports: Profile[] = [];
  for (let r = 0; r < RUNS; r++) {
    baselines.push(child<{ ms: number }>("baseline").ms);
    imports.push(child<Profile>("import"));
    process.stdout.write(
      `pair ${r + 1}: baseline ${baselines[r]?.toFixed(0)} ms, import ${imports[r]?.ms.toFixed(0)} ms\n`,
    );
  }
  const inStep = (i: Profile, step: string) => i.statements.filter((s) => s.step === step);
  const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);
  const base = median(baselines);
  const total = median(imports.map((i) => i.ms));
  const steps = [...STEPS, "other" as const].map((step) => ({
    step,
    statementsMs: Math.round(median(imports.map((i) => sum(inStep(i, step).map((s) => s.ms))))),
    afterMs: Math.round(median(imports.map((i) => sum(inStep(i, step).map((s) => s.afterMs))))),
    statements: imports[0] ? inStep(imports[0], step).length : 0,
  }));
  const beforeMs = Math.round(median(imports.map((i) => i.beforeMs)));
  const others = imports[0]?.statements.filter((s) => s.step === "other").map((s) => s.sql) ?? [];
  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    input: { file: path.relative(ROOT, FILE), models: 760_000 },
    runs: RUNS,
    baselineMedianMs: Math.round(base),
    importMedianMs: Math.round(total),
    ratio: Math.round((total / base) * 100) / 100,
    goal: { ratio: 1.3, ms: Math.round(base * 1.3) },
    beforeFirstStatementMs: beforeMs,
    steps,
    otherStatements: others,
    all: { baselines: baselines.map(Math.round), imports: imports.map((i) => Math.round(i.ms)) },
  };
  writeFileSync(path.join(ROOT, "bench/results/import-profile.json"), `${JSON.stringify(result, null, 1)}\n`);
  process.stdout.write(
    `\nbaseline ${result.baselineMedianMs} ms, import ${result.importMedianMs} ms = ${result.ratio}× (goal 1.3×: ${result.goal.ms} ms)\n`,
  );
  process.stdout.write(`before the first statement ${beforeMs} ms\n`);
  for (const s of steps)
    process.stdout.write(
      `${s.step.padEnd(14)} ${String(s.statementsMs).padStart(6)} ms in ${s.statements} statements, ${s.afterMs} ms in the process after them\n`,
    );
  if (others.length > 0) process.stdout.write(`other: ${others.join(" | ")}\n`);
}

const mode = process.argv[2];
if (mode) await childMain(mode);
else main();
