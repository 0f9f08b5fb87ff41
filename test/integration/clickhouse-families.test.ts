/**
 * The catalog queries built on the family lineage walk (families.ts, openness.ts) answer on ClickHouse exactly as on
 * DuckDB — same rows, same order — on one node and on two shards, over the committed sample plus the lineage fixture
 * as a second snapshot (aliases and the licence map applied). The cases are in test/contract/families.cases.ts.
 * Skips without clickhouse-server (fails instead with CI=true).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFamilies } from "../../src/domain/families.js";
import { CATALOG } from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import { ClickHouseConnection, parseClickHouseUrl } from "../../src/store/clickhouse/connection.js";
import { walk, walkFamilies } from "../../src/store/clickhouse/family-walk.js";
import type { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import {
  clickHouseLive,
  contractDiff,
  type LocalClickHouse,
  loadSampleAndLineage,
  memoQueries,
  sampleAndLineageDuck,
  startLocalClickHouse,
} from "../contract/clickhouse.js";
import { CASES } from "../contract/families.cases.js";
import { perFamilyRanking, rankingFigures } from "../contract/ranking.js";
import { tempDir } from "../helpers.js";

const live = clickHouseLive();

/** The walk queries; every one must have cases. */
const WALK_QUERIES = [
  "family-totals",
  "family-breakdown",
  "family-members",
  "family-name-only",
  "family-explain",
  "family-tree",
  "family-series",
  "openness-by-class",
  "like-for-like",
  "openness-series",
  "licence-drift",
  "families-ranking",
];

describe("the walk in TypeScript", () => {
  it("keeps each model once at its smallest depth; ties go to the smallest parent key", () => {
    const links = [
      { child_key: "x/c", parent_key: "o/b", relation: "merge" },
      { child_key: "x/c", parent_key: "o/a", relation: "finetune" },
      { child_key: "x/d", parent_key: "o/b", relation: "adapter" },
      { child_key: "y/e", parent_key: "x/d", relation: "quantized" },
      { child_key: "y/e", parent_key: "x/c", relation: "merge" },
      { child_key: "o/a", parent_key: "x/c", relation: "merge" },
      { child_key: "z/f", parent_key: "y/e", relation: "unknown" },
    ];
    const rows = walk(["o/a", "o/b"], links, { official: "^o/", relations: null, depth: 2 });
    expect(rows).toEqual([
      { key: "o/a", depth: 0, relation: "official", via: null, path: ["o/a"] },
      { key: "o/b", depth: 0, relation: "official", via: null, path: ["o/b"] },
      { key: "x/c", depth: 1, relation: "finetune", via: "o/a", path: ["x/c", "o/a"] },
      { key: "x/d", depth: 1, relation: "adapter", via: "o/b", path: ["x/d", "o/b"] },
      { key: "y/e", depth: 2, relation: "merge", via: "x/c", path: ["y/e", "x/c", "o/a"] },
    ]);
    const merges = walk(["o/a", "o/b"], links, { official: "^o/", relations: "merge", depth: 50 });
    expect(merges.map((r) => [r.key, r.via])).toEqual([
      ["o/a", null],
      ["o/b", null],
      ["x/c", "o/b"],
      ["y/e", "x/c"],
    ]);
  });

  it("the walk of many families: each family's walk, tagged with its name", () => {
    const links = [
      { child_key: "x/c", parent_key: "o/a", relation: "finetune" },
      { child_key: "y/e", parent_key: "x/c", relation: "quantized" },
    ];
    const rows = walkFamilies(
      [
        { family: "a", keys: ["o/a"] },
        { family: "all", keys: ["o/a", "o/b"] },
        { family: "none", keys: [] },
      ],
      links,
      { relations: null, depth: 50 },
    );
    expect(rows.map((r) => [r.family, r.key, r.depth])).toEqual([
      ["a", "o/a", 0],
      ["a", "x/c", 1],
      ["a", "y/e", 2],
      ["all", "o/a", 0],
      ["all", "o/b", 0],
      ["all", "x/c", 1],
      ["all", "y/e", 2],
    ]);
  });
});

