import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HubError, InputError } from "../../src/errors.js";
import { buildListUrl, HubClient, type HubClientOptions, type RetryInfo } from "../../src/hub/client.js";
import { type HubServer, loadHubModels, startHubServer } from "../../src/hub/serve.js";
import { type HubModel, LIST_EXPAND } from "../../src/hub/types.js";
import { ROOT } from "../helpers.js";

const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");

const TOKEN = "hf_SeCrEtToKeN0123456789";

describe("buildListUrl", () => {
  it("defaults to sort=downloads, limit=1000 and one expand key per LIST_EXPAND value", () => {
    const url = new URL(buildListUrl("https://huggingface.co/"));
    expect(url.origin + url.pathname).toBe("https://huggingface.co/api/models");
    expect(url.searchParams.get("sort")).toBe("downloads");
    expect(url.searchParams.get("limit")).toBe("1000");
    expect(url.searchParams.getAll("expand")).toEqual([...LIST_EXPAND]);
  });

  it("adds author and search and honours explicit sort, limit and expand", () => {
    const url = buildListUrl("http://127.0.0.1:9", {
      author: "meta-llama",
      search: "Llama 2",
      sort: "likes",
      limit: 10,
      expand: ["downloads", "likes"],
    });
    expect(url).toBe(
      "http://127.0.0.1:9/api/models?author=meta-llama&search=Llama+2&sort=likes&limit=10&expand=downloads&expand=likes",
    );
  });

  it("HubClient refuses an endpoint that is not an http(s) URL", () => {
    expect(() => new HubClient({ endpoint: "huggingface.co" })).toThrow(InputError);
    expect(() => new HubClient({ endpoint: "ftp://huggingface.co" })).toThrow(InputError);
    expect(new HubClient({ endpoint: "https://huggingface.co/" }).listUrl({ limit: 5 })).toMatch(
      /^https:\/\/huggingface\.co\/api\/models\?sort=downloads&limit=5&expand=author&/,
    );
  });
});

