/**
 * org-ranking's roll-ups on ClickHouse (issue 15; migration 16, and by task and library migration 19; the organisations'
 * roll-up's writer lists, migration 18): after loads out of order, back-filled, re-loaded, with authors, tasks and
 * libraries that move, the roll-up answers what the text over every model answers and what DuckDB answers, on one node
 * and two shards; kept load after load it equals one rebuilt whole; migrations 16 and 19 build it on an existing
 * store; and on the shipped sample (59,134 real models) with real tasks and libraries. Moved out of rollups.test.ts so
 * the two halves run side by side.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import { ClickHouseConnection, parseClickHouseUrl } from "../../src/store/clickhouse/connection.js";
import { CURRENT_DIM_LOAD } from "../../src/store/clickhouse/migrations.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import {
  clickHouseLive,
  forgetMigrations,
  type LocalClickHouse,
  memoQueries,
  startLocalClickHouse,
} from "../contract/clickhouse.js";
import { SHIPPED_SAMPLE, tempDir } from "../helpers.js";
import { loadAll, type Wire } from "../support/listing-loads.js";

const live = clickHouseLive();

/**
 * org-ranking's roll-up (ClickHouse migration 16): dates far enough apart that each window (7, 30, 90 days) has a
 * base snapshot, loaded out of order — later dates first, then back-filled dates that become their base, a date
 * re-loaded, a newest date —, with authors that change spelling or move a model to another organisation, repos
 * listed without a count, and repos new since a base.
 */
const RANK_LOADS: Array<[string, Wire[]]> = [
  [
    "2024-07-10",
    [
      { id: "acme/a", downloads: 900, likes: 3 },
      { id: "acme/b", downloads: 100 },
      { id: "Bee/c", author: "Bee", downloads: 400 },
      { id: "bee/d", author: "bee", downloads: null, likes: 7 },
      { id: "dee/f", author: "dee", downloads: 350 },
      { id: "eff/g", downloads: 350 },
      { id: "new/h", downloads: 5 },
    ],
  ],
  [
    "2024-06-01",
    [
      { id: "acme/a", downloads: 600 },
      { id: "Bee/c", author: "Bee", downloads: 100 },
      { id: "bee/d", author: "bee", downloads: 20 },
      { id: "dee/f", author: "dee", downloads: null },
      { id: "old/s", downloads: 70 },
    ],
  ],
  [
    // back-filled: the 7-day base of 07-10 (was none)
    "2024-07-03",
    [
      { id: "acme/a", downloads: 800 },
      { id: "acme/b", downloads: 90 },
      { id: "Bee/c", author: "Bee", downloads: 300 },
      { id: "dee/f", author: "dee", downloads: 300 },
      { id: "eff/g", downloads: null },
    ],
  ],
  [
    // the 90-day base of 07-03 and 07-10
    "2024-04-01",
    [
      { id: "acme/a", downloads: 200 },
      { id: "bee/d", author: "bee", downloads: 1 },
      { id: "old/s", downloads: 50 },
    ],
  ],
  [
    // back-filled: the 30-day base of 07-10 (was 06-01), not of 07-03 (06-03: still 06-01)
    "2024-06-09",
    [
      { id: "acme/a", downloads: 650 },
      { id: "acme/b", downloads: 40 },
      { id: "Bee/c", author: "Bee", downloads: 150 },
      { id: "eff/g", downloads: 200 },
    ],
  ],
  [
    // re-loaded, older than 07-10: its statistics change (07-10's 7-day base), not the authors
    "2024-07-03",
    [
      { id: "acme/a", downloads: 810 },
      { id: "Bee/c", author: "Bee", downloads: 310 },
      { id: "bee/d", author: "bee", downloads: 30 },
      { id: "dee/f", author: "dee", downloads: 320 },
      { id: "eff/g", downloads: 20 },
    ],
  ],
  [
    // newest: Bee/c's author spelled bee (same organisation), dee/f moved to acme (on every date)
    "2024-07-20",
    [
      { id: "acme/a", downloads: 950 },
      { id: "Bee/c", author: "bee", downloads: 420 },
      { id: "dee/f", author: "acme", downloads: 360 },
      { id: "eff/g", downloads: 360 },
      { id: "new/h", downloads: 8 },
    ],
  ],
  [
    // an older date re-loaded after the author changes: base of 07-10 (7 days) and of 07-20 (not: 07-13 → 07-10)
    "2024-07-03",
    [
      { id: "acme/a", downloads: 805 },
      { id: "Bee/c", author: "bee", downloads: 305 },
      { id: "dee/f", author: "acme", downloads: 330 },
      { id: "old/s", downloads: 75 },
    ],
  ],
];

