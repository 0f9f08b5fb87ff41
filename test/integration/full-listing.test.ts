/**
 * The full 2024-07-11 Hub listing (760,000 models, ../shared) through the real CLI: the oracle figures of
 * SOURCE.md, and a kill -9 in the middle of a re-import leaves the committed snapshots intact.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasShared, runCli, SAMPLE, sharedHub, startCli, tempDir } from "../helpers.js";

const enabled = hasShared();
const FULL = sharedHub("2024-07-11/models.jsonl.gz");

describe.skipIf(!enabled)("full 2024-07-11 listing", () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  let importMs = 0;
  beforeAll(async () => {
    tmp = tempDir();
    env = { OMO_DB: path.join(tmp.dir, "full.duckdb") };
    const t0 = Date.now();
    const r = await runCli(["import", FULL, "--json"], env);
    importMs = Date.now() - t0;
    expect(r.stderr).toBe(`${FULL}: jsonl, 760,000 rows\n`);
    expect(r.code).toBe(0);
  }, 180_000);
  afterAll(() => tmp?.cleanup());

  it("finds 760,000 models summing to 1,838,905,161 downloads", async () => {
    const r = await runCli(["snapshots", "--json"], env);
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
    const v = JSON.parse((await runCli(["org", "lmsys", "--match", "vicuna", "--json"], env)).stdout);
    expect([v.repos, v.downloads]).toEqual([13, 695_234]);
    const l = JSON.parse((await runCli(["org", "meta-llama", "--match", "llama-2", "--json"], env)).stdout);
    expect([l.repos, l.downloads]).toEqual([12, 3_780_234]);
  });

  it("top 20 authors' first entries match SOURCE.md (MIT model first, 680,847,003)", async () => {
    const r = JSON.parse((await runCli(["top", "--limit", "4", "--json"], env)).stdout);
    expect(r.map((m: { id: string }) => m.id)).toEqual([
      "MIT/ast-finetuned-audioset-10-10-0.4593",
      "sentence-transformers/all-MiniLM-L12-v2",
      "facebook/fasttext-language-identification",
      "google-bert/bert-base-uncased",
    ]);
    expect(r[0].downloads).toBe(680_847_003);
    expect(r[3].downloads).toBe(51_255_465);
  });

  it("kill -9 during a re-import leaves the committed snapshots as they were", async () => {
    const killEnv = { OMO_DB: path.join(tmp.dir, "kill.duckdb") };
    expect((await runCli(["import", SAMPLE], killEnv)).code).toBe(0);
    // re-import the full listing under the sample's date, and kill it while it works: early (reading),
    // midway (normalising) and late (inside the load transaction), as fractions of a measured full import
    for (const fraction of [0.3, 0.6, 0.85]) {
      const child = startCli(["import", FULL, "--date", "2024-07-11"], killEnv);
      const closed = new Promise((r) => child.on("close", r));
      await new Promise((r) => setTimeout(r, Math.round(importMs * fraction)));
      expect(child.exitCode, `import still running at ${fraction} of ${importMs} ms`).toBeNull();
      child.kill("SIGKILL");
      await closed;
    }
    const r = await runCli(["snapshots", "--json"], killEnv);
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
    const v = JSON.parse((await runCli(["org", "lmsys", "--match", "vicuna", "--json"], killEnv)).stdout);
    expect(v.downloads).toBe(695_234);
  });
});
