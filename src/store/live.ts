/**
 * The store a long-running process (`omo serve`) reads while other processes write: for a DuckDB file, a read-only
 * open that follows the file. Writers replace the file by an atomic rename (src/store/duckdb/write.ts); `sync()`
 * notices the new file (its inode, size or time changed), opens it read-only and answers every later query from it.
 * The previous open is closed once the queries running on it have finished, so an answer is never computed from two
 * files or from a half-written one. ClickHouse stores are shared by readers and writers already: `sync()` is a no-op.
 */
import { statSync } from "node:fs";
import type { UsageImport } from "../domain/usage.js";
import type { CatalogQuery } from "../queries/catalog.js";
import { openLocation, parseLocation } from "./locations.js";
import { recordQuery } from "./query-log.js";
import type {
  CardLicenceRow,
  CrawlState,
  LeaderboardLoad,
  LicenceClassRow,
  LoadedLeaderboard,
  LoadSession,
  PriceImport,
  PriceImportResult,
  Store,
  UsageImportResult,
} from "./store.js";

/** A store that can follow its file: {@link LiveStore.sync} switches to a newer file when a writer swapped one in. */
export interface LiveStore extends Store {
  /**
   * Checks whether the data changed on disk (at most once per `minIntervalMs`, or now with `force`); true when it
   * switched to the newer file.
   */
  sync(force?: boolean): Promise<boolean>;
  /** How many times it switched to a newer file (a reader that caches compares it to know when to drop caches). */
  readonly generation: number;
}

interface Opened {
  store: Store;
  /** inode, size and modification time of the file when opened ("" for a file that did not exist). */
  identity: string;
  running: number;
  retired: boolean;
}

function identityOf(file: string): string {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return "";
  }
}

class FollowingDuckDBStore implements LiveStore {
  readonly readOnly = true;
  generation = 0;
  private checkedAt = 0;
  private switching: Promise<boolean> | null = null;

  constructor(
    private readonly file: string,
    private current: Opened,
    private readonly minIntervalMs: number,
  ) {}

  get location(): string {
    return this.current.store.location;
  }

  async sync(force = false): Promise<boolean> {
    const now = Date.now();
    if (!force && now - this.checkedAt < this.minIntervalMs) return false;
    this.checkedAt = now;
    if (identityOf(this.file) === this.current.identity) return false;
    this.switching ??= this.switchFile().finally(() => {
      this.switching = null;
    });
    return this.switching;
  }

  private async switchFile(): Promise<boolean> {
    const identity = identityOf(this.file);
    if (identity === this.current.identity) return false;
    const store = await openLocation(this.file);
    const old = this.current;
    this.current = { store, identity, running: 0, retired: false };
    this.generation++;
    old.retired = true;
    if (old.running === 0) await old.store.close();
    return true;
  }

  private async use<T>(fn: (s: Store) => Promise<T>): Promise<T> {
    const o = this.current;
    o.running++;
    try {
      return await fn(o.store);
    } finally {
      o.running--;
      if (o.retired && o.running === 0) await o.store.close();
    }
  }

  query<P, R>(query: CatalogQuery<P, R>, params: P): Promise<R[]> {
    recordQuery(query);
    return this.use((s) => s.query(query, params));
  }

  beginLoad(): Promise<LoadSession> {
    throw new Error("the served store is read-only: loads go through the store's writer (writeStore)");
  }

  getCrawl(crawlId: string): Promise<CrawlState | null> {
    return this.use((s) => s.getCrawl(crawlId));
  }

  latestCrawl(filter: { status?: CrawlState["status"] }): Promise<CrawlState | null> {
    return this.use((s) => s.latestCrawl(filter));
  }

  saveCrawl(state: CrawlState): Promise<void> {
    return this.use((s) => s.saveCrawl(state));
  }

  refreshLicences(rows: readonly LicenceClassRow[]): Promise<boolean> {
    return this.use((s) => s.refreshLicences(rows));
  }

  importPrices(_batch: PriceImport): Promise<PriceImportResult> {
    throw new Error("the served store is read-only: price imports go through the store's writer (writeStore)");
  }

  importUsage(_batch: UsageImport): Promise<UsageImportResult> {
    throw new Error("the served store is read-only: usage imports go through the store's writer (writeStore)");
  }

  importLeaderboards(_loads: readonly LeaderboardLoad[]): Promise<LoadedLeaderboard[]> {
    throw new Error("the served store is read-only: leaderboard imports go through the store's writer (writeStore)");
  }

  saveCardLicences(_rows: readonly CardLicenceRow[]): Promise<number> {
    throw new Error("the served store is read-only: card licences go through the store's writer (writeStore)");
  }

  async close(): Promise<void> {
    this.current.retired = true;
    if (this.current.running === 0) await this.current.store.close();
  }
}

class FixedStore implements LiveStore {
  readonly generation = 0;
  constructor(private readonly inner: Store) {}
  get readOnly(): boolean {
    return this.inner.readOnly === true;
  }
  get location(): string {
    return this.inner.location;
  }
  async sync(_force?: boolean): Promise<boolean> {
    return false;
  }
  query<P, R>(query: CatalogQuery<P, R>, params: P): Promise<R[]> {
    recordQuery(query);
    return this.inner.query(query, params);
  }
  beginLoad(): Promise<LoadSession> {
    return this.inner.beginLoad();
  }
  getCrawl(crawlId: string): Promise<CrawlState | null> {
    return this.inner.getCrawl(crawlId);
  }
  latestCrawl(filter: { status?: CrawlState["status"] }): Promise<CrawlState | null> {
    return this.inner.latestCrawl(filter);
  }
  saveCrawl(state: CrawlState): Promise<void> {
    return this.inner.saveCrawl(state);
  }
  refreshLicences(rows: readonly LicenceClassRow[]): Promise<boolean> {
    return this.inner.refreshLicences(rows);
  }
  importPrices(batch: PriceImport): Promise<PriceImportResult> {
    return this.inner.importPrices(batch);
  }
  importUsage(batch: UsageImport): Promise<UsageImportResult> {
    return this.inner.importUsage(batch);
  }
  importLeaderboards(loads: readonly LeaderboardLoad[]): Promise<LoadedLeaderboard[]> {
    return this.inner.importLeaderboards(loads);
  }
  saveCardLicences(rows: readonly CardLicenceRow[]): Promise<number> {
    return this.inner.saveCardLicences(rows);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Wraps a store that does not follow a file (an already open store, ClickHouse). */
export function fixedLiveStore(store: Store): LiveStore {
  return new FixedStore(store);
}

/**
 * Opens the store at a location for a long-running reader. A DuckDB file is followed: checked at most once per
 * `minIntervalMs` (default 1 s) when {@link LiveStore.sync} is called.
 */
export async function openLive(location: string, opts: { minIntervalMs?: number } = {}): Promise<LiveStore> {
  const loc = parseLocation(location);
  if (loc.kind === "clickhouse" || loc.target === ":memory:") return new FixedStore(await openLocation(location));
  const identity = identityOf(loc.target);
  const store = await openLocation(location);
  return new FollowingDuckDBStore(
    loc.target,
    { store, identity, running: 0, retired: false },
    opts.minIntervalMs ?? 1000,
  );
}
