/** The threads every DuckDB instance of this process may use (the store's, and a ClickHouse load's staging). */
import { wholeNumberFromEnv } from "../../env.js";

/**
 * `OMO_DUCKDB_THREADS`, or undefined (DuckDB's own default: every logical CPU) when it is unset. For a machine shared
 * with other work — a collector and a server side by side, or the test suite, which runs three files at a time on two
 * cores and sets it to 1: the same tests then cost ~13 % less CPU (store-copy, stored-walks, leaderboards, usage,
 * sample and series: 244–269 s of the machine's CPU on DuckDB's two threads, 213–221 s on one).
 */
export function duckdbThreads(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const n = wholeNumberFromEnv("OMO_DUCKDB_THREADS", 0, { min: 1, unit: "threads" }, env);
  return n === 0 ? undefined : n;
}

/** `options` for `DuckDBInstance.create`, with the threads of {@link duckdbThreads} when it is set. */
export function instanceOptions(options: Record<string, string> = {}): Record<string, string> {
  const threads = duckdbThreads();
  return threads === undefined ? options : { ...options, threads: String(threads) };
}
