/**
 * Two processes loading into one ClickHouse store at once (two store handles on one database stand for them; the
 * steps are interleaved with promises, never with timing). ClickHouse 18.16 has no transactions: a load builds its
 * generation of the model dimension and roll-ups on the generation current when it starts writing, so
 *  - a load that another load's flip overtook gives up before its own flip, with nothing visible and a message that
 *    says to run it again (else its flip would hide the other load's models);
 *  - a load's garbage collection leaves alone the rows of another load still running (else that load's generation
 *    would be dropped under it and its flip would show the older models).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgTotals, snapshotList, topModels } from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import type { LoadSession } from "../../src/store/store.js";
import { clickHouseLive, type LocalClickHouse, startLocalClickHouse } from "../contract/clickhouse.js";
import { ROOT, tempDir } from "../helpers.js";

const live = clickHouseLive();

/** The 48-model subset of the real listing, split by organisation. */
const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");
const lines = readFileSync(SUBSET, "utf8").trim().split("\n");
const META = lines.filter((l) => (JSON.parse(l) as { id: string }).id.startsWith("meta-llama/"));
const LMSYS = lines.filter((l) => (JSON.parse(l) as { id: string }).id.startsWith("lmsys/"));

type Private = {
  writeDimension: (...args: unknown[]) => Promise<void>;
  collectGarbage: (...args: unknown[]) => Promise<void>;
};
/** A session's private step, to run something right after (or before) it: the interleaving of two processes. */
const steps = (s: LoadSession) => s as unknown as Private;

