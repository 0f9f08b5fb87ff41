/** `omo serve [--port P] [--host H] [--web DIR]`: the JSON API, badges and dashboard over the store. */
import { existsSync } from "node:fs";
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
import { buildApp, DEFAULT_WEB_ROOT } from "../../server/app.js";
import { openLive } from "../../store/live.js";
import { localStatePath, resolveLocation, writeStore } from "../../store/open.js";
import type { Store } from "../../store/store.js";
import type { GlobalOptions } from "../context.js";
import { parsePositiveInt } from "../options.js";
import { summaryOf } from "./index.js";
import { addCrawlOptions, crawlSettings } from "./ingest.js";

interface ServeOptions extends AlertCliOptions {
  port?: string;
  host?: string;
  web?: string;
  rateLimit?: string;
  watch?: string;
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
      .command("serve")
      .description(summaryOf("serve"))
      .option("--watch <period>", "also collect a snapshot once per period in this process (as omo watch): 24h, 1d…"),
  )
    .option("--port <port>", "port to listen on", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--web <dir>", "built dashboard folder served at / (default: dist/web of the package if built)")
    .option("--rate-limit <n>", "requests per minute per IP (0 = no limit)", "600")
    .option(
      "--watchlist <file...>",
      "publish these watchlists as Atom feeds (/feeds/watchlist/NAME.atom); with --watch, check them after each collect",
    )
    .option("--webhook <url>", "with --watch: POST the newly fired alerts of each check as JSON to this URL")
    .option("--webhook-retries <n>", "retries of a failed webhook delivery (default 3)")
    .action(async (o: ServeOptions, cmd: Command) => {
      const port = Number(o.port ?? "8080");
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`invalid --port "${o.port}"`);
      const rate = o.rateLimit === "0" ? 0 : (parsePositiveInt(o.rateLimit, "--rate-limit") ?? 600);
      const web = o.web ?? (existsSync(DEFAULT_WEB_ROOT) ? DEFAULT_WEB_ROOT : null);
      if (o.web && !existsSync(o.web)) throw new InputError("no such folder", { file: o.web });
      const every = o.watch ? parseEvery(o.watch) : null;
      const families = await loadFamilies();
      const watchlists = await loadCollectorWatchlists(o.watchlist ?? [], families, o.webhook);
      if (o.webhook && every === null) throw new InputError("--webhook needs --watch: alerts are sent after a collect");
      const retries = parseRetries(o.webhookRetries);
      const location = resolveLocation(cmd.optsWithGlobals() as GlobalOptions);
      const state = localStatePath(location);
      const log = (line: string) => process.stderr.write(`${line}\n`);
      // reads follow the file: a snapshot another process (import, ingest, watch) swaps in is served within a second
      const store = await openLive(location);
      const write = <T>(fn: (s: Store) => Promise<T>) => writeStore(location, fn, { onWait: log });
      const app = await buildApp({
        store,
        write,
        spoolDir: `${state}.crawl`,
        webRoot: web,
        rateLimit: rate === 0 ? false : rate,
        families,
        watchlists,
      });
      let collector: ReturnType<typeof repeatCycles> | null = null;
      let releaseWatch: (() => void) | null = null;
      if (every !== null) {
        // the same lock as omo watch: one collector per store
        releaseWatch = acquireLock(`${state}.lock`, log);
        const settings = { ...crawlSettings(o), spoolDir: `${state}.crawl`, write, log };
        const alerts = afterCollect({ watchlists, families, webhook: o.webhook, retries, log, who: "omo serve" });
        collector = repeatCycles(
          every,
          async () => {
            const r = await collectCycle(store, settings, todayUtc());
            await store.sync(true);
            log(`omo serve: collected ${r.snapshot.date}: ${r.snapshot.models} models`);
            await alerts.check(store, r.snapshot.date);
          },
          log,
        );
      }
      const close = async () => {
        collector?.stop();
        releaseWatch?.();
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", close);
      process.once("SIGTERM", close);
      const host = o.host ?? "127.0.0.1";
      await app.listen({ port, host });
      const addr = app.server.address();
      const actual = typeof addr === "object" && addr ? addr.port : port;
      const shown = host.includes(":") ? `[${host}]` : host;
      const health = (await app.inject({ url: "/api/health" })).json() as { date: string | null };
      const url = `http://${shown}:${actual}`;
      process.stdout.write(`omo: serving ${url} (data as of ${health.date ?? "no snapshots"})\n`);
      process.stdout.write(`omo: report ${url}/report (italiano: ${url}/report?lang=it), API docs ${url}/docs\n`);
      await new Promise(() => undefined);
    });
}
