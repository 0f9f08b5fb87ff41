/**
 * `npm run faults`: kill -9 at random moments, counted (not part of `npm test`: it takes minutes and needs ../shared).
 *
 * 1. imports: 20 imports of the full 2024-07-11 listing (760,000 models) into a store that already holds a snapshot,
 *    each killed at a random moment of its run (uniform over the length of an undisturbed import, measured first);
 * 2. crawls: 20 crawls of the committed sample (59,134 models, pages of 1,000) served by `omo hub-serve` with
 *    injected faults (429, 5xx, drops, truncated pages), each killed at a random moment, then `omo ingest --resume` to the end; the result is compared
 *    with an undisturbed crawl;
 * 3. collects while serving: `omo serve` answers a poller throughout while 20 imports of new dates into the same store
 *    are killed at random moments.
 *
 * It prints, and writes to bench/results/faults.json: partial snapshots visible, stores that do not open, earlier
 * snapshots lost, resumed crawls that differ from an undisturbed one, API answers from a half-written snapshot.
 * Goal: all zero. `FAULT_TRIALS` changes the number of trials per part; `FAULT_SEED` the random moments;
 * `FAULT_PARTS` (imports,crawls,serve) runs some parts and keeps the others' last results in the file.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const FULL = path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz");
const SAMPLE = path.join(ROOT, "data/sample/models-2024-07-11.jsonl.gz");
const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");
const BIN = path.join(ROOT, "bin/omo.js");
const TRIALS = Number(process.env.FAULT_TRIALS ?? 20);

/** A small seeded generator (mulberry32), so a run can be repeated. */
let seed = Number(process.env.FAULT_SEED ?? 20261202) >>> 0;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function start(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<Run>; printed: () => string } {
  const t0 = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<Run>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 })),
  );
  return { child, done, printed: () => stdout };
}

/** Waits (a bounded number of checks) until a started process prints a line matching `re`; returns the match. */
async function printedMatch(p: { printed: () => string }, re: RegExp): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const m = re.exec(p.printed());
    if (m) return m[1] as string;
    await sleep(100);
  }
  throw new Error(`no line matching ${re} was printed`);
}

const omo = (args: string[], env: Record<string, string>) => start(args, env).done;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `args` and kills it with SIGKILL after `afterMs` (if it is still running). */
async function killedAt(args: string[], env: Record<string, string>, afterMs: number): Promise<Run> {
  const { child, done } = start(args, env);
  const timer = setTimeout(() => child.kill("SIGKILL"), afterMs);
  const r = await done;
  clearTimeout(timer);
  return r;
}

type Snap = { date: string; status: string; models: number; downloads: number };

async function snapshots(env: Record<string, string>): Promise<Snap[] | null> {
  const r = await omo(["snapshots", "--json"], env);
  if (r.code !== 0) return null;
  return JSON.parse(r.stdout) as Snap[];
}

function leftovers(db: string): number {
  const dir = path.dirname(db);
  return readdirSync(dir).filter((n) => n.startsWith(`${path.basename(db)}.next-`)).length;
}

/** Imports the committed sample under `date` into a new store and returns the snapshot it made (the reference). */
async function seedStore(env: Record<string, string>, date: string): Promise<Snap> {
  if ((await omo(["import", SAMPLE, "--date", date], env)).code !== 0) throw new Error("seed import failed");
  const snap = (await snapshots(env))?.find((s) => s.date === date);
  if (!snap) throw new Error("the seed snapshot is not listed");
  return snap;
}

