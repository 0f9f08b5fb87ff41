import { describe, expect, it } from "vitest";
import { parseStringList } from "../../src/ingest/import/pylist.js";

describe("parseStringList", () => {
  it("parses Python list literals as pandas writes them", () => {
    expect(parseStringList(`['a', "b's", 'c\\'d']`)).toEqual({ ok: true, values: ["a", "b's", "c'd"] });
    expect(parseStringList("[]")).toEqual({ ok: true, values: [] });
    expect(parseStringList("['transformers', 'pytorch', 'license:bsd-3-clause', 'region:us']")).toEqual({
      ok: true,
      values: ["transformers", "pytorch", "license:bsd-3-clause", "region:us"],
    });
  });

  it("handles Python escapes and a trailing comma", () => {
    expect(parseStringList(String.raw`['back\\slash', 'tab\t', '\x41\u00e9\U0001F600', 'keep\q']`)).toEqual({
      ok: true,
      values: ["back\\slash", "tab\t", "Aé😀", "keep\\q"],
    });
    expect(parseStringList("['a', ]")).toEqual({ ok: true, values: ["a"] });
  });

  it("parses JSON lists", () => {
    expect(parseStringList('["en", "dataset:squad_v2", "a\\/b", "\\u00e9"]')).toEqual({
      ok: true,
      values: ["en", "dataset:squad_v2", "a/b", "é"],
    });
  });

  it("rejects anything else with a reason and a position", () => {
    expect(parseStringList("'a'")).toEqual({ ok: false, reason: "expected '[' at character 1" });
    expect(parseStringList("['a', 'b'")).toEqual({ ok: false, reason: "unterminated list at character 10" });
    expect(parseStringList("['a', 'b]")).toEqual({
      ok: false,
      reason: "unterminated string starting with ' at character 7",
    });
    expect(parseStringList("['a' 'b']")).toEqual({ ok: false, reason: "expected ',' or ']' at character 6" });
    expect(parseStringList("[1, 2]")).toEqual({ ok: false, reason: "item 1 is not a quoted string at character 2" });
    expect(parseStringList("['a', None]")).toEqual({
      ok: false,
      reason: "item 2 is not a quoted string at character 7",
    });
    expect(parseStringList("[['a']]")).toEqual({ ok: false, reason: "item 1 is not a quoted string at character 2" });
    expect(parseStringList("['a'] trailing")).toEqual({
      ok: false,
      reason: "unexpected text after ']' at character 7",
    });
    expect(parseStringList("[',]")).toEqual({
      ok: false,
      reason: "unterminated string starting with ' at character 2",
    });
    expect(parseStringList("['\\x4']")).toEqual({ ok: false, reason: "bad \\x escape at character 3" });
  });
});
