/**
 * Store locations: `duckdb://PATH` or a plain path (a DuckDB file, or `:memory:`), and
 * `clickhouse://user:pass@host:port[,host2:port2…]/db[?cluster=NAME]` (the ClickHouse store's URL form, see
 * src/store/clickhouse/connection.ts). `openLocation` opens either store.
 */
import { existsSync } from "node:fs";
import { InputError } from "../errors.js";
import { parseClickHouseUrl } from "./clickhouse/url.js";
import type { Store } from "./store.js";

/** Which store a location names. */
export type LocationKind = "duckdb" | "clickhouse";

/** A parsed location. */
export interface StoreLocation {
  kind: LocationKind;
  /** DuckDB: the file path (or `:memory:`); ClickHouse: the URL as given. */
  target: string;
  /** The location without any password, for messages and snapshot sources. */
  display: string;
}

const CLICKHOUSE = /^clickhouse(?:\+http)?:\/\//i;
const DUCKDB = /^duckdb:\/\//i;

/** Removes the password of a `scheme://user:pass@…` URL (keeps the user). */
export function withoutPassword(location: string): string {
  // the user info ends at the last `@` before the path (a password may hold a raw `@`)
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i.exec(location);
  if (!m) return location;
  const user = (m[2] ?? "").split(":")[0] ?? "";
  return `${m[1]}${user === "" ? "" : `${user}@`}${location.slice(m[0].length)}`;
}

/** Parses a location; ClickHouse URLs are validated (hosts, database name) without connecting. */
export function parseLocation(location: string): StoreLocation {
  const loc = location.trim();
  if (loc === "") throw new InputError("empty store location");
  if (CLICKHOUSE.test(loc)) {
    try {
      parseClickHouseUrl(loc);
    } catch (err) {
      throw new InputError(`invalid store location "${withoutPassword(loc)}": ${(err as Error).message}`);
    }
    return { kind: "clickhouse", target: loc, display: withoutPassword(loc) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(loc) && !DUCKDB.test(loc)) {
    throw new InputError(
      `unknown store location "${withoutPassword(loc)}": expected duckdb://PATH, a file path or clickhouse://host:port/db`,
    );
  }
  const file = loc.replace(DUCKDB, "");
  if (file === "") throw new InputError(`invalid store location "${loc}": no file path after duckdb://`);
  return { kind: "duckdb", target: file, display: file };
}

/** Options of {@link openLocation}. */
export interface OpenOptions {
  /** A DuckDB file that does not exist is an input error (default: it reads as an empty store). */
  mustExist?: boolean;
  /** Told once when a DuckDB store must wait for another writer. */
  onWait?: (message: string) => void;
}

/**
 * Opens the store a location names for reading. A DuckDB file is opened read-only, so any number of readers (and
 * `omo serve`) share it while a writer works on a copy (src/store/duckdb/write.ts); a file that does not exist yet
 * reads as an empty store (unless `mustExist`); an older schema is upgraded first, through a writer. ClickHouse
 * stores are opened as they are (ClickHouse serves readers and writers at once).
 */
export async function openLocation(location: string, opts: OpenOptions = {}): Promise<Store> {
  const loc = parseLocation(location);
  if (loc.kind === "clickhouse") {
    const { ClickHouseStore } = await import("./clickhouse/clickhouse-store.js");
    return ClickHouseStore.open(loc.target);
  }
  const { DuckDBStore, StoreNeedsUpgrade } = await import("./duckdb/duckdb-store.js");
  if (loc.target === ":memory:") return DuckDBStore.open(loc.target);
  if (!existsSync(loc.target)) {
    if (opts.mustExist) throw new InputError(`no DuckDB database at ${loc.target}`);
    return DuckDBStore.open(":memory:", { label: loc.target });
  }
  try {
    return await DuckDBStore.open(loc.target, { readOnly: true });
  } catch (err) {
    if (!(err instanceof StoreNeedsUpgrade)) throw err;
  }
  await writeLocation(location, async () => undefined, opts);
  return DuckDBStore.open(loc.target, { readOnly: true });
}

/**
 * Runs `fn` with the store opened for writing: for a DuckDB file, on a copy swapped in when `fn` succeeds, under the
 * store's write lock (src/store/duckdb/write.ts); for ClickHouse, on the store itself (its loads become visible only
 * at their last step). When `fn` throws, nothing it wrote is visible.
 */
export async function writeLocation<T>(
  location: string,
  fn: (store: Store) => Promise<T>,
  opts: OpenOptions = {},
): Promise<T> {
  const loc = parseLocation(location);
  let store: Store;
  if (loc.kind === "clickhouse") {
    const { ClickHouseStore } = await import("./clickhouse/clickhouse-store.js");
    store = await ClickHouseStore.open(loc.target);
  } else if (loc.target === ":memory:") {
    const { DuckDBStore } = await import("./duckdb/duckdb-store.js");
    store = await DuckDBStore.open(loc.target);
  } else {
    const { withDuckDBWrite } = await import("./duckdb/write.js");
    return withDuckDBWrite(loc.target, fn, { onWait: opts.onWait });
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
