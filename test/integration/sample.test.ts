/**
 * The sample `npm start` loads (data/sample, README there): the cut of the 2024-07-11 listing, the 16 daily lists of
 * August 2026, 21 LMArena tables and OpenRouter usage files, imported as scripts/start.js imports them, through the
 * CLI in-process. Its figures, that it is small, that every snapshot says it is partial, that history, growth and
 * trending show something, that the cut keeps family figures equal to the full listing's (Llama 2 and Llama 3, with
 * and without re-uploads: the oracles of full-listing.test.ts), and that the leaderboard gaps and the full-coverage
 * open shares of tokens are those of the shared folders' independent summaries (when ../shared is there).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCsvObjects } from "../../src/formats/csv.js";
import {
  type GapPairs,
  gapRow,
  hasShared,
  runMain,
  SHARED,
  SHIPPED_SAMPLE,
  summaryGapRow,
  tempDir,
} from "../helpers.js";

const DAILY = readdirSync(SHIPPED_SAMPLE.dailyDir)
  .filter((f) => f.endsWith(".json.gz"))
  .sort()
  .map((f) => path.join(SHIPPED_SAMPLE.dailyDir, f));

/** Every file under a folder, recursively, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
const BOARD_FILES = filesUnder(SHIPPED_SAMPLE.boards);
const USAGE_FILES = filesUnder(SHIPPED_SAMPLE.usage);
const LB_SHARED = path.join(SHARED, "data/leaderboards");
const USAGE_SHARED = path.join(SHARED, "data/usage/openrouter");

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
    // then, as scripts/start.js does on first start, the leaderboard tables and the OpenRouter usage (folders)
    const boards = await runMain(["leaderboard", "import", SHIPPED_SAMPLE.boards], env);
    expect(boards.stderr).toBe("");
    expect(boards.code).toBe(0);
    const usage = await runMain(["usage", "import", SHIPPED_SAMPLE.usage], env);
    expect(usage.code, usage.stderr).toBe(0);
    expect(usage.stdout).toMatch(/Imported 35 file\(s\) in [\d.]+ s: 156 usage snapshots \(0 replaced\)/);
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
    // the leaderboard and usage sections read the sample's tables and tokens
    expect(report).toContain("## Open vs closed: the capability gap");
    expect(report).toMatch(/On the LMArena text leaderboard of 20 August 2026 the best closed model, claude-fable-5/);
    expect(report).toMatch(/a gap of 17\[\^\d+\] rating points/);
    expect(report).toContain("## Who serves the tokens");
    expect(report).toMatch(/open-weight models carried 68\.6 %\[\^\d+\] of them/);
    expect(report).toContain("| July 2026 | 4 of 4 weeks, 4 with every model named | 74.3 % |");
  }, 120_000);

  it("the leaderboard and usage files: about 1 MB, byte-identical to ../shared (once decompressed where gzipped)", () => {
    expect(BOARD_FILES).toHaveLength(21);
    expect(USAGE_FILES).toHaveLength(58);
    const size = [...BOARD_FILES, ...USAGE_FILES].reduce((a, f) => a + statSync(f).size, 0);
    expect(size).toBeLessThan(1_100_000);
    // the derived summaries are oracles: never shipped
    expect(USAGE_FILES.filter((f) => path.basename(f).startsWith("summary_"))).toEqual([]);
    if (!hasShared()) return;
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    const compare = (ours: string, sharedDir: string, rel: string) => {
      if (existsSync(path.join(sharedDir, rel))) {
        expect(sha(readFileSync(ours)), rel).toBe(sha(readFileSync(path.join(sharedDir, rel))));
      } else {
        expect(rel.endsWith(".gz"), rel).toBe(true);
        const original = readFileSync(path.join(sharedDir, rel.slice(0, -3)));
        expect(sha(gunzipSync(readFileSync(ours))), rel).toBe(sha(original));
      }
    };
    for (const f of BOARD_FILES) compare(f, LB_SHARED, path.relative(SHIPPED_SAMPLE.boards, f));
    for (const f of USAGE_FILES) compare(f, USAGE_SHARED, path.relative(SHIPPED_SAMPLE.usage, f));
  });

  it("21 LMArena tables 2023-05-03 … 2026-08-20 in four scale segments; each gap is the independent summary's", async () => {
    const tables = JSON.parse(await omo("leaderboard", "tables", "--json")) as Array<{ date: string; format: string }>;
    expect(tables).toHaveLength(21);
    expect([tables[0]?.date, tables.at(-1)?.date]).toEqual(["2023-05-03", "2026-08-20"]);
    expect(new Set(tables.map((t) => t.format))).toEqual(
      new Set(["arena-blog", "arena-elo", "arena-score", "arena-stylectrl", "arena-spread"]),
    );
    const gap = JSON.parse(await omo("leaderboard", "gap", "--json")) as {
      segments: Array<{ id: string; tables: number }>;
      dates: Array<GapPairs & { date: string }>;
    };
    expect(gap.segments.map((x) => [x.id, x.tables])).toEqual([
      ["elo-2023", 4],
      ["bt-blog-2023", 1],
      ["bt-2024", 9],
      ["site-2025", 7],
    ]);
    const at = new Map(gap.dates.map((d) => [d.date, d]));
    expect(gapRow(at.get("2024-07-31"))).toEqual(["GPT-4o-2024-05-13", 1286, "Meta-Llama-3.1-405b-Instruct", 1262, 24]);
    // the top-30 table of 2026-08-20 carries no licence: kimi-k3-max takes the label of the full table of 2026-07-30
    expect(gapRow(at.get("2026-08-20"))).toEqual(["claude-fable-5", 1507, "kimi-k3-max", 1490, 17]);
    const behind = JSON.parse(await omo("leaderboard", "months-behind", "--json")) as {
      dates: Array<{ date: string; months: number | null; censored: boolean }>;
    };
    expect(behind.dates.filter((d) => d.months !== null)).toHaveLength(20);
    // a lower bound: the sample's history is sparse, so a first listing is only known to the nearest shipped table
    expect(behind.dates.at(-1)).toMatchObject({ date: "2026-08-20", months: 4.6, censored: true });
    if (!hasShared()) return;
    const summary = (await readCsvObjects(path.join(LB_SHARED, "summary_open_vs_proprietary.csv"))).rows.map(
      (r) => r.values,
    );
    const compared = gap.dates.map((d) => {
      const s = summary.find((r) => r.date === d.date);
      expect(s, d.date).toBeDefined();
      expect(gapRow(d), d.date).toEqual(summaryGapRow(s));
      return d.date;
    });
    expect(compared).toHaveLength(21);
  });

  it("OpenRouter tokens: day and 7-day full-coverage points of July–August 2026 equal the independent summary; weekly bounds over two years", async () => {
    type Value = { share: number } | { lower: number; upper: number } | null;
    type Share = {
      dates: Array<{ date: string; coverage: { kind: string }; tokens: { total: number | null }; open: Value }>;
      counts: { points: number; bounds: number; noShare: number };
    };
    const share = async (...args: string[]) => JSON.parse(await omo("usage", "share", ...args, "--json")) as Share;
    const pointOf = (v: Value) => {
      if (v === null || !("share" in v)) throw new Error(`not a point: ${JSON.stringify(v)}`);
      return v.share;
    };
    const day = await share("--period", "day");
    expect(day.dates).toHaveLength(23);
    expect([day.dates[0]?.date, day.dates.at(-1)?.date]).toEqual(["2026-07-30", "2026-08-21"]);
    expect(day.counts).toMatchObject({ points: 23, bounds: 0, noShare: 0 });
    const week7 = await share("--period", "7d", "--source", "CharlesLiuyx/Token-Economy-Tracker");
    expect(week7.dates.map((d) => d.date)).toEqual([
      "2026-07-12",
      "2026-07-19",
      "2026-07-26",
      "2026-08-02",
      "2026-08-09",
      "2026-08-16",
      "2026-08-21",
    ]);
    expect(week7.dates.every((d) => d.coverage.kind === "full")).toBe(true);
    const aug16 = week7.dates.find((d) => d.date === "2026-08-16");
    expect(aug16?.tokens.total).toBe(75_340_562_431_005);
    expect(pointOf(aug16?.open ?? null)).toBeCloseTo(0.6893, 4);
    // the chart's weeks (the last one in progress): bounds where the week total is known (Others), no share before
    const weeks = await share("--period", "week");
    expect([weeks.dates[0]?.date, weeks.dates.at(-1)?.date]).toEqual(["2024-09-02", "2026-08-17"]);
    expect(weeks.counts).toMatchObject({ dates: 103, points: 0, bounds: 58, noShare: 45 });
    const months = JSON.parse(await omo("usage", "months", "--json")) as {
      months: Array<{ month: string; weeksFull: number; open: Value }>;
    };
    const july = months.months.find((m) => m.month === "2026-07");
    expect(july?.weeksFull).toBe(4);
    expect(pointOf(july?.open ?? null)).toBeCloseTo(0.743, 3);
    if (!hasShared()) return;
    // the oracle (never imported): open share by the shared folder's rule, to 6 decimals
    const summary = (await readCsvObjects(path.join(USAGE_SHARED, "summary_open_share.csv"))).rows.map((r) => r.values);
    const ours = [...day.dates.map((d) => ["day", d] as const), ...week7.dates.map((d) => ["7d_trailing", d] as const)];
    for (const [period, d] of ours) {
      const s = summary.find((r) => r.period === period && r.date === d.date);
      expect(s, `${period} ${d.date}`).toBeDefined();
      expect(d.tokens.total, `${period} ${d.date}`).toBe(Number(s?.total_tokens));
      expect(Math.abs(pointOf(d.open) - Number(s?.open_share)), `${period} ${d.date}`).toBeLessThan(6e-7);
    }
    expect(ours).toHaveLength(30);
    // July 2026 by month: the four Sunday-ending windows 07-12 … 08-02, weighted by their totals
    const sundays = summary.filter(
      (r) =>
        r.period === "7d_trailing" && ["2026-07-12", "2026-07-19", "2026-07-26", "2026-08-02"].includes(r.date ?? ""),
    );
    const want =
      sundays.reduce((a, r) => a + Number(r.open_tokens), 0) / sundays.reduce((a, r) => a + Number(r.total_tokens), 0);
    expect(pointOf(july?.open ?? null)).toBeCloseTo(want, 9);
  });
});
