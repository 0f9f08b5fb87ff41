/**
 * What several test files build the same way, built once per test run in the run's folder (the global setup's,
 * test/support/clickhouse-global.ts): the first file that asks builds it under a lock, the others wait. DuckDB stores
 * (the committed sample as two snapshots; the sample with the lineage fixture and card licences) are then copied into
 * each file's own folder: a copy is a file copy (~0.1 s), a build two or three loads (~3 s each time). Outside a vitest
 * run with the global setup each file builds its own, as before.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";
import { inject } from "vitest";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";

/** The run's folder shared by the test files, or undefined outside a run with the global setup. */
export function runDir(): string | undefined {
  try {
    return inject("clickHouseStateDir");
  } catch {
    return undefined;
  }
}

/**
 * The path of what `make` writes at the path it is given (a file or a folder), made once per run under the name `name`
 * in the run's folder: the first caller makes it under a lock, the others wait for it. Made under another path and
 * renamed when complete, so a failed `make` leaves nothing behind. Undefined outside a run with the global setup.
 * `make` must always write the same thing for the same `name`.
 */
export async function madeOnceInRun(name: string, make: (at: string) => Promise<void>): Promise<string | undefined> {
  const dir = runDir();
  if (!dir) return undefined;
  const made = path.join(dir, name);
  // locked by the made thing's path (proper-lockfile keeps a process's locks by the path locked: two names locked on
  // the run's folder at once in one process, a store and the dashboard, took each other's place)
  const release = await lockfile.lock(made, {
    realpath: false,
    lockfilePath: path.join(dir, `${name}.lock`),
    retries: { retries: 600, minTimeout: 200, maxTimeout: 1000 },
  });
  try {
    if (!existsSync(made)) {
      const making = `${made}.making`;
      rmSync(making, { recursive: true, force: true });
      await make(making);
      renameSync(making, made);
    }
  } finally {
    await release();
  }
  return made;
}

/**
 * Opens a DuckDB store at `dbPath` holding what `build` writes into an empty store: a copy of the run's template
 * `name` (built by the first caller). `build` must always write the same thing for the same `name`.
 */
export async function duckFromTemplate(
  name: string,
  dbPath: string,
  build: (store: DuckDBStore) => Promise<void>,
): Promise<DuckDBStore> {
  // the store and its write-ahead log (if closing left one) in one folder, renamed as one
  const made = await madeOnceInRun(`template-${name}`, async (at) => {
    mkdirSync(at);
    const store = await DuckDBStore.open(path.join(at, "store.duckdb"));
    try {
      await build(store);
    } finally {
      await store.close();
    }
  });
  if (!made) {
    const store = await DuckDBStore.open(dbPath);
    await build(store);
    return store;
  }
  const template = path.join(made, "store.duckdb");
  copyFileSync(template, dbPath);
  if (existsSync(`${template}.wal`)) copyFileSync(`${template}.wal`, `${dbPath}.wal`);
  return DuckDBStore.open(dbPath);
}
