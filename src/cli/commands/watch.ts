/**
 * `omo watch --every 24h [ingest options…] [--once]`: builds the history the Hub does not keep, by running the
 * `omo ingest` crawl once per period into a snapshot dated that day (UTC). Cycles run one after the other, never
 * two at once: the watcher holds a lock file beside the database (`<db>.lock`, created with the `wx` flag, holding
 * its pid and start time) for as long as it runs, so a second watcher on the same database stops at once with a
 * one-line message; a lock left by a process that is no longer running is taken over, with a message. The store is
 * opened only during a crawl, so `omo top`, `omo series`… can read the database between cycles. A failed cycle is
 * reported and the next one resumes the same day's crawl where it stopped (or starts the new day's). A cycle that
 * runs longer than the period delays the next one; cycles never overlap.
 *
 * With `--watchlist FILE` (repeatable) each completed crawl is followed by `omo alerts check` of every watchlist at the
 * new snapshot: rules that fired are logged, and with `--webhook URL` the newly fired ones are POSTed as JSON
 * (retried with backoff). The check runs after the snapshot is committed and the delivery runs beside the next
 * wait: neither can fail, delay or undo the collect (a failed check or delivery is logged); `--once` waits for the
 * delivery before exiting, with exit code 0 whatever the receiver did.
 *
 * Cron is the alternative when no process should stay up: one `omo ingest` a day, e.g.
 * `17 3 * * * cd /srv/omo && OMO_DB=/srv/omo/omo.duckdb omo watch --once >> watch.log 2>&1`
 * (`watch --once` rather than `ingest`, so a run that overlaps a slow previous one fails on the lock instead of
 * crawling twice, and a crawl killed the day before is resumed).
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import type { Command } from "commander";
import { type AlertsReport, checkWatchlist } from "../../alerts/check.js";
import { loadWatchlist, type Watchlist } from "../../alerts/watchlist.js";
import { deliverWebhook, webhookBody } from "../../alerts/webhook.js";
import { loadFamilies } from "../../domain/families.js";
import { InputError } from "../../errors.js";
import { crawl, crawlIdFor } from "../../ingest/crawl.js";
import { localStatePath, resolveLocation } from "../../store/open.js";
import { type GlobalOptions, withStore } from "../context.js";
import { parseDateOption } from "../options.js";
import { addCrawlOptions, crawlSettings, emitCrawl } from "./ingest.js";

interface WatchOptions {
  every?: string;
  once?: boolean;
  date?: string;
  endpoint?: string;
  token?: string;
  author?: string;
  search?: string;
  limit?: string;
  pageSize?: string;
  timeout?: string;
  watchlist?: string[];
  webhook?: string;
  webhookRetries?: string;
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

const today = () => new Date().toISOString().slice(0, 10);

/** `--webhook-retries`: a whole number 0..10 (default 3). */
function parseRetries(value: string | undefined): number {
  if (value === undefined) return 3;
  if (!/^\d+$/.test(value) || Number(value) > 10) {
    throw new InputError(`invalid --webhook-retries "${value}": expected a whole number from 0 to 10`);
  }
  return Number(value);
}

