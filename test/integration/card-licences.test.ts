/**
 * Licences stated in model cards (`omo ingest --details`) on the 8,650 real July-2024 model bodies
 * (../shared/data/hub/2024-07-11/model-info.jsonl.gz): the bodies imported as the snapshot, then served by the local
 * Hub server and fetched for the repos tagged license:other or license:unknown, with injected faults the client
 * retries. The licence names the cards state are classed by data/licences.yaml and move those repos out of the
 * `unknown` openness class, by exactly the downloads the names account for. CLI in-process (runMain).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HubServer, loadHubModels, parseFaultSpec, startHubServer } from "../../src/hub/serve.js";
import { hasShared, runMain, sharedHub, tempDir } from "../helpers.js";

const shared = hasShared();
const BODIES = sharedHub("2024-07-11/model-info.jsonl.gz");

interface Summary {
  candidates: number;
  fetched: number;
  withName: number;
  notFound: number;
  failed: number;
  stored: number;
  names: Array<{ licenceName: string | null; class: string; repos: number; downloads: number }>;
}

describe.skipIf(!shared)("omo ingest --details on the real July-2024 model bodies", () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  let hub: HubServer;
  const omo = async (args: string[]) => {
    const r = await runMain(["--db", db, ...args]);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };
  const json = async (args: string[]) => JSON.parse((await omo([...args, "--json"])).stdout);
  const unknownDownloads = async () =>
    ((await json(["openness"])).classes as Array<{ class: string; downloads: number; repos: number }>).find(
      (c) => c.class === "unknown",
    );

  beforeAll(async () => {
    tmp = tempDir("omo-cards-");
    db = path.join(tmp.dir, "cards.duckdb");
    await omo(["import", BODIES, "--date", "2024-07-11"]);
    const bodies = await loadHubModels(BODIES);
    expect(bodies).toHaveLength(8650);
    // a 500 on the 3rd model-info request and a dropped connection on the 10th: retried by the client
    hub = await startHubServer({ models: bodies, detailFaults: parseFaultSpec("500@3,drop@10") });
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
    tmp?.cleanup();
  });

  it("fetches the 365 repos tagged other/unknown; 142 cards name their licence; the names are classed", async () => {
    const before = await unknownDownloads();
    const s: Summary = await json(["ingest", "--details", "--min-downloads", "0", "--endpoint", hub.url]);
    expect(s).toMatchObject({ candidates: 365, fetched: 365, withName: 142, notFound: 0, failed: 0, stored: 365 });
    expect(hub.stats.faultsInjected).toBe(2);
    const by = new Map(s.names.map((n) => [n.licenceName, n]));
    expect(by.get("tongyi-qianwen")).toEqual({
      licenceName: "tongyi-qianwen",
      class: "vendor-community",
      repos: 46,
      downloads: 821_976,
    });
    expect(by.get("tongyi-qianwen-research")).toMatchObject({ class: "non-commercial", repos: 22 });
    expect(by.get("llama3")).toMatchObject({ class: "vendor-community", repos: 22 });
    expect(by.get("deepseek-license")).toMatchObject({ class: "vendor-community", repos: 4 });
    expect(by.get("mnpl")).toMatchObject({ class: "non-commercial", repos: 2 });
    expect(by.get("seallms")).toMatchObject({ class: "unknown" }); // named, but not classed: stays unknown
    expect(by.get(null)).toMatchObject({ class: "unknown", repos: 223 }); // the card names no licence
    // the repos reclassified leave `unknown` with exactly their downloads
    const reclassified = s.names.filter((n) => n.class !== "unknown");
    const moved = reclassified.reduce((a, n) => a + n.downloads, 0);
    const after = await unknownDownloads();
    expect((before?.downloads ?? 0) - (after?.downloads ?? 0)).toBe(moved);
    expect((before?.repos ?? 0) - (after?.repos ?? 0)).toBe(reclassified.reduce((a, n) => a + n.repos, 0));
    expect(moved).toBeGreaterThan(1_400_000);
  }, 120_000);

  it("omo model shows what the card says and the class it gives", async () => {
    const m = await json(["model", "Qwen/Qwen2-72B-Instruct"]);
    expect(m).toMatchObject({
      license: "other",
      licenceName: "tongyi-qianwen",
      licenceLink: "https://huggingface.co/Qwen/Qwen2-72B-Instruct/blob/main/LICENSE",
      licenceClass: "vendor-community",
    });
    const table = (await omo(["model", "Qwen/Qwen2-72B-Instruct"])).stdout;
    expect(table).toMatch(/licence in the card\s+tongyi-qianwen \(https:\/\/huggingface\.co\/Qwen\/Qwen2-72B-Instruct/);
  });

  it("a second run continues (cards fetched today are skipped) unless --refetch; thresholds narrow the set", async () => {
    const again: Summary = await json(["ingest", "--details", "--min-downloads", "0", "--endpoint", hub.url]);
    expect(again).toMatchObject({ candidates: 0, fetched: 0, stored: 0 });
    const top: Summary = await json([
      "ingest",
      "--details",
      "--refetch",
      "--min-downloads",
      "10000",
      "--endpoint",
      hub.url,
    ]);
    expect(top.candidates).toBeGreaterThan(10);
    expect(top.candidates).toBeLessThan(100);
    expect(top.fetched).toBe(top.candidates);
  });

  it("bad options and an unreachable Hub fail with one line, storing nothing", async () => {
    const bad = await runMain(["--db", db, "ingest", "--details", "--min-downloads", "-5"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('omo: invalid --min-downloads "-5": expected a whole number, 0 or more');
    const none = await runMain(["--db", path.join(tmp.dir, "empty.duckdb"), "ingest", "--details"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no snapshots in .*empty\.duckdb/);
    const badRetries = await runMain(["--db", db, "ingest", "--details", "--retries", "many"]);
    expect(badRetries.code).toBe(1);
    expect(badRetries.stderr.trim()).toBe('omo: invalid --retries "many": expected a whole number, 0 or more');
    const before = await json(["model", "Qwen/Qwen2-72B-Instruct"]);
    // one retry per card (--retries 1: a 1 s wait), not huggingface_hub's five (1 + 2 + 4 + 8 + 8 s)
    const down = await runMain([
      "--db",
      db,
      "ingest",
      "--details",
      "--refetch",
      "--min-downloads",
      "100000",
      "--endpoint",
      "http://127.0.0.1:9",
      "--timeout",
      "2000",
      "--retries",
      "1",
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^retry 1 in 1000 ms: /m);
    expect(down.stderr).not.toMatch(/^retry 2 /m);
    expect(down.stderr).toMatch(/^omo: no model card could be fetched from http:\/\/127\.0\.0\.1:9: /m);
    expect(await json(["model", "Qwen/Qwen2-72B-Instruct"])).toEqual(before);
  }, 300_000);
});
