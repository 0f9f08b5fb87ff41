/**
 * Chooses and opens the store for a location: a DuckDB file path (or `duckdb://PATH`, `:memory:`; the default is
 * `./omo.duckdb`) or a ClickHouse URL `clickhouse://user:pass@host:8123[,host2:8124]/db` (several hosts: one shard
 * each, behind Distributed tables).
 */
import { parseClickHouseUrl } from "./clickhouse/url.js";
import { type OpenOptions, openLocation, parseLocation, writeLocation } from "./locations.js";
import type { Store } from "./store.js";

/**
 * The store location from the options, else `OMO_STORE`, else `OMO_DB`, else `./omo.duckdb`. `--store` and `--db`
 * are the same option (`--db` predates ClickHouse).
 */
export function resolveLocation(opts: { store?: string; db?: string } = {}): string {
  return opts.store ?? opts.db ?? process.env.OMO_STORE ?? process.env.OMO_DB ?? "omo.duckdb";
}

/**
 * A local file path for what a store needs beside it on disk (the crawl spool, the watch lock): the DuckDB file
 * itself, or for ClickHouse a name made of host, port and database (never the password), in the working directory.
 */
export function localStatePath(location: string): string {
  const loc = parseLocation(location);
  if (loc.kind === "duckdb") return loc.target;
  const t = parseClickHouseUrl(loc.target);
  const coordinator = new URL(t.nodes[0] as string);
  return `omo-clickhouse-${coordinator.hostname}-${coordinator.port}-${t.database}`.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Opens the store at a location (see {@link openLocation}: unknown schemes are one-line input errors). */
export function openStore(location: string): Promise<Store> {
  return openLocation(location);
}

/**
 * Runs `fn` with the store at a location open for writing (see {@link writeLocation}: DuckDB writers work on a copy
 * swapped in at the end, so readers and `omo serve` are never locked out).
 */
export function writeStore<T>(location: string, fn: (store: Store) => Promise<T>, opts: OpenOptions = {}): Promise<T> {
  return writeLocation(location, fn, opts);
}
