/** The embedded DuckDB store: one database file, migrated on open, implementing {@link Store}. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
  VARCHAR,
} from "@duckdb/node-api";
import type { UsageImport } from "../../domain/usage.js";
import { InputError } from "../../errors.js";
import { type CatalogQuery, paramError, placeholders } from "../../queries/catalog.js";
import { type CrawlJournal, FileCrawlJournal, MemoryCrawlJournal } from "../crawl-journal.js";
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
} from "../store.js";
import { saveCardLicenceRows } from "./card-licence-sql.js";
import { plain } from "./convert.js";
import { holdsStoredWalk } from "./family-walk-sql.js";
import { importLeaderboardRows } from "./leaderboard-sql.js";
import { licencesCurrent, writeLicences } from "./licence-sql.js";
import { openLoadSession } from "./load-session.js";
import { migrate, pendingMigrations } from "./migrate.js";
import { importPriceRows } from "./price-sql.js";
import { REBUILD_ALL_ROLLUPS } from "./rollup-sql.js";
import { instanceOptions } from "./threads.js";
import { importUsageRows } from "./usage-sql.js";

/** Options of {@link DuckDBStore.open}. */
export interface DuckDBOpenOptions {
  /**
   * Open without writing (DuckDB `READ_ONLY`): any number of processes may read one file at once. Loads and price
   * imports are refused; a stale licence map is replaced by a temporary copy for this connection only.
   */
  readOnly?: boolean;
  /** The path to name in messages and to keep the crawl journal beside (default: the file opened). */
  label?: string;
}

/** A database that needs migrations was opened read-only: it must be upgraded by a writer first. */
export class StoreNeedsUpgrade extends Error {
  constructor(readonly pending: number) {
    super(`the database needs ${pending} schema migration(s)`);
  }
}

/** A Store backed by a DuckDB file (or `:memory:`). */
export class DuckDBStore implements Store {
  private loading = false;

