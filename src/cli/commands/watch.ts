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
 * wait: neither can fail, delay or undo the collect; `--once` waits for the delivery before exiting, with exit code 0
 * whatever the receiver did (src/alerts/after-collect.ts).
 *
 * Cron is the alternative when no process should stay up: one `omo ingest` a day, e.g.
 * `17 3 * * * cd /srv/omo && OMO_DB=/srv/omo/omo.duckdb omo watch --once >> watch.log 2>&1`
 * (`watch --once` rather than `ingest`, so a run that overlaps a slow previous one fails on the lock instead of
 * crawling twice, and a crawl killed the day before is resumed).
 */
import type { Command } from "commander";
import {
  type AlertCliOptions,
  afterCollect,
  loadCollectorWatchlists,
  parseRetries,
} from "../../alerts/after-collect.js";
import { loadFamilies } from "../../domain/families.js";
import { InputError } from "../../errors.js";
import { acquireLock, collectCycle, parseEvery, repeatCycles, todayUtc } from "../../ingest/collect.js";
import { localStatePath, resolveLocation } from "../../store/open.js";
import type { Store } from "../../store/store.js";
import { type GlobalOptions, withStore, withWriteStore } from "../context.js";
import { parseDateOption } from "../options.js";
import { summaryOf } from "./index.js";
import { addCrawlOptions, crawlSettings, emitCrawl } from "./ingest.js";

interface WatchOptions extends AlertCliOptions {
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
    const { limit, pageSize, timeoutMs, endpoint, token, client } = crawlSettings(o);
    const retries = parseRetries(o.webhookRetries);
    // watchlists are read (and refused when bad) before anything is crawled
    const families = o.watchlist?.length ? await loadFamilies() : [];
    const watchlists = await loadCollectorWatchlists(o.watchlist ?? [], families, o.webhook);
    const dbPath = localStatePath(resolveLocation(cmd.optsWithGlobals() as GlobalOptions));
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const alerts = afterCollect({ watchlists, families, webhook: o.webhook, retries, log, who: "omo watch" });

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
      // the snapshot is committed (through the writer): a fresh reader sees it
      if (watchlists.length) {
        await withStore(cmd, (store) => alerts.check(store, date)).catch((err: Error) =>
          log(`omo watch: watchlists not checked: ${err.message.split("\n")[0]}`),
        );
      }
    };

    try {
      if (o.once) {
        await cycle();
        await alerts.settle();
      } else await repeatCycles(every, cycle, log).done;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      process.off("exit", release);
      release();
    }
  });
}
