/**
 * The shipped price table (`data/prices/api-prices.csv`) on ClickHouse. DuckDB reads the CSV in place (its path is
 * bound as `$shipped`); a ClickHouse server cannot read a file of the client, so the store copies the file's rows
 * into `shipped_price_rows` keyed by the SHA-256 of the file's bytes, once per content, and binds `$shipped` to that
 * hash: the price queries' ClickHouse forms read `shipped_price_rows FINAL WHERE hash = $shipped`.
 *
 * Sound under change and concurrency: an edited file has a new hash (its rows are loaded next to the old ones, which
 * nothing reads any more); all rows of one content go in ONE insert (one block: all or nothing), and two processes
 * loading the same content at once write the same `(hash, line)` keys, which `ReplacingMergeTree` + `FINAL` collapse.
 * The CSV is parsed as DuckDB's `read_csv(header = true, quote = '"', escape = '"')` reads it (RFC 4180, by column
 * name), with the same column types: empty numbers are NULL, dates must be real `YYYY-MM-DD` dates.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../../errors.js";
import { type CatalogQuery, placeholders } from "../../queries/catalog.js";
import type { ClickHouseConnection } from "./connection.js";
import { bind } from "./literal.js";

/** The table the shipped rows go to (coordinator; small, never sharded). */
export const SHIPPED_PRICE_TABLE = "shipped_price_rows";

const CREATE = `CREATE TABLE IF NOT EXISTS ${SHIPPED_PRICE_TABLE} (hash String, line UInt32, provider String, model String,
  input_usd_per_1m Nullable(Float64), output_usd_per_1m Nullable(Float64), as_of Date, source String)
ENGINE = ReplacingMergeTree ORDER BY (hash, line)`;

/** One row of the shipped CSV. */
export interface ShippedPriceRow {
  line: number;
  provider: string;
  model: string;
  input_usd_per_1m: number | null;
  output_usd_per_1m: number | null;
  as_of: string;
  source: string;
}

/** RFC 4180 records of a CSV text (quoted fields with commas, doubled quotes and newlines; CRLF or LF). */
function csvRecords(text: string): string[][] {
  const out: string[][] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) out.push(fields);
    fields = [];
    field = "";
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else field += ch;
  }
  if (quoted) throw new InputError("unterminated quoted field in the shipped price table");
  if (field !== "" || fields.length > 0) endRecord();
  return out;
}

/** Parses the shipped CSV text into typed rows (throws InputError naming the line on a bad value). */
export function parseShippedPrices(text: string, label = "api-prices.csv"): ShippedPriceRow[] {
  const [head, ...records] = csvRecords(text);
  if (!head) return [];
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new InputError(`${label}: no column "${name}"`);
    return i;
  };
  const c = {
    provider: col("provider"),
    model: col("model"),
    input: col("input_usd_per_1m"),
    output: col("output_usd_per_1m"),
    asOf: col("as_of"),
    source: col("source"),
  };
  return records.map((f, n) => {
    const line = n + 2;
    const num = (i: number, name: string): number | null => {
      const t = (f[i] ?? "").trim();
      if (t === "") return null;
      const v = Number(t);
      if (!Number.isFinite(v)) throw new InputError(`${label} line ${line}: ${name} is not a number: "${t}"`);
      return v;
    };
    const asOf = (f[c.asOf] ?? "").trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || !new Date(`${asOf}T00:00:00Z`).toISOString().startsWith(asOf))
      throw new InputError(`${label} line ${line}: as_of is not a date YYYY-MM-DD: "${asOf}"`);
    return {
      line,
      provider: f[c.provider] ?? "",
      model: f[c.model] ?? "",
      input_usd_per_1m: num(c.input, "input_usd_per_1m"),
      output_usd_per_1m: num(c.output, "output_usd_per_1m"),
      as_of: asOf,
      source: f[c.source] ?? "",
    };
  });
}

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
    const rows = parseShippedPrices(bytes.toString("utf8"), file);
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
