/**
 * Store locations: `duckdb://PATH` or a plain path (a DuckDB file, or `:memory:`), and
 * `clickhouse://user:pass@host:port[,host2:port2…]/db[?cluster=NAME]` (the ClickHouse store's URL form, see
 * src/store/clickhouse/connection.ts). `openLocation` opens either store.
 */
import { existsSync } from "node:fs";
import { InputError } from "../errors.js";
import { ClickHouseStore } from "./clickhouse/clickhouse-store.js";
import { parseClickHouseUrl } from "./clickhouse/connection.js";
import { DuckDBStore } from "./duckdb/duckdb-store.js";
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

/**
 * Opens the store a location names (creating a DuckDB file or a ClickHouse database when missing, unless
 * `mustExist`: then a DuckDB file that does not exist is an input error rather than a new empty store).
 */
export async function openLocation(location: string, opts: { mustExist?: boolean } = {}): Promise<Store> {
  const loc = parseLocation(location);
  if (loc.kind === "clickhouse") return ClickHouseStore.open(loc.target);
  if (opts.mustExist && loc.target !== ":memory:" && !existsSync(loc.target)) {
    throw new InputError(`no DuckDB database at ${loc.target}`);
  }
  return DuckDBStore.open(loc.target);
}
