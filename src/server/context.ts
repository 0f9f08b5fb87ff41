/**
 * What every route shares: the store, the family registry, the data version (the latest complete snapshot, which
 * keys caches and ETags), the in-process response cache, and the error type routes throw.
 */
import { createHash } from "node:crypto";
import type { Watchlist } from "../alerts/watchlist.js";
import type { Family } from "../domain/families.js";
import { InputError } from "../errors.js";
import type { CatalogQuery } from "../queries/catalog.js";
import { snapshotList, usageVersion } from "../queries/index.js";
import { fixedLiveStore, type LiveStore } from "../store/live.js";
import { writeStore } from "../store/open.js";
import type { Store } from "../store/store.js";

/**
 * An error a route answers with: status, one-line message, for 400s the parameter at fault, and extra fields of the
 * answer (e.g. the valid names, `known`, for an unknown family).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A 404 for an unknown model, organisation, family or query. */
export function notFound(message: string): ApiError {
  return new ApiError(404, message);
}

/** A 400 naming the parameter. */
export function badParam(param: string, message: string): ApiError {
  return new ApiError(400, message, param);
}

/** The latest complete snapshot: what answers without a date come from, and what caches are keyed on. */
export interface DataVersion {
  /** `YYYY-MM-DD`, or null when the store has no complete snapshot. */
  date: string | null;
  /** When that snapshot was finished (changes when a date is reloaded). */
  finished: string | null;
  /** Models listed in it. */
  models: number;
  /** Cache key: date and finished time. */
  key: string;
}

/** A response kept in the cache. */
export interface CachedResponse {
  body: string;
  /** The ETag it was sent with. */
  etag: string;
  contentType: string;
  dataAsOf: string | null;
  /** The UTC day the answer holds for, when it read today's date (a query with cache hint `day`); else null. */
  day: string | null;
}

/** A small LRU of serialized GET responses, keyed by data version and URL. */
export class ResponseCache {
  private readonly map = new Map<string, CachedResponse>();
  private bytes = 0;

  /** At most `maxEntries` responses and `maxBytes` characters of bodies. */
  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** The cached response (refreshing its recency), if any. */
  get(key: string): CachedResponse | undefined {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  /** Stores a response, evicting the least recently used ones over the limits; huge bodies are not kept. */
  set(key: string, value: CachedResponse): void {
    if (value.body.length > this.maxBytes / 8) return;
    const prior = this.map.get(key);
    if (prior) {
      this.bytes -= prior.body.length;
      this.map.delete(key);
    }
    this.map.set(key, value);
    this.bytes += value.body.length;
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      const v = this.map.get(oldest.value);
      this.bytes -= v?.body.length ?? 0;
      this.map.delete(oldest.value);
    }
  }

  /** Drops every entry. */
  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }

  /** Number of entries. */
  get size(): number {
    return this.map.size;
  }
}

/** Runs `fn` with the store open for writing (a DuckDB file: on a copy swapped in at the end). */
export type StoreWriter = <T>(fn: (store: Store) => Promise<T>) => Promise<T>;

/** The shared state of one server. */
export class ServerContext {
  /** The response cache (GET routes). */
  readonly cache = new ResponseCache();
  /** Today's date (UTC) `YYYY-MM-DD`: what answers with cache hint `day` are keyed on (replaceable in tests). */
  today: () => string = () => new Date().toISOString().slice(0, 10);
  /** The watchlists whose Atom feeds the server publishes (`omo serve --watchlist FILE`). */
  watchlists: Watchlist[] = [];
  private current: DataVersion = { date: null, finished: null, models: 0, key: "none" };
  /** The store routes read: follows its file when writers swap a new one in (src/store/live.ts). */
  readonly store: LiveStore;
  /** How writes (admin ingest, the in-process collector) reach the store. */
  readonly write: StoreWriter;

