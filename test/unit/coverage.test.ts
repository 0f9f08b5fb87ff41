/** Coverage of a snapshot (import, crawl) and the coverage flags of series points (src/answers/coverage.ts). */
import { describe, expect, it } from "vitest";
import { coverageText, withCoverage } from "../../src/answers/coverage.js";
import { crawlCoverage } from "../../src/ingest/crawl.js";
import { importCoverage } from "../../src/ingest/import-files.js";

const snap = (date: string, coverage: "full" | "partial", coverageHow: string, models = 10) => ({
  date,
  source: "test",
  status: "complete",
  models,
  downloads: 0,
  malformed: 0,
  started: null,
  finished: null,
  coverage,
  coverageHow,
});

describe("coverage", () => {
  it("an import is partial unless the user states full", () => {
    expect(importCoverage(["hf_models.csv"])).toEqual({
      kind: "partial",
      how: "imported file (selection not stated; --coverage full if it holds the whole listing)",
    });
    expect(importCoverage(["models.jsonl.gz"], { kind: "full" }).kind).toBe("full");
    expect(importCoverage(["a.json", "b.json"], { how: "daily trending list" })).toEqual({
      kind: "partial",
      how: "daily trending list",
    });
  });

  it("a crawl is full only unfiltered and walked to the last page before any --limit", () => {
    const o = { endpoint: "https://huggingface.co" };
    expect(crawlCoverage(o, { models: 760_000, pages: 760, nextUrl: null })).toEqual({
      kind: "full",
      how: "unfiltered crawl of https://huggingface.co/api/models by downloads to its last page (760 pages)",
    });
    // the listing ended before the limit: as large as the full listing
    expect(crawlCoverage({ ...o, limit: 1_000_000 }, { models: 760_000, pages: 760, nextUrl: null }).kind).toBe("full");
    expect(crawlCoverage({ ...o, limit: 5000 }, { models: 5000, pages: 5, nextUrl: null })).toEqual({
      kind: "partial",
      how: "crawl of https://huggingface.co/api/models by downloads: top 5,000 (--limit 5000)",
    });
    expect(crawlCoverage({ ...o, author: "meta-llama" }, { models: 48, pages: 1, nextUrl: null }).how).toContain(
      "author meta-llama",
    );
    expect(crawlCoverage({ ...o, search: "llama" }, { models: 9, pages: 1, nextUrl: null }).kind).toBe("partial");
  });

  it("series points are flagged where the snapshot covers other models than the previous point's", () => {
    const snaps = [
      snap("2024-07-11", "full", "listing"),
      snap("2024-09-20", "partial", "top 9,715"),
      snap("2024-09-21", "partial", "top 9,715"),
      snap("2024-10-01", "partial", "trending"),
    ];
    const points = withCoverage(
      ["2024-07-11", "2024-09-20", "2024-09-21", "2024-10-01", "2030-01-01"].map((lastDate) => ({ lastDate })),
      snaps,
    );
    expect(points.map((p) => [p.lastDate, p.coverage, p.coverageChanged])).toEqual([
      ["2024-07-11", "full", false],
      ["2024-09-20", "partial", true],
      ["2024-09-21", "partial", false],
      ["2024-10-01", "partial", true],
      ["2030-01-01", null, false],
    ]);
    expect(coverageText({ kind: "partial", how: "top 9,715" })).toBe("partial: top 9,715");
  });
});
