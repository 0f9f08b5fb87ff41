/**
 * The per-snapshot roll-ups (issue 15, DuckDB migration 008, ClickHouse migration 8): after loads that change
 * licences, gating and authors of models listed on other dates — an older date loaded after a newer one, a date
 * re-loaded, a model dropped, card licences stored, the licence map refreshed — openness-by-class, concentration,
 * top-org-shares and top-model-shares read from the roll-ups answer, for every date, exactly what a walk over every
 * model of the snapshot answers (the catalog SQL before the roll-ups, kept here as the reference); ClickHouse (one
 * node and two shards) answers as DuckDB does; and a roll-up kept up load after load equals one rebuilt whole.
 * org-ranking's roll-ups (ClickHouse migrations 16 and 19): org-rank-rollups.test.ts.
 */
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { licenceRows, loadLicences } from "../../src/domain/licences.js";
import { defineQuery } from "../../src/queries/catalog.js";
import { CATALOG } from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import { ClickHouseConnection, parseClickHouseUrl } from "../../src/store/clickhouse/connection.js";
import { CURRENT_DIM_LOAD } from "../../src/store/clickhouse/migrations.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import type { Store } from "../../src/store/store.js";
import {
  clickHouseLive,
  forgetMigrations,
  type LocalClickHouse,
  memoQueries,
  startLocalClickHouse,
} from "../contract/clickhouse.js";
import { tempDir } from "../helpers.js";
import { loadAll as loadListings, type Wire } from "../support/listing-loads.js";

const live = clickHouseLive();

/** Loads `loads` (default {@link LOADS}) through the store's load path. */
function loadAll(store: Store, dir: string, loads = LOADS): Promise<void> {
  return loadListings(store, dir, loads);
}

/** The listings, in load order (dates out of order, 07-02 loaded twice). */
const LOADS: Array<[string, Wire[]]> = [
  [
    "2024-07-02",
    [
      {
        id: "acme/x",
        downloads: 500,
        licence: "apache-2.0",
        gated: false,
        task: "text-generation",
        library: "transformers",
      },
      { id: "acme/y", downloads: 300, licence: "mit", gated: "auto", task: "text-generation", library: "transformers" },
      { id: "Bee/z", author: "Bee", downloads: 250, licence: "other", task: "text-classification" },
      { id: "bee/w", author: "bee", downloads: 40, gated: null, library: "diffusers" },
      {
        id: "cee/v",
        downloads: 900,
        licence: "llama2",
        gated: "manual",
        task: "text-generation",
        library: "transformers",
      },
      { id: "cee/u", downloads: null, licence: "mit", task: "", library: "peft" },
      { id: "dee/t", downloads: 250, licence: "unknown" },
    ],
  ],
  [
    // older: its metadata (acme/x's task and library too) loses to 07-02's, but it lists a model 07-02 does not
    "2024-07-01",
    [
      { id: "acme/x", downloads: 400, licence: "cc-by-nc-4.0", gated: "manual", task: "fill-mask", library: "timm" },
      { id: "acme/y", downloads: 200, licence: "mit", gated: false, task: "text-generation", library: "transformers" },
      { id: "Bee/z", author: "Bee", downloads: 100, licence: "other", task: "text-classification" },
      { id: "cee/v", downloads: 800, licence: "llama2", task: "text-generation", library: "transformers" },
      { id: "old/s", downloads: 70, licence: "bsd-3-clause", task: "fill-mask", library: "transformers" },
    ],
  ],
  [
    // newer: acme/x changes licence, gating and task, acme/y its gating and library, Bee/z its author's spelling (and
    // organisation bee) and loses its task, bee/w gains one, cee/v is gone, dee/t loses its tag, a new model
    "2024-07-03",
    [
      {
        id: "acme/x",
        downloads: 650,
        licence: "cc-by-nc-4.0",
        gated: "manual",
        task: "text2text-generation",
        library: "transformers",
      },
      { id: "acme/y", downloads: 310, licence: "mit", gated: false, task: "text-generation", library: "peft" },
      { id: "Bee/z", author: "bee", downloads: 260, licence: "other", task: null },
      { id: "bee/w", author: "bee", downloads: 45, gated: null, task: "text-to-image", library: "diffusers" },
      { id: "cee/u", downloads: 5, licence: "mit", task: "", library: "peft" },
      { id: "dee/t", downloads: 250 },
      { id: "eff/r", downloads: 1000, licence: "openrail", task: "text-to-image", library: "diffusers" },
    ],
  ],
  [
    // 07-02 again: replaces its statistics; its metadata is older than 07-03's, so no licence changes
    "2024-07-02",
    [
      {
        id: "acme/x",
        downloads: 520,
        licence: "apache-2.0",
        gated: false,
        task: "text-generation",
        library: "transformers",
      },
      { id: "acme/y", downloads: 300, licence: "mit", gated: "auto", task: "text-generation", library: "transformers" },
      { id: "Bee/z", author: "Bee", downloads: 250, licence: "other", task: "text-classification" },
      {
        id: "cee/v",
        downloads: 900,
        licence: "llama2",
        gated: "manual",
        task: "text-generation",
        library: "transformers",
      },
      { id: "dee/t", downloads: 250, licence: "unknown" },
      { id: "gee/q", downloads: 10, licence: "gpl-3.0", gated: "auto", task: "fill-mask", library: "timm" },
    ],
  ],
  [
    // newest: the author's spelling back, a licence back to a tagged one, Bee/z's task back, acme/x loses its library,
    // dee/t gains a task
    "2024-07-04",
    [
      {
        id: "acme/x",
        downloads: 700,
        licence: "apache-2.0",
        gated: "auto",
        task: "text2text-generation",
        library: null,
      },
      { id: "Bee/z", author: "Bee", downloads: 300, licence: "other", task: "text-classification" },
      { id: "bee/w", author: "bee", downloads: null, task: "text-to-image", library: "diffusers" },
      { id: "dee/t", downloads: 251, licence: "unknown", task: "text-generation" },
      { id: "eff/r", downloads: 999, licence: "openrail", task: "text-to-image", library: "diffusers" },
    ],
  ],
];

