/**
 * Vitest global setup: one folder where the ClickHouse servers of this test run are recorded. The first test file that
 * asks for a mode (`single`, `two-shard`) starts it (see `startLocalClickHouse` in test/contract/clickhouse.ts);
 * later files reuse it; teardown stops every server started. So a whole run starts at most two setups instead of one
 * or two per test file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    clickHouseStateDir: string;
  }
}

let stateDir = "";

export function setup(project: TestProject): void {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "omo-ch-run-"));
  project.provide("clickHouseStateDir", stateDir);
}

export async function teardown(): Promise<void> {
  if (!stateDir) return;
  const { stopLocalClickHouse } = await import("./local-clickhouse.js");
  for (const f of readdirSync(stateDir)) {
    if (!f.endsWith(".json")) continue;
    const info = JSON.parse(readFileSync(path.join(stateDir, f), "utf8")) as { dir: string };
    stopLocalClickHouse(info.dir);
  }
  rmSync(stateDir, { recursive: true, force: true });
}
