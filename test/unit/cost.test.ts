/** The pure cost model against hand-computed cases: volumes, replica rounding at the peak, utilisation, break-even. */
import { describe, expect, it } from "vitest";
import {
  type ApiPrice,
  type CostOption,
  computeCost,
  type GpuPrice,
  parseSelfHostedSpec,
  replicasFor,
  resolveGpuPrice,
  resolveThroughput,
  type Throughput,
} from "../../src/domain/cost.js";
import { mergeWorkload, parseCostRequest } from "../../src/domain/cost-plan.js";
import { InputError } from "../../src/errors.js";
import { parseLiteLlm } from "../../src/ingest/litellm-prices.js";

const price = (model: string, inputPer1M: number, outputPer1M: number): ApiPrice => ({
  model,
  provider: "test",
  inputPer1M,
  outputPer1M,
  asOf: "2023-03-14",
  source: "test table",
});

const gpu: GpuPrice = { gpu: "X100", usdPerHour: 2, asOf: "2023-10-30", basis: "test", source: "test gpus" };
const tput: Throughput = {
  model: "m",
  gpu: "X100",
  gpus: 1,
  per: "replica",
  outputTokensPerSecond: 1000,
  inputTokens: 100,
  outputTokens: 100,
  measured: "online-serving",
  asOf: "2023-12",
  engine: "e",
  source: "test throughput",
  caveat: "",
};
const self: CostOption = { kind: "self-hosted", model: "m", gpu, throughput: tput };

/** Seconds in a 730-hour month. */
const MONTH_S = 730 * 3600;

describe("volumes and API prices", () => {
  it("reproduces the 2023 arithmetic: 4 B tokens at 3:1 on GPT-4 ($30/$60) and on a $1/$1 hosted model", () => {
    const r = computeCost({
      workload: { tokensPerMonth: 4e9, ratio: "3:1" },
      options: [
        { kind: "api", price: price("gpt-4", 30, 60) },
        { kind: "hosted", price: price("llama", 1, 1) },
      ],
    });
    expect(r.workload.inputTokensPerMonth).toBe(3e9);
    expect(r.workload.outputTokensPerMonth).toBe(1e9);
    const [gpt4, llama] = r.options;
    expect(gpt4?.monthlyUsd).toBe(150_000); // 3e9 × 30/1e6 + 1e9 × 60/1e6 = 90,000 + 60,000
    expect(gpt4?.breakdown).toEqual({ inputUsd: 90_000, outputUsd: 60_000 });
    expect(gpt4?.usdPer1M).toBe(37.5);
    expect(llama?.monthlyUsd).toBe(4_000);
    expect(llama?.savingsUsd).toBe(146_000);
    expect(llama?.savingsPct).toBe(97.3);
    expect(llama?.timesCheaper).toBe(37.5);
    expect(r.mostExpensive).toBe("API gpt-4");
    expect(gpt4?.figures[0]).toMatchObject({ value: 30, asOf: "2023-03-14", source: "test table" });
  });

  it("computes volumes from requests × tokens per request", () => {
    const r = computeCost({
      workload: { requestsPerMonth: 1_000_000, inputTokensPerRequest: 800, outputTokensPerRequest: 200 },
      options: [{ kind: "api", price: price("gpt-4o", 2.5, 10) }],
    });
    expect(r.workload).toMatchObject({ inputTokensPerMonth: 8e8, outputTokensPerMonth: 2e8, ratio: "4:1" });
    expect(r.options[0]?.monthlyUsd).toBe(4_000); // 800 M × 2.5 + 200 M × 10, per 1M
  });

  it("reports a defaulted ratio instead of using it silently", () => {
    const r = computeCost({ workload: { tokensPerMonth: 2e6 }, options: [{ kind: "api", price: price("a", 1, 3) }] });
    expect(r.options[0]?.monthlyUsd).toBe(4); // 1 M × 1 + 1 M × 3, per 1M
    expect(r.assumptions.find((a) => a.name === "ratio")).toMatchObject({ value: "1:1", default: true });
  });
});

