/** What the ClickHouse contract tests share: the server guard, local servers, and the lineage fixture. */
import path from "node:path";
import { hasClickHouseServer } from "../../src/store/clickhouse/local-server.js";
import { ROOT } from "../helpers.js";

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
