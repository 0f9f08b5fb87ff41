/**
 * The reviewed OpenRouter class rule (data/usage/openrouter-classes.yaml) against the shared folder's own
 * application of the same rule to every id it saw (model_classification.csv, 541 ids), and its bad-input errors.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseModelId, stripDateSuffix } from "../../src/domain/model-names.js";
import { loadClassRule, parseClassRule, ruleClass } from "../../src/domain/usage-classes.js";
import { readCsvObjects } from "../../src/formats/csv.js";
import { hasShared, SHARED } from "../helpers.js";

const USAGE = path.join(SHARED, "data/usage/openrouter");

describe("OpenRouter class rule", () => {
  it.skipIf(!hasShared())("gives every one of the 541 ids the class model_classification.csv gives it", async () => {
    const rule = await loadClassRule();
    const { rows } = await readCsvObjects(path.join(USAGE, "model_classification.csv"));
    const ids = rows.filter((r) => r.values.class_rule !== "others");
    expect(ids.length).toBe(540);
    const differ = ids
      .map((r) => ({
        id: r.values.model_id ?? "",
        want: r.values.class_rule,
        got: ruleClass(rule, r.values.model_id ?? ""),
      }))
      .filter((x) => x.got.class !== x.want);
    expect(differ).toEqual([]);
    // the bases: exceptions are reported as such
    expect(ruleClass(rule, "google/gemma-3-27b-it").basis).toMatch(/^exception google/);
    expect(ruleClass(rule, "mistralai/mistral-large-2512").class).toBe("open");
    expect(ruleClass(rule, "mistralai/mistral-large-2407").class).toBe("closed");
    expect(ruleClass(rule, "stealth/ox-alpha")).toEqual({
      class: "unknown",
      basis: "author stealth: stealth or router",
    });
    expect(ruleClass(rule, "deepseek/deepseek-r1:free").class).toBe("open");
    expect(ruleClass(rule, "newcomer/model-x").basis).toBe("author newcomer not in the rule");
  });

  it("strips release dates and variants to a base id, keeping versions", () => {
    expect(baseModelId("deepseek/deepseek-v4-flash-20260731:free")).toBe("deepseek/deepseek-v4-flash");
    expect(baseModelId("qwen/qwen-plus-2025-07-28")).toBe("qwen/qwen-plus");
    expect(baseModelId("mistralai/mistral-large-2512")).toBe("mistralai/mistral-large-2512");
    expect(baseModelId("deepseek/deepseek-chat-v3-0324")).toBe("deepseek/deepseek-chat-v3-0324");
    expect(stripDateSuffix("claude-3-7-sonnet-20250219")).toBe("claude-3-7-sonnet");
    expect(stripDateSuffix("model-20261340")).toBe("model-20261340");
  });

  it("names the file and field of a bad rule", () => {
    const head = "source: x\nas_of: 2026-08-22\n";
    expect(() =>
      parseClassRule(`${head}authors: {open: [a], closed: [a], unknown: []}\nexceptions: []\n`, "r.yaml"),
    ).toThrow('r.yaml: field "authors.closed.0": author a is listed as open and as closed');
    expect(() =>
      parseClassRule(
        `${head}authors: {open: [], closed: [], unknown: []}\nexceptions:\n  - {author: a, match: "(", class: open}\n`,
        "r.yaml",
      ),
    ).toThrow(/r\.yaml: field "exceptions\.0\.match": invalid regular expression/);
    expect(() =>
      parseClassRule(
        `${head}authors: {open: [], closed: [], unknown: []}\nexceptions:\n  - {author: a, match: x, class: shut}\n`,
        "r.yaml",
      ),
    ).toThrow(/r\.yaml:5: field "exceptions\.0\.class"/);
  });
});
