/**
 * Ingest benchmark (`npm run bench`): on the full 2024-07-11 Hub listing (760,000 models) from ../shared
 *  1. baseline: a raw DuckDB `read_json` of the file into a table of a fresh database file (same durability as omo);
 *     also, for reference, the same read into an in-memory table;
 *  2. `omo import` of the same file into a fresh database (normalise, lineage, atomic load);
 *  3. a crawl of the same listing served by `omo hub-serve` on loopback (pages of 1,000), stored as a snapshot.
 * Each measurement runs in its own child process so its peak RSS is its own. Writes bench/results/ingest.json.
 * `BENCH_SKIP_CRAWL=1` skips step 3 (for iterations on the import): the crawl section is then the previous result's,
 * marked `reusedFrom` with that result's date.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { childJson } from "./child-json.js";
import { rawReadJson } from "./raw-read.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const FILE = path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz");
const mode = process.argv[2];

/** What a child reports: wall time of the measured step and its own peak RSS. */
interface Measure {
  ms: number;
  maxRssMB: number;
  detail: Record<string, unknown>;
}

function report(ms: number, detail: Record<string, unknown>): void {
  const m: Measure = { ms, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), detail };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

/** One measurement in a child process of its own (`mode` and its arguments). */
const child = (args: string[]): Measure => childJson<Measure>(import.meta.filename, args);

async function rawRead(db: string): Promise<void> {
  const { ms, rows, downloads } = await rawReadJson(FILE, db);
  report(ms, { rows, downloads });
}

async function omoImport(db: string): Promise<void> {
  const { DuckDBStore } = await import("../src/store/duckdb/duckdb-store.js");
  const { importFiles } = await import("../src/ingest/import-files.js");
  const store = await DuckDBStore.open(db);
  const t = performance.now();
  const r = await importFiles(store, [FILE]);
  const ms = performance.now() - t;
  await store.close();
  report(ms, { snapshot: r.snapshots[0] });
}

async function omoCrawl(db: string, endpoint: string): Promise<void> {
  const { DuckDBStore } = await import("../src/store/duckdb/duckdb-store.js");
  const { crawl } = await import("../src/ingest/crawl.js");
  const store = await DuckDBStore.open(db);
  let walkMs = 0;
  const t = performance.now();
  const r = await crawl(store, {
    endpoint,
    date: "2024-07-11",
    spoolDir: `${db}.crawl`,
    onProgress: (p) => {
      if (p.done) walkMs = performance.now() - t;
    },
  });
  const ms = performance.now() - t;
  await store.close();
  report(ms, { pages: r.pages, models: r.models, walkMs: Math.round(walkMs), snapshot: r.snapshot });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Step 3: the Hub-compatible server in its own process, the crawler in another, `runs` times. */
async function crawlAll(runs: number, tmp: string): Promise<Measure[]> {
  const server = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "src/cli/run.ts"), "hub-serve", "--from", FILE],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    server.stdout.on("data", (d) => {
      buf += d;
      const m = /at (http:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1] as string);
    });
    server.on("exit", () => reject(new Error("hub-serve exited")));
  });
  const crawlRuns: Measure[] = [];
  try {
    for (let i = 0; i < runs; i++) crawlRuns.push(await child(["crawl", path.join(tmp, `crawl-${i}.duckdb`), url]));
  } finally {
    server.kill("SIGTERM");
  }
  return crawlRuns;
}