  /**
   * `store`: a {@link LiveStore} is used as it is; another store is wrapped (it does not follow its file). Writes go
   * through `opts.write`, by default the store's writer for a read-only store, else the store itself.
   */
  constructor(
    store: Store | LiveStore,
    readonly families: Family[],
    opts: { write?: StoreWriter; spoolDir?: string } = {},
  ) {
    this.store = "sync" in store ? store : fixedLiveStore(store);
    const direct = this.store;
    const location = direct.location;
    this.write =
      opts.write ??
      (direct.readOnly
        ? <T>(fn: (s: Store) => Promise<T>) => writeStore(location, fn)
        : <T>(fn: (s: Store) => Promise<T>) => fn(direct));
    this.spoolDir = opts.spoolDir ?? null;
  }

  /** Where crawls started by the server keep their pages (null: a temporary folder). */
  readonly spoolDir: string | null;

  /**
   * Follows the store: when a writer has swapped in a newer file, later queries read it and the data version (and with
   * it the cache) is read again. Cheap when nothing changed (one file stat at most once a second).
   */
  async sync(force = false): Promise<void> {
    await this.store.sync(force);
    if (this.store.generation !== this.seenGeneration) {
      this.seenGeneration = this.store.generation;
      await this.refresh();
    }
  }

  private seenGeneration = 0;

  /** The 404 for an unknown model, organisation or family (see {@link AnswerContext}). */
  notFound(message: string): Error {
    return notFound(message);
  }

  /** The data version as last read. */
  get version(): DataVersion {
    return this.current;
  }

  /**
   * Reads the latest complete snapshot again (at start and after a load); clears the cache when it changed. The key
   * includes the store's generation: a write that adds no Hub snapshot (leaderboard tables, prices) still changes the
   * answers of some routes.
   */
  async refresh(): Promise<DataVersion> {
    const rows = await this.store.query(snapshotList, {});
    const latest = rows.find((r) => r.status === "complete");
    // token-usage imports change usage answers without changing the Hub snapshots
    const [usage] = await this.store.query(usageVersion, {});
    const u = `|usage:${usage?.snapshots ?? 0}:${usage?.loaded ?? ""}`;
    const next: DataVersion = latest
      ? {
          date: latest.date,
          finished: latest.finished,
          models: latest.models,
          key: `${latest.date}|${latest.finished ?? ""}|${rows.length}${u}|g${this.store.generation}`,
        }
      : { date: null, finished: null, models: 0, key: `none|${rows.length}${u}|g${this.store.generation}` };
    if (next.key !== this.current.key) this.cache.clear();
    this.current = next;
    return next;
  }

  /** The ETag of a URL under the current data version. */
  etag(url: string): string {
    return `"${createHash("sha1").update(`${this.current.key} ${url}`).digest("base64url").slice(0, 22)}"`;
  }

  /**
   * Runs a catalog query; a parameter the query rejects becomes a 400 naming it (`paramNames` maps query parameter
   * names to API names; a regular-expression failure is blamed on `regexParam`).
   */
  async query<P, R>(
    q: CatalogQuery<P, R>,
    params: P,
    opts: { paramNames?: Record<string, string>; regexParam?: string } = {},
  ): Promise<R[]> {
    try {
      return await this.store.query(q, params);
    } catch (err) {
      if (err instanceof InputError) {
        const field = err.location.field;
        const param = field ? (opts.paramNames?.[field] ?? field) : (opts.regexParam ?? "query");
        throw badParam(param, err.message);
      }
      // DuckDB rejects some patterns JavaScript accepts (RE2: repetition over 1000, lookbehind, \8…)
      const msg = (err as Error).message ?? "";
      if (/Invalid Input Error/.test(msg)) {
        const detail = msg.slice(msg.indexOf("Invalid Input Error") + 21).trim();
        throw badParam(opts.regexParam ?? "request", `invalid input: ${detail.slice(0, 300)}`);
      }
      throw err;
    }
  }
}
