/**
 * Prices at a date without I/O (src/domain/prices.ts: stale after six months, one key for a model across sources,
 * disagreements above 2×), Portkey's cents per token, LiteLLM's deprecation_date, and the shipped tables read through
 * the one CSV reader, checked against their sources in ../shared where they name them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadClosedModels } from "../../src/domain/closed-models.js";
import {
  addMonths,
  annotatePrices,
  findDisagreements,
  isStale,
  type PriceInForce,
  priceMatchKey,
  withCatalogueRetirements,
} from "../../src/domain/prices.js";
import { parseLiteLlm } from "../../src/ingest/litellm-prices.js";
import { parsePortkey } from "../../src/ingest/portkey-prices.js";
import { loadGpuPrices, loadThroughputs, readShippedApiPrices } from "../../src/ingest/price-tables.js";
import { hasShared, SHARED } from "../helpers.js";

const row = (provider: string, model: string, i: number, o: number, asOf: string, source: string): PriceInForce => ({
  provider,
  model,
  inputPer1M: i,
  outputPer1M: o,
  asOf,
  source,
  origin: "imported",
  retired: null,
});

describe("stale prices", () => {
  it("a price is stale when its source is more than six calendar months older than the date", () => {
    expect(addMonths("2026-07-24", 6)).toBe("2027-01-24");
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
    expect(isStale("2026-07-24", "2026-12-02")).toBe(false);
    expect(isStale("2026-05-01", "2026-12-02")).toBe(true);
    expect(isStale("2026-06-02", "2026-12-02")).toBe(false); // exactly six months
    expect(isStale("2023-12", "2024-07-01")).toBe(true); // a month: from its first day
  });
});

describe("one model across sources", () => {
  it("meets LiteLLM's and Portkey's spellings of the same provider and model", () => {
    expect(priceMatchKey("together_ai", "together_ai/Qwen/Qwen3-235B-A22B-Instruct-2507-tput")).toBe(
      priceMatchKey("together-ai", "Qwen/Qwen3-235B-A22B-Instruct-2507-tput"),
    );
    expect(priceMatchKey("gemini", "gemini/gemini-2.5-pro")).toBe(priceMatchKey("google", "gemini-2.5-pro"));
    expect(priceMatchKey("xai", "xai/grok-4")).toBe(priceMatchKey("x-ai", "grok-4"));
    expect(priceMatchKey("openai", "gpt-5")).not.toBe(priceMatchKey("openai", "gpt-5-mini"));
    // an organisation prefix that is not the provider stays part of the model
    expect(priceMatchKey("deepinfra", "deepinfra/openai/gpt-oss-120b")).toBe("deepinfra|openai/gpt-oss-120b");
  });

  it("names two sources more than 2× apart and shows both; agreeing sources are not named", () => {
    const litellm = row(
      "together_ai",
      "together_ai/Qwen/Qwen3-235B-A22B-Instruct-2507-tput",
      0.2,
      6,
      "2026-07-24",
      "litellm:x",
    );
    const portkey = row(
      "together-ai",
      "Qwen/Qwen3-235B-A22B-Instruct-2507-tput",
      0.2,
      0.6,
      "2026-08-21",
      "portkey:together-ai.json",
    );
    const gptA = row("openai", "gpt-5", 1.25, 10, "2026-07-24", "litellm:x");
    const gptB = row("openai-compatible", "gpt-5", 1.25, 10, "2026-08-21", "portkey:y");
    const d = findDisagreements([litellm, portkey, gptA, gptB]);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ which: "output", ratio: 10, high: { value: 6 }, low: { value: 0.6 } });
    expect(d[0]?.text).toMatch(/^output \$6\.00 per 1M .* vs \$0\.60 .*sources disagree 10×$/);
    const annotated = annotatePrices([litellm, portkey, gptA], "2026-12-02");
    expect(annotated.map((r) => r.disagreement !== null)).toEqual([true, true, false]);
  });
});

describe("retirement from the closed catalogue", () => {
  it("fills a row's missing retirement day from the catalogue model its key names, with or without the prefix", async () => {
    const catalogue = await loadClosedModels();
    const rows = [
      { model: "claude-4-opus-20250514", deprecationDate: null }, // LiteLLM's other key of Claude Opus 4
      { model: "xai/grok-3", deprecationDate: null },
      { model: "claude-3-7-sonnet-20250219", deprecationDate: "2026-02-19" }, // the table's own day is kept
      { model: "gpt-5", deprecationDate: null },
    ];
    const { rows: out, filled } = withCatalogueRetirements(rows, catalogue);
    expect(out.map((r) => r.deprecationDate)).toEqual(["2026-05-14", "2026-05-15", "2026-02-19", null]);
    expect(filled).toBe(2);
  });
});

describe("price files", () => {
  it("Portkey: cents per token become USD per token; the provider is the file name; unpriced entries counted", () => {
    const t = parsePortkey(
      {
        default: { pricing_config: { pay_as_you_go: { request_token: { price: 0 }, response_token: { price: 0 } } } },
        "Qwen/Qwen3-235B-A22B-Instruct-2507-tput": {
          pricing_config: { pay_as_you_go: { request_token: { price: 2e-5 }, response_token: { price: 6e-5 } } },
        },
        free: { pricing_config: { pay_as_you_go: { request_token: { price: 0 }, response_token: { price: 0 } } } },
        image: { pricing_config: { pay_as_you_go: { additional_units: { image: { price: 4 } } } } },
        bad: { pricing_config: { pay_as_you_go: { request_token: { price: "x" }, response_token: { price: 1 } } } },
      },
      "pricing/together-ai.json",
    );
    expect(t.provider).toBe("together-ai");
    expect(t.rows).toEqual([
      {
        model: "Qwen/Qwen3-235B-A22B-Instruct-2507-tput",
        provider: "together-ai",
        inputPerToken: 2e-7,
        outputPerToken: 6e-7,
        deprecationDate: null,
      },
    ]);
    expect(t.unpriced).toBe(2);
    expect(t.malformed).toEqual([
      { key: "bad", problem: 'request_token.price must be a non-negative number, got "x"' },
    ]);
  });

  it("LiteLLM: deprecation_date is kept; a malformed one is reported", () => {
    const t = parseLiteLlm(
      {
        "claude-3-7-sonnet-20250219": {
          input_cost_per_token: 3e-6,
          output_cost_per_token: 1.5e-5,
          litellm_provider: "anthropic",
          deprecation_date: "2026-02-19",
        },
        x: { input_cost_per_token: 1, output_cost_per_token: 1, deprecation_date: "soon" },
      },
      "f.json",
    );
    expect(t.rows[0]?.deprecationDate).toBe("2026-02-19");
    expect(t.malformed[0]?.problem).toMatch(/deprecation_date must be a date/);
  });
});

describe("shipped tables (data/prices)", () => {
  it("read through the one CSV reader, every row dated, retired models carrying the day", async () => {
    const api = await readShippedApiPrices();
    expect(api.length).toBeGreaterThan(80);
    expect(api.find((r) => r.model === "claude-2")).toMatchObject({ retired: "2025-07-21", as_of: "2024-01-30" });
    expect(api.find((r) => r.model === "claude-instant-1")?.retired).toBe("2024-11-06");
    expect(api.find((r) => r.model === "gpt-5")).toMatchObject({ input_usd_per_1m: 1.25, output_usd_per_1m: 10 });
    const gpus = await loadGpuPrices();
    // the 2025-03-07 table's A100-40GB and A10G offers were all 2023 quotes: no 2025 row, the 2023 one holds
    expect(gpus.filter((g) => g.gpu === "A100-40GB").map((g) => g.asOf)).toEqual(["2023-08-16", "2023-10-30"]);
    expect(gpus.find((g) => g.gpu === "H100-80GB" && g.asOf === "2025-03-07")?.usdPerHour).toBe(2.99);
    const t = await loadThroughputs();
    const a100 = t.filter((r) => r.model === "llama-2-70b" && r.gpu === "A100-80GB");
    expect(a100.map((r) => [r.per, r.outputTokensPerSecond, r.inputTokens, r.outputTokens])).toEqual([
      ["gpu", 670, 128, 128],
      ["gpu", 525, 128, 2048],
      ["gpu", 79, 2048, 128],
    ]);
    expect(new Set(t.map((r) => r.measured))).toEqual(new Set(["offline-max-batch", "online-serving"]));
  });

  it.skipIf(!hasShared())(
    "rows dated 2026-07-24 and 2026-08-21 are the LiteLLM and Portkey values they cite",
    async () => {
      const litellm = JSON.parse(
        gunzipSync(
          readFileSync(path.join(SHARED, "data/prices/BerriAI__litellm/model_prices_and_context_window.json.gz")),
        ).toString(),
      ) as Record<string, { input_cost_per_token: number; output_cost_per_token: number; deprecation_date?: string }>;
      const api = await readShippedApiPrices();
      const lite = api.filter((r) => r.as_of === "2026-07-24");
      expect(lite.length).toBeGreaterThan(60);
      for (const r of lite) {
        const e = litellm[r.model];
        expect(e, r.model).toBeDefined();
        expect(r.input_usd_per_1m, r.model).toBeCloseTo((e?.input_cost_per_token ?? 0) * 1e6, 6);
        expect(r.output_usd_per_1m, r.model).toBeCloseTo((e?.output_cost_per_token ?? 0) * 1e6, 6);
        // LiteLLM's deprecation_date where it gives one; a day it does not give is explained in the row's source
        if (e?.deprecation_date) expect(r.retired, r.model).toBe(e.deprecation_date);
        else if (r.retired) expect(r.source, r.model).toMatch(/retired \d{4}-\d{2}-\d{2} with/);
      }
      const dashscope = JSON.parse(
        readFileSync(path.join(SHARED, "data/prices/Portkey-AI__models/pricing/dashscope.json"), "utf8"),
      ) as Record<string, { pricing_config: { pay_as_you_go: { response_token: { price: number } } } }>;
      const qwen = api.find((r) => r.model === "dashscope/qwen3-max");
      expect(qwen?.as_of).toBe("2026-08-21");
      expect(qwen?.output_usd_per_1m).toBeCloseTo(
        (dashscope["qwen3-max"]?.pricing_config.pay_as_you_go.response_token.price ?? 0) * 1e4,
        6,
      );
    },
  );
});
