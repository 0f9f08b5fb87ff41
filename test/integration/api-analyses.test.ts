/**
 * The API routes behind the dashboard's analyses, over the committed sample (2024-07-11) and the meta-llama/lmsys
 * cut as 2024-08-11: a model's derivatives and families, organisations ranked, concentration, facets, cost presets,
 * compare by typed names, the valid names of an unknown family, no bearer scheme without an admin token, the
 * report's link back, and one set of relation labels in the CLI, the API and the report. Expected figures are
 * recomputed from the sample file where the API could be wrong in the same way as the store.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPresets } from "../../src/answers/cost-plan.js";
import { type Family, loadFamilies, officialSqlParams } from "../../src/domain/families.js";
import { RELATION_LABELS } from "../../src/domain/relations.js";
import { buildApp } from "../../src/server/app.js";
import type { Store } from "../../src/store/store.js";
import { twoSnapshotStore } from "../e2e/setup.js";
import { runMain, SAMPLE, tempDir } from "../helpers.js";

const CHAT = "meta-llama/Llama-2-7b-chat-hf";

interface Line {
  id: string;
  author?: string;
  downloads?: number;
  tags?: string[];
  pipeline_tag?: string;
}
const sample = gunzipSync(readFileSync(SAMPLE))
  .toString("utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Line);

const tmp = tempDir("omo-api-analyses-");
const db = path.join(tmp.dir, "two.duckdb");
let store: Store;
let app: FastifyInstance;
let registry: Family[];

beforeAll(async () => {
  registry = await loadFamilies();
  store = await twoSnapshotStore(db);
  await store.close();
  // the CLI's answers first (it opens the file itself), then the server holds it
  cli.concentration = JSON.parse((await runMain(["--db", db, "concentration", "--k", "5", "--json"])).stdout);
  cli.growth = JSON.parse((await runMain(["--db", db, "growth", "--window", "30", "--json"])).stdout);
  cli.orgs = JSON.parse(
    (await runMain(["--db", db, "orgs", "--date", "2024-07-11", "--limit", "10", "--json"])).stdout,
  );
  cli.model = (await runMain(["--db", db, "model", "TheBloke/Llama-2-7B-Chat-GGUF"])).stdout;
  cli.tree = (await runMain(["--db", db, "family", "llama-2", "--tree", "--top", "3", "--date", "2024-07-11"])).stdout;
  const { openStore } = await import("../../src/store/open.js");
  store = await openStore(db);
  app = await buildApp({ store, rateLimit: false });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  tmp.cleanup();
});

const cli: Record<string, unknown> = {};

async function get(url: string) {
  const r = await app.inject(url);
  const json = String(r.headers["content-type"] ?? "").includes("json");
  return { status: r.statusCode, json: json ? r.json() : null, body: r.body };
}

describe("a model's derivatives and families", () => {
  it("the direct derivatives of meta-llama/Llama-2-7b-chat-hf: the sample's base_model tags, by relation", async () => {
    const kids = sample.filter((m) =>
      (m.tags ?? []).some((t) => t.toLowerCase() === `base_model:${CHAT.toLowerCase()}`),
    );
    const r = await get(`/api/models/${CHAT}/children?date=2024-07-11&limit=10000`);
    expect(r.status).toBe(200);
    const children = r.json.children as Array<{ id: string; relation: string; downloads: number }>;
    // the untyped base_model tags of the sample, and the re-uploads linked by omo's name rule (data/reuploaders.yaml):
    // repos without any lineage tag whose names mirror the chat model
    const reuploads = children.filter((c) => c.relation === "reupload");
    for (const c of reuploads) {
      const m = sample.find((x) => x.id === c.id);
      expect(
        (m?.tags ?? []).some((t) => t.startsWith("base_model:")),
        c.id,
      ).toBe(false);
    }
    const sum = (xs: Array<{ downloads?: number | null }>) => xs.reduce((s, m) => s + (m.downloads ?? 0), 0);
    expect(r.json.byRelation).toEqual([
      { relation: "unknown", repos: kids.length, downloads: sum(kids), label: "untyped link" },
      ...(reuploads.length
        ? [{ relation: "reupload", repos: reuploads.length, downloads: sum(reuploads), label: "re-upload (name rule)" }]
        : []),
    ]);
    expect(reuploads.map((c) => c.id)).toEqual(["NousResearch/Llama-2-7b-chat-hf"]);
    expect(kids.length).toBe(1_243);
    expect(sum(kids)).toBe(670_775);
    expect(r.json.total).toEqual({ repos: kids.length + reuploads.length, downloads: sum(kids) + sum(reuploads) });
    const ids = children.map((c) => c.id).sort();
    expect(ids).toEqual([...kids.map((m) => m.id), ...reuploads.map((c) => c.id)].sort());
    const top = await get(`/api/models/${CHAT.toUpperCase()}/children?date=2024-07-11&limit=3`);
    expect((top.json.children as Array<{ id: string; downloads: number }>).map((c) => [c.id, c.downloads])).toEqual([
      ["TheBloke/Llama-2-7B-Chat-GGUF", 617_210],
      ["NousResearch/Llama-2-7b-chat-hf", 259_656],
      ["TheBloke/Llama-2-7B-Chat-GPTQ", 32_137],
    ]);
    expect(top.json.id).toBe(CHAT);
    const quantized = await get(`/api/models/${CHAT}/children?date=2024-07-11&relation=quantized`);
    expect(quantized.json).toMatchObject({ total: r.json.total, children: [] });
    // the latest snapshot (48 models of two organisations) lists none
    expect((await get(`/api/models/${CHAT}/children`)).json.total).toEqual({ repos: 0, downloads: 0 });
    const csv = await get(`/api/models/${CHAT}/children?date=2024-07-11&limit=2&format=csv`);
    expect(csv.body.split("\n")[0]).toBe("id,author,relation,downloads,likes,license,created,firstSeen,relationLabel");
    expect(csv.body.split("\n")[1]).toMatch(/^TheBloke\/Llama-2-7B-Chat-GGUF,TheBloke,unknown,617210,/);
    for (const [url, status] of [
      [`/api/models/${CHAT}/children?relation=cousin`, 400],
      [`/api/models/${CHAT}/children?limit=0`, 400],
      ["/api/models/nobody/nothing/children", 404],
      ["/api/models/nobody/nothing/family", 404],
    ] as const) {
      expect((await get(url)).status, url).toBe(status);
    }
  });

  it("the family of a model and the chain of links, as omo family --explain", async () => {
    const gguf = await get("/api/models/thebloke/llama-2-7b-chat-gguf/family?date=2024-07-11");
    expect(gguf.json).toMatchObject({
      id: "TheBloke/Llama-2-7B-Chat-GGUF",
      licence: "llama2",
      licenceClass: "vendor-community",
    });
    expect(gguf.json.families).toEqual([
      {
        family: "llama-2",
        title: "Llama 2",
        official: false,
        depth: 1,
        chain: [
          { id: CHAT, depth: 0, relation: "official", label: "official", origin: null },
          { id: "TheBloke/Llama-2-7B-Chat-GGUF", depth: 1, relation: "unknown", label: "untyped link", origin: "tag" },
        ],
      },
    ]);
    const official = await get(`/api/models/${CHAT}/family`);
    expect(official.json.families).toEqual([expect.objectContaining({ family: "llama-2", official: true, depth: 0 })]);
    const none = await get("/api/models/MIT/ast-finetuned-audioset-10-10-0.4593/family?date=2024-07-11");
    expect(none.json.families).toEqual([]);
  });
});

describe("organisations, concentration, growth, facets", () => {
  it("/api/orgs ranks namespaces by downloads; shares of the snapshot's total; like-for-like growth", async () => {
    const byOrg = new Map<string, number>();
    for (const m of sample) {
      const a = (m.author ?? m.id.split("/")[0] ?? "").toLowerCase();
      byOrg.set(a, (byOrg.get(a) ?? 0) + (m.downloads ?? 0));
    }
    const expected = [...byOrg.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    const r = await get("/api/orgs?date=2024-07-11&limit=10");
    expect(r.status).toBe(200);
    const orgs = r.json.orgs as Array<{
      author: string;
      downloads: number;
      share: number;
      rank: number;
      families: string[];
    }>;
    expect(orgs.map((o) => [o.author.toLowerCase(), o.downloads])).toEqual(expected);
    expect(r.json.total.downloads).toBe(1_811_674_513);
    const { dataAsOf: _asOf, ...ranking } = r.json;
    expect(ranking).toEqual(cli.orgs);
    expect(orgs[0]?.share).toBeCloseTo((expected[0]?.[1] ?? 0) / 1_811_674_513, 12);
    expect(r.json).toMatchObject({ baseDate: null, note: expect.stringContaining("no growth") });

    const latest = await get("/api/orgs");
    expect(latest.json).toMatchObject({ date: "2024-08-11", baseDate: "2024-07-11", window: 30 });
    expect(latest.json.orgs).toEqual([
      expect.objectContaining({
        author: "meta-llama",
        repos: 30,
        families: registry
          .filter((f) => officialSqlParams(f).officialAuthors.includes("meta-llama"))
          .map((f) => f.name),
        growth: { commonRepos: 30, before: 8_811_771, after: 8_811_771, change: 0, relative: 0, newRepos: 0 },
      }),
      expect.objectContaining({ author: "lmsys", repos: 18, downloads: 1_296_549 }),
    ]);
    // a task filter: the total is what the facets say that task has
    const facets = await get("/api/facets?date=2024-07-11");
    const tg = (facets.json.tasks as Array<{ value: string; repos: number; downloads: number }>).find(
      (t) => t.value === "text-generation",
    );
    expect(tg?.repos).toBe(sample.filter((m) => m.pipeline_tag === "text-generation").length);
    const tr = await get("/api/orgs?date=2024-07-11&task=text-generation&limit=1");
    expect(tr.json.total.downloads).toBe(tg?.downloads);
    expect((await get("/api/orgs?window=14")).status).toBe(400);
    const csv = await get("/api/orgs?date=2024-07-11&limit=2&format=csv");
    expect(csv.body.split("\n")[0]).toBe(
      "rank,author,repos,downloads,likes,share,families,baseDate,commonRepos,before,after,change,newRepos",
    );
  });

  it("/api/concentration and /api/trending answer what the CLI prints", async () => {
    const c = await get("/api/concentration?k=5");
    const { dataAsOf, ...body } = c.json;
    expect(dataAsOf).toBe("2024-08-11");
    expect(body).toEqual(cli.concentration);
    expect(body).toMatchObject({ models: 48, orgs: 2, hhiLabel: "highly concentrated" });
    const t = await get("/api/trending?window=30&limit=20");
    const { dataAsOf: _, ...growth } = t.json;
    expect(growth).toEqual(cli.growth);
    expect(growth).toMatchObject({ date: "2024-08-11", baseDate: "2024-07-11", days: 31 });
  });

  it("/api/cost/presets: the presets and what a request can name", async () => {
    const r = await get("/api/cost/presets");
    expect((r.json.presets as Array<{ name: string }>).map((p) => p.name)).toEqual(await listPresets());
    expect((r.json.presets as Array<{ name: string }>).map((p) => p.name)).toContain("article-2023");
    expect((r.json.priced as Array<{ model: string }>).map((p) => p.model)).toContain("gpt-4");
    expect(r.json.selfHosted).toContain("llama-2-70b:A100-80GB");
    expect((await get("/api/cost/presets?asOf=2024-02-31")).status).toBe(400);
  });
});

describe("names, errors and docs", () => {
  it("compare resolves names case-insensitively: a family by slug or title, else an organisation", async () => {
    const r = await get(`/api/compare?ids=${encodeURIComponent("vicuna,LMSYS,llama 2,Vicuna,family:vicuna")}`);
    expect(r.status).toBe(200);
    expect((r.json.items as Array<{ id: string; label: string }>).map((i) => [i.id, i.label])).toEqual([
      ["family:vicuna", "Vicuna"],
      ["org:lmsys", "lmsys"],
      ["family:llama-2", "Llama 2"],
    ]);
    const none = await get("/api/compare?ids=nothing-here");
    expect(none.status).toBe(404);
    expect(none.json.error).toContain(`"nothing-here" is neither a family (${registry.map((f) => f.name).join(", ")})`);
    const bad = await get("/api/compare?ids=a/b/c");
    expect(bad).toMatchObject({ status: 400, json: { param: "ids" } });
  });

  it("an unknown family answers the valid names", async () => {
    for (const url of ["/api/families/llama2", "/api/families/llama2/tree", "/feeds/family/llama2.atom"]) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(r.json.error).toMatch(/^unknown family "llama2"; known families: bert, .*llama-2, llama-3/);
      expect(r.json.known).toEqual(registry.map((f) => f.name));
    }
    const o = await get("/api/openness?family=llama2");
    expect(o).toMatchObject({ status: 400, json: { param: "family" } });
    expect(o.json.known).toContain("llama-2");
  });

  it("OpenAPI has a bearer scheme (and Swagger UI an Authorize button) only with an admin token", async () => {
    const spec = (await get("/openapi.json")).json;
    expect(spec.components?.securitySchemes).toBeUndefined();
    expect(JSON.stringify(spec)).not.toContain('"security"');
    const admin = await buildApp({ store, rateLimit: false, adminToken: "s3cret" });
    try {
      const withToken = (await admin.inject("/openapi.json")).json();
      expect(withToken.components.securitySchemes).toEqual({ bearer: { type: "http", scheme: "bearer" } });
    } finally {
      await admin.close();
    }
    const docs = await get("/docs/static/theme/omo-back.js");
    expect(docs.status).toBe(200);
    expect(docs.body).toContain('a.href = "/#/"');
  });

  it("the served report links back to the dashboard (not printed); the CLI's does not", async () => {
    const en = await get("/report");
    expect(en.body).toContain('<p class="back"><a href="/#/">← Back to the dashboard</a></p>');
    const it_ = await get("/report?lang=it");
    expect(it_.body).toContain('<a href="/#/">← Torna al cruscotto</a>');
    expect((await get("/report?format=md")).body).not.toContain("dashboard");
    const file = path.join(tmp.dir, "r.html");
    await runMain(["--db", db, "report", "--out", file]);
    expect(readFileSync(file, "utf8")).not.toContain('class="back"');
  });

  it("one set of relation labels: the CLI, the API and the report say “untyped link”", async () => {
    expect(RELATION_LABELS.unknown).toBe("untyped link");
    expect(cli.model).toMatch(/base models\s+meta-llama\/Llama-2-7b-chat-hf \(untyped link\)/);
    expect(cli.tree).toMatch(/TheBloke\/Llama-2-7B-GPTQ\s+25,556 \(untyped link\)/);
    expect(cli.tree).toMatch(/allenai\/tulu-2-7b\s+8,283 \(untyped link, 3 children\)/);
    const report = await get("/report?format=md&date=2024-07-11");
    expect(report.body).toContain("untyped link");
    expect(report.body).not.toMatch(/\| unknown \|/);
  });
});
