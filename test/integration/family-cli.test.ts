/** `omo family`, `omo families` and `omo org --versions` through the real CLI on the committed sample. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runMain, SAMPLE, tempDir } from "../helpers.js";

let tmp: ReturnType<typeof tempDir>;
let env: Record<string, string>;

beforeAll(async () => {
  tmp = tempDir();
  env = { OMO_DB: path.join(tmp.dir, "omo.duckdb") };
  expect((await runMain(["import", SAMPLE], env)).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe("families on the sample", () => {
  it("llama-2: the 12 official repos and their direct derivatives kept in the sample", async () => {
    const r = await runMain(["family", "llama-2", "--json"], env);
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout);
    expect(f.official).toEqual({ repos: 12, downloads: 3_780_234 });
    // the sample keeps every repo with a base_model:meta-llama/Llama-2-… tag: all depth-1 derivatives are there
    expect(f.derivatives.byDepth["1"].repos).toBe(3_018);
    expect(f.derivatives.byDepth["1"].downloads).toBe(867_490);
    expect(f.total.repos).toBe(12 + f.derivatives.repos);
    expect(f.top[0]).toMatchObject({ id: "meta-llama/Llama-2-7b-hf", depth: 0, relation: "official" });
  });

  it("--relations and --depth narrow the walk; an unknown relation is refused", async () => {
    const typed = JSON.parse(
      (await runMain(["family", "llama-2", "--relations", "finetune,quantized", "--json"], env)).stdout,
    );
    expect(typed.derivatives.repos).toBe(0); // July-2024 tags carry no relation
    const d1 = JSON.parse((await runMain(["family", "llama-2", "--depth", "1", "--json"], env)).stdout);
    expect(Object.keys(d1.derivatives.byDepth)).toEqual(["1"]);
    const bad = await runMain(["family", "llama-2", "--relations", "cousin"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/relations/);
  });

  it("--explain names the chain; --tree prints children under their parents", async () => {
    const e = await runMain(["family", "llama-2", "--explain", "thebloke/llama-2-7b-chat-gguf"], env);
    expect(e.stdout).toContain("meta-llama/Llama-2-7b-chat-hf: official repo");
    expect(e.stdout).toContain(
      "└─ TheBloke/Llama-2-7B-Chat-GGUF: untyped link from the line above (link from tag; depth 1)",
    );
    const t = await runMain(["family", "llama-2", "--tree", "--top", "2"], env);
    expect(t.stdout.split("\n")[1]).toMatch(/^├─ meta-llama\/Llama-2-7b-hf {2}1,326,896 \(official, [\d,]+ children\)/);
    expect(t.stdout).toContain("│  ├─ ");
  });

  it("vicuna --versions: 13 versions whose shares sum to 1", async () => {
    const v = JSON.parse((await runMain(["family", "vicuna", "--versions", "--json"], env)).stdout);
    expect(v.repos).toBe(13);
    expect(v.versions.map((x: { version: string }) => x.version)).toContain("13b delta v1.1");
    expect(v.versions.reduce((a: number, x: { share: number }) => a + x.share, 0)).toBeCloseTo(1, 9);
    expect(v.versions[0]).toMatchObject({ version: "7b v1.5", downloads: 492_274 });
  });

  it("org lmsys --versions labels Vicuna repos by the family's pattern and the rest generically", async () => {
    const o = JSON.parse((await runMain(["org", "lmsys", "--versions", "--json"], env)).stdout);
    expect(o.repos).toBe(18);
    expect(o.families).toEqual(["vicuna"]);
    const labels = o.versions.map((x: { version: string }) => x.version);
    expect(labels).toContain("Vicuna 33b v1.3");
    expect(labels).toContain("fastchat 3b v1.0");
    expect(o.versions.reduce((a: number, x: { repos: number }) => a + x.repos, 0)).toBe(18);
  });

  it("series family: the lineage members over two snapshots (official scope equals the org figures)", async () => {
    const env2 = { OMO_DB: path.join(tmp.dir, "two.duckdb") };
    expect((await runMain(["import", SAMPLE], env2)).code).toBe(0);
    const subset = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");
    expect((await runMain(["import", subset, "--date", "2024-08-11"], env2)).code).toBe(0);
    const r = JSON.parse((await runMain(["series", "family", "vicuna", "--scope", "official", "--json"], env2)).stdout);
    expect(
      r.rows.map((x: { bucket: string; repos: number; downloads: number }) => [x.bucket, x.repos, x.downloads]),
    ).toEqual([
      ["2024-07-11", 13, 695_234],
      ["2024-08-11", 13, 695_234],
    ]);
    const all = JSON.parse((await runMain(["series", "family", "llama-2", "--json"], env2)).stdout);
    // the second snapshot (the Meta/LMSYS subset) lists only the official Llama-2 repos of the family
    expect(all.rows[1]).toMatchObject({ bucket: "2024-08-11", repos: 12, downloads: 3_780_234 });
    expect(all.rows[0].repos).toBeGreaterThan(3_000);
  });

  it("families ranks every shipped family; a user file adds one (and a bad one names file and field)", async () => {
    const all = JSON.parse((await runMain(["families", "--json"], env)).stdout);
    expect(all.map((f: { family: string }) => f.family)).toEqual(expect.arrayContaining(["llama-2", "vicuna", "bert"]));
    const totals = all.map((f: { totalDownloads: number }) => f.totalDownloads);
    expect(totals).toEqual([...totals].sort((a: number, b: number) => b - a));
    const mine = path.join(tmp.dir, "tinyllama.yaml");
    writeFileSync(
      mine,
      [
        "name: tulu",
        "title: Tülu 2",
        "description: AllenAI's Llama-2 fine-tunes",
        "official:",
        "  - author: allenai",
        '    pattern: "^tulu-2-"',
        "",
      ].join("\n"),
    );
    const r = JSON.parse((await runMain(["family", "tulu", "--families", mine, "--json"], env)).stdout);
    expect(r.official.repos).toBeGreaterThan(0);
    const bad = path.join(tmp.dir, "bad.yaml");
    writeFileSync(bad, 'name: bad\ntitle: Bad\ndescription: x\nofficial:\n  - author: a\n    pattern: "(?<=x)y"\n');
    const b = await runMain(["family", "bad", "--families", bad], env);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/bad\.yaml:\d+: field "official\[0\]\.pattern"/);
  });
});
