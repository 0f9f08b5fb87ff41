/**
 * Watchlists and alerts over two real snapshots: the committed sample as 2024-07-11 without one real derivative of
 * meta-llama/Llama-2-7b-chat-hf (TheBloke/Llama-2-7B-Chat-GPTQ), and the meta-llama/lmsys cut of the same listing
 * plus that derivative as 2024-08-11 — so the derivative is new at the second snapshot. `omo alerts check` (in
 * process): a rule that fires, rules that do not, a new derivative, the exit code, bad files; the Atom feeds parsed
 * by a maintained XML parser; `omo watch --once` delivering the alerts to a webhook on 127.0.0.1, and a failing or
 * absent receiver that does not stop the collect. With ../shared, a change rule on two real daily snapshots.
 */
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWatchlist } from "../../src/alerts/watchlist.js";
import { loadHubModels, startHubServer } from "../../src/hub/serve.js";
import { importFiles } from "../../src/ingest/import-files.js";
import { buildApp } from "../../src/server/app.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { openStore } from "../../src/store/open.js";
import { hasShared, ROOT, runMain, SAMPLE, SHARED, tempDir } from "../helpers.js";

const CHAT = "meta-llama/Llama-2-7b-chat-hf";
const NEW_CHILD = "TheBloke/Llama-2-7B-Chat-GPTQ";
const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");

const tmp = tempDir("omo-alerts-");
const file = (name: string, text: string) => {
  const p = path.join(tmp.dir, name);
  writeFileSync(p, text);
  return p;
};

/** The sample's lines, and the one line of the derivative held back for the second snapshot. */
const sampleLines = gunzipSync(readFileSync(SAMPLE)).toString("utf8").split("\n").filter(Boolean);
const childLine = sampleLines.find((l) => (JSON.parse(l) as { id: string }).id === NEW_CHILD) as string;
const firstLines = sampleLines.filter((l) => l !== childLine);
const secondLines = [...readFileSync(SUBSET, "utf8").split("\n").filter(Boolean), childLine];

/** A database with the first snapshot only (the watch tests crawl the second). */
async function firstOnly(name: string): Promise<string> {
  const db = path.join(tmp.dir, name);
  const s = await DuckDBStore.open(db);
  await importFiles(s, [file("first-2024-07-11.jsonl", `${firstLines.join("\n")}\n`)]);
  await s.close();
  return db;
}

let db = "";
const WATCHLIST = `name: publisher
title: A publisher's watchlist
rules:
  - id: lmsys-above-1m
    org: lmsys
    above: 1000000
  - id: vicuna-above-1m
    family: vicuna
    above: 1000000
  - id: chat-drop
    model: ${CHAT}
    change: "-30%"
  - id: chat-derivatives
    new-derivatives-of: ${CHAT}
`;
let watchlist = "";
let quiet = "";

beforeAll(async () => {
  db = await firstOnly("two.duckdb");
  const s = await DuckDBStore.open(db);
  await importFiles(s, [file("second.jsonl", `${secondLines.join("\n")}\n`)], { date: "2024-08-11" });
  await s.close();
  watchlist = file("publisher.yaml", WATCHLIST);
  quiet = file(
    "quiet.yaml",
    `rules:\n  - family: vicuna\n    above: 1000000\n  - model: ${CHAT}\n    change: "-30%"\n`,
  );
}, 120_000);

afterAll(() => tmp.cleanup());

interface Result {
  id: string;
  status: string;
  newly: boolean;
  value: number | null;
  before: number | null;
  changePct: number | null;
  derivatives?: Array<{ id: string; relation: string; downloads: number }>;
  reason: string;
}

