/** The walk's tie-break order (src/store/clickhouse/family-walk.ts `before`): the byte order of UTF-8 encodings. */
import { describe, expect, it } from "vitest";
import { before } from "../../src/store/clickhouse/family-walk.js";

const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")) < 0;

describe("before", () => {
  it("orders as the UTF-8 bytes do, prefixes and characters beyond the surrogates included", () => {
    // U+FF21 (fullwidth A) sorts below U+1F600 by code point and bytes, above it by UTF-16 units
    const words = [
      "",
      "a",
      "ab",
      "a-b",
      "a_b",
      "aé",
      "ae",
      "a\uff21",
      "a\u{1f600}",
      "a\ud7ff",
      "A",
      "z",
      "é",
      "\u{10000}",
    ];
    for (const a of words) for (const b of words) expect(before(a, b), `${a} < ${b}`).toBe(bytes(a, b));
  });
});
