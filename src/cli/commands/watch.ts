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
 * Cron is the alternative when no process should stay up: one `omo ingest` a day, e.g.
 * `17 3 * * * cd /srv/omo && OMO_DB=/srv/omo/omo.duckdb omo watch --once >> watch.log 2>&1`
 * (`watch --once` rather than `ingest`, so a run that overlaps a slow previous one fails on the lock instead of
 * crawling twice, and a crawl killed the day before is resumed).
 */
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { acquireLock, collectCycle, parseEvery, repeatCycles, todayUtc } from "../../ingest/collect.js";
import { localStatePath, resolveLocation } from "../../store/open.js";
import type { Store } from "../../store/store.js";
import { type GlobalOptions, withStore, withWriteStore } from "../context.js";
import { parseDateOption } from "../options.js";
import { summaryOf } from "./index.js";
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
  maxWait?: string;
  maxBody?: string;
}

/** Registers the command. */
export function register(program: Command): void {
  addCrawlOptions(
    program
      .command("watch")
      .description(summaryOf("watch"))
      .option("--every <period>", "period between crawls: 24h, 90m, 1d, 1h30m (at least 1m)", "24h")
      .option("--once", "run one crawl and exit (cron, tests)")
      .option("--date <date>", "snapshot date of the single crawl (only with --once; default: today, UTC)"),
  ).action(async (o: WatchOptions, cmd: Command) => {
    const every = parseEvery(o.every ?? "24h");
    const fixedDate = parseDateOption(o.date);
    if (fixedDate && !o.once) throw new InputError("--date needs --once: a watch crawls each day into that day");
    const { limit, pageSize, timeoutMs, endpoint, token, client } = crawlSettings(o);
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

    const settings = {
      endpoint,
      token,
      author: o.author,
      search: o.search,
      limit,
      pageSize,
      timeoutMs,
      client,
      spoolDir: `${dbPath}.crawl`,
      write: <T>(fn: (s: Store) => Promise<T>) => withWriteStore(cmd, fn),
      log,
    };
    const cycle = async () => {
      const date = fixedDate ?? todayUtc();
      await withStore(cmd, async (store) => {
        const r = await collectCycle(store, settings, date);
        emitCrawl(cmd, endpoint, {
          ...r.snapshot,
          pages: r.pages,
          resumed: r.resumed,
          finished: new Date().toISOString(),
        });
      });
    };

    try {
      if (o.once) await cycle();
      else await repeatCycles(every, cycle, log).done;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      process.off("exit", release);
      release();
    }
  });
}