describe("omo alerts check", () => {
  it("a rule that fires, rules that do not, a new derivative; exit 1 with the count", async () => {
    const r = await runMain(["--db", db, "alerts", "check", watchlist, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("omo: 2 alert rules fired\n");
    const report = JSON.parse(r.stdout) as { date: string; previous: string; results: Result[]; counts: unknown };
    expect(report).toMatchObject({ date: "2024-08-11", previous: "2024-07-11" });
    expect(report.counts).toEqual({ fired: 2, quiet: 2, unknown: 0 });
    const by = Object.fromEntries(report.results.map((x) => [x.id, x]));
    // lmsys: 18 repos, 1,296,549 downloads at both snapshots: beyond the threshold, but already before
    expect(by["lmsys-above-1m"]).toMatchObject({ status: "fired", newly: false, value: 1_296_549, before: 1_296_549 });
    // vicuna: the 13 official repos (695,234) and their derivatives listed at 2024-08-11
    expect(by["vicuna-above-1m"]).toMatchObject({ status: "quiet", value: 695_234 });
    expect(by["chat-drop"]).toMatchObject({ status: "quiet", value: 865_927, before: 865_927, changePct: 0 });
    expect(by["chat-derivatives"]).toMatchObject({ status: "fired", newly: true, value: 1 });
    expect(by["chat-derivatives"]?.derivatives).toEqual([
      expect.objectContaining({ id: NEW_CHILD, relation: "unknown", downloads: 32_137 }),
    ]);
    expect(by["chat-derivatives"]?.reason).toContain(`listed at 2024-08-11 and in no snapshot up to 2024-07-11`);
  });

  it("the table names each rule with its figures; a watchlist that does not fire exits 0", async () => {
    const table = await runMain(["--db", db, "alerts", "check", watchlist]);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain("snapshot 2024-08-11 against 2024-07-11");
    expect(table.stdout).toMatch(
      /lmsys-above-1m\s+fired \(already before\)\s+org lmsys downloads above 1,000,000\s+1,296,549/,
    );
    expect(table.stdout).toMatch(/chat-derivatives\s+fired\s+new derivatives of meta-llama\/Llama-2-7b-chat-hf/);
    expect(table.stdout).toContain("2 fired, 2 quiet, 0 unknown");
    const ok = await runMain(["--db", db, "alerts", "check", quiet, "--json"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).counts).toEqual({ fired: 0, quiet: 2, unknown: 0 });
  });

  it("--date: the first snapshot has nothing before it, so changes and new derivatives are unknown", async () => {
    const r = await runMain(["--db", db, "alerts", "check", watchlist, "--date", "2024-07-11", "--json"]);
    const report = JSON.parse(r.stdout) as { previous: string | null; results: Result[] };
    expect(report.previous).toBeNull();
    const by = Object.fromEntries(report.results.map((x) => [x.id, x]));
    expect(by["chat-derivatives"]).toMatchObject({ status: "unknown" });
    expect(by["chat-derivatives"]?.reason).toContain("every derivative would look new");
    expect(by["chat-drop"]).toMatchObject({ status: "unknown" });
    expect(by["lmsys-above-1m"]).toMatchObject({ status: "fired", newly: true });
    expect(r.code).toBe(1);
    const bad = await runMain(["--db", db, "alerts", "check", watchlist, "--date", "2024-07-12"]);
    expect(bad).toMatchObject({ code: 1, stderr: "omo: no complete snapshot for 2024-07-12\n" });
  });

  it("a bad watchlist is one line naming the file, the line and the field; nothing is evaluated", async () => {
    const cases: Array<[string, RegExp]> = [
      [
        "rules:\n  - family: llama2\n    above: 5\n",
        /bad1\.yaml:2: field "rules\.0\.family": unknown family "llama2"; known families: .*llama-2/,
      ],
      [
        "rules:\n  - model: a/b\n    family: vicuna\n    above: 5\n",
        /bad2\.yaml:3: field "rules\.0\.family": a rule names exactly one of/,
      ],
      [
        "rules:\n  - model: a/b\n    change: lots\n",
        /bad3\.yaml:3: field "rules\.0\.change": expected a change in percent/,
      ],
      [
        "rules:\n  - model: a/b\n    above: 5\n    below: 3\n",
        /bad4\.yaml:4: field "rules\.0\.below": a rule takes exactly one of above, below, change/,
      ],
      [
        "rules:\n  - new-derivatives-of: a/b\n    above: 5\n",
        /bad5\.yaml:3: field "rules\.0\.above": new-derivatives-of takes no/,
      ],
      [
        "rules:\n  - model: a/b\n    metric: repos\n    above: 5\n",
        /bad6\.yaml:3: field "rules\.0\.metric": metric repos is not measured for a model/,
      ],
      [
        "rules:\n  - model: not-an-id\n    above: 5\n",
        /bad7\.yaml:2: field "rules\.0\.model": expected a model id author\/name/,
      ],
      ["rules: [\n", /bad8\.yaml:\d+: invalid YAML/],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      const f = file(`bad${i + 1}.yaml`, text);
      const r = await runMain(["--db", db, "alerts", "check", f]);
      expect(r.code, text).toBe(1);
      expect(r.stdout, text).toBe("");
      expect(r.stderr.trim().split("\n"), text).toHaveLength(1);
      expect(r.stderr, text).toMatch(message);
    }
    const missing = await runMain(["--db", db, "alerts", "check", path.join(tmp.dir, "none.yaml")]);
    expect(missing.stderr).toMatch(/none\.yaml: cannot read the watchlist file/);
  });
});

describe("Atom feeds", () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    isArray: (n) => n === "entry" || n === "link",
  });
  let app: Awaited<ReturnType<typeof buildApp>>;
  let store: Awaited<ReturnType<typeof openStore>>;

  beforeAll(async () => {
    store = await openStore(db);
    app = await buildApp({ store, rateLimit: false, watchlists: [await loadWatchlist(watchlist)] });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  /** Fetches a feed, checks it is well-formed XML and an Atom 1.0 feed (RFC 4287's required elements). */
  async function atom(url: string) {
    const r = await app.inject(url);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(XMLValidator.validate(r.body)).toBe(true);
    const doc = parser.parse(r.body) as { feed: Record<string, unknown> };
    const feed = doc.feed as {
      "@xmlns": string;
      id: string;
      title: string;
      updated: string;
      author?: { name: string };
      link: Array<{ "@rel"?: string; "@href": string }>;
      entry?: Array<{
        id: string;
        title: { "#text": string } | string;
        updated: string;
        link: Array<{ "@href": string }>;
        content?: unknown;
        summary?: unknown;
      }>;
    };
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(String(feed.title)).not.toBe("");
    expect(feed.updated).toMatch(rfc3339);
    expect(feed.author?.name).toBeTruthy();
    expect(feed.link.find((l) => l["@rel"] === "self")?.["@href"]).toMatch(/^http:\/\/.+\.atom$/);
    const entries = feed.entry ?? [];
    for (const e of entries) {
      expect(e.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(e.updated).toMatch(rfc3339);
      expect(e.link[0]?.["@href"]).toMatch(/^http:\/\/[^/]+\/#\//);
      expect(e.content ?? e.summary).toBeTruthy();
    }
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const title = (e: (typeof entries)[number]) => (typeof e.title === "string" ? e.title : e.title["#text"]);
    return { feed, entries, titles: entries.map(title), body: r.body };
  }

  it("a watchlist's feed has one entry per newly fired rule and snapshot", async () => {
    const { titles, entries, body } = await atom("/feeds/watchlist/publisher.atom");
    // lmsys was already above 1M at the first snapshot (which has no previous one): no entry; the new derivative: one
    expect(titles).toEqual([`new derivatives of ${CHAT}: fired on 2024-08-11`]);
    expect(body).toContain(NEW_CHILD);
    expect(entries[0]?.link[0]?.["@href"]).toMatch(/\/#\/model\/meta-llama\/Llama-2-7b-chat-hf$/);
    const again = await atom("/feeds/watchlist/publisher.atom");
    expect(again.entries.map((e) => e.id)).toEqual(entries.map((e) => e.id));
    const none = await app.inject("/feeds/watchlist/other.atom");
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toContain("watchlists: publisher");
  });

  it("a model's and a family's feeds: one entry per snapshot, newest first, the new derivative named", async () => {
    const m = await atom(`/feeds/model/${CHAT}.atom`);
    expect(m.titles).toEqual([
      `${CHAT} on 2024-08-11: 865,927 downloads in 30 days (+0.0% since the previous snapshot), 1 new derivative`,
      `${CHAT} on 2024-07-11: 865,927 downloads in 30 days`,
    ]);
    expect(m.body).toContain(`${NEW_CHILD} (untyped link, 32,137 downloads)`);
    const f = await atom("/feeds/family/Vicuna.atom");
    expect(f.titles[0]).toMatch(/^Vicuna on 2024-08-11: 695,234 downloads in 30 days \(\+0\.0% like for like\)/);
    expect(f.entries).toHaveLength(2);
    for (const [url, status] of [
      ["/feeds/family/nope.atom", 404],
      ["/feeds/family/vicuna.rss", 404],
      ["/feeds/model/no/such-model.atom", 404],
    ] as const) {
      expect((await app.inject(url)).statusCode, url).toBe(status);
    }
  });
});

describe("omo watch --watchlist --webhook", () => {
  let hub: Awaited<ReturnType<typeof startHubServer>>;
  let receiver: http.Server;
  let receiverUrl = "";
  /** What the receiver answers, and what it got. */
  let answer = 200;
  const got: Array<{ body: unknown; type: string | undefined }> = [];

  beforeAll(async () => {
    const models = await loadHubModels(file("second-hub.jsonl", `${secondLines.join("\n")}\n`));
    hub = await startHubServer({ models, pageSize: 10 });
    receiver = http.createServer((req, res) => {
      let text = "";
      req.on("data", (d) => {
        text += d;
      });
      req.on("end", () => {
        got.push({ body: JSON.parse(text), type: req.headers["content-type"] });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const a = receiver.address() as { port: number };
    receiverUrl = `http://127.0.0.1:${a.port}/hook`;
  });
  afterAll(async () => {
    await hub?.close();
    await new Promise((r) => receiver?.close(r));
  });

  const watch = (database: string, ...extra: string[]) =>
    runMain([
      "--db",
      database,
      "watch",
      "--once",
      "--endpoint",
      hub.url,
      "--date",
      "2024-08-11",
      "--page-size",
      "10",
      "--watchlist",
      watchlist,
      ...extra,
    ]);

  it("after the crawl the watchlist is checked and the newly fired alerts are POSTed as JSON", async () => {
    got.length = 0;
    answer = 200;
    const d = await firstOnly("watch-ok.duckdb");
    const r = await watch(d, "--webhook", receiverUrl);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("omo watch: watchlist publisher at 2024-08-11: 2 fired (1 new), 2 quiet, 0 unknown");
    expect(r.stderr).toMatch(/omo watch: webhook delivered 1 alert\(s\) of publisher \(HTTP 200, 1 attempt\(s\)\)/);
    expect(got).toHaveLength(1);
    expect(got[0]?.type).toBe("application/json");
    const body = got[0]?.body as { source: string; date: string; previous: string; fired: Result[] };
    expect(body).toMatchObject({ source: "omo", date: "2024-08-11", previous: "2024-07-11" });
    expect(body.fired.map((x) => x.id)).toEqual(["chat-derivatives"]);
    expect(body.fired[0]?.derivatives?.[0]).toMatchObject({ id: NEW_CHILD, downloads: 32_137 });
  });

  it("a receiver that fails, or is not there, does not stop the collect", async () => {
    got.length = 0;
    answer = 500;
    const d = await firstOnly("watch-fail.duckdb");
    const r = await watch(d, "--webhook", receiverUrl, "--webhook-retries", "1", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ date: "2024-08-11", models: 49 });
    expect(got).toHaveLength(2);
    expect(r.stderr).toContain("omo watch: webhook: attempt 1 failed (HTTP 500); retry in 1000 ms");
    expect(r.stderr).toContain(
      "omo watch: webhook failed for publisher after 2 attempt(s): HTTP 500; the snapshot is kept",
    );
    const snaps = await runMain(["--db", d, "snapshots", "--json"]);
    expect((JSON.parse(snaps.stdout) as Array<{ date: string }>).map((s) => s.date)).toEqual([
      "2024-08-11",
      "2024-07-11",
    ]);

    // nobody listening: a connection refused, retried, and the snapshot is kept
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const d2 = await firstOnly("watch-gone.duckdb");
    const gone = await watch(d2, "--webhook", `http://127.0.0.1:${port}/hook`, "--webhook-retries", "0");
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stderr).toMatch(
      /webhook failed for publisher after 1 attempt\(s\): ECONNREFUSED; the snapshot is kept/,
    );
  });

  it("refuses a bad webhook or watchlist before crawling", async () => {
    const d = path.join(tmp.dir, "refused.duckdb");
    const requests = hub.stats.listRequests;
    const a = await watch(d, "--webhook", "ftp://x");
    expect(a).toMatchObject({
      code: 1,
      stderr: 'omo: invalid --webhook "ftp://x": expected an http:// or https:// URL\n',
    });
    const b = await runMain(["--db", d, "watch", "--once", "--endpoint", hub.url, "--webhook", receiverUrl]);
    expect(b.stderr).toBe("omo: --webhook needs --watchlist: the webhook gets the watchlists' alerts\n");
    const bad = file("bad-watch.yaml", "rules:\n  - family: nope\n    above: 1\n");
    const c = await runMain(["--db", d, "watch", "--once", "--endpoint", hub.url, "--watchlist", bad]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/bad-watch\.yaml:2: field "rules\.0\.family": unknown family "nope"/);
    expect(hub.stats.listRequests).toBe(requests);
  });
});

const DAILY = path.join(SHARED, "data/hub/daily-2026-08");

describe.skipIf(!hasShared())("a change rule on two real daily snapshots (../shared daily-2026-08)", () => {
  const CODER = "Qwen/Qwen3-Coder-480B-A35B-Instruct";
  type Day = { models: Array<{ id: string; downloads: number }> };
  const day = (d: string) => JSON.parse(readFileSync(path.join(DAILY, `${d}.json`), "utf8")) as Day;

  it("a model's -16.2 % fires a -15% rule and not a -30% one; an organisation's change is like for like", async () => {
    const d = path.join(tmp.dir, "daily.duckdb");
    const s = await DuckDBStore.open(d);
    await importFiles(s, [path.join(DAILY, "2026-08-21.json")]);
    await importFiles(s, [path.join(DAILY, "2026-08-22.json")]);
    await s.close();
    const w = file(
      "daily.yaml",
      `rules:\n  - id: coder-15\n    model: ${CODER}\n    change: "-15%"\n  - id: coder-30\n    model: ${CODER}\n    change: "-30%"\n  - id: qwen-5\n    org: Qwen\n    change: "5%"\n`,
    );
    const r = await runMain(["--db", d, "alerts", "check", w, "--json"]);
    const by = Object.fromEntries((JSON.parse(r.stdout).results as Result[]).map((x) => [x.id, x]));
    const a = day("2026-08-21").models;
    const b = day("2026-08-22").models;
    const at = (list: Day["models"], id: string) => list.find((m) => m.id === id)?.downloads as number;
    expect(by["coder-15"]).toMatchObject({ status: "fired", before: at(a, CODER), value: at(b, CODER) });
    expect(by["coder-15"]?.changePct).toBeCloseTo((100 * (at(b, CODER) - at(a, CODER))) / at(a, CODER), 9);
    expect(by["coder-30"]?.status).toBe("quiet");
    // Qwen: the repos listed at both days, summed
    const before = new Map(a.filter((m) => m.id.startsWith("Qwen/")).map((m) => [m.id, m.downloads]));
    const common = b.filter((m) => m.id.startsWith("Qwen/") && before.has(m.id));
    const sa = common.reduce((t, m) => t + (before.get(m.id) as number), 0);
    const sb = common.reduce((t, m) => t + m.downloads, 0);
    const pct = (100 * (sb - sa)) / sa;
    expect(by["qwen-5"]).toMatchObject({ before: sa, value: sb, status: Math.abs(pct) >= 5 ? "fired" : "quiet" });
    expect(by["qwen-5"]?.reason).toContain(`over the ${common.length} repos listed at both 2026-08-21 and 2026-08-22`);
    expect(r.code).toBe(Object.values(by).some((x) => x.status === "fired") ? 1 : 0);
  });
});
