/**
 * The 2025–2026 families on the shared 2026 daily lists (../shared/data/hub/daily-2026-08: 16 days of ~530 popular
 * models, listed without tags, so only official repos count there): gpt-oss and Llama 4 with their real figures,
 * Llama 3 by point release, the R1 distills counted by DeepSeek, and a family series over the 16 days. Runs the CLI
 * in-process on a database built from the 16 files.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasShared, runMain, sharedHub, tempDir } from "../helpers.js";

const shared = hasShared();

describe.skipIf(!shared)("families of 2025–2026 on the 2026 daily lists", () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  const omo = async (args: string[]) => {
    const r = await runMain(["--db", db, ...args]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const json = async (args: string[]) => JSON.parse(await omo([...args, "--json"]));

  beforeAll(async () => {
    tmp = tempDir("omo-fam2026-");
    db = path.join(tmp.dir, "daily.duckdb");
    const dir = sharedHub("daily-2026-08");
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => path.join(dir, f));
    expect(files).toHaveLength(16);
    await omo(["import", ...files]);
  }, 120_000);

  afterAll(() => tmp?.cleanup());

  it("gpt-oss: OpenAI's two open-weight repos, 12,233,328 downloads in the 30 days to 2026-08-22", async () => {
    const f = await json(["family", "gpt-oss"]);
    expect(f).toMatchObject({ family: "gpt-oss", date: "2026-08-22", official: { repos: 2, downloads: 12_233_328 } });
    expect(f.top.map((t: { id: string; downloads: number }) => [t.id, t.downloads])).toEqual([
      ["openai/gpt-oss-20b", 7_493_699],
      ["openai/gpt-oss-120b", 4_739_629],
    ]);
    // the daily lists carry no base_model tags: no lineage derivatives can be found there
    expect(f.derivatives.repos).toBe(0);
    const versions = await json(["family", "gpt-oss", "--versions"]);
    expect(versions.versions.map((v: { version: string }) => v.version).sort()).toEqual(["120b", "20b"]);
  });

  it("Llama 4: Scout 17B-16E Instruct, 382,497 downloads; Llama Guard 4 is not in it", async () => {
    const f = await json(["family", "llama-4"]);
    expect(f).toMatchObject({ date: "2026-08-22", official: { repos: 1, downloads: 382_497 } });
    expect(f.top[0]).toMatchObject({ id: "meta-llama/Llama-4-Scout-17B-16E-Instruct", relation: "official" });
    const earlier = await json(["family", "llama-4", "--date", "2026-08-07"]);
    expect(earlier.official.repos).toBe(1);
  });

  it("Llama 3: its versions 3, 3.1, 3.2 and 3.3 are reachable as versions", async () => {
    const v = await json(["family", "llama-3", "--versions"]);
    const labels: string[] = v.versions.map((x: { version: string }) => x.version);
    for (const release of ["3", "3.1", "3.2", "3.3"]) {
      expect(
        labels.some((l) => l.split(" ")[0] === release),
        release,
      ).toBe(true);
    }
    expect(labels).toContain("3.3 70b instruct");
    const f = await json(["family", "llama-3"]);
    expect(f.official).toEqual({ repos: 10, downloads: 22_717_866 });
  });

  it("DeepSeek counts the R1 distills as official repos (V3, R1 and the distills all in one family)", async () => {
    const f = await json(["family", "deepseek", "--top", "50"]);
    const ids: string[] = f.top.map((t: { id: string }) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "deepseek-ai/DeepSeek-V3",
        "deepseek-ai/DeepSeek-R1",
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B",
        "deepseek-ai/DeepSeek-R1-0528-Qwen3-8B",
      ]),
    );
    expect(f.official.repos).toBe(14);
  });

  it("every 2025–26 family is ranked by `omo families`, with the counts written in its file", async () => {
    const rows: Array<{ family: string; officialRepos: number }> = await json(["families"]);
    const by = Object.fromEntries(rows.map((r) => [r.family, r.officialRepos]));
    expect(by).toMatchObject({
      "gpt-oss": 2,
      "llama-4": 1,
      kimi: 6,
      glm: 13,
      minimax: 5,
      smollm: 2,
      granite: 3,
      nemotron: 4,
      flux: 6,
      wan: 2,
      "sentence-transformers": 14,
      bge: 8,
      e5: 5,
      nomic: 3,
      qwen: 75,
      olmo: 0,
    });
  });

  it("a family series over the 16 days, one point a day", async () => {
    const s = await omo(["series", "family", "gpt-oss", "--scope", "official"]);
    expect(s).toMatch(/2026-08-07\s+2\s+2\s+12,367,958/);
    expect(s).toMatch(/2026-08-22\s+2\s+0\s+12,233,328/);
  });
});