  private constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly readOnly: boolean,
    private readonly journal: CrawlJournal,
  ) {}

  /**
   * Opens the database file: read-write (creating it if needed, applying pending migrations) or read-only (the file
   * must exist and be current: {@link StoreNeedsUpgrade} otherwise).
   */
  static async open(location: string, opts: DuckDBOpenOptions = {}): Promise<DuckDBStore> {
    const label = opts.label ?? location;
    if (location !== ":memory:" && !opts.readOnly) mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
    // read before the open: a wrong OMO_DUCKDB_THREADS is named as itself, not as a database that cannot open
    const options = instanceOptions(opts.readOnly ? { access_mode: "READ_ONLY" } : {});
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(location, options);
    } catch (err) {
      throw new InputError(`cannot open database: ${(err as Error).message.split("\n")[0]}`, { file: label });
    }
    const conn = await instance.connect();
    try {
      await conn.run("SET TimeZone = 'UTC'");
      // Loads sort explicitly where order matters; letting readers reorder saves memory on large imports.
      await conn.run("SET preserve_insertion_order = false");
      if (opts.readOnly) {
        const pending = await pendingMigrations(conn);
        if (pending > 0) throw new StoreNeedsUpgrade(pending);
      } else await migrate(conn);
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      throw err;
    }
    const journal = label === ":memory:" ? new MemoryCrawlJournal() : new FileCrawlJournal(`${label}.crawl`);
    return new DuckDBStore(label, instance, conn, opts.readOnly === true, journal);
  }

  private writable(what: string): void {
    if (this.readOnly) throw new Error(`cannot ${what}: the store ${this.location} is open read-only`);
  }

  async query<P, R>(query: CatalogQuery<P, R>, params: P): Promise<R[]> {
    const parsed = query.params.safeParse(params);
    if (!parsed.success) throw paramError(query.name, parsed.error);
    const values = parsed.data as Record<string, unknown>;
    const bind: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType> = {};
    // the lineage walk stored at load, when the store holds it for these parameters (migration 009)
    const text =
      query.sql.duckdbStored !== undefined && (await holdsStoredWalk(this.conn, values))
        ? query.sql.duckdbStored
        : query.sql.duckdb;
    for (const name of placeholders(text)) {
      const v = values[name];
      if (Array.isArray(v)) {
        // a list parameter (e.g. the families of families-ranking): strings only, bound as VARCHAR[]
        bind[name] = listValue(v.map(String));
        types[name] = LIST(VARCHAR);
      } else bind[name] = v === undefined ? null : (v as string | number | boolean | null);
    }
    let rows: Record<string, unknown>[];
    try {
      const reader = await this.conn.runAndReadAll(text, bind, types);
      rows = reader.getRowObjectsJS() as Record<string, unknown>[];
    } catch (err) {
      const msg = (err as Error).message.split("\n")[0] ?? "";
      if (/regex|regular expression/i.test(msg)) throw new InputError(`invalid regular expression: ${msg}`);
      throw new Error(`query "${query.name}" failed: ${msg}`);
    }
    return rows.map((r) => query.row.parse(plain(r)));
  }

  async beginLoad(): Promise<LoadSession> {
    this.writable("load a snapshot");
    if (this.loading) throw new Error("a load is already in progress on this store");
    this.loading = true;
    return openLoadSession(this.conn, () => {
      this.loading = false;
    });
  }

  // crawl bookkeeping lives beside the file (src/store/crawl-journal.ts), so a crawl needs no write access
  getCrawl(crawlId: string): Promise<CrawlState | null> {
    return this.journal.getCrawl(crawlId);
  }

  latestCrawl(filter: { status?: CrawlState["status"] }): Promise<CrawlState | null> {
    return this.journal.latestCrawl(filter);
  }

  saveCrawl(s: CrawlState): Promise<void> {
    return this.journal.saveCrawl(s);
  }

  async refreshLicences(rows: readonly LicenceClassRow[]): Promise<boolean> {
    if (this.loading) throw new Error("cannot refresh the licence map while a load is in progress");
    if (await licencesCurrent(this.conn, rows)) return false;
    if (this.readOnly) {
      // a temporary table shadows the stored one for this connection: queries see the current map, the file is untouched
      await this.conn.run(
        "CREATE OR REPLACE TEMP TABLE licence_class (tag VARCHAR PRIMARY KEY, class VARCHAR NOT NULL, spdx VARCHAR, commercial VARCHAR NOT NULL)",
      );
      await writeLicences(this.conn, rows);
      return true;
    }
    await this.conn.run("BEGIN TRANSACTION");
    try {
      await writeLicences(this.conn, rows);
      await this.conn.run("COMMIT");
    } catch (err) {
      await this.conn.run("ROLLBACK");
      throw err;
    }
    return true;
  }

  async importPrices(batch: PriceImport): Promise<PriceImportResult> {
    this.writable("import prices");
    if (this.loading) throw new Error("cannot import prices while a load is in progress");
    return importPriceRows(this.conn, batch);
  }

  async importUsage(batch: UsageImport): Promise<UsageImportResult> {
    this.writable("import usage");
    if (this.loading) throw new Error("cannot import usage while a load is in progress");
    return importUsageRows(this.conn, batch);
  }

  async saveCardLicences(rows: readonly CardLicenceRow[]): Promise<number> {
    if (this.loading) throw new Error("cannot store card licences while a load is in progress");
    this.writable("store card licences");
    return saveCardLicenceRows(this.conn, rows);
  }

  /**
   * Rebuilds the roll-ups of every stored date from scratch (migration 008 builds them once; each load keeps them):
   * for statistics written outside a load, as the stores bench's synthesised days.
   */
  async rebuildRollups(): Promise<void> {
    this.writable("rebuild the roll-ups");
    if (this.loading) throw new Error("cannot rebuild the roll-ups while a load is in progress");
    await this.conn.run("BEGIN TRANSACTION");
    try {
      for (const sql of REBUILD_ALL_ROLLUPS) await this.conn.run(sql);
      await this.conn.run("COMMIT");
    } catch (err) {
      await this.conn.run("ROLLBACK");
      throw err;
    }
  }

  /** Writes everything to the main file (no write-ahead log left), for a writer about to hand its file over. */
  async checkpoint(): Promise<void> {
    await this.conn.run("CHECKPOINT");
  }

  async importLeaderboards(loads: readonly LeaderboardLoad[]): Promise<LoadedLeaderboard[]> {
    this.writable("import leaderboards");
    if (this.loading) throw new Error("cannot import leaderboards while a load is in progress");
    return importLeaderboardRows(this.conn, loads);
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
