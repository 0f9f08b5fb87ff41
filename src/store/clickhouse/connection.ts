/**
 * Connections to the ClickHouse nodes of one store, over `@clickhouse/client` (HTTP). The first node is the
 * coordinator: it holds the small tables (snapshots, licences, crawl state), the Distributed tables and the views
 * the catalog reads; every node holds its shard of the large tables (`*_local`).
 *
 * Only settings ClickHouse 18.16 knows are sent (it rejects unknown ones, e.g. `param_*`).
 */
import { createReadStream } from "node:fs";
import { type ClickHouseClient, ClickHouseLogLevel, type ClickHouseSettings, createClient } from "@clickhouse/client";
import { wholeNumberFromEnv } from "../../env.js";
import { identifier } from "./literal.js";
import type { ClickHouseTarget } from "./url.js";

export { type ClickHouseTarget, parseClickHouseUrl } from "./url.js";

/** Settings every request carries. */
const BASE_SETTINGS: ClickHouseSettings = {
  // numbers, not strings, for Int64/UInt64 in JSON output (sums of downloads stay far below 2^53)
  output_format_json_quote_64bit_integers: 0,
  // SQL semantics for outer joins: missing rows give NULL, not the type's default
  join_use_nulls: 1,
  // inserts through a Distributed table return once every shard has the rows
  insert_distributed_sync: 1,
  input_format_skip_unknown_fields: 1,
  // a GROUP BY or ORDER BY over many dates spills to disk past 1 GB instead of failing at the per-query memory limit
  // (the roll-up rebuild of migration 8 over 90 days of the full listing would use 3.9 GiB, over a 3.7 GiB limit)
  max_bytes_before_external_group_by: "1000000000",
  max_bytes_before_external_sort: "1000000000",
};

/**
 * Settings for an `INSERT … SELECT` whose source is a few large blocks (a load's staged rows, held as the blocks they
 * were sent in; a generation's rows): each block is written as it comes, read up to 1 M rows at a time. By default
 * 18.16 squashes an INSERT's blocks to 1 M rows and copies the accumulated block at every append (perf: most of the
 * server's time in `SquashingTransform`'s copies and the page faults of their allocations): a quarter of the listing
 * into a MergeTree table 3.7–5.2 s → 2.3–3.3 s, the statistics 1.2–1.8 → 0.6–1.0 s. Not for a source of many small
 * blocks (a GROUP BY's), where it would write one small part per block.
 */
export const LARGE_BLOCKS: ClickHouseSettings = {
  min_insert_block_size_rows: "0",
  min_insert_block_size_bytes: "0",
  max_block_size: "1048576",
};

/** The default `max_query_size` of 18.16; longer statements (long literals) raise it per request. */
const DEFAULT_MAX_QUERY_SIZE = 262_144;

/** The parts of {@link ClickHouseConnection.commandInParts}: one per core of a 2-core server (the machines here). */
export const WRITE_PARTS = 2;

/**
 * The fewest rows (staged plus the previous generation's models) for which a load writes its dimension and roll-ups in
 * {@link WRITE_PARTS} parts: 50,000, or `OMO_CH_PARTS_FROM_ROWS` (0: always in parts; the tests run the dimension's
 * contract both ways). Below, one statement each: each part is one more statement for 18.16 to analyse, and on a
 * small store analysis is most of a statement's cost.
 */
export function partsFromRows(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFromEnv("OMO_CH_PARTS_FROM_ROWS", 50_000, { unit: "rows" }, env);
}

/**
 * How long one request may take before the client gives up (ms): 5 minutes, or `OMO_CLICKHOUSE_TIMEOUT_MS`. A roll-up
 * rebuild over a long history on a busy machine can run longer than 5 minutes in one statement (the 365-day stores
 * bench failed so, with two other ClickHouse test runs on the same 2 cores): raise it for such maintenance.
 */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFromEnv("OMO_CLICKHOUSE_TIMEOUT_MS", 300_000, { min: 1, unit: "milliseconds" }, env);
}

/** Clients for every node of a store. */
export class ClickHouseConnection {
  private readonly clients: ClickHouseClient[];

  constructor(readonly target: ClickHouseTarget) {
    this.clients = target.nodes.map((url) =>
      createClient({
        url,
        username: target.username,
        password: target.password,
        database: target.database,
        clickhouse_settings: BASE_SETTINGS,
        request_timeout: requestTimeoutMs(),
        log: { level: ClickHouseLogLevel.OFF },
      }),
    );
  }

