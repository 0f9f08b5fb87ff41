import { describe, expect, it } from "vitest";
import { wholeNumberFromEnv } from "../../src/env.js";
import { InputError } from "../../src/errors.js";
import { requestTimeoutMs } from "../../src/store/clickhouse/connection.js";

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
