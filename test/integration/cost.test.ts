/**
 * `omo cost`, `omo prices` and `omo prices import` through the real CLI (a child process per run), and the
 * `POST /api/cost` / `GET /api/prices` routes over HTTP on 127.0.0.1.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { ROOT, runMain, tempDir } from "../helpers.js";

const FIXTURE = path.join(ROOT, "test/fixtures/prices/litellm-cut-2026-07-24.json");

let tmp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(() => {
  tmp = tempDir("omo-cost-");
  db = path.join(tmp.dir, "omo.duckdb");
});
afterAll(() => tmp.cleanup());

const within = (x: number | undefined, target: number, pct: number) =>
  Math.abs((x ?? 0) - target) <= target * (pct / 100);

interface PlanJson {
  asOf: string;
  options: Array<{
    label: string;
    kind: string;
    model: string;
    monthlyUsd: number;
    breakdown: Record<string, unknown>;
  }>;
  assumptions: Array<{ name: string; value: unknown; default: boolean }>;
  breakEven: Array<{ tokensPerMonth: number | null; note: string }>;
  notes: string[];
}

describe("omo cost", () => {
  it("reproduces the article-2023 preset: ~$150,000 on GPT-4, ~$4,000 on a hosted Llama-2-70B, and a self-hosted figure", async () => {
    const r = await runMain(["--db", db, "cost", "--preset", "article-2023", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as PlanJson;
    const gpt4 = plan.options.find((o) => o.kind === "api" && o.model === "gpt-4");
    const hosted = plan.options.find((o) => o.kind === "hosted");
    const self = plan.options.find((o) => o.kind === "self-hosted");
    expect(within(gpt4?.monthlyUsd, 150_000, 5)).toBe(true);
    expect(within(hosted?.monthlyUsd, 4_000, 5)).toBe(true);
    expect(self?.monthlyUsd).toBeGreaterThan(0);
    expect(self?.breakdown).toMatchObject({ gpusPerReplica: 4, usdPerGpuHour: 2.55 });
    expect(plan.assumptions.map((a) => a.name)).toEqual(expect.arrayContaining(["utilisation", "peakFactor"]));
    expect(plan.breakEven.length).toBe(2);
    expect(plan.notes.join(" ")).toMatch(/could not be attributed/);
  });

  it("prints a table with figures, sources and assumptions", async () => {
    const r = await runMain(["--db", db, "cost", "--preset", "article-2023"]);
    expect(r.code).toBe(0);
    for (const text of ["USD/month", "$150,000", "$4,000", "Figures used", "Assumptions", "Break-even"]) {
      expect(r.stdout).toContain(text);
    }
    expect(r.stdout).toContain("could not be attributed");
  });

  it("prices a workload given by flags, overriding nothing silently", async () => {
    const r = await runMain([
      "--db",
      db,
      "cost",
      "--requests",
      "1000000",
      "--input-tokens",
      "800",
      "--output-tokens",
      "200",
      "--api",
      "gpt-4o",
      "--as-of",
      "2024-09-01",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as PlanJson;
    expect(plan.options[0]?.monthlyUsd).toBe(4_000); // 800 M × $2.5 + 200 M × $10 per 1M
    expect(plan.asOf).toBe("2024-09-01");
  });

  const badCases: Array<[string[], RegExp]> = [
    [["cost", "--tokens=-5", "--api", "gpt-4"], /--tokens/],
    [["cost", "--tokens", "1000", "--api", "no-such-model"], /unknown model "no-such-model"/],
    [
      ["cost", "--tokens", "1000", "--api", "gpt-4o", "--as-of", "2023-06-01"],
      /no price for model "gpt-4o" on or before 2023-06-01/,
    ],
    [
      ["cost", "--tokens", "1e9", "--self-hosted", "llama-2-7b:L40S-48GB", "--as-of", "2024-01-01"],
      /no price for GPU "L40S-48GB"/,
    ],
    [["cost", "--tokens", "1000"], /nothing to compare/],
    [["cost", "--preset", "nope"], /unknown preset "nope"; known: .*article-2023/],
    [["cost", "--tokens", "1000", "--api", "gpt-4", "--utilisation", "1.5"], /--utilisation/],
  ];
  it.each(badCases)("fails with a one-line message: omo %j", async (args, msg) => {
    const r = await runMain(["--db", db, ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("omo prices", () => {
  it("lists the shipped table at a date", async () => {
    const r = await runMain(["--db", db, "prices", "--model", "gpt-3.5-turbo", "--as-of", "2023-07-01", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows.find((x) => x.model === "gpt-3.5-turbo")).toMatchObject({
      inputPer1M: 1.5,
      outputPer1M: 2,
      asOf: "2023-06-13",
      origin: "shipped",
    });
  });

  it("imports a LiteLLM table", async () => {
    const r = await runMain(["--db", db, "prices", "import", FIXTURE]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("7 prices as of 2026-07-24 (from last_updated)");
    expect(r.stdout).toContain("2 entries of other modes");
  });

  it("imports the same table gzipped, and again idempotently", async () => {
    const gz = path.join(tmp.dir, "litellm-cut-2026-07-24.json.gz");
    await writeFile(gz, gzipSync(readFileSync(FIXTURE)));
    const again = await runMain(["--db", db, "prices", "import", gz, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 7, replaced: 0, asOf: "2026-07-24" });
    const twice = await runMain(["--db", db, "prices", "import", gz, "--json"]);
    expect(JSON.parse(twice.stdout)).toMatchObject({ imported: 7, replaced: 7 });
  });

  it("lists imported prices over the shipped ones, and the shipped ones at earlier dates", async () => {
    const list = await runMain(["--db", db, "prices", "--model", "gpt-4o", "--json"]);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(rows.find((x) => x.model === "gpt-4o")).toMatchObject({
      provider: "openai",
      inputPer1M: 2.5,
      outputPer1M: 10,
      asOf: "2026-07-24",
      origin: "imported",
    });
    expect(rows.some((x) => x.model === "gpt-4o-mini")).toBe(true);
    const table = await runMain(["--db", db, "prices", "--model", "gpt-4o"]);
    expect(table.stdout).toMatch(/openai\s+gpt-4o\s+2\.50\s+10/);
    // an earlier date still answers the shipped 2024 price
    const old = await runMain(["--db", db, "prices", "--model", "gpt-4o", "--as-of", "2024-06-01", "--json"]);
    const oldRows = JSON.parse(old.stdout) as Array<Record<string, unknown>>;
    expect(oldRows.find((x) => x.model === "gpt-4o")).toMatchObject({ inputPer1M: 5, asOf: "2024-05-13" });
  });

  it("rejects files that are not LiteLLM tables", async () => {
    const bad = path.join(tmp.dir, "bad.json");
    await writeFile(bad, "{not json");
    const r = await runMain(["--db", db, "prices", "import", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json: not JSON/);
    const undated = path.join(tmp.dir, "undated.json");
    await writeFile(undated, JSON.stringify({ x: { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6 } }));
    const u = await runMain(["--db", db, "prices", "import", undated]);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/no last_updated date; give --as-of/);
  });
});

describe("API", () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    store = await openStore(path.join(tmp.dir, "api.duckdb"));
    app = await buildApp({ store, rateLimit: false, webRoot: null });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const post = async (body: unknown) => {
    const r = await fetch(`${base}/api/cost`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  };

  it("POST /api/cost prices a preset and a workload", async () => {
    const r = await post({ preset: "article-2023" });
    expect(r.status).toBe(200);
    const options = r.json.options as PlanJson["options"];
    expect(within(options.find((o) => o.model === "gpt-4")?.monthlyUsd, 150_000, 5)).toBe(true);
    const w = await post({ workload: { tokensPerMonth: 4e9, ratio: "3:1" }, api: ["gpt-4"], asOf: "2023-06-01" });
    expect(w.status).toBe(200);
    expect((w.json.options as PlanJson["options"])[0]?.monthlyUsd).toBe(150_000);
  });

  it("POST /api/cost answers 400 naming the field", async () => {
    const neg = await post({ workload: { tokensPerMonth: -1 }, api: ["gpt-4"] });
    expect(neg.status).toBe(400);
    expect(neg.json.param).toBe("workload.tokensPerMonth");
    const extra = await post({ workload: { tokensPerMonth: 5 }, api: ["gpt-4"], colour: 1 });
    expect(extra).toMatchObject({ status: 400, json: { param: "colour" } });
    const unknown = await post({ workload: { tokensPerMonth: 5 }, api: ["nope"] });
    expect(unknown).toMatchObject({ status: 400, json: { param: "api" } });
    expect(String(unknown.json.error)).toMatch(/unknown model "nope"/);
  });

  it("GET /api/prices filters as the CLI", async () => {
    const r = await fetch(`${base}/api/prices?model=gpt-4&provider=openai&asOf=2023-06-01`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { prices: Array<Record<string, unknown>> };
    expect(body.prices.map((p) => p.model)).toEqual(["gpt-4", "gpt-4-32k"]);
    const bad = await fetch(`${base}/api/prices?asOf=2023-02-30`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { param: string }).param).toBe("asOf");
  });
});