describe("self-hosting", () => {
  it("rounds replicas up at the peak and scales with utilisation", () => {
    // 1,000 tok/s per replica at 50 % usable = 500: a 1,200 tok/s peak needs 3 replicas; at 60 %, 2
    expect(replicasFor(1200, 1000, 0.5)).toBe(3);
    expect(replicasFor(1200, 1000, 0.6)).toBe(2);
    expect(replicasFor(1500, 1000, 0.5)).toBe(3); // exactly full: no 4th replica from floating-point dust
    expect(replicasFor(0.001, 1000, 0.5)).toBe(1); // at least one
    const w = { tokensPerMonth: 1e9, ratio: "1:1", peakTokensPerSecond: 1200 };
    const a = computeCost({ workload: w, options: [self], utilisation: 0.5 });
    expect(a.options[0]?.breakdown).toMatchObject({ replicas: 3, gpus: 3, gpuHours: 2190 });
    expect(a.options[0]?.monthlyUsd).toBe(4380); // 3 GPUs × $2 × 730 h
    const b = computeCost({ workload: w, options: [self], utilisation: 0.6 });
    expect(b.options[0]?.monthlyUsd).toBe(2920); // 2 × 2 × 730
  });

  it("counts GPUs per replica (tensor parallel): a per-GPU figure is multiplied by the replica's GPUs", () => {
    // the TensorRT-LLM A100 Llama-70B row: 670 output tok/s PER GPU at 128 in / 128 out, 4 GPUs a replica
    const perGpu: Throughput = {
      ...tput,
      gpus: 4,
      per: "gpu",
      outputTokensPerSecond: 670,
      inputTokens: 128,
      outputTokens: 128,
    };
    const w = { tokensPerMonth: 4e9, ratio: "3:1" };
    const r = computeCost({ workload: w, options: [{ ...self, throughput: perGpu }], utilisation: 0.5 });
    expect(r.workload.averageOutputTokensPerSecond).toBeCloseTo(1e9 / MONTH_S, 6);
    // replica: 2,680 output tok/s = 5,360 tok/s processed at 1:1; the 3:1 workload's peak of 761 output tok/s is
    // 3,044 tok/s processed (prompt tokens counted); at 50 % a replica takes 2,680 → 2 replicas × 4 GPUs
    expect(r.options[0]?.breakdown).toMatchObject({
      replicas: 2,
      gpus: 8,
      replicaOutputTokensPerSecond: 2680,
      replicaTokensPerSecond: 5360,
      peakTokensPerSecond: 3044.1,
      measuredAt: "128 in / 128 out tokens",
    });
    expect(r.options[0]?.monthlyUsd).toBe(11_680); // 8 GPUs × $2 × 730 h
    // the same figure read as the total of the replica (the 2023 reading) needs more than twice the GPUs
    const asTotal = computeCost({
      workload: w,
      options: [{ ...self, throughput: { ...perGpu, per: "replica" } }],
      utilisation: 0.5,
    });
    expect(asTotal.options[0]?.breakdown).toMatchObject({ replicas: 5, gpus: 20 });
    expect(r.assumptions.find((a) => a.name === "peakFactor")).toMatchObject({ value: 2, default: true });
    expect(r.assumptions.find((a) => a.name === "utilisation")).toMatchObject({ value: 0.5, default: false });
    expect(r.assumptions.find((a) => a.name === "sizing")?.note).toMatch(/prompt \(prefill\) and output tokens alike/);
  });

  it("counts prefill: the same replica serves fewer output tokens of a prompt-heavy workload", () => {
    const one = { tokensPerMonth: 1e9, ratio: "1:1", peakTokensPerSecond: 400 };
    const heavy = { tokensPerMonth: 1e9, ratio: "7:1", peakTokensPerSecond: 400 };
    const a = computeCost({ workload: one, options: [self], utilisation: 0.5 });
    const b = computeCost({ workload: heavy, options: [self], utilisation: 0.5 });
    // 1:1 as measured: 400 ≤ 1,000 × 0.5 → 1 replica; 7:1: 400 × 8 = 3,200 tok/s vs 2,000 × 0.5 → 4 replicas
    expect(a.options[0]?.breakdown).toMatchObject({ replicas: 1 });
    expect(b.options[0]?.breakdown).toMatchObject({ replicas: 4, peakTokensPerSecond: 3200 });
  });

  it("uses the measurement made at the mix closest to the workload's, and says when lengths are not stated", () => {
    const short: Throughput = { ...tput, inputTokens: 128, outputTokens: 128, outputTokensPerSecond: 670 };
    const long: Throughput = { ...tput, inputTokens: 2048, outputTokens: 128, outputTokensPerSecond: 79 };
    expect(resolveThroughput([short, long], "m", "X100", 0.5)).toBe(short);
    expect(resolveThroughput([short, long], "m", "X100", 0.9)).toBe(long);
    const unstated: Throughput = { ...tput, inputTokens: null, outputTokens: null };
    const r = computeCost({
      workload: { tokensPerMonth: 1e9, ratio: "3:1" },
      options: [{ ...self, throughput: unstated }],
    });
    expect(r.assumptions.find((a) => a.name === "measured mix of m on X100")).toMatchObject({
      value: "1:1",
      default: true,
    });
    expect(r.options[0]?.breakdown).toMatchObject({ measuredAt: "prompt and output lengths not stated (read as 1:1)" });
  });

  it("flags prices more than six months older than the date priced at; measured throughput is not a price", () => {
    const r = computeCost({
      at: "2026-12-02",
      workload: { tokensPerMonth: 1e9, ratio: "1:1" },
      options: [self, { kind: "api", price: { ...price("a", 1, 1), asOf: "2026-07-24" } }],
    });
    const figures = r.options.flatMap((o) => o.figures);
    expect(figures.find((f) => f.unit === "USD/GPU-hour")?.stale).toBe(true); // 2023-10-30
    expect(figures.find((f) => f.name === "input price")?.stale).toBe(false); // 2026-07-24: 4 months
    expect(figures.find((f) => f.unit.startsWith("output tokens/s"))?.stale).toBeUndefined();
  });

  it("turns a peak concurrency into a token rate with a reported per-stream speed", () => {
    const r = computeCost({ workload: { tokensPerMonth: 1e6, ratio: "1:1", peakConcurrency: 20 }, options: [self] });
    expect(r.workload.peakOutputTokensPerSecond).toBe(600); // 20 × 30 tok/s
    expect(r.options[0]?.breakdown).toMatchObject({ replicas: 2 }); // 600 / (1,000 × 0.5)
    const names = r.assumptions.filter((a) => a.default).map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(["streamTokensPerSecond", "utilisation", "hoursPerMonth"]));
  });
});

