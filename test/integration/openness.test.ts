/**
 * `omo openness` (classes, --series, --drift, --family, --task), the licence class of `omo model`, and
 * `/api/openness`, on the committed sample through the real CLI and a real HTTP server.
 */
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { runMain, SAMPLE, tempDir } from "../helpers.js";

let tmp: ReturnType<typeof tempDir>;
let env: Record<string, string>;

interface ClassRow {
  class: string;
  repos: number;
  downloads: number;
  share: number;
  gatedRepos: number;
}

async function json(args: string[]): Promise<Record<string, unknown>> {
  const r = await runMain([...args, "--json"], env);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  tmp = tempDir("omo-openness-");
  env = { OMO_DB: path.join(tmp.dir, "omo.duckdb") };
  expect((await runMain(["import", SAMPLE], env)).code).toBe(0);
});
afterAll(() => tmp.cleanup());

// each case spawns the CLI a few times (tsx start-up): allow for a loaded machine
describe("omo openness", { timeout: 180_000 }, () => {
  it("splits the snapshot's downloads by class; shares sum to 1 and totals match the snapshot", async () => {
    const body = await json(["openness"]);
    const classes = body.classes as ClassRow[];
    expect(body.date).toBe("2024-07-11");
    expect(body.total).toEqual({ repos: 13_079, downloads: 1_811_674_513 });
    expect(classes.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 9);
    expect(classes.reduce((a, c) => a + c.downloads, 0)).toBe(1_811_674_513);
    const names = classes.map((c) => c.class);
    for (const c of ["open-source", "responsible-use", "vendor-community", "non-commercial", "unknown"]) {
      expect(names).toContain(c);
    }
    // the July-2024 listing carries no gating
    expect(classes.every((c) => c.gatedRepos === 0)).toBe(true);
    const table = await runMain(["openness"], env);
    expect(table.stdout).toMatch(/Downloads by openness class, snapshot 2024-07-11/);
    expect(table.stdout).toMatch(/vendor-community/);
    const csv = await runMain(["openness", "--csv"], env);
    expect(csv.stdout.split("\n")[0]).toBe("class,repos,downloads,share,gatedRepos,gatedDownloads,gatingUnknown");
  });

  it("Llama 2 repos are vendor-community, apache-2.0 repos open-source (omo model)", async () => {
    const llama = await json(["model", "meta-llama/Llama-2-7b-hf"]);
    expect(llama).toMatchObject({ license: "llama2", licenceClass: "vendor-community" });
    const mistral = await json(["model", "mistralai/Mistral-7B-v0.1"]);
    expect(mistral).toMatchObject({ license: "apache-2.0", licenceClass: "open-source" });
    const table = await runMain(["model", "meta-llama/Llama-2-7b-hf"], env);
    expect(table.stdout).toMatch(/class\s+vendor-community/);
  });

  it("--family: the family's members only, with its openness evidence", async () => {
    const fam = await json(["family", "llama-2"]);
    const body = await json(["openness", "--family", "llama-2"]);
    expect(body.family).toBe("llama-2");
    expect((body.total as { repos: number }).repos).toBe((fam.total as { repos: number }).repos);
    const classes = body.classes as ClassRow[];
    expect(classes.find((c) => c.class === "vendor-community")?.repos).toBeGreaterThanOrEqual(12);
    expect(classes.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 9);
    const evidence = body.evidence as Array<{ source: string }>;
    expect(evidence.map((e) => e.source)).toEqual(expect.arrayContaining(["osai-index", "opening-up-chatgpt", "mof"]));
    const table = await runMain(["openness", "--family", "llama-2"], env);
    expect(table.stdout).toMatch(/Openness evidence for Llama 2/);
  });

  it("--task narrows to one pipeline tag", async () => {
    const all = (await json(["openness"])).total as { repos: number };
    const tg = await json(["openness", "--task", "text-generation"]);
    expect((tg.total as { repos: number }).repos).toBeGreaterThan(0);
    expect((tg.total as { repos: number }).repos).toBeLessThan(all.repos);
  });

  it("--series: one group of classes per snapshot, shares summing to 1", async () => {
    const body = await json(["openness", "--series"]);
    const rows = body.rows as Array<{ date: string; share: number }>;
    expect(new Set(rows.map((r) => r.date))).toEqual(new Set(["2024-07-11"]));
    expect(rows.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 9);
  });

  it("--drift: derivatives whose licence differs from their base's, counted by from → to", async () => {
    const body = await json(["openness", "--drift", "--limit", "500"]);
    const pairs = body.pairs as Array<{ fromLicence: string; toLicence: string; repos: number; fromClass: string }>;
    expect(body.derivatives as number).toBeGreaterThan(3_000);
    expect(body.changedDerivatives as number).toBeGreaterThan(0);
    expect(body.changedDerivatives as number).toBeLessThan(body.derivatives as number);
    expect(pairs.every((p) => p.fromLicence !== p.toLicence)).toBe(true);
    // a derivative with several bases counts once per distinct base licence
    expect(pairs.reduce((a, p) => a + p.repos, 0)).toBeGreaterThanOrEqual(body.changedDerivatives as number);
    expect(pairs.some((p) => p.fromLicence === "llama2" && p.fromClass === "vendor-community")).toBe(true);
    const fam = await json(["openness", "--drift", "--family", "llama-2"]);
    expect(fam.derivatives as number).toBeLessThan(body.derivatives as number);
  });

  it("refuses --series with --drift and an unknown relation or family, naming the option", async () => {
    const both = await runMain(["openness", "--series", "--drift"], env);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/--series/);
    const rel = await runMain(["openness", "--drift", "--relation", "cousin"], env);
    expect(rel.code).toBe(1);
    expect(rel.stderr).toMatch(/--relation/);
    const fam = await runMain(["openness", "--family", "no-such-family"], env);
    expect(fam.code).toBe(1);
  });
});

