/**
 * API benchmark (`npm run bench:api`), on the committed sample: autocannon (10 connections, 10 s each) against a
 * cached API route (`/api/orgs/lmsys?match=vicuna`) and, in the same run, against a bare Fastify route answering a
 * constant JSON, both served by a child process so the load generator does not share the server's event loop.
 * Prints and writes bench/results/api.json: requests per second and p99 latency of both (goal: the cached route at
 * least 3,000 req/s with p99 at most 20 ms on the 2-core reference machine).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import { importFiles } from "../src/ingest/import-files.js";
import { buildApp } from "../src/server/app.js";
import { openLive } from "../src/store/live.js";
import { writeStore } from "../src/store/open.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SAMPLE = path.join(ROOT, "data/sample/models-2024-07-11.jsonl.gz");
const ROUTE = "/api/orgs/lmsys?match=vicuna";
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const GOALS = { requestsPerSecond: 3000, p99Ms: 20 };

/** The part of autocannon's result this benchmark reads. */
interface CannonResult {
  requests: { average: number; total: number };
  latency: { average: number; p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Cannon = (o: { url: string; connections: number; duration: number; pipelining?: number }) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

/** The server side, in a child process: the API on the sample and a bare Fastify app; prints both ports. */
async function child(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omo-bench-api-"));
  // the API as `omo serve` runs it: the store opened read-only and followed as writers swap new files in
  const file = path.join(tmp, "api.duckdb");
  await writeStore(file, (s) => importFiles(s, [SAMPLE]));
  const store = await openLive(file);
  const api = await buildApp({ store, rateLimit: false, webRoot: null });
  await api.listen({ port: 0, host: "127.0.0.1" });
  const bare = Fastify({ logger: false });
  const constant = { ok: true, author: "lmsys", repos: 13, downloads: 695234 };
  bare.get("/const", async () => constant);
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const port = (a: ReturnType<typeof api.server.address>) => (typeof a === "object" && a ? a.port : 0);
  process.stdout.write(`${JSON.stringify({ api: port(api.server.address()), bare: port(bare.server.address()) })}\n`);
  const stop = async () => {
    await api.close();
    await bare.close();
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

function startChild(): Promise<{ proc: ChildProcess; ports: { api: number; bare: number } }> {
  const proc = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buf = "";
    proc.stdout?.on("data", (d) => {
      buf += d;
      const line = buf.split("\n")[0];
      if (buf.includes("\n") && line) resolve({ proc, ports: JSON.parse(line) });
    });
    proc.on("exit", (code) => reject(new Error(`server process exited with ${code}`)));
  });
}

function summary(r: CannonResult) {
  return {
    requestsPerSecond: Math.round(r.requests.average),
    requests: r.requests.total,
    latencyMs: { average: r.latency.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

async function main(): Promise<void> {
  const { proc, ports } = await startChild();
  try {
    const apiUrl = `http://127.0.0.1:${ports.api}${ROUTE}`;
    const bareUrl = `http://127.0.0.1:${ports.bare}/const`;
    // warm up: fill the response cache and the JIT
    await autocannon({ url: apiUrl, connections: CONNECTIONS, duration: 1 });
    await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: 1 });
    const bare = summary(await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: DURATION_S }));
    const cached = summary(await autocannon({ url: apiUrl, connections: CONNECTIONS, duration: DURATION_S }));
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      setup: { input: "data/sample/models-2024-07-11.jsonl.gz", connections: CONNECTIONS, durationS: DURATION_S },
      goals: GOALS,
      cachedRoute: { route: ROUTE, ...cached },
      bareFastify: { route: "/const (constant JSON)", ...bare },
      ratioToBare: Math.round((100 * cached.requestsPerSecond) / Math.max(1, bare.requestsPerSecond)) / 100,
      meetsGoals: cached.requestsPerSecond >= GOALS.requestsPerSecond && cached.latencyMs.p99 <= GOALS.p99Ms,
    };
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench/results/api.json"), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      [
        `cached ${ROUTE}: ${cached.requestsPerSecond} req/s, p99 ${cached.latencyMs.p99} ms (${cached.non2xx} non-2xx)`,
        `bare Fastify constant JSON: ${bare.requestsPerSecond} req/s, p99 ${bare.latencyMs.p99} ms`,
        `goal ≥ ${GOALS.requestsPerSecond} req/s and p99 ≤ ${GOALS.p99Ms} ms: ${result.meetsGoals ? "met" : "NOT met"}`,
        "written to bench/results/api.json\n",
      ].join("\n"),
    );
  } finally {
    proc.removeAllListeners("exit");
    proc.kill("SIGTERM");
  }
}

if (process.argv.includes("--child")) await child();
else await main();