describe("break-even", () => {
  it("with a fixed peak: one replica's cost divided by the API's blended price", () => {
    // replica $2 × 730 = $1,460; API $1/1M → 1.46 B tokens, within what one replica serves (2.628 B at 1:1)
    const r = computeCost({
      workload: { tokensPerMonth: 1e8, ratio: "1:1", peakTokensPerSecond: 400 },
      options: [self, { kind: "api", price: price("api", 1, 1) }],
      utilisation: 0.5,
    });
    expect(r.breakEven).toHaveLength(1);
    expect(r.breakEven[0]?.tokensPerMonth).toBe(1_460_000_000);
  });

  it("with a peak proportional to volume: found when a full replica is cheaper per token, else never", () => {
    const w = { tokensPerMonth: 1e8, ratio: "1:1" };
    // peak factor 2: one replica serves 500 × 2,628,000 / (2 × 0.5) = 1.314 B tokens; at $2/1M it costs $1,460
    const cheap = computeCost({ workload: w, options: [self, { kind: "api", price: price("api", 2, 2) }] });
    expect(cheap.breakEven[0]?.tokensPerMonth).toBe(730_000_000);
    // at $1/1M a full replica ($1,460 for 1.314 B tokens = $1.11/1M) never beats the API
    const never = computeCost({ workload: w, options: [self, { kind: "api", price: price("api", 1, 1) }] });
    expect(never.breakEven[0]?.tokensPerMonth).toBeNull();
    expect(never.breakEven[0]?.note).toMatch(/^never/);
  });
});

