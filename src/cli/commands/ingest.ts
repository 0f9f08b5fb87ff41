/** `omo ingest`: crawls the Hub's `/api/models` listing into one snapshot, resumably. */
import type { Command } from "commander";
import { licenceRows, loadLicences } from "../../domain/licences.js";
import { InputError } from "../../errors.js";
import { hubEndpoint } from "../../hub/client.js";
import { type CardLicenceResult, fetchCardLicences } from "../../ingest/card-licences.js";
import { crawl } from "../../ingest/crawl.js";
import { cardLicenceSummary } from "../../queries/index.js";
import { localStatePath, resolveLocation } from "../../store/open.js";
import { emit, type GlobalOptions, outputFormat, withStore, withWriteStore } from "../context.js";
import { parseDateOption, parseNonNegativeInt, parsePositiveInt, requireSnapshot } from "../options.js";
import { createProgress } from "../progress.js";
import { summaryOf } from "./index.js";

interface IngestOptions {
  details?: boolean;
  minDownloads?: string;
  concurrency?: string;
  refetch?: boolean;
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
  retries?: string;
}

/** Registers the command. */
export function register(program: Command): void {
  addCrawlOptions(
    program
      .command("ingest")
      .description(summaryOf("ingest"))
      .option("--date <date>", "snapshot date (default: today, UTC; with --details: the latest snapshot)"),
  )
    .option("--resume", "continue the unfinished crawl with the same date and parameters")
    .option(
      "--details",
      "instead of crawling the listing: fetch the model cards (GET /api/models/{id}) of the snapshot's repos tagged license:other or license:unknown and store the licence they name",
    )
    .option("--min-downloads <n>", "with --details: only repos with at least this many 30-day downloads", "1000")
    .option("--concurrency <n>", "with --details: requests in flight at once (at most 16)", "4")
    .option("--refetch", "with --details: fetch again the cards already fetched today")
    .action(async (o: IngestOptions, cmd: Command) => {
      if (o.details) return ingestDetails(o, cmd);
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

/** `omo ingest --details`: the licences model cards state, for the snapshot's `other`/`unknown` repos. */
async function ingestDetails(o: IngestOptions, cmd: Command): Promise<void> {
  const date = parseDateOption(o.date) ?? null;
  const { limit, timeoutMs, endpoint, token, client } = crawlSettings(o);
  const minDownloads = parseNonNegativeInt(o.minDownloads, "--min-downloads") ?? 1000;
  const concurrency = parsePositiveInt(o.concurrency, "--concurrency") ?? 4;
  if (concurrency > 16) throw new InputError(`invalid --concurrency "${o.concurrency}": at most 16`);
  const today = new Date().toISOString().slice(0, 10);
  const snapshot = await withStore(cmd, (store) => requireSnapshot(store, date ?? undefined));
  let last = Date.now();
  const result: CardLicenceResult = await withStore(cmd, (store) =>
    fetchCardLicences(store, {
      endpoint,
      token,
      date: snapshot,
      minDownloads,
      limit,
      concurrency,
      refetch: o.refetch,
      today,
      client: { ...client, timeoutMs },
      onProgress: (done, total) => {
        if (Date.now() - last < 5000) return;
        last = Date.now();
        process.stderr.write(`details ${snapshot}: ${done} of ${total} model cards\n`);
      },
      onRetry: (r) =>
        process.stderr.write(
          `${process.stderr.isTTY ? "\n" : ""}retry ${r.attempt} in ${r.delayMs} ms: ${r.reason} (${r.url})\n`,
        ),
    }),
  );
  const [firstFailure] = result.failed;
  if (result.fetched === 0 && firstFailure) {
    throw new Error(`no model card could be fetched from ${endpoint}: ${firstFailure.error}`);
  }
  const stored = await withWriteStore(cmd, (store) => store.saveCardLicences(result.rows));
  const map = await loadLicences();
  const names = await withStore(cmd, async (store) => {
    await store.refreshLicences(licenceRows(map));
    return store.query(cardLicenceSummary, { date: snapshot });
  });
  const summary = {
    date: snapshot,
    endpoint,
    minDownloads,
    candidates: result.candidates,
    fetched: result.fetched,
    withName: result.withName,
    notFound: result.notFound,
    failed: result.failed.length,
    stored,
  };
  if (outputFormat(cmd) !== "table") {
    emit(cmd, [summary], { json: { ...summary, failures: result.failed.slice(0, 50), names } });
    return;
  }
  const lines = [
    `Model cards of ${snapshot}'s repos tagged license:other or license:unknown with at least ${minDownloads.toLocaleString("en-US")} downloads, from ${endpoint}`,
    `${result.candidates.toLocaleString("en-US")} to fetch, ${result.fetched.toLocaleString("en-US")} fetched (${result.withName.toLocaleString("en-US")} name their licence), ${result.notFound.toLocaleString("en-US")} not found, ${result.failed.length.toLocaleString("en-US")} failed; ${stored.toLocaleString("en-US")} stored`,
    ...result.failed.slice(0, 5).map((f) => `  failed: ${f.id}: ${f.error}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n\n`);
  emit(
    cmd,
    names.map((n) => ({ ...n, licenceName: n.licenceName ?? "(no name in the card)" })),
    {
      title: `What the fetched cards say (repos tagged other/unknown in ${snapshot}, all fetches so far)`,
      columns: [
        { key: "licenceName", header: "licence name" },
        { key: "class" },
        { key: "repos", align: "right" },
        { key: "downloads", header: "downloads (30d)", align: "right" },
      ],
    },
  );
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
    .option("--max-body <MiB>", "largest response body read, in MiB", "64")
    .option(
      "--retries <n>",
      "retries of a failed request (408, 429, 5xx, network errors, timeouts), with backoff",
      "5",
    );
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
  retries?: string;
}) {
  const maxWait = parsePositiveInt(o.maxWait, "--max-wait");
  const maxBody = parsePositiveInt(o.maxBody, "--max-body");
  const retries = parseNonNegativeInt(o.retries, "--retries");
  return {
    limit: parsePositiveInt(o.limit, "--limit"),
    pageSize: parsePositiveInt(o.pageSize, "--page-size"),
    timeoutMs: parsePositiveInt(o.timeout, "--timeout"),
    client: {
      ...(maxWait === undefined ? {} : { maxWaitMs: maxWait * 1000 }),
      ...(maxBody === undefined ? {} : { maxBodyBytes: maxBody * 1024 * 1024 }),
      ...(retries === undefined ? {} : { maxRetries: retries }),
    },
    endpoint: hubEndpoint(o.endpoint),
    token: o.token ?? process.env.HF_TOKEN ?? undefined,
  };
}
