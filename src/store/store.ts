/**
 * The Store interface: what the ingest side and the query catalog need from a database. DuckDB implements it
 * now (src/store/duckdb); a ClickHouse store can implement it later without touching the surfaces.
 */
import type { CatalogQuery } from "../queries/catalog.js";

/** A file to stage for a snapshot load, already in one of the formats the store reads natively. */
export interface StageInput {
  /** Path of a file the store can read: clean JSON Lines (plain or .gz), JSON arrays of list objects, or Parquet. */
  path: string;
  format: "jsonl" | "json-array" | "parquet";
  /** Path to name in messages and in the snapshot's source (the user's file, not a temp file). */
  label: string;
  /** Snapshot date for rows that carry none. */
  defaultDate: string | null;
}

/** What staging one file found. */
export interface StageResult {
  rows: number;
  /** Rows the fast reader flagged as malformed (negative counts, missing id); the caller decides what to do. */
  malformed: number;
  /** Distinct snapshot dates of the staged rows (row date, else the input's default). */
  dates: string[];
  /** Rows with neither a row date nor a default date. */
  undated: number;
  /** A field that makes rows malformed (src/domain/record-rules.ts), when any row is; for messages. */
  firstBadField?: string | null;
}

/** Outcome of a committed load, one entry per snapshot date. */
export interface LoadedSnapshot {
  date: string;
  source: string;
  models: number;
  downloads: number;
  malformed: number;
}

/** One row of the licence map as the store keeps it (`licence_class`): tag lower-cased. */
export interface LicenceClassRow {
  tag: string;
  class: string;
  spdx: string | null;
  commercial: string;
}

/**
 * One atomic load: stage any number of inputs, then `commit` replaces the snapshots of every staged date in one
 * transaction. Nothing is visible before commit; `abort` (or a crash) leaves the previous state intact.
 */
export interface LoadSession {
  stage(input: StageInput): Promise<StageResult>;
  /** Drops what the last `stage` call added (used when a file turns out to be malformed). */
  unstageLast(): Promise<void>;
  /**
   * `aliases`: legacy base-model id (lower-cased) → canonical id, applied to lineage links. `licences`: the licence
   * map, written to `licence_class` in the same transaction (replacing what was there).
   */
  commit(opts: {
    source: string;
    malformed?: number;
    aliases?: ReadonlyMap<string, string>;
    licences?: readonly LicenceClassRow[];
  }): Promise<LoadedSnapshot[]>;
  abort(): Promise<void>;
}

/** Persisted progress of a live-API crawl (what `--resume` reads). */
export interface CrawlState {
  crawlId: string;
  date: string;
  endpoint: string;
  params: string;
  nextUrl: string | null;
  pages: number;
  models: number;
  status: "running" | "complete" | "failed";
  startedAt: string;
  updatedAt: string;
  error: string | null;
}

/** One API price: USD per token, as in LiteLLM tables. */
export interface PriceRow {
  model: string;
  provider: string;
  inputPerToken: number;
  outputPerToken: number;
  /** The day the model is retired and its price stops being in force (LiteLLM `deprecation_date`), if known. */
  deprecationDate?: string | null;
}

/** An imported price table: its rows, the date they hold from, and where they come from. */
export interface PriceImport {
  rows: readonly PriceRow[];
  /** `YYYY-MM-DD`. */
  asOf: string;
  /** e.g. `litellm:model_prices_and_context_window.json.gz`, `portkey:together-ai.json`. */
  source: string;
}

/** What a model card says about its licence (`GET /api/models/{id}` → `cardData`), as `omo ingest --details` stores it. */
export interface CardLicenceRow {
  /** The repo id as the Hub spells it. */
  id: string;
  licenseName: string | null;
  licenseLink: string | null;
  /** `cardData.license` (a list joined with ","). */
  cardLicense: string | null;
  /** `YYYY-MM-DD`, the day of the fetch. */
  fetchedOn: string;
  /** The endpoint the body came from. */
  source: string;
}

/** What {@link Store.importPrices} did. */
export interface PriceImportResult {
  inserted: number;
  /** Rows of an earlier import of the same source and date that were replaced. */
  replaced: number;
}

/** A database omo can load snapshots into and run catalog queries against. */
export interface Store {
  /** Where the data lives (file path or URL), for messages. */
  readonly location: string;
  /**
   * True when this open cannot write (a DuckDB file opened read-only so that other processes can read it too): writes
   * then go through the store's writer (`writeStore` in src/store/open.ts).
   */
  readonly readOnly?: boolean;
  /** Runs a named catalog query with validated parameters and returns its rows. */
  query<P, R>(query: CatalogQuery<P, R>, params: P): Promise<R[]>;
  /** Starts an atomic snapshot load. Only one may run at a time per store. */
  beginLoad(): Promise<LoadSession>;
  /** Crawl bookkeeping for `omo ingest`. */
  getCrawl(crawlId: string): Promise<CrawlState | null>;
  latestCrawl(filter: { status?: CrawlState["status"] }): Promise<CrawlState | null>;
  saveCrawl(state: CrawlState): Promise<void>;
  /**
   * Makes the stored licence map (`licence_class`) equal to `rows` if it differs (empty or stale); returns whether
   * it wrote anything.
   */
  refreshLicences(rows: readonly LicenceClassRow[]): Promise<boolean>;
  /**
   * Stores one imported API price table atomically (one transaction): rows of the same source and date are replaced,
   * so importing a file twice keeps one copy.
   */
  importPrices(batch: PriceImport): Promise<PriceImportResult>;
  /**
   * Stores what model cards say about their licences (`model_card_licence`, one row per model: a newer fetch replaces
   * an older one), atomically; returns the number of rows written.
   */
  saveCardLicences(rows: readonly CardLicenceRow[]): Promise<number>;
  close(): Promise<void>;
}