describe("errors", () => {
  const api: CostOption = { kind: "api", price: price("a", 1, 1) };
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).message;
    }
    throw new Error("expected an InputError");
  };

  it("rejects negative volumes, naming the field", () => {
    expect(err(() => computeCost({ workload: { tokensPerMonth: -1 }, options: [api] }))).toBe(
      'field "workload.tokensPerMonth": must not be negative',
    );
    expect(
      err(() =>
        computeCost({
          workload: { requestsPerMonth: 10, inputTokensPerRequest: -5, outputTokensPerRequest: 1 },
          options: [api],
        }),
      ),
    ).toMatch(/inputTokensPerRequest.*must not be negative/);
  });

  it("rejects mixed or missing volumes, bad ratios and utilisation", () => {
    expect(err(() => computeCost({ workload: { tokensPerMonth: 5, requestsPerMonth: 1 }, options: [api] }))).toMatch(
      /either requests/,
    );
    expect(err(() => computeCost({ workload: {}, options: [api] }))).toMatch(/no volume/);
    expect(err(() => computeCost({ workload: { tokensPerMonth: 5, ratio: "3-1" }, options: [api] }))).toMatch(/ratio/);
    expect(err(() => computeCost({ workload: { tokensPerMonth: 5 }, options: [api], utilisation: 0 }))).toMatch(
      /utilisation/,
    );
  });

  it("names unknown GPUs, GPUs without a price, and models without throughput", () => {
    const rows: GpuPrice[] = [
      gpu,
      { gpu: "L40S-48GB", usdPerHour: null, asOf: "2023-10-30", basis: "not in the table", source: "t" },
    ];
    expect(err(() => resolveGpuPrice(rows, "Z9", "2024-01-01"))).toMatch(/unknown GPU "Z9"; known: X100, L40S-48GB/);
    expect(err(() => resolveGpuPrice(rows, "l40s 48gb", "2024-01-01"))).toMatch(/no price for GPU "L40S-48GB"/);
    expect(err(() => resolveGpuPrice(rows, "X100", "2020-01-01"))).toMatch(
      /no price for GPU "X100" on or before 2020-01-01/,
    );
    expect(resolveGpuPrice(rows, "x-100", "2024-01-01").usdPerHour).toBe(2);
    expect(err(() => resolveThroughput([tput], "other", "X100"))).toMatch(/no throughput figure for model "other"/);
    expect(err(() => resolveThroughput([tput], "m", "H100"))).toMatch(/measured on: X100/);
    expect(err(() => parseSelfHostedSpec("llama-2-70b"))).toMatch(/expected MODEL:GPU/);
    expect(parseSelfHostedSpec("llama-2-70b:A100-80GB")).toEqual({ model: "llama-2-70b", gpu: "A100-80GB" });
  });

  it("validates requests with the field named", () => {
    expect(err(() => parseCostRequest({ workload: { tokensPerMonth: "many" } }))).toBe(
      'field "workload.tokensPerMonth": expected a number',
    );
    expect(err(() => parseCostRequest({ colour: "red" }))).toBe('field "colour": unknown field');
    expect(err(() => parseCostRequest({ asOf: "2023-02-30" }))).toMatch(/asOf.*not a real calendar date/);
  });
});

describe("helpers", () => {
  it("merges a request's workload over a preset's, one volume form replacing the other", () => {
    expect(mergeWorkload({ tokensPerMonth: 4e9, ratio: "3:1" }, { requestsPerMonth: 5 })).toEqual({
      requestsPerMonth: 5,
    });
    expect(mergeWorkload({ tokensPerMonth: 4e9, ratio: "3:1" }, { peakConcurrency: 3 })).toEqual({
      tokensPerMonth: 4e9,
      ratio: "3:1",
      peakConcurrency: 3,
    });
  });

  it("reads LiteLLM entries: text modes with both prices; others counted; bad prices reported", () => {
    const t = parseLiteLlm(
      {
        sample_spec: { input_cost_per_token: 0 },
        "gpt-4": { input_cost_per_token: 3e-5, output_cost_per_token: 6e-5, litellm_provider: "openai", mode: "chat" },
        "anyscale/x": { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6, mode: "chat" },
        emb: { input_cost_per_token: 1e-8, output_cost_per_token: 0, mode: "embedding" },
        img: { mode: "image_generation" },
        nopr: { mode: "chat" },
        neg: { input_cost_per_token: -1, output_cost_per_token: 1, mode: "chat" },
        last_updated: "2026-07-24T18:23:43.215560+00:00",
      },
      "f.json",
    );
    expect(t.rows).toEqual([
      { model: "gpt-4", provider: "openai", inputPerToken: 3e-5, outputPerToken: 6e-5, deprecationDate: null },
      { model: "anyscale/x", provider: "anyscale", inputPerToken: 1e-6, outputPerToken: 1e-6, deprecationDate: null },
    ]);
    expect(t).toMatchObject({ lastUpdated: "2026-07-24", otherModes: 2, unpriced: 1 });
    expect(t.malformed).toEqual([
      { key: "neg", problem: "input_cost_per_token must be a non-negative number, got -1" },
    ]);
    expect(() => parseLiteLlm([], "f.json")).toThrow(/f.json: not a LiteLLM price table/);
  });
});
