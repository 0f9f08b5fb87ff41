/** The claims file (parsing with file:line errors) and the pure parts of checking: dates and comparators. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compare, targetOf } from "../../src/claims/check.js";
import { parseClaims } from "../../src/claims/schema.js";
import { ROOT } from "../helpers.js";

const ok = `claims:
  - id: a
    text: LMSYS has 13 Vicuna repos
    entity: { org: lmsys, match: vicuna }
    metric: repos
    date: 2024-07-11
    op: "="
    value: 13
`;

describe("claims file", () => {
  it("parses the shipped article claims", async () => {
    const file = path.join(ROOT, "data/claims/article-2023.yaml");
    const parsed = parseClaims(await readFile(file, "utf8"), file);
    expect(parsed.claims.length).toBeGreaterThanOrEqual(10);
    const vicuna = parsed.claims.find((c) => c.id === "vicuna-17-versions-2023");
    expect(vicuna).toMatchObject({ metric: "versions", date: "2023-08", op: "=", value: 17 });
    const fam = parsed.claims.find((c) => c.id === "llama2-official-30m-2024");
    expect(fam?.entity).toEqual({ family: "llama-2", scope: "official" });
  });

  it("defaults: family scope total, within 5 %, open classes", () => {
    const c = parseClaims(ok.replace("{ org: lmsys, match: vicuna }", "{ family: llama-2 }"), "c.yaml").claims[0];
    expect(c).toMatchObject({ entity: { family: "llama-2", scope: "total" }, within: 5 });
    expect(c?.classes).toEqual(["open-source", "open-content"]);
  });

  it.each([
    [ok.replace('op: "="', 'op: "=="'), 'c.yaml:7: field "claims.0.op": '],
    [ok.replace("date: 2024-07-11", "date: 2024-02-30"), 'c.yaml:6: field "claims.0.date": not a real calendar date'],
    [
      ok.replace("date: 2024-07-11", "date: last summer"),
      'c.yaml:6: field "claims.0.date": expected a date YYYY-MM-DD or a month YYYY-MM',
    ],
    [
      ok.replace("metric: repos", "metric: cost"),
      'c.yaml:5: field "claims.0.metric": metric cost is not measured for a org',
    ],
    [ok.replace("value: 13", "value: thirteen"), 'c.yaml:8: field "claims.0.value": '],
    [ok.replace("  - id: a", "  - id: a b"), 'c.yaml:2: field "claims.0.id": expected an id'],
    [`${ok}${ok.replace("claims:\n", "")}`, 'c.yaml:9: field "claims.1.id": duplicate claim id a'],
    ["claims: [", "c.yaml:1: invalid YAML"],
    ["claims: []", 'c.yaml:1: field "claims": '],
  ])("a bad file names the line and the field (%#)", (text, message) => {
    expect(() => parseClaims(text, "c.yaml")).toThrow(message);
  });
});

describe("claim dates and comparators", () => {
  it("a day stands for itself (±3 days); a month for its last day (±7 days)", () => {
    expect(targetOf("2024-07-11")).toEqual({ target: "2024-07-11", tolerance: 3 });
    expect(targetOf("2023-08")).toEqual({ target: "2023-08-31", tolerance: 7 });
    expect(targetOf("2024-02")).toEqual({ target: "2024-02-29", tolerance: 7 });
    expect(targetOf("2023-12")).toEqual({ target: "2023-12-31", tolerance: 7 });
  });

  it("compares, with ~ as a relative band", () => {
    expect(compare(3_780_234, ">", 30_000_000)).toBe(false);
    expect(compare(13, "=", 13)).toBe(true);
    expect(compare(13, ">=", 13)).toBe(true);
    expect(compare(12, "<", 13)).toBe(true);
    expect(compare(13, "<=", 12)).toBe(false);
    expect(compare(150_000, "~", 150_000)).toBe(true);
    expect(compare(157_500, "~", 150_000)).toBe(true);
    expect(compare(157_501, "~", 150_000)).toBe(false);
    expect(compare(4_400, "~", 4_000, 10)).toBe(true);
  });
});
