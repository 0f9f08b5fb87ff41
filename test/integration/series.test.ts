/**
 * History and growth on real series, through the real CLI on real DuckDB files:
 * - nctu6/huggingface_stats (19 monthly CSVs of `taide`, with the all-time counter): derived daily downloads, the
 *   model missing from 2025-01-02, the month without a snapshot (November 2025), partial buckets, auto buckets;
 * - kb-labb/huggingface_stats (55 monthly CSVs of KBLab/KB): models that vanish and come back, org roll-ups,
 *   growth over 30/90-day windows, new entrants, concentration;
 * - the daily trending lists of 2026-08-07 … 2026-08-22: day and week buckets, 7-day growth, HHI.
 * Expected values are recomputed here from the source files. `omo watch` crawls a local Hub-compatible server.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketBounds, daysBetween, isPartial } from "../../src/domain/buckets.js";
import { type HubServer, loadHubModels, startHubServer } from "../../src/hub/serve.js";
import { hasShared, ROOT, runMain, sharedHub, startCli, tempDir } from "../helpers.js";

const HAS_SHARED = hasShared();
const NCTU6_DIR = sharedHub("series/nctu6__huggingface_stats");
const KB_DIR = sharedHub("series/kb-labb__huggingface_stats");
const DAILY_DIR = sharedHub("daily-2026-08");

/** One model at one date, as the source file says. */
interface Obs {
  id: string;
  author: string;
  date: string;
  downloads: number;
  allTime: number | null;
  likes: number | null;
}