const DATES = ["2024-07-01", "2024-07-02", "2024-07-03", "2024-07-04"];

/**
 * A load after card licences are stored: Bee/z's tag becomes apache-2.0 (its card's name no longer applies, on every
 * date), dee/t is tagged other (its newer card names none) and trades its task for a library, acme/x's task and library
 * change again, new/p is first listed, tagged other, its card stored before.
 */
const LATER: [string, Wire[]] = [
  "2024-07-05",
  [
    {
      id: "acme/x",
      downloads: 710,
      licence: "apache-2.0",
      gated: "auto",
      task: "text-generation",
      library: "transformers",
    },
    { id: "Bee/z", author: "Bee", downloads: 320, licence: "apache-2.0", task: "text-classification" },
    { id: "dee/t", downloads: 260, licence: "other", task: null, library: "peft" },
    { id: "new/p", downloads: 77, licence: "other", gated: "manual", task: "fill-mask", library: "timm" },
  ],
];
const ALL_DATES = [...DATES, LATER[0]];

const Count = z.coerce.number();

/** The walk over every model of the snapshot: openness-by-class without filters as it was before the roll-ups. */
const walkOpenness = defineQuery({
  name: "walk-openness",
  description: "reference",
  params: z.object({ date: z.string() }),
  sql: {
    duckdb: `WITH d AS (SELECT max(date) AS date FROM snapshot WHERE status = 'complete' AND date = $date::DATE),
base AS (
  SELECT coalesce(lc.class, 'unknown') AS class, m.gated, s.downloads
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
    LEFT JOIN model_card_licence cl ON cl.key = m.key
    LEFT JOIN licence_class lc ON lc.tag = CASE WHEN (m.license IS NULL OR lower(m.license) IN ('other', 'unknown'))
      AND cl.license_name IS NOT NULL THEN 'name:' || lower(cl.license_name) ELSE lower(m.license) END
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, class, count(*) AS repos,
  coalesce(sum(downloads), 0) AS downloads,
  coalesce(coalesce(sum(downloads), 0) / nullif(sum(sum(downloads)) OVER (), 0), 0) AS share,
  count(*) FILTER (WHERE gated IN ('auto', 'manual')) AS gatedRepos,
  coalesce(sum(downloads) FILTER (WHERE gated IN ('auto', 'manual')), 0) AS gatedDownloads,
  count(*) FILTER (WHERE gated IS NULL) AS gatingUnknown
FROM base GROUP BY class ORDER BY class`,
  },
  row: z.object({
    date: z.string().nullable(),
    class: z.string(),
    repos: Count,
    downloads: Count,
    share: z.coerce.number(),
    gatedRepos: Count,
    gatedDownloads: Count,
    gatingUnknown: Count,
  }),
});