describe("HubClient against the local Hub server", () => {
  let models: HubModel[];
  let server: HubServer;
  let delays: number[];
  let retries: RetryInfo[];

  const client = (opts: Partial<HubClientOptions> = {}) =>
    new HubClient({
      endpoint: server.url,
      token: TOKEN,
      sleep: async (ms) => {
        delays.push(ms);
      },
      onRetry: (info) => retries.push(info),
      ...opts,
    });
  const firstPage = () => buildListUrl(server.url, { limit: 10 });

  /** Walks every page from `url`, returning the ids in order. */
  async function crawl(c: HubClient, url: string): Promise<string[]> {
    const out: string[] = [];
    let next: string | null = url;
    while (next) {
      const page = await c.fetchPage(next);
      out.push(...page.items.map((m) => m.id));
      next = page.next;
    }
    return out;
  }

  beforeAll(async () => {
    models = (await loadHubModels(SUBSET)) as HubModel[];
    server = await startHubServer({ models });
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server.setFaults({});
    delays = [];
    retries = [];
  });

  it("follows Link over five pages of 10: exactly the served set, in order, no duplicates", async () => {
    const c = client();
    const page = await c.fetchPage(firstPage());
    expect(page.items).toHaveLength(10);
    expect(page.items[0]).toEqual({
      _id: "661f97d0b00f5f1f620c4f25",
      id: "meta-llama/Meta-Llama-3-8B-Instruct",
      likes: 3028,
      private: false,
      downloads: 2603550,
      tags: (models[0] as HubModel).tags,
      pipeline_tag: "text-generation",
      library_name: "transformers",
      createdAt: "2024-04-17T09:35:12.000Z",
    });
    expect(JSON.parse(page.body)).toHaveLength(10);
    expect(page.rateLimit).toEqual({ remaining: expect.any(Number), resetSeconds: expect.any(Number) });
    expect(page.next?.startsWith(`${server.url}/api/models?`)).toBe(true);

    const all = await crawl(c, firstPage());
    expect(all).toEqual(models.map((m) => m.id));
    expect(new Set(all).size).toBe(48);
    expect(retries).toEqual([]);
  });

  it("narrows by author through the same walk", async () => {
    const all = await crawl(client(), buildListUrl(server.url, { author: "lmsys", limit: 5 }));
    expect(all).toEqual(models.filter((m) => m.id.startsWith("lmsys/")).map((m) => m.id));
  });

  it("on 429 waits the RateLimit reset t + 1 seconds", async () => {
    server.setFaults({ at: { 1: "429:7" } });
    const page = await client().fetchPage(firstPage());
    expect(page.items).toHaveLength(10);
    expect(delays).toEqual([8000]);
    expect(retries).toEqual([{ url: firstPage(), attempt: 1, reason: "HTTP 429", delayMs: 8000 }]);
  });

  it("retries 500 and 503 with exponential backoff", async () => {
    server.setFaults({ at: { 1: 500, 2: 503, 3: 503 } });
    const page = await client({ baseDelayMs: 100 }).fetchPage(firstPage());
    expect(page.items).toHaveLength(10);
    expect(delays).toEqual([100, 200, 400]);
    expect(retries.map((r) => r.reason)).toEqual(["HTTP 500", "HTTP 503", "HTTP 503"]);
  });

  it("retries a dropped connection", async () => {
    server.setFaults({ at: { 1: "drop" } });
    const page = await client().fetchPage(firstPage());
    expect(page.items).toHaveLength(10);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.reason).toMatch(/^network error/);
  });

  it("retries a truncated body instead of returning it", async () => {
    server.setFaults({ at: { 1: "truncate" } });
    const page = await client().fetchPage(firstPage());
    expect(page.items).toHaveLength(10);
    expect(retries[0]?.reason).toMatch(/^invalid JSON body/);
  });

  it("retries a body cut off by a reset", async () => {
    server.setFaults({ at: { 1: "cut" } });
    const page = await client().fetchPage(firstPage());
    expect(page.items).toHaveLength(10);
    expect(retries[0]?.reason).toMatch(/^HTTP 200, body cut off: network error/);
  });

  it("aborts a response slower than timeoutMs and retries", async () => {
    // the slow answer comes well after the timeout, and the timeout leaves a normal loopback answer ample time even on
    // a machine busy with other tests (100 ms once timed out the retry too, under a full test run)
    server.setFaults({ at: { 1: "slow:6000" } });
    const page = await client({ timeoutMs: 2000 }).fetchPage(firstPage());
    expect(page.items).toHaveLength(10);
    expect(retries.map((r) => r.reason)).toEqual(["timed out after 2000 ms"]);
  });

  it("walks a listing under seeded random faults and still returns the exact set", async () => {
    server.setFaults({ rate: { p: 0.4, seed: 7, faults: [429, 500, 503, "drop", "truncate", "cut"] } });
    const before = server.stats.faultsInjected;
    const all = await crawl(client({ maxRetries: 10 }), buildListUrl(server.url, { limit: 4 }));
    expect(all).toEqual(models.map((m) => m.id));
    expect(server.stats.faultsInjected - before).toBeGreaterThan(0);
    expect(retries).toHaveLength(server.stats.faultsInjected - before);
  });

  it("gives up after maxRetries with a HubError carrying status and URL, backoff capped at maxDelay", async () => {
    server.setFaults({ every: { n: 1, fault: 503 } });
    const url = firstPage();
    const err = await client()
      .fetchPage(url)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).status).toBe(503);
    expect((err as HubError).url).toBe(url);
    expect((err as HubError).message).toContain("gave up after 6 attempts: HTTP 503");
    expect((err as HubError).message).toContain(url);
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it("never lets the token into errors or retry reasons", async () => {
    server.setFaults({ every: { n: 1, fault: "drop" } });
    const err = await client({ maxRetries: 2 })
      .fetchPage(firstPage())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).status).toBeUndefined();
    const texts = [String(err), (err as Error).stack ?? "", JSON.stringify(retries)];
    for (const text of texts) expect(text).not.toContain(TOKEN);

    const badToken = "not-an-hf-token-SeCrEt";
    const rejected = await client({ token: badToken })
      .fetchPage(firstPage())
      .catch((e: unknown) => e);
    expect((rejected as HubError).status).toBe(401);
    expect(String(rejected)).not.toContain(badToken);
  });

  it("rejects a page that fails HubModelPageSchema after retrying it", async () => {
    const bad = await startHubServer({ models: [{ _id: "b1", id: "x/negative", downloads: -5 }] });
    try {
      const err = await client({ endpoint: bad.url, maxRetries: 1 })
        .fetchPage(buildListUrl(bad.url))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HubError);
      expect((err as HubError).message).toMatch(
        /gave up after 2 attempts: page does not match HubModelPageSchema at 0\.downloads/,
      );
      expect(bad.stats.listRequests).toBe(2);
    } finally {
      await bad.close();
    }
  });

  it("fails at once on a URL that is not absolute http(s)", async () => {
    await expect(client().fetchPage("/api/models")).rejects.toThrow(/not an absolute http\(s\) URL/);
    expect(retries).toEqual([]);
  });

  it("fails at once on 400 with the Hub's error text", async () => {
    const url = buildListUrl(server.url, { expand: ["downloads", "usedStorage"] });
    const err = await client()
      .fetchPage(url)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).status).toBe(400);
    expect((err as HubError).message).toContain("Invalid option: expected one of");
    expect((err as HubError).message).toContain("at expand[1]");
    expect(retries).toEqual([]);
  });

  it("fetches model info, and fails at once with RepoNotFound for an unknown id", async () => {
    const info = (await client().modelInfo("LMSYS/vicuna-7b-v1.5")) as HubModel;
    expect(info.id).toBe("lmsys/vicuna-7b-v1.5");
    expect(info.downloads).toBe(models.find((m) => m.id === "lmsys/vicuna-7b-v1.5")?.downloads);
    const err = await client()
      .modelInfo("nobody/nothing")
      .catch((e: unknown) => e);
    expect((err as HubError).status).toBe(404);
    expect((err as HubError).message).toContain("(RepoNotFound): Repository not found");
    expect((err as HubError).url).toBe(`${server.url}/api/models/nobody/nothing/revision/HEAD`);
    expect(retries).toEqual([]);
  });

  it("sends the token only to the endpoint's own origin", async () => {
    const seen: (string | undefined)[] = [];
    const other = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    try {
      const port = (other.address() as AddressInfo).port;
      const c = client();
      await c.fetchPage(`http://127.0.0.1:${port}/api/models`);
      await new HubClient({ endpoint: `http://127.0.0.1:${port}`, token: TOKEN }).fetchPage(
        `http://127.0.0.1:${port}/api/models`,
      );
      expect(seen).toEqual([undefined, `Bearer ${TOKEN}`]);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});

describe("HubClient bounds", () => {
  /** A server whose every answer is `respond(res)`. */
  async function serverWith(respond: (res: import("node:http").ServerResponse) => void) {
    const srv = createServer((_req, res) => respond(res));
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    return { url, close: () => new Promise<void>((r) => srv.close(() => r())) };
  }

  for (const seconds of [2_147_484, 1_728_000]) {
    it(`fails at once, naming the header, when Retry-After asks for ${seconds} s (no wait at all)`, async () => {
      const srv = await serverWith((res) => res.writeHead(503, { "retry-after": String(seconds) }).end());
      const delays: number[] = [];
      const c = new HubClient({ endpoint: srv.url, sleep: async (ms) => void delays.push(ms) });
      try {
        await expect(c.fetchPage(`${srv.url}/api/models`)).rejects.toThrow(
          new RegExp(`the server asks to wait ${seconds} s \\(Retry-After: ${seconds}\\), more than the 600 s allowed`),
        );
        expect(delays).toEqual([]);
      } finally {
        await srv.close();
      }
    });
  }

  it("fails naming RateLimit when its reset is too far, and waits a short one as asked", async () => {
    let n = 0;
    const srv = await serverWith((res) => {
      n++;
      if (n === 1) return res.writeHead(429, { ratelimit: '"api";r=0;t=30' }).end();
      if (n === 2) return res.writeHead(200, { "content-type": "application/json" }).end("[]");
      res.writeHead(429, { ratelimit: '"api";r=0;t=86400' }).end();
    });
    const delays: number[] = [];
    const c = new HubClient({ endpoint: srv.url, sleep: async (ms) => void delays.push(ms), maxWaitMs: 60_000 });
    try {
      expect((await c.fetchPage(`${srv.url}/api/models`)).items).toEqual([]);
      expect(delays).toEqual([31_000]);
      await expect(c.fetchPage(`${srv.url}/api/models`)).rejects.toThrow(
        /the server asks to wait 86401 s \(RateLimit: "api";r=0;t=86400\), more than the 60 s allowed/,
      );
      expect(delays).toEqual([31_000]);
    } finally {
      await srv.close();
    }
  });

  it("refuses a body over the limit, announced or streamed, without retrying", async () => {
    const big = `[${Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ id: `org/m-${i}`, downloads: i })).join(",")}]`;
    expect(big.length).toBeGreaterThan(1_000_000);
    let requests = 0;
    const announced = await serverWith((res) => {
      requests++;
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(big)) });
      res.end(big);
    });
    const streamed = await serverWith((res) => {
      requests++;
      res.writeHead(200, { "content-type": "application/json" }); // chunked: no Content-Length
      for (let i = 0; i < big.length; i += 65_536) res.write(big.slice(i, i + 65_536));
      res.end();
    });
    try {
      for (const srv of [announced, streamed]) {
        requests = 0;
        const c = new HubClient({ endpoint: srv.url, maxBodyBytes: 1_000_000, sleep: async () => undefined });
        await expect(c.fetchPage(`${srv.url}/api/models`)).rejects.toThrow(
          /response body larger than 1000000 bytes \((Content-Length \d+|over 1000000 bytes read)/,
        );
        expect(requests).toBe(1);
      }
      // the same body within a larger limit is read whole
      const ok = new HubClient({ endpoint: announced.url, maxBodyBytes: 4_000_000 });
      expect((await ok.fetchPage(`${announced.url}/api/models`)).items).toHaveLength(30_000);
    } finally {
      await announced.close();
      await streamed.close();
    }
  });
});