/**
 * The task and library of each model of {@link RANK_LOADS} (org-ranking's roll-up by task and library, migration 19):
 * spellings that differ in case, a model without a task, one without a library; the newest load (07-20) moves acme/a
 * to another task and eff/g to another library, on every date.
 */
const RANK_FACETS: Record<string, { task?: string | null; library?: string | null }> = {
  "acme/a": { task: "text-generation", library: "transformers" },
  "acme/b": { task: "Text-Generation", library: "peft" },
  "Bee/c": { task: "fill-mask", library: "transformers" },
  "bee/d": { task: "text-generation", library: null },
  "dee/f": { task: null, library: "transformers" },
  "eff/g": { task: "text-generation", library: "Transformers" },
  "new/h": { task: "fill-mask", library: "peft" },
  "old/s": { task: "text-generation", library: "transformers" },
};
const RANK_FACETS_0720: Record<string, { task?: string | null; library?: string | null }> = {
  "acme/a": { task: "fill-mask" },
  "eff/g": { library: "peft" },
};
const RANK_LOADS_FACETED: Array<[string, Wire[]]> = RANK_LOADS.map(([date, models]) => [
  date,
  models.map((m) => ({ ...RANK_FACETS[m.id], ...(date === "2024-07-20" ? RANK_FACETS_0720[m.id] : {}), ...m })),
]);

/** The filters org-ranking's roll-up by task and library answers (one at a time; both at once: the statistics). */
const RANK_FILTERS: Array<Record<string, string>> = [
  { task: "text-generation" },
  { task: "FILL-MASK" },
  { library: "transformers" },
  { library: "peft" },
  { task: "no-such-task" },
];

/**
 * DuckDB's answers, the reference of both ClickHouse modes of the loads below: each mode's DuckDB store is given the
 * same loads in the same order, so the second mode reads the answers the first asked for ({@link memoQueries}, keyed by
 * the load) instead of asking its own store again — half of these tests' DuckDB time.
 */
const duckAnswers = new Map<string, Promise<unknown[]>>();

/** org-ranking through its text over every model (never the roll-up text): what the roll-up must equal. */
const orgRanking = CATALOG["org-ranking"] as NonNullable<(typeof CATALOG)[string]>;
const walkingOrgRanking = {
  ...orgRanking,
  sql: { duckdb: orgRanking.sql.duckdb, clickhouse: orgRanking.sql.clickhouse },
};