/** Registers the command. */
export function register(program: Command): void {
  addCrawlOptions(
    program
      .command("watch")
      .description("run the ingest crawl once per period (one at a time, with a lock file beside the database)")
      .option("--every <period>", "period between crawls: 24h, 90m, 1d, 1h30m (at least 1m)", "24h")
      .option("--once", "run one crawl and exit (cron, tests)")
      .option("--date <date>", "snapshot date of the single crawl (only with --once; default: today, UTC)")
      .option(
        "--watchlist <file...>",
        "after each crawl, check these watchlists (as omo alerts check) at the new snapshot",
      )
      .option("--webhook <url>", "POST the newly fired alerts of each check as JSON to this URL (with retries)")
      .option("--webhook-retries <n>", "retries of a failed webhook delivery, waiting 1 s, 2 s, 4 s… (default 3)"),
  ).action(async (o: WatchOptions, cmd: Command) => {
    const every = parseEvery(o.every ?? "24h");
    const fixedDate = parseDateOption(o.date);
    if (fixedDate && !o.once) throw new InputError("--date needs --once: a watch crawls each day into that day");
    const { limit, pageSize, timeoutMs, endpoint, token } = crawlSettings(o);
    if (o.webhook !== undefined) {
      if (!/^https?:\/\/\S+$/.test(o.webhook)) {
        throw new InputError(`invalid --webhook "${o.webhook}": expected an http:// or https:// URL`);
      }
      if (!o.watchlist?.length)
        throw new InputError("--webhook needs --watchlist: the webhook gets the watchlists' alerts");
    }
    const webhookRetries = parseRetries(o.webhookRetries);
    // watchlists are read (and refused when bad) before anything is crawled
    const families = o.watchlist?.length ? await loadFamilies() : [];
    const watchlists: Watchlist[] = [];
    for (const f of o.watchlist ?? [])
      watchlists.push(
        await loadWatchlist(
          f,
          families.map((x) => x.name),
        ),
      );
    const deliveries = new Set<Promise<void>>();
    const dbPath = localStatePath(resolveLocation(cmd.optsWithGlobals() as GlobalOptions));
    const log = (line: string) => process.stderr.write(`${line}\n`);

    const release = acquireLock(`${dbPath}.lock`, log);
    const onSignal = (signal: NodeJS.Signals) => {
      release();
      log(`omo watch: stopped by ${signal}`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    process.on("exit", release);

    /** Checks the watchlists at the new snapshot; logs what fired; never throws (the snapshot is committed). */
    const checkAlerts = async (store: Parameters<typeof checkWatchlist>[0], date: string): Promise<AlertsReport[]> => {
      const reports: AlertsReport[] = [];
      for (const w of watchlists) {
        try {
          const r = await checkWatchlist(store, w, { date, families });
          reports.push(r);
          const fired = r.results.filter((x) => x.status === "fired");
          log(
            `omo watch: watchlist ${w.name} at ${r.date}: ${r.counts.fired} fired (${fired.filter((x) => x.newly).length} new), ${r.counts.quiet} quiet, ${r.counts.unknown} unknown`,
          );
          for (const x of fired)
            log(`omo watch: alert ${w.name}/${x.id}${x.newly ? "" : " (already before)"}: ${x.reason}`);
        } catch (err) {
          log(`omo watch: watchlist ${w.name} not checked: ${(err as Error).message.split("\n")[0]}`);
        }
      }
      return reports;
    };
    /** Starts the webhook deliveries of the reports (tracked in `deliveries`, awaited by --once). */
    const deliver = (reports: AlertsReport[]) => {
      if (!o.webhook) return;
      for (const r of reports) {
        const body = webhookBody(r);
        if (!body) continue;
        const p: Promise<void> = deliverWebhook(body, {
          url: o.webhook,
          retries: webhookRetries,
          log: (l) => log(`omo watch: ${l}`),
        })
          .then((res) => {
            log(
              res.ok
                ? `omo watch: webhook delivered ${body.fired.length} alert(s) of ${r.watchlist.name} (HTTP ${res.status}, ${res.attempts} attempt(s))`
                : `omo watch: webhook failed for ${r.watchlist.name} after ${res.attempts} attempt(s): ${res.error}; the snapshot is kept`,
            );
          })
          .finally(() => {
            deliveries.delete(p);
          });
        deliveries.add(p);
      }
    };

    const cycle = async () => {
      const date = fixedDate ?? today();
      let reports: AlertsReport[] = [];
      await withStore(cmd, async (store) => {
        const previous = await store.getCrawl(
          crawlIdFor({ date, endpoint, author: o.author, search: o.search, limit }),
        );
        const resume = previous?.status === "running";
        log(`omo watch: ${new Date().toISOString()} ${resume ? "resuming" : "starting"} the crawl for ${date}`);
        const r = await crawl(store, {
          endpoint,
          token,
          date,
          author: o.author,
          search: o.search,
          limit,
          pageSize,
          resume,
          spoolDir: `${dbPath}.crawl`,
          client: { timeoutMs },
          onRetry: (x) => log(`retry ${x.attempt} in ${x.delayMs} ms: ${x.reason} (${x.url})`),
        });
        emitCrawl(cmd, endpoint, {
          ...r.snapshot,
          pages: r.pages,
          resumed: r.resumed,
          finished: new Date().toISOString(),
        });
        reports = await checkAlerts(store, date);
      });
      deliver(reports);
    };

    try {
      for (;;) {
        const started = Date.now();
        try {
          await cycle();
        } catch (err) {
          if (o.once) throw err;
          log(`omo watch: crawl failed, will resume next cycle: ${(err as Error).message.split("\n")[0]}`);
        }
        if (o.once) {
          await Promise.all([...deliveries]);
          break;
        }
        const next = started + every;
        log(`omo watch: next crawl at ${new Date(Math.max(next, Date.now())).toISOString()}`);
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      process.off("exit", release);
      release();
    }
  });
}
