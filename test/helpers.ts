/** Shared test helpers: where ../shared is, temporary databases, and running the real CLI in a child process. */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

/** The project root. */
export const ROOT = path.resolve(import.meta.dirname, "..");

/** The shared data folder (`OMO_SHARED_DIR` or ../shared). */
export const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");

/**
 * Whether ../shared is there. Tests that need it skip with a message when it is absent, but CI always has it,
 * so there a missing folder is a failure, not a skip.
 */
export function hasShared(): boolean {
  if (existsSync(path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz"))) return true;
  if (process.env.CI === "true") throw new Error(`CI=true but the shared data folder is missing: ${SHARED}`);
  console.warn(`skipping: shared data folder not found at ${SHARED} (set OMO_SHARED_DIR)`);
  return false;
}

/** A path under ../shared/data/hub. */
export function sharedHub(rel: string): string {
  return path.join(SHARED, "data/hub", rel);
}

/**
 * The 13,079-line cut of the 2024-07-11 listing the tests read (top 5,000, 13 organisations whole, the direct
 * derivatives of the official Llama-2 repos): the committed sample until issue 11, kept as a fixture so the tests'
 * figures stay fixed (test/fixtures/hub/README.md). The sample `npm start` loads is data/sample (see
 * test/integration/sample.test.ts).
 */
export const SAMPLE = path.join(ROOT, "test/fixtures/hub/cut-13k/models-2024-07-11.jsonl.gz");

/**
 * The committed sample `npm start` loads: a cut of the 2024-07-11 listing, 16 daily lists of August 2026, 21 LMArena
 * tables (folders named as in ../shared/data/leaderboards) and OpenRouter usage files (as in
 * ../shared/data/usage/openrouter).
 */
export const SHIPPED_SAMPLE = {
  july: path.join(ROOT, "data/sample/models-2024-07-11.jsonl.gz"),
  dailyDir: path.join(ROOT, "data/sample/daily-2026-08"),
  boards: path.join(ROOT, "data/sample/leaderboards"),
  usage: path.join(ROOT, "data/sample/usage/openrouter"),
};

/** The best closed and best open entry and the gap of one date of `omo leaderboard gap --json`. */
export interface GapPairs {
  closed: { model: string; score: number } | null;
  open: { model: string; score: number } | null;
  gap: number | null;
}

/**
 * One date of the gap answer as `[best closed, score, best open, score, gap]`, the columns of the shared folder's
 * independent summary (`summaryGapRow`), so the two compare with one `toEqual`.
 */
export function gapRow(d: GapPairs | undefined): Array<string | number | null> {
  return [
    d?.closed?.model ?? "",
    d?.closed?.score ?? null,
    d?.open?.model ?? "",
    d?.open?.score ?? null,
    d?.gap ?? null,
  ];
}

/** A row of ../shared/data/leaderboards/summary_open_vs_proprietary.csv as `gapRow` gives omo's. */
export function summaryGapRow(s: Record<string, string | undefined> | undefined): Array<string | number | null> {
  const num = (v: string | undefined) => (v ? Number(v) : null);
  return [
    s?.top_proprietary_model ?? "",
    num(s?.top_proprietary_score),
    s?.top_open_model ?? "",
    num(s?.top_open_score),
    num(s?.gap),
  ];
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = "omo-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Result of a CLI run. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `omo ARGS` (the TypeScript sources through tsx) without waiting. */
export function startCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/run.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs `omo ARGS` to completion and collects its output. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = startCli(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * A temporary folder for one test file: created before its tests, removed after. `file(name, content)` writes a
 * file there and returns its path.
 */
export function useTempFiles(prefix: string): {
  dir: () => string;
  file: (name: string, content: string | Buffer) => Promise<string>;
} {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    file: async (name, content) => {
      const p = path.join(dir, name);
      await writeFile(p, content);
      return p;
    },
  };
}

let mainModule: Promise<typeof import("../src/cli/main.js")> | null = null;
/** Runs at most one in-process CLI call at a time (the calls share process.stdout, process.env and the cwd). */
let inProcessQueue: Promise<unknown> = Promise.resolve();

/**
 * Runs `omo ARGS` in this process: `main()` of src/cli/main.ts with stdout and stderr captured and `env` set for the
 * call (restored after). Much faster than {@link runCli} (no tsx start-up); use runCli only where the test is about
 * processes (signals, locks, kill -9). Calls are serialised.
 */
export function runMain(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const run = async (): Promise<CliResult> => {
    mainModule ??= import("../src/cli/main.js");
    const { main } = await mainModule;
    let stdout = "";
    let stderr = "";
    const out = process.stdout.write;
    const err = process.stderr.write;
    const saved: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries({ NO_COLOR: "1", ...env })) {
      saved[k] = process.env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const capture =
      (append: (s: string) => void) =>
      (chunk: string | Uint8Array, enc?: unknown, cb?: unknown): boolean => {
        append(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
        const done = typeof enc === "function" ? enc : cb;
        if (typeof done === "function") done();
        return true;
      };
    process.stdout.write = capture((s) => {
      stdout += s;
    }) as typeof process.stdout.write;
    process.stderr.write = capture((s) => {
      stderr += s;
    }) as typeof process.stderr.write;
    try {
      const code = await main(args);
      return { code, signal: null, stdout, stderr };
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };
  const p = inProcessQueue.then(run, run);
  inProcessQueue = p.catch(() => undefined);
  return p;
}