/** Part 1: imports of the full listing killed at random moments. */
async function imports(tmp: string) {
  const db = path.join(tmp, "imports.duckdb");
  const env = { OMO_DB: db };
  const full = { date: "2024-07-11", models: 760_000, downloads: 1_838_905_161 };
  const earlier = await seedStore(env, "2024-07-01");
  // an undisturbed import into a copy gives the length the kills are spread over
  const probeDb = path.join(tmp, "probe.duckdb");
  await omo(["import", SAMPLE, "--date", earlier.date], { OMO_DB: probeDb });
  const probe = await omo(["import", FULL, "--date", full.date], { OMO_DB: probeDb });
  if (probe.code !== 0) throw new Error(`undisturbed import failed: ${probe.stderr}`);
  const span = probe.ms;
  const counts = {
    trials: 0,
    killed: 0,
    finished: 0,
    partialVisible: 0,
    notOpening: 0,
    earlierLost: 0,
    leftoverCopies: 0,
  };
  for (let i = 0; i < TRIALS; i++) {
    const at = Math.floor(random() * span * 1.05);
    const r = await killedAt(["import", FULL, "--date", full.date], env, at);
    counts.trials++;
    if (r.signal === "SIGKILL") counts.killed++;
    else if (r.code === 0) counts.finished++;
    const snaps = await snapshots(env);
    if (!snaps) {
      counts.notOpening++;
      continue;
    }
    const e = snaps.find((s) => s.date === earlier.date);
    if (!e || e.models !== earlier.models || e.downloads !== earlier.downloads) counts.earlierLost++;
    for (const s of snaps) {
      const known = s.date === earlier.date ? earlier : s.date === full.date ? full : null;
      if (s.status !== "complete" || !known || s.models !== known.models || s.downloads !== known.downloads) {
        counts.partialVisible++;
      }
    }
    counts.leftoverCopies += leftovers(db);
    process.stderr.write(
      `import ${i + 1}/${TRIALS}: killed at ${at} ms of ~${span} ms → ${r.signal ?? `exit ${r.code}`}; ${snaps.map((s) => `${s.date}:${s.models}`).join(" ")}\n`,
    );
  }
  return { undisturbedMs: span, ...counts };
}

/** Part 2: crawls through faults killed at random moments, then resumed. */
async function crawls(tmp: string) {
  const hub = start(
    ["hub-serve", "--from", SAMPLE, "--port", "0", "--page-size", "1000", "--faults", "rate=0.08:seed=7"],
    {},
  );
  const url = await printedMatch(hub, /(http:\/\/127\.0\.0\.1:\d+)/);
  // pages of 1,000 (the Hub's largest): ~60 pages of the 59,134-model sample, each one a moment a kill can hit
  const args = ["ingest", "--endpoint", url, "--date", "2024-07-11", "--page-size", "1000", "--timeout", "5000"];
  const calmDb = path.join(tmp, "calm.duckdb");
  const calm = await omo(args, { OMO_DB: calmDb });
  if (calm.code !== 0) throw new Error(`undisturbed crawl failed: ${calm.stderr}`);
  const reference = (await omo(["top", "--limit", "100000", "--json"], { OMO_DB: calmDb })).stdout;
  const calmModels = (await snapshots({ OMO_DB: calmDb }))?.[0]?.models;
  const counts = { trials: 0, killed: 0, resumedDiffering: 0, notOpening: 0, partialVisible: 0 };
  for (let i = 0; i < TRIALS; i++) {
    const db = path.join(tmp, `crawl-${i}.duckdb`);
    const env = { OMO_DB: db };
    const at = Math.floor(random() * calm.ms);
    const r = await killedAt(args, env, at);
    counts.trials++;
    if (r.signal === "SIGKILL") counts.killed++;
    // what a reader sees right after the kill: nothing, or the whole snapshot
    const after = await snapshots(env);
    if (!after) counts.notOpening++;
    else if (after.some((s) => s.status !== "complete" || s.models !== calmModels)) counts.partialVisible++;
    if (r.signal === "SIGKILL") {
      const resumed = await omo([...args, "--resume"], env);
      if (resumed.code !== 0 && !/nothing to resume: .* is complete/.test(resumed.stderr)) {
        counts.resumedDiffering++;
        process.stderr.write(`crawl ${i + 1}: resume failed: ${resumed.stderr.trim().split("\n").at(-1)}\n`);
        continue;
      }
    }
    const top = (await omo(["top", "--limit", "100000", "--json"], env)).stdout;
    if (top !== reference) counts.resumedDiffering++;
    process.stderr.write(
      `crawl ${i + 1}/${TRIALS}: killed at ${at} ms of ~${calm.ms} ms → ${r.signal ?? `exit ${r.code}`}\n`,
    );
    rmSync(db, { force: true });
  }
  hub.child.kill("SIGTERM");
  return { undisturbedMs: calm.ms, ...counts };
}