describe.skipIf(!live).each(["single", "two-shard"] as const)("org-ranking's roll-up on ClickHouse (%s)", (mode) => {
  let server: LocalClickHouse;
  let tmp: ReturnType<typeof tempDir>;
  let ch: ClickHouseStore;
  let duck: DuckDBStore;
  /** The loads `duck` has had (the state of {@link duckAnswers}). */
  let state = "";
  /** `duck` for questions, its answers shared with the other mode. */
  let ref: DuckDBStore;
  const db = `omo_org_rank_${mode.replace("-", "_")}`;

  beforeAll(async () => {
    tmp = tempDir();
    server = await startLocalClickHouse(mode);
    ch = await ClickHouseStore.open(server.storeUrl(db));
    duck = await DuckDBStore.open(path.join(tmp.dir, "omo.duckdb"));
    ref = memoQueries(duck, { kept: duckAnswers, state: () => state });
  }, 120_000);

  afterAll(async () => {
    await ch?.close();
    await duck?.close();
    server?.stop();
    tmp?.cleanup();
  });

  /**
   * Every date loaded so far (and none), every window: roll-up = DuckDB, every organisation's row (limit 50). After the
   * last load (`full`) also the walking text, a limit that cuts the list, every filter on every window and every k;
   * after the loads before it one window for the filters and one k (the walking text and the cuts doubled the test's
   * time for checks the last state makes; the loads in between are there for the roll-up's incremental writes).
   */
  async function expectSame(dates: readonly string[], load: number, full: boolean): Promise<number> {
    state = `rank loads ${load}`;
    let growth = 0;
    let filtered = 0;
    for (const date of [...dates, null, "2024-05-01"])
      for (const window of [7, 30, 90])
        for (const limit of full ? [2, 50] : [50]) {
          const p = { date, window, limit } as never;
          const got = (await ch.query(orgRanking as never, p)) as Array<Record<string, unknown>>;
          if (full)
            expect(got, `${date} ${window} ${limit} walk`).toEqual(await ch.query(walkingOrgRanking as never, p));
          expect(got, `${date} ${window} ${limit} duckdb`).toEqual(await ref.query(orgRanking as never, p));
          growth += got.filter((r) => r.commonRepos !== null && Number(r.commonRepos) > 0).length;
        }
    // with one filter (the roll-up by task and library, migration 19), and with both (the statistics): as DuckDB (the
    // text over every model is compared on the shipped sample below)
    for (const date of [...dates, null])
      for (const window of full ? [7, 30, 90] : [30])
        for (const filter of [...RANK_FILTERS, { task: "text-generation", library: "transformers" }]) {
          const p = { date, window, limit: 50, ...filter } as never;
          const got = (await ch.query(orgRanking as never, p)) as Array<Record<string, unknown>>;
          const what = `${date} ${window} ${JSON.stringify(filter)}`;
          expect(got, `${what} duckdb`).toEqual(await ref.query(orgRanking as never, p));
          filtered += got.length;
        }
    // the organisations' roll-up (migration 18: writers per generation) after the same loads, authors moved
    for (const date of dates)
      for (const name of ["concentration", "top-org-shares", "top-model-shares"])
        for (const k of full ? [1, 3, 10] : [3]) {
          const p = { date, k } as never;
          const q = CATALOG[name] as never;
          expect(await ch.query(q, p), `${name} ${date} ${k}`).toEqual(await ref.query(q, p));
        }
    expect(filtered).toBeGreaterThan(0);
    return growth;
  }

  it("answers as the text over every model and as DuckDB after each load (out of order, back-filled, re-loaded, authors moved)", async () => {
    const loaded = new Set<string>();
    for (const [i, load] of RANK_LOADS_FACETED.entries()) {
      for (const s of [duck, ch]) await loadAll(s, tmp.dir, [load]);
      loaded.add(load[0]);
      const growth = await expectSame([...loaded].sort(), i, i === RANK_LOADS_FACETED.length - 1);
      // from the third load on, some window has a base with common repos
      if (i >= 2) expect(growth).toBeGreaterThan(0);
    }
    // the last loads really moved dee/f to acme on every date, and 07-10's 30-day base is the back-filled 06-09
    const [top] = (await ch.query(orgRanking as never, { date: "2024-07-03", window: 30, limit: 1 } as never)) as Array<
      Record<string, unknown>
    >;
    expect(top).toMatchObject({ author: "acme", repos: 2, downloads: 805 + 330 });
    const rows = (await ch.query(orgRanking as never, { date: "2024-07-10", window: 30, limit: 50 } as never)) as Array<
      Record<string, unknown>
    >;
    expect(rows[0]).toMatchObject({ baseDate: "2024-06-09", author: "acme", commonRepos: 2, before: 650 + 40 });
    // acme/a moved to fill-mask (07-20) on every date: 07-03's fill-mask ranking has it, text-generation's not
    const fill = (await ch.query(
      orgRanking as never,
      {
        date: "2024-07-03",
        window: 30,
        limit: 5,
        task: "fill-mask",
      } as never,
    )) as Array<Record<string, unknown>>;
    expect(fill.find((r) => r.author === "acme")).toMatchObject({ repos: 1, downloads: 805 });
    const text = (await ch.query(
      orgRanking as never,
      {
        date: "2024-07-03",
        window: 30,
        limit: 5,
        task: "text-generation",
      } as never,
    )) as Array<Record<string, unknown>>;
    expect(text.find((r) => r.author === "acme")).toBeUndefined();
  }, 300_000);

  it("the roll-ups kept load after load equal the ones rebuilt whole, and migrations 16 and 19 build them on an existing store", async () => {
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(db)));
    try {
      const table = async () =>
        conn.rows(
          `SELECT toString(date) AS d, org, author, repos, downloads, likes, c7, l7, b7, a7, c30, l30, b30, a30, c90, l90,
  b90, a90 FROM rollup_org_rank_rows WHERE (load_id, date) IN (
    SELECT writer, date FROM rollup_org_rank_dates WHERE load_id = ${CURRENT_DIM_LOAD}) ORDER BY d, org`,
        );
      const kept = await table();
      expect(kept.length).toBeGreaterThan(15);
      // the last load (07-03 again, no author changed) wrote 07-03 and 07-10 (its 7-day base is 07-03) and listed the
      // load before as the other dates' writer; the garbage collection kept only the writers a generation lists
      const writers = await conn.rows<{ w: string; n: number }>(
        `SELECT writer AS w, count() AS n FROM rollup_org_rank_dates WHERE load_id = ${CURRENT_DIM_LOAD} GROUP BY w ORDER BY n`,
      );
      expect(writers.map((w) => Number(w.n))).toEqual([2, 4]);
      const stored = await conn.rows<{ l: string }>("SELECT DISTINCT load_id AS l FROM rollup_org_rank_rows");
      expect(stored.map((r) => r.l).sort()).toEqual(writers.map((w) => w.w).sort());
      // the roll-up by task and library (migration 19): the same writers (the last load changed no author, task or
      // library), the rows of the writers listed only
      const facets = async () =>
        conn.rows(
          `SELECT toString(date) AS d, dim, value, org, author, repos, downloads, likes, c7, l7, b7, a7, c30, l30, b30, a30,
  c90, l90, b90, a90 FROM rollup_org_facet_rows WHERE (load_id, date) IN (
    SELECT writer, date FROM rollup_org_facet_dates WHERE load_id = ${CURRENT_DIM_LOAD}) ORDER BY d, dim, value, org`,
        );
      const keptFacets = await facets();
      expect(keptFacets.length).toBeGreaterThan(kept.length);
      const facetWriters = await conn.rows<{ w: string; n: number }>(
        `SELECT writer AS w, count() AS n FROM rollup_org_facet_dates WHERE load_id = ${CURRENT_DIM_LOAD} GROUP BY w ORDER BY n`,
      );
      expect(facetWriters).toEqual(writers);
      const facetStored = await conn.rows<{ l: string }>("SELECT DISTINCT load_id AS l FROM rollup_org_facet_rows");
      expect(facetStored.map((r) => r.l).sort()).toEqual(writers.map((w) => w.w).sort());
      await ch.rebuildRollups();
      expect(await table()).toEqual(kept);
      expect(await facets()).toEqual(keptFacets);
      // a store from before migration 19
      await conn.command("DROP TABLE rollup_org_facet_rows");
      await conn.command("DROP TABLE rollup_org_facet_dates");
      await forgetMigrations(conn, "version != 19");
      const reopened = await ClickHouseStore.open(server.storeUrl(db));
      try {
        expect(await facets()).toEqual(keptFacets);
      } finally {
        await reopened.close();
      }
      // a store from before migration 16: no table, the version not recorded
      await conn.command("DROP TABLE rollup_org_rank_rows");
      await conn.command("DROP TABLE rollup_org_rank_dates");
      await forgetMigrations(conn, "version != 16");
      const migrated = await ClickHouseStore.open(server.storeUrl(db));
      try {
        expect(await table()).toEqual(kept);
      } finally {
        await migrated.close();
      }
    } finally {
      await conn.close();
    }
  }, 300_000);
});

