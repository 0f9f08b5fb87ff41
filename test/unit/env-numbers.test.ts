import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { wholeNumberFromEnv } from "../../src/env.js";
import { InputError } from "../../src/errors.js";
import { defineQuery } from "../../src/queries/catalog.js";
import { partsFromRows, requestTimeoutMs } from "../../src/store/clickhouse/connection.js";
import { openStagingDuckDB } from "../../src/store/clickhouse/staged-rows.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { duckdbThreads } from "../../src/store/duckdb/threads.js";

describe("whole numbers from the environment", () => {
  it("gives the fallback when the variable is unset or empty", () => {
    expect(wholeNumberFromEnv("OMO_RATE_LIMIT", 600, {}, {})).toBe(600);
    expect(wholeNumberFromEnv("OMO_RATE_LIMIT", 600, {}, { OMO_RATE_LIMIT: " " })).toBe(600);
  });
  it("takes a whole number at or above the minimum, 0 included by default", () => {
    expect(wholeNumberFromEnv("OMO_RATE_LIMIT", 600, {}, { OMO_RATE_LIMIT: "0" })).toBe(0);
    expect(wholeNumberFromEnv("OMO_WRITE_WAIT_MS", 1, {}, { OMO_WRITE_WAIT_MS: " 1500 " })).toBe(1500);
  });
  it.each(["ten", "1.5", "-5", "1e3", "0x10", "99999999999999999999"])("refuses %s, naming the variable", (v) => {
    const read = () => wholeNumberFromEnv("OMO_WRITE_WAIT_MS", 1, { unit: "milliseconds" }, { OMO_WRITE_WAIT_MS: v });
    expect(read).toThrow(InputError);
    expect(read).toThrow(`OMO_WRITE_WAIT_MS`);
    expect(read).toThrow(`must be a whole number of milliseconds (0 or more), not "${v}"`);
  });
  it("refuses a value below a minimum above 0", () => {
    expect(() => requestTimeoutMs({ OMO_CLICKHOUSE_TIMEOUT_MS: "0" })).toThrow(/above 0, not "0"/);
  });
});

describe("OMO_CH_PARTS_FROM_ROWS", () => {
  it("is 50,000 rows unless set; 0 writes every load in parts; anything else is refused with the variable named", () => {
    expect(partsFromRows({})).toBe(50_000);
    expect(partsFromRows({ OMO_CH_PARTS_FROM_ROWS: "0" })).toBe(0);
    expect(partsFromRows({ OMO_CH_PARTS_FROM_ROWS: " 1000 " })).toBe(1000);
    expect(() => partsFromRows({ OMO_CH_PARTS_FROM_ROWS: "-1" })).toThrow(
      /OMO_CH_PARTS_FROM_ROWS.*whole number of rows/,
    );
    expect(() => partsFromRows({ OMO_CH_PARTS_FROM_ROWS: "5e4" })).toThrow(InputError);
  });
});

describe("OMO_DUCKDB_THREADS", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is DuckDB's own default when unset, a whole number above 0 otherwise", () => {
    expect(duckdbThreads({})).toBeUndefined();
    expect(duckdbThreads({ OMO_DUCKDB_THREADS: "3" })).toBe(3);
    expect(() => duckdbThreads({ OMO_DUCKDB_THREADS: "0" })).toThrow(
      /OMO_DUCKDB_THREADS.*must be a whole number of threads above 0, not "0"/,
    );
  });

  it("is the threads of the store DuckDB opens and of a ClickHouse load's staging; a wrong value opens nothing", async () => {
    const threads = defineQuery({
      name: "threads",
      description: "the threads setting",
      params: z.object({}),
      sql: { duckdb: "SELECT current_setting('threads')::INTEGER AS n", clickhouse: "SELECT 1 AS n" },
      row: z.object({ n: z.number() }),
    });
    for (const n of ["3", "1"]) {
      vi.stubEnv("OMO_DUCKDB_THREADS", n);
      const store = await DuckDBStore.open(":memory:");
      try {
        expect(await store.query(threads, {})).toEqual([{ n: Number(n) }]);
      } finally {
        await store.close();
      }
      // a ClickHouse load's staging DuckDB too
      const staging = await openStagingDuckDB();
      try {
        const r = await staging.conn.runAndReadAll("SELECT current_setting('threads')::INTEGER AS n");
        expect(r.getRowObjectsJS()).toEqual([{ n: Number(n) }]);
      } finally {
        await staging.close();
      }
    }
    vi.stubEnv("OMO_DUCKDB_THREADS", "two");
    await expect(DuckDBStore.open(":memory:")).rejects.toThrow(/OMO_DUCKDB_THREADS/);
  });
});
