/**
 * The one normaliser reads timestamps as instants and keeps them as UTC wall time whatever the machine's time zone:
 * the ClickHouse load's in-process DuckDB (which does not go through the DuckDB store's open) included.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStagingDuckDB } from "../../src/store/clickhouse/staged-rows.js";
import { DuckDBStaging } from "../../src/store/duckdb/staging.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "omo-tz-"));
const savedTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = savedTz;
  rmSync(dir, { recursive: true, force: true });
});

describe("staging on a machine in New York", () => {
  it("keeps createdAt 2024-07-11T12:00:00Z as 12:00, not 08:00", async () => {
    process.env.TZ = "America/New_York";
    const file = path.join(dir, "models-2024-07-11.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({ id: "a/b", downloads: 1, likes: 0, createdAt: "2024-07-11T12:00:00.000Z", tags: [] })}\n`,
    );
    const duck = await openStagingDuckDB();
    try {
      const staging = await DuckDBStaging.open(duck.conn);
      await staging.stage({ path: file, format: "jsonl", label: file, defaultDate: "2024-07-11" });
      const rows = (
        await duck.conn.runAndReadAll("SELECT strftime(created_at, '%Y-%m-%d %H:%M:%S') AS c FROM stage_model")
      ).getRowObjectsJS();
      expect(rows).toEqual([{ c: "2024-07-11 12:00:00" }]);
    } finally {
      await duck.close();
    }
  });
});
