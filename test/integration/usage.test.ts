/**
 * OpenRouter token usage over the real files of ../shared/data/usage/openrouter, through the CLI in process:
 * every format imported into dated snapshots with their coverage; the full-coverage daily and 7-day open shares
 * against the shared folder's independent summary (equal within exactly what the two classifications' differences
 * explain, the differing ids named); bounded weeks and months containing the full-coverage values where they
 * overlap; a top-9 week without a total giving no share; `:free` grouped and apart; the match rate of tokens to Hub
 * repos; and the bad-input rules (file, line, field; nothing half-stored).
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCsvObjects } from "../../src/formats/csv.js";
import { hasShared, runMain, SAMPLE, SHARED, tempDir } from "../helpers.js";

const USAGE = path.join(SHARED, "data/usage/openrouter");
const shared = hasShared();

let tmp: ReturnType<typeof tempDir>;
let env: Record<string, string>;
/** The import of the whole folder (before all tests). */
let imported: Awaited<ReturnType<typeof runMain>>;

async function cli(args: string[], e = env) {
  return runMain(args, e);
}

async function json<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const r = await cli([...args, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

type Value = { tokens: number; share: number } | { lower: number; upper: number; namedTokens: number } | null;
interface DateShare {
  date: string;
  period: string;
  coverage: { kind: string; how: string; models: number; top: number | null; totalKnown: boolean };
  tokens: { total: number | null; named: number; remainder: number | null };
  named: { open: number; closed: number; unknown: number };
  open: Value;
  free: { tokens: number; share: number | null };
  openWithoutFree: { tokens: number; share: number } | null;
  groups: Array<{ key: string; tokens: number; value: Value }>;
  snapshot: { id: string; source: string };
  note: string;
}
interface ShareBody {
  dates: DateShare[];
  counts: { points: number; bounds: number; noShare: number };
}
const point = (v: Value) => {
  if (v === null || !("share" in v)) throw new Error(`not a point: ${JSON.stringify(v)}`);
  return v;
};
const bounds = (v: Value) => {
  if (v === null || !("lower" in v)) throw new Error(`not bounds: ${JSON.stringify(v)}`);
  return v;
};

/** Rows of the summary (an oracle: never imported). */
async function summary() {
  const { rows } = await readCsvObjects(path.join(USAGE, "summary_open_share.csv"));
  return rows.map((r) => r.values);
}

/** Per-model rows of the full-coverage CSVs, by capture, for naming the ids the two classifications disagree on. */
async function tokensById(file: string, period: string) {
  const { rows } = await readCsvObjects(path.join(USAGE, file));
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!r.values.model_id) continue;
    const key = r.values.snapshot_date as string;
    const m = out.get(key) ?? new Map<string, number>();
    m.set(r.values.model_id as string, (m.get(r.values.model_id as string) ?? 0) + Number(r.values.tokens));
    out.set(key, m);
  }
  return { period, out };
}

beforeAll(async () => {
  tmp = tempDir("omo-usage-");
  env = { OMO_DB: path.join(tmp.dir, "omo.duckdb") };
  if (!shared) return;
  // Hub snapshots beside the usage: the committed 2024 sample and the August-2026 trending lists (for the name rule)
  const hub = await cli(["import", SAMPLE, ...(await dailyHubFiles())]);
  expect(hub.code).toBe(0);
  // a full LMArena table of the usage weeks (the later scrapes keep only the top 30)
  const board = await cli(["leaderboard", "import", path.join(SHARED, "data/leaderboards/arena-extra/2026-07-30.csv")]);
  expect(board.code).toBe(0);
  imported = await cli(["usage", "import", USAGE]);
}, 300_000);
afterAll(() => tmp?.cleanup());

async function dailyHubFiles(): Promise<string[]> {
  const dir = path.join(SHARED, "data/hub/daily-2026-08");
  const names = (await import("node:fs/promises")).readdir(dir);
  return (await names).filter((n) => n.endsWith(".json")).map((n) => path.join(dir, n));
}