/** The walk: per organisation and per model, the shares concentration, top-org-shares and top-model-shares read. */
const SHARES = `WITH d AS (SELECT max(date) AS date FROM snapshot WHERE status = 'complete' AND date = $date::DATE),
s AS (
  SELECT m.id, m.author, st.downloads FROM d JOIN model_stats st ON st.date = d.date JOIN model m ON m.mid = st.mid
  WHERE st.downloads IS NOT NULL
),
t AS (SELECT coalesce(sum(downloads), 0) AS total, count(*) AS models, count(DISTINCT lower(author)) AS orgs FROM s),
o AS (SELECT min(author) AS author, count(*) AS repos, sum(downloads) AS downloads FROM s GROUP BY lower(author))`;

const walkShares = defineQuery({
  name: "walk-shares",
  description: "reference",
  params: z.object({ date: z.string(), k: z.number() }),
  sql: {
    duckdb: `${SHARES},
tm AS (SELECT coalesce(sum(downloads), 0) AS downloads FROM (SELECT downloads FROM s ORDER BY downloads DESC LIMIT $k)),
tg AS (SELECT coalesce(sum(downloads), 0) AS downloads FROM (SELECT downloads FROM o ORDER BY downloads DESC LIMIT $k)),
h AS (SELECT list_sum(list(sh * sh ORDER BY sh * sh)) AS hhi
  FROM (SELECT 100.0 * o.downloads / nullif(t.total, 0) AS sh FROM o, t)),
mo AS (SELECT list({'id': id, 'author': author, 'downloads': downloads} ORDER BY downloads DESC, id) AS l FROM s),
og AS (SELECT list({'author': author, 'repos': repos, 'downloads': downloads} ORDER BY downloads DESC, lower(author)) AS l FROM o)
SELECT t.models, t.orgs, t.total AS downloads, tm.downloads AS topModelsDownloads, tg.downloads AS topOrgsDownloads,
  h.hhi, to_json(mo.l[1:$k])::VARCHAR AS models_top, to_json(og.l[1:$k])::VARCHAR AS orgs_top
FROM d, t, tm, tg, h, mo, og WHERE d.date IS NOT NULL`,
  },
  row: z.object({
    models: Count,
    orgs: Count,
    downloads: Count,
    topModelsDownloads: Count,
    topOrgsDownloads: Count,
    hhi: z.number().nullable(),
    models_top: z.string(),
    orgs_top: z.string(),
  }),
});

/** What the catalog answers at `date` with the roll-ups, for the comparisons. */
async function answers(store: Store, date: string) {
  const q = (name: string, params: Record<string, unknown>) =>
    store.query(CATALOG[name] as never, params as never) as Promise<Array<Record<string, unknown>>>;
  const out: Record<string, unknown> = {
    openness: await q("openness-by-class", { date }),
    // every snapshot: from the roll-up without filters; with a family of every model (".*"), over every model
    series: await q("openness-series", {}),
    seriesEveryModel: await q("openness-series", { official: ".*" }),
  };
  for (const dimension of ["task", "library"])
    out[`facets ${dimension}`] = await q("model-facets", { date, dimension });
  for (const k of [1, 2, 3, 4, 10]) {
    out[`concentration ${k}`] = await q("concentration", { date, k });
    out[`top-model-shares ${k}`] = await q("top-model-shares", { date, k });
    out[`top-org-shares ${k}`] = await q("top-org-shares", { date, k });
  }
  return out;
}

/** Bee/z tagged `other`: its card names llama3 (vendor-community); dee/t tagged `unknown`: its card names MIT. */
const CARDS = [
  { id: "Bee/z", licenseName: "llama3", licenseLink: null, cardLicense: "other", fetchedOn: "2024-07-05", source: "t" },
  { id: "dee/t", licenseName: "MIT", licenseLink: null, cardLicense: "unknown", fetchedOn: "2024-07-05", source: "t" },
];

/**
 * Newer fetches: Bee/z's card now names a research licence (non-commercial), dee/t's none; acme/y is tagged mit (its
 * card changes nothing); new/p is not listed yet (its card applies from its first load); zz/none is never listed.
 */
const CARDS_LATER = [
  {
    id: "Bee/z",
    licenseName: "Tongyi-Qianwen-Research",
    licenseLink: null,
    cardLicense: "other",
    fetchedOn: "2024-07-06",
    source: "t",
  },
  { id: "dee/t", licenseName: null, licenseLink: null, cardLicense: "unknown", fetchedOn: "2024-07-06", source: "t" },
  { id: "acme/y", licenseName: "qwen", licenseLink: null, cardLicense: "mit", fetchedOn: "2024-07-06", source: "t" },
  { id: "new/p", licenseName: "llama3", licenseLink: null, cardLicense: "other", fetchedOn: "2024-07-06", source: "t" },
  { id: "zz/none", licenseName: "mnpl", licenseLink: null, cardLicense: "other", fetchedOn: "2024-07-06", source: "t" },
];