/**
 * org-ranking's roll-up by task and library (ClickHouse migration 19) on the shipped sample (59,134 real models, their
 * real tasks and libraries): the listing at 2024-07-11, then 07-20 with other counts, some models moved to another task
 * (text-generation → text2text-generation), some to another library (peft → transformers), some losing their task and
 * some not listed, then 08-25 with half of those moves taken back — a load that changes models' tasks, so the other
 * dates are rewritten. After each load, with each filter the loads move, every organisation's row (the largest limit)
 * on every date and window is what DuckDB answers; after the last, with every filter, also what the statistics answer.
 * On two shards only (the roll-up's writer reads the statistics through the Distributed tables, each shard's models):
 * one node runs the same roll-up texts on local tables, and the loads above check it case by case in both modes; the
 * real sample's second run cost ~40 s of the suite's CPU for no path of its own.
 */
function shippedLoads(): Array<[string, string[]]> {
  const lines = gunzipSync(readFileSync(SHIPPED_SAMPLE.july)).toString("utf8").trim().split("\n");
  const july = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const moved = (o: Record<string, unknown>, i: number, half: boolean) => {
    const m = { ...o };
    if (typeof m.downloads === "number") m.downloads = Math.floor((m.downloads * (90 + (i % 25))) / 100);
    const back = half && i % 2 === 0;
    if (m.pipeline_tag === "text-generation" && i % 5 === 0 && !back) m.pipeline_tag = "text2text-generation";
    if (m.library_name === "peft" && i % 9 === 0 && !back) m.library_name = "transformers";
    if (m.pipeline_tag !== undefined && i % 13 === 0 && !back) m.pipeline_tag = null;
    return m;
  };
  const later = july.flatMap((o, i) => (i % 17 === 3 ? [] : [JSON.stringify(moved(o, i, false))]));
  const latest = july.map((o, i) => JSON.stringify(moved(o, i + 1, true)));
  return [
    ["2024-07-11", lines],
    ["2024-07-20", later],
    ["2024-08-25", latest],
  ];
}

