/** Chooses and opens the store for a location: a DuckDB file path (default `./omo.duckdb`) or `:memory:`. */
import { DuckDBStore } from "./duckdb/duckdb-store.js";
import type { Store } from "./store.js";

/** The database location from an explicit option, else `OMO_DB`, else `./omo.duckdb`. */
export function resolveDbPath(option?: string): string {
  return option ?? process.env.OMO_DB ?? "omo.duckdb";
}

/** Opens the store at a location (DuckDB now; `clickhouse://` URLs are for a later store). */
export async function openStore(location: string): Promise<Store> {
  if (/^clickhouse:\/\//i.test(location)) throw new Error("the ClickHouse store is not available yet");
  return DuckDBStore.open(location.replace(/^duckdb:\/\//i, ""));
}
