/** What the ClickHouse contract tests share: the server guard, local servers, and the lineage fixture. */
import path from "node:path";
import { loadAliases } from "../../src/domain/aliases.js";
import { licenceRows, loadLicences } from "../../src/domain/licences.js";
import { hasClickHouseServer } from "../../src/store/clickhouse/local-server.js";
import type { Store } from "../../src/store/store.js";
import { ROOT, SAMPLE } from "../helpers.js";

export { type LocalClickHouse, startLocalClickHouse } from "../../src/store/clickhouse/local-server.js";

/** A second snapshot with lineage from every source form (tags, cardData, baseModels), aliases and licences. */
export const LINEAGE = path.join(ROOT, "test/fixtures/lineage/lineage.jsonl");

/**
 * Whether clickhouse-server is installed. Without it a suite skips with a message; with CI=true it fails instead
 * (`.ci/run` installs Debian's package).
 */
export function clickHouseLive(): boolean {
  if (hasClickHouseServer()) return true;
  if (process.env.CI === "true") throw new Error("CI=true but clickhouse-server is not installed");
  console.warn("skipping: clickhouse-server not found (apt-get install clickhouse-server)");
  return false;
}

/**
 * Loads JSON Lines files into a store, each as its own snapshot load of the given date, with the shipped aliases and
 * licence map (as `omo import` commits); `source` defaults to `test:<file name>`.
 */
export async function loadDated(
  store: Store,
  inputs: ReadonlyArray<readonly [file: string, date: string]>,
  source?: string,
): Promise<void> {
  const aliases = await loadAliases();
  const licences = licenceRows(await loadLicences());
  for (const [file, date] of inputs) {
    const s = await store.beginLoad();
    await s.stage({ path: file, format: "jsonl", label: file, defaultDate: date });
    await s.commit({ source: source ?? `test:${path.basename(file)}`, aliases, licences });
  }
}

/** The committed sample as 2024-07-11 and the lineage fixture as 2025-01-22. */
export function loadSampleAndLineage(store: Store): Promise<void> {
  return loadDated(store, [
    [SAMPLE, "2024-07-11"],
    [LINEAGE, "2025-01-22"],
  ]);
}
