/** Who is open (the reviewed rules of data/leaderboards), the frontier and the censoring of first listings. */
import { describe, expect, it } from "vitest";
import {
  blendedPrice,
  censoredAt,
  classifyRows,
  frontier,
  type LeaderboardRow,
} from "../../src/domain/leaderboard-gap.js";
import { classifyEntry, loadLeaderboardRules, parseExceptions } from "../../src/domain/leaderboard-rules.js";
import { isVariantKey } from "../../src/domain/model-names.js";
import { loadOrganisationIndex } from "../../src/domain/organisations.js";

describe("classifyEntry over the shipped rules", async () => {
  const rules = await loadLeaderboardRules();
  const at = (model: string, license: string | null, inherited: { license: string; date: string } | null = null) =>
    classifyEntry(rules, { board: "arena-text", date: "2025-04-06", model, license }, inherited);

  it("closed by a proprietary label (any spelling), by the closed catalogue, or by an exception", () => {
    expect(at("GPT-4o-2024-05-13", "Proprietary")).toMatchObject({ openness: "closed", licenceClass: "closed-api" });
    expect(at("Claude 3.5 Haiku (20241022)", "Propretary")).toMatchObject({ openness: "closed" });
    expect(at("gpt-4o-2024-08-06", null)).toMatchObject({
      openness: "closed",
      catalogue: { id: "gpt-4o" },
    });
    // the catalogue lists qwen-max (with this alias) too: the exception documents the label's error either way
    expect(at("Qwen-Max-0919", "Qwen")).toMatchObject({
      openness: "closed",
      exception: "qwen-max-api-only",
      catalogue: { id: "qwen-max" },
    });
    expect(at("Llama-4-Maverick-03-26-Experimental", "Llama")).toMatchObject({ openness: "closed", byRule: "open" });
  });

  it("open weights classed by the Hub's licence classes; an unreviewed label is open of unknown class", () => {
    expect(at("DeepSeek-R1", "MIT")).toMatchObject({ openness: "open", licenceClass: "open-source" });
    expect(at("Meta-Llama-3.1-405b-Instruct", "Llama 3.1 Community")).toMatchObject({
      licenceClass: "vendor-community",
    });
    expect(at("Athene-70b", "CC-BY-NC-4.0")).toMatchObject({ licenceClass: "non-commercial" });
    expect(at("x-model", "Some New Licence")).toMatchObject({ openness: "open", licenceClass: "unknown" });
  });

  it("a label that says nothing inherits the latest earlier one, else the model is left out", () => {
    expect(at("kimi-k3-max", null, { license: "Kimi K3 license", date: "2026-07-30" })).toMatchObject({
      openness: "open",
      licenceFrom: "inherited",
      inheritedFrom: "2026-07-30",
    });
    expect(at("chatglm-6b", "N/A")).toMatchObject({ openness: "unknown", licenceClass: null });
  });

  it("an exception of scope catalogue beats the catalogue, not a proprietary label of the row itself", () => {
    expect(at("Command R+ (08-2024)", "CC-BY-NC-4.0")).toMatchObject({
      openness: "open",
      exception: "command-r-open-weights",
      byRule: "closed",
    });
    expect(at("command-r-plus-08-2024", "Proprietary")).toMatchObject({ openness: "closed", exception: null });
    expect(at("Mistral-Large-2411", "MRL")).toMatchObject({
      openness: "open",
      exception: "mistral-large-open-weights",
    });
  });

  it("a board of Hub repos lists open weights only", () => {
    const c = classifyEntry(
      rules,
      { board: "open-llm-v2", date: "2025-03-21", model: "Qwen/Qwen2.5-72B-Instruct", license: "other" },
      null,
      {
        openWeightsOnly: true,
      },
    );
    expect(c).toMatchObject({ openness: "open", licenceClass: "unknown" });
  });

  it("refuses an exception without a reason, naming the field", () => {
    expect(() =>
      parseExceptions(
        "exceptions:\n  - id: x\n    models: [A]\n    openness: closed\n    reason: short\n    source: s\n",
        "e.yaml",
      ),
    ).toThrow(/e\.yaml:5: field "exceptions\.0\.reason"/);
  });
});

