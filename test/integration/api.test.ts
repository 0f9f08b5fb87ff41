/**
 * The JSON API and badges over real HTTP on 127.0.0.1, on a DuckDB store loaded from the committed sample: schemas
 * and OpenAPI, 400s naming the parameter, 404s, hostile ids, data headers and 304, CSV, admin, badges, and the
 * numbers the CLI prints for the same questions.
 */
import http from "node:http";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadHubModels, startHubServer } from "../../src/hub/serve.js";
import { importFiles } from "../../src/ingest/import-files.js";
import { buildApp } from "../../src/server/app.js";
import { openStore, writeStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { ROOT, SAMPLE, tempDir } from "../helpers.js";

let tmp: ReturnType<typeof tempDir>;
let db: string;
let store: Store;
let app: FastifyInstance;
let base: string;
const cli: Record<string, unknown> = {};

/** Runs the CLI in this process and parses its JSON output. */
async function cliJson(args: string[]): Promise<unknown> {
  let out = "";
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await main(["--db", db, ...args, "--json"]);
    if (code !== 0) throw new Error(`omo ${args.join(" ")} exited ${code}`);
  } finally {
    process.stdout.write = write;
  }
  return JSON.parse(out);
}

async function get(url: string, headers: Record<string, string> = {}) {
  const r = await fetch(`${base}${url}`, { headers });
  const text = await r.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: r.status, headers: r.headers, text, json: json as Record<string, unknown> };
}

/** A raw GET with the path as given (no client-side normalisation of `..` or `%`). */
function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  tmp = tempDir("omo-api-");
  db = path.join(tmp.dir, "omo.duckdb");
  await writeStore(db, (s) => importFiles(s, [SAMPLE]));
  // the CLI's answers to the same questions, before the server holds the database
  cli.org = await cliJson(["org", "lmsys", "--match", "vicuna"]);
  cli.orgVersions = await cliJson(["org", "lmsys", "--match", "vicuna", "--versions"]);
  cli.family = await cliJson(["family", "llama-2"]);
  cli.families = await cliJson(["families"]);
  cli.model = await cliJson(["model", "thebloke/llama-2-7b-chat-gguf"]);
  cli.top = await cliJson(["top", "--limit", "5", "--task", "text-generation", "--license", "llama2"]);
  cli.concentration = await cliJson(["concentration", "--k", "3"]);
  cli.openness = await cliJson(["openness"]);
  cli.snapshots = await cliJson(["snapshots"]);
  cli.llama3 = await cliJson(["family", "llama-3", "--relations", "all,reupload"]);
  cli.vicunaVersions = await cliJson(["family", "vicuna", "--versions"]);
  store = await openStore(db);
  app = await buildApp({ store, rateLimit: false, webRoot: null, today: () => today });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  tmp?.cleanup();
});

/** The server's clock (answers that read today's date are cached for that day only). */
let today = "2026-12-02";

const strip = (body: Record<string, unknown>) => {
  const { dataAsOf: _d, ...rest } = body;
  return rest;
};