describe.skipIf(!live).each(["two-shard"] as const)(
  "org-ranking's roll-up by task and library on the shipped sample (ClickHouse %s)",
  (mode) => {
    let server: LocalClickHouse;
    let tmp: ReturnType<typeof tempDir>;
    let ch: ClickHouseStore;
    let duck: DuckDBStore;

    beforeAll(async () => {
      tmp = tempDir();
      server = await startLocalClickHouse(mode);
      ch = await ClickHouseStore.open(server.storeUrl(`omo_org_facet_${mode.replace("-", "_")}`));
      duck = await DuckDBStore.open(path.join(tmp.dir, "omo.duckdb"));
    }, 120_000);

    afterAll(async () => {
      await ch?.close();
      await duck?.close();
      server?.stop();
      tmp?.cleanup();
    });

    it("answers what the statistics and DuckDB answer for a task and for a library, after loads that move models", async () => {
      const filters: Array<Record<string, string>> = [
        { task: "text-generation" },
        { task: "TEXT2TEXT-generation" },
        { task: "text-to-image" },
        { task: "automatic-speech-recognition" },
        { library: "transformers" },
        { library: "PEFT" },
        { library: "diffusers" },
      ];
      const MOVED = new Set(["text-generation", "TEXT2TEXT-generation", "transformers", "PEFT"]);
      const loaded: string[] = [];
      let compared = 0;
      const loads = shippedLoads();
      for (const [n, [date, lines]] of loads.entries()) {
        const file = path.join(tmp.dir, `shipped-${date}.jsonl`);
        writeFileSync(file, `${lines.join("\n")}\n`);
        for (const s of [duck, ch]) {
          const l = await s.beginLoad();
          await l.stage({ path: file, format: "jsonl", label: file, defaultDate: date });
          await l.commit({ source: `test:org-facets-${n}` });
        }
        loaded.push(date);
        const last = n === loads.length - 1;
        // after the loads before the last, the tasks and libraries the loads move (the others, unmoved, at the end)
        for (const d of [...loaded, null])
          for (const window of [7, 30])
            for (const filter of last ? filters : filters.filter((f) => MOVED.has(f.task ?? f.library ?? ""))) {
              const p = { date: d, window, limit: 10_000, ...filter } as never;
              const got = (await ch.query(orgRanking as never, p)) as Array<Record<string, unknown>>;
              const what = `${d} ${window} ${JSON.stringify(filter)}`;
              // the walking text after the last load (it is the slow one; DuckDB after every load)
              if (last) expect(got, `${what} walk`).toEqual(await ch.query(walkingOrgRanking as never, p));
              expect(got, `${what} duckdb`).toEqual(await duck.query(orgRanking as never, p));
              compared += got.length;
            }
      }
      expect(compared).toBeGreaterThan(10_000);
      // the moves are in the answers: at 07-11, before any move, each task counts the models whose latest task (08-25,
      // where every model is listed) it is
      const latest = (loads[2] as [string, string[]])[1].map((l) => JSON.parse(l) as { pipeline_tag?: string });
      for (const task of ["text-generation", "text2text-generation"]) {
        const rows = (await ch.query(
          orgRanking as never,
          {
            date: "2024-07-11",
            window: 7,
            limit: 10_000,
            task,
          } as never,
        )) as Array<Record<string, unknown>>;
        const repos = rows.reduce((a, r) => a + Number(r.repos), 0);
        expect(repos, task).toBe(latest.filter((m) => m.pipeline_tag?.toLowerCase() === task).length);
        expect(repos, task).toBeGreaterThan(100);
      }
    }, 600_000);
  },
);
