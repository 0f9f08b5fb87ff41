/** Bucket rules of history series: auto thresholds, calendar bounds (ISO weeks, months), coverage, flag labels. */
import { describe, expect, it } from "vitest";
import {
  AUTO_DAY_MAX_DAYS,
  AUTO_WEEK_MAX_DAYS,
  bucketBounds,
  daysBetween,
  flagLabels,
  isPartial,
  resolveBucket,
} from "../../src/domain/buckets.js";

describe("resolveBucket", () => {
  it("auto picks day up to 31 days of snapshots, week up to 26 weeks, else month", () => {
    expect(AUTO_DAY_MAX_DAYS).toBe(31);
    expect(AUTO_WEEK_MAX_DAYS).toBe(182);
    expect(resolveBucket("auto", "2026-08-07", "2026-08-07")).toBe("day");
    expect(resolveBucket("auto", "2026-08-07", "2026-09-07")).toBe("day"); // 31 days
    expect(resolveBucket("auto", "2026-08-07", "2026-09-08")).toBe("week"); // 32 days
    expect(resolveBucket("auto", "2024-06-13", "2024-12-12")).toBe("week"); // 182 days
    expect(resolveBucket("auto", "2024-06-13", "2024-12-13")).toBe("month"); // 183 days
    expect(resolveBucket("auto", "2022-02-18", "2026-08-19")).toBe("month");
  });

  it("keeps an explicit unit whatever the span", () => {
    expect(resolveBucket("month", "2026-08-07", "2026-08-08")).toBe("month");
    expect(resolveBucket("day", "2022-02-18", "2026-08-19")).toBe("day");
  });
});

describe("bucketBounds", () => {
  it("weeks run Monday to Sunday, across month and year ends", () => {
    expect(bucketBounds("2024-07-14", "week")).toEqual({ start: "2024-07-08", end: "2024-07-14" }); // a Sunday
    expect(bucketBounds("2024-07-08", "week")).toEqual({ start: "2024-07-08", end: "2024-07-14" }); // a Monday
    expect(bucketBounds("2025-01-01", "week")).toEqual({ start: "2024-12-30", end: "2025-01-05" });
    expect(bucketBounds("2026-08-07", "week")).toEqual({ start: "2026-08-03", end: "2026-08-09" });
  });

  it("months end on their last day, leap years included", () => {
    expect(bucketBounds("2024-02-10", "month")).toEqual({ start: "2024-02-01", end: "2024-02-29" });
    expect(bucketBounds("2025-02-10", "month")).toEqual({ start: "2025-02-01", end: "2025-02-28" });
    expect(bucketBounds("2025-12-08", "month")).toEqual({ start: "2025-12-01", end: "2025-12-31" });
  });

  it("a day is its own bucket", () => {
    expect(bucketBounds("2026-08-22", "day")).toEqual({ start: "2026-08-22", end: "2026-08-22" });
  });

  it("rejects what is not a real date", () => {
    expect(() => bucketBounds("2024-13-01", "month")).toThrow(/not a real calendar date|expected a date/);
    expect(() => daysBetween("20240101", "2024-01-02")).toThrow(/expected a date/);
  });
});

describe("coverage and labels", () => {
  it("counts whole days between dates", () => {
    expect(daysBetween("2024-07-01", "2024-08-01")).toBe(31);
    expect(daysBetween("2025-10-30", "2025-12-08")).toBe(39);
    expect(daysBetween("2024-08-01", "2024-07-01")).toBe(-31);
  });

  it("a bucket is partial when the range starts or ends inside it", () => {
    expect(isPartial("2024-06-01", "month", "2024-06-13", "2026-01-06")).toBe(true);
    expect(isPartial("2024-07-01", "month", "2024-06-13", "2026-01-06")).toBe(false);
    expect(isPartial("2026-01-01", "month", "2024-06-13", "2026-01-06")).toBe(true);
    expect(isPartial("2026-08-10", "week", "2026-08-07", "2026-08-22")).toBe(false);
    expect(isPartial("2026-08-17", "week", "2026-08-07", "2026-08-22")).toBe(true);
    expect(isPartial("2026-08-07", "day", "2026-08-07", "2026-08-22")).toBe(false);
  });

  it("prints flags in a fixed order", () => {
    expect(flagLabels({ first: true, partial: true })).toBe("first partial");
    expect(flagLabels({ gap: true, decrease: true })).toBe("gap ↓counter");
    expect(flagLabels({})).toBe("");
  });
});