describe("schemas and docs", () => {
  it("the OpenAPI document lists every route; /docs serves the human docs", async () => {
    const r = await get("/openapi.json");
    expect(r.status).toBe(200);
    expect(r.json.openapi).toMatch(/^3\./);
    const paths = Object.keys(r.json.paths as object);
    for (const p of [
      "/api/health",
      "/api/snapshots",
      "/api/models",
      "/api/models/{author}/{name}",
      "/api/models/{author}/{name}/series",
      "/api/orgs/{author}",
      "/api/orgs/{author}/series",
      "/api/families",
      "/api/families/{name}",
      "/api/families/{name}/tree",
      "/api/families/{name}/series",
      "/api/families/{name}/versions",
      "/api/compare",
      "/api/trending",
      "/api/search",
      "/api/queries",
      "/api/queries/{name}",
      "/badge/model/{author}/{file}",
      "/badge/family/{file}",
      "/badge/org/{file}",
      "/embed/compare.svg",
    ]) {
      expect(paths, p).toContain(p);
    }
    const org = (r.json.paths as Record<string, Record<string, { parameters: Array<{ name: string; in: string }> }>>)[
      "/api/orgs/{author}"
    ]?.get;
    expect(org?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["author", "match", "date", "format"]));
    const docs = await get("/docs");
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
    const index = await get("/");
    expect(index.json.openapi).toBe("/openapi.json");
  });

  it("/api/queries explains every catalog query with its parameters and SQL", async () => {
    const r = await get("/api/queries");
    const queries = r.json.queries as Array<{ name: string; sql: string; params: { properties?: object } }>;
    const names = queries.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(["org-totals", "family-totals", "top-models", "search-models"]));
    const one = await get("/api/queries/org-totals");
    expect(one.json.sql).toContain("regexp_matches");
    expect(Object.keys((one.json.params as { properties: object }).properties)).toEqual(["author", "match", "date"]);
    expect((await get("/api/queries/nope")).status).toBe(404);
  });

  it("/api/queries/NAME?params= binds the values and shows the SQL as this server's DuckDB store runs it", async () => {
    const r = await get(`/api/queries/org-totals?params=${encodeURIComponent(JSON.stringify({ author: "lmsys" }))}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      dialect: "duckdb",
      cache: "data",
      values: { author: "lmsys", match: null, date: null },
    });
    expect(r.json.bound).toContain("EXECUTE org_totals(date := NULL, author := 'lmsys', match := NULL);");
    expect((r.json.sqlByDialect as { clickhouse: string }).clickhouse).toContain("lowerUTF8($author)");
    const bad = await get(`/api/queries/org-totals?params=${encodeURIComponent(JSON.stringify({ author: "" }))}`);
    expect(bad.status).toBe(400);
    expect(bad.json.param).toBe("params.author");
    expect((await get("/api/queries/org-totals?params=%7Bnot-json")).json.param).toBe("params");
  });

  it("an answer that read today's date (prices in force) is cached for that day only; others until the data changes", async () => {
    today = "2026-12-02";
    const prices = await get("/api/prices?provider=openai&limit=5");
    const org = await get("/api/orgs/lmsys");
    const pricesTag = prices.headers.get("etag") as string;
    const orgTag = org.headers.get("etag") as string;
    expect((await get("/api/prices?provider=openai&limit=5", { "if-none-match": pricesTag })).status).toBe(304);
    today = "2026-12-03";
    const next = await get("/api/prices?provider=openai&limit=5", { "if-none-match": pricesTag });
    expect(next.status).toBe(200);
    expect(next.headers.get("etag")).not.toBe(pricesTag);
    expect((await get("/api/orgs/lmsys", { "if-none-match": orgTag })).status).toBe(304);
    const q = await get("/api/queries/prices");
    expect(q.json.cache).toBe("day");
  });
});

describe("same numbers as the CLI", () => {
  it("/api/orgs/lmsys?match=vicuna: 13 repos, 695,234 downloads, as omo org --json", async () => {
    const r = await get("/api/orgs/lmsys?match=vicuna");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ repos: 13, downloads: 695_234, dataAsOf: "2024-07-11" });
    expect(strip(r.json)).toEqual(cli.org);
    const v = await get("/api/orgs/lmsys?match=vicuna&versions=1");
    expect(strip(v.json)).toEqual(cli.orgVersions);
  });

  it("/api/families/llama-2: official 12 / 3,780,234, as omo family --json", async () => {
    const r = await get("/api/families/llama-2");
    expect(r.json.official).toEqual({ repos: 12, downloads: 3_780_234 });
    expect(strip(r.json)).toEqual(cli.family);
    const all = await get("/api/families");
    expect(all.json.families).toEqual(cli.families);
    const versions = await get("/api/families/vicuna/versions");
    expect(strip(versions.json)).toEqual(cli.vicunaVersions);
  });

  it("coverage and the dominant model: /api/snapshots, /api/concentration, /api/openness as the CLI (issue 11)", async () => {
    const snaps = await get("/api/snapshots");
    expect(snaps.json.snapshots).toEqual(cli.snapshots);
    expect((snaps.json.snapshots as Array<{ coverage: unknown }>)[0]?.coverage).toMatchObject({
      kind: "partial",
      models: 13_079,
    });
    const c = await get("/api/concentration?k=3");
    expect(c.status).toBe(200);
    expect(strip(c.json)).toEqual(cli.concentration);
    expect(c.json.dominant).toMatchObject({ id: "MIT/ast-finetuned-audioset-10-10-0.4593", downloads: 680_847_003 });
    const o = await get("/api/openness");
    expect(strip(o.json)).toEqual(cli.openness);
    expect(o.json.dominant).toMatchObject({ id: "MIT/ast-finetuned-audioset-10-10-0.4593", class: "open-source" });
    const l3 = await get("/api/families/llama-3?relations=all,reupload");
    expect(strip(l3.json)).toEqual(cli.llama3);
    expect(l3.json.relations).toBe("all,reupload");
    expect((l3.json.derivatives as { byRelation: Record<string, unknown> }).byRelation.reupload).toBeDefined();
    expect((await get("/api/families/llama-3?relations=all,copies")).status).toBe(400);
  });

  it("models: detail and top as omo model / omo top", async () => {
    const m = await get("/api/models/thebloke/llama-2-7b-chat-gguf");
    expect(strip(m.json)).toEqual(cli.model);
    const t = await get("/api/models?limit=5&task=text-generation&license=llama2");
    expect(t.json.models).toEqual(cli.top);
  });

  it("series, families tree, compare, trending, search answer over the sample", async () => {
    const s = await get("/api/orgs/lmsys/series?match=vicuna");
    expect((s.json.rows as Array<{ downloads: number }>)[0]?.downloads).toBe(695_234);
    const ms = await get("/api/models/lmsys/vicuna-7b-v1.5/series?bucket=day");
    expect((ms.json.rows as Array<{ downloads: number }>)[0]?.downloads).toBe(492_274);
    const fs = await get("/api/families/llama-2/series?scope=official");
    expect((fs.json.rows as Array<{ downloads: number; repos: number }>)[0]).toMatchObject({
      repos: 12,
      downloads: 3_780_234,
    });
    const tree = await get("/api/families/llama-2/tree?depth=1");
    expect((tree.json.nodes as unknown[]).length).toBe(12 + 3_018);
    const c = await get("/api/compare?ids=lmsys/vicuna-7b-v1.5,family:llama-2,org:lmsys");
    const items = c.json.items as Array<{ id: string; kind: string; label: string; points: unknown[] }>;
    expect(items.map((i) => i.kind)).toEqual(["model", "family", "org"]);
    expect(items[0]?.points).toEqual([{ date: "2024-07-11", downloads: 492_274, coverageChanged: false }]);
    expect(items[1]?.label).toBe("Llama 2");
    const tr = await get("/api/trending?window=7");
    expect(tr.status).toBe(200);
    expect(tr.json).toMatchObject({ baseDate: null, models: [] });
    const q = await get("/api/search?q=VICUNA");
    const models = q.json.models as Array<{ id: string }>;
    expect(models.length).toBeGreaterThan(0);
    expect(models.length).toBeLessThanOrEqual(20);
    expect(models.every((x) => x.id.toLowerCase().includes("vicuna"))).toBe(true);
    expect((q.json.families as Array<{ family: string }>).map((f) => f.family)).toContain("vicuna");
    const orgs = await get("/api/search?q=lmsy");
    expect((orgs.json.orgs as Array<{ author: string }>)[0]?.author).toBe("lmsys");
    // % and _ are plain characters, not wildcards
    const pct = await get(`/api/search?q=${encodeURIComponent("%")}`);
    expect(pct.json.models).toEqual([]);
    const us = await get("/api/search?q=_");
    expect((us.json.models as Array<{ id: string }>).every((x) => x.id.includes("_"))).toBe(true);
    const health = await get("/api/health");
    expect(health.json).toMatchObject({ ok: true, date: "2024-07-11", models: 13_079 });
    const snaps = await get("/api/snapshots");
    expect(snaps.json.snapshots).toEqual([
      expect.objectContaining({ date: "2024-07-11", status: "complete", models: 13_079 }),
    ]);
  });
});

describe("bad input", () => {
  it("400 names the parameter", async () => {
    const cases: Array<[string, string]> = [
      ["/api/models?limit=0", "limit"],
      ["/api/models?limit=abc", "limit"],
      ["/api/models?date=2024-7-11", "date"],
      ["/api/models?date=2024-02-31", "date"],
      ["/api/orgs/lmsys?match=(", "match"],
      ["/api/orgs/lmsys?match=a%7B99999%7D", "match"],
      ["/api/orgs/lmsys?match=%5C8", "match"],
      ["/api/orgs/lmsys/series?match=(%3F%3C%3Da)b", "match"],
      ["/api/families/llama-2?relations=cousin", "relations"],
      ["/api/families/llama-2?depth=101", "depth"],
      ["/api/families/llama-2/series?scope=all", "scope"],
      ["/api/orgs/lmsys/series?bucket=year", "bucket"],
      ["/api/orgs/lmsys/series?from=2024-08-01&to=2024-07-01", "from"],
      ["/api/search", "q"],
      ["/api/search?q=%20%20", "q"],
      [`/api/search?q=${"x".repeat(5000)}`, "q"],
      ["/api/compare", "ids"],
      [`/api/compare?ids=${Array.from({ length: 11 }, (_, i) => `a/m${i}`).join(",")}`, "ids"],
      ["/api/compare?ids=a/b/c", "ids"],
      ["/api/trending?window=5", "window"],
      ["/badge/org/lmsys.svg?style=plastic", "style"],
    ];
    for (const [url, param] of cases) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.json.param, url).toBe(param);
      expect(typeof r.json.error).toBe("string");
    }
  });

  it("404 on unknown models, organisations, families, dates and routes", async () => {
    for (const url of [
      "/api/models/nobody/nothing",
      "/api/models/nobody/nothing/series",
      "/api/orgs/nobody-at-all",
      "/api/orgs/nobody-at-all/series",
      "/api/families/nope",
      "/api/families/nope/tree",
      "/api/families/nope/series",
      "/api/families/nope/versions",
      "/api/models?date=2024-07-12",
      "/api/compare?ids=nobody/nothing",
      "/api/compare?ids=family:nope",
      "/api/compare?ids=org:nobody-at-all",
      "/api/compare?ids=not-a-family-or-org",
      "/api/nothing",
    ]) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(typeof r.json.error, url).toBe("string");
    }
  });

  it("hostile ids never give a 500", async () => {
    const hostile = [
      "'",
      '"',
      "%",
      "%%",
      "_",
      "..",
      "../..",
      "a'b",
      "'; DROP TABLE model; --",
      "1 OR 1=1",
      "$q",
      "\\",
      "<script>",
      "\u0000",
      "x".repeat(5000),
    ];
    for (const h of hostile) {
      const e = encodeURIComponent(h);
      for (const url of [
        `/api/models/${e}/${e}`,
        `/api/models/meta-llama/${e}/series`,
        `/api/orgs/${e}`,
        `/api/orgs/${e}/series`,
        `/api/orgs/lmsys?match=${e}`,
        `/api/families/${e}`,
        `/api/families/${e}/tree`,
        `/api/queries/${e}`,
        `/api/search?q=${e}`,
        `/api/compare?ids=${e}`,
        `/api/models?author=${e}&task=${e}`,
        `/badge/model/${e}/${e}.svg`,
        `/badge/org/${e}.json`,
        `/badge/family/${e}.svg`,
      ]) {
        const r = await get(url);
        expect([200, 400, 404], `${url.slice(0, 80)} → ${r.status} ${r.text.slice(0, 200)}`).toContain(r.status);
      }
    }
    for (const raw of [
      "/api/models/../../etc/passwd",
      "/api/models/%/x",
      "/api/models/%E0%A4%A/x",
      "/api/orgs/..%2F..",
      "/badge/org/%.svg",
    ]) {
      const r = await rawGet(raw);
      expect([400, 404], raw).toContain(r.status);
    }
    // the store still answers
    expect((await get("/api/orgs/lmsys?match=vicuna")).json.repos).toBe(13);
  });
});

describe("headers, caching and CSV", () => {
  it("X-Data-As-Of, ETag and a 304 on If-None-Match", async () => {
    const r = await get("/api/orgs/meta-llama?match=llama-2");
    expect(r.headers.get("x-data-as-of")).toBe("2024-07-11");
    expect(r.headers.get("cache-control")).toBe("public, max-age=300");
    const etag = r.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    expect(r.json).toMatchObject({ repos: 12, downloads: 3_780_234, dataAsOf: "2024-07-11" });
    const again = await get("/api/orgs/meta-llama?match=llama-2", { "If-None-Match": etag as string });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("x-data-as-of")).toBe("2024-07-11");
    const other = await get("/api/orgs/meta-llama");
    expect(other.headers.get("etag")).not.toBe(etag);
    const err = await get("/api/models?limit=0");
    expect(err.headers.get("x-data-as-of")).toBe("2024-07-11");
    expect(err.headers.get("etag")).toBeNull();
  });

  it("one question, one cache entry: parameters in any order, defaults written or not, share the ETag", async () => {
    const a = await get("/api/models?limit=5&task=text-generation");
    const b = await get("/api/models?task=text-generation&limit=5");
    expect(a.status).toBe(200);
    expect(b.headers.get("etag")).toBe(a.headers.get("etag"));
    expect(b.text).toBe(a.text);
    const k = await get("/api/concentration");
    const k10 = await get("/api/concentration?k=10");
    expect(k10.headers.get("etag")).toBe(k.headers.get("etag"));
    expect(k10.json.k).toBe(10);
    // a different question keeps its own entry
    expect((await get("/api/concentration?k=3")).headers.get("etag")).not.toBe(k.headers.get("etag"));
  });

  it("?format=csv exports the list", async () => {
    const r = await get("/api/orgs/lmsys?match=vicuna&format=csv");
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = r.text.trim().split("\n");
    expect(lines[0]).toBe("id,downloads,likes,task,library,license,created");
    expect(lines).toHaveLength(14);
    expect(lines[1]).toBe("lmsys/vicuna-7b-v1.5,492274,263,text-generation,transformers,llama2,2023-07-29");
    const fam = await get("/api/families?format=csv");
    expect(fam.text.split("\n")[0]).toMatch(/^rank,date,family,title,/);
    const top = await get("/api/models?limit=3&format=csv");
    expect(top.text.trim().split("\n")).toHaveLength(4);
    // the JSON and the CSV of one URL are cached apart
    expect((await get("/api/orgs/lmsys?match=vicuna")).json.repos).toBe(13);
  });
});

describe("badges", () => {
  it("SVG: well-formed, 'downloads | 1.3M/month', label override escaped, flat-square", async () => {
    const r = await get("/badge/model/meta-llama/Llama-2-7b-hf.svg");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(r.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*<\/svg>$/s);
    expect(r.text).toContain("<title>downloads: 1.3M/month</title>");
    expect(r.text).toContain(">1.3M/month</text>");
    const o = await get(`/badge/org/lmsys.svg?label=${encodeURIComponent("<a&b>")}&style=flat-square`);
    expect(o.text).toContain("&lt;a&amp;b&gt;");
    expect(o.text).not.toContain("<a&b>");
    expect(o.text).not.toContain('rx="3"');
    const f = await get("/badge/family/llama-2.svg");
    expect(f.text).toContain("4.7M/month");
    const missing = await get("/badge/model/nobody/nothing.svg");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("not found");
  });

  it("JSON: the shields.io endpoint format", async () => {
    const r = await get("/badge/org/lmsys.json");
    expect(r.json).toMatchObject({ schemaVersion: 1, label: "downloads", message: "1.3M/month", color: "blue" });
    const m = await get("/badge/model/lmsys/vicuna-13b-v1.5.json?label=vicuna");
    expect(m.json).toMatchObject({ schemaVersion: 1, label: "vicuna", message: "114k/month" });
    const v = await get("/badge/family/vicuna.json");
    expect(v.json.message).toBe("716k/month");
    const miss = await get("/badge/family/nope.json");
    expect(miss.status).toBe(404);
    expect(miss.json).toMatchObject({ schemaVersion: 1, isError: true });
  });
});

describe("admin, limits", () => {
  it("admin routes are absent without a token", async () => {
    expect((await get("/api/admin/ingest")).status).toBe(404);
    const r = await fetch(`${base}/api/admin/ingest`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(r.status).toBe(404);
  });

  it("with a token: 401 without or with a wrong one; status with the right one; small bodies only", async () => {
    const a = await buildApp({ store, adminToken: "s3cret", rateLimit: 3, webRoot: null });
    await a.listen({ port: 0, host: "127.0.0.1" });
    const addr = a.server.address();
    const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    try {
      expect((await fetch(`${url}/api/admin/ingest`)).status).toBe(401);
      const wrong = await fetch(`${url}/api/admin/ingest`, {
        method: "POST",
        headers: { authorization: "Bearer nope", "content-type": "application/json" },
        body: "{}",
      });
      expect(wrong.status).toBe(401);
      const ok = await fetch(`${url}/api/admin/ingest`, { headers: { authorization: "Bearer s3cret" } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ state: "idle" });
      // rate limit: 3 per minute on this app
      const limited = await fetch(`${url}/api/health`);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toHaveProperty("error");
    } finally {
      await a.close();
    }
    const big = await fetch(`${base}/api/admin/ingest`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ endpoint: "x".repeat(100_000) }),
    });
    expect(big.status).toBe(413);
  });

  it("POST /api/admin/ingest crawls in the background, one at a time, and new data replaces the cache", async () => {
    const hub = await startHubServer({
      models: await loadHubModels(path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl")),
      faults: { at: { 1: "slow:800" } },
    });
    const a = await buildApp({ store, adminToken: "s3cret", rateLimit: false, webRoot: null });
    await a.listen({ port: 0, host: "127.0.0.1" });
    const addr = a.server.address();
    const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    const auth = { authorization: "Bearer s3cret", "content-type": "application/json" };
    try {
      const before = await fetch(`${url}/api/health`);
      expect(before.headers.get("x-data-as-of")).toBe("2024-07-11");
      const bad = await fetch(`${url}/api/admin/ingest`, { method: "POST", headers: auth, body: '{"limit":0}' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ param: "limit" });
      const body = JSON.stringify({ endpoint: hub.url, date: "2024-07-12" });
      const started = await fetch(`${url}/api/admin/ingest`, { method: "POST", headers: auth, body });
      expect(started.status).toBe(202);
      expect(await started.json()).toMatchObject({ state: "running" });
      const again = await fetch(`${url}/api/admin/ingest`, { method: "POST", headers: auth, body });
      expect(again.status).toBe(409);
      let status: Record<string, unknown> = {};
      for (let i = 0; i < 100; i++) {
        status = (await (await fetch(`${url}/api/admin/ingest`, { headers: auth })).json()) as Record<string, unknown>;
        if (status.state !== "running") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toMatchObject({ state: "complete", result: { date: "2024-07-12", models: 48 } });
      const after = await fetch(`${url}/api/health`);
      expect(after.headers.get("x-data-as-of")).toBe("2024-07-12");
      expect(await after.json()).toMatchObject({ date: "2024-07-12", models: 48 });
    } finally {
      await a.close();
      await hub.close();
    }
  });
});

describe("security headers", () => {
  it("every response says nosniff, a referrer policy and a CSP; only embeds and badges may be framed", async () => {
    for (const url of ["/api/health", "/api/orgs/lmsys?match=vicuna", "/api/nope", "/report", "/docs/"]) {
      const r = await fetch(`${base}${url}`);
      expect(r.headers.get("x-content-type-options"), url).toBe("nosniff");
      expect(r.headers.get("referrer-policy"), url).toBe("strict-origin-when-cross-origin");
      expect(r.headers.get("content-security-policy"), url).toMatch(/frame-ancestors 'none'/);
      expect(r.headers.get("content-security-policy"), url).toMatch(/script-src 'self'(;|$)/);
      expect(r.headers.get("x-frame-options"), url).toBe("DENY");
    }
    for (const url of ["/embed/compare.svg?ids=org:lmsys", "/badge/org/lmsys.svg"]) {
      const r = await fetch(`${base}${url}`);
      expect(r.status, url).toBe(200);
      expect(r.headers.get("x-content-type-options"), url).toBe("nosniff");
      expect(r.headers.get("content-security-policy"), url).toMatch(/frame-ancestors \*/);
      expect(r.headers.get("x-frame-options"), url).toBeNull();
      expect(r.headers.get("cross-origin-resource-policy"), url).toBe("cross-origin");
    }
    const icon = await fetch(`${base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toMatch(/^<svg /);
  });
});
