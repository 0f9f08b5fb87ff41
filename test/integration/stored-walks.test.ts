/**
 * The lineage walks stored at load (issue 15; src/store/stored-walks.ts, DuckDB migration 009, ClickHouse migration
 * 10): a load that changes the lineage — a new link, a model whose newer listing drops its base model (and with it its
 * descendants), or the relation a member is reached by — changes the stored membership; family-totals, family-series,
 * families-ranking and family-breakdown read from it (on ClickHouse from its per-date aggregates) answer — and the
 * other family queries (members, tree, explain, name-only matches) — exactly what the walk answers (a walk to depth
 * 49, which no stored walk matches, reaches the same models on this shallow lineage); and a walk with other parameters
 * (relations, depth, another pattern) still walks: tampering with the stored rows changes only the answers of the
 * registry's own parameters.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { findFamily, loadFamilies, officialSqlParams } from "../../src/domain/families.js";
import { defineQuery } from "../../src/queries/catalog.js";
import { CATALOG } from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import type { ClickHouseConnection } from "../../src/store/clickhouse/connection.js";
import { CURRENT_DIM_LOAD } from "../../src/store/clickhouse/migrations.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import type { Store } from "../../src/store/store.js";
import {
  clickHouseLive,
  forgetMigrations,
  type LocalClickHouse,
  startLocalClickHouse,
} from "../contract/clickhouse.js";
import { tempDir } from "../helpers.js";

const live = clickHouseLive();

/** One listing line: tags `base_model:<relation>:<parent>` give the lineage (an empty list: lineage known, none). */
function line(id: string, downloads: number, bases: Array<[string, string]> = [], allTime?: number): string {
  const tags = ["transformers", ...bases.flatMap(([rel, p]) => [`base_model:${p}`, `base_model:${rel}:${p}`])];
  return JSON.stringify({
    id,
    downloads,
    likes: 1,
    tags,
    ...(allTime === undefined ? {} : { downloadsAllTime: allTime }),
  });
}

const O = "meta-llama/Llama-2-7b-hf";
const LOADS: Array<[string, string[]]> = [
  [
    "2024-07-01",
    [
      line(O, 1000, [], 20_000),
      line("meta-llama/Llama-2-13b-hf", 500, [], 4000),
      line("alice/l2-chat", 300, [["finetune", O]]),
      line("bob/l2-lora", 40, [["adapter", "alice/l2-chat"]]),
      line("other/unrelated", 7),
    ],
  ],
  [
    // alice/l2-chat no longer names a base model (and bob/l2-lora leaves with it); carol/l2-q is a new quantization
    "2024-07-02",
    [
      line(O, 1100, [], 21_000),
      line("meta-llama/Llama-2-13b-hf", 450),
      line("alice/l2-chat", 310),
      line("bob/l2-lora", 45, [["adapter", "alice/l2-chat"]]),
      line("carol/l2-q", 90, [["quantized", O]]),
    ],
  ],
  [
    // an earlier date loaded last: first seen moves back (no model is new on 07-01), carol/l2-q misses 07-01 (a gap on
    // 07-02), the counters give an increase (the official 7B) and a drop (the 13B) on 07-01
    "2024-06-30",
    [
      line(O, 900, [], 19_000),
      line("meta-llama/Llama-2-13b-hf", 520, [], 5000),
      line("carol/l2-q", 80, [["quantized", O]]),
    ],
  ],
  [
    // a later date: carol/l2-q now names itself a finetune (its relation changes on every date, as its depth would),
    // dave/l2-merge merges it (depth 2)
    "2024-07-03",
    [
      line(O, 1200, [], 22_000),
      line("meta-llama/Llama-2-13b-hf", 460),
      line("carol/l2-q", 95, [["finetune", O]]),
      line("dave/l2-merge", 30, [["merge", "carol/l2-q"]]),
    ],
  ],
];

const Member = z.object({
  key: z.string(),
  depth: z.coerce.number(),
  relation: z.string(),
  via: z.string().nullable(),
});