  /** How many nodes (shards) there are. */
  get nodeCount(): number {
    return this.clients.length;
  }

  private client(node: number): ClickHouseClient {
    const c = this.clients[node];
    if (!c) throw new Error(`no ClickHouse node ${node}`);
    return c;
  }

  private static settingsFor(sql: string): ClickHouseSettings {
    const bytes = Buffer.byteLength(sql);
    return bytes + 1024 > DEFAULT_MAX_QUERY_SIZE ? { max_query_size: String(bytes + 1024) } : {};
  }

  /** Runs a SELECT (already bound) on a node (default the coordinator) and returns its rows. */
  async rows<T = Record<string, unknown>>(sql: string, node = 0): Promise<T[]> {
    const rs = await this.client(node).query({
      query: sql,
      format: "JSONEachRow",
      clickhouse_settings: ClickHouseConnection.settingsFor(sql),
    });
    return rs.json<T>();
  }

  /** Runs a statement without result rows on one node (default the coordinator), with `settings` for it alone. */
  async command(sql: string, node = 0, settings: ClickHouseSettings = {}): Promise<void> {
    await this.client(node).command({
      query: sql,
      clickhouse_settings: { ...ClickHouseConnection.settingsFor(sql), ...settings },
    });
  }

  /**
   * Runs a statement in `parts` parts ({@link WRITE_PARTS} unless given) side by side: `sqlOf(partOf)` is the
   * statement of one part, where `partOf(hash)` is the part's condition on a UInt64 expression (`(<hash>) % n = i`), to
   * add to a WHERE; the statement restricts its rows by the hash of a value that puts every row of a group or a key in
   * one part (the same value under another column name gives the same part; with one part, `partOf` gives `1`).
   * ClickHouse 18.16 writes an `INSERT … SELECT` in one stream, on one core: a load's largest INSERTs are sent so, one
   * part per core of the server. When a part fails, the others
   * are waited for (so none this process waits on still runs while the caller cleans up; a client timeout leaves the
   * server running its statement, as for any statement), then the first failure is thrown.
   */
  async commandInParts(
    sqlOf: (partOf: (hash: string) => string) => string,
    settings: ClickHouseSettings = {},
    parts = WRITE_PARTS,
  ): Promise<void> {
    const done = await Promise.allSettled(
      Array.from({ length: parts }, (_, i) =>
        this.command(
          sqlOf((hash) => (parts === 1 ? "1" : `(${hash}) % ${parts} = ${i}`)),
          0,
          settings,
        ),
      ),
    );
    const failed = done.find((p) => p.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  /** Runs a statement on every node, in order. */
  async commandEach(sql: string): Promise<void> {
    for (let i = 0; i < this.clients.length; i++) await this.command(sql, i);
  }

  /** Inserts rows (objects, sent as JSONEachRow) into a table of the coordinator. */
  async insert(table: string, values: readonly Record<string, unknown>[]): Promise<void> {
    if (values.length === 0) return;
    await this.client(0).insert({ table, values: values as Record<string, unknown>[], format: "JSONEachRow" });
  }

  /**
   * Streams a CSV file (no header; its fields in the order of `columns`) from disk into `columns` of a coordinator
   * table, in one INSERT.
   */
  async insertCsvFile(table: string, columns: readonly string[], file: string): Promise<void> {
    const query = `INSERT INTO ${table} (${columns.join(", ")}) FORMAT CSV`;
    // a field starting with ' is text, not a single-quoted value
    const res = await this.client(0).exec({
      query,
      values: createReadStream(file),
      clickhouse_settings: { format_csv_allow_single_quotes: 0 },
    });
    // the answer of an INSERT has no rows; read it to the end so the socket goes back to the pool
    for await (const _ of res.stream) {
      // nothing to read
    }
  }

  /** Creates the database on every node (through the `default` database, since ours may not exist yet). */
  async createDatabase(): Promise<void> {
    for (const url of this.target.nodes) {
      const c = createClient({
        url,
        username: this.target.username,
        password: this.target.password,
        database: "default",
        log: { level: ClickHouseLogLevel.OFF },
      });
      try {
        await c.command({ query: `CREATE DATABASE IF NOT EXISTS ${identifier(this.target.database)}` });
      } finally {
        await c.close();
      }
    }
  }

  /** Whether every node answers `/ping`. */
  async ping(): Promise<boolean> {
    for (const c of this.clients) {
      const r = await c.ping();
      if (!r.success) return false;
    }
    return true;
  }

  async close(): Promise<void> {
    for (const c of this.clients) await c.close();
  }
}