describe("/api/openness", () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    store = await openStore(env.OMO_DB as string);
    app = await buildApp({ store, rateLimit: false, webRoot: null });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it("answers the CLI's numbers with X-Data-As-Of; series, drift and CSV", async () => {
    const r = await fetch(`${base}/api/openness`);
    expect(r.status).toBe(200);
    expect(r.headers.get("x-data-as-of")).toBe("2024-07-11");
    const body = (await r.json()) as { dataAsOf: string; total: { downloads: number }; classes: ClassRow[] };
    expect(body.dataAsOf).toBe("2024-07-11");
    expect(body.total.downloads).toBe(1_811_674_513);
    expect(body.classes.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 9);

    const fam = (await (await fetch(`${base}/api/openness?family=llama-2&task=text-generation`)).json()) as {
      family: string;
      evidence: unknown[];
    };
    expect(fam.family).toBe("llama-2");
    expect(fam.evidence.length).toBeGreaterThan(0);

    const series = (await (await fetch(`${base}/api/openness?series=1`)).json()) as { rows: unknown[] };
    expect(series.rows.length).toBeGreaterThan(0);
    const drift = (await (await fetch(`${base}/api/openness?drift=1&relation=unknown`)).json()) as {
      derivatives: number;
      pairs: unknown[];
    };
    expect(drift.derivatives).toBeGreaterThan(0);
    expect(drift.pairs.length).toBeGreaterThan(0);

    const csv = await fetch(`${base}/api/openness?format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await csv.text()).split("\n")[0]).toMatch(/^class,repos,downloads,share/);
  });

  it("400s name the parameter", async () => {
    for (const [url, param] of [
      ["/api/openness?family=no-such-family", "family"],
      ["/api/openness?series=1&drift=1", "drift"],
      ["/api/openness?drift=1&relation=cousin", "relation"],
      ["/api/openness?date=2024-02-31", "date"],
      ["/api/openness?series=maybe", "series"],
    ] as const) {
      const r = await fetch(`${base}${url}`);
      expect(r.status, url).toBe(400);
      expect(((await r.json()) as { param?: string }).param, url).toBe(param);
    }
  });
});