/** The stored walk of an official pattern (default relations and depth), as each store keeps it. */
const storedMembers = defineQuery({
  name: "stored-members",
  description: "test: a stored walk",
  params: z.object({ official: z.string() }),
  sql: {
    duckdb: `SELECT key, depth, relation, via FROM family_member WHERE walk_id = (SELECT walk_id FROM family_walk
  WHERE official = $official AND relations IS NULL AND max_depth = 50) ORDER BY key`,
    clickhouse: `SELECT key, depth, relation, via FROM stored_member_rows WHERE load_id = ${CURRENT_DIM_LOAD}
  AND official = $official AND relations = '' AND max_depth = 50 ORDER BY key`,
  },
  row: Member,
});

async function load(store: Store, dir: string, n: number): Promise<void> {
  const [date, lines] = LOADS[n] as [string, string[]];
  const file = path.join(dir, `load-${n}.jsonl`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  const s = await store.beginLoad();
  await s.stage({ path: file, format: "jsonl", label: file, defaultDate: date });
  await s.commit({ source: `test:stored-walks-${n}` });
}

const q = (store: Store, name: string, params: Record<string, unknown>) =>
  store.query(CATALOG[name] as never, params as never) as Promise<Array<Record<string, unknown>>>;

/** Generation `CURRENT_DIM_LOAD`'s family aggregates on ClickHouse, every column, in a fixed order. */
const familyRollupRows = (s: Store) =>
  (
    s as unknown as { conn: ClickHouseConnection }
  ).conn.rows(`SELECT official, toString(date) AS date, off, relation, depth, repos, dl_n, dl, lk_n, lk, at_n, at,
  new_n, old_n, gap_n, dec_n, delta_n, delta FROM rollup_family_rows WHERE load_id = ${CURRENT_DIM_LOAD}
  ORDER BY official, date, off, relation, depth`);

/** The family answers for llama-2 at `depth` (50: the stored walk; 49: walked, same models here). */
async function answers(store: Store, official: string, depth: number) {
  const fams = await loadFamilies();
  const all = fams.map((f) => ({ family: f.name, official: officialSqlParams(f).officialPattern }));
  return {
    totals: await q(store, "family-totals", { official, depth }),
    named: await q(store, "family-totals", { official, depth, names: "l2" }),
    breakdown: await q(store, "family-breakdown", { official, depth }),
    members: await q(store, "family-members", { official, depth, limit: 100 }),
    nameOnly: await q(store, "family-name-only", { official, depth, names: "l2|unrelated" }),
    tree: await q(store, "family-tree", { official, depth }),
    explain: await q(store, "family-explain", { official, depth, id: "bob/l2-lora" }),
    explainCarol: await q(store, "family-explain", { official, depth, id: "carol/l2-q" }),
    series: await q(store, "family-series", { official, depth, bucket: "day" }),
    official: await q(store, "family-series", { official, depth, bucket: "day", scope: "official" }),
    derivatives: await q(store, "family-series", { official, depth, bucket: "day", scope: "derivatives" }),
    fromSecond: await q(store, "family-series", { official, depth, bucket: "day", from: "2024-07-01" }),
    monthly: await q(store, "family-series", { official, depth, bucket: "month" }),
    firstDay: await q(store, "family-totals", { official, depth, date: "2024-07-01" }),
    ranking: (
      await q(store, "families-ranking", {
        families: all.map((f) => f.family),
        officials: all.map((f) => f.official),
        depth,
      })
    ).filter((r) => r.totalRepos !== 0),
  };
}

function suite(label: string, open: (dir: string) => Promise<{ stores: Store[]; close: () => Promise<void> }>) {
  describe(label, () => {
    let tmp: ReturnType<typeof tempDir>;
    let stores: Store[] = [];
    let close: () => Promise<void> = async () => undefined;
    let official = "";

    beforeAll(async () => {
      tmp = tempDir();
      ({ stores, close } = await open(tmp.dir));
      official = officialSqlParams(findFamily(await loadFamilies(), "llama-2")).officialPattern;
    }, 120_000);

    afterAll(async () => {
      await close();
      tmp?.cleanup();
    });

    it("a load that changes the lineage changes the stored walk; the stored answers are the walk's", async () => {
      for (const s of stores) await load(s, tmp.dir, 0);
      for (const s of stores) {
        expect(await s.query(storedMembers, { official })).toEqual([
          { key: "alice/l2-chat", depth: 1, relation: "finetune", via: "meta-llama/llama-2-7b-hf" },
          { key: "bob/l2-lora", depth: 2, relation: "adapter", via: "alice/l2-chat" },
          { key: "meta-llama/llama-2-13b-hf", depth: 0, relation: "official", via: null },
          { key: "meta-llama/llama-2-7b-hf", depth: 0, relation: "official", via: null },
        ]);
        const stored = await answers(s, official, 50);
        expect(stored.totals[0]).toMatchObject({ officialRepos: 2, derivativeRepos: 2, totalDownloads: 1840 });
        expect(stored.series.map((p) => [p.bucket, p.repos, p.downloads])).toEqual([["2024-07-01", 4, 1840]]);
        expect(stored).toEqual(await answers(s, official, 49));
      }
      for (const s of stores) await load(s, tmp.dir, 1);
      for (const s of stores) {
        expect(await s.query(storedMembers, { official })).toEqual([
          { key: "carol/l2-q", depth: 1, relation: "quantized", via: "meta-llama/llama-2-7b-hf" },
          { key: "meta-llama/llama-2-13b-hf", depth: 0, relation: "official", via: null },
          { key: "meta-llama/llama-2-7b-hf", depth: 0, relation: "official", via: null },
        ]);
        const stored = await answers(s, official, 50);
        expect(stored.totals[0]).toMatchObject({ officialRepos: 2, derivativeRepos: 1, totalDownloads: 1640 });
        // the series counts today's members on every date: carol/l2-q is new on 07-02, alice's repos never count
        // (a later date's load changed the earlier date's figures: 4 repos, 1,840 downloads on 07-01 before it)
        expect(stored.series.map((p) => [p.bucket, p.repos, p.downloads])).toEqual([
          ["2024-07-01", 2, 1500],
          ["2024-07-02", 3, 1640],
        ]);
        expect(stored.series.map((p) => [p.newRepos, p.counterDownloads])).toEqual([
          [2, null],
          [1, 1000],
        ]);
        expect(stored).toEqual(await answers(s, official, 49));
      }
      if (stores.length > 1) {
        const [ref, ...rest] = stores as [Store, ...Store[]];
        for (const s of rest) expect(await answers(s, official, 50)).toEqual(await answers(ref, official, 50));
      }
    });

    it("a walk with other parameters walks; the registry's parameters read the stored walk", async () => {
      for (const s of stores) {
        const before = await answers(s, official, 50);
        // other relations, another depth, another pattern: no stored walk has them
        const finetunes = await q(s, "family-totals", { official, relations: "finetune" });
        expect(finetunes[0]).toMatchObject({ officialRepos: 2, derivativeRepos: 0 });
        const shallow = await q(s, "family-totals", { official, depth: 0 });
        expect(shallow[0]).toMatchObject({ officialRepos: 2, derivativeRepos: 0 });
        const seven = await q(s, "family-totals", { official: "^meta-llama/llama-2-7b", depth: 50 });
        expect(seven[0]).toMatchObject({ officialRepos: 1, derivativeRepos: 1, totalDownloads: 1190 });
        // the stored rows really are what the registry's parameters read: tampered, they change that answer only
        if (s instanceof DuckDBStore) {
          await s.query(
            defineQuery({
              name: "tamper",
              description: "test: drop a stored member",
              params: z.object({}),
              sql: { duckdb: "DELETE FROM family_member WHERE key = 'carol/l2-q' RETURNING key" },
              row: z.object({ key: z.string() }),
            }),
            {},
          );
          expect((await q(s, "family-totals", { official }))[0]).toMatchObject({ derivativeRepos: 0 });
        } else {
          const conn = (s as unknown as { conn: ClickHouseConnection }).conn;
          const [g] = await conn.rows<{ l: string }>(`SELECT ${CURRENT_DIM_LOAD} AS l`);
          const via = "meta-llama/llama-2-7b-hf";
          await conn.insert(
            "stored_member_rows",
            [{ load_id: g?.l, official, relations: "", max_depth: 50, key: "alice/l2-chat", depth: 1 }].map((r) => ({
              ...r,
              relation: "finetune",
              via,
              path: [r.key, via],
            })),
          );
          // the stored walk: what lists members reads it
          const ids = async () => (await q(s, "family-members", { official, limit: 100 })).map((r) => r.id);
          expect(await ids()).toContain("alice/l2-chat");
          // the per-date aggregates written with it (migration 13): what family-totals and family-series sum
          expect((await q(s, "family-totals", { official }))[0]).toMatchObject({ derivativeRepos: 1 });
          // family-breakdown with the registry's parameters reads the same aggregates (by relation and depth, migration
          // 15), not the stored walk: carol/l2-q only, until the aggregates are tampered with too
          const breakdown = (depth: number) => q(s, "family-breakdown", { official, depth });
          const carolOnly = [
            { dimension: "depth", value: "1", repos: 1, downloads: 90 },
            { dimension: "relation", value: "quantized", repos: 1, downloads: 90 },
          ];
          expect(await breakdown(50)).toEqual(carolOnly);
          const zero = { lk_n: 0, lk: 0, at_n: 0, at: 0, new_n: 0, old_n: 1, gap_n: 0, dec_n: 0, delta_n: 0, delta: 0 };
          await conn.insert("rollup_family_rows", [
            {
              load_id: g?.l,
              official,
              date: "2024-07-02",
              off: 0,
              relation: "finetune",
              depth: 1,
              repos: 1,
              dl_n: 1,
              dl: 310,
              ...zero,
            },
          ]);
          expect((await q(s, "family-totals", { official }))[0]).toMatchObject({
            derivativeRepos: 2,
            totalDownloads: 1950,
          });
          const series = await q(s, "family-series", { official, bucket: "day" });
          expect(series.map((p) => [p.bucket, p.repos, p.downloads])).toEqual([
            ["2024-07-01", 2, 1500],
            ["2024-07-02", 4, 1950],
          ]);
          // families-ranking with the registry's parameters reads the same aggregates (its clickhouse-stored.sql)
          const ranking = { families: ["llama-2"], officials: [official], relations: null, depth: 50 };
          expect((await q(s, "families-ranking", ranking))[0]).toMatchObject({
            family: "llama-2",
            officialRepos: 2,
            derivativeRepos: 2,
            totalDownloads: 1950,
          });
          expect((await q(s, "families-ranking", { ...ranking, depth: 49 }))[0]).toMatchObject({
            derivativeRepos: 1,
            totalDownloads: 1640,
          });
          const withAlice = [
            { dimension: "depth", value: "1", repos: 2, downloads: 400 },
            { dimension: "relation", value: "finetune", repos: 1, downloads: 310 },
            { dimension: "relation", value: "quantized", repos: 1, downloads: 90 },
          ];
          expect(await breakdown(50)).toEqual(withAlice);
          expect(await breakdown(49)).toEqual(carolOnly);
          // the aggregates consistent with the (tampered) stored walk again, as the next load builds on them
          await (s as ClickHouseStore).rebuildFamilyRollups();
          expect((await q(s, "family-totals", { official }))[0]).toMatchObject({ derivativeRepos: 2 });
          expect(await breakdown(50)).toEqual(withAlice);
        }
        const walked = await answers(s, official, 49);
        expect(walked.totals).toEqual(before.totals);
        expect(walked.series).toEqual(before.series);
        expect(walked.members).toEqual(before.members);
      }
    });

    it("a load of an earlier date rewrites every date's aggregates: first seen, gaps, counters", async () => {
      for (const s of stores) await load(s, tmp.dir, 2);
      for (const s of stores) {
        const stored = await answers(s, official, 50);
        expect(
          stored.series.map((p) => [p.bucket, p.repos, p.newRepos, p.gapRepos, p.decreaseRepos, p.counterDownloads]),
        ).toEqual([
          ["2024-06-30", 3, 3, 0, 0, null],
          ["2024-07-01", 2, 0, 0, 1, 1000],
          ["2024-07-02", 3, 0, 1, 0, 1000],
        ]);
        // a range starting on 07-01 counts no gap, drop or increase on its first snapshot
        expect(stored.fromSecond.map((p) => [p.bucket, p.decreaseRepos, p.counterDownloads])).toEqual([
          ["2024-07-01", 0, null],
          ["2024-07-02", 0, 1000],
        ]);
        expect(stored.firstDay[0]).toMatchObject({ officialRepos: 2, derivativeRepos: 0, totalDownloads: 1500 });
        expect(stored).toEqual(await answers(s, official, 49));
        if (s instanceof ClickHouseStore) {
          // the load wrote its aggregates from the previous generation's (the members it moved, the dates it wrote
          // and their successors): the same rows as written from scratch
          const written = await familyRollupRows(s);
          expect(written.length).toBeGreaterThan(3);
          await s.rebuildFamilyRollups();
          expect(await familyRollupRows(s)).toEqual(written);
        }
      }
      if (stores.length > 1) {
        const [ref, ...rest] = stores as [Store, ...Store[]];
        for (const s of rest) expect(await answers(s, official, 50)).toEqual(await answers(ref, official, 50));
      }
    });

    it("a load that moves a member to another relation moves it in every date's breakdown", async () => {
      for (const s of stores) await load(s, tmp.dir, 3);
      for (const s of stores) {
        const stored = await answers(s, official, 50);
        expect(stored.breakdown).toEqual([
          { dimension: "depth", value: "1", repos: 1, downloads: 95 },
          { dimension: "depth", value: "2", repos: 1, downloads: 30 },
          { dimension: "relation", value: "finetune", repos: 1, downloads: 95 },
          { dimension: "relation", value: "merge", repos: 1, downloads: 30 },
        ]);
        // an earlier date: carol/l2-q counts as what the walk reaches it by today
        const onDate = (depth: number) => q(s, "family-breakdown", { official, depth, date: "2024-07-02" });
        expect(await onDate(50)).toEqual([
          { dimension: "depth", value: "1", repos: 1, downloads: 90 },
          { dimension: "relation", value: "finetune", repos: 1, downloads: 90 },
        ]);
        expect(await onDate(50)).toEqual(await onDate(49));
        expect(stored).toEqual(await answers(s, official, 49));
        if (s instanceof ClickHouseStore) {
          // written from the previous generation's aggregates (carol/l2-q taken back as a quantization, counted as a
          // finetune): the same rows as written from scratch
          const written = await familyRollupRows(s);
          await s.rebuildFamilyRollups();
          expect(await familyRollupRows(s)).toEqual(written);
          // a store from before migration 15 (aggregates without relation and depth, version 15 not applied): opened,
          // it gets the columns and the current generation's aggregates by relation and depth
          const conn = (s as unknown as { conn: ClickHouseConnection }).conn;
          await conn.command("ALTER TABLE rollup_family_rows DROP COLUMN relation, DROP COLUMN depth");
          await forgetMigrations(conn, "version != 15");
          const migrated = await ClickHouseStore.open(s.location);
          try {
            expect(await familyRollupRows(migrated)).toEqual(written);
            expect(await answers(migrated, official, 50)).toEqual(stored);
          } finally {
            await migrated.close();
          }
        }
      }
      if (stores.length > 1) {
        const [ref, ...rest] = stores as [Store, ...Store[]];
        for (const s of rest) expect(await answers(s, official, 50)).toEqual(await answers(ref, official, 50));
      }
    });
  });
}

suite("stored lineage walks on DuckDB", async (dir) => {
  const duck = await DuckDBStore.open(path.join(dir, "omo.duckdb"));
  return { stores: [duck], close: () => duck.close() };
});

describe.skipIf(!live)("on ClickHouse", () => {
  for (const mode of ["single", "two-shard"] as const) {
    let server: LocalClickHouse | undefined;
    suite(`stored lineage walks on ClickHouse (${mode}), answering as DuckDB`, async (dir) => {
      server = await startLocalClickHouse(mode);
      const ch = await ClickHouseStore.open(server.storeUrl(`omo_walks_${mode.replace("-", "_")}`));
      const duck = await DuckDBStore.open(path.join(dir, "ref.duckdb"));
      return {
        stores: [duck, ch],
        close: async () => {
          await ch.close();
          await duck.close();
          server?.stop();
        },
      };
    });
  }
});