/** Reads the monthly CSVs (no quoted fields in these files: checked by the column count). */
function readCsvDir(dir: string): Obs[] {
  const out: Obs[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".csv"))) {
    const [head, ...lines] = readFileSync(path.join(dir, f), "utf8").trim().split("\n");
    const cols = (head ?? "").split(",");
    for (const line of lines) {
      const v = line.split(",");
      expect(v).toHaveLength(cols.length);
      const get = (name: string) => v[cols.indexOf(name)] as string;
      const id = get("model_url").replace("https://huggingface.co/", "");
      const at = cols.indexOf("downloadsAllTime");
      out.push({
        id,
        author: id.split("/")[0] as string,
        date: get("date"),
        downloads: Number(get("downloads")),
        allTime: at < 0 ? null : Number(v[at]),
        likes: null,
      });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

function readDailyDir(dir: string): Obs[] {
  const out: Obs[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
    const doc = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as {
      date: string;
      models: Array<{ id: string; downloads: number; likes: number }>;
    };
    for (const m of doc.models) {
      out.push({
        id: m.id,
        author: m.id.split("/")[0] as string,
        date: doc.date,
        downloads: m.downloads,
        allTime: null,
        likes: m.likes,
      });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const dates = (obs: Obs[]) => [...new Set(obs.map((o) => o.date))].sort();
const of = (obs: Obs[], id: string) => obs.filter((o) => o.id === id);
const at = (obs: Obs[], date: string) => obs.filter((o) => o.date === date);

/** `omo ARGS --json` on a database; throws the stderr line on failure. */
async function omoJson(db: string, args: string[]) {
  const r = await runMain([...args, "--json"], { OMO_DB: db });
  if (r.code !== 0) throw new Error(`omo ${args.join(" ")}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

interface SeriesRow {
  bucket: string;
  unit: "day" | "week" | "month";
  firstDate: string;
  lastDate: string;
  snapshots: number;
  partial: boolean;
  downloads: number | null;
  downloadsAllTime: number | null;
  likes: number | null;
  dailyDownloads: number | null;
  counterDownloads: number | null;
  counterDays: number | null;
  first?: boolean;
  gap?: boolean;
  decrease?: boolean;
  repos?: number;
  newRepos?: number;
  allTimeRepos?: number;
  counterRepos?: number;
  gapRepos?: number;
  decreaseRepos?: number;
}

/** The SQL buckets agree with the pure bucket rules: calendar start, and partial against the range. */
function checkBuckets(rows: SeriesRow[], lo: string, hi: string) {
  for (const r of rows) {
    expect(bucketBounds(r.lastDate, r.unit).start).toBe(r.bucket);
    expect(bucketBounds(r.firstDate, r.unit).start).toBe(r.bucket);
    expect(r.partial).toBe(isPartial(r.bucket, r.unit, lo, hi));
  }
}

const ALPHA1 = "taide/Llama3-TAIDE-LX-8B-Chat-Alpha1";
const LLAVA = "taide/llava_llama3_8b_clip336_e";
const MINILM = "sentence-transformers/all-MiniLM-L6-v2";

describe.skipIf(!HAS_SHARED)("series, growth and concentration over real snapshots", () => {
  let tmp: ReturnType<typeof tempDir>;
  let nctu6: Obs[];
  let kb: Obs[];
  let daily: Obs[];
  const db = { nctu6: "", kb: "", daily: "", decrease: "" };

  beforeAll(async () => {
    tmp = tempDir("omo-series-");
    nctu6 = readCsvDir(NCTU6_DIR);
    kb = readCsvDir(KB_DIR);
    daily = readDailyDir(DAILY_DIR);
    expect([nctu6.length, kb.length, dates(nctu6).length, dates(kb).length]).toEqual([199, 2710, 19, 55]);

    // The real taide series has no counter decrease (SOURCE.md: 0 decreases), so one database gets three real
    // files of which the last has ONE value lowered: Alpha1's all-time count on 2025-12-08, 118,896 -> 115,000
    // (below its 115,642 of 2025-10-30), the kind of drop the Hub's counter has been seen to make.
    const dec = path.join(tmp.dir, "decrease");
    mkdirSync(dec);
    for (const f of ["2025-09-18_hf.csv", "2025-10-30_hf.csv"])
      copyFileSync(path.join(NCTU6_DIR, f), path.join(dec, f));
    const dec08 = readFileSync(path.join(NCTU6_DIR, "2025-12-08_hf.csv"), "utf8");
    const line = `${ALPHA1},3073,118896,`;
    expect(dec08).toContain(line);
    writeFileSync(path.join(dec, "2025-12-08_hf.csv"), dec08.replace(line, `${ALPHA1},3073,115000,`));

    const load = async (name: keyof typeof db, files: string[]) => {
      db[name] = path.join(tmp.dir, `${name}.duckdb`);
      const r = await runMain(["import", ...files], { OMO_DB: db[name] });
      expect(r.code, r.stderr).toBe(0);
    };
    const list = (dir: string, ext: string) =>
      readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .map((f) => path.join(dir, f));
    await load("nctu6", list(NCTU6_DIR, ".csv"));
    await load("kb", list(KB_DIR, ".csv"));
    await load("daily", list(DAILY_DIR, ".json"));
    await load("decrease", list(dec, ".csv"));
  }, 120_000);
  afterAll(() => tmp?.cleanup());

  describe("model-series (taide, with the all-time counter)", () => {
    it("per day: the CSV values, derived daily downloads between consecutive snapshots, no decrease", async () => {
      const s = await omoJson(db.nctu6, ["series", "model", ALPHA1.toLowerCase(), "--bucket", "day"]);
      expect(s).toMatchObject({ id: ALPHA1, bucket: "day", unit: "day", from: null, to: null });
      const rows = s.rows as SeriesRow[];
      const obs = of(nctu6, ALPHA1);
      expect(rows.map((r) => [r.lastDate, r.downloads, r.downloadsAllTime])).toEqual(
        obs.map((o) => [o.date, o.downloads, o.allTime]),
      );
      for (let i = 1; i < obs.length; i++) {
        const [prev, cur] = [obs[i - 1] as Obs, obs[i] as Obs];
        const days = daysBetween(prev.date, cur.date);
        expect(rows[i]).toMatchObject({
          counterDownloads: (cur.allTime ?? 0) - (prev.allTime ?? 0),
          counterDays: days,
        });
        expect(rows[i]?.dailyDownloads).toBeCloseTo(((cur.allTime ?? 0) - (prev.allTime ?? 0)) / days, 9);
      }
      // SOURCE.md oracle: 28,615 -> 55,931 between 2024-07-01 and 2024-08-01, against 27,164 in 30 days
      expect(rows.find((r) => r.lastDate === "2024-08-01")).toMatchObject({
        downloads: 27_164,
        downloadsAllTime: 55_931,
        counterDownloads: 27_316,
        counterDays: 31,
      });
      expect(rows.find((r) => r.lastDate === "2024-08-01")?.dailyDownloads).toBeCloseTo(881.16, 2);
      expect(rows.at(-1)).toMatchObject({ lastDate: "2026-01-06", downloadsAllTime: 119_246 });
      expect(rows.some((r) => r.decrease)).toBe(false);
      expect(rows[0]).toMatchObject({ lastDate: "2024-06-13", first: true, gap: false, dailyDownloads: null });
      // day buckets over monthly snapshots: every later point follows days without a snapshot
      expect(rows.slice(1).every((r) => r.gap && !r.first)).toBe(true);
      checkBuckets(rows, "2024-06-13", "2026-01-06");
    });

    it("auto gives months; the month without a snapshot (November 2025) makes a gap; ends are partial", async () => {
      const s = await omoJson(db.nctu6, ["series", "model", ALPHA1]);
      expect(s).toMatchObject({ bucket: "auto", unit: "month" });
      const rows = s.rows as SeriesRow[];
      expect(rows).toHaveLength(19);
      expect(rows.filter((r) => r.gap).map((r) => r.lastDate)).toEqual(["2025-12-08"]);
      expect(rows.filter((r) => r.partial).map((r) => r.bucket)).toEqual(["2024-06-01", "2026-01-01"]);
      expect(rows.find((r) => r.bucket === "2025-11-01")).toBeUndefined();
      expect(rows.find((r) => r.bucket === "2025-12-01")).toMatchObject({
        snapshots: 1,
        lastDate: "2025-12-08",
        downloads: 3_073,
        counterDownloads: 118_896 - 115_642,
        counterDays: 39,
      });
      checkBuckets(rows, "2024-06-13", "2026-01-06");

      const table = await runMain(["series", "model", ALPHA1], { OMO_DB: db.nctu6 });
      expect(table.stdout).toMatch(/^2024-06 .* first partial$/m);
      expect(table.stdout).toMatch(/^2025-12 .*2025-12-08 +3,073 +118,896 +83\.4 +gap$/m);
      expect(table.stdout).toMatch(/^2026-01 .* partial$/m);
    });

    it("a model missing from one snapshot: gap on its return, no daily value across the hole", async () => {
      const s = await omoJson(db.nctu6, ["series", "model", LLAVA, "--bucket", "month"]);
      const rows = s.rows as SeriesRow[];
      const obs = of(nctu6, LLAVA);
      expect(obs.map((o) => o.date)).not.toContain("2025-01-02");
      expect(rows.map((r) => r.lastDate)).toEqual(obs.map((o) => o.date));
      expect(rows[0]).toMatchObject({ bucket: "2024-09-01", first: true, downloads: 34, downloadsAllTime: 34 });
      expect(rows.filter((r) => r.gap).map((r) => r.lastDate)).toEqual(["2025-02-05"]);
      expect(rows.find((r) => r.lastDate === "2025-02-05")).toMatchObject({
        dailyDownloads: null,
        counterDownloads: null,
        first: false,
      });
      expect(rows.find((r) => r.bucket === "2025-01-01")).toBeUndefined();
      expect(rows.at(-1)?.lastDate).toBe("2025-10-30");
    });

    it("auto picks week up to 26 weeks and day up to 31 days; --from/--to set the partial ends", async () => {
      const w = await omoJson(db.nctu6, ["series", "model", ALPHA1, "--from", "2024-06-13", "--to", "2024-12-06"]);
      expect(w.unit).toBe("week");
      const rows = w.rows as SeriesRow[];
      expect(rows.map((r) => r.bucket)).toEqual([
        "2024-06-10",
        "2024-07-01",
        "2024-07-29",
        "2024-08-26",
        "2024-09-30",
        "2024-10-28",
        "2024-12-02",
      ]);
      expect(rows.map((r) => r.partial)).toEqual([true, false, false, false, false, false, true]);
      checkBuckets(rows, "2024-06-13", "2024-12-06");

      const d = await omoJson(db.nctu6, ["series", "model", ALPHA1, "--from", "2024-07-01", "--to", "2024-07-31"]);
      expect(d.unit).toBe("day");
      expect(d.rows).toEqual([
        expect.objectContaining({ bucket: "2024-07-01", downloads: 11_808, downloadsAllTime: 28_615, partial: false }),
      ]);
      // the range starts on 2024-07-01: no previous snapshot in range, so no daily value and no gap
      expect(d.rows[0]).toMatchObject({ dailyDownloads: null, gap: false, first: false });
    });

    it("a dropped all-time counter: ↓counter, no daily value (never negative, never zero-filled)", async () => {
      const s = await omoJson(db.decrease, ["series", "model", ALPHA1, "--bucket", "day"]);
      expect(s.rows).toEqual([
        expect.objectContaining({ lastDate: "2025-09-18", first: true, decrease: false }),
        expect.objectContaining({ lastDate: "2025-10-30", decrease: false, counterDownloads: 115_642 - 115_143 }),
        expect.objectContaining({
          lastDate: "2025-12-08",
          downloadsAllTime: 115_000,
          decrease: true,
          dailyDownloads: null,
          counterDownloads: null,
        }),
      ]);
      const table = await runMain(["series", "model", ALPHA1, "--bucket", "day"], { OMO_DB: db.decrease });
      expect(table.stdout).toMatch(/^2025-12-08 .*115,000 +gap ↓counter$/m);

      const org = await omoJson(db.decrease, ["series", "org", "taide", "--bucket", "day"]);
      const last = (org.rows as SeriesRow[]).at(-1) as SeriesRow;
      const before = at(nctu6, "2025-10-30");
      const after = at(nctu6, "2025-12-08").filter((o) => o.id !== ALPHA1);
      const expected = sum(
        after.map((o) => (o.allTime ?? 0) - (before.find((b) => b.id === o.id)?.allTime ?? Number.NaN)),
      );
      expect(last).toMatchObject({ repos: 11, decreaseRepos: 1, counterRepos: 10, counterDownloads: expected });
    });
  });

  describe("org-series", () => {
    it("taide per snapshot: repos, new repos, 30-day and all-time sums as in the CSVs", async () => {
      const s = await omoJson(db.nctu6, ["series", "org", "TAIDE", "--bucket", "day"]);
      const rows = s.rows as SeriesRow[];
      const ds = dates(nctu6);
      expect(rows.map((r) => r.lastDate)).toEqual(ds);
      const firstSeen = new Map<string, string>();
      for (const o of nctu6) if (!firstSeen.has(o.id)) firstSeen.set(o.id, o.date);
      ds.forEach((d, i) => {
        const obs = at(nctu6, d);
        const prev = i > 0 ? at(nctu6, ds[i - 1] as string) : [];
        const deltas = obs.flatMap((o) => {
          const p = prev.find((q) => q.id === o.id);
          return p ? [(o.allTime ?? 0) - (p.allTime ?? 0)] : [];
        });
        expect(rows[i]).toMatchObject({
          repos: obs.length,
          downloads: sum(obs.map((o) => o.downloads)),
          downloadsAllTime: sum(obs.map((o) => o.allTime ?? 0)),
          allTimeRepos: obs.length,
          newRepos: obs.filter((o) => firstSeen.get(o.id) === d).length,
          counterRepos: deltas.length,
          counterDownloads: i === 0 ? null : sum(deltas),
          decreaseRepos: 0,
        });
      });
      expect(rows[0]).toMatchObject({ lastDate: "2024-06-13", repos: 9, downloads: 18_008, newRepos: 9 });
      expect(rows.find((r) => r.lastDate === "2024-09-01")).toMatchObject({ newRepos: 1, repos: 10 });
    });

    it("--match keeps matching repo names; months, last snapshot per month, partial ends", async () => {
      const s = await omoJson(db.kb, ["series", "org", "kblab", "--match", "whisper"]);
      expect(s).toMatchObject({ author: "kblab", match: "whisper", unit: "month" });
      const rows = s.rows as SeriesRow[];
      const whisper = kb.filter((o) => o.author === "KBLab" && /whisper/i.test(o.id.split("/")[1] as string));
      const ds = dates(whisper);
      expect(rows.map((r) => r.lastDate)).toEqual(ds);
      for (const r of rows) {
        const obs = at(whisper, r.lastDate);
        expect(r).toMatchObject({ repos: obs.length, downloads: sum(obs.map((o) => o.downloads)), snapshots: 1 });
        expect(r.downloadsAllTime).toBeNull();
        expect(r.dailyDownloads).toBeNull();
      }
      expect(rows[0]).toMatchObject({ bucket: "2023-03-01", lastDate: "2023-03-20", repos: 3, newRepos: 3 });
      checkBuckets(rows, "2022-02-18", "2026-08-19");
      expect(rows.at(-1)).toMatchObject({ bucket: "2026-08-01", partial: true });
    });

    it("week buckets over daily snapshots take the last day of each week", async () => {
      const s = await omoJson(db.daily, ["series", "org", "sentence-transformers", "--bucket", "week"]);
      const rows = s.rows as SeriesRow[];
      const st = daily.filter((o) => o.author === "sentence-transformers");
      expect(rows.map((r) => [r.bucket, r.snapshots, r.firstDate, r.lastDate, r.partial])).toEqual([
        ["2026-08-03", 3, "2026-08-07", "2026-08-09", true],
        ["2026-08-10", 7, "2026-08-10", "2026-08-16", false],
        ["2026-08-17", 6, "2026-08-17", "2026-08-22", true],
      ]);
      for (const r of rows) {
        const obs = at(st, r.lastDate);
        expect(r).toMatchObject({
          repos: obs.length,
          downloads: sum(obs.map((o) => o.downloads)),
          likes: sum(obs.map((o) => o.likes ?? 0)),
        });
      }
    });
  });

  describe("model-series over daily snapshots", () => {
    it("auto gives days; a week inside --from/--to is whole", async () => {
      const s = await omoJson(db.daily, ["series", "model", MINILM]);
      expect(s.unit).toBe("day");
      const obs = of(daily, MINILM);
      expect(obs).toHaveLength(16);
      expect((s.rows as SeriesRow[]).map((r) => [r.bucket, r.downloads, r.likes, r.gap, r.partial])).toEqual(
        obs.map((o) => [o.date, o.downloads, o.likes, false, false]),
      );
      const week = ["--from", "2026-08-10", "--to", "2026-08-16", "--bucket", "week"];
      const w = await omoJson(db.daily, ["series", "model", MINILM, ...week]);
      const sun = obs.find((o) => o.date === "2026-08-16") as Obs;
      expect(w.rows).toEqual([
        expect.objectContaining({ bucket: "2026-08-10", snapshots: 7, downloads: sun.downloads, partial: false }),
      ]);
    });
  });

  describe("growth and new entrants", () => {
    /** Growth recomputed from the source rows: models at both dates, by change then id. */
    function expectedGrowth(obs: Obs[], date: string, base: string) {
      const before = new Map(at(obs, base).map((o) => [o.id.toLowerCase(), o.downloads]));
      return at(obs, date)
        .filter((o) => before.has(o.id.toLowerCase()))
        .map((o) => {
          const b = before.get(o.id.toLowerCase()) as number;
          return { id: o.id, before: b, after: o.downloads, change: o.downloads - b };
        })
        .sort((x, y) => y.change - x.change || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    }

    it("KBLab/KB over 30 and 90 days: the dates compared and every model's change", async () => {
      const g30 = await omoJson(db.kb, ["growth", "--window", "30", "--limit", "1000"]);
      expect(g30).toMatchObject({ date: "2026-08-19", baseDate: "2026-07-17", days: 33, window: 30 });
      const g90 = await omoJson(db.kb, ["growth", "--window", "90", "--limit", "1000"]);
      expect(g90).toMatchObject({ date: "2026-08-19", baseDate: "2026-04-21", days: 120, window: 90 });
      const exp = expectedGrowth(kb, "2026-08-19", "2026-04-21");
      expect(g90.models).toEqual(
        exp.map((e) =>
          expect.objectContaining({ ...e, relative: e.before > 0 ? expect.closeTo(e.change / e.before, 9) : null }),
        ),
      );
      expect(g90.models[0]).toMatchObject({
        id: "KBLab/wav2vec2-large-voxrex-swedish",
        before: 150_918,
        after: 1_059_196,
      });
    });

    it("new entrants are the models absent at the earlier snapshot (the kb-whisper release, 2025-02)", async () => {
      const g = await omoJson(db.kb, ["growth", "--date", "2025-02-19", "--window", "30", "--limit", "1000"]);
      expect(g).toMatchObject({ date: "2025-02-19", baseDate: "2025-01-20" });
      const before = new Set(at(kb, "2025-01-20").map((o) => o.id));
      const entrants = at(kb, "2025-02-19")
        .filter((o) => !before.has(o.id))
        .sort((x, y) => y.downloads - x.downloads || (x.id < y.id ? -1 : 1));
      expect(g.newEntrants.map((e: { id: string; downloads: number }) => [e.id, e.downloads])).toEqual(
        entrants.map((e) => [e.id, e.downloads]),
      );
      expect(entrants.map((e) => e.id)).toContain("KBLab/kb-whisper-large");
      expect(g.newEntrants.find((e: { id: string }) => e.id === "KBLab/kb-whisper-large").firstSeen).toBe("2025-02-19");
      expect(g.models.map((m: { id: string }) => m.id)).not.toContain("KBLab/kb-whisper-large");
    });

    it("daily lists over 7 days, with --author", async () => {
      const g = await omoJson(db.daily, ["growth", "--window", "7", "--limit", "10"]);
      expect(g).toMatchObject({ date: "2026-08-22", baseDate: "2026-08-15", days: 7 });
      expect(g.models.map((m: { id: string; change: number }) => [m.id, m.change])).toEqual(
        expectedGrowth(daily, "2026-08-22", "2026-08-15")
          .slice(0, 10)
          .map((e) => [e.id, e.change]),
      );
      const q = await omoJson(db.daily, ["growth", "--window", "7", "--author", "qwen", "--limit", "1000"]);
      expect(q.models.length).toBeGreaterThan(0);
      expect(q.models.every((m: { author: string }) => m.author === "Qwen")).toBe(true);
      expect(q.models.map((m: { id: string }) => m.id)).toEqual(
        expectedGrowth(
          daily.filter((o) => o.author === "Qwen"),
          "2026-08-22",
          "2026-08-15",
        ).map((e) => e.id),
      );

      const table = await runMain(["growth", "--window", "7", "--limit", "3"], { OMO_DB: db.daily });
      expect(table.stdout).toContain("30-day downloads on 2026-08-22 vs 2026-08-15 (7 days apart; window 7 days)");
      // the daily lists are imported without --coverage: partial, so an entrant need not be new on the Hub
      expect(table.stdout).toContain(
        "New entrants (listed on 2026-08-22, not on 2026-08-15; the snapshot of 2026-08-15 is partial (imported files (selection not stated; --coverage full if it holds the whole listing)): a model it does not list need not be new on the Hub):",
      );
      expect(table.stdout).toMatch(/like for like: the \d+ models listed on both dates/);
    });
  });

  describe("concentration", () => {
    /** Shares and HHI recomputed from the source rows of one date. */
    function expected(obs: Obs[], date: string) {
      const rows = at(obs, date);
      const total = sum(rows.map((o) => o.downloads));
      const orgs = new Map<string, number>();
      for (const o of rows) orgs.set(o.author.toLowerCase(), (orgs.get(o.author.toLowerCase()) ?? 0) + o.downloads);
      const hhi = sum([...orgs.values()].map((d) => (100 * d) / total).map((s) => s * s));
      return { rows, total, orgs, hhi };
    }

    it("KBLab/KB in July 2023: shares sum to 100 %, HHI of two organisations", async () => {
      const c = await omoJson(db.kb, ["concentration", "--date", "2023-07-19", "--k", "100"]);
      const e = expected(kb, "2023-07-19");
      expect(c).toMatchObject({ date: "2023-07-19", models: 39, orgs: 2, downloads: 36_491, k: 100 });
      expect(e.total).toBe(36_491);
      expect(c.hhi).toBeCloseTo(e.hhi, 6);
      expect(c.hhi).toBeGreaterThanOrEqual(0);
      expect(c.hhi).toBeLessThanOrEqual(10_000);
      expect(sum(c.topModels.map((m: { share: number }) => m.share))).toBeCloseTo(100, 9);
      expect(c.topModels.at(-1).cumulativeShare).toBeCloseTo(100, 9);
      expect(c.topModelsShare).toBeCloseTo(100, 9);
      expect(
        c.topOrgs.map((g: { author: string; downloads: number; repos: number }) => [g.author, g.downloads]),
      ).toEqual([
        ["KB", 33_886],
        ["KBLab", 2_605],
      ]);
      expect(c.topOrgs[0].share).toBeCloseTo((100 * 33_886) / 36_491, 9);
    });

    it("daily trending list: top-k models and organisations, HHI in range", async () => {
      const c = await omoJson(db.daily, ["concentration", "--k", "5"]);
      const e = expected(daily, "2026-08-22");
      expect(c).toMatchObject({ date: "2026-08-22", models: e.rows.length, orgs: e.orgs.size, downloads: e.total });
      expect(c.hhi).toBeCloseTo(e.hhi, 6);
      expect(c.hhi).toBeGreaterThan(0);
      expect(c.hhi).toBeLessThan(10_000);
      const top = [...e.rows].sort((a, b) => b.downloads - a.downloads || (a.id < b.id ? -1 : 1)).slice(0, 5);
      expect(c.topModels.map((m: { id: string }) => m.id)).toEqual(top.map((m) => m.id));
      expect(c.topModelsShare).toBeCloseTo((100 * sum(top.map((m) => m.downloads))) / e.total, 9);
      const topOrgs = [...e.orgs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
      expect(c.topOrgs.map((g: { downloads: number }) => g.downloads)).toEqual(topOrgs.map(([, d]) => d));
      expect(c.topOrgsShare).toBeCloseTo((100 * sum(topOrgs.map(([, d]) => d))) / e.total, 9);
      expect(c.topOrgs.at(-1).cumulativeShare).toBeCloseTo(c.topOrgsShare, 9);

      const table = await runMain(["concentration", "--k", "5"], { OMO_DB: db.daily });
      expect(table.stdout).toMatch(/HHI by organisation: [\d,]+ of 10,000 \(unconcentrated\)/);
    });
  });

  describe("errors are one line naming the option", () => {
    const fails = async (args: string[], message: RegExp) => {
      const r = await runMain(args, { OMO_DB: db.nctu6 });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    };
    it("bad --bucket, --window, --from, range, unknown model, window before the first snapshot", async () => {
      await fails(
        ["series", "model", ALPHA1, "--bucket", "year"],
        /invalid --bucket "year": expected one of auto, day/,
      );
      await fails(["growth", "--window", "14"], /invalid --window "14": expected 7, 30, 90/);
      await fails(["series", "org", "taide", "--from", "2024-02-30"], /invalid --from "2024-02-30": not a real/);
      await fails(["series", "org", "taide", "--from", "2025-01-01", "--to", "2024-01-01"], /invalid range/);
      await fails(["series", "model", "taide/nope"], /model not found: taide\/nope/);
      await fails(
        ["growth", "--date", "2024-07-01", "--window", "90"],
        /no complete snapshot at or before 2024-07-01 minus 90 days; the earliest is 2024-06-13/,
      );
    });
  });
});

describe("omo watch", () => {
  const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");
  let tmp: ReturnType<typeof tempDir>;
  let server: HubServer;
  beforeAll(async () => {
    tmp = tempDir("omo-watch-");
    server = await startHubServer({ models: await loadHubModels(SUBSET), pageSize: 10 });
  });
  afterAll(async () => {
    await server?.close();
    tmp?.cleanup();
  });
  const args = () => ["watch", "--once", "--endpoint", server.url, "--date", "2024-07-11", "--page-size", "10"];

  it("--once crawls one snapshot and removes its lock", async () => {
    const db = path.join(tmp.dir, "once.duckdb");
    const r = await runMain([...args(), "--json"], { OMO_DB: db });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ date: "2024-07-11", models: 48, downloads: 10_108_320, pages: 5 });
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it("a second watch while one runs fails with one line naming the holder; the first completes", async () => {
    const db = path.join(tmp.dir, "busy.duckdb");
    // the Hub holds the first watch's first page: it is running, holding its lock, until the test releases it
    const release = server.hold();
    try {
      const first = startCli(args(), { OMO_DB: db });
      const done = new Promise<number | null>((resolve) => first.on("close", resolve));
      // wait for the condition (the lock written whole: it is created empty, then written), not for an amount of time
      const held = () => {
        try {
          return JSON.parse(readFileSync(`${db}.lock`, "utf8")) as unknown;
        } catch {
          return null;
        }
      };
      let lock = held();
      while (lock === null) {
        await new Promise((r) => setTimeout(r, 25));
        lock = held();
      }
      expect(lock).toMatchObject({ pid: first.pid });
      const second = await runMain(args(), { OMO_DB: db });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        new RegExp(
          `^omo: another omo watch is running on this database \\(pid ${first.pid}, started \\S+\\); lock file `,
        ),
      );
      expect(second.stderr.trim().split("\n")).toHaveLength(1);
      release();
      expect(await done).toBe(0);
      expect(existsSync(`${db}.lock`)).toBe(false);
    } finally {
      release();
    }
  });

  it("a lock held by a live process blocks; a stale lock (dead pid) is taken over with a message", async () => {
    const db = path.join(tmp.dir, "stale.duckdb");
    const live = { pid: process.pid, started: "2026-01-01T00:00:00.000Z" };
    writeFileSync(`${db}.lock`, JSON.stringify(live));
    const blocked = await runMain(args(), { OMO_DB: db });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`another omo watch is running on this database (pid ${process.pid}, started`);
    expect(JSON.parse(readFileSync(`${db}.lock`, "utf8"))).toEqual(live);

    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: dead, started: "2026-01-01T00:00:00.000Z" }));
    const r = await runMain([...args(), "--json"], { OMO_DB: db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`omo watch: taking over stale lock ${db}.lock (pid ${dead}, started`);
    expect(JSON.parse(r.stdout)).toMatchObject({ models: 48 });
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it("rejects a bad period and --date without --once", async () => {
    const db = path.join(tmp.dir, "bad.duckdb");
    const a = await runMain(["watch", "--every", "5x"], { OMO_DB: db });
    expect(a.stderr).toBe('omo: invalid --every "5x": expected a period such as 24h, 90m, 1d or 1h30m\n');
    const b = await runMain(["watch", "--every", "30s"], { OMO_DB: db });
    expect(b.stderr).toBe('omo: invalid --every "30s": the period must be at least 1m\n');
    const c = await runMain(["watch", "--date", "2024-07-11"], { OMO_DB: db });
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/--date needs --once/);
  });
});
