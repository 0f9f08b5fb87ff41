/** The embedded DuckDB store: one database file, migrated on open, implementing {@link Store}. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { z } from "zod";
import { InputError } from "../../errors.js";
import { type CatalogQuery, placeholders } from "../../queries/catalog.js";
import { toCrawlState } from "../crawl-state.js";
import type {
  CrawlState,
  LeaderboardLoad,
  LicenceClassRow,
  LoadedLeaderboard,
  LoadSession,
  PriceImport,
  PriceImportResult,
  Store,
} from "../store.js";
import { plain } from "./convert.js";
import * as K from "./crawl-sql.js";
import { importLeaderboardRows } from "./leaderboard-sql.js";
import { licencesCurrent, writeLicences } from "./licence-sql.js";
import { openLoadSession } from "./load-session.js";
import { migrate } from "./migrate.js";
import { importPriceRows } from "./price-sql.js";

/** Turns a zod failure on query parameters into an InputError naming the parameter. */
function paramError(query: string, err: z.ZodError): InputError {
  const issue = err.issues[0];
  const field = issue?.path.join(".") || undefined;
  return new InputError(`invalid parameter for query "${query}": ${issue?.message ?? "invalid"}`, { field });
}

/** A Store backed by a DuckDB file (or `:memory:`). */
export class DuckDBStore implements Store {
  private loading = false;

  private constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) the database file and applies pending migrations. */
  static async open(location: string): Promise<DuckDBStore> {
    if (location !== ":memory:") mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(location);
    } catch (err) {
      throw new InputError(`cannot open database: ${(err as Error).message.split("\n")[0]}`, { file: location });
    }
    const conn = await instance.connect();
    await conn.run("SET TimeZone = 'UTC'");
    // Loads sort explicitly where order matters; letting readers reorder saves memory on large imports.
    await conn.run("SET preserve_insertion_order = false");
    await migrate(conn);
    return new DuckDBStore(location, instance, conn);
  }

  async query<P, R>(query: CatalogQuery<P, R>, params: P): Promise<R[]> {
    const parsed = query.params.safeParse(params);
    if (!parsed.success) throw paramError(query.name, parsed.error);
    const values = parsed.data as Record<string, unknown>;
    const bind: Record<string, string | number | boolean | null> = {};
    for (const name of placeholders(query.sql.duckdb)) {
      const v = values[name];
      bind[name] = v === undefined ? null : (v as string | number | boolean | null);
    }
    let rows: Record<string, unknown>[];
    try {
      const reader = await this.conn.runAndReadAll(query.sql.duckdb, bind);
      rows = reader.getRowObjectsJS() as Record<string, unknown>[];
    } catch (err) {
      const msg = (err as Error).message.split("\n")[0] ?? "";
      if (/regex|regular expression/i.test(msg)) throw new InputError(`invalid regular expression: ${msg}`);
      throw new Error(`query "${query.name}" failed: ${msg}`);
    }
    return rows.map((r) => query.row.parse(plain(r)));
  }

  async beginLoad(): Promise<LoadSession> {
    if (this.loading) throw new Error("a load is already in progress on this store");
    this.loading = true;
    return openLoadSession(this.conn, () => {
      this.loading = false;
    });
  }

  async getCrawl(crawlId: string): Promise<CrawlState | null> {
    const r = await this.conn.runAndReadAll(K.GET_CRAWL, { crawl_id: crawlId });
    const row = r.getRowObjectsJS()[0];
    return row ? toCrawlState(plain(row) as Record<string, unknown>) : null;
  }

  async latestCrawl(filter: { status?: CrawlState["status"] }): Promise<CrawlState | null> {
    const r = await this.conn.runAndReadAll(K.LATEST_CRAWL, { status: filter.status ?? null });
    const row = r.getRowObjectsJS()[0];
    return row ? toCrawlState(plain(row) as Record<string, unknown>) : null;
  }

  async saveCrawl(s: CrawlState): Promise<void> {
    await this.conn.run(K.UPSERT_CRAWL, K.crawlBind(s));
  }

  async refreshLicences(rows: readonly LicenceClassRow[]): Promise<boolean> {
    if (this.loading) throw new Error("cannot refresh the licence map while a load is in progress");
    if (await licencesCurrent(this.conn, rows)) return false;
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
    if (this.loading) throw new Error("cannot import prices while a load is in progress");
    return importPriceRows(this.conn, batch);
  }

  async importLeaderboards(loads: readonly LeaderboardLoad[]): Promise<LoadedLeaderboard[]> {
    if (this.loading) throw new Error("cannot import leaderboards while a load is in progress");
    return importLeaderboardRows(this.conn, loads);
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
