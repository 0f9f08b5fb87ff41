/**
 * The full 2024-07-11 Hub listing (760,000 models, ../shared) through the real CLI: the oracle figures of
 * SOURCE.md, and a kill -9 in the middle of a re-import leaves the committed snapshots intact.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasShared, ROOT, runMain, SAMPLE, sharedHub, startCli, tempDir } from "../helpers.js";

const enabled = hasShared();
const FULL = sharedHub("2024-07-11/models.jsonl.gz");

describe.skipIf(!enabled)("full 2024-07-11 listing", () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeAll(async () => {
    tmp = tempDir();
    env = { OMO_DB: path.join(tmp.dir, "full.duckdb") };
    const r = await runMain(["import", FULL, "--json"], env);
    expect(r.stderr).toBe(`${FULL}: jsonl, 760,000 rows\n`);
    expect(r.code).toBe(0);
  }, 180_000);
  afterAll(() => tmp?.cleanup());

  it("finds 760,000 models summing to 1,838,905,161 downloads", async () => {
    const r = await runMain(["snapshots", "--json"], env);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        date: "2024-07-11",
        source: "import:models.jsonl.gz",
        status: "complete",
        models: 760_000,
        downloads: 1_838_905_161,
      },
    ]);
  });

  it("lmsys vicuna = 13 repos / 695,234; meta-llama llama-2 = 12 repos / 3,780,234", async () => {
    const v = JSON.parse((await runMain(["org", "lmsys", "--match", "vicuna", "--json"], env)).stdout);
    expect([v.repos, v.downloads]).toEqual([13, 695_234]);
    const l = JSON.parse((await runMain(["org", "meta-llama", "--match", "llama-2", "--json"], env)).stdout);
    expect([l.repos, l.downloads]).toEqual([12, 3_780_234]);
  });

  it("top 20 authors' first entries match SOURCE.md (MIT model first, 680,847,003)", async () => {
    const r = JSON.parse((await runMain(["top", "--limit", "4", "--json"], env)).stdout);
    expect(r.map((m: { id: string }) => m.id)).toEqual([
      "MIT/ast-finetuned-audioset-10-10-0.4593",
      "sentence-transformers/all-MiniLM-L12-v2",
      "facebook/fasttext-language-identification",
      "google-bert/bert-base-uncased",
    ]);
    expect(r[0].downloads).toBe(680_847_003);
    expect(r[3].downloads).toBe(51_255_465);
  });

  it("claims check of the article's claims: 2023 figures unverifiable, 2024 re-readings measured, exit 1", async () => {
    const r = await runMain(["claims", "check", path.join(ROOT, "data/claims/article-2023.yaml"), "--json"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("omo: 3 claims false\n");
    const out = JSON.parse(r.stdout);
    const by = (id: string) => out.results.find((x: { id: string }) => x.id === id);
    expect(by("vicuna-13-repos-2024")).toMatchObject({
      verdict: "true",
      measured: 13,
      snapshot: "2024-07-11",
      query: "org-totals",
    });
    expect(by("llama2-official-30m-2024")).toMatchObject({
      verdict: "false",
      measured: 3_780_234,
      query: "family-totals",
    });
    expect(by("llama2-family-30m-2024")).toMatchObject({ verdict: "false", measured: 4_697_640 });
    expect(by("vicuna-1m-2024")).toMatchObject({ verdict: "false", measured: 695_234 });
    expect(by("llama2-30m-2023")).toMatchObject({ verdict: "unverifiable", measured: null, snapshot: null });
    expect(by("llama2-30m-2023").reason).toBe(
      "no complete snapshot within 7 days of 2023-08-31 (snapshots: 2024-07-11)",
    );
    expect(by("open-beats-closed")).toMatchObject({ verdict: "unverifiable" });
    expect(by("open-beats-closed").reason).toMatch(/^GPT-4 \(OpenAI\) is API-only/);
    expect(by("cost-gpt4-150k")).toMatchObject({ verdict: "true", measured: 150_000, snapshot: "2024-01-30" });
    expect(by("open-licences-majority-2024")).toMatchObject({ verdict: "true", query: "openness-by-class" });
    expect(by("open-licences-majority-2024").measured).toBeCloseTo(77.55 + 0.9, 0);
    expect(out.counts).toEqual({ true: 4, false: 3, unverifiable: 4 });
    // re-read at the one snapshot here, the article's 2023 statements become checkable (and false)
    const at = JSON.parse(
      (
        await runMain(
          ["claims", "check", path.join(ROOT, "data/claims/article-2023.yaml"), "--date", "2024-07-11", "--json"],
          env,
        )
      ).stdout,
    );
    const again = (id: string) => at.results.find((x: { id: string }) => x.id === id);
    expect(again("vicuna-17-versions-2023")).toMatchObject({ verdict: "false", measured: 13, query: "org-models" });
    expect(again("llama2-30m-2023")).toMatchObject({ verdict: "false", measured: 4_697_640 });
  }, 120_000);

  it("the report at 2024-07-11 states the oracle figures in both languages", async () => {
    const en = await runMain(["report"], env);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/760,000\[\^1\] models .* 1,838,905,161\[\^1\] times/);
    expect(en.stdout).toMatch(/3,324\[\^\d+\] repos and 4,697,640\[\^\d+\] downloads/);
    const it = await runMain(["report", "--lang", "it"], env);
    expect(it.stdout).toMatch(/760\.000\[\^1\] modelli .* 1\.838\.905\.161\[\^1\] volte/);
    expect(it.stdout).toMatch(/lmsys ha 13\[\^\d+\] repository .* 695\.234\[\^\d+\] volte/);
  }, 120_000);

  it("family llama-2: official 12 / 3,780,234; with all lineage descendants 3,324 / 4,697,640", async () => {
    const r = await runMain(["family", "llama-2", "--json"], env);
    expect(r.stderr).toBe("");
    const f = JSON.parse(r.stdout);
    expect(f).toMatchObject({
      family: "llama-2",
      date: "2024-07-11",
      official: { repos: 12, downloads: 3_780_234 },
      derivatives: { repos: 3_312, downloads: 917_406 },
      total: { repos: 3_324, downloads: 4_697_640 },
    });
    // the July-2024 tags are the untyped form: every derivative was admitted by an `unknown` relation
    expect(f.derivatives.byRelation).toEqual({ unknown: { repos: 3_312, downloads: 917_406 } });
    expect(
      Object.values(f.derivatives.byDepth as Record<string, { repos: number }>).reduce((a, d) => a + d.repos, 0),
    ).toBe(3_312);
    // name-only matches are a different, separate number
    const n = JSON.parse((await runMain(["family", "llama-2", "--names", "--json"], env)).stdout);
    expect(n.total).toEqual(f.total);
    expect(n.nameOnly.repos).toBeGreaterThan(10_000);
  });

  it("family vicuna: official = the 13 lmsys repos", async () => {
    const f = JSON.parse((await runMain(["family", "vicuna", "--json"], env)).stdout);
    expect(f.official).toEqual({ repos: 13, downloads: 695_234 });
  });

  it("--explain prints the chain of links that admitted a quantized Llama-2 derivative", async () => {
    const r = await runMain(["family", "llama-2", "--explain", "mradermacher/TheProfessor-155b-i1-GGUF"], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[1]).toMatch(/^meta-llama\/Llama-2-70b: official repo/);
    expect(lines.slice(2).map((l) => l.trim().split(":")[0])).toEqual([
      "└─ epfl-llm/meditron-70b",
      "└─ abacusai/TheProfessor-155b",
      "└─ mradermacher/TheProfessor-155b-i1-GGUF",
    ]);
    const no = await runMain(["family", "llama-2", "--explain", "mistralai/Mistral-7B-v0.1"], env);
    expect(no.stdout).toMatch(/is not in Llama 2/);
  });

  it("kill -9 during a re-import leaves the committed snapshots as they were", async () => {
    const killEnv = { OMO_DB: path.join(tmp.dir, "kill.duckdb") };
    expect((await runMain(["import", SAMPLE], killEnv)).code).toBe(0);
    let killed = 0;
    // re-import the full listing under the sample's date, and kill it while it works: while reading (1 s in),
    // and inside the commit: the per-file line on stderr marks the end of staging, the transaction follows
    for (const after of ["start", "staged", "staged"] as const) {
      const delay = after === "start" ? 1000 : killed++ === 0 ? 300 : 1200;
      const child = startCli(["import", FULL, "--date", "2024-07-11"], killEnv);
      const closed = new Promise((r) => child.on("close", r));
      if (after === "staged") {
        await new Promise<void>((resolve) => {
          child.stderr?.on("data", (d: Buffer) => {
            if (d.toString().includes("760,000 rows")) resolve();
          });
        });
      }
      await new Promise((r) => setTimeout(r, delay));
      expect(child.exitCode, `import still running ${delay} ms after ${after}`).toBeNull();
      child.kill("SIGKILL");
      await closed;
    }
    const r = await runMain(["snapshots", "--json"], killEnv);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        date: "2024-07-11",
        source: "import:models-2024-07-11.jsonl.gz",
        status: "complete",
        models: 13_079,
        downloads: 1_811_674_513,
      },
    ]);
    const v = JSON.parse((await runMain(["org", "lmsys", "--match", "vicuna", "--json"], killEnv)).stdout);
    expect(v.downloads).toBe(695_234);
  });
});