describe("roll-ups on DuckDB", () => {
  let tmp: ReturnType<typeof tempDir>;
  let duck: DuckDBStore;

  beforeAll(async () => {
    tmp = tempDir();
    duck = await DuckDBStore.open(path.join(tmp.dir, "omo.duckdb"));
    await duck.refreshLicences(licenceRows(await loadLicences()));
    await loadAll(duck, tmp.dir);
  }, 60_000);

  afterAll(async () => {
    await duck?.close();
    tmp?.cleanup();
  });

  async function expectWalk(store: Store, dates = DATES): Promise<void> {
    for (const date of dates) {
      const got = await answers(store, date);
      expect(got.series, "openness-series").toEqual(got.seriesEveryModel);
      expect((got.series as unknown[]).length).toBeGreaterThan(0);
      const walk = await store.query(walkOpenness, { date });
      const byClass = [...(got.openness as Array<{ class: string }>)].sort((a, b) => a.class.localeCompare(b.class));
      expect(byClass, `openness ${date}`).toEqual(walk);
      expect(walk.length).toBeGreaterThan(0);
      for (const k of [1, 2, 3, 4, 10]) {
        const [w] = await store.query(walkShares, { date, k });
        const [c] = got[`concentration ${k}`] as Array<Record<string, unknown>>;
        expect(c, `concentration ${date} k=${k}`).toMatchObject({
          date,
          models: w?.models,
          orgs: w?.orgs,
          downloads: w?.downloads,
          topModelsDownloads: w?.topModelsDownloads,
          topOrgsDownloads: w?.topOrgsDownloads,
          hhi: w?.hhi,
        });
        const models = (got[`top-model-shares ${k}`] as Array<Record<string, unknown>>).map((r) => ({
          id: r.id,
          author: r.author,
          downloads: r.downloads,
        }));
        expect(models, `top-model-shares ${date} k=${k}`).toEqual(JSON.parse(w?.models_top ?? "[]"));
        const orgs = (got[`top-org-shares ${k}`] as Array<Record<string, unknown>>).map((r) => ({
          author: r.author,
          repos: r.repos,
          downloads: r.downloads,
        }));
        expect(orgs, `top-org-shares ${date} k=${k}`).toEqual(JSON.parse(w?.orgs_top ?? "[]"));
      }
    }
  }

  it("answers as the walk over every model, on every date, after loads that change other dates' classes", async () => {
    // the loads really moved models between groups on other dates
    const [x] = await duck.query(CATALOG.model as never, { id: "acme/x", date: "2024-07-01" } as never);
    expect((x as { licenceClass: string }).licenceClass).toBe("open-source");
    await expectWalk(duck);
  });

  it("…and after card licences are stored and the licence map changes (classes applied when read)", async () => {
    await duck.saveCardLicences(CARDS);
    await expectWalk(duck);
    const open = await duck.query(CATALOG["openness-by-class"] as never, { date: "2024-07-02" } as never);
    expect(open).toContainEqual(expect.objectContaining({ class: "vendor-community", repos: 2, downloads: 1150 }));
    const rows = licenceRows(await loadLicences()).map((r) => (r.tag === "mit" ? { ...r, class: "closed-api" } : r));
    await duck.refreshLicences(rows);
    await expectWalk(duck);
  });

  it("…when newer cards name another licence or none, and on a load after card licences", async () => {
    const open = async (date: string) =>
      (await duck.query(CATALOG["openness-by-class"] as never, { date } as never)) as Array<Record<string, unknown>>;
    await duck.saveCardLicences(CARDS_LATER);
    await expectWalk(duck);
    // Bee/z (250 on 07-02) moved from llama3's class to the research licence's, on an older date
    expect(await open("2024-07-02")).toContainEqual(
      expect.objectContaining({ class: "non-commercial", repos: 1, downloads: 250 }),
    );
    await loadAll(duck, tmp.dir, [LATER]);
    await expectWalk(duck, ALL_DATES);
    // new/p's card, stored before its first load, applies: llama3 is vendor-community
    expect(await open("2024-07-05")).toContainEqual(
      expect.objectContaining({ class: "vendor-community", repos: 1, downloads: 77, gatedRepos: 1 }),
    );
    // Bee/z is tagged apache-2.0 now: on every date in open-source, no longer in the research licence's class
    expect((await open("2024-07-02")).map((r) => r.class)).not.toContain("non-commercial");
  });

  it("migration 011 regroups the licence roll-up of a store whose card licences were stored before it", async () => {
    const file = path.join(tmp.dir, "pre-011.duckdb");
    const old = await DuckDBStore.open(file);
    await old.refreshLicences(licenceRows(await loadLicences()));
    await loadAll(old, tmp.dir);
    await old.saveCardLicences(CARDS);
    await old.close();
    // the roll-up as migration 008 wrote it (by stored tag: the cards were applied when read), version 11 not applied
    const inst = await DuckDBInstance.create(file);
    const c = await inst.connect();
    await c.run("DELETE FROM rollup_licence");
    await c.run(`INSERT INTO rollup_licence
SELECT s.date, lower(m.license), CASE WHEN m.gated IN ('auto', 'manual') THEN 'gated' WHEN m.gated IS NULL THEN 'unknown' ELSE 'open' END,
  count(*), coalesce(sum(s.downloads), 0) FROM model_stats s JOIN model m ON m.mid = s.mid GROUP BY ALL`);
    c.closeSync();
    inst.closeSync();
    // so read, Bee/z and dee/t are in their tags' class: not what the walk answers
    const stale = await DuckDBStore.open(file);
    const at = { date: "2024-07-02" };
    const byClass = (rows: Array<{ class: string }>) => [...rows].sort((a, b) => a.class.localeCompare(b.class));
    expect(byClass((await stale.query(CATALOG["openness-by-class"] as never, at as never)) as never)).not.toEqual(
      await stale.query(walkOpenness, at),
    );
    await stale.close();
    const inst2 = await DuckDBInstance.create(file);
    const c2 = await inst2.connect();
    await c2.run("DELETE FROM schema_migrations WHERE version = 11");
    c2.closeSync();
    inst2.closeSync();
    const migrated = await DuckDBStore.open(file);
    try {
      await expectWalk(migrated);
    } finally {
      await migrated.close();
    }
  });

  it("the roll-ups kept load after load equal the ones rebuilt whole", async () => {
    const table = async (t: string) =>
      JSON.stringify(
        await duck.query(
          defineQuery({
            name: "rows",
            description: "roll-up rows",
            params: z.object({}),
            sql: { duckdb: `SELECT to_json(list(r ORDER BY r))::VARCHAR AS j FROM ${t} r` },
            row: z.object({ j: z.string().nullable() }),
          }),
          {},
        ),
      );
    const tables = ["rollup_licence", "rollup_org", "rollup_top"];
    const kept = await Promise.all(tables.map(table));
    expect(kept[0]).toContain("openrail");
    await duck.rebuildRollups();
    expect(await Promise.all(tables.map(table))).toEqual(kept);
  });

  it("keeps the models ranked within the 10,000 largest counts of a date, ties at the 10,000th included", async () => {
    // 10,012 models: 9,997 distinct counts, then 6 tied at the 9,998th–10,003rd place, then lower ones and a null
    const models: Wire[] = [];
    for (let i = 0; i < 9_997; i++) models.push({ id: `top/m${i}`, downloads: 100_000 - i });
    for (let i = 0; i < 6; i++) models.push({ id: `tie/m${i}`, downloads: 50_000 });
    for (let i = 0; i < 8; i++) models.push({ id: `low/m${i}`, downloads: 10 + i });
    models.push({ id: "low/none", downloads: null });
    const dir = tempDir();
    const store = await DuckDBStore.open(path.join(dir.dir, "top.duckdb"));
    try {
      await loadAll(store, dir.dir, [["2024-07-09", models]]);
      const rows = (sql: string) =>
        store.query(
          defineQuery({
            name: "rows",
            description: "rows",
            params: z.object({}),
            sql: { duckdb: sql },
            row: z.object({ n: z.number(), j: z.string().nullable() }),
          }),
          {},
        );
      const kept = await rows(
        "SELECT count(*)::INTEGER AS n, to_json(list([mid, downloads] ORDER BY mid))::VARCHAR AS j FROM rollup_top",
      );
      // the definition: rank() <= 10,000 over the date's non-null counts
      const ranked =
        await rows(`SELECT count(*)::INTEGER AS n, to_json(list([mid, downloads] ORDER BY mid))::VARCHAR AS j
FROM (SELECT mid, downloads FROM model_stats WHERE downloads IS NOT NULL
  QUALIFY rank() OVER (PARTITION BY date ORDER BY downloads DESC) <= 10000)`);
      expect(kept[0]?.n).toBe(9_997 + 6);
      expect(kept).toEqual(ranked);
    } finally {
      await store.close();
      dir.cleanup();
    }
  });
});

