import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseLinkNext, parseRateLimit } from "../../src/hub/link.js";
import { type HubServer, loadHubModels, parseFaultSpec, startHubServer } from "../../src/hub/serve.js";
import { parseFault } from "../../src/hub/serve-faults.js";
import { ROOT } from "../helpers.js";

const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");

type Model = Record<string, unknown> & { _id: string; id: string };

interface Got {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Follows Link from `first`, returning every item and the number of pages. */
async function walk(first: string): Promise<{ items: Model[]; pages: number; links: string[] }> {
  const items: Model[] = [];
  const links: string[] = [];
  let url: string | null = first;
  let pages = 0;
  while (url) {
    const r = await get(url);
    expect(r.status).toBe(200);
    items.push(...(r.json as Model[]));
    pages += 1;
    const link = r.headers.get("link");
    if (link) links.push(link);
    url = parseLinkNext(link);
  }
  return { items, pages, links };
}

/** Hub order: key descending, nulls last, `_id` ascending. */
function hubSorted(models: Model[], key: string): Model[] {
  return [...models].sort((a, b) => {
    const av = a[key] ?? null;
    const bv = b[key] ?? null;
    if (av !== bv) {
      if (av === null) return 1;
      if (bv === null) return -1;
      return (av as number | string) > (bv as number | string) ? -1 : 1;
    }
    return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
  });
}

const ids = (ms: Model[]) => ms.map((m) => m.id);

describe("startHubServer on the meta-llama/lmsys subset", () => {
  let models: Model[];
  let server: HubServer;

  beforeAll(async () => {
    models = (await loadHubModels(SUBSET)) as Model[];
    server = await startHubServer({ models });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("loads the 48 subset objects in file order", () => {
    expect(models).toHaveLength(48);
    expect(models[0]?.id).toBe("meta-llama/Meta-Llama-3-8B-Instruct");
  });

  it("pages with limit=10 through absolute Link URLs: every model once, in sort=downloads order", async () => {
    const first = `${server.url}/api/models?sort=downloads&limit=10`;
    const { items, pages, links } = await walk(first);
    expect(pages).toBe(5);
    expect(ids(items)).toEqual(ids(hubSorted(models, "downloads")));
    expect(ids(items)).toEqual(ids(models)); // the seed is already in the Hub's order
    expect(new Set(ids(items)).size).toBe(48);
    for (const link of links) {
      expect(link).toMatch(
        new RegExp(
          `^<${server.url.replace(/\./g, "\\.")}/api/models\\?sort=downloads&limit=10&cursor=[^&>]+>; rel="next"$`,
        ),
      );
    }
  });

  it("omits Link on the last page and serves an exact final page", async () => {
    const r = await get(`${server.url}/api/models?sort=downloads&limit=48`);
    expect((r.json as Model[]).length).toBe(48);
    expect(r.headers.get("link")).toBeNull();
  });

  it("keeps every original parameter (expand[], filter, author) in the next URL", async () => {
    const r = await get(`${server.url}/api/models?author=lmsys&expand[]=likes&filter=llama&limit=2&sort=likes`);
    const next = parseLinkNext(r.headers.get("link"));
    expect(next).not.toBeNull();
    const params = new URL(next as string).searchParams;
    expect(params.get("author")).toBe("lmsys");
    expect(params.getAll("expand[]")).toEqual(["likes"]);
    expect(params.get("filter")).toBe("llama");
    expect(params.get("limit")).toBe("2");
    expect(params.getAll("cursor")).toHaveLength(1);
  });

  it("emits a Hub-style keyset cursor (base64 JSON, opaque to clients)", async () => {
    const r = await get(`${server.url}/api/models?sort=downloads&limit=1`);
    const cursor = new URL(parseLinkNext(r.headers.get("link")) as string).searchParams.get("cursor") as string;
    const decoded = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    const top = models[0] as Model;
    expect(decoded.$or[0]).toEqual({ downloads: top.downloads, _id: { $gt: top._id } });
  });

  it.each(["likes", "createdAt", "downloads"])("sorts by %s descending with _id ascending on ties", async (sort) => {
    const { items } = await walk(`${server.url}/api/models?sort=${sort}&limit=7`);
    expect(ids(items)).toEqual(ids(hubSorted(models, sort)));
  });

  it("sorts by trendingScore by default; absent everywhere in 2024, so by _id ascending", async () => {
    const { items } = await walk(`${server.url}/api/models?limit=20&direction=1`);
    expect(ids(items)).toEqual(ids([...models].sort((a, b) => (a._id < b._id ? -1 : 1))));
  });

  it("author is an exact, case-insensitive namespace", async () => {
    const { items } = await walk(`${server.url}/api/models?author=META-LLAMA&limit=8&sort=downloads`);
    expect(items).toHaveLength(30);
    expect(items.every((m) => m.id.startsWith("meta-llama/"))).toBe(true);
    expect(((await get(`${server.url}/api/models?author=meta`)).json as Model[]).length).toBe(0);
  });

  it("search is a case-insensitive substring of the id", async () => {
    const { items } = await walk(`${server.url}/api/models?search=VICUNA-13b&limit=3&sort=downloads`);
    const expected = models.filter((m) => m.id.toLowerCase().includes("vicuna-13b"));
    expect(expected.length).toBeGreaterThan(3);
    expect(ids(items)).toEqual(ids(expected));
  });

  it("filter values are ANDed over tags", async () => {
    const r = await get(`${server.url}/api/models?filter=llama-2&filter=conversational&sort=downloads`);
    const tagged = (m: Model, t: string) => (m.tags as string[]).includes(t);
    const expected = models.filter((m) => tagged(m, "llama-2") && tagged(m, "conversational"));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(models.filter((m) => tagged(m, "llama-2")).length);
    expect(ids(r.json as Model[])).toEqual(ids(expected));
  });

  it("default projection: the July-2024 keys, absent ones omitted, never null", async () => {
    const items = (await get(`${server.url}/api/models?sort=downloads`)).json as Model[];
    const allowed = ["_id", "id", "likes", "private", "downloads", "tags", "pipeline_tag", "library_name", "createdAt"];
    for (const item of items) {
      expect(Object.keys(item).every((k) => allowed.includes(k) || k === "modelId")).toBe(true);
      expect(item.modelId).toBe(item.id);
      expect(Object.values(item)).not.toContain(null);
    }
    expect(items.filter((m) => !("library_name" in m))).toHaveLength(6);
    expect(items).toEqual(models);
  });

  it("expand returns only _id, id and the expanded keys (both spellings, absent keys omitted)", async () => {
    const a = (await get(`${server.url}/api/models?expand=downloads&expand=likes&limit=3&sort=downloads`))
      .json as Model[];
    expect(a.map((m) => Object.keys(m).sort())).toEqual(Array(3).fill(["_id", "downloads", "id", "likes"]));
    const b = (await get(`${server.url}/api/models?expand[]=author&expand[]=library_name&sort=downloads`))
      .json as Model[];
    const withLib = b.filter((m) => "library_name" in m);
    expect(withLib).toHaveLength(42);
    expect(b.every((m) => !("author" in m) && !("modelId" in m) && !("tags" in m))).toBe(true);
  });

  it("full=true returns the stored objects", async () => {
    const r = await get(`${server.url}/api/models?full=True&sort=downloads&limit=2`);
    expect(r.json).toEqual(models.slice(0, 2));
  });

  it("answers 400 for an unknown expand value or a model-info-only one, naming the index", async () => {
    const bad = await get(`${server.url}/api/models?expand=downloads&expand=bogus`);
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toMatch(
      /^Invalid option: expected one of "author"\|.* at expand\[1\]$/,
    );
    const infoOnly = await get(`${server.url}/api/models?expand[]=usedStorage`);
    expect(infoOnly.status).toBe(400);
    expect((infoOnly.json as { error: string }).error).toContain("at expand[0]");
    expect((infoOnly.json as { error: string }).error).not.toContain('"usedStorage"');
  });

  it("answers 400 for a bad sort, limit or cursor", async () => {
    expect((await get(`${server.url}/api/models?sort=author`)).status).toBe(400);
    expect((await get(`${server.url}/api/models?limit=0`)).status).toBe(400);
    expect((await get(`${server.url}/api/models?limit=ten`)).status).toBe(400);
    expect((await get(`${server.url}/api/models?cursor=not-a-cursor`)).status).toBe(400);
    // A cursor minted for another sort key is refused as well.
    const r = await get(`${server.url}/api/models?sort=likes&limit=1`);
    const cursor = new URL(parseLinkNext(r.headers.get("link")) as string).searchParams.get("cursor") as string;
    expect((await get(`${server.url}/api/models?sort=downloads&cursor=${encodeURIComponent(cursor)}`)).status).toBe(
      400,
    );
  });

  it("serves model info case-insensitively, with and without /revision/:rev, and shallow with expand", async () => {
    const r = await get(`${server.url}/api/models/META-LLAMA/llama-2-7b-hf`);
    expect(r.status).toBe(200);
    expect((r.json as Model).id).toBe("meta-llama/Llama-2-7b-hf");
    const rev = await get(`${server.url}/api/models/lmsys/vicuna-7b-v1.5/revision/HEAD`);
    expect((rev.json as Model).id).toBe("lmsys/vicuna-7b-v1.5");
    const shallow = await get(
      `${server.url}/api/models/lmsys/vicuna-7b-v1.5/revision/main?expand[]=likes&expand[]=usedStorage`,
    );
    expect(Object.keys(shallow.json as Model).sort()).toEqual(["_id", "id", "likes"]);
  });

  it("answers 404 with X-Error-Code: RepoNotFound for an unknown repo", async () => {
    const r = await get(`${server.url}/api/models/nobody/nothing/revision/HEAD`);
    expect(r.status).toBe(404);
    expect(r.headers.get("x-error-code")).toBe("RepoNotFound");
    expect(r.json).toEqual({ error: "Repository not found" });
  });

  it("sends the Hub headers on every response, errors included", async () => {
    for (const url of ["/api/models?limit=1", "/api/models/x/y", "/api/models?expand=nope", "/nowhere"]) {
      const r = await get(`${server.url}${url}`);
      expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(r.headers.get("x-request-id")).toMatch(/^Root=1-[0-9a-f]+-[0-9a-f]+$/);
      expect(parseRateLimit(r.headers.get("ratelimit"))).not.toBeNull();
      expect(r.headers.get("ratelimit-policy")).toMatch(/^"fixed window";"api";q=\d+;w=\d+$/);
    }
  });

  it("accepts Bearer hf_ tokens and answers 401 to anything else", async () => {
    expect((await get(`${server.url}/api/models?limit=1`, { authorization: "Bearer hf_abc123" })).status).toBe(200);
    const r = await get(`${server.url}/api/models?limit=1`, { authorization: "Bearer abc123" });
    expect(r.status).toBe(401);
    expect(r.headers.get("x-error-message")).toBe("Invalid credentials in Authorization header");
  });

  it("caps pages at pageSize whatever limit asks", async () => {
    const small = await startHubServer({ models, pageSize: 20 });
    try {
      const r = await get(`${small.url}/api/models?limit=1000&sort=downloads`);
      expect((r.json as Model[]).length).toBe(20);
      const { items, pages } = await walk(`${small.url}/api/models?sort=downloads`);
      expect(pages).toBe(3);
      expect(ids(items)).toEqual(ids(models));
    } finally {
      await small.close();
    }
  });

  it("enforces a fixed-window rate limit with 429 and RateLimit r=0", async () => {
    const limited = await startHubServer({ models, rateLimit: { quota: 2, windowSeconds: 60 } });
    try {
      const first = await get(`${limited.url}/api/models?limit=1`);
      expect(first.headers.get("ratelimit")).toMatch(/^"api";r=1;t=\d+$/);
      expect(first.headers.get("ratelimit-policy")).toBe('"fixed window";"api";q=2;w=60');
      await get(`${limited.url}/api/models?limit=1`);
      const third = await get(`${limited.url}/api/models?limit=1`);
      expect(third.status).toBe(429);
      const rl = parseRateLimit(third.headers.get("ratelimit"));
      expect(rl?.remaining).toBe(0);
      expect(rl?.resetSeconds).toBeGreaterThan(0);
      expect(third.headers.get("retry-after")).toBe(String(rl?.resetSeconds));
      expect(limited.stats.rateLimited).toBe(1);
    } finally {
      await limited.close();
    }
  });
});

describe("fault injection", () => {
  let models: Model[];
  let server: HubServer;
  const list = () => `${server.url}/api/models?sort=downloads&limit=5`;

  beforeAll(async () => {
    models = (await loadHubModels(SUBSET)) as Model[];
    server = await startHubServer({ models, faults: parseFaultSpec("429=7@1,500@2,503@3") });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("fails the numbered list requests as planned, then answers normally", async () => {
    const r1 = await get(list());
    expect(r1.status).toBe(429);
    expect(r1.headers.get("ratelimit")).toBe('"api";r=0;t=7');
    expect(r1.headers.get("retry-after")).toBe("7");
    expect((await get(list())).status).toBe(500);
    expect((await get(list())).status).toBe(503);
    expect((await get(`${server.url}/api/models/lmsys/vicuna-7b-v1.5`)).status).toBe(200); // not a list request
    const ok = await get(list());
    expect(ok.status).toBe(200);
    expect(ids(ok.json as Model[])).toEqual(ids(models.slice(0, 5)));
    expect(server.stats.faultsInjected).toBe(3);
    expect(server.stats.faultsByKind).toEqual({ "429": 1, "500": 1, "503": 1 });
  });

  it("drops the connection without an answer", async () => {
    server.setFaults({ at: { 1: "drop" } });
    await expect(fetch(list())).rejects.toThrow();
    expect((await get(list())).status).toBe(200);
  });

  it("truncates the body after correct status and headers", async () => {
    server.setFaults({ at: { 1: "truncate" } });
    const r = await get(list());
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(r.text.startsWith('[{"_id":')).toBe(true);
    expect(r.json).toBeUndefined();
  });

  it("cuts the connection in the middle of a body announced in full", async () => {
    server.setFaults({ at: { 1: "cut" } });
    const res = await fetch(list());
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it("delays a slow answer", async () => {
    server.setFaults({ at: { 1: "slow:150" } });
    const t0 = performance.now();
    expect((await get(list())).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("repeats faults with every=n and draws seeded random faults reproducibly", async () => {
    server.setFaults(parseFaultSpec("every=3:503"));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(list())).status);
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503]);

    const draw = async () => {
      server.setFaults(parseFaultSpec("rate=0.5:seed=42:faults=500|503"));
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await get(list())).status);
      return out;
    };
    const a = await draw();
    expect(await draw()).toEqual(a);
    expect(a.some((s) => s !== 200)).toBe(true);
    expect(a.some((s) => s === 200)).toBe(true);
  });
});

describe("parseFaultSpec", () => {
  it("parses one-shot faults by list-request number", () => {
    expect(parseFaultSpec("429@2,500@4,drop@6,truncate@8,slow=200@10")).toEqual({
      at: { 2: 429, 4: 500, 6: "drop", 8: "truncate", 10: "slow:200" },
    });
    expect(parseFaultSpec(" 429=30@1 , cut@3 ")).toEqual({ at: { 1: "429:30", 3: "cut" } });
  });

  it("parses rate and every items", () => {
    expect(parseFaultSpec("rate=0.1:seed=42")).toEqual({ rate: { p: 0.1, seed: 42 } });
    expect(parseFaultSpec("rate=0.25:seed=7:faults=500|drop|slow=50,every=5:503")).toEqual({
      rate: { p: 0.25, seed: 7, faults: [500, "drop", "slow:50"] },
      every: { n: 5, fault: 503 },
    });
    expect(parseFaultSpec("")).toEqual({});
  });

  it("rejects malformed specs with an InputError", () => {
    for (const bad of ["418@1", "500", "500@0", "drop@x", "rate=2", "rate=0.1:color=red", "every=0:500", "slow@3"]) {
      expect(() => parseFaultSpec(bad), bad).toThrow(InputError);
    }
    expect(() => parseFault("teapot")).toThrow(/unknown fault "teapot"/);
  });
});

describe("loadHubModels", () => {
  let dir: string;
  const objs = [
    { _id: "a1", id: "org/one", downloads: 5, tags: ["x", "y"] },
    { _id: "a2", id: "org/two", downloads: 3, tags: ["y"] },
  ];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "omo-hub-load-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads .jsonl, .jsonl.gz and .json arrays alike", async () => {
    const jsonl = `${objs.map((o) => JSON.stringify(o)).join("\n")}\n\n`;
    await writeFile(path.join(dir, "m.jsonl"), jsonl);
    await writeFile(path.join(dir, "m.jsonl.gz"), gzipSync(jsonl));
    await writeFile(path.join(dir, "m.json"), JSON.stringify(objs));
    for (const name of ["m.jsonl", "m.jsonl.gz", "m.json"]) {
      expect(await loadHubModels(path.join(dir, name)), name).toEqual(objs);
    }
  });

  it("names the file and line of a bad record", async () => {
    await writeFile(path.join(dir, "bad.jsonl"), `${JSON.stringify(objs[0])}\n{"id": 42}\n`);
    await expect(loadHubModels(path.join(dir, "bad.jsonl"))).rejects.toThrow(/bad\.jsonl:2: field "id"/);
    await writeFile(path.join(dir, "broken.jsonl"), `${JSON.stringify(objs[0])}\n{not json\n`);
    await expect(loadHubModels(path.join(dir, "broken.jsonl"))).rejects.toThrow(/broken\.jsonl:2: invalid JSON/);
  });

  it("rejects unknown extensions, missing files and corrupt gzip", async () => {
    await expect(loadHubModels(path.join(dir, "m.csv"))).rejects.toThrow(InputError);
    await expect(loadHubModels(path.join(dir, "missing.jsonl"))).rejects.toThrow(InputError);
    await writeFile(path.join(dir, "corrupt.jsonl.gz"), Buffer.from("definitely not gzip"));
    await expect(loadHubModels(path.join(dir, "corrupt.jsonl.gz"))).rejects.toThrow(InputError);
  });
});
