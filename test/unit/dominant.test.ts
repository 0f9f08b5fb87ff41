/** Outliers (src/domain/dominant.ts) on the real figures of the 2024-07-11 listing (SOURCE.md oracles). */
import { describe, expect, it } from "vitest";
import { dominantOf, hhiWithout, sharesWithout } from "../../src/domain/dominant.js";

const TOTAL = 1_838_905_161;
const MIT_MODEL = 680_847_003;

describe("a model that dominates a total", () => {
  it("is named when it holds more than a fifth of the total, with its share", () => {
    const d = dominantOf(TOTAL, { id: "MIT/ast-finetuned-audioset-10-10-0.4593", downloads: MIT_MODEL });
    expect(d?.id).toBe("MIT/ast-finetuned-audioset-10-10-0.4593");
    expect(d?.share).toBeCloseTo(0.3702, 4);
    // a fifth exactly is not more than a fifth; the second model of the listing (4.6 %) is not
    expect(dominantOf(100, { id: "a/b", downloads: 20 })).toBeNull();
    expect(dominantOf(TOTAL, { id: "sentence-transformers/all-MiniLM-L12-v2", downloads: 83_941_628 })).toBeNull();
    expect(dominantOf(0, { id: "a/b", downloads: 0 })).toBeNull();
    expect(dominantOf(TOTAL, undefined)).toBeNull();
  });

  it("the HHI without it: the organisation's squared share replaced by the rest's", () => {
    // three organisations 50/30/20 (HHI 3,800); a model of 40 leaves the first: 10/30/20 of 60 → 3,888.9
    const h = hhiWithout(3800, 100, 50, 40);
    expect(h).toBeCloseTo(((10 / 60) ** 2 + (30 / 60) ** 2 + (20 / 60) ** 2) * 10_000, 6);
    expect(hhiWithout(10_000, 100, 100, 100)).toBeNull();
  });

  it("shares without it: its class loses its downloads and one repo, the shares sum to 1", () => {
    const rows = [
      { class: "open-source", repos: 3, downloads: 80, share: 0.8 },
      { class: "unknown", repos: 2, downloads: 20, share: 0.2 },
    ];
    const w = sharesWithout(rows, "open-source", 60);
    expect(w.total).toEqual({ repos: 4, downloads: 40 });
    expect(w.classes.map((c) => [c.class, c.repos, c.downloads, c.share])).toEqual([
      ["open-source", 2, 20, 0.5],
      ["unknown", 2, 20, 0.5],
    ]);
  });
});
