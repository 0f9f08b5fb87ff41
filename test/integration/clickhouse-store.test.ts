/**
 * The ClickHouse store against real servers started by scripts/clickhouse-cluster.sh (one node, and two shards
 * behind Distributed tables): the committed sample loads with the DuckDB store's figures, every catalog query with
 * a ClickHouse form answers exactly as DuckDB does, re-loads replace, and a load killed with SIGKILL midway leaves
 * the previous snapshot answering. Skips without clickhouse-server (fails instead with CI=true).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkClaims } from "../../src/claims/check.js";
import { loadClaims } from "../../src/claims/schema.js";
import { loadFamilies } from "../../src/domain/families.js";
import { CATALOG, orgTotals, snapshotList } from "../../src/queries/index.js";
import { generateReport } from "../../src/report/report.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import { ClickHouseConnection, parseClickHouseUrl } from "../../src/store/clickhouse/connection.js";
import { CH_MIGRATIONS } from "../../src/store/clickhouse/migrations.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import type { Store } from "../../src/store/store.js";
import {
  clickHouseLive,
  forgetMigrations,
  LINEAGE,
  type LocalClickHouse,
  loadSampleAndLineage,
  sampleAndLineageDuck,
  startLocalClickHouse,
} from "../contract/clickhouse.js";
import { CASES } from "../contract/core.cases.js";
import { ROOT, SAMPLE, tempDir } from "../helpers.js";

const live = clickHouseLive();

/** The roll-up tables of migration 8. */
const ROLLUP_TABLES = ["rollup_licence_rows", "rollup_org_rows", "rollup_top_rows"];

async function load(store: Store, file: string, date: string) {
  const s = await store.beginLoad();
  await s.stage({ path: file, format: "jsonl", label: file, defaultDate: date });
  return s.commit({ source: `test:${path.basename(file)}` });
}

/** Comparison key: the same rows in the same order. */
const same = (rows: unknown[]) => JSON.stringify(rows);