/**
 * model-facets as ClickHouse computed it before the facet roll-up (migration 17): the date's statistics joined to the
 * current dimension, through the `model_stats` and `model` views. What the roll-up must answer.
 */
const walkFacets = defineQuery({
  name: "walk-facets",
  description: "reference",
  params: z.object({ date: z.string(), dimension: z.string() }),
  sql: {
    duckdb: "SELECT 1",
    clickhouse: `SELECT value, count() AS repos, ifNull(sum(downloads), 0) AS downloads FROM (
  SELECT key, downloads FROM model_stats WHERE date = (SELECT max(date) FROM snapshot WHERE date = toDate($date))
) ALL INNER JOIN (SELECT key, if($dimension = 'task', pipeline_tag, library_name) AS value FROM model) USING key
WHERE isNotNull(value) AND value != '' GROUP BY value ORDER BY downloads DESC, value`,
  },
  row: z.object({ value: z.string(), repos: Count, downloads: Count }),
});

/** openness-by-class through its ClickHouse text over every model, never the roll-up text: what that must equal. */
const openness = CATALOG["openness-by-class"] as NonNullable<(typeof CATALOG)[string]>;
const everyModelOpenness = {
  ...openness,
  sql: { duckdb: openness.sql.duckdb, clickhouse: openness.sql.clickhouse, clickhouseWalk: true as const },
};