/** The crawl section of the result. */
function crawlSummary(crawlRuns: Measure[]) {
  const crawlMs = median(crawlRuns.map((m) => m.ms));
  const walkMs = median(crawlRuns.map((m) => Number(m.detail.walkMs)));
  return {
    medianMs: Math.round(crawlMs),
    modelsPerSecond: Math.round(760_000 / (crawlMs / 1000)),
    walkOnlyModelsPerSecond: Math.round(760_000 / (walkMs / 1000)),
    goalModelsPerSecond: 40_000,
    maxRssMB: Math.max(...crawlRuns.map((m) => m.maxRssMB)),
    pages: crawlRuns[0]?.detail.pages,
    snapshot: crawlRuns[0]?.detail.snapshot,
  };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omo-bench-"));
  try {
    if (mode === "raw") return await rawRead(process.argv[3] as string);
    if (mode === "import") return await omoImport(process.argv[3] as string);
    if (mode === "crawl") return await omoCrawl(process.argv[3] as string, process.argv[4] as string);
    const size = statSync(FILE).size;
    process.stdout.write(`input: ${FILE} (${size.toLocaleString("en-US")} bytes gzip, 760,000 models)\n`);
    const runs = Number(process.env.BENCH_RUNS ?? 3);
    const raw: Measure[] = [];
    const rawMem: Measure[] = [];
    const imp: Measure[] = [];
    for (let i = 0; i < runs; i++) {
      raw.push(await child(["raw", path.join(tmp, `raw-${i}.duckdb`)]));
      rawMem.push(await child(["raw", ":memory:"]));
      imp.push(await child(["import", path.join(tmp, `import-${i}.duckdb`)]));
      process.stdout.write(
        `run ${i + 1}: raw read_json→file ${Math.round(raw[i]?.ms ?? 0)} ms, →memory ${Math.round(rawMem[i]?.ms ?? 0)} ms, omo import ${Math.round(imp[i]?.ms ?? 0)} ms\n`,
      );
    }
    const resultFile = path.join(ROOT, "bench/results/ingest.json");
    const crawlRuns: Measure[] = [];
    if (process.env.BENCH_SKIP_CRAWL !== "1") crawlRuns.push(...(await crawlAll(runs, tmp)));
    const rawMs = median(raw.map((m) => m.ms));
    const rawMemMs = median(rawMem.map((m) => m.ms));
    const impMs = median(imp.map((m) => m.ms));
    const previous = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, "utf8")) : undefined;
    const crawlResult =
      crawlRuns.length === 0
        ? { ...previous?.crawl, reusedFrom: previous?.crawl?.reusedFrom ?? previous?.date }
        : crawlSummary(crawlRuns);
    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memGB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      input: { file: path.relative(ROOT, FILE), bytes: size, models: 760_000 },
      runs,
      baseline: {
        what: "DuckDB read_json of the file into a table of a fresh database file (CREATE TABLE AS + CHECKPOINT)",
        medianMs: Math.round(rawMs),
        maxRssMB: Math.max(...raw.map((m) => m.maxRssMB)),
        inMemoryMedianMs: Math.round(rawMemMs),
      },
      import: {
        medianMs: Math.round(impMs),
        ratioToBaseline: Number((impMs / rawMs).toFixed(2)),
        /** import / baseline of the same run (they ran back to back), one per run: steadier on a busy machine. */
        pairedRatios: imp.map((m, i) => Number((m.ms / (raw[i]?.ms ?? m.ms)).toFixed(2))),
        ratioToInMemoryRead: Number((impMs / rawMemMs).toFixed(2)),
        goalRatio: 1.3,
        maxRssMB: Math.max(...imp.map((m) => m.maxRssMB)),
        goalRssMB: 600,
        snapshot: imp[0]?.detail.snapshot,
      },
      crawl: crawlResult,
      all: { raw, rawMem, import: imp, crawl: crawlRuns.length > 0 ? crawlRuns : previous?.all?.crawl },
    };
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `${[
        `baseline read_json→file: ${result.baseline.medianMs} ms (→memory ${result.baseline.inMemoryMedianMs} ms)`,
        `omo import:             ${result.import.medianMs} ms = ${result.import.ratioToBaseline}× baseline (goal ≤ 1.3×), ${result.import.ratioToInMemoryRead}× the in-memory read; peak RSS ${result.import.maxRssMB} MB (goal ≤ 600)`,
        `crawl via hub-serve:    ${result.crawl.reusedFrom ? `(not run: the result of ${result.crawl.reusedFrom}) ` : ""}${result.crawl.modelsPerSecond} models/s end to end (walk alone ${result.crawl.walkOnlyModelsPerSecond}/s; goal ≥ 40,000); peak RSS ${result.crawl.maxRssMB} MB`,
        "written: bench/results/ingest.json",
      ].join("\n")}\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
