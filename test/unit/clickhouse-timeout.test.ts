import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { requestTimeoutMs } from "../../src/store/clickhouse/connection.js";

describe("ClickHouse request timeout (OMO_CLICKHOUSE_TIMEOUT_MS)", () => {
  it("is 5 minutes unless set", () => {
    expect(requestTimeoutMs({})).toBe(300_000);
    expect(requestTimeoutMs({ OMO_CLICKHOUSE_TIMEOUT_MS: "" })).toBe(300_000);
  });
  it("takes a whole number of milliseconds", () => {
    expect(requestTimeoutMs({ OMO_CLICKHOUSE_TIMEOUT_MS: "3600000" })).toBe(3_600_000);
  });
  it.each(["0", "-5", "1.5", "ten"])("refuses %s, naming the variable", (v) => {
    expect(() => requestTimeoutMs({ OMO_CLICKHOUSE_TIMEOUT_MS: v })).toThrow(InputError);
    expect(() => requestTimeoutMs({ OMO_CLICKHOUSE_TIMEOUT_MS: v })).toThrow(/OMO_CLICKHOUSE_TIMEOUT_MS.*whole number/);
  });
});
