/**
 * Prices and the cost model at 2026 dates, in-process (runMain): the shipped table current to the 2026 sources
 * (LiteLLM 2026-07-24, Portkey 2026-08-21), retired models never in force, stale prices flagged, sources that
 * disagree by more than 2× both shown and named (Portkey's files imported from ../shared), GPT-5 priced at a 2026
 * date, the switch-2026 preset, and the TensorRT-LLM A100 row read per GPU with prefill counted.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { hasShared, runMain, SHARED, tempDir } from "../helpers.js";

interface Row {
  model: string;
  provider: string;
  inputPer1M: number;
  outputPer1M: number;
  asOf: string;
  retired: string | null;
  stale: boolean;
  disagreement: string | null;
}

interface Plan {
  asOf: string;
  options: Array<{
    label: string;
    kind: string;
    model: string;
    monthlyUsd: number;
    breakdown: Record<string, unknown>;
    figures: Array<{ name: string; unit: string; asOf: string | null; stale?: boolean; note?: string }>;
  }>;
  assumptions: Array<{ name: string; value: unknown; note: string }>;
  notes: string[];
  disagreements: Array<{ which: string; ratio: number; high: { value: number }; low: { value: number } }>;
}

describe("prices and costs at 2026 dates", () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  const run = (args: string[]) => runMain(["--db", db, ...args]);
  const json = async <T>(args: string[]): Promise<T> => {
    const r = await run([...args, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };

  beforeAll(() => {
    tmp = tempDir("omo-prices26-");
    db = path.join(tmp.dir, "p.duckdb");
  });
  afterAll(() => tmp?.cleanup());

  it("claude-2 and claude-instant-1 are not in force on 2026-12-02 (they were in 2024); --retired lists them flagged", async () => {
    const in2024 = await json<Row[]>(["prices", "--as-of", "2024-06-01", "--provider", "anthropic"]);
    expect(in2024.map((r) => r.model)).toEqual(expect.arrayContaining(["claude-2", "claude-instant-1"]));
    const in2026 = await json<Row[]>(["prices", "--as-of", "2026-12-02", "--provider", "anthropic"]);
    const models = in2026.map((r) => r.model);
    expect(models).not.toContain("claude-2");
    expect(models).not.toContain("claude-instant-1");
    expect(models).not.toContain("claude-3-7-sonnet-20250219"); // LiteLLM deprecation_date 2026-02-19
    expect(models).toEqual(expect.arrayContaining(["claude-sonnet-4-5", "claude-opus-4-5", "claude-sonnet-5"]));
    expect(in2026.every((r) => r.retired === null || r.retired > "2026-12-02")).toBe(true);
    const all = await json<Row[]>(["prices", "--as-of", "2026-12-02", "--model", "claude-2", "--retired"]);
    expect(all[0]).toMatchObject({ model: "claude-2", retired: "2025-07-21", stale: true });
    const table = await run(["prices", "--as-of", "2026-12-02", "--model", "claude-2", "--retired"]);
    expect(table.stdout).toMatch(/claude-2 .* stale, retired 2025-07-21/);
  });

  it("omo cost --api gpt-5 is priced at a 2026 date; claude-2 is refused as retired", async () => {
    const plan = await json<Plan>([
      "cost",
      "--api",
      "gpt-5",
      "--tokens",
      "1e9",
      "--ratio",
      "3:1",
      "--as-of",
      "2026-12-02",
    ]);
    expect(plan.options[0]).toMatchObject({ label: "API gpt-5", monthlyUsd: 3437.5 }); // 750 M × $1.25 + 250 M × $10
    expect(plan.options[0]?.figures.map((f) => [f.asOf, f.stale])).toEqual([
      ["2026-07-24", false],
      ["2026-07-24", false],
    ]);
    const before = await run(["cost", "--api", "gpt-5", "--tokens", "1e9", "--as-of", "2025-06-01"]);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(
      /no price for model "gpt-5" on or before 2025-06-01; its first price is of 2026-07-24/,
    );
    const retired = await run(["cost", "--api", "claude-2", "--tokens", "1e9", "--as-of", "2026-12-02"]);
    expect(retired.code).toBe(1);
    expect(retired.stderr.trim()).toBe(
      'omo: --api: model "claude-2" was retired on 2025-07-21: no price in force on 2026-12-02 (see "omo prices --model claude-2 --retired")',
    );
  });

  it("the A100 Llama-2-70B row is per GPU: article-2023 self-hosting needs 2 replicas of 4 GPUs, prefill counted", async () => {
    const plan = await json<Plan>(["cost", "--preset", "article-2023"]);
    const self = plan.options.find((o) => o.kind === "self-hosted");
    // 2023: the row read as the total of 4 GPUs → 3 replicas, 12 GPUs, $22,338; per GPU and counting the 3 B
    // prompt tokens → 2 replicas, 8 GPUs, $14,892 (per GPU without prefill it would be 1 replica, $7,446)
    expect(self?.breakdown).toMatchObject({ replicas: 2, gpusPerReplica: 4, gpus: 8, usdPerGpuHour: 2.55 });
    expect(self?.monthlyUsd).toBe(14_892);
    expect(plan.options.map((o) => o.monthlyUsd)).toEqual([150_000, 4_000, 14_892]);
    const t = self?.figures.find((f) => f.unit.startsWith("output tokens/s"));
    expect(t?.unit).toBe("output tokens/s per GPU");
    expect(t?.note).toMatch(
      /offline, at the maximum batch, 2048 in \/ 128 out tokens; 316 tok\/s for the replica of 4/,
    );
    expect(plan.assumptions.find((a) => a.name === "sizing")?.note).toMatch(/counting prompt \(prefill\) and output/);
  });

  it("the switch-2026 preset: current closed APIs vs hosted gpt-oss, DeepSeek, Qwen3, Llama 3.3/4; stale GPU quote flagged", async () => {
    const plan = await json<Plan>(["cost", "--preset", "switch-2026"]);
    expect(plan.asOf).toBe("2026-08-21");
    const by = Object.fromEntries(plan.options.map((o) => [o.label, o.monthlyUsd]));
    expect(by).toMatchObject({
      "API gpt-5.5": 137_500,
      "API gpt-5-mini": 8_125,
      "hosted together_ai/openai/gpt-oss-120b": 3_375,
      "hosted deepseek/deepseek-v3.2": 4_500,
      "hosted together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo": 13_200,
    });
    const self = plan.options.find((o) => o.kind === "self-hosted");
    expect(self?.model).toBe("llama-3.1-70b");
    expect(self?.figures.find((f) => f.unit === "USD/GPU-hour")).toMatchObject({ asOf: "2025-03-07", stale: true });
    expect(plan.assumptions.map((a) => a.name)).toContain("measured mix of llama-3.1-70b on H100-80GB");
  });

  it("GET /api/prices says the same: retired left out unless retired=true, stale flagged", async () => {
    const store = await DuckDBStore.open(path.join(tmp.dir, "api.duckdb"));
    const app = await buildApp({ store, rateLimit: false, webRoot: null });
    try {
      const get = async (url: string) => {
        const r = await app.inject({ method: "GET", url });
        return { status: r.statusCode, body: r.json() as { prices: Row[]; at: string; disagreements: unknown[] } };
      };
      const now = await get("/api/prices?asOf=2026-12-02&provider=anthropic");
      expect(now.status).toBe(200);
      expect(now.body.at).toBe("2026-12-02");
      expect(now.body.prices.map((p) => p.model)).not.toContain("claude-2");
      const all = await get("/api/prices?asOf=2026-12-02&model=claude-2&retired=true");
      expect(all.body.prices[0]).toMatchObject({ model: "claude-2", retired: "2025-07-21", stale: true });
      const bad = await app.inject({ method: "GET", url: "/api/prices?retired=maybe" });
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it.skipIf(!hasShared())(
    "Portkey's files import in cents per token; Together's Qwen3-235B-2507 output: $6.00 vs $0.60, both shown and named",
    async () => {
      const dir = path.join(SHARED, "data/prices/Portkey-AI__models/pricing");
      const noDate = await run(["prices", "import", path.join(dir, "together-ai.json")]);
      expect(noDate.code).toBe(1);
      expect(noDate.stderr).toMatch(/Portkey price files carry no date; give --as-of/);
      const imported = await json<Array<{ source: string; imported: number }>>([
        "prices",
        "import",
        dir,
        "--as-of",
        "2026-08-21",
      ]);
      // 43 of the 46 files price text tokens (sagemaker, segmind and stability-ai price none: nothing to import)
      expect(imported).toHaveLength(43);
      expect(imported.find((i) => i.source === "portkey:together-ai.json")?.imported).toBeGreaterThan(100);
      const rows = await json<Row[]>([
        "prices",
        "--as-of",
        "2026-12-02",
        "--model",
        "Qwen3-235B-A22B-Instruct-2507-tput",
      ]);
      const litellm = rows.find((r) => r.provider === "together_ai");
      const portkey = rows.find((r) => r.provider === "together-ai");
      expect([litellm?.outputPer1M, portkey?.outputPer1M]).toEqual([6, 0.6]);
      expect(litellm?.disagreement).toMatch(/^output \$6\.00 per 1M .* vs \$0\.60 .*sources disagree 10×/);
      expect(portkey?.disagreement).toBe(litellm?.disagreement);
      const table = await run(["prices", "--as-of", "2026-12-02", "--model", "Qwen3-235B-A22B-Instruct-2507-tput"]);
      expect(table.stdout).toMatch(/Sources that disagree by more than 2× \(both rows are listed above\):/);
      const plan = await json<Plan>([
        "cost",
        "--hosted",
        "together_ai/Qwen/Qwen3-235B-A22B-Instruct-2507-tput",
        "--tokens",
        "1e9",
        "--as-of",
        "2026-12-02",
      ]);
      expect(plan.disagreements[0]).toMatchObject({
        which: "output",
        ratio: 10,
        high: { value: 6 },
        low: { value: 0.6 },
      });
      expect(plan.notes.join(" ")).toMatch(/Sources disagree on a price used here, both shown: output \$6\.00/);
    },
    120_000,
  );
});
