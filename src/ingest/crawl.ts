/**
 * `omo ingest`: a resumable walk of `GET /api/models` into one snapshot. Each page is validated by the client,
 * written to a spool folder beside the database (write + rename, so a page file is whole or absent), and then the
 * crawl's progress (next URL, pages, models) is saved in `crawl_state`. After a kill, `--resume` continues from the
 * saved next URL, refetching at most the one page that was in flight. The snapshot is loaded, atomically, only
 * when the walk has finished.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadAliases } from "../domain/aliases.js";
import { licenceRows, loadLicences } from "../domain/licences.js";
import { InputError } from "../errors.js";
import { buildListUrl, HubClient, type HubClientOptions } from "../hub/client.js";
import type { CrawlState, LoadedSnapshot, Store } from "../store/store.js";

/** What to crawl and how. */
export interface CrawlOptions {
  /** Hub base URL (default `HF_ENDPOINT` or https://huggingface.co). */
  endpoint: string;
  token?: string;
  /** Snapshot date (default: today, UTC). */
  date: string;
  author?: string;
  search?: string;
  /** Stop after this many models. */
  limit?: number;
  /** Page size asked of the Hub (default 1000). */
  pageSize?: number;
  /** Continue the unfinished crawl with the same date and parameters. */
  resume?: boolean;
  /** Folder for page files (default: `<db>.crawl`). */
  spoolDir: string;
  /** Client tuning (timeouts, retries, sleep); the endpoint and token above win. */
  client?: Partial<HubClientOptions>;
  onProgress?: (p: CrawlProgress) => void;
  onRetry?: (info: { url: string; attempt: number; reason: string; delayMs: number }) => void;
  /** Told when `resume` finds no crawl to continue and starts one. */
  onNote?: (message: string) => void;
  /**
   * Runs the final load with a writable store (default: on `store` itself). The CLI and the server pass the store's
   * writer (src/store/open.ts `writeStore`), so the walk needs no write access and holds no lock.
   */
  write?: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
}

/** Progress after each committed page. */
export interface CrawlProgress {
  pages: number;
  models: number;
  resumedFrom: number;
  done: boolean;
}

/** The crawl's outcome. */
export interface CrawlResult {
  crawlId: string;
  pages: number;
  models: number;
  resumed: boolean;
  snapshot: LoadedSnapshot;
}

/** Identity of a crawl: the same date, endpoint and parameters resume the same crawl. */
export function crawlIdFor(o: Pick<CrawlOptions, "date" | "endpoint" | "author" | "search" | "limit">): string {
  const params = JSON.stringify({ e: o.endpoint, a: o.author ?? null, s: o.search ?? null, l: o.limit ?? null });
  return `${o.date}-${createHash("sha256").update(params).digest("hex").slice(0, 10)}`;
}

function pageFile(dir: string, n: number): string {
  return path.join(dir, `page-${String(n).padStart(6, "0")}.json`);
}

/** Walks the listing into page files, then loads them as one snapshot. */
export async function crawl(store: Store, o: CrawlOptions): Promise<CrawlResult> {
  const crawlId = crawlIdFor(o);
  const dir = path.join(o.spoolDir, crawlId);
  const params = JSON.stringify({ author: o.author ?? null, search: o.search ?? null, limit: o.limit ?? null });
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  let state: CrawlState | null = o.resume ? await store.getCrawl(crawlId) : null;
  if (o.resume && state && state.status !== "running") {
    throw new InputError(`nothing to resume: the crawl for ${o.date} with these parameters is ${state.status}`);
  }
  if (o.resume && !state) {
    // killed before its first save (or never started): there is nothing to continue, so it starts
    o.onNote?.(`no unfinished crawl for ${o.date} with these parameters: starting it`);
  }
  const resumed = state !== null;
  if (!state) {
    rmSync(dir, { recursive: true, force: true });
    state = {
      crawlId,
      date: o.date,
      endpoint: o.endpoint,
      params,
      nextUrl: buildListUrl(o.endpoint, {
        author: o.author,
        search: o.search,
        sort: "downloads",
        limit: Math.min(o.pageSize ?? 1000, o.limit ?? Number.POSITIVE_INFINITY),
      }),
      pages: 0,
      models: 0,
      status: "running",
      startedAt: now(),
      updatedAt: now(),
      error: null,
    };
    await store.saveCrawl(state);
  }
  mkdirSync(dir, { recursive: true });
  // Page files past the committed count belong to a page that was in flight: it will be fetched again.
  for (const f of readdirSync(dir)) {
    const n = Number(f.slice(5, 11));
    if (!f.startsWith("page-") || !(n <= state.pages)) rmSync(path.join(dir, f), { force: true });
  }
  const client = new HubClient({ ...o.client, endpoint: o.endpoint, token: o.token, onRetry: o.onRetry });
  const resumedFrom = state.pages;
  try {
    // One request at a time: a page is fetched only after the previous one is committed, so a kill loses at most
    // the page in flight (the guarantee `--resume` gives).
    while (state.nextUrl) {
      const page = await client.fetchPage(state.nextUrl);
      const room = o.limit === undefined ? page.items.length : Math.max(0, o.limit - state.models);
      const take = Math.min(room, page.items.length);
      const next: string | null = take < page.items.length || state.models + take === o.limit ? null : page.next;
      const body = take === page.items.length ? page.body : JSON.stringify(page.items.slice(0, take));
      const file = pageFile(dir, state.pages + 1);
      writeFileSync(`${file}.tmp`, body);
      renameSync(`${file}.tmp`, file);
      state = { ...state, pages: state.pages + 1, models: state.models + take, nextUrl: next, updatedAt: now() };
      await store.saveCrawl(state);
      o.onProgress?.({ pages: state.pages, models: state.models, resumedFrom, done: next === null });
    }
  } catch (err) {
    await store.saveCrawl({ ...state, status: "running", error: (err as Error).message, updatedAt: now() });
    throw err;
  }
  const done = state;
  const write = o.write ?? (<T>(fn: (s: Store) => Promise<T>) => fn(store));
  const snapshot = await write((target) => loadSpool(target, dir, done));
  await store.saveCrawl({ ...state, status: "complete", nextUrl: null, updatedAt: now(), error: null });
  rmSync(dir, { recursive: true, force: true });
  return { crawlId, pages: state.pages, models: state.models, resumed, snapshot };
}

async function loadSpool(store: Store, dir: string, state: CrawlState): Promise<LoadedSnapshot> {
  const session = await store.beginLoad();
  try {
    for (let n = 1; n <= state.pages; n++) {
      const file = pageFile(dir, n);
      if (!existsSync(file)) throw new Error(`crawl spool is missing page ${n} (${file}); restart without --resume`);
    }
    // every committed page, in one read (DuckDB expands the glob)
    const glob = path.join(dir, "page-*.json");
    await session.stage({ path: glob, format: "json-array", label: glob, defaultDate: state.date });
    const source = `hub:${state.endpoint}/api/models${state.params === '{"author":null,"search":null,"limit":null}' ? "" : ` ${state.params}`}`;
    const [snapshot] = await session.commit({
      source,
      aliases: await loadAliases(),
      licences: licenceRows(await loadLicences()),
    });
    if (!snapshot) throw new Error("the crawl returned no models; nothing was stored");
    return snapshot;
  } catch (err) {
    await session.abort();
    throw err;
  }
}