describe.skipIf(!live).each(["single", "two-shard"] as const)("ClickHouse store (%s)", (mode) => {
  let server: LocalClickHouse;
  let ch: ClickHouseStore;
  let duck: DuckDBStore;
  let tmp: ReturnType<typeof tempDir>;
  const db = `omo_test_${mode.replace("-", "_")}`;

  beforeAll(async () => {
    tmp = tempDir();
    server = await startLocalClickHouse(mode);
    ch = await ClickHouseStore.open(server.storeUrl(db));
    duck = await DuckDBStore.open(path.join(tmp.dir, "omo.duckdb"));
    await load(duck, SAMPLE, "2024-07-11");
  }, 120_000);

  afterAll(async () => {
    await ch?.close();
    await duck?.close();
    server?.stop();
    tmp?.cleanup();
  });

  it("loads the sample with the DuckDB store's figures", async () => {
    const [snap] = await load(ch, SAMPLE, "2024-07-11");
    expect(snap).toMatchObject({ date: "2024-07-11", models: 13_079, downloads: 1_811_674_513 });
    const [vicuna] = await ch.query(orgTotals, { author: "lmsys", match: "vicuna", date: null });
    expect(vicuna).toEqual({ date: "2024-07-11", repos: 13, downloads: 695_234, likes: 2_762 });
  });

  /** Runs every case on both stores and expects the same rows in the same order. */
  async function compare(a: Store, b: Store): Promise<void> {
    for (const [name, params] of CASES) {
      const q = CATALOG[name];
      if (!q) throw new Error(`no catalog query ${name}`);
      const want = await a.query(q, params);
      const got = await b.query(q, params);
      if (name === "snapshots") {
        // load times differ between the stores
        const strip = (rows: unknown[]) =>
          rows.map((r) => ({ ...(r as object), started: null, finished: null, source: null }));
        expect(same(strip(got))).toBe(same(strip(want)));
      } else expect(same(got), `${name} ${JSON.stringify(params)}`).toBe(same(want));
    }
  }

  it("the core catalog queries answer exactly as on DuckDB (coverage of every query: clickhouse-contract-full)", async () => {
    await compare(duck, ch);
  });

  it("the report (both languages) and the article's claims check read the same on ClickHouse as on DuckDB", async () => {
    const families = await loadFamilies();
    const text = (s: string) => s.replace(/<svg[\s\S]*?<\/svg>/g, "<svg/>"); // ECharts numbers CSS classes per render
    for (const lang of ["en", "it"] as const) {
      const o = { lang, format: "md" as const, families };
      const want = await generateReport(duck, o);
      expect(want).toContain(lang === "en" ? "695,234" : "695.234");
      expect(text(await generateReport(ch, o))).toBe(text(want));
    }
    const claims = (await loadClaims(path.join(ROOT, "data/claims/article-2023.yaml"))).claims;
    const a = await checkClaims(duck, claims, { families });
    const b = await checkClaims(ch, claims, { families });
    expect(b).toEqual(a);
    expect(a.counts).toEqual({ true: 2, false: 3, unverifiable: 6 });
  }, 120_000);

  it("…also with two snapshots, lineage from every source, aliases and the licence map", async () => {
    const chL = await ClickHouseStore.open(server.storeUrl(`${db}_lineage`));
    const duckL = await sampleAndLineageDuck(path.join(tmp.dir, "lineage.duckdb"));
    await loadSampleAndLineage(chL);
    const [awq] = await chL.query(CATALOG.model as never, { id: "example-org/Llama-2-7b-chat-AWQ" } as never);
    expect((awq as { baseModels: unknown }).baseModels).toEqual([
      { id: "meta-llama/Llama-2-7b-chat-hf", relation: "quantized" },
    ]);
    await compare(duckL, chL);
    await chL.close();
    await duckL.close();
  });

  it("a store from before migrations 6, 7, 8 and 11 gets the model dimension, the statistics by date and the roll-ups on open, and loses the per-date metadata tables, with the same answers", async () => {
    const url = server.storeUrl(`${db}_migrate`);
    const target = parseClickHouseUrl(url);
    const a = await ClickHouseStore.open(url);
    await loadSampleAndLineage(a);
    const answers = async (s: Store) => {
      const out: string[] = [];
      for (const [name, params] of CASES)
        out.push(`${name} ${JSON.stringify(await s.query(CATALOG[name] as never, params as never))}`);
      return out;
    };
    const want = await answers(a);
    await a.close();
    // back to version 5: the per-date tables of version 1 (loads stopped writing them with version 11: rebuilt here
    // from what the store shows, one row per visible date and model with its metadata, the links at the date that gave
    // them), the views of version 1, no dimension, no statistics by date, no roll-ups, versions 6 to 11 not recorded
    const conn = new ClickHouseConnection(target);
    const v1 = CH_MIGRATIONS[0]?.statements({ cluster: target.cluster, database: target.database }) ?? [];
    for (const st of v1.filter((x) => /^CREATE TABLE IF NOT EXISTS model_(meta|link)_/.test(x.sql))) {
      if (st.on === "each") await conn.commandEach(st.sql);
      else await conn.command(st.sql);
    }
    await conn.command(`INSERT INTO model_meta_all (date, key, load_id, id, author, created_at, last_modified,
  pipeline_tag, library_name, license, gated, private, tags, tags_known, lineage_known)
SELECT date, key, load_id, id, author, created_at, last_modified, pipeline_tag, library_name, license, gated, private,
  tags, has_tags, toUInt8(date = link_date)
FROM (SELECT date, key, load_id FROM model_stats_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot))
ALL INNER JOIN (SELECT * FROM model) USING key`);
    await conn.command(`INSERT INTO model_link_all (date, child_key, load_id, parent_key, parent_id, relation, origin)
SELECT date, child_key, load_id, parent_key, parent_id, relation, origin FROM (
  SELECT child_key, parent_key, parent_id, relation, origin, date FROM model_link
  ALL INNER JOIN (SELECT key AS child_key, link_date AS date FROM model) USING child_key
) ALL INNER JOIN (SELECT date, load_id FROM snapshot) USING date`);
    for (const view of ["model", "model_link"]) {
      const create = v1.find((st) => st.sql.startsWith(`CREATE VIEW IF NOT EXISTS ${view} AS`));
      if (!create) throw new Error(`no view ${view} in migration 1`);
      await conn.command(`DROP TABLE ${view}`);
      await conn.command(create.sql);
    }
    for (const t of ["model_dim_rows", "model_link_dim_rows", "model_stats_by_date_all", ...ROLLUP_TABLES])
      await conn.command(`DROP TABLE ${t}`);
    if (mode === "two-shard") await conn.commandEach("DROP TABLE model_stats_by_date_local");
    await forgetMigrations(conn, "version < 6");
    const b = await ClickHouseStore.open(url);
    const got = await answers(b);
    expect(got.filter((g, i) => g !== want[i])).toEqual([]);
    expect(got.filter((g) => !g.endsWith(" []")).length).toBeGreaterThan(CASES.length / 2);
    // the per-date metadata tables are gone, on every node
    for (let node = 0; node < conn.nodeCount; node++) {
      const left = await conn.rows<{ name: string }>(
        "SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^model_(meta|link)_(all|local)$')",
        node,
      );
      expect(left).toEqual([]);
    }
    // a load after the migration builds on the migrated dimension
    await load(b, SAMPLE, "2025-01-23");
    const [vicuna] = await b.query(orgTotals, { author: "lmsys", match: "vicuna", date: null });
    expect(vicuna).toEqual({ date: "2025-01-23", repos: 13, downloads: 695_234, likes: 2_762 });
    await b.close();
    await conn.close();
  });

  it("an invalid regular expression is an input error, not a crash", async () => {
    // RE2 rejects what JavaScript accepts here (a lookahead)
    await expect(ch.query(orgTotals, { author: "lmsys", match: "vic(?=una)", date: null })).rejects.toThrow(
      /regular expression/,
    );
  });

  it("re-loading a date replaces it; a load killed with SIGKILL midway leaves the previous snapshot answering", async () => {
    await load(ch, SAMPLE, "2024-07-11");
    const snaps = await ch.query(snapshotList, {});
    expect(snaps.map((s) => [s.date, s.models, s.downloads])).toEqual([["2024-07-11", 13_079, 1_811_674_513]]);

    const rolled = async () => [
      await ch.query(CATALOG.concentration as never, { k: 10 } as never),
      await ch.query(CATALOG["openness-by-class"] as never, {} as never),
      await ch.query(CATALOG["top-org-shares"] as never, { k: 10 } as never),
    ];
    const rolledBefore = await rolled();
    // a load of the same date that dies right after writing its statistics rows (and at each later step)
    const one = path.join(tmp.dir, "one.jsonl");
    writeFileSync(one, '{"id":"lmsys/vicuna-7b-v1.5","downloads":500000,"likes":300,"tags":["license:llama2"]}\n');
    const child = path.join(tmp.dir, "killed-load.mts");
    writeFileSync(
      child,
      `import { ClickHouseStore } from ${JSON.stringify(path.join(ROOT, "src/store/clickhouse/clickhouse-store.ts"))};
const s = await ClickHouseStore.open(${JSON.stringify(server.storeUrl(db))});
const l = await s.beginLoad();
await l.stage({ path: ${JSON.stringify(one)}, format: "jsonl", label: "one", defaultDate: "2024-07-11" });
await l.commit({ source: "killed" });
console.log("not killed");
`,
    );
    for (const step of ["stats", "links", "dim", "rollups"]) {
      const r = spawnSync(process.execPath, ["--import", "tsx", child], {
        cwd: ROOT,
        env: { ...process.env, OMO_KILL_AT: `clickhouse:${step}` },
        encoding: "utf8",
      });
      expect(r.signal, r.stderr).toBe("SIGKILL");
      expect(r.stdout).not.toContain("not killed");
    }
    // the killed loads' rows are there, but invisible
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(db)));
    const [raw] = await conn.rows<{ n: number }>("SELECT count() AS n FROM model_stats_all");
    expect(raw?.n).toBeGreaterThan(13_079);
    const after = await ch.query(snapshotList, {});
    expect(after.map((s) => [s.date, s.models, s.downloads, s.source])).toEqual([
      ["2024-07-11", 13_079, 1_811_674_513, "test:models-2024-07-11.jsonl.gz"],
    ]);
    const [vicuna] = await ch.query(orgTotals, { author: "lmsys", match: "vicuna", date: null });
    expect(vicuna).toMatchObject({ repos: 13, downloads: 695_234 });
    // the roll-ups of the killed loads are never read
    expect(await rolled()).toEqual(rolledBefore);

    // a completed re-load replaces the date and removes the dead rows (mutations run in the background)
    const [snap] = await load(ch, one, "2024-07-11");
    expect(snap).toMatchObject({ models: 1, downloads: 500_000 });
    const [latest] = await ch.query(orgTotals, { author: "lmsys", match: "vicuna", date: null });
    expect(latest).toMatchObject({ date: "2024-07-11", repos: 1, downloads: 500_000 });
    let n = -1;
    for (let i = 0; i < 100 && n !== 1; i++) {
      n = Number((await conn.rows<{ n: number }>("SELECT count() AS n FROM model_stats_all"))[0]?.n);
      if (n !== 1) await new Promise((r) => setTimeout(r, 100));
    }
    expect(n).toBe(1);
    // the roll-ups of the killed loads and of the replaced snapshot go too (generations dropped, rows deleted)
    let gens = "";
    for (let i = 0; i < 100 && gens !== "1 1 1"; i++) {
      const [g] = await conn.rows<{ l: number; o: number; t: number }>(
        `SELECT (SELECT uniqExact(load_id) FROM rollup_licence_rows) AS l, (SELECT uniqExact(load_id) FROM rollup_org_rows) AS o,
  (SELECT count() FROM rollup_top_rows) AS t`,
      );
      gens = `${g?.l} ${g?.o} ${g?.t}`;
      if (gens !== "1 1 1") await new Promise((r) => setTimeout(r, 100));
    }
    expect(gens).toBe("1 1 1");
    await conn.close();
  });

  it("coverage is stored with each snapshot; a store without migration 2 (e.g. 1 and 3 only) gets it on open", async () => {
    const url = server.storeUrl(`${db}_coverage`);
    const a = await ClickHouseStore.open(url);
    const s = await a.beginLoad();
    await s.stage({ path: LINEAGE, format: "jsonl", label: "lineage", defaultDate: "2025-01-22" });
    await s.commit({ source: "test", coverage: { kind: "full", how: "stated full" } });
    expect((await a.query(snapshotList, {})).map((r) => [r.date, r.coverage, r.coverageHow])).toEqual([
      ["2025-01-22", "full", "stated full"],
    ]);
    await a.close();
    // back to a schema without migration 2: no coverage columns, the old view, version 2 not recorded
    const conn = new ClickHouseConnection(parseClickHouseUrl(url));
    await conn.command("DROP TABLE snapshot");
    await conn.command("ALTER TABLE snapshot_rows DROP COLUMN coverage, DROP COLUMN coverage_how");
    await conn.command(`CREATE VIEW snapshot AS SELECT date, load_id, source, status, started_at, finished_at,
  model_count, downloads, malformed FROM snapshot_rows FINAL WHERE status = 'complete'`);
    await forgetMigrations(conn, "version != 2");
    const b = await ClickHouseStore.open(url);
    // the snapshot loaded before coverage was recorded: partial, how unknown
    expect((await b.query(snapshotList, {})).map((r) => [r.date, r.coverage, r.coverageHow])).toEqual([
      ["2025-01-22", "partial", "not recorded (loaded before omo recorded coverage)"],
    ]);
    await b.close();
    // every version recorded once
    expect(
      (await conn.rows<{ v: number }>("SELECT version AS v FROM schema_migrations ORDER BY v")).map((r) => Number(r.v)),
    ).toEqual(CH_MIGRATIONS.map((m) => m.version));
    await conn.close();
  });

  it("crawl state, the licence map and price imports round-trip", async () => {
    const state = {
      crawlId: "c1",
      date: "2024-07-11",
      endpoint: "http://hub.local",
      params: '{"author":"it\'s"}',
      nextUrl: "http://hub.local/api/models?cursor=x",
      pages: 3,
      models: 300,
      status: "running" as const,
      startedAt: "2024-07-11T10:00:00Z",
      updatedAt: "2024-07-11T10:05:00Z",
      error: null,
    };
    await ch.saveCrawl(state);
    await ch.saveCrawl({ ...state, status: "complete", nextUrl: null, updatedAt: "2024-07-11T10:09:00Z" });
    expect(await ch.getCrawl("c1")).toEqual({
      ...state,
      status: "complete",
      nextUrl: null,
      updatedAt: "2024-07-11T10:09:00Z",
    });
    expect((await ch.latestCrawl({ status: "complete" }))?.crawlId).toBe("c1");
    expect(await ch.latestCrawl({ status: "failed" })).toBeNull();
    const rows = [{ tag: "MIT", class: "open-source", spdx: "MIT", commercial: "true" }];
    expect(await ch.refreshLicences(rows)).toBe(true);
    expect(await ch.refreshLicences(rows)).toBe(false);
    const batch = {
      rows: [{ model: "gpt-4", provider: "openai", inputPerToken: 3e-5, outputPerToken: 6e-5 }],
      asOf: "2024-07-01",
      source: "litellm:test.json",
    };
    expect(await ch.importPrices(batch)).toEqual({ inserted: 1, replaced: 0 });
    expect(await ch.importPrices(batch)).toEqual({ inserted: 1, replaced: 1 });
  });

  // a small store writes its dimension in one statement each, a large one in parts (OMO_CH_PARTS_FROM_ROWS=0: always)
  it.each([
    ["one statement each", undefined],
    ["in parts", "0"],
  ])(
    "the model dimension keeps DuckDB's update rules through a multi-date import, rows without tags, a back-filled date and a re-load (%s)",
    async (_how, partsFrom) => {
      vi.stubEnv("OMO_CH_PARTS_FROM_ROWS", partsFrom);
      try {
        await dimensionCase(partsFrom === undefined ? "dimension" : "dimension_parts");
      } finally {
        vi.unstubAllEnvs();
      }
    },
  );

  async function dimensionCase(name: string): Promise<void> {
    const chD = await ClickHouseStore.open(server.storeUrl(`${db}_${name}`));
    const duckD = await DuckDBStore.open(path.join(tmp.dir, `${name}.duckdb`));
    const file = (name: string, rows: object[]) => {
      const f = path.join(tmp.dir, `${name}.jsonl`);
      writeFileSync(f, rows.map((r) => JSON.stringify(r)).join("\n"));
      return f;
    };
    const a = (o: object) => ({ id: "Org/A", author: "Org", downloads: 10, ...o });
    const b = (o: object) => ({ id: "org/B", downloads: 20, ...o });
    const loads: Array<Array<[string, string]>> = [
      [
        [
          file("d02", [
            a({
              tags: ["license:mit", "base_model:x/base"],
              pipeline_tag: "text-generation",
              createdAt: "2024-01-02T03:04:05Z",
              gated: false,
            }),
            b({ tags: ["license:apache-2.0"], library_name: "transformers", lastModified: "2024-06-01T00:00:00Z" }),
            { id: "org/C", downloads: 5, tags: [] },
          ]),
          "2024-07-02",
        ],
      ],
      // one load of two dates: A on both (newest wins), B without tags (its licence and tags stay), D new
      [
        [
          file("d04", [
            a({ tags: ["license:llama2", "base_model:finetune:x/other"], library_name: "peft" }),
            b({ pipeline_tag: "fill-mask", gated: "auto" }),
          ]),
          "2024-07-04",
        ],
        [
          file("d03", [a({ tags: ["license:cc"], pipeline_tag: "summarization" }), { id: "org/D", downloads: 1 }]),
          "2024-07-03",
        ],
      ],
      // a back-filled older date: only first_seen moves (and E is new)
      [
        [
          file("d01", [
            a({ id: "ORG/a", author: "ORG", tags: ["license:gpl"], createdAt: "2020-01-01T00:00:00Z" }),
            { id: "org/C", downloads: 3, tags: ["license:gpl", "base_model:y/base"], gated: "manual" },
            { id: "org/E", downloads: 2, tags: ["license:mit"] },
          ]),
          "2024-07-01",
        ],
      ],
      // 07-04 again: B with tags now, A without
      [
        [
          file("d04b", [a({ cardData: { license: "openrail" } }), b({ tags: ["license:bsd"], gated: "manual" })]),
          "2024-07-04",
        ],
      ],
    ];
    for (const files of loads) {
      for (const store of [duckD, chD]) {
        const s = await store.beginLoad();
        for (const [f, date] of files) await s.stage({ path: f, format: "jsonl", label: f, defaultDate: date });
        await s.commit({ source: "test:dimension" });
      }
      for (const id of ["org/A", "org/B", "org/C", "org/D", "org/E"]) {
        const want = await duckD.query(CATALOG.model as never, { id } as never);
        expect(same(await chD.query(CATALOG.model as never, { id } as never)), id).toBe(same(want));
      }
    }
    const [last] = await chD.query(CATALOG.model as never, { id: "org/a" } as never);
    expect(last).toMatchObject({ id: "Org/A", license: "openrail", firstSeen: "2024-07-01", lastSeen: "2024-07-04" });
    await chD.close();
    await duckD.close();
  }

  it("a wrong OMO_CH_PARTS_FROM_ROWS stops a load before it writes anything; the store loads again once it is right", async () => {
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(db)));
    const logged = async () => Number((await conn.rows<{ n: number }>("SELECT count() AS n FROM load_log"))[0]?.n);
    const runs = await logged();
    try {
      vi.stubEnv("OMO_CH_PARTS_FROM_ROWS", "many");
      await expect(ch.beginLoad()).rejects.toThrow(/OMO_CH_PARTS_FROM_ROWS.*"many"/);
      expect(await logged()).toBe(runs);
    } finally {
      vi.unstubAllEnvs();
      await conn.close();
    }
    const load = await ch.beginLoad();
    await load.abort();
  });

  it("a model listed twice in one file counts once (last row wins, ids case-insensitively)", async () => {
    const f = path.join(tmp.dir, "dups.jsonl");
    writeFileSync(
      f,
      [
        '{"id":"lmsys/vicuna-7b-v1.5","downloads":1,"likes":263}',
        '{"id":"meta-llama/Llama-2-7b-hf","downloads":1326896,"likes":1569}',
        '{"id":"LMSYS/Vicuna-7b-v1.5","downloads":492274,"likes":263}',
      ].join("\n"),
    );
    const [snap] = await load(ch, f, "2024-08-01");
    expect(snap).toMatchObject({ date: "2024-08-01", models: 2, downloads: 1_819_170 });
  });

  it("a statement sent in parts fails with a part's error only after every part has ended", async () => {
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(db)));
    await conn.command("CREATE TABLE parts_probe (n UInt64) ENGINE = Memory");
    try {
      await expect(
        conn.commandInParts((partOf) => {
          const part = partOf("number");
          return part.endsWith("= 0")
            ? `INSERT INTO parts_probe SELECT number FROM system.numbers WHERE ${part} LIMIT 2000000`
            : `INSERT INTO parts_probe SELECT no_such_column FROM system.numbers WHERE ${part}`;
        }),
      ).rejects.toThrow(/no_such_column/);
      // the part that worked had written all its rows when the error came back
      expect(await conn.rows("SELECT count() AS n FROM parts_probe")).toEqual([{ n: 2_000_000 }]);
    } finally {
      await conn.command("DROP TABLE IF EXISTS parts_probe");
    }
  });

  it("text with backslashes, quotes, control characters, \\N and non-ASCII keeps its value through the staged rows (ids, authors, tags, task, library)", async () => {
    const chT = await ClickHouseStore.open(server.storeUrl(`${db}_text`));
    const duckT = await DuckDBStore.open(path.join(tmp.dir, "text.duckdb"));
    // backslashes, quotes, tab, line feed, carriage return, `\N` (NULL in ClickHouse's text formats), brackets and commas
    // (an array's text), a leading single quote (a quoted value in CSV unless told otherwise), non-ASCII; an empty tag
    // and an empty task
    const odd = [
      "'lead",
      "back\\slash",
      "it's",
      'say "hi"',
      "tab\there",
      "line\nfeed",
      "cr\rhere",
      "\\N",
      "[a,'b']",
      "ünï-😀",
      "",
    ];
    const rows = [
      { id: "odd/tags", downloads: 10, tags: ["license:mit", ...odd], pipeline_tag: "tab\ttask", library_name: "\\N" },
      {
        id: "odd/back\\slash",
        author: "au\\th'or",
        downloads: 9,
        tags: ["\\"],
        pipeline_tag: "",
        library_name: "l\nib",
      },
      { id: "odd/nulls", downloads: 8, tags: ["x"], pipeline_tag: null, library_name: null },
      { id: "odd/ünï", author: "ödd", downloads: 7, tags: [] },
    ];
    const f = path.join(tmp.dir, "odd.jsonl");
    writeFileSync(f, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    try {
      for (const s of [duckT, chT]) await load(s, f, "2024-07-11");
      const [tags] = await chT.query(CATALOG.model as never, { id: "odd/tags" } as never);
      expect(tags).toMatchObject({ tags: ["license:mit", ...odd], task: "tab\ttask", library: "\\N" });
      for (const r of rows)
        expect(await chT.query(CATALOG.model as never, { id: r.id } as never), r.id).toEqual(
          await duckT.query(CATALOG.model as never, { id: r.id } as never),
        );
      const search = { q: "odd", limit: 10, date: null };
      const got = await chT.query(CATALOG["search-models"] as never, search as never);
      expect(got.map((r) => (r as { id: string }).id).sort()).toEqual(rows.map((r) => r.id).sort());
      expect(got).toEqual(await duckT.query(CATALOG["search-models"] as never, search as never));
    } finally {
      await chT.close();
      await duckT.close();
    }
  });
});
