/**
 * The shipped price table (`data/prices/api-prices.csv`) on ClickHouse. DuckDB reads the CSV in place (its path is
 * bound as `$shipped`); a ClickHouse server cannot read a file of the client, so the store copies the file's rows
 * into `shipped_price_rows` keyed by the SHA-256 of the file's bytes, once per content, and binds `$shipped` to that
 * hash: the price queries' ClickHouse forms read `shipped_price_rows FINAL WHERE hash = $shipped`.
 *
 * Sound under change and concurrency: an edited file has a new hash (its rows are loaded next to the old ones, which
 * nothing reads any more); all rows of one content go in ONE insert (one block: all or nothing), and two processes
 * loading the same content at once write the same `(hash, line)` keys, which `ReplacingMergeTree` + `FINAL` collapse.
 * The rows are read with the DuckDB queries' own reader ({@link SHIPPED_PRICES_CSV}, on an in-process DuckDB), so
 * the file is parsed one way for both stores.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { InputError } from "../../errors.js";
import { type CatalogQuery, placeholders } from "../../queries/catalog.js";
import { instanceOptions } from "../duckdb/threads.js";
import type { ClickHouseConnection } from "./connection.js";
import { bind } from "./literal.js";

/** The table the shipped rows go to (coordinator; small, never sharded). */
export const SHIPPED_PRICE_TABLE = "shipped_price_rows";

const CREATE = `CREATE TABLE IF NOT EXISTS ${SHIPPED_PRICE_TABLE} (hash String, line UInt32, provider String, model String,
  input_usd_per_1m Nullable(Float64), output_usd_per_1m Nullable(Float64), as_of Date, source String,
  retired Nullable(Date))
ENGINE = ReplacingMergeTree ORDER BY (hash, line)`;

/**
 * How the price queries' DuckDB files read the shipped table (`$shipped`: its path), written out in each of them;
 * test/unit/query-files.test.ts holds every copy to this text, so the rows copied to ClickHouse are the rows DuckDB
 * reads in place (empty cells, quoting and types alike).
 */
export const SHIPPED_PRICES_CSV = `read_csv($shipped, header = true, quote = '"', escape = '"', columns = {
    'provider': 'VARCHAR', 'model': 'VARCHAR', 'input_usd_per_1m': 'DOUBLE', 'output_usd_per_1m': 'DOUBLE',
    'as_of': 'DATE', 'source': 'VARCHAR', 'retired': 'DATE'})`;

/** The shipped rows as the table's columns (DuckDB; `line`: the row's place in the file, part of the key). */
const SHIPPED_ROWS = `SELECT CAST(row_number() OVER () AS INTEGER) AS line, provider, model, input_usd_per_1m,
  output_usd_per_1m, strftime(as_of, '%Y-%m-%d') AS as_of, source, strftime(retired, '%Y-%m-%d') AS retired
FROM ${SHIPPED_PRICES_CSV}`;

/** The rows of the shipped CSV at `file`, read by DuckDB as the DuckDB store's price queries read it. */
async function readShipped(file: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:", instanceOptions());
  try {
    const conn = await instance.connect();
    try {
      return (await conn.runAndReadAll(SHIPPED_ROWS, { shipped: file })).getRowObjectsJS();
    } catch (err) {
      throw new InputError(`cannot read the shipped price table: ${(err as Error).message.split("\n")[0]}`, { file });
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** The key the rows of the shipped CSV at `file` are stored under: the SHA-256 of its bytes, hex. */
export function shippedPricesKey(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError(`cannot read the shipped price table: ${(err as Error).message}`, { file });
  }
  return createHash("sha256").update(bytes).digest("hex");
}

/** Hashes already known to be loaded, per connection. */
const loaded = new WeakMap<ClickHouseConnection, Set<string>>();

/**
 * Makes sure the rows of the shipped CSV at `file` are in {@link SHIPPED_PRICE_TABLE} and returns the key they are
 * stored under (the SHA-256 of the file's bytes, hex).
 */
export async function ensureShippedPrices(conn: ClickHouseConnection, file: string): Promise<string> {
  const hash = shippedPricesKey(file);
  let known = loaded.get(conn);
  if (!known) {
    known = new Set();
    loaded.set(conn, known);
  }
  if (known.has(hash)) return hash;
  await conn.command(CREATE);
  const [have] = await conn.rows<{ n: number }>(
    bind(`SELECT count() AS n FROM ${SHIPPED_PRICE_TABLE} WHERE hash = $hash`, { hash }),
  );
  if (Number(have?.n ?? 0) === 0) {
    const rows = await readShipped(file);
    // one insert = one block: the content appears whole or not at all
    await conn.insert(
      SHIPPED_PRICE_TABLE,
      rows.map((r) => ({ hash, ...r })),
    );
  }
  known.add(hash);
  return hash;
}

/**
 * The store's hook: when a catalog query's ClickHouse SQL binds `$shipped` (the price queries), loads the file the
 * parameter names (see {@link ensureShippedPrices}) and returns the parameters with `shipped` replaced by its key;
 * other queries' parameters, and parameters whose `shipped` is already a key, come back unchanged.
 */
export async function withShippedPrices<P>(
  conn: ClickHouseConnection,
  query: CatalogQuery<P, unknown>,
  params: P,
): Promise<P> {
  const file = shippedFileOf(query, params);
  if (file === null) return params;
  return { ...(params as Record<string, unknown>), shipped: await ensureShippedPrices(conn, file) } as P;
}

/**
 * The shipped price CSV a query's parameters name for its ClickHouse SQL (`$shipped`, the price queries), or null:
 * another query, or a `shipped` that is already a key (the hook ran before).
 */
export function shippedFileOf<P>(query: CatalogQuery<P, unknown>, params: P): string | null {
  const sql = query.sql.clickhouse;
  const values = params as Record<string, unknown> | null | undefined;
  if (!sql || !placeholders(sql).includes("shipped") || typeof values?.shipped !== "string") return null;
  if (/^[0-9a-f]{64}$/.test(values.shipped) && !existsSync(values.shipped)) return null;
  return values.shipped;
}
