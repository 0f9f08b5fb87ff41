/**
 * DuckDB stores that several test files build the same way (the committed sample as two snapshots; the sample with
 * the lineage fixture and card licences), built once per test run and copied into each file's own folder: a copy is
 * a file copy (~0.1 s), a build two or three loads (~3 s each time). The first file that asks builds the template
 * under a lock in the run's folder (the global setup's, test/support/clickhouse-global.ts); the others wait and copy.
 * Outside a vitest run with the global setup the store is built in place, as before.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
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
 * Opens a DuckDB store at `dbPath` holding what `build` writes into an empty store: a copy of the run's template
 * `name` (built by the first caller). `build` must always write the same thing for the same `name`.
 */
export async function duckFromTemplate(
  name: string,
  dbPath: string,
  build: (store: DuckDBStore) => Promise<void>,
): Promise<DuckDBStore> {
  const dir = runDir();
  if (!dir) {
    const store = await DuckDBStore.open(dbPath);
    await build(store);
    return store;
  }
  const template = path.join(dir, `template-${name}.duckdb`);
  const release = await lockfile.lock(dir, {
    lockfilePath: path.join(dir, `template-${name}.lock`),
    retries: { retries: 600, minTimeout: 200, maxTimeout: 1000 },
  });
  try {
    if (!existsSync(template)) {
      // built under another name and renamed when closed: a build that fails leaves no template behind
      const building = `${template}.building`;
      rmSync(building, { force: true });
      rmSync(`${building}.wal`, { force: true });
      const store = await DuckDBStore.open(building);
      try {
        await build(store);
      } finally {
        await store.close();
      }
      if (existsSync(`${building}.wal`)) renameSync(`${building}.wal`, `${template}.wal`);
      renameSync(building, template);
    }
  } finally {
    await release();
  }
  copyFileSync(template, dbPath);
  if (existsSync(`${template}.wal`)) copyFileSync(`${template}.wal`, `${dbPath}.wal`);
  return DuckDBStore.open(dbPath);
}
