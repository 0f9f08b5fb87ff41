/**
 * The sample `npm start` loads (data/sample, README there): the cut of the 2024-07-11 listing and the 16 daily lists of
 * August 2026, imported as scripts/start.js imports them, through the CLI in-process. Its figures, that it is small,
 * that every snapshot says it is partial, that history, growth and trending show something, and that the cut keeps
 * family figures equal to the full listing's (Llama 2 and Llama 3, with and without re-uploads: the oracles of
 * full-listing.test.ts).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMain, SHARED, SHIPPED_SAMPLE, tempDir } from "../helpers.js";

const DAILY = readdirSync(SHIPPED_SAMPLE.dailyDir)
  .filter((f) => f.endsWith(".json.gz"))
  .sort()
  .map((f) => path.join(SHIPPED_SAMPLE.dailyDir, f));

describe("the shipped sample (npm start)", () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  const omo = async (...args: string[]) => {
    const r = await runMain(args, env);
    expect(r.stderr.replace(/^.*: (jsonl|json-doc[^,]*|json), [\d,]+ rows\n/gm, ""), args.join(" ")).toBe("");
    expect(r.code, args.join(" ")).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    tmp = tempDir("omo-sample-");
    env = { OMO_DB: path.join(tmp.dir, "omo.duckdb") };
    // as scripts/start.js loads it
    const july = await runMain(
      ["import", SHIPPED_SAMPLE.july, "--coverage-how", "sample cut of the 2024-07-11 listing"],
      env,
    );
    expect(july.code).toBe(0);
    const daily = await runMain(["import", ...DAILY, "--coverage-how", "daily trending list"], env);
    expect(daily.code).toBe(0);
  }, 300_000);
  afterAll(() => tmp?.cleanup());

  it("is small: every file under 5 MB, the daily lists byte-identical to ../shared once decompressed", () => {
    for (const f of [SHIPPED_SAMPLE.july, ...DAILY]) expect(statSync(f).size, f).toBeLessThan(5_000_000);
    expect(DAILY).toHaveLength(16);
    const shared = path.join(SHARED, "data/hub/daily-2026-08");
    if (!existsSync(shared)) return;
    for (const f of DAILY) {
      const original = readFileSync(path.join(shared, path.basename(f, ".gz")));
      const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
      expect(sha(gunzipSync(readFileSync(f)))).toBe(sha(original));
    }
  });

  it("17 snapshots over two years, each partial and saying how it was selected", async () => {
    const snaps = JSON.parse(await omo("snapshots", "--json"));
    expect(snaps).toHaveLength(17);
    expect(snaps.at(-1)).toMatchObject({
      date: "2024-07-11",
      models: 59_134,
      downloads: 1_814_901_450,
      coverage: { kind: "partial", how: "sample cut of the 2024-07-11 listing", models: 59_134 },
    });
    expect(snaps[0]).toMatchObject({ date: "2026-08-22", coverage: { kind: "partial", how: "daily trending list" } });
    expect(snaps.every((s: { coverage: { kind: string } }) => s.coverage.kind === "partial")).toBe(true);
  });

  it("family figures are the full listing's (the cut keeps every family's lineage)", async () => {
    const fam = async (name: string, ...args: string[]) =>
      JSON.parse(await omo("family", name, "--date", "2024-07-11", ...args, "--json"));
    const llama2 = await fam("llama-2");
    expect([llama2.official, llama2.total]).toEqual([
      { repos: 12, downloads: 3_780_234 },
      { repos: 3_324, downloads: 4_697_640 },
    ]);
    expect((await fam("llama-3")).total).toEqual({ repos: 2_796, downloads: 7_566_504 });
    expect((await fam("llama-3", "--relations", "all,reupload")).total).toEqual({
      repos: 7_057,
      downloads: 10_357_884,
    });
    const vicuna = JSON.parse(await omo("org", "lmsys", "--match", "vicuna", "--date", "2024-07-11", "--json"));
    expect([vicuna.repos, vicuna.downloads]).toEqual([13, 695_234]);
  });

  it("history, growth and trending show something, flagged where the coverage changes", async () => {
    const growth = JSON.parse(await omo("growth", "--window", "7", "--json"));
    expect(growth).toMatchObject({ date: "2026-08-22", baseDate: "2026-08-15" });
    expect(growth.models.length).toBeGreaterThan(5);
    expect(growth.likeForLike.models).toBeGreaterThan(400);
    expect(growth.entrantsNote).toContain("is partial");
    const series = JSON.parse(await omo("series", "family", "llama-3", "--bucket", "day", "--json"));
    expect(series.rows).toHaveLength(17);
    // the cut of July 2024 and the trending lists of 2026 cover other models: flagged at the first 2026 day only
    expect(
      series.rows
        .filter((r: { coverageChanged: boolean }) => r.coverageChanged)
        .map((r: { bucket: string }) => r.bucket),
    ).toEqual(["2026-08-07"]);
    // openness over time: the shares of 2026-08-07 are of other models than those of 2024-07-11
    const open = JSON.parse(await omo("openness", "--series", "--json"));
    const flagged = [
      ...new Set(
        open.rows.filter((r: { coverageChanged: boolean }) => r.coverageChanged).map((r: { date: string }) => r.date),
      ),
    ];
    expect(flagged).toEqual(["2026-08-07"]);
    const report = await omo("report");
    expect(report).toContain("17 snapshots stored since 11 July 2024");
    expect(report).toContain("The snapshot of 22 August 2026 is partial: daily trending list");
    expect(report).toContain('<figure id="chart-history">');
    expect(report).toMatch(/Compared like for like, the \d+\[\^\d+\] models listed on both dates/);
  }, 120_000);
});