describe.skipIf(!live)("ClickHouse: two loads at once", () => {
  let server: LocalClickHouse;
  let tmp: ReturnType<typeof tempDir>;
  let meta: string;
  let lmsys: string;

  beforeAll(async () => {
    tmp = tempDir();
    meta = path.join(tmp.dir, "meta.jsonl");
    lmsys = path.join(tmp.dir, "lmsys.jsonl");
    writeFileSync(meta, `${META.join("\n")}\n`);
    writeFileSync(lmsys, `${LMSYS.join("\n")}\n`);
    server = await startLocalClickHouse("single");
  }, 120_000);

  afterAll(async () => {
    server?.stop();
    tmp?.cleanup();
  });

  async function begin(store: ClickHouseStore, file: string, date: string): Promise<LoadSession> {
    const s = await store.beginLoad();
    await s.stage({ path: file, format: "jsonl", label: path.basename(file), defaultDate: date });
    return s;
  }
  const repos = async (store: ClickHouseStore, author: string, date: string) =>
    (await store.query(orgTotals, { author, match: null, date }))[0]?.repos;

  it("a load overtaken by another's flip fails with nothing visible, and succeeds when run again", async () => {
    expect(META.length).toBeGreaterThan(0);
    expect(LMSYS.length).toBeGreaterThan(0);
    const url = server.storeUrl("omo_overtaken");
    const a = await ClickHouseStore.open(url);
    const b = await ClickHouseStore.open(url);
    try {
      const sa = await begin(a, meta, "2024-07-11");
      const sb = await begin(b, lmsys, "2024-07-12");
      // b has written its generation on the (empty) one current when it started; then a commits
      const write = steps(sb).writeDimension.bind(sb);
      steps(sb).writeDimension = async (...args) => {
        await write(...args);
        await sa.commit({ source: "test:a" });
      };
      await expect(sb.commit({ source: "test:b" })).rejects.toThrow(
        /another load \(l\w+\) committed to this ClickHouse store while this one \(l\w+\) ran: nothing of this load was made visible; run it again/,
      );
      await sb.abort();
      expect((await a.query(snapshotList, {})).map((r) => r.date)).toEqual(["2024-07-11"]);
      expect(await repos(a, "meta-llama", "2024-07-11")).toBe(META.length);

      // run again: both loads' models and dates
      const again = await begin(b, lmsys, "2024-07-12");
      await again.commit({ source: "test:b" });
      expect((await a.query(snapshotList, {})).map((r) => r.date).sort()).toEqual(["2024-07-11", "2024-07-12"]);
      expect(await repos(a, "meta-llama", "2024-07-11")).toBe(META.length);
      expect(await repos(b, "lmsys", "2024-07-12")).toBe(LMSYS.length);
    } finally {
      await a.close();
      await b.close();
    }
  }, 180_000);

  it("a load's clean-up leaves the generation of a load still running, whose flip then shows its models", async () => {
    const url = server.storeUrl("omo_cleanup");
    const a = await ClickHouseStore.open(url);
    const b = await ClickHouseStore.open(url);
    try {
      // b flips first and stops before its clean-up; a builds on b's generation; b's clean-up runs; a flips
      const sb = await begin(b, meta, "2024-07-11");
      const sa = await begin(a, lmsys, "2024-07-12");
      let reached!: () => void;
      const atCleanup = new Promise<void>((r) => {
        reached = r;
      });
      let go!: () => void;
      const gate = new Promise<void>((r) => {
        go = r;
      });
      const collect = steps(sb).collectGarbage.bind(sb);
      steps(sb).collectGarbage = async (...args) => {
        reached();
        await gate;
        await collect(...args);
      };
      const bDone = sb.commit({ source: "test:b" });
      await atCleanup;
      const write = steps(sa).writeDimension.bind(sa);
      steps(sa).writeDimension = async (...args) => {
        await write(...args);
        go();
        await bDone;
      };
      await sa.commit({ source: "test:a" });
      expect((await a.query(snapshotList, {})).map((r) => r.date).sort()).toEqual(["2024-07-11", "2024-07-12"]);
      expect(await repos(a, "meta-llama", "2024-07-11")).toBe(META.length);
      expect(await repos(a, "lmsys", "2024-07-12")).toBe(LMSYS.length);
    } finally {
      await a.close();
      await b.close();
    }
  }, 180_000);

  it("a reader's lookups kept as constants: another process's load makes its next query resolve them again, never answer from the old snapshot", async () => {
    const url = server.storeUrl("omo_kept_lookups");
    const reader = await ClickHouseStore.open(url);
    const writer = await ClickHouseStore.open(url);
    type Counts = { states: number; resolved: number; guardFailed: number };
    const counts = (reader as unknown as { lookups: { counts: Counts } }).lookups.counts;
    const top = { date: null, limit: 100, task: null, library: null, license: null, author: null };
    try {
      await (await begin(writer, meta, "2024-07-11")).commit({ source: "test:meta" });
      const latest = async () => (await reader.query(topModels, top)).map((r) => [r.date, r.id]);
      const first = await latest();
      expect(new Set(first.map(([d]) => d))).toEqual(new Set(["2024-07-11"]));
      expect(first).toHaveLength(META.length);
      const before = { ...counts };
      expect(before.resolved).toBeGreaterThan(0);
      // asked again: the kept values, no lookup resolved and no fingerprint read
      expect(await latest()).toEqual(first);
      expect(counts).toEqual(before);
      // another process loads a newer date (its flip, then its clean-up of the previous generation)
      await (await begin(writer, lmsys, "2024-07-12")).commit({ source: "test:lmsys" });
      const second = await latest();
      expect(counts.guardFailed).toBe(before.guardFailed + 1);
      expect(counts.states).toBe(before.states + 1);
      expect(new Set(second.map(([d]) => d))).toEqual(new Set(["2024-07-12"]));
      expect(second.map(([, id]) => id)).toEqual((await writer.query(topModels, top)).map((r) => r.id));
      expect(second).toHaveLength(LMSYS.length);
      // the date before is still answered from its own load
      expect(await repos(reader, "meta-llama", "2024-07-11")).toBe(META.length);
    } finally {
      await reader.close();
      await writer.close();
    }
  }, 180_000);
});
