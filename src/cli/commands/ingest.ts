/** `omo ingest`: crawls the Hub's `/api/models` listing into one snapshot, resumably. */
import type { Command } from "commander";
import { crawl } from "../../ingest/crawl.js";
import { localStatePath, resolveLocation } from "../../store/open.js";
import { emit, type GlobalOptions, withStore, withWriteStore } from "../context.js";
import { parseDateOption, parsePositiveInt } from "../options.js";
import { createProgress } from "../progress.js";
import { summaryOf } from "./index.js";

interface IngestOptions {
  date?: string;
  endpoint?: string;
  token?: string;
  author?: string;
  search?: string;
  limit?: string;
  pageSize?: string;
  resume?: boolean;
  timeout?: string;
  maxWait?: string;
  maxBody?: string;
}

/** Registers the command. */
export function register(program: Command): void {
  addCrawlOptions(
    program
      .command("ingest")
      .description(summaryOf("ingest"))
      .option("--date <date>", "snapshot date (default: today, UTC)"),
  )
    .option("--resume", "continue the unfinished crawl with the same date and parameters")
    .action(async (o: IngestOptions, cmd: Command) => {
      const date = parseDateOption(o.date) ?? new Date().toISOString().slice(0, 10);
      const { limit, pageSize, timeoutMs, endpoint, token, client } = crawlSettings(o);
      const dbPath = localStatePath(resolveLocation(cmd.optsWithGlobals() as GlobalOptions));
      await withStore(cmd, async (store) => {
        const progress = createProgress(`ingest ${date}`, limit);
        let result: Awaited<ReturnType<typeof crawl>>;
        try {
          result = await crawl(store, {
            endpoint,
            token,
            date,
            author: o.author,
            search: o.search,
            limit,
            pageSize,
            resume: o.resume,
            spoolDir: `${dbPath}.crawl`,
            client: { ...client, timeoutMs },
            onProgress: (p) => progress.update(p.models, p.pages),
            onNote: (m) => process.stderr.write(`omo: ${m}\n`),
            write: (fn) => withWriteStore(cmd, fn),
            onRetry: (r) =>
              process.stderr.write(
                `${process.stderr.isTTY ? "\n" : ""}retry ${r.attempt} in ${r.delayMs} ms: ${r.reason} (${r.url})\n`,
              ),
          });
        } finally {
          progress.stop();
        }
        emitCrawl(cmd, endpoint, { ...result.snapshot, pages: result.pages, resumed: result.resumed });
      });
    });
}

/** Prints a finished crawl (the snapshot it wrote), shared by `omo ingest` and `omo watch`. */
export function emitCrawl(cmd: Command, endpoint: string, row: Record<string, unknown> & { resumed: boolean }): void {
  emit(cmd, [row], {
    json: row,
    title: `Crawled ${endpoint}${row.resumed ? " (resumed)" : ""}`,
    columns: [
      { key: "date" },
      { key: "pages", align: "right" },
      { key: "models", align: "right" },
      { key: "downloads", header: "downloads (30d)", align: "right" },
    ],
  });
}

/** The crawl options `omo ingest` and `omo watch` share (endpoint, token, filters, paging, timeout). */
export function addCrawlOptions(c: Command): Command {
  return c
    .option("--endpoint <url>", "Hub base URL (default: HF_ENDPOINT or https://huggingface.co)")
    .option("--token <token>", "Hub token (default: HF_TOKEN); never logged")
    .option("--author <author>", "only this organisation or user")
    .option("--search <text>", "only ids containing this text")
    .option("--limit <n>", "stop after this many models")
    .option("--page-size <n>", "models per request", "1000")
    .option("--timeout <ms>", "per-request timeout in milliseconds", "30000")
    .option("--max-wait <seconds>", "longest wait a server may ask for (Retry-After, RateLimit)", "600")
    .option("--max-body <MiB>", "largest response body read, in MiB", "64");
}

/** The validated crawl settings of those options; endpoint and token default to HF_ENDPOINT and HF_TOKEN. */
export function crawlSettings(o: {
  endpoint?: string;
  token?: string;
  limit?: string;
  pageSize?: string;
  timeout?: string;
  maxWait?: string;
  maxBody?: string;
}) {
  const maxWait = parsePositiveInt(o.maxWait, "--max-wait");
  const maxBody = parsePositiveInt(o.maxBody, "--max-body");
  return {
    limit: parsePositiveInt(o.limit, "--limit"),
    pageSize: parsePositiveInt(o.pageSize, "--page-size"),
    timeoutMs: parsePositiveInt(o.timeout, "--timeout"),
    client: {
      ...(maxWait === undefined ? {} : { maxWaitMs: maxWait * 1000 }),
      ...(maxBody === undefined ? {} : { maxBodyBytes: maxBody * 1024 * 1024 }),
    },
    endpoint: (o.endpoint ?? process.env.HF_ENDPOINT ?? "https://huggingface.co").replace(/\/+$/, ""),
    token: o.token ?? process.env.HF_TOKEN ?? undefined,
  };
}