describe.skipIf(!shared)("omo usage over the shared OpenRouter files", { timeout: 300_000 }, () => {
  it("imports every format of the folder in one atomic load; derived summaries are skipped", async () => {
    const r = imported;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/summary_open_share\.csv: derived summary \(an oracle, not input\)/);
    expect(r.stderr).toMatch(
      /rankings_models_day\.json\.gz: hashd1ve rankings view=day \(JSON\): 1 snapshot\(s\), 437 rows/,
    );
    expect(r.stderr).toMatch(/daily\/2026-07-12\.json\.gz: CharlesLiuyx daily rankings \(JSON\): 53 snapshot\(s\)/);
    expect(r.stderr).toMatch(
      /models_daily\.csv: hashd1ve models_daily \(CSV\): 23 snapshot\(s\), 11,115 rows, 14 empty rows/,
    );
    expect(r.stdout).toMatch(/Imported 124 file\(s\) in [\d.]+ s: 294 usage snapshots/);
    // day: 23 full; 7d: 42 + 23 full (two scrapers) and 20 monthly top 15; week: 163 partial; 30d: 23 full
    expect(r.stdout).toMatch(/day\s+23\s+2026-07-30\s+2026-08-21\s+23\s+0/);
    expect(r.stdout).toMatch(/7d\s+85\s+2025-02-04\s+2026-08-21\s+65\s+20/);
    expect(r.stdout).toMatch(/week\s+163\s+2024-09-02\s+2026-08-17\s+0\s+163/);
    expect(r.stdout).toMatch(/30d\s+23\s+2026-07-30\s+2026-08-21\s+23\s+0/);
    // importing the converted CSVs again replaces the same snapshots (same ids), adds nothing
    const again = await cli([
      "usage",
      "import",
      path.join(USAGE, "hashd1ve__openrouter-pulse/models_daily.csv"),
      path.join(USAGE, "weekly_top_models_combined.csv"),
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/usage snapshots \(\d+ replaced\)/);
    expect(again.stdout).toMatch(/day\s+23\s/);
    expect(again.stdout).toMatch(/week\s+163\s/);
  });

  it("full-coverage totals equal the summary's to the token", async () => {
    const rows = await summary();
    const day = await json<ShareBody>(["usage", "share", "--period", "day"]);
    const week = await json<ShareBody>([
      "usage",
      "share",
      "--period",
      "7d",
      "--source",
      "CharlesLiuyx/Token-Economy-Tracker",
      "--from",
      "2026-07-11",
    ]);
    const got = new Map([...day.dates, ...week.dates].map((d) => [`${d.period}|${d.date}`, d]));
    let compared = 0;
    for (const s of rows) {
      const d = got.get(`${s.period === "day" ? "day" : "7d"}|${s.date}`);
      expect(d, `${s.period} ${s.date}`).toBeDefined();
      expect(d?.coverage.kind).toBe("full");
      expect(d?.tokens.total).toBe(Number(s.total_tokens));
      compared++;
    }
    expect(compared).toBe(65);
  });

  it("full-coverage open shares equal the summary's within what the differing ids explain", async () => {
    const rows = await summary();
    const { rows: cls } = await readCsvObjects(path.join(USAGE, "model_classification.csv"));
    const ruleClass = new Map(cls.map((r) => [r.values.model_id as string, r.values.class_rule as string]));
    const day = await json<ShareBody>(["usage", "share", "--period", "day"]);
    const week = await json<ShareBody>([
      "usage",
      "share",
      "--period",
      "7d",
      "--source",
      "CharlesLiuyx/Token-Economy-Tracker",
      "--from",
      "2026-07-11",
    ]);
    // our class of every id of the full-coverage snapshots
    const classOf = new Map<string, string>();
    const matched: Array<{ id: string }> = [];
    for (const period of ["day", "7d"]) {
      const m = await json<{ top: Array<{ id: string; class: string }>; differFromRule: Array<{ id: string }> }>([
        "usage",
        "match",
        "--period",
        period,
        "--limit",
        "100000",
      ]);
      for (const x of m.top) classOf.set(x.id, x.class);
      matched.push(...m.differFromRule);
    }
    const differing = [...classOf.entries()]
      .filter(([id, c]) => (ruleClass.get(id) ?? "unknown") !== c)
      .map(([id]) => id);
    // named: OpenAI's Whisper weights are on the Hub (the name rule finds openai/whisper-large-v3*), the rule says
    // closed for every openai id but gpt-oss
    expect(differing.sort()).toEqual(["openai/whisper-large-v3", "openai/whisper-large-v3-turbo"]);
    expect([...new Set(matched.map((x) => x.id))].sort()).toEqual(differing.sort());
    const perCapture = {
      day: await tokensById("hashd1ve__openrouter-pulse/models_daily.csv", "day"),
      "7d": await tokensById("CharlesLiuyx__Token-Economy-Tracker/models_trailing7d.csv", "7d"),
    };
    const byKey = new Map([...day.dates, ...week.dates].map((d) => [`${d.period}|${d.date}`, d]));
    let explained = 0;
    for (const s of rows) {
      const period = s.period === "day" ? "day" : "7d";
      const d = byKey.get(`${period}|${s.date}`) as DateShare;
      const total = d.tokens.total as number;
      const tokens = perCapture[period].out.get(s.snapshot_date as string) as Map<string, number>;
      // what the differing ids move: +tokens where we say open and the rule does not, −tokens the other way
      let delta = 0;
      for (const id of differing) {
        const t = tokens.get(id) ?? 0;
        if (classOf.get(id) === "open") delta += t;
        if (ruleClass.get(id) === "open") delta -= t;
      }
      if (delta !== 0) explained++;
      const share = point(d.open).share;
      expect(Math.abs(share - (Number(s.open_share) + delta / total)), `${s.period} ${s.date}`).toBeLessThan(6e-7);
      // the catalogue rule of the summary: open = a hugging_face_id in the union of the catalogues
      expect(d.free.share).toBeCloseTo(Number(s.free_variant_share), 5);
    }
    // Whisper is billed by audio, not tokens: its rows carry 0 tokens, so the two classifications give the same
    // shares here; a difference on an id with tokens would move the share by exactly its tokens (checked above)
    expect(explained).toBe(0);
  });

  it("the catalogue hugging_face_id alone reproduces the summary's catalogue share; match rates are reported", async () => {
    const rows = (await summary()).filter((r) => r.period === "day");
    for (const s of rows.slice(0, 3)) {
      const m = await json<{
        hubMatch: Record<string, { tokens: number; share: number }>;
        openHubMatch: Record<string, { tokens: number; share: number }>;
        tokens: number;
      }>(["usage", "match", "--period", "day", "--from", s.date as string, "--to", s.date as string]);
      expect(m.tokens).toBe(Number(s.total_tokens));
      // every catalogue hugging_face_id is an open model here, so the catalogue method's share is the summary's
      expect(m.hubMatch.catalogue?.share).toBeCloseTo(Number(s.open_share_catalogue_hfid), 5);
    }
    const all = await json<{
      openHubMatch: Record<string, { share: number }>;
      unmatchedOpen: Array<{ id: string }>;
      classes: Record<string, { share: number }>;
    }>(["usage", "match", "--period", "7d", "--limit", "200"]);
    expect(all.openHubMatch.catalogue?.share).toBeGreaterThan(0.95);
    expect(all.openHubMatch.none?.share).toBeLessThan(0.02);
    expect(all.unmatchedOpen.map((x) => x.id)).toContain("poolside/laguna-m.1-20260312");
    const text = await cli(["usage", "match"]);
    expect(text.stdout).toMatch(
      /Hub repo of open-weight tokens by method: catalogue 9\d\.\d %, alias \d\.\d %, name-rule \d\.\d %, none \d\.\d %/,
    );
    expect(text.stdout).toMatch(/Open-weight ids without a Hub repo \(unmatched\)/);
    const explain = await cli(["usage", "match", "--explain", "deepseek/deepseek-v4-flash-20260731:free"]);
    expect(explain.stdout).toMatch(
      /catalogue: OpenRouter catalogue of 2026-08-22 .*hugging_face_id deepseek-ai\/DeepSeek-V4-Flash-0731/,
    );
    expect(explain.stdout).toMatch(/family: DeepSeek/);
    expect(explain.stdout).toMatch(/organisation: DeepSeek \(CN\)/);
    const stealth = await cli(["usage", "match", "--explain", "stealth/ox-alpha"]);
    expect(stealth.stdout).toMatch(/class: unknown \(reviewed rule, author stealth: stealth or router/);
  });

  it("bounded weeks and months contain the full-coverage value where they overlap", async () => {
    const weeks = await json<ShareBody>([
      "usage",
      "share",
      "--period",
      "week",
      "--from",
      "2026-07-06",
      "--to",
      "2026-08-10",
    ]);
    const full = await json<ShareBody>([
      "usage",
      "share",
      "--period",
      "7d",
      "--source",
      "CharlesLiuyx/Token-Economy-Tracker",
    ]);
    const fullAt = new Map(full.dates.map((d) => [d.date, d]));
    let checked = 0;
    for (const w of weeks.dates) {
      expect(w.coverage).toMatchObject({ kind: "partial", top: 9, totalKnown: true });
      const sunday = new Date(Date.parse(`${w.date}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      const f = fullAt.get(sunday);
      if (!f) continue;
      const b = bounds(w.open);
      const v = point(f.open).share;
      expect(v, `week ${w.date}`).toBeGreaterThanOrEqual(b.lower);
      expect(v, `week ${w.date}`).toBeLessThanOrEqual(b.upper);
      checked++;
    }
    expect(checked).toBe(6);
    // the monthly top 15 of July and August 2026 (7-day windows) against the full value of the same window
    const monthly = await json<ShareBody>([
      "usage",
      "share",
      "--period",
      "7d",
      "--source",
      "hanski319/openrouter-token-data",
      "--from",
      "2026-07-01",
    ]);
    expect(monthly.dates.length).toBe(2);
    for (const m of monthly.dates) {
      const f = fullAt.get(m.date);
      expect(f, m.date).toBeDefined();
      const b = bounds(m.open);
      expect(point(f?.open ?? null).share).toBeGreaterThanOrEqual(b.lower);
      expect(point(f?.open ?? null).share).toBeLessThanOrEqual(b.upper);
    }
    // and the bounds are the summary's (the same rule) where no id differs
    const { rows } = await readCsvObjects(path.join(USAGE, "summary_open_share_bounds.csv"));
    const oracle = rows.find((r) => r.values.date === "2026-08-10" && r.values.period === "week")?.values;
    const w = weeks.dates.find((d) => d.date === "2026-08-10") as DateShare;
    expect(bounds(w.open).lower).toBeCloseTo(Number(oracle?.open_share_lower), 5);
    expect(bounds(w.open).upper).toBeCloseTo(Number(oracle?.open_share_upper), 5);
  });

  it("by month: a point from the full weeks, bounds from the chart, none where no total is known", async () => {
    const body = await json<{
      months: Array<{
        month: string;
        weeks: number;
        weeksKnown: number;
        weeksFull: number;
        basis: string;
        open: Value;
      }>;
    }>(["usage", "months"]);
    const at = (m: string) => body.months.find((x) => x.month === m);
    // July 2026: its four weeks (Mondays 07-06 … 07-27) are the summary's Sunday-ending windows 07-12 … 08-02,
    // weighted by their totals
    const rows = (await summary()).filter(
      (r) =>
        r.period === "7d_trailing" &&
        ["2026-07-12", "2026-07-19", "2026-07-26", "2026-08-02"].includes(r.date as string),
    );
    const want =
      rows.reduce((a, r) => a + Number(r.open_tokens), 0) / rows.reduce((a, r) => a + Number(r.total_tokens), 0);
    expect(at("2026-07")).toMatchObject({ weeks: 4, weeksKnown: 4, weeksFull: 4, basis: "weeks" });
    expect(point(at("2026-07")?.open ?? null).share).toBeCloseTo(want, 9);
    const oct = bounds(at("2025-10")?.open ?? null);
    expect(oct.upper).toBeLessThan(0.5);
    expect(at("2025-03")).toMatchObject({ weeksKnown: 0, basis: "windows" });
    expect(at("2024-12")).toMatchObject({ weeksKnown: 0, basis: "none", open: null });
  });

  it("a top-9 week without a total gives no share, and says so", async () => {
    const body = await json<ShareBody>(["usage", "share", "--period", "week", "--to", "2025-07-07"]);
    expect(body.dates.length).toBe(45);
    expect(body.counts).toEqual({ dates: 45, points: 0, bounds: 0, noShare: 45 });
    const first = body.dates[0] as DateShare;
    expect(first.date).toBe("2024-09-02");
    expect(first.open).toBeNull();
    expect(first.coverage).toMatchObject({ kind: "partial", top: 9, totalKnown: false });
    expect(first.note).toBe("only the top 9 named and the total unknown: no share");
    // the named tokens are facts (the shared folder's summary has the same named open tokens)
    expect(first.named.open).toBe(35_890_608_609);
    const table = await cli(["usage", "share", "--period", "week", "--to", "2024-09-09"]);
    expect(table.stdout).toMatch(/2024-09-02\s+top 9, no total\s+[\d.]+ B named\s+no share\s+no share/);
  });

  it(":free variants grouped with their model and apart", async () => {
    const grouped = await json<{
      models: Array<{ model: string; variant: string; tokens: number; freeTokens: number }>;
    }>([
      "usage",
      "models",
      "--period",
      "7d",
      "--date",
      "2026-07-19",
      "--source",
      "CharlesLiuyx/Token-Economy-Tracker",
      "--limit",
      "5",
    ]);
    const apart = await json<{ models: Array<{ model: string; variant: string; tokens: number }> }>([
      "usage",
      "models",
      "--period",
      "7d",
      "--date",
      "2026-07-19",
      "--source",
      "CharlesLiuyx/Token-Economy-Tracker",
      "--variants",
      "apart",
      "--limit",
      "1000",
    ]);
    const hy3 = grouped.models.find((m) => m.model === "tencent/hy3-20260706");
    const hy3Free = apart.models.find((m) => m.model === "tencent/hy3-20260706" && m.variant === "free");
    const hy3Std = apart.models.find((m) => m.model === "tencent/hy3-20260706" && m.variant === "standard");
    expect(hy3?.variant).toBe("all");
    expect(hy3?.freeTokens).toBe(hy3Free?.tokens);
    expect(hy3?.tokens).toBe((hy3Free?.tokens ?? 0) + (hy3Std?.tokens ?? 0));
    // by class with variants apart: the open:free group holds the free tokens of open models
    const share = await json<ShareBody>([
      "usage",
      "share",
      "--period",
      "7d",
      "--source",
      "CharlesLiuyx/Token-Economy-Tracker",
      "--from",
      "2026-07-19",
      "--to",
      "2026-07-19",
      "--variants",
      "apart",
    ]);
    const d = share.dates[0] as DateShare;
    const openFree = d.groups.find((g) => g.key === "open:free");
    const openStd = d.groups.find((g) => g.key === "open");
    expect(
      (openFree?.tokens ?? 0) +
        (openStd?.tokens ?? 0) +
        (d.groups.find((g) => g.key === "open:batch")?.tokens ?? 0) +
        (d.groups.find((g) => g.key === "open:thinking")?.tokens ?? 0),
    ).toBe(d.named.open);
    const oracle = (await summary()).find((r) => r.period === "7d_trailing" && r.date === "2026-07-19");
    expect(d.free.share).toBeCloseTo(Number(oracle?.free_variant_share), 5);
    expect(d.openWithoutFree?.share).toBeCloseTo(Number(oracle?.open_share_excl_free_variants), 5);
    expect(point(d.open).share).toBeCloseTo(Number(oracle?.open_share), 5);
  });

  it("breaks the share down by family, organisation and country", async () => {
    const byCountry = await json<ShareBody>([
      "usage",
      "share",
      "--period",
      "day",
      "--from",
      "2026-08-21",
      "--by",
      "country",
    ]);
    const d = byCountry.dates[0] as DateShare;
    const cn = point(d.groups.find((g) => g.key === "CN")?.value ?? null);
    const us = point(d.groups.find((g) => g.key === "US")?.value ?? null);
    const sum = d.groups.reduce((a, g) => a + point(g.value).share, 0);
    expect(sum).toBeCloseTo(1, 9);
    expect(cn.share).toBeGreaterThan(us.share);
    const byFamily = await json<ShareBody>([
      "usage",
      "share",
      "--period",
      "week",
      "--from",
      "2026-08-10",
      "--by",
      "family",
    ]);
    const w = byFamily.dates[0] as DateShare;
    const deepseek = bounds(w.groups.find((g) => g.key === "deepseek")?.value ?? null);
    expect(deepseek.lower).toBeGreaterThan(0.1);
    expect(deepseek.upper).toBeGreaterThan(deepseek.lower);
    const byOrg = await cli(["usage", "share", "--period", "day", "--from", "2026-08-21", "--by", "org"]);
    expect(byOrg.stdout).toMatch(/2026-08-21\s+every model \(526\)\s+DeepSeek\s+[\d.]+ T\s+[\d.]+ %/);
  });
});

describe.skipIf(!shared)("omo usage beside the leaderboard and the downloads", { timeout: 300_000 }, () => {
  it("matches OpenRouter ids to the leaderboard's models, each match with its rule", async () => {
    const m = await json<{
      leaderboard: { board: string; date: string; match: Record<string, { share: number }> };
      top: Array<{ id: string; leaderboardModel: string | null; leaderboardRule: string | null }>;
    }>(["usage", "match", "--limit", "50"]);
    expect(m.leaderboard).toMatchObject({ board: "arena-text", date: "2026-07-30" });
    expect(m.leaderboard.match["hub-repo"]?.share).toBeGreaterThan(0.4);
    const hy3 = m.top.find((x) => x.id === "tencent/hy3-20260706");
    expect(hy3).toMatchObject({ leaderboardModel: "hy3", leaderboardRule: "hub-repo" });
    const text = await cli(["usage", "match"]);
    expect(text.stdout).toMatch(
      /tokens whose model is on the leaderboard arena-text of 2026-07-30, by how it was found: hub-repo \d+\.\d %, name \d+\.\d %, closed-catalogue \d+\.\d %, none \d+\.\d %/,
    );
    const explain = await cli(["usage", "match", "--explain", "google/gemini-3.6-flash-20260721"]);
    expect(explain.stdout).toMatch(
      /leaderboard: gemini-3\.6-flash on arena-text of 2026-07-30 \(score \d+, rank \d+; same name without release date\)/,
    );
  });

  it("token share beside download share and the leaderboard's best open entry, per family", async () => {
    const s = await json<{
      hub: { date: string; models: number };
      rows: Array<{
        id: string;
        tokenShare: Value;
        downloadShare: { share: number } | null;
        leaderboard: { model: string; score: number } | null;
      }>;
    }>(["usage", "signals", "--period", "7d", "--date", "2026-08-21"]);
    expect(s.hub).toMatchObject({ date: "2026-08-21", models: 529 });
    const deepseek = s.rows.find((r) => r.id === "deepseek");
    const qwen = s.rows.find((r) => r.id === "qwen");
    // used far more than downloaded, and the reverse
    expect(point(deepseek?.tokenShare ?? null).share).toBeGreaterThan(0.2);
    expect(deepseek?.downloadShare?.share).toBeLessThan(0.05);
    expect(point(qwen?.tokenShare ?? null).share).toBeLessThan(0.05);
    expect(qwen?.downloadShare?.share).toBeGreaterThan(0.1);
    expect(s.rows[0]?.id).toBe("deepseek");
    // the family's best entry is an open-weight one (qwen3.x-max is Alibaba's API-only tier, not a member)
    expect(qwen?.leaderboard?.model).not.toMatch(/max/);
    expect(deepseek?.leaderboard?.model).toMatch(/^deepseek-v4/);
  });
});

describe("omo usage: bad input", () => {
  const files = tempDir("omo-usage-bad-");
  const e = () => ({ OMO_DB: path.join(files.dir, "bad.duckdb") });
  afterAll(() => files.cleanup());

  it("names file, line and field; a bad file stores nothing, earlier snapshots stay", async () => {
    const good = path.join(files.dir, "weekly_top9_initial_commit.csv");
    await writeFile(
      good,
      "date,model_id,tokens,period,week_end\n2024-09-02,google/gemini-flash-1.5,18036083793,week,2024-09-08\n2024-09-02,gryphe/mythomax-l2-13b,15782364239,week,2024-09-08\n",
    );
    const first = await runMain(["usage", "import", good], e());
    expect(first.code).toBe(0);
    const bad = path.join(files.dir, "bad.csv");
    await writeFile(
      bad,
      "date,model_id,tokens,period,week_end\n2024-09-09,google/gemini-flash-1.5,12,week,2024-09-15\n2024-09-09,x/y,-4,week,2024-09-15\n",
    );
    const r = await runMain(["usage", "import", good, bad], e());
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`omo: ${bad}:3: field "tokens": must not be negative, got "-4"\n`);
    const after = await runMain(["usage", "share", "--period", "week", "--json"], e());
    const body = JSON.parse(after.stdout) as ShareBody;
    expect(body.dates.map((d) => d.date)).toEqual(["2024-09-02"]);

    const notMonday = path.join(files.dir, "notmonday.csv");
    await writeFile(notMonday, "date,model_id,tokens,period,week_end\n2024-09-03,a/b,1,week,2024-09-09\n");
    expect((await runMain(["usage", "import", notMonday], e())).stderr).toBe(
      `omo: ${notMonday}:2: field "date": a chart week must start on a Monday, got 2024-09-03\n`,
    );
    const badDate = path.join(files.dir, "baddate.csv");
    await writeFile(badDate, "date,model_id,tokens,period,week_end\n2024-02-30,a/b,1,week,2024-03-07\n");
    expect((await runMain(["usage", "import", badDate], e())).stderr).toBe(
      `omo: ${badDate}:2: field "date": expected a date YYYY-MM-DD, got "2024-02-30"\n`,
    );
  });

  it("refuses the derived summaries and unknown files, and names JSON fields", async () => {
    const summaryFile = path.join(files.dir, "summary_open_share.csv");
    await writeFile(summaryFile, "date,period\n");
    const r = await runMain(["usage", "import", summaryFile], e());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /summary_open_share\.csv: a derived summary .* an oracle to check omo's figures against, not input/,
    );
    const other = path.join(files.dir, "other.csv");
    await writeFile(other, "a,b\n1,2\n");
    expect((await runMain(["usage", "import", other], e())).stderr).toBe(
      `omo: ${other}:1: not an OpenRouter usage CSV: unknown columns a, b\n`,
    );
    const dir = path.join(files.dir, "raw/2026-07-31");
    await mkdir(dir, { recursive: true });
    const day = path.join(dir, "rankings_models_day.json.gz");
    const doc = {
      data: [
        {
          model_permaslug: "a/b-20260101",
          variant: "standard",
          total_prompt_tokens: 5,
          total_completion_tokens: 1,
          count: 1,
          date: "2026-07-30 00:00:00",
        },
        {
          model_permaslug: "a/c",
          variant: "free",
          total_prompt_tokens: "many",
          total_completion_tokens: 1,
          count: 1,
          date: "2026-07-30 00:00:00",
        },
      ],
    };
    await writeFile(day, gzipSync(JSON.stringify(doc)));
    expect((await runMain(["usage", "import", day], e())).stderr).toBe(
      `omo: ${day}: field "data[1].total_prompt_tokens": expected a token count, got "many"\n`,
    );
    const renamed = path.join(dir, "rankings.json");
    await copyFile(day, `${renamed}.gz`);
    expect((await runMain(["usage", "import", `${renamed}.gz`], e())).stderr).toMatch(
      /a rankings file whose view \(day, week or month\) is not in its name/,
    );
    const cut = path.join(dir, "rankings_models_week.json.gz");
    const whole = gzipSync(JSON.stringify(doc));
    await writeFile(cut, whole.subarray(0, whole.length - 12));
    expect((await runMain(["usage", "import", cut], e())).stderr).toMatch(
      /rankings_models_week\.json\.gz:1: truncated/,
    );
    const dup = path.join(files.dir, "dup.csv");
    await writeFile(
      dup,
      `${(await readFile(path.join(files.dir, "weekly_top9_initial_commit.csv"), "utf8")).trim()}\n2024-09-02,google/gemini-flash-1.5,1,week,2024-09-08\n`,
    );
    expect((await runMain(["usage", "import", dup], e())).stderr).toBe(
      `omo: ${dup}:4: model google/gemini-flash-1.5 (variant standard) is listed twice in the snapshot of 2024-09-02\n`,
    );
    expect((await runMain(["usage", "share", "--period", "fortnight"], e())).stderr).toBe(
      'omo: invalid --period "fortnight": expected one of day, 7d, week, 30d\n',
    );
  });
});
