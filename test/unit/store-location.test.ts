/** Which store a command opens: `--store`/`--db`, then OMO_STORE, OMO_DB, ./omo.duckdb; local paths for spool and lock. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseLocation } from "../../src/store/locations.js";
import { localStatePath, resolveLocation } from "../../src/store/open.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("store location", () => {
  it("options first, then OMO_STORE, then OMO_DB, then ./omo.duckdb", () => {
    vi.stubEnv("OMO_STORE", undefined);
    vi.stubEnv("OMO_DB", undefined);
    expect(resolveLocation({})).toBe("omo.duckdb");
    vi.stubEnv("OMO_DB", "a.duckdb");
    expect(resolveLocation({})).toBe("a.duckdb");
    vi.stubEnv("OMO_STORE", "clickhouse://default@127.0.0.1:8123/omo");
    expect(resolveLocation({})).toBe("clickhouse://default@127.0.0.1:8123/omo");
    expect(resolveLocation({ db: "b.duckdb" })).toBe("b.duckdb");
    expect(resolveLocation({ store: "duckdb://c.duckdb", db: "b.duckdb" })).toBe("duckdb://c.duckdb");
  });

  it("local state beside a DuckDB file; for ClickHouse a name without the password", () => {
    expect(localStatePath("data/omo.duckdb")).toBe("data/omo.duckdb");
    expect(localStatePath("duckdb://x.duckdb")).toBe("x.duckdb");
    const p = localStatePath("clickhouse://u:s3cret@127.0.0.1:18123,127.0.0.1:18124/omo");
    expect(p).toBe("omo-clickhouse-127.0.0.1-18123-omo");
    expect(p).not.toContain("s3cret");
    expect(parseLocation("CLICKHOUSE://h/db").kind).toBe("clickhouse");
    expect(parseLocation("clickhouse.duckdb").kind).toBe("duckdb");
  });
});
