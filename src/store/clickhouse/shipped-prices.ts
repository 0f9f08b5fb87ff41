/**
 * The shipped price table (`data/prices/api-prices.csv`) on ClickHouse. DuckDB reads the CSV in place (its path is
 * bound as `$shipped`); a ClickHouse server cannot read a file of the client, so the store copies the file's rows
 * into `shipped_price_rows` keyed by the SHA-256 of the file's bytes, once per content, and binds `$shipped` to that
 * hash: the price queries' ClickHouse forms read `shipped_price_rows FINAL WHERE hash = $shipped`.
 *
 * Sound under change and concurrency: an edited file has a new hash (its rows are loaded next to the old ones, which
 * nothing reads any more); all rows of one content go in ONE insert (one block: all or nothing), and two processes
 * loading the same content at once write the same `(hash, line)` keys, which `ReplacingMergeTree` + `FINAL` collapse.
 * The CSV is read by the one CSV reader (src/ingest/price-tables.ts) with the column types DuckDB's `read_csv` gives
 * it: empty numbers and retirement dates are NULL, dates must be real `YYYY-MM-DD` dates.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../../errors.js";
import { readShippedApiPrices } from "../../ingest/price-tables.js";
import { type CatalogQuery, placeholders } from "../../queries/catalog.js";
import type { ClickHouseConnection } from "./connection.js";
import { bind } from "./literal.js";

/** The table the shipped rows go to (coordinator; small, never sharded). */
export const SHIPPED_PRICE_TABLE = "shipped_price_rows";

const CREATE = `CREATE TABLE IF NOT EXISTS ${SHIPPED_PRICE_TABLE} (hash String, line UInt32, provider String, model String,
  input_usd_per_1m Nullable(Float64), output_usd_per_1m Nullable(Float64), as_of Date, source String,
  retired Nullable(Date))
ENGINE = ReplacingMergeTree ORDER BY (hash, line)`;

/** Hashes already known to be loaded, per connection. */
const loaded = new WeakMap<ClickHouseConnection, Set<string>>();

/**
 * Makes sure the rows of the shipped CSV at `file` are in {@link SHIPPED_PRICE_TABLE} and returns the key they are
 * stored under (the SHA-256 of the file's bytes, hex).
 */
export async function ensureShippedPrices(conn: ClickHouseConnection, file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError(`cannot read the shipped price table: ${(err as Error).message}`, { file });
  }
  const hash = createHash("sha256").update(bytes).digest("hex");
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
    const rows = await readShippedApiPrices(file);
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
  const sql = query.sql.clickhouse;
  const values = params as Record<string, unknown> | null | undefined;
  if (!sql || !placeholders(sql).includes("shipped") || typeof values?.shipped !== "string") return params;
  // already a key (the hook ran before): leave it
  if (/^[0-9a-f]{64}$/.test(values.shipped) && !existsSync(values.shipped)) return params;
  return { ...values, shipped: await ensureShippedPrices(conn, values.shipped) } as P;
}
