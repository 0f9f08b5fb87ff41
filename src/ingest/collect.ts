/**
 * One collect cycle of `omo watch` and `omo serve --watch`: crawl the listing into a snapshot dated the day, resuming
 * that day's crawl when a previous cycle stopped inside it. The walk reads the store's crawl journal only; the final
 * load goes through the store's writer, so readers (and the server) keep answering while it runs.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { InputError } from "../errors.js";
import type { Store } from "../store/store.js";
import { type CrawlResult, crawl, crawlIdFor } from "./crawl.js";

/** What a cycle crawls and where it writes. */
export interface CollectSettings {
  endpoint: string;
  token?: string;
  author?: string;
  search?: string;
  limit?: number;
  pageSize?: number;
  timeoutMs?: number;
  /** Client bounds (longest server-directed wait, largest body). */
  client?: { maxWaitMs?: number; maxBodyBytes?: number };
  /** Page spool folder (`<db>.crawl`). */
  spoolDir: string;
  /** Runs the final load with a writable store. */
  write: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
  log: (line: string) => void;
}

/** Crawls one snapshot for `date`, resuming that date's unfinished crawl if there is one. */
export async function collectCycle(journal: Store, s: CollectSettings, date: string): Promise<CrawlResult> {
  const previous = await journal.getCrawl(
    crawlIdFor({ date, endpoint: s.endpoint, author: s.author, search: s.search, limit: s.limit }),
  );
  const resume = previous?.status === "running";
  s.log(`omo watch: ${new Date().toISOString()} ${resume ? "resuming" : "starting"} the crawl for ${date}`);
  return crawl(journal, {
    endpoint: s.endpoint,
    token: s.token,
    date,
    author: s.author,
    search: s.search,
    limit: s.limit,
    pageSize: s.pageSize,
    resume,
    spoolDir: s.spoolDir,
    client: { ...s.client, ...(s.timeoutMs ? { timeoutMs: s.timeoutMs } : {}) },
    onRetry: (x) => s.log(`retry ${x.attempt} in ${x.delayMs} ms: ${x.reason} (${x.url})`),
    write: s.write,
  });
}

/** Today's date in UTC, the date a cycle files its snapshot under. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Runs `cycle` now and then once per `everyMs` (measured from each cycle's start; a long cycle delays the next, cycles
 * never overlap) until `stop()`; a failed cycle is logged and the next one resumes.
 */
export function repeatCycles(
  everyMs: number,
  cycle: () => Promise<void>,
  log: (line: string) => void,
): { stop: () => void; done: Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;
  const done = (async () => {
    while (!stopped) {
      const started = Date.now();
      try {
        await cycle();
      } catch (err) {
        log(`omo watch: crawl failed, will resume next cycle: ${(err as Error).message.split("\n")[0]}`);
      }
      if (stopped) break;
      const next = started + everyMs;
      log(`omo watch: next crawl at ${new Date(Math.max(next, Date.now())).toISOString()}`);
      await new Promise<void>((r) => {
        wake = r;
        timer = setTimeout(r, Math.max(0, next - Date.now()));
      });
    }
  })();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
    done,
  };
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The shortest period `--every` accepts: a watcher should not hammer the Hub. */
export const MIN_PERIOD_MS = 60_000;

/** Parses a period such as `24h`, `90m`, `1d`, `1h30m` into milliseconds (at least one minute). */
export function parseEvery(value: string): number {
  const parts = [...value.matchAll(/(\d+)([smhd])/g)];
  const whole = parts.map((m) => m[0]).join("");
  if (parts.length === 0 || whole !== value) {
    throw new InputError(`invalid --every "${value}": expected a period such as 24h, 90m, 1d or 1h30m`);
  }
  const ms = parts.reduce((sum, m) => sum + Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0), 0);
  if (ms < MIN_PERIOD_MS) throw new InputError(`invalid --every "${value}": the period must be at least 1m`);
  return ms;
}

/** What a lock file holds. */
export interface LockInfo {
  pid: number;
  started: string;
}

/** Whether a process with this pid is running (EPERM: it exists but belongs to someone else). */
function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(lockPath: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(lockPath, "utf8")) as Partial<LockInfo>;
    return typeof v.pid === "number" ? { pid: v.pid, started: String(v.started ?? "?") } : null;
  } catch {
    return null;
  }
}

function createLock(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new InputError(`cannot create lock file: ${(err as Error).message}`, { file: lockPath });
  }
  try {
    const info: LockInfo = { pid: process.pid, started: new Date().toISOString() };
    writeSync(fd, `${JSON.stringify(info)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock file `lockPath` (created with `wx`), taking over a stale one whose pid is not running; throws a
 * one-line InputError when a live process holds it. Returns the release function (removes the file if still ours).
 */
export function acquireLock(lockPath: string, note: (message: string) => void): () => void {
  if (!createLock(lockPath)) {
    const held = readLock(lockPath);
    // An unreadable lock younger than a few seconds may be one being written right now: treat it as held.
    const young = (() => {
      try {
        return Date.now() - statSync(lockPath).mtimeMs < 5000;
      } catch {
        return false;
      }
    })();
    if (held ? pidAlive(held.pid) : young) {
      const who = held ? `pid ${held.pid}, started ${held.started}` : "a process starting now";
      throw new InputError(`another omo watch is running on this database (${who}); lock file ${lockPath}`);
    }
    note(
      `omo watch: taking over stale lock ${lockPath} (${held ? `pid ${held.pid}, started ${held.started}, is not running` : "unreadable"})`,
    );
    try {
      unlinkSync(lockPath);
    } catch {
      // removed by someone else meanwhile: the wx below decides who gets it
    }
    if (!createLock(lockPath)) {
      throw new InputError(`another omo watch took the lock first; lock file ${lockPath}`);
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (readLock(lockPath)?.pid === process.pid) {
      try {
        unlinkSync(lockPath);
      } catch {
        // already gone
      }
    }
  };
}