describe("classifyRows over several tables", async () => {
  const rules = await loadLeaderboardRules();
  const organisations = await loadOrganisationIndex();
  const row = (date: string, pos: number, model: string, license: string | null): LeaderboardRow =>
    ({
      date,
      pos,
      model,
      license,
      rank: pos,
      rankLo: null,
      rankHi: null,
      rankStyle: null,
      score: 1300 - pos,
      ciPlus: null,
      ciMinus: null,
      preliminary: false,
      votes: null,
      organization: null,
      url: null,
      priceInput: null,
      priceOutput: null,
      context: null,
      paramsB: null,
    }) as LeaderboardRow;
  const tables = (): LeaderboardRow[] =>
    ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"].flatMap((d, i) => [
      row(d, 1, "x-model", "MIT"),
      // labelled on the first and third tables only: the others inherit the label of the latest labelled table
      row(d, 2, "y-model", ["Apache 2.0", null, "MIT", null][i] ?? null),
      row(d, 3, "z-model", "MIT"),
    ]);

  it("an empty label inherits the latest earlier one, table by table, and a dated exception applies on its dates only", () => {
    const plain = classifyRows(rules, organisations, "arena-text", tables());
    const y = plain.filter((r) => r.model === "y-model").map((r) => r.classification);
    expect(y.map((c) => [c.licence, c.licenceFrom, c.inheritedFrom])).toEqual([
      ["Apache 2.0", "row", null],
      ["Apache 2.0", "inherited", "2025-01-01"],
      ["MIT", "row", null],
      ["MIT", "inherited", "2025-03-01"],
    ]);
    // rows with the same name and label share one classification, whatever their table
    const x = plain.filter((r) => r.model === "x-model").map((r) => r.classification);
    expect(new Set(x).size).toBe(1);
    const dated = {
      ...rules,
      exceptions: parseExceptions(
        "exceptions:\n  - id: z-feb\n    models: [z-model]\n    from: 2025-02-01\n    to: 2025-02-28\n    openness: closed\n    reason: a test of dated exceptions\n    source: s\n",
        "e.yaml",
      ),
    };
    const z = classifyRows(dated, organisations, "arena-text", tables())
      .filter((r) => r.model === "z-model")
      .map((r) => [r.classification.openness, r.classification.exception]);
    expect(z).toEqual([
      ["open", null],
      ["closed", "z-feb"],
      ["open", null],
      ["open", null],
    ]);
  });
});

describe("frontier and prices", () => {
  it("keeps the points no other point beats on both score and price", () => {
    const p = (model: string, score: number, price: number) => ({ model, score, price, openness: "open" });
    const pts = [p("a", 1200, 1), p("b", 1250, 1), p("c", 1300, 10), p("d", 1290, 12), p("e", 1100, 0.1)];
    expect(frontier(pts).map((x) => x.model)).toEqual(["e", "b", "c"]);
    expect(blendedPrice(5, 15)).toBe(7.5);
    expect(blendedPrice(0.15, 0.6)).toBe(0.2625);
  });

  it("a dated snapshot is a variant, another version is not", () => {
    expect(isVariantKey("gpt-4o-2024-05-13", "gpt-4o")).toBe(true);
    expect(isVariantKey("gpt-4-1-2025-04-14", "gpt-4")).toBe(false);
    expect(isVariantKey("claude-3-opus-20240229", "claude-3")).toBe(true);
  });

  it("a first listing is only a bound on the board's first table, a partial table, or after a gap", () => {
    const history = {
      tables: [
        { date: "2023-12-07", coverageKind: "partial" as const },
        { date: "2024-06-19", coverageKind: "full" as const },
        { date: "2024-07-07", coverageKind: "full" as const },
        { date: "2025-10-09", coverageKind: "full" as const },
      ],
      firstSeen: new Map<string, string>(),
    };
    expect(censoredAt(history, "2023-12-07")).toBe(true);
    expect(censoredAt(history, "2024-06-19")).toBe(true);
    expect(censoredAt(history, "2024-07-07")).toBe(false);
    expect(censoredAt(history, "2025-10-09")).toBe(true);
  });
});
