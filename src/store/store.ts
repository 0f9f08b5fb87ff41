/**
 * The Store interface: what the ingest side and the query catalog need from a database. DuckDB implements it
 * now (src/store/duckdb); a ClickHouse store can implement it later without touching the surfaces.
 */
import type { UsageImport } from "../domain/usage.js";
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

/**
 * What a snapshot covers: `full` = an unfiltered listing walked to its last page (or a file stated to be one), or
 * `partial`, with how it was selected (top N by a sort, an author or search filter, `--limit`, an imported file…).
 * Totals of snapshots whose coverage differs are never compared; comparisons across snapshots are made on the
 * models listed in both.
 */
export interface Coverage {
  kind: "full" | "partial";
  /** How the snapshot was selected, in words (e.g. `top 5,000 by downloads (--limit 5000)`). */
  how: string;
}

/** The coverage of a load that did not state one. */
export const UNSTATED_COVERAGE: Coverage = { kind: "partial", how: "not stated" };

/** Outcome of a committed load, one entry per snapshot date. */
export interface LoadedSnapshot {
  date: string;
  source: string;
  models: number;
  downloads: number;
  malformed: number;
  coverage: Coverage;
}

/** One row of the licence map as the store keeps it (`licence_class`): tag lower-cased. */
export interface LicenceClassRow {
  tag: string;
  class: string;
  spdx: string | null;
  commercial: string;
}

/** What a load's commit writes besides the staged rows (see {@link LoadSession.commit}). */
export interface CommitOptions {
  source: string;
  malformed?: number;
  aliases?: ReadonlyMap<string, string>;
  licences?: readonly LicenceClassRow[];
  coverage?: Coverage;
  reuploads?: ReuploadLinker;
}

/** A staged repo the re-upload rule may link (a re-uploader's repo with no lineage link at that date). */
export interface ReuploadCandidate {
  date: string;
  key: string;
  id: string;
}

/** A repo a re-upload may mirror (the rule decides which are official). */
export interface ReuploadTarget {
  key: string;
  id: string;
}

/** A `reupload` link the rule found: child (a re-upload at `date`) → the official repo its name mirrors. */
export interface ReuploadLink {
  date: string;
  childKey: string;
  parentKey: string;
  parentId: string;
}

/**
 * The re-upload rule as a store applies it at commit (src/domain/reuploads.ts builds it): the store reads the
 * candidates (staged repos of `reuploaders`, lineage known, no link) and the targets (repos of `targetAuthors`, staged
 * or stored) and writes the links `link` returns.
 */
export interface ReuploadLinker {
  /** Re-uploader namespaces, lower-cased. */
  reuploaders: readonly string[];
  /** Namespaces whose repos may be targets, lower-cased. */
  targetAuthors: readonly string[];
  link(candidates: readonly ReuploadCandidate[], targets: readonly ReuploadTarget[]): ReuploadLink[];
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
   * map, written to `licence_class` in the same transaction (replacing what was there). `coverage`: what every
   * snapshot of this load covers (default {@link UNSTATED_COVERAGE}). `reuploads`: the re-upload rule; repos of
   * its re-uploaders that carry no lineage link get a `reupload` link (origin `name rule`) to the official repo
   * their name mirrors.
   */
  commit(opts: CommitOptions): Promise<LoadedSnapshot[]>;
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

/** What {@link Store.importUsage} did. */
export interface UsageImportResult {
  snapshots: number;
  rows: number;
  /** Snapshots of the batch that were stored before and are now replaced. */
  replaced: number;
  catalogueEntries: number;
}

/** One row of a leaderboard table as imported (`omo leaderboard import`); null = not given by the source. */
export interface LeaderboardEntryRow {
  /** Row order in the file (1-based). */
  pos: number;
  /** Physical line of the row in the file. */
  line: number;
  model: string;
  rank: number | null;
  /** LMArena's rank spread (arena-2026, arena-extra). */
  rankLo: number | null;
  rankHi: number | null;
  /** Rank under style control (arena from 2024-10-16). */
  rankStyle: number | null;
  score: number | null;
  /** The confidence interval of the score: upper (+) and lower (-) half-widths. */
  ciPlus: number | null;
  ciMinus: number | null;
  preliminary: boolean;
  votes: number | null;
  organization: string | null;
  license: string | null;
  url: string | null;
  knowledgeCutoff: string | null;
  /** Price the leaderboard lists, USD per 1M input / output tokens. */
  priceInput: number | null;
  priceOutput: number | null;
  context: string | null;
  /** Parameters in billions (Open LLM Leaderboard). */
  paramsB: number | null;
}

/** One dated leaderboard table to store: replaces what the store holds for (board, date). */
export interface LeaderboardLoad {
  board: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The file it came from. */
  source: string;
  /** The header variant read (arena-elo, arena-score, arena-stylectrl, arena-blog, arena-spread, open-llm-v1/-v2). */
  format: string;
  coverage: { kind: "full" | "partial"; how: string };
  entries: readonly LeaderboardEntryRow[];
}

/** What {@link Store.importLeaderboards} stored for one (board, date). */
export interface LoadedLeaderboard {
  board: string;
  date: string;
  source: string;
  format: string;
  entries: number;
  /** Entries with a score. */
  scored: number;
  /** Whether a table of that board and date was there before (and is replaced). */
  replaced: boolean;
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
   * Stores token-usage snapshots and model catalogues in one atomic load: a snapshot replaces the stored one of the
   * same id, a catalogue the stored one of the same source and date; nothing is visible until all of it is.
   */
  importUsage(batch: UsageImport): Promise<UsageImportResult>;
  /**
   * Stores dated leaderboard tables atomically: every (board, date) of `loads` replaces what was stored for it, all
   * visible at once or (on an error or a crash) none.
   */
  importLeaderboards(loads: readonly LeaderboardLoad[]): Promise<LoadedLeaderboard[]>;
  /**
   * Stores what model cards say about their licences (`model_card_licence`, one row per model: a newer fetch replaces
   * an older one), atomically; returns the number of rows written.
   */
  saveCardLicences(rows: readonly CardLicenceRow[]): Promise<number>;
  close(): Promise<void>;
}
