/**
 * The full 2024-07-11 Hub listing (760,000 models, ../shared) through the real CLI: the oracle figures of
 * SOURCE.md (kill -9 during writes: kill-during-write.test.ts). Issue 11 on real data:
 * the outlier named with the figures without it (headline, HHI, openness shares), re-uploads explained and counted
 * only when asked, the claims' verdicts, and — with the 2024-09-20 top list beside it — the like-for-like change
 * instead of the difference of two totals of different coverage.
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCsvObjects } from "../../src/formats/csv.js";
import { hasShared, ROOT, runMain, sharedHub, tempDir } from "../helpers.js";

const enabled = hasShared();
const FULL = sharedHub("2024-07-11/models.jsonl.gz");
const TOP_2024_09_20 = sharedHub("2024-09-20/hf_models.csv");
const MIT = "MIT/ast-finetuned-audioset-10-10-0.4593";

/** Every line of the full listing: id, author and 30-day downloads (an oracle independent of the store). */
let listed: Promise<Array<{ id: string; downloads: number }>> | null = null;
/** The listing's ids and downloads, read from the file (the oracle), once per run. */
function listing(): Promise<Array<{ id: string; downloads: number }>> {
  listed ??= readListing();
  return listed;
}

async function readListing(): Promise<Array<{ id: string; downloads: number }>> {
  const out: Array<{ id: string; downloads: number }> = [];
  const rl = createInterface({
    input: createReadStream(FULL).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of rl) {
    const o = JSON.parse(line) as { id: string; downloads: number };
    out.push({ id: o.id, downloads: o.downloads });
  }
  return out;
}

/** The HHI by organisation (author, case-insensitive) of a list of models, in points (0–10,000). */
function hhi(models: ReadonlyArray<{ id: string; downloads: number }>): number {
  const orgs = new Map<string, number>();
  let total = 0;
  for (const m of models) {
    const a = m.id.slice(0, m.id.indexOf("/")).toLowerCase();
    orgs.set(a, (orgs.get(a) ?? 0) + m.downloads);
    total += m.downloads;
  }
  let h = 0;
  for (const d of orgs.values()) h += ((100 * d) / total) ** 2;
  return h;
}

describe.skipIf(!enabled)("full 2024-07-11 listing", () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeAll(async () => {
    tmp = tempDir();
    env = { OMO_DB: path.join(tmp.dir, "full.duckdb") };
    const r = await runMain(["import", FULL, "--coverage", "full", "--json"], env);
    expect(r.stderr).toBe(`${FULL}: jsonl, 760,000 rows\n`);
    expect(r.code).toBe(0);
  }, 180_000);
  afterAll(() => tmp?.cleanup());
  /** `omo report` of the store holding only the listing of 2024-07-11, made once for the tests that read it. */
  let julyReport: ReturnType<typeof runMain> | null = null;
  const reportAtJuly = () => {
    julyReport ??= runMain(["report"], env);
    return julyReport;
  };

  it("finds 760,000 models summing to 1,838,905,161 downloads", async () => {
    const r = await runMain(["snapshots", "--json"], env);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        date: "2024-07-11",
        source: "import:models.jsonl.gz",
        status: "complete",
        models: 760_000,
        downloads: 1_838_905_161,
        coverage: {
          kind: "full",
          how: "imported file, stated to hold the whole listing (--coverage full)",
          models: 760_000,
        },
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
    // the preset's workload was derived from the claimed $150,000: the arithmetic is consistent, the claim circular
    for (const id of ["cost-gpt4-150k", "cost-open-4k"]) {
      expect(by(id)).toMatchObject({ verdict: "unverifiable", snapshot: "2024-01-30", query: "price-lookup" });
      expect(by(id).reason).toMatch(/^the arithmetic is consistent: .* derived from \$150,000 a month on gpt-4/);
    }
    expect(by("cost-gpt4-150k").measured).toBe(150_000);
    expect(by("cost-open-4k").measured).toBe(4_000);
    expect(by("open-licences-majority-2024")).toMatchObject({ verdict: "true", query: "openness-by-class" });
    expect(by("open-licences-majority-2024").measured).toBeCloseTo(77.55 + 0.9, 0);
    expect(out.counts).toEqual({ true: 2, false: 3, unverifiable: 6 });
    // re-read at the one snapshot here: what holds in July 2024, while the 2023 claims stay unverifiable
    const r2 = await runMain(
      ["claims", "check", path.join(ROOT, "data/claims/article-2023.yaml"), "--date", "2024-07-11", "--json"],
      env,
    );
    expect(r2.code).toBe(1); // the three claims dated 2024-07-11 that are false at their own date
    const at = JSON.parse(r2.stdout);
    expect(at.counts).toEqual(out.counts);
    const again = (id: string) => at.results.find((x: { id: string }) => x.id === id);
    // a `versions` claim counts versions (v0, v1.1, v1.3, v1.5), not the 13 repos
    expect(again("vicuna-17-versions-2023")).toMatchObject({
      verdict: "unverifiable",
      measured: null,
      reread: { date: "2024-07-11", verdict: "false", measured: 4, snapshot: "2024-07-11", query: "org-models" },
    });
    expect(again("vicuna-17-versions-2023").reread.reason).toContain(
      "13 repos in 4 versions: Vicuna v0, Vicuna v1.1, Vicuna v1.3, Vicuna v1.5",
    );
    expect(again("llama2-30m-2023")).toMatchObject({
      verdict: "unverifiable",
      reread: { verdict: "false", measured: 4_697_640 },
    });
    // a claim of the date re-read at its own date is not re-read
    expect(again("vicuna-13-repos-2024")).toMatchObject({ verdict: "true", reread: null });
    const table = await runMain(
      ["claims", "check", path.join(ROOT, "data/claims/article-2023.yaml"), "--date", "2024-07-11"],
      env,
    );
    expect(table.stdout).toMatch(/llama2-30m-2023 +unverifiable .* does not hold \(4,697,640\)/);
    expect(table.stdout).toContain('"at 2024-07-11" says what holds at that date and changes no verdict');
  }, 120_000);

  it("the report at 2024-07-11 states the oracle figures in both languages", async () => {
    const en = await reportAtJuly();
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/the 760,000\[\^1\] models listed on the Hub were downloaded 1,838,905,161\[\^1\] times/);
    expect(en.stdout).toContain("The snapshot of 11 July 2024 is a full listing of the Hub");
    expect(en.stdout).toMatch(/3,324\[\^\d+\] repos and 4,697,640\[\^\d+\] downloads/);
    const it = await runMain(["report", "--lang", "it"], env);
    expect(it.stdout).toMatch(/760\.000\[\^1\] modelli .* 1\.838\.905\.161\[\^1\] volte/);
    expect(it.stdout).toMatch(/lmsys ha 13\[\^\d+\] repository .* 695\.234\[\^\d+\] volte/);
  }, 300_000);

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

  it("one model is 37 % of all downloads: named, with the total, the HHI and the openness shares without it", async () => {
    const models = await listing();
    const rest = models.filter((m) => m.id !== MIT);
    const c = JSON.parse((await runMain(["concentration", "--k", "3", "--json"], env)).stdout);
    expect(c.coverage).toMatchObject({ kind: "full", models: 760_000 });
    expect(Math.round(c.hhi)).toBe(Math.round(hhi(models))); // 1,561
    expect(Math.round(c.hhi)).toBe(1_561);
    expect(c.dominant).toMatchObject({ id: MIT, author: "MIT", downloads: 680_847_003 });
    expect(c.dominant.share).toBeCloseTo(680_847_003 / 1_838_905_161, 12);
    expect(Math.round(c.dominant.orgPoints)).toBe(1_371); // MIT's squared share: 1,371 of the 1,561 points
    expect(c.dominant.without.downloads).toBe(1_158_058_158);
    expect(c.dominant.without.hhi).toBeCloseTo(hhi(rest), 6); // 478.5: unconcentrated without it
    const table = (await runMain(["concentration", "--k", "3"], env)).stdout;
    expect(table).toContain("its organisation MIT alone is 1,371 of the HHI's 1,561 points");
    expect(table).toContain("without it: 1,158,058,158 downloads, HHI by organisation 479 (unconcentrated)");

    const o = JSON.parse((await runMain(["openness", "--json"], env)).stdout);
    expect(o.dominant).toMatchObject({ id: MIT, class: "open-source", downloads: 680_847_003 });
    const open = o.classes.find((x: { class: string }) => x.class === "open-source");
    const openWithout = o.dominant.without.classes.find((x: { class: string }) => x.class === "open-source");
    expect(openWithout.downloads).toBe(open.downloads - 680_847_003);
    expect(openWithout.share).toBeCloseTo((open.downloads - 680_847_003) / 1_158_058_158, 12); // 77.6 % → 64.4 %
    expect(o.dominant.without.total.downloads).toBe(1_158_058_158);

    const report = (await reportAtJuly()).stdout;
    expect(report).toMatch(
      /One model, MIT\/ast-finetuned-audioset-10-10-0\.4593, holds 37 %\[\^\d+\] of that total \(680,847,003\[\^\d+\] downloads in the 30 days to 11 July 2024\); without it, the total is 1,158,058,158\[\^\d+\]\./,
    );
    expect(report).toMatch(/One model, MIT\/ast-finetuned-audioset-10-10-0\.4593 \(open source\), holds 37 %/);
  }, 300_000);

  it("re-uploads: unsloth/llama-3-8b-bnb-4bit explained; Llama 3 counts them only when --relations names them", async () => {
    const explain = await runMain(["family", "llama-3", "--explain", "unsloth/llama-3-8b-bnb-4bit"], env);
    expect(explain.code).toBe(0);
    expect(explain.stdout.split("\n").slice(0, 3)).toEqual([
      "unsloth/llama-3-8b-bnb-4bit is not counted in Llama 3 at 2024-07-11 with relations all: only a re-upload link reaches it (counted with --relations all,reupload):",
      "meta-llama/Meta-Llama-3-8B: official repo (rule /^(?:meta-llama/(?:(?:meta-)?llama-3(?:\\.[0-9]+)?-))/ on the id)",
      "  └─ unsloth/llama-3-8b-bnb-4bit: re-upload of the line above (no lineage tag; its name mirrors it: name rule of data/reuploaders.yaml; depth 1)",
    ]);
    const asked = await runMain(
      ["family", "llama-3", "--relations", "all,reupload", "--explain", "unsloth/llama-3-8b-bnb-4bit"],
      env,
    );
    expect(asked.stdout).toMatch(/^Why unsloth\/llama-3-8b-bnb-4bit is in Llama 3 \(snapshot 2024-07-11\):/);
    const model = JSON.parse((await runMain(["model", "unsloth/llama-3-8b-bnb-4bit", "--json"], env)).stdout);
    expect(model.baseModels).toEqual([{ id: "meta-llama/Meta-Llama-3-8B", relation: "reupload" }]);

    const fam = async (...args: string[]) =>
      JSON.parse((await runMain(["family", "llama-3", ...args, "--json"], env)).stdout);
    const now = await fam();
    // today's default stays as it was: every stated relation, no re-uploads
    expect(await fam("--relations", "finetune,adapter,quantized,merge,unknown")).toEqual(now);
    expect(now.derivatives.byRelation.reupload).toBeUndefined();
    const withRe = await fam("--relations", "all,reupload");
    expect(withRe.relations).toBe("all,reupload");
    expect(withRe.official).toEqual(now.official);
    expect(withRe.derivatives.byRelation.reupload.repos).toBeGreaterThanOrEqual(20);
    // the re-uploads bring their own children (unsloth/llama-3-8b-bnb-4bit alone has thousands)
    expect(withRe.total.repos - now.total.repos).toBeGreaterThan(3_000);
    expect(withRe.total.downloads - now.total.downloads).toBeGreaterThan(2_000_000);
    // measured on the listing (README "Re-uploads"): 2,796 → 7,057 repos, 7,566,504 → 10,357,884 downloads
    expect([now.total, withRe.total, withRe.derivatives.byRelation.reupload]).toEqual([
      { repos: 2_796, downloads: 7_566_504 },
      { repos: 7_057, downloads: 10_357_884 },
      { repos: 94, downloads: 1_572_404 },
    ]);
  }, 300_000);

  describe("with the 2024-09-20 top list beside it (9,715 models, partial)", () => {
    beforeAll(async () => {
      const r = await runMain(
        ["import", TOP_2024_09_20, "--date", "2024-09-20", "--coverage-how", "top 9,715 models by downloads"],
        env,
      );
      expect(r.code).toBe(0);
    }, 180_000);

    it("compares like for like: the models listed on both dates, the outlier named, never the −25.6 % of totals", async () => {
      // the oracle, from the two files: the models listed on both dates and their downloads at each
      const july = new Map((await listing()).map((m) => [m.id.toLowerCase(), m.downloads]));
      const { rows } = await readCsvObjects(TOP_2024_09_20);
      let models = 0;
      let before = 0;
      let after = 0;
      for (const r of rows) {
        const b = july.get((r.values.modelId as string).toLowerCase());
        if (b === undefined) continue;
        models += 1;
        before += b;
        after += Number(r.values.downloads);
      }
      expect([models, before, after]).toEqual([8_283, 1_728_674_458, 1_283_406_894]);

      const g = JSON.parse((await runMain(["growth", "--window", "30", "--json"], env)).stdout);
      expect(g).toMatchObject({ date: "2024-09-20", baseDate: "2024-07-11", entrantsNote: null });
      expect(g.coverage).toMatchObject({ kind: "partial", how: "top 9,715 models by downloads", models: 9_715 });
      expect(g.baseCoverage).toMatchObject({ kind: "full", models: 760_000 });
      expect(g.likeForLike).toMatchObject({ models, before, after, change: after - before });
      // the MIT model is 39.4 % of those downloads in July and fell from 680,847,003 to 189,285,567
      expect(g.likeForLike.dominant).toMatchObject({
        id: MIT,
        at: "2024-07-11",
        before: 680_847_003,
        after: 189_285_567,
      });
      const w = g.likeForLike.dominant.without;
      expect(w).toMatchObject({ models: models - 1, before: before - 680_847_003, after: after - 189_285_567 });
      expect(w.changePct).toBeCloseTo(((after - 189_285_567) / (before - 680_847_003) - 1) * 100, 9); // +4.4 %

      const en = (await runMain(["report"], env)).stdout;
      expect(en).toContain("The snapshot of 20 September 2024 is partial: top 9,715 models by downloads");
      expect(en).toMatch(
        /Compared like for like, the 8,283\[\^\d+\] models listed on both dates were downloaded 1,728,674,458\[\^\d+\] times in the 30 days to 11 July 2024 and 1,283,406,894\[\^\d+\] times in the 30 days to 20 September 2024: −25\.8 %\./,
      );
      expect(en).toMatch(
        /One model decides that change: MIT\/ast-finetuned-audioset-10-10-0\.4593 held 39\.4 %.*without it, the change is \+4\.4 %/,
      );
      expect(en).toContain("The two snapshots' totals are not compared");
      expect(en).not.toMatch(/−25\.6 %/); // the difference of the two totals (1,838,905,161 → 1,368,390,199)
      expect(en).not.toContain("the 9,715[^1] models listed on the Hub");
      const it = (await runMain(["report", "--lang", "it"], env)).stdout;
      expect(it).toMatch(/A parità di modelli, gli 8\.283\[\^\d+\] presenti in entrambe le date/);
      expect(it).toMatch(/senza di esso la variazione diventa \+4,4 %/);
      expect(it).not.toMatch(/−25,6 %/);
    }, 300_000);
  });
});