/**
 * DuckDB, the reference of both modes: the sample and lineage loaded once, each answer asked once (the second mode
 * reads the first's; nothing writes to it after the load).
 */
let shared: Promise<{ duck: DuckDBStore; tmp: ReturnType<typeof tempDir> }> | undefined;
function reference(): Promise<DuckDBStore> {
  shared ??= (async () => {
    const tmp = tempDir();
    const duck = await sampleAndLineageDuck(path.join(tmp.dir, "omo.duckdb"));
    return { duck: memoQueries(duck), tmp };
  })();
  return shared.then((s) => s.duck);
}
afterAll(async () => {
  const s = await shared;
  await s?.duck.close();
  s?.tmp.cleanup();
});

describe.skipIf(!live).each(["single", "two-shard"] as const)("family walk queries on ClickHouse (%s)", (mode) => {
  let server: LocalClickHouse;
  let ch: ClickHouseStore;
  let duck: DuckDBStore;
  const db = `omo_families_${mode.replace("-", "_")}`;

  beforeAll(async () => {
    server = await startLocalClickHouse(mode);
    ch = await ClickHouseStore.open(server.storeUrl(db));
    duck = await reference();
    await loadSampleAndLineage(ch);
  }, 120_000);

  afterAll(async () => {
    await ch?.close();
    server?.stop();
  });

  it("every walk query has cases and is marked for the walk", () => {
    for (const name of WALK_QUERIES) {
      expect(
        CASES.some(([n]) => n === name),
        name,
      ).toBe(true);
      // families-ranking walks every family it is given at once (a walk table with a family column)
      expect(CATALOG[name]?.sql.clickhouseWalk, name).toBe(name === "families-ranking" ? "families" : true);
    }
  });

  it("answers every case exactly as DuckDB (same rows, same order)", async () => {
    const { failures, nonEmpty } = await contractDiff(duck, ch, CASES);
    expect(failures.join("\n\n")).toBe("");
    expect(nonEmpty).toBeGreaterThan(CASES.length / 2);
  }, 300_000);

  it("ranks the registry's families in one query with the figures of family-totals per family, as DuckDB", async () => {
    const registry = await loadFamilies();
    for (const date of ["2024-07-11", "2025-01-22"]) {
      const one = await rankingFigures(ch, registry, date);
      expect(one, date).toEqual(await perFamilyRanking(ch, registry, date));
      expect(one, date).toEqual(await rankingFigures(duck, registry, date));
      expect(one.filter((r) => r.derivativeRepos > 0).length, date).toBeGreaterThan(0);
    }
  }, 300_000);

  it("the walk finds the figures the sample is known for, and leaves no table behind", async () => {
    const [t] = await ch.query(
      CATALOG["family-totals"] as never,
      {
        official: "^(?:lmsys/(?:vicuna))",
        date: "2024-07-11",
      } as never,
    );
    expect(t).toMatchObject({ officialRepos: 13, officialDownloads: 695_234 });
    // the re-upload link the commit wrote (name rule), followed only when named
    const explain = (relations: string | null) =>
      ch.query(
        CATALOG["family-explain"] as never,
        {
          official: "^(?:meta-llama/(?:(?:meta-)?llama-3(?:\\.[0-9]+)?-))",
          relations,
          id: "unsloth/llama-3-8b-bnb-4bit",
        } as never,
      ) as Promise<Array<{ id: string; relation: string | null }>>;
    expect(await explain(null)).toEqual([]);
    expect((await explain("finetune,adapter,quantized,merge,unknown,reupload")).map((s) => [s.id, s.relation])).toEqual(
      [
        ["meta-llama/Meta-Llama-3-8B", "official"],
        ["unsloth/llama-3-8b-bnb-4bit", "reupload"],
      ],
    );
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(db)));
    const left = await conn.rows(
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'family_walk')",
    );
    await conn.close();
    expect(left).toEqual([]);
  });
});
