/**
 * Leaderboards on ClickHouse (one node and two shards) against DuckDB: the same real tables (every header variant)
 * imported into both, every leaderboard catalog query answers the same rows in the same order, the gap, months-behind
 * and models answers are identical, a re-import replaces, a failing import changes nothing, and rows of an
 * unfinished load stay invisible. Skips without clickhouse-server or ../shared (fails instead with CI=true).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LeaderboardContext,
  leaderboardGapBody,
  leaderboardModelsBody,
  loadLeaderboardDeps,
  monthsBehindBody,
} from "../../src/answers/leaderboards.js";
import { importLeaderboardFiles } from "../../src/ingest/leaderboards.js";
import { CATALOG, leaderboardEntries, leaderboardSnapshots } from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import { ClickHouseConnection, parseClickHouseUrl } from "../../src/store/clickhouse/connection.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import type { Store } from "../../src/store/store.js";
import { clickHouseLive, type LocalClickHouse, loadDated, startLocalClickHouse } from "../contract/clickhouse.js";
import { LEADERBOARD_CASES, LEADERBOARD_CUT, LEADERBOARDS } from "../contract/leaderboards.cases.js";
import { hasShared, SAMPLE, tempDir, useTempFiles } from "../helpers.js";

const live = clickHouseLive() && hasShared();

const ctxOf = (store: Store): LeaderboardContext => ({
  query: (q, p) => store.query(q, p),
  notFound: (m) => new Error(m),
  badParam: (_p, m) => new Error(m),
});

describe.skipIf(!live).each(["single", "two-shard"] as const)("leaderboards on ClickHouse (%s)", (mode) => {
  let server: LocalClickHouse;
  let ch: ClickHouseStore;
  let duck: DuckDBStore;
  let tmp: ReturnType<typeof tempDir>;
  const files = useTempFiles("omo-ch-lb-");
  const db = `omo_lb_${mode.replace("-", "_")}`;

  beforeAll(async () => {
    tmp = tempDir();
    server = await startLocalClickHouse(mode);
    ch = await ClickHouseStore.open(server.storeUrl(db));
    duck = await DuckDBStore.open(path.join(tmp.dir, "lb.duckdb"));
    for (const store of [duck, ch]) {
      await loadDated(store, [[SAMPLE, "2024-07-11"]]);
      await importLeaderboardFiles(store, LEADERBOARD_CUT);
    }
  }, 300_000);

  afterAll(async () => {
    await ch?.close();
    await duck?.close();
    await server?.stop();
    tmp?.cleanup();
  });

  it("every leaderboard query answers exactly as on DuckDB", async () => {
    const tables = await ch.query(leaderboardSnapshots, { board: null });
    expect(tables.map((t) => t.format)).toContain("arena-blog");
    expect(new Set(tables.map((t) => t.format))).toEqual(
      new Set(["arena-blog", "arena-elo", "arena-score", "arena-stylectrl", "arena-spread"]),
    );
    for (const [name, params] of LEADERBOARD_CASES) {
      const q = CATALOG[name];
      if (!q) throw new Error(`no catalog query ${name}`);
      const want = await duck.query(q, params);
      const got = await ch.query(q, params);
      const i = want.findIndex((w, k) => JSON.stringify(w) !== JSON.stringify(got[k]));
      expect(
        i === -1 ? null : [got[i], want[i]],
        `${name} ${JSON.stringify(params)}: first row that differs`,
      ).toBeNull();
      expect(got.length, `${name} ${JSON.stringify(params)}`).toBe(want.length);
    }
  });

  it("the gap, months-behind and models answers are identical", async () => {
    const deps = await loadLeaderboardDeps();
    const a = await leaderboardGapBody(ctxOf(duck), deps, { board: "arena-text", from: null, to: null, top: 5 });
    const b = await leaderboardGapBody(ctxOf(ch), deps, { board: "arena-text", from: null, to: null, top: 5 });
    expect(b).toEqual(a);
    expect(a.dates.find((d) => d.date === "2024-07-31")).toMatchObject({
      closed: { model: "GPT-4o-2024-05-13", score: 1286 },
      open: { model: "Meta-Llama-3.1-405b-Instruct", score: 1262 },
      gap: 24,
    });
    const o = { board: "arena-text", from: null, to: null };
    expect(await monthsBehindBody(ctxOf(ch), deps, o)).toEqual(await monthsBehindBody(ctxOf(duck), deps, o));
    const m = { board: "arena-text", date: "2024-07-31" };
    const mc = await leaderboardModelsBody(ctxOf(ch), deps, m);
    expect(mc).toEqual(await leaderboardModelsBody(ctxOf(duck), deps, m));
    expect(mc.entries.find((e) => e.model === "Gemma-2-27B-it")).toMatchObject({
      hub: { repo: "google/gemma-2-27b-it", rule: "name" },
      downloads: 94_130,
    });
  });

  it("a re-import replaces; a failing import changes nothing; an unfinished load stays invisible", async () => {
    const before = await ch.query(leaderboardEntries, { board: "arena-text", from: "2024-06-19", to: "2024-06-19" });
    expect(before).toHaveLength(109);
    const again = await importLeaderboardFiles(ch, [path.join(LEADERBOARDS, "arena/2024-06-19.csv")]);
    expect(again.loaded).toEqual([expect.objectContaining({ date: "2024-06-19", entries: 109, replaced: true })]);
    const bad = await files.file(
      "2024-06-19.csv",
      "rank,model,arena_elo,95_pct_ci,votes,organization,license,knowledge_cutoff,url\n1,X,1300,+3/-3,10,A,MIT,,\n2,Y,abc,+3/-3,10,A,MIT,,\n",
    );
    await expect(importLeaderboardFiles(ch, [bad], { board: "arena-text" })).rejects.toThrow(
      `${bad}:3: field "arena_elo": expected a number, got "abc"`,
    );
    // rows written under a load id no snapshot names (a load killed before its flip) are not visible
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(db)));
    await conn.insert("leaderboard_entry_rows", [
      { board: "arena-text", date: "2024-06-19", load_id: "dead", pos: 1, line: 2, model: "Ghost", preliminary: 0 },
    ]);
    await conn.close();
    const after = await ch.query(leaderboardEntries, { board: "arena-text", from: "2024-06-19", to: "2024-06-19" });
    expect(after).toEqual(before);
  });
});
