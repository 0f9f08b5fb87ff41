import { describe, expect, it } from "vitest";
import { dateFromFileName, isoDate, normalizeDate, normalizeTimestamp } from "../../src/ingest/import/dates.js";

describe("dateFromFileName", () => {
  it("reads YYYY-MM-DD names (daily documents, kb-labb / nctu6 series)", () => {
    expect(dateFromFileName("/data/daily-2026-08/2026-08-07.json")).toBe("2026-08-07");
    expect(dateFromFileName("series/kb-labb__huggingface_stats/2022-02-18_hf.csv")).toBe("2022-02-18");
  });

  it("reads YYYYMMDD names", () => {
    expect(dateFromFileName("models_20240711.jsonl.gz")).toBe("2024-07-11");
  });

  it("reads MM-DD-YYYY names as the 2024-07-11 scrape writes them", () => {
    expect(dateFromFileName("raw/models_page12_07-11-2024.json")).toBe("2024-07-11");
    expect(dateFromFileName("0-hero_!##++##!_flan-alpaca-ul2_07-09-2024.json")).toBe("2024-07-09");
  });

  it("reads NN-NN-YYYY day first when told (do-me series) or when the first part cannot be a month", () => {
    expect(dateFromFileName("transformersjs_01-08-2024.csv", { dateOrder: "dmy" })).toBe("2024-08-01");
    expect(dateFromFileName("transformersjs_01-08-2024.csv")).toBe("2024-01-08");
    expect(dateFromFileName("transformersjs_31-12-2025.csv")).toBe("2025-12-31");
  });

  it("looks at the base name only and rejects impossible dates", () => {
    expect(dateFromFileName("/snapshots/2024-07-11/models.jsonl.gz")).toBeNull();
    expect(dateFromFileName("hf_models.csv")).toBeNull();
    expect(dateFromFileName("2024-02-30.json")).toBeNull();
    expect(dateFromFileName("2024-13-01.json")).toBeNull();
    expect(dateFromFileName("13-13-2024.json")).toBeNull();
    expect(dateFromFileName("sha_12345678.json")).toBeNull();
  });

  it("accepts 29 February only in leap years", () => {
    expect(dateFromFileName("2024-02-29.json")).toBe("2024-02-29");
    expect(dateFromFileName("2023-02-29.json")).toBeNull();
  });
});

describe("normalizeDate", () => {
  it("reads ISO dates and the date part of timestamps as written", () => {
    expect(normalizeDate("2024-07-11")).toBe("2024-07-11");
    expect(normalizeDate("2024-07-11T17:04:39.000Z")).toBe("2024-07-11");
    expect(normalizeDate("2026-08-07T21:41:45.715386+09:00")).toBe("2026-08-07");
    expect(normalizeDate(" 2024/7/1 ")).toBe("2024-07-01");
    expect(normalizeDate("20240711")).toBe("2024-07-11");
  });

  it("reads NN-NN-YYYY month first, day first when the first part > 12 or with dateOrder dmy", () => {
    expect(normalizeDate("07-11-2024")).toBe("2024-07-11");
    expect(normalizeDate("25-05-2024")).toBe("2024-05-25");
    expect(normalizeDate("08-05-2024", { dateOrder: "dmy" })).toBe("2024-05-08");
    expect(normalizeDate("08/05/2024", { dateOrder: "mdy" })).toBe("2024-08-05");
  });

  it("returns null for non-dates and impossible dates", () => {
    expect(normalizeDate("yesterday")).toBeNull();
    expect(normalizeDate("")).toBeNull();
    expect(normalizeDate(20240711)).toBeNull();
    expect(normalizeDate("2024-02-30")).toBeNull();
    expect(normalizeDate("12-25-2024", { dateOrder: "dmy" })).toBeNull();
  });
});

describe("isoDate / normalizeTimestamp", () => {
  it("pads and validates calendar parts", () => {
    expect(isoDate(2024, 7, 1)).toBe("2024-07-01");
    expect(isoDate(2024, 4, 31)).toBeNull();
    expect(isoDate(1999, 1, 1)).toBeNull();
  });

  it("rewrites pandas timestamps in the Hub's spelling and leaves other text alone", () => {
    expect(normalizeTimestamp("2023-09-06 14:49:15+00:00")).toBe("2023-09-06T14:49:15.000Z");
    expect(normalizeTimestamp("2023-09-06 16:49:15+02:00")).toBe("2023-09-06T14:49:15.000Z");
    expect(normalizeTimestamp("2024-04-18T23:20:55.000Z")).toBe("2024-04-18T23:20:55.000Z");
    expect(normalizeTimestamp("2023-09-06 14:49:15")).toBe("2023-09-06 14:49:15");
    expect(normalizeTimestamp("soon")).toBe("soon");
  });
});