/** Part 3: imports of new dates killed at random moments while `omo serve` answers a poller. */
async function collectsWhileServing(tmp: string) {
  const db = path.join(tmp, "served.duckdb");
  const env = { OMO_DB: db };
  const earlier = await seedStore(env, "2024-07-01");
  const server = start(["serve", "--port", "0"], env);
  const url = await printedMatch(server, /serving (http:\/\/\S+)/);
  // the figures of every snapshot that was ever complete: date → models
  const complete = new Map<string, number>([[earlier.date, earlier.models]]);
  const answers: Array<{ date: string | null; models: number }> = [];
  let polling = true;
  let failures = 0;
  const poller = (async () => {
    while (polling) {
      try {
        const h = (await (await fetch(`${url}/api/health`)).json()) as { date: string | null; models: number };
        answers.push(h);
      } catch {
        failures++;
      }
      await sleep(20);
    }
  })();
  const probe = await omo(["import", SUBSET, "--date", "2024-08-01"], env);
  complete.set("2024-08-01", 48);
  const counts = { trials: 0, killed: 0, halfWrittenAnswers: 0, failedRequests: 0, answers: 0, earlierLost: 0 };
  for (let i = 0; i < TRIALS; i++) {
    const date = `2024-08-${String(i + 2).padStart(2, "0")}`;
    const at = Math.floor(random() * probe.ms * 1.1);
    const r = await killedAt(["import", SUBSET, "--date", date], env, at);
    counts.trials++;
    if (r.signal === "SIGKILL") counts.killed++;
    else if (r.code === 0) complete.set(date, 48);
    const snaps = await snapshots(env);
    if (!snaps?.some((s) => s.date === earlier.date && s.models === earlier.models)) counts.earlierLost++;
    for (const s of snaps ?? []) complete.set(s.date, s.models);
    process.stderr.write(`serve ${i + 1}/${TRIALS}: import killed at ${at} ms → ${r.signal ?? `exit ${r.code}`}\n`);
  }
  await sleep(1500); // the server notices the last swap within a second; one more round of answers
  polling = false;
  await poller;
  server.child.kill("SIGTERM");
  for (const a of answers) if (a.date === null || complete.get(a.date) !== a.models) counts.halfWrittenAnswers++;
  counts.failedRequests = failures;
  counts.answers = answers.length;
  return { undisturbedMs: probe.ms, ...counts };
}

/** The parts a run does: `FAULT_PARTS=imports,crawls,serve` (default: all three). */
const PARTS = new Set((process.env.FAULT_PARTS ?? "imports,crawls,serve").split(",").map((p) => p.trim()));
const RESULTS = path.join(ROOT, "bench/results/faults.json");

type PartResult = { measured: string } & Record<string, number | string>;

/** The counts that must be zero, per part. */
const BAD: Record<string, readonly string[]> = {
  imports: ["partialVisible", "notOpening", "earlierLost"],
  crawls: ["resumedDiffering", "notOpening", "partialVisible"],
  collectsWhileServing: ["halfWrittenAnswers", "earlierLost"],
};

async function main(): Promise<void> {
  if (!existsSync(FULL)) throw new Error(`the full listing is needed: ${FULL}`);
  if (!existsSync(path.join(ROOT, "dist/cli-bundle/run.mjs"))) throw new Error("run `npm run build` first");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omo-faults-"));
  try {
    // a run of some parts keeps the other parts' last results (each part carries the time it was measured)
    const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : {};
    const parts: Record<string, PartResult | undefined> = {
      imports: previous.imports as PartResult | undefined,
      crawls: previous.crawls as PartResult | undefined,
      collectsWhileServing: previous.collectsWhileServing as PartResult | undefined,
    };
    const stamp = <T extends Record<string, number>>(r: T) =>
      ({ measured: new Date().toISOString(), ...r }) as PartResult;
    if (PARTS.has("imports")) parts.imports = stamp(await imports(tmp));
    if (PARTS.has("crawls")) parts.crawls = stamp(await crawls(tmp));
    if (PARTS.has("serve")) parts.collectsWhileServing = stamp(await collectsWhileServing(tmp));
    let bad = 0;
    for (const [part, keys] of Object.entries(BAD)) for (const k of keys) bad += Number(parts[part]?.[k] ?? 0);
    const complete = Object.keys(BAD).every((p) => parts[p] !== undefined);
    const out = {
      trialsPerPart: TRIALS,
      seed: Number(process.env.FAULT_SEED ?? 20261202),
      ...parts,
      goal: "all zero",
      met: complete && bad === 0,
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    process.exitCode = bad === 0 ? 0 : 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