/**
 * DuckDB's answers, the reference of both ClickHouse modes below: each mode's DuckDB store goes through the same writes
 * in the same order, so the second mode reads the answers the first asked for ({@link memoQueries}, keyed by the write).
 */
const duckAnswers = new Map<string, Promise<unknown[]>>();

describe.skipIf(!live).each(["single", "two-shard"] as const)("roll-ups on ClickHouse (%s)", (mode) => {
  let server: LocalClickHouse;
  let tmp: ReturnType<typeof tempDir>;
  let ch: ClickHouseStore;
  let duck: DuckDBStore;
  /** How many writes the DuckDB store has had since its loads (the state of {@link duckAnswers}). */
  let step = 0;
  /** `duck` for questions, its answers shared with the other mode. */
  let ref: DuckDBStore;
  /** Runs one write on both stores (DuckDB first), a new step for DuckDB's answers. */
  async function onBoth(write: (s: Store) => Promise<unknown>): Promise<void> {
    for (const s of [duck, ch]) await write(s);
    step += 1;
  }
  /**
   * Whether this mode compares the state before a later write of the same test: one node compares every state, two
   * shards the last of each test (the roll-ups' writers run the same texts on both; each later state builds on the
   * earlier ones, and what two shards add — where rows are read and written — shows there).
   */
  const everyState = mode === "single";

  beforeAll(async () => {
    tmp = tempDir();
    server = await startLocalClickHouse(mode);
    ch = await ClickHouseStore.open(server.storeUrl(`omo_rollups_${mode.replace("-", "_")}`));
    duck = await DuckDBStore.open(path.join(tmp.dir, "omo.duckdb"));
    ref = memoQueries(duck, { kept: duckAnswers, state: () => String(step) });
    for (const s of [duck, ch]) {
      await s.refreshLicences(licenceRows(await loadLicences()));
      await loadAll(s, tmp.dir);
    }
  }, 120_000);

  afterAll(async () => {
    await ch?.close();
    await duck?.close();
    server?.stop();
    tmp?.cleanup();
  });

  /** Answers as DuckDB on every date, and its openness roll-up text answers as its text over every model. */
  async function expectSame(dates: readonly string[]): Promise<void> {
    for (const date of dates) {
      const got = await answers(ch, date);
      expect(got, date).toEqual(await answers(ref, date));
      expect(got.series, `openness-series ${date}`).toEqual(got.seriesEveryModel);
      expect(await ch.query(everyModelOpenness as never, { date } as never), `every model ${date}`).toEqual(
        await ch.query(openness as never, { date } as never),
      );
      for (const dimension of ["task", "library"]) {
        const walk = await ch.query(walkFacets, { date, dimension });
        expect(walk.length).toBeGreaterThan(0);
        expect(got[`facets ${dimension}`], `facets ${dimension} ${date}`).toEqual(walk);
      }
    }
  }

  /** The current generation's facet roll-up rows, in order. */
  async function facetRows(): Promise<string> {
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(`omo_rollups_${mode.replace("-", "_")}`)));
    try {
      return JSON.stringify(
        await conn.rows(`SELECT dim, toString(date) AS d, value, repos, downloads FROM rollup_facet_rows
WHERE load_id = ${CURRENT_DIM_LOAD} ORDER BY dim, d, value`),
      );
    } finally {
      await conn.close();
    }
  }

  it("answers as DuckDB on every date, before and after card licences and a licence map change", async () => {
    if (everyState) await expectSame(DATES);
    // later loads moved acme/x on 07-01 and 07-02 to its newest task and out of every library (07-04 names none), and
    // Bee/z back into text-classification after 07-03 named no task
    const at = async (date: string, dimension: string) =>
      (await ch.query(CATALOG["model-facets"] as never, { date, dimension } as never)) as Array<
        Record<string, unknown>
      >;
    expect(await at("2024-07-01", "task")).toEqual([
      { value: "text-generation", repos: 2, downloads: 1000 },
      { value: "text2text-generation", repos: 1, downloads: 400 },
      { value: "text-classification", repos: 1, downloads: 100 },
      { value: "fill-mask", repos: 1, downloads: 70 },
    ]);
    expect(await at("2024-07-01", "library")).toEqual([
      { value: "transformers", repos: 2, downloads: 870 },
      { value: "peft", repos: 1, downloads: 200 },
    ]);
    await onBoth((s) => s.saveCardLicences(CARDS));
    if (everyState) await expectSame(DATES);
    const rows = licenceRows(await loadLicences()).map((r) => (r.tag === "mit" ? { ...r, class: "closed-api" } : r));
    await onBoth((s) => s.refreshLicences(rows));
    await expectSame(DATES);
  });

  it("…after newer cards (another licence, none) and a load after card licences", async () => {
    await onBoth((s) => s.saveCardLicences(CARDS_LATER));
    if (everyState) await expectSame(DATES);
    await onBoth((s) => loadAll(s, tmp.dir, [LATER]));
    await expectSame(ALL_DATES);
  });

  /** The organisations' rows the current generation reads (its writer of each date, migration 18), in order. */
  async function orgRows(): Promise<string> {
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(`omo_rollups_${mode.replace("-", "_")}`)));
    try {
      return JSON.stringify(
        await conn.rows(`SELECT toString(date) AS d, org, author, repos, downloads FROM rollup_org_rows
WHERE (load_id, date) IN (SELECT writer, date FROM rollup_org_dates WHERE load_id = ${CURRENT_DIM_LOAD}) ORDER BY d, org`),
      );
    } finally {
      await conn.close();
    }
  }

  it("the roll-ups kept load after load equal the ones rebuilt whole", async () => {
    const before = [];
    for (const date of ALL_DATES) before.push(await answers(ch, date));
    const facets = await facetRows();
    expect(facets).toContain('"value":"text-to-image"');
    const orgs = await orgRows();
    expect(orgs).toContain('"org":"bee"');
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(`omo_rollups_${mode.replace("-", "_")}`)));
    try {
      // the last load (07-05, Bee/z's spelling unchanged since 07-04) wrote its own date only and listed the load of
      // 07-04 (which changed the spelling back: it rewrote every date) as the other dates' writer; the clean-up kept
      // only the rows of listed writers
      const writers = await conn.rows<{ w: string; n: number }>(
        `SELECT writer AS w, count() AS n FROM rollup_org_dates WHERE load_id = ${CURRENT_DIM_LOAD} GROUP BY w ORDER BY n`,
      );
      expect(writers.map((w) => Number(w.n))).toEqual([1, 4]);
      const stored = await conn.rows<{ l: string }>("SELECT DISTINCT load_id AS l FROM rollup_org_rows");
      expect(stored.map((r) => r.l).sort()).toEqual(writers.map((w) => w.w).sort());
    } finally {
      await conn.close();
    }
    await ch.rebuildRollups();
    for (const [i, date] of ALL_DATES.entries()) expect(await answers(ch, date), date).toEqual(before[i]);
    expect(await facetRows()).toEqual(facets);
    expect(await orgRows()).toEqual(orgs);
  });

  it("migration 14 regroups the licence roll-up of a store whose card licences were stored before it", async () => {
    const url = server.storeUrl(`omo_rollups_${mode.replace("-", "_")}`);
    const conn = new ClickHouseConnection(parseClickHouseUrl(url));
    try {
      // the roll-up as migration 8 wrote it (by stored tag: the cards were applied when read), version 14 not applied
      await conn.command("TRUNCATE TABLE rollup_licence_rows");
      await conn.command(`INSERT INTO rollup_licence_rows (load_id, date, lic, gcat, repos, downloads)
SELECT ${CURRENT_DIM_LOAD}, date, lic, gcat, toInt64(count()), toInt64(sum(ifNull(dl, 0))) FROM (
  SELECT date, key, downloads AS dl FROM model_stats_by_date_all
  WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
) ALL INNER JOIN (
  SELECT key, lowerUTF8(ifNull(license, '')) AS lic,
    multiIf(ifNull(gated, '') IN ('auto', 'manual'), 'gated', isNull(gated), 'unknown', 'open') AS gcat
  FROM model_dim_rows WHERE load_id = ${CURRENT_DIM_LOAD}
) USING key GROUP BY date, lic, gcat`);
      const stale = [];
      for (const date of ALL_DATES) stale.push(await answers(ch, date));
      await forgetMigrations(conn, "version != 14");
      const migrated = await ClickHouseStore.open(url);
      try {
        const now = [];
        for (const date of ALL_DATES) now.push(await answers(migrated, date));
        for (const [i, date] of ALL_DATES.entries()) expect(now[i], date).toEqual(await answers(ref, date));
        // the stale roll-up answered otherwise (Bee/z and dee/t in their tags' class), so the migration did the work
        expect(now).not.toEqual(stale);
      } finally {
        await migrated.close();
      }
    } finally {
      await conn.close();
    }
  });

  it("migration 17 builds the facet roll-up of a store written before it", async () => {
    const url = server.storeUrl(`omo_rollups_${mode.replace("-", "_")}`);
    const facets = await facetRows();
    const conn = new ClickHouseConnection(parseClickHouseUrl(url));
    try {
      // the store as it was before version 17: no facet roll-up, version 17 not applied
      await conn.command("DROP TABLE rollup_facet_rows");
      await forgetMigrations(conn, "version != 17");
      const migrated = await ClickHouseStore.open(url);
      try {
        expect(await facetRows()).toEqual(facets);
        for (const date of ALL_DATES)
          for (const dimension of ["task", "library"])
            expect(await migrated.query(CATALOG["model-facets"] as never, { date, dimension } as never)).toEqual(
              (await answers(ref, date))[`facets ${dimension}`],
            );
      } finally {
        await migrated.close();
      }
    } finally {
      await conn.close();
    }
  });

  it("migration 18 lists the writers of a store whose organisations' rows each generation held whole", async () => {
    const url = server.storeUrl(`omo_rollups_${mode.replace("-", "_")}`);
    const orgs = await orgRows();
    const expected = [];
    for (const date of ALL_DATES) expected.push(await answers(ref, date));
    const conn = new ClickHouseConnection(parseClickHouseUrl(url));
    try {
      // the store as before version 18: the current generation's rows of every date under its own id, no writer list
      await conn.command("CREATE TABLE org_keep AS rollup_org_rows");
      await conn.command(`INSERT INTO org_keep SELECT ${CURRENT_DIM_LOAD}, date, org, author, repos, downloads
FROM rollup_org_rows WHERE (load_id, date) IN (SELECT writer, date FROM rollup_org_dates WHERE load_id = ${CURRENT_DIM_LOAD})`);
      await conn.command("TRUNCATE TABLE rollup_org_rows");
      await conn.command("INSERT INTO rollup_org_rows SELECT * FROM org_keep");
      await conn.command("DROP TABLE org_keep");
      await conn.command("DROP TABLE rollup_org_dates");
      await forgetMigrations(conn, "version != 18");
      const migrated = await ClickHouseStore.open(url);
      try {
        expect(await orgRows()).toEqual(orgs);
        for (const [i, date] of ALL_DATES.entries()) expect(await answers(migrated, date), date).toEqual(expected[i]);
        // and a later load keeps the migrated generation's writer for the dates it does not write
        for (const s of [duck, migrated]) await loadAll(s, tmp.dir, [LATER]);
        step += 1;
        for (const date of ALL_DATES) expect(await answers(migrated, date), date).toEqual(await answers(ref, date));
        const writers = await conn.rows<{ n: number }>(
          `SELECT uniqExact(writer) AS n FROM rollup_org_dates WHERE load_id = ${CURRENT_DIM_LOAD}`,
        );
        expect(Number(writers[0]?.n)).toBe(2);
      } finally {
        await migrated.close();
      }
    } finally {
      await conn.close();
    }
  });
});
