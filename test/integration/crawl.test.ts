/**
 * Crawling a Hub-compatible server on 127.0.0.1 into a real DuckDB file: every fault kind on the way still
 * stores exactly the models served, and a kill -9 followed by `--resume` gives the same snapshot as an
 * undisturbed crawl.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HubServer, loadHubModels, startHubServer } from "../../src/hub/serve.js";
import { crawl } from "../../src/ingest/crawl.js";
import { orgTotals, snapshotList, topModels } from "../../src/queries/index.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { ROOT, runMain, SAMPLE, startCli, tempDir } from "../helpers.js";

const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

describe("crawl through faults", () => {
  it("stores exactly the served models despite 429, 5xx, drops, truncated and slow pages", async () => {
    const models = await loadHubModels(SUBSET);
    const server = await startHubServer({
      models,
      pageSize: 5,
      faults: { at: { 1: "429:3", 2: 500, 4: "drop", 6: "truncate", 7: 503, 9: "cut", 11: "slow:6000", 12: 502 } },
    });
    const store = await DuckDBStore.open(path.join(tmp.dir, "faults.duckdb"));
    const waits: number[] = [];
    const retries: string[] = [];
    try {
      const r = await crawl(store, {
        endpoint: server.url,
        token: "hf_secret_never_logged",
        date: "2024-07-11",
        spoolDir: path.join(tmp.dir, "faults.crawl"),
        client: {
          // ample for a normal loopback page on a busy machine; the slow page comes long after it
          timeoutMs: 2000,
          sleep: async (ms) => {
            waits.push(ms);
          },
        },
        onRetry: (i) => retries.push(i.reason),
      });
      expect(r).toMatchObject({ pages: 10, models: 48, resumed: false });
      expect(r.snapshot).toMatchObject({ date: "2024-07-11", models: 48, downloads: 10_108_320 });
      // an unfiltered walk to the last page of what the server lists: a full listing
      expect(r.snapshot.coverage).toEqual({
        kind: "full",
        how: `unfiltered crawl of ${server.url}/api/models by downloads to its last page (10 pages)`,
      });
      expect(server.stats.faultsInjected).toBe(8);
      expect(waits[0]).toBe(4000); // RateLimit t=3 → wait t + 1 s
      expect(retries).toHaveLength(8);
      expect(retries.join(" ")).not.toContain("hf_secret");
      const [v] = await store.query(orgTotals, { author: "lmsys", match: "vicuna", date: null });
      expect(v).toMatchObject({ repos: 13, downloads: 695_234 });
      const all = await store.query(topModels, {
        date: null,
        limit: 1000,
        task: null,
        library: null,
        license: null,
        author: null,
      });
      expect(all.map((m) => m.id).sort()).toEqual(models.map((m) => String(m.id)).sort());
      // the same server cut by --limit: partial, and says how
      const limited = await crawl(store, {
        endpoint: server.url,
        date: "2024-07-12",
        limit: 25,
        spoolDir: path.join(tmp.dir, "limited.crawl"),
        client: { sleep: async () => undefined },
      });
      expect(limited.snapshot).toMatchObject({ models: 25, coverage: { kind: "partial" } });
      expect(limited.snapshot.coverage.how).toBe(`crawl of ${server.url}/api/models by downloads: top 25 (--limit 25)`);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it("gives up after the retries with one clear error, and stores no snapshot", async () => {
    const models = await loadHubModels(SUBSET);
    const server = await startHubServer({ models, pageSize: 10, faults: { every: { n: 1, fault: 503 } } });
    const store = await DuckDBStore.open(path.join(tmp.dir, "fail.duckdb"));
    try {
      await expect(
        crawl(store, {
          endpoint: server.url,
          date: "2024-07-11",
          spoolDir: path.join(tmp.dir, "fail.crawl"),
          client: { maxRetries: 2, sleep: async () => undefined },
        }),
      ).rejects.toThrow(/HTTP 503/);
      expect(await store.query(snapshotList, {})).toEqual([]);
    } finally {
      await store.close();
      await server.close();
    }
  });
});

describe("kill -9 and --resume", () => {
  let server: HubServer;
  beforeAll(async () => {
    // the sample (13,079 models) in pages of 100, each answer slowed so the crawl runs long enough to be killed
    server = await startHubServer({ models: await loadHubModels(SAMPLE), pageSize: 100 });
  });
  afterAll(async () => server.close());

  const snapshotOf = async (db: string) => {
    const env = { OMO_DB: db };
    const snaps = JSON.parse((await runMain(["snapshots", "--json"], env)).stdout);
    const top = JSON.parse((await runMain(["top", "--limit", "10000", "--json"], env)).stdout);
    return { snaps, top };
  };

  it("a killed crawl resumed gives the same snapshot as an undisturbed one, refetching at most one page", async () => {
    const args = ["ingest", "--endpoint", server.url, "--date", "2024-07-11", "--page-size", "100"];
    const calm = path.join(tmp.dir, "calm.duckdb");
    expect((await runMain(args, { OMO_DB: calm })).code).toBe(0);
    const pages = Math.ceil(13_079 / 100);

    const killed = path.join(tmp.dir, "killed.duckdb");
    server.setFaults({ every: { n: 1, fault: "slow:40" } });
    const before = server.stats.listRequests;
    const child = startCli(args, { OMO_DB: killed });
    const closed = new Promise((r) => child.on("close", r));
    while (server.stats.listRequests - before < 40) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGKILL");
    await closed;
    const fetchedBeforeKill = server.stats.listRequests - before;
    expect(fetchedBeforeKill).toBeLessThan(pages);

    server.setFaults({});
    const resumedAt = server.stats.listRequests;
    const r = await runMain([...args, "--resume", "--json"], { OMO_DB: killed });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ resumed: true, models: 13_079, pages });
    const fetchedAfter = server.stats.listRequests - resumedAt;
    // every page is fetched once, except at most the one in flight when the process died
    expect(fetchedBeforeKill + fetchedAfter).toBeLessThanOrEqual(pages + 1);
    expect(fetchedBeforeKill + fetchedAfter).toBeGreaterThanOrEqual(pages);

    const a = await snapshotOf(calm);
    const b = await snapshotOf(killed);
    expect(b.top).toEqual(a.top);
    expect(b.snaps.map((s: { models: number; downloads: number }) => [s.models, s.downloads])).toEqual([
      [13_079, 1_811_674_513],
    ]);
    expect(a.snaps[0].source).toBe(b.snaps[0].source);
    // a second --resume has nothing to do
    const again = await runMain([...args, "--resume"], { OMO_DB: killed });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/nothing to resume: the crawl for 2024-07-11 with these parameters is complete/);
  });
});
