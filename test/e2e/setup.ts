/**
 * Shared set-up of the dashboard and embed tests: a temporary DuckDB file with the committed sample (2024-07-11)
 * and the meta-llama/lmsys fixture imported again as 2024-08-11, so every series has two points.
 */
import path from "node:path";
import { importFiles } from "../../src/ingest/import-files.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { ROOT, SAMPLE } from "../helpers.js";

/** The second snapshot's file (48 models of meta-llama and lmsys). */
export const SECOND = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");

/** The date the second snapshot is imported as. */
export const SECOND_DATE = "2024-08-11";

/** Opens a store at `dbPath` loaded with the two snapshots. */
export async function twoSnapshotStore(dbPath: string): Promise<Store> {
  const store = await openStore(dbPath);
  await importFiles(store, [SAMPLE]);
  await importFiles(store, [SECOND], { date: SECOND_DATE });
  return store;
}
